"""Every scoring test reads scoring's settings (runs, reports, monitoring and submissions do)."""

import pytest


@pytest.fixture(autouse=True)
def _settings_held_still(assessment_settings_read: None) -> None:
    """See `assessment_settings_read` in tests/conftest.py."""
