"""What every component of a stack is: a long-running process, tracked by its pid file.

A component class says, as class attributes, everything the rest of the stack needs to know about
it without starting it: its name, its ports, the phase it starts in, the group `--only` may name
it by, the databases it needs and what it adds to the stack's environment.
"""

from __future__ import annotations

from typing import ClassVar

from scripts.local_stack.model import Stack
from scripts.local_stack.probes import port_open
from scripts.local_stack.process_control import terminate
from scripts.local_stack.processes import PROCESSES, ProcessTable, is_alive, read_pid

# Start phases: a phase starts once every component of the phases before it is ready, and the
# components of one phase start side by side. A component that needs the gateway takes a later
# number; stopping goes through the phases in reverse.
INFRA = 0  # PostgreSQL and Kafka, which everything else needs
SERVICES = 1  # the subgraphs, which the gateway composes
GATEWAY = 2


class Component:
    name: ClassVar[str] = ""
    phase: ClassVar[int] = INFRA
    # Offsets from the stack's port base: the component's own port, and any more it listens on.
    port_offset: ClassVar[int] = 0
    extra_ports: ClassVar[tuple[tuple[str, int], ...]] = ()
    # A word `--only` accepts for all the components that share it (infra, services).
    group: ClassVar[str | None] = None
    ready_timeout: ClassVar[float] = 60.0

    def __init__(self, stack: Stack, processes: ProcessTable = PROCESSES):
        self.stack = stack
        self.processes = processes

    @classmethod
    def port_offsets(cls) -> dict[str, int]:
        """Port name -> offset; the component's own port goes by the component's name."""
        return {cls.name: cls.port_offset, **dict(cls.extra_ports)}

    @classmethod
    def databases(cls) -> tuple[str, ...]:
        """The PostgreSQL databases (each with a role of the same name) this component uses."""
        return ()

    @classmethod
    def environment(cls, stack: Stack) -> dict[str, str]:
        """What this component adds to the stack's environment (its address, for example)."""
        return {}

    @property
    def port(self) -> int:
        return self.stack.port(self.name)

    @property
    def marker(self) -> str:
        """A piece of the process's command line that identifies it."""
        raise NotImplementedError

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def pid(self) -> int | None:
        return read_pid(self.stack.pidfile(self.name))

    def owns(self, pid: int) -> bool:
        return is_alive(pid, self.marker, self.processes)

    def running(self) -> bool:
        pid = self.pid()
        return pid is not None and self.owns(pid)

    def problem(self) -> str | None:
        """Why this component cannot start on this machine, checked before anything starts."""
        return None

    def ports(self) -> tuple[int, ...]:
        return tuple(self.stack.port(name) for name in self.port_offsets())

    def start(self) -> None:
        raise NotImplementedError

    def ready(self) -> bool:
        return port_open(self.port)

    def provision(self) -> None:
        """Idempotent set-up once the component answers (roles, topics)."""

    def load_demo_data(self) -> None:
        """Idempotent demo data, loaded by `up` once every component is ready."""

    def stop(self) -> None:
        pid = self.pid()
        if pid is not None:
            terminate(pid, self.owns)
        self.stack.pidfile(self.name).unlink(missing_ok=True)
