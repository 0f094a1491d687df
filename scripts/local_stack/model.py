"""A stack: its name, its port base, the ports of its components and its folders."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scripts.local_stack.errors import StackError
from scripts.local_stack.paths import LOCAL

if TYPE_CHECKING:
    from scripts.local_stack.registry import Registry

DEFAULT_PORT_BASES = {"dev": 4000, "test": 5000}
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
LOWEST_PORT, HIGHEST_PORT = 1024, 65535
RECORD = "stack.json"


@dataclass(frozen=True)
class Stack:
    name: str
    base: int
    registry: Registry = field(compare=False, repr=False)
    home: Path = LOCAL

    @property
    def dir(self) -> Path:
        return self.home / self.name

    @property
    def pgdata(self) -> Path:
        return self.dir / "pgdata"

    @property
    def kafka_config_dir(self) -> Path:
        return self.dir / "kafka"

    @property
    def kafka_logs(self) -> Path:
        return self.dir / "kafka-logs"

    @property
    def logs(self) -> Path:
        return self.dir / "logs"

    @property
    def run(self) -> Path:
        return self.dir / "run"

    @property
    def supergraph(self) -> Path:
        return self.dir / "supergraph.graphql"

    def port(self, name: str) -> int:
        """`name` is a component or one of its extra ports (kafka-controller)."""
        return self.base + self.registry.port_offsets[name]

    def log(self, component: str) -> Path:
        return self.logs / f"{component}.log"

    def pidfile(self, component: str) -> Path:
        return self.run / f"{component}.pid"


def check_name(name: str) -> None:
    if not NAME_PATTERN.fullmatch(name):
        raise StackError(f"stack name {name!r} must be lower-case letters, digits, '-' or '_'")


def recorded_base(home: Path, name: str) -> int | None:
    """The port base the stack was created with (remember_stack wrote it)."""
    try:
        return int(json.loads((home / name / RECORD).read_text())["port_base"])
    except (OSError, ValueError, KeyError):
        return None


def requested_base(flag: int | None, environ: Mapping[str, str]) -> int | None:
    if flag is not None:
        return flag
    value = environ.get("PORT_BASE", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise StackError(f"PORT_BASE must be a number, got {value!r}")
    return int(value)


def check_base(base: int, offsets: Mapping[str, int]) -> None:
    if not LOWEST_PORT <= base <= HIGHEST_PORT - max(offsets.values(), default=0):
        raise StackError(
            f"port base {base} puts the stack's ports outside {LOWEST_PORT}-{HIGHEST_PORT}"
        )


def resolve_stack(
    name: str | None,
    base_flag: int | None,
    default_name: str,
    registry: Registry,
    environ: Mapping[str, str],
    home: Path = LOCAL,
) -> Stack:
    """Name from --stack or STACK; base from --port-base or PORT_BASE, else what the stack was created with."""
    name = name or environ.get("STACK") or default_name
    check_name(name)
    wanted = requested_base(base_flag, environ)
    recorded = recorded_base(home, name)
    if wanted is not None and recorded is not None and wanted != recorded:
        raise StackError(
            f"stack {name!r} was created with port base {recorded}, not {wanted}; "
            f"use --port-base {recorded}, or `reset` it first"
        )
    base = wanted or recorded or DEFAULT_PORT_BASES.get(name)
    if base is None:
        raise StackError(f"stack {name!r} needs a port base: --port-base N or PORT_BASE=N")
    check_base(base, registry.port_offsets)
    return Stack(name, base, registry, home)


def remember_stack(stack: Stack) -> None:
    """Written once, so that a later command without PORT_BASE finds the same ports."""
    stack.dir.mkdir(parents=True, exist_ok=True)
    record = stack.dir / RECORD
    if not record.exists():
        record.write_text(json.dumps({"name": stack.name, "port_base": stack.base}) + "\n")
