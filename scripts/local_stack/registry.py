"""The components a stack consists of: their names in start order, groups, ports and phases."""

from __future__ import annotations

from collections.abc import Iterable

from scripts.local_stack.components.base import Component
from scripts.local_stack.errors import StackError
from scripts.local_stack.model import Stack
from scripts.local_stack.processes import PROCESSES, ProcessTable

ALL = "all"


class Registry:
    def __init__(self, kinds: Iterable[type[Component]]):
        # Start order: by phase, and within a phase by port (indicator, scoring, development).
        self.kinds = tuple(sorted(kinds, key=lambda k: (k.phase, k.port_offset)))
        self.names = tuple(kind.name for kind in self.kinds)
        self.by_name = {kind.name: kind for kind in self.kinds}
        if len(self.by_name) != len(self.kinds):
            raise ValueError(f"two components share a name: {self.names}")
        self.port_offsets = {
            port: offset for kind in self.kinds for port, offset in kind.port_offsets().items()
        }
        if len(set(self.port_offsets.values())) != len(self.port_offsets):
            raise ValueError(f"two ports share an offset: {self.port_offsets}")
        self.groups: dict[str, tuple[str, ...]] = {}
        for kind in self.kinds:
            if kind.group:
                self.groups[kind.group] = (*self.groups.get(kind.group, ()), kind.name)
        self.groups[ALL] = self.names

    def build(self, stack: Stack, name: str, processes: ProcessTable = PROCESSES) -> Component:
        return self.by_name[name](stack, processes)

    def select(self, only: str | None) -> tuple[str, ...]:
        """`--only infra,gateway` -> the named components, in start order."""
        if not only:
            return self.names
        wanted: set[str] = set()
        for word in filter(None, (w.strip() for w in only.split(","))):
            if word in self.groups:
                wanted.update(self.groups[word])
            elif word in self.by_name:
                wanted.add(word)
            else:
                raise StackError(
                    f"unknown component {word!r}; choose from {', '.join([*self.groups, *self.names])}"
                )
        return tuple(name for name in self.names if name in wanted)

    def phases(self, names: Iterable[str]) -> list[list[str]]:
        """The chosen components grouped by start phase, earliest first; empty phases left out."""
        chosen = set(names)
        numbers = sorted({kind.phase for kind in self.kinds if kind.name in chosen})
        return [
            [kind.name for kind in self.kinds if kind.phase == number and kind.name in chosen]
            for number in numbers
        ]

    def databases(self) -> tuple[str, ...]:
        return tuple(database for kind in self.kinds for database in kind.databases())


def default_registry() -> Registry:
    from scripts.local_stack.components import discover

    return Registry(discover())
