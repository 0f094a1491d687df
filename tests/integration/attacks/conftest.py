"""The attack tests run against a stack of their own (own_stack.py), started once for the session
with TLS and SCRAM, every component put back after each test and the whole stack stopped at the
end, so the rest of `make test` never sees a broker or a database go away."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator

import pytest

from services.common.auth import Role
from services.common.settings import PlatformSettings
from tests.integration.attacks.own_stack import OwnStack, own_port_base, own_stack_name
from tests.support import GraphQLClient, token


@pytest.fixture(scope="session")
def own_stack() -> Iterator[OwnStack]:
    environ = dict(os.environ)
    stack = OwnStack(own_stack_name(environ), own_port_base(environ))
    try:
        stack.up()
        yield stack
    finally:
        # ATTACKS_KEEP_STACK=1 leaves it running for the next run (while working on these tests).
        if os.environ.get("ATTACKS_KEEP_STACK") != "1":
            stack.down()


@pytest.fixture(scope="session")
def own_settings(own_stack: OwnStack) -> PlatformSettings:
    return own_stack.settings()


@pytest.fixture(autouse=True)
def restored(own_stack: OwnStack) -> Iterator[None]:
    """Whatever a test stopped or killed runs again before the next test (idempotent)."""
    yield
    own_stack.up()


@pytest.fixture
async def own_subgraph(own_settings: PlatformSettings) -> AsyncIterator:
    clients: list[GraphQLClient] = []

    def connect(service: str) -> GraphQLClient:
        client = GraphQLClient(
            own_settings.service_url(service), bearer=token(own_settings, Role.ADMIN), timeout=20
        )
        clients.append(client)
        return client

    yield connect
    for client in clients:
        await client.aclose()
