"""Entities several subgraphs extend, and the rules that go with resolving them.

Every subgraph that adds fields to `Cadre` shares its key and its access rule: a reference to a
cadre resolves for staff, and for a cadre only when it is themself. A subgraph's own `Cadre`
subclasses `CadreEntity` under `@strawberry.federation.type(keys=["id"], description=...)` and
adds its fields; `CadreEntity` itself is never part of a schema.
"""

from __future__ import annotations

from typing import Self

import strawberry
from strawberry.types import Info

from services.common.graphql import principal_of


@strawberry.type
class CadreEntity:
    id: strawberry.ID

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self:
        principal_of(info).require_cadre(id)
        return cls(id=id)
