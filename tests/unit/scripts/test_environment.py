"""The environment a stack's processes and its tests share."""

from __future__ import annotations

from scripts.local_stack.components.base import Component
from scripts.local_stack.environment import LOCAL_JWT_SECRET, stack_env
from scripts.local_stack.model import Stack
from scripts.local_stack.registry import Registry, default_registry


def test_the_environment_names_every_address_of_the_stack(tmp_path):
    env = stack_env(Stack("wt-x", 9000, default_registry(), tmp_path), {})
    assert env == {
        "STACK": "wt-x",
        "PORT_BASE": "9000",
        "APP_ENV": "development",
        "LOG_LEVEL": "INFO",
        "JWT_ALGORITHM": "HS256",
        "JWT_SECRET": LOCAL_JWT_SECRET,
        "JWT_ISSUER": "cadre-platform",
        "JWT_AUDIENCE": "cadre-platform",
        "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092",
        "INDICATOR_DATABASE_URL": "postgresql+asyncpg://indicator:indicator@127.0.0.1:9032/indicator",
        "INDICATOR_URL": "http://127.0.0.1:9001",
        "SCORING_DATABASE_URL": "postgresql+asyncpg://scoring:scoring@127.0.0.1:9032/scoring",
        "SCORING_URL": "http://127.0.0.1:9002",
        "DEVELOPMENT_DATABASE_URL": "postgresql+asyncpg://development:development@127.0.0.1:9032/development",
        "DEVELOPMENT_URL": "http://127.0.0.1:9003",
        "GATEWAY_URL": "http://127.0.0.1:9000/graphql",
        "SUPERGRAPH_PATH": str(tmp_path / "wt-x" / "supergraph.graphql"),
        "WEB_URL": "http://127.0.0.1:9005/",
        "OIDC_ISSUER": "http://127.0.0.1:9009",
        "OIDC_AUDIENCE": "cadre-platform-api",
        "OIDC_JWKS_URL": "http://127.0.0.1:9009/jwks",
        "OIDC_CLIENT_ID": "cadre-console",
        "OIDC_REDIRECT_URI": "http://127.0.0.1:9005/",
    }


def test_the_log_level_is_the_callers(tmp_path):
    env = stack_env(Stack("dev", 4000, default_registry(), tmp_path), {"LOG_LEVEL": "DEBUG"})
    assert env["LOG_LEVEL"] == "DEBUG"


class Console(Component):
    name = "console"
    phase = 4
    port_offset = 6

    @classmethod
    def environment(cls, stack: Stack) -> dict[str, str]:
        return {"CONSOLE_URL": f"http://127.0.0.1:{stack.port('console')}"}


def test_a_new_component_adds_its_own_variables(tmp_path):
    registry = Registry([*default_registry().kinds, Console])
    env = stack_env(Stack("dev", 4000, registry, tmp_path), {})
    assert env["CONSOLE_URL"] == "http://127.0.0.1:4006"
    assert env["GATEWAY_URL"] == "http://127.0.0.1:4000/graphql"
