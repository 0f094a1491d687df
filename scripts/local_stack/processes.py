"""The process table, read through a protocol so that ownership checks can be tested with a fake.

Pids get reused: a pid file only says which process a stack started, and the process's command
line (and, for services, its environment) says whether that pid is still it.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

# A process in the middle of exec() has no command line yet; this long is waited for one.
EXEC_PATIENCE = 1.0


class ProcessTable(Protocol):
    def command_line(self, pid: int) -> str:
        """Its arguments joined by spaces; empty for zombies, exec() in progress, or no process."""
        ...

    def environment(self, pid: int) -> list[str]:
        """Its `KEY=value` entries; empty when unreadable."""
        ...

    def state(self, pid: int) -> str:
        """The one-letter state (R, S, Z, ...); empty when there is no such process."""
        ...

    def exists(self, pid: int) -> bool: ...

    def reap(self, pid: int) -> None:
        """Collect the exit status of a child of ours, so that it does not linger as a zombie."""
        ...


class ProcFS:
    """Linux's /proc."""

    def command_line(self, pid: int) -> str:
        try:
            raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return ""
        return raw.replace(b"\0", b" ").decode(errors="replace")

    def environment(self, pid: int) -> list[str]:
        try:
            return Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            return []

    def state(self, pid: int) -> str:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except (OSError, IndexError):
            return ""

    def exists(self, pid: int) -> bool:
        return Path(f"/proc/{pid}").exists()

    def reap(self, pid: int) -> None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


PROCESSES: ProcessTable = ProcFS()


def read_pid(path: Path) -> int | None:
    """The first word of a pid file (PostgreSQL's postmaster.pid has more lines after it)."""
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def is_alive(
    pid: int,
    marker: str,
    table: ProcessTable = PROCESSES,
    patience: float = EXEC_PATIENCE,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """Alive and still the process we started: `marker` is part of its command line."""
    table.reap(pid)
    deadline = time.monotonic() + patience
    while True:
        command = table.command_line(pid)
        if command:
            return marker in command
        if table.state(pid) in ("", "Z", "X") or time.monotonic() > deadline:
            return False
        sleep(0.01)


def has_environment(pid: int, entry: str, table: ProcessTable = PROCESSES) -> bool:
    return entry in table.environment(pid)
