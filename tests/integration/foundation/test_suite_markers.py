"""The collected suite: every test under tests/integration and tests/e2e carries exactly its
folder's marker, so `-m "not integration and not e2e"` leaves the unit tests alone."""

import asyncio
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


async def test_no_integration_or_e2e_test_is_unmarked_or_marked_twice():
    strays = "not (integration or e2e) or (integration and e2e)"
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    collected = await asyncio.to_thread(
        subprocess.run,
        [*command, "-m", strays, "tests/integration", "tests/e2e"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    # pytest exits with 5 when it collected nothing, and lists what it did collect otherwise.
    assert collected.returncode == 5, collected.stdout + collected.stderr
