"""The three services, each `python -m services.<name>` on its own port with its own database."""

from __future__ import annotations

import time

from scripts.local_stack.components.base import SERVICES, Component
from scripts.local_stack.environment import process_env
from scripts.local_stack.logs import START_MARK, shorten
from scripts.local_stack.model import Stack
from scripts.local_stack.paths import ROOT, VENV_PYTHON
from scripts.local_stack.probes import http_ok
from scripts.local_stack.process_control import run_logged, spawn
from scripts.local_stack.processes import has_environment, is_alive


class Service(Component):
    phase = SERVICES
    group = "services"
    ready_timeout = 120.0

    @classmethod
    def databases(cls) -> tuple[str, ...]:
        return (cls.name,)

    @classmethod
    def environment(cls, stack: Stack) -> dict[str, str]:
        name = cls.name
        return {
            f"{name.upper()}_DATABASE_URL": (
                f"postgresql+asyncpg://{name}:{name}@127.0.0.1:{stack.port('postgres')}/{name}"
            ),
            f"{name.upper()}_URL": f"http://127.0.0.1:{stack.port(name)}",
        }

    @property
    def marker(self) -> str:
        return f"services.{self.name}"

    def owns(self, pid: int) -> bool:
        """Every stack runs the same command line; the port in its environment tells them apart."""
        return is_alive(pid, self.marker, self.processes) and has_environment(
            pid, f"SERVICE_PORT={self.port}", self.processes
        )

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}/graphql"

    def problem(self) -> str | None:
        if not VENV_PYTHON.exists():
            return f"{self.name}: the virtualenv is missing (run scripts/bootstrap.sh)"
        if not (ROOT / "services" / self.name / "__main__.py").exists():
            return (
                f"{self.name}: services/{self.name}/__main__.py does not exist, so `python -m services.{self.name}` "
                "cannot start (use --only infra for PostgreSQL and Kafka alone)"
            )
        return None

    def start(self) -> None:
        env = process_env(self.stack, {"SERVICE_HOST": "127.0.0.1", "SERVICE_PORT": str(self.port)})
        argv = [str(VENV_PYTHON), "-m", f"services.{self.name}"]
        spawn(argv, self.stack.log(self.name), self.stack.pidfile(self.name), env)

    def ready(self) -> bool:
        return http_ok(f"http://127.0.0.1:{self.port}/readyz")

    def has_seed_module(self) -> bool:
        folder = ROOT / "services" / self.name
        return (folder / "seed.py").exists() or (folder / "seed" / "__init__.py").exists()

    def load_demo_data(self) -> None:
        if not self.has_seed_module():
            print(f"  {self.name:<12} no seed module, no demo data")
            return
        began = time.monotonic()
        log = self.stack.log("seed")
        run_logged(
            [str(VENV_PYTHON), "-m", f"services.{self.name}.seed"],
            log,
            f"loading demo data with services.{self.name}.seed",
            cwd=ROOT,
            env=process_env(self.stack),
        )
        said = log.read_text(errors="replace").rstrip().splitlines()[-1:]
        summary = (
            f": {shorten(said[0], 160)}" if said and not said[0].startswith(START_MARK) else ""
        )
        print(f"  {self.name:<12} demo data loaded ({time.monotonic() - began:.1f}s){summary}")


class Indicator(Service):
    name = "indicator"
    port_offset = 1


class Scoring(Service):
    name = "scoring"
    port_offset = 2


class Development(Service):
    name = "development"
    port_offset = 3


COMPONENTS = (Indicator, Scoring, Development)
