"""The environment every process of a stack, and the tests, need to find each other."""

from __future__ import annotations

import os
from collections.abc import Mapping

from scripts.local_stack.model import Stack

# Every process and test of a local stack gets its signing secret from here, so that tokens
# minted with `make token` pass everywhere. Real deployments bring their own secret or RS256 keys.
LOCAL_JWT_SECRET = "local-development-secret-not-for-production-use"
JWT_ISSUER = JWT_AUDIENCE = "cadre-platform"


def stack_env(stack: Stack, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """What the stack as a whole sets, then what each component adds (addresses, databases)."""
    environ = os.environ if environ is None else environ
    env = {
        "STACK": stack.name,
        "PORT_BASE": str(stack.base),
        "APP_ENV": "development",
        "LOG_LEVEL": environ.get("LOG_LEVEL", "INFO"),
        "JWT_ALGORITHM": "HS256",
        "JWT_SECRET": LOCAL_JWT_SECRET,
        "JWT_ISSUER": JWT_ISSUER,
        "JWT_AUDIENCE": JWT_AUDIENCE,
    }
    for kind in stack.registry.kinds:
        env.update(kind.environment(stack))
    return env


def process_env(stack: Stack, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The caller's environment under the stack's, so PATH and the like still reach children."""
    return {**os.environ, **stack_env(stack), **(extra or {})}
