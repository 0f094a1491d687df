"""Fixtures for tests against the real stack (PostgreSQL, Kafka, services, gateway)."""

from __future__ import annotations

import pytest

from services.common.auth import Role
from services.common.settings import PlatformSettings
from tests.support import GraphQLClient, require_stack, stack_settings, token


@pytest.fixture(scope="session")
def settings() -> PlatformSettings:
    return stack_settings()


@pytest.fixture(scope="session")
def stack(settings: PlatformSettings) -> PlatformSettings:
    """The running stack; fails (never skips) when a component is missing."""
    require_stack(settings)
    return settings


@pytest.fixture(scope="session")
def admin_token(settings: PlatformSettings) -> str:
    return token(settings, Role.ADMIN)


@pytest.fixture
async def gateway(stack: PlatformSettings, admin_token: str):
    client = GraphQLClient(stack.gateway_url, bearer=admin_token)
    yield client
    await client.aclose()


@pytest.fixture
async def subgraph(stack: PlatformSettings, admin_token: str):
    """`subgraph("scoring")` is a client of that service's own /graphql, bypassing the gateway."""
    clients: list[GraphQLClient] = []

    def connect(service: str, bearer: str | None = admin_token) -> GraphQLClient:
        client = GraphQLClient(stack.service_url(service), bearer=bearer)
        clients.append(client)
        return client

    yield connect
    for client in clients:
        await client.aclose()
