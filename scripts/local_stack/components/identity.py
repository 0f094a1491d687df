"""A real OpenID Connect provider (tools/oidc-provider/) with demo people: the console signs in
there, and the gateway and the subgraphs accept its RS256 tokens beside the platform's own.
Nothing else needs it to start; `ONLY=` may leave it out (the console then offers only the
development sign-in that works)."""

from __future__ import annotations

import shutil

from scripts.local_stack.components.base import INFRA, Component
from scripts.local_stack.environment import process_env
from scripts.local_stack.model import Stack
from scripts.local_stack.paths import ROOT, shown
from scripts.local_stack.probes import http_ok
from scripts.local_stack.process_control import spawn
from scripts.local_stack.processes import has_environment, is_alive

PROVIDER_DIR = ROOT / "tools" / "oidc-provider"
PROVIDER_SERVER = PROVIDER_DIR / "server.mjs"
PROVIDER_MODULE = PROVIDER_DIR / "node_modules" / "oidc-provider"
CONSOLE_CLIENT_ID = "cadre-console"
PLATFORM_API_AUDIENCE = "cadre-platform-api"


class IdentityProvider(Component):
    name = "oidc-provider"
    phase = INFRA
    port_offset = 9
    group = "identity"
    ready_timeout = 30.0

    @classmethod
    def issuer(cls, stack: Stack) -> str:
        return f"http://127.0.0.1:{stack.port(cls.name)}"

    @classmethod
    def environment(cls, stack: Stack) -> dict[str, str]:
        issuer = cls.issuer(stack)
        return {
            "OIDC_ISSUER": issuer,
            "OIDC_AUDIENCE": PLATFORM_API_AUDIENCE,
            "OIDC_JWKS_URL": f"{issuer}/jwks",
            "OIDC_CLIENT_ID": CONSOLE_CLIENT_ID,
            "OIDC_REDIRECT_URI": f"http://127.0.0.1:{stack.port('web')}/",
        }

    @property
    def marker(self) -> str:
        return str(PROVIDER_SERVER)

    def owns(self, pid: int) -> bool:
        """Every stack runs the same command; the port in its environment tells them apart."""
        return is_alive(pid, self.marker, self.processes) and has_environment(
            pid, f"OIDC_PROVIDER_PORT={self.port}", self.processes
        )

    @property
    def address(self) -> str:
        return self.issuer(self.stack)

    def problem(self) -> str | None:
        if shutil.which("node") is None:
            return "oidc-provider: `node` is not on PATH (Node 20 runs the provider)"
        if not PROVIDER_MODULE.is_dir():
            return f"oidc-provider: {shown(PROVIDER_MODULE)} is missing (run scripts/bootstrap.sh)"
        return None

    def start(self) -> None:
        env = process_env(
            self.stack,
            {
                "OIDC_PROVIDER_PORT": str(self.port),
                "OIDC_REDIRECT_URIS": f"http://127.0.0.1:{self.stack.port('web')}/",
                "OIDC_KEYS_FILE": str(self.stack.dir / "oidc-provider" / "keys.json"),
            },
        )
        argv = ["node", str(PROVIDER_SERVER)]
        spawn(argv, self.stack.log(self.name), self.stack.pidfile(self.name), env)

    def ready(self) -> bool:
        return http_ok(f"{self.issuer(self.stack)}/.well-known/openid-configuration")


COMPONENTS = (IdentityProvider,)
