"""The reference web console: a small Node server of its own (web/server/) that serves the built
app and passes /graphql to the gateway on the same origin. It starts after the gateway."""

from __future__ import annotations

import shutil

from scripts.local_stack.components.base import GATEWAY, Component
from scripts.local_stack.environment import process_env
from scripts.local_stack.errors import StackError
from scripts.local_stack.logs import log_tail
from scripts.local_stack.model import Stack
from scripts.local_stack.paths import shown
from scripts.local_stack.probes import http_ok
from scripts.local_stack.process_control import spawn
from scripts.local_stack.processes import has_environment, is_alive
from scripts.local_stack.web_build import VITE, WEB_SERVER, build


class WebConsole(Component):
    name = "web"
    phase = GATEWAY + 1
    port_offset = 5
    ready_timeout = 60.0

    @classmethod
    def environment(cls, stack: Stack) -> dict[str, str]:
        return {"WEB_URL": f"http://127.0.0.1:{stack.port('web')}/"}

    @property
    def marker(self) -> str:
        return str(WEB_SERVER)

    def owns(self, pid: int) -> bool:
        """Every stack runs the same command; the port in its environment tells them apart."""
        return is_alive(pid, self.marker, self.processes) and has_environment(
            pid, f"WEB_PORT={self.port}", self.processes
        )

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def problem(self) -> str | None:
        if shutil.which("node") is None:
            return "web: `node` is not on PATH (Node 20 serves the console)"
        if not WEB_SERVER.exists():
            return f"web: {shown(WEB_SERVER)} is missing"
        if not VITE.is_dir():
            return f"web: {shown(VITE)} is missing (run scripts/bootstrap.sh)"
        return None

    def start(self) -> None:
        log = self.stack.log(self.name)
        try:
            if build(log):
                print(f"  {self.name:<12} built web/dist")
        except RuntimeError as error:
            raise StackError(f"{error}\n{log_tail(log)}") from None
        env = process_env(self.stack, {"WEB_HOST": "127.0.0.1", "WEB_PORT": str(self.port)})
        spawn(["node", str(WEB_SERVER)], log, self.stack.pidfile(self.name), env)

    def ready(self) -> bool:
        return http_ok(f"http://127.0.0.1:{self.port}/healthz")


COMPONENTS = (WebConsole,)
