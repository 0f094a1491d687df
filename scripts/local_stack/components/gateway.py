"""The Hive Gateway: composes the supergraph from the running services, then serves it."""

from __future__ import annotations

import shutil

from scripts.local_stack.components.base import GATEWAY, Component
from scripts.local_stack.environment import process_env
from scripts.local_stack.errors import StackError
from scripts.local_stack.model import Stack
from scripts.local_stack.paths import ROOT, shown
from scripts.local_stack.probes import http_ok
from scripts.local_stack.process_control import run_logged, spawn

GATEWAY_DIR = ROOT / "gateway"
GATEWAY_COMPOSE = GATEWAY_DIR / "compose.mjs"
GATEWAY_SERVE = GATEWAY_DIR / "serve.mjs"
HIVE_GATEWAY = GATEWAY_DIR / "node_modules" / "@graphql-hive" / "gateway"


class Gateway(Component):
    name = "gateway"
    phase = GATEWAY
    port_offset = 0
    ready_timeout = 60.0

    @classmethod
    def environment(cls, stack: Stack) -> dict[str, str]:
        return {
            "GATEWAY_URL": f"http://127.0.0.1:{stack.port('gateway')}/graphql",
            "SUPERGRAPH_PATH": str(stack.supergraph),
        }

    @property
    def marker(self) -> str:
        return str(self.stack.supergraph)

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}/graphql"

    def problem(self) -> str | None:
        if not GATEWAY_DIR.is_dir():
            return "gateway: the gateway/ folder does not exist yet (use --only infra,services without it)"
        if shutil.which("node") is None:
            return "gateway: `node` is not on PATH (Node 20 is needed)"
        for needed in (GATEWAY_COMPOSE, GATEWAY_SERVE):
            if not needed.exists():
                return f"gateway: {shown(needed)} is missing"
        if not HIVE_GATEWAY.is_dir():
            return f"gateway: {shown(HIVE_GATEWAY)} is missing (run scripts/bootstrap.sh)"
        return None

    def env(self) -> dict[str, str]:
        return process_env(
            self.stack,
            {
                "GATEWAY_PORT": str(self.port),
                "SUPERGRAPH_PATH": str(self.stack.supergraph),
                "SUPERGRAPH_OUT": str(self.stack.supergraph),
            },
        )

    def compose(self) -> None:
        run_logged(
            ["node", str(GATEWAY_COMPOSE)],
            self.stack.log(self.name),
            "composing the supergraph",
            cwd=ROOT,
            env=self.env(),
        )
        if not self.stack.supergraph.exists():
            raise StackError(
                f"gateway/compose.mjs did not write {self.stack.supergraph} (env SUPERGRAPH_OUT)"
            )

    def start(self) -> None:
        self.compose()
        argv = [
            *("node", str(GATEWAY_SERVE), "supergraph", str(self.stack.supergraph)),
            *("--host", "127.0.0.1", "--port", str(self.port)),
        ]
        spawn(argv, self.stack.log(self.name), self.stack.pidfile(self.name), self.env())

    def ready(self) -> bool:
        return http_ok(f"http://127.0.0.1:{self.port}/readiness")


COMPONENTS = (Gateway,)
