"""Test runs sharing a stack.

A test run starts what the stack lacks and stops it afterwards; several runs may share a stack,
so each holds a lease (a file named by its pid) and whatever they started is stopped only when
the last of them finishes.
"""

from __future__ import annotations

import json
from pathlib import Path

from scripts.local_stack.model import Stack
from scripts.local_stack.processes import PROCESSES, ProcessTable

TESTS_STARTED = "started-by-tests.json"
TEST_RUNS = "test-runs"


class TestRuns:
    # Not a test class, whatever its name says to pytest.
    __test__ = False

    def __init__(self, stack: Stack, processes: ProcessTable = PROCESSES):
        self.stack = stack
        self.processes = processes

    @property
    def leases(self) -> Path:
        return self.stack.run / TEST_RUNS

    @property
    def record(self) -> Path:
        return self.stack.run / TESTS_STARTED

    def join(self, pid: int) -> None:
        self.leases.mkdir(parents=True, exist_ok=True)
        (self.leases / str(pid)).touch()

    def leave(self, pid: int) -> None:
        (self.leases / str(pid)).unlink(missing_ok=True)

    def live(self) -> list[int]:
        """The runs still holding a lease; leases of runs that died are removed."""
        live = []
        for lease in sorted(self.leases.glob("*")) if self.leases.exists() else []:
            if lease.name.isdigit() and self.processes.exists(int(lease.name)):
                live.append(int(lease.name))
            else:
                lease.unlink(missing_ok=True)
        return live

    def record_started(self, names: list[str]) -> None:
        known = self.started()
        self.record.parent.mkdir(parents=True, exist_ok=True)
        self.record.write_text(json.dumps(sorted(known | set(names))))

    def started(self) -> set[str]:
        return set(json.loads(self.record.read_text())) if self.record.exists() else set()

    def forget_started(self) -> None:
        self.record.unlink(missing_ok=True)

    def to_stop(self) -> tuple[str, ...]:
        """What the tests started, in start order."""
        started = self.started()
        return tuple(name for name in self.stack.registry.names if name in started)
