"""Runs operations against the indicator schema composed on in-memory fakes (no database)."""

from __future__ import annotations

from typing import Any

from services.common.auth import Principal, Role
from services.common.graphql import RequestContext
from services.indicator.entrypoints.graphql.schema import build_schema
from tests.unit.indicator.fakes import Store, fake_service


class FakeSubgraph:
    def __init__(self, store: Store | None = None):
        service, self.store = fake_service(store)
        self.schema = build_schema(service.settings, service)

    async def execute(
        self, query: str, variables: dict[str, Any] | None = None, role: Role = Role.ADMIN
    ):
        context = RequestContext(request=None, principal=Principal("test", role), platform=None)
        return await self.schema.execute(query, variable_values=variables, context_value=context)
