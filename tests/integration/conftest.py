"""Every test under tests/integration talks to the real PostgreSQL and Kafka of a running stack, so every one is marked
`integration` here rather than file by file (a new file cannot forget it)."""

from pathlib import Path

import pytest

from services.common.settings import PlatformSettings
from tests.integration.scoring.world import note_years_in_use

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A conftest's hook sees the whole session's items, not only this folder's.
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session", autouse=True)
async def years_in_use(stack: PlatformSettings) -> None:
    await note_years_in_use(stack)
