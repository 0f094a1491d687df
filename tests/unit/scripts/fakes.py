"""A process table and components that live in memory, so the stack's logic runs without processes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scripts.local_stack.components.base import Component
from scripts.local_stack.model import Stack
from scripts.local_stack.registry import Registry


@dataclass
class FakeProcess:
    command_line: str = ""
    environment: list[str] = field(default_factory=list)
    state: str = "S"
    # How many reads of the command line come back empty first, as while exec() runs.
    exec_reads: int = 0


class FakeProcessTable:
    def __init__(self, processes: dict[int, FakeProcess] | None = None):
        self.processes = processes or {}
        self.reaped: list[int] = []

    def command_line(self, pid: int) -> str:
        process = self.processes.get(pid)
        if process is None or process.state in ("Z", "X"):
            return ""
        if process.exec_reads:
            process.exec_reads -= 1
            return ""
        return process.command_line

    def environment(self, pid: int) -> list[str]:
        process = self.processes.get(pid)
        return process.environment if process else []

    def state(self, pid: int) -> str:
        process = self.processes.get(pid)
        return process.state if process else ""

    def exists(self, pid: int) -> bool:
        return pid in self.processes

    def reap(self, pid: int) -> None:
        self.reaped.append(pid)


@dataclass
class World:
    """What the fake components do, in order, and which of them run."""

    events: list[str] = field(default_factory=list)
    running: set[str] = field(default_factory=set)
    problems: dict[str, str] = field(default_factory=dict)
    not_ready: set[str] = field(default_factory=set)


class FakeComponent(Component):
    world: World

    @property
    def marker(self) -> str:
        return self.name

    def running(self) -> bool:
        return self.name in self.world.running

    def pid(self) -> int | None:
        return 100 + self.port_offset if self.running() else None

    def problem(self) -> str | None:
        return self.world.problems.get(self.name)

    def ports(self) -> tuple[int, ...]:
        # Never probed: real stacks of other people may listen on any port of this machine.
        return ()

    def start(self) -> None:
        self.world.events.append(f"start {self.name}")
        self.world.running.add(self.name)

    def ready(self) -> bool:
        return self.name not in self.world.not_ready

    def provision(self) -> None:
        self.world.events.append(f"provision {self.name}")

    def stop(self) -> None:
        self.world.events.append(f"stop {self.name}")
        self.world.running.discard(self.name)


def fake_kind(
    world: World, name: str, phase: int, offset: int, group: str | None = None
) -> type[Component]:
    attributes = {
        "name": name,
        "phase": phase,
        "port_offset": offset,
        "group": group,
        "world": world,
        "ready_timeout": 0.5,
    }
    return type(name.title(), (FakeComponent,), attributes)


def fake_stack(registry: Registry, home: Path, name: str = "unit", base: int = 7000) -> Stack:
    return Stack(name, base, registry, home)
