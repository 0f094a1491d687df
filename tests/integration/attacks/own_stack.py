"""A stack of the attack tests' own, beside the one `make test` runs the suite against.

The fault runs kill and stop its components, so they must not touch the suite's stack. It is
created with the TLS option (scripts/local_stack/tls.py): Kafka serves SASL_SSL with SCRAM-SHA-512
only and every client verifies both servers' certificates, so the fault runs also go through
the transport production uses. Its components are started and stopped with scripts/stack.py,
as a developer would, and the whole stack is stopped when the tests are done.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from services.common.settings import PlatformSettings

ROOT = Path(__file__).resolve().parents[3]
STACK_PY = ROOT / "scripts" / "stack.py"
# The suite's stack is at PORT_BASE; this one sits 500 ports above it unless told otherwise.
PORT_OFFSET = 500
COMPONENTS = "infra,services,gateway"


def own_stack_name(environ: dict[str, str]) -> str:
    return f"{environ.get('STACK', 'test')[:30]}-attacks"


def own_port_base(environ: dict[str, str]) -> int:
    if environ.get("ATTACKS_PORT_BASE"):
        return int(environ["ATTACKS_PORT_BASE"])
    return int(environ.get("PORT_BASE") or 5000) + PORT_OFFSET


@dataclass
class OwnStack:
    name: str
    port_base: int

    def _run(self, *args: str, timeout: float = 300, tls: bool = False) -> str:
        env = {key: value for key, value in os.environ.items() if key not in ("STACK", "PORT_BASE")}
        if tls:
            env["STACK_TLS"] = "1"
        argv = [
            sys.executable,
            str(STACK_PY),
            *args,
            *("--stack", self.name, "--port-base", str(self.port_base)),
        ]
        result = subprocess.run(
            argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            raise AssertionError(
                f"`{shlex.join(argv)}` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def up(self, only: str = COMPONENTS) -> None:
        self._run("up", "--only", only, "--no-seed", "--no-bootstrap", tls=True)

    def down(self, only: str | None = None) -> None:
        self._run("down", *(("--only", only) if only else ()))

    def env(self) -> dict[str, str]:
        found = {}
        for line in self._run("env").splitlines():
            if line.startswith("export "):
                key, _, value = line.removeprefix("export ").partition("=")
                found[key] = shlex.split(value)[0] if value else ""
        return found

    def settings(self) -> PlatformSettings:
        fields = PlatformSettings.model_fields
        values = {k.lower(): v for k, v in self.env().items() if k.lower() in fields}
        return PlatformSettings(**values)

    def pid(self, component: str) -> int:
        pidfile = ROOT / ".local" / self.name / "run" / f"{component}.pid"
        return int(pidfile.read_text().split()[0])

    async def kill(self, component: str) -> None:
        """SIGKILL: the process gets no chance to flush or say goodbye."""
        pid = self.pid(component)
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    async def start(self, component: str) -> None:
        await asyncio.to_thread(self.up, component)

    async def stop(self, component: str) -> None:
        await asyncio.to_thread(self.down, component)
