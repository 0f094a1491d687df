"""Fixtures for tests against the real stack (PostgreSQL, Kafka, services, gateway)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from services.common.auth import Role
from services.common.settings import PlatformSettings
from tests.support import (
    AssessmentSettingsChange,
    GraphQLClient,
    assessment_settings_lock,
    require_stack,
    stack_settings,
    token,
)


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


SETTINGS_WRITER = "change_assessment_settings"


@pytest.fixture
async def change_assessment_settings(
    stack: PlatformSettings, admin_token: str
) -> AsyncIterator[AssessmentSettingsChange]:
    """`await change_assessment_settings({"evaluationsPerMinute": 1})` changes scoring's settings for
    this test only.

    The settings are one global row that every scoring run, report and submission reads, and there
    is no per-test scope for them. So the change is serialised instead: the test holds the
    exclusive advisory lock from before the change until after the restore, while every test that
    reads settings (`assessment_settings_read`) holds it shared. Whatever was changed is put back
    (and checked) even when the test fails.
    """
    async with assessment_settings_lock(stack, exclusive=True):
        client = GraphQLClient(stack.service_url("scoring"), bearer=admin_token)
        change = AssessmentSettingsChange(client)
        try:
            yield change
        finally:
            try:
                await change.restore()
            finally:
                await client.aclose()


@pytest.fixture
async def assessment_settings_read(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Holds scoring's settings still for a test whose results depend on them (shared lock), so
    no test in another process changes them meanwhile; a test that changes them holds the lock
    exclusively instead (taking it shared as well would wait for itself)."""
    if SETTINGS_WRITER in request.fixturenames:
        yield
        return
    async with assessment_settings_lock(request.getfixturevalue("stack"), exclusive=False):
        yield


@pytest.fixture(scope="module")
async def assessment_settings_read_by_module(stack: PlatformSettings) -> AsyncIterator[None]:
    """The shared settings lock for a module-scoped fixture that scores (its module must not
    change settings)."""
    async with assessment_settings_lock(stack, exclusive=False):
        yield
