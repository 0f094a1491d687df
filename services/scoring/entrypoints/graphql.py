"""The scoring subgraph."""

from __future__ import annotations

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from services.common.auth import Role
from services.common.graphql import federation_schema, principal_of, roles
from services.common.roster import roster_entry
from services.common.settings import PlatformSettings
from services.scoring.adapters.tables import metadata


@strawberry.federation.type(keys=["id"], description="A cadre, as scoring sees them.")
class Cadre:
    id: strawberry.ID

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Cadre":
        principal_of(info).require_cadre(id)
        return cls(id=id)

    @strawberry.field(description="Unit category x position level: the group a cadre is ranked within.")
    async def peer_group(self, info: Info) -> str | None:
        async with info.context.platform.session_factory() as session:
            entry = await roster_entry(session, metadata, self.id)
        return f"{entry.unit_category}/{entry.position_level}" if entry else None


@strawberry.type
class Query:
    @strawberry.field(extensions=roles(Role.ADMIN, Role.ASSESSOR))
    async def scoring_roster_size(self, info: Info) -> int:
        """How many cadres scoring knows of (its copy of the indicator service's register)."""
        cadres = metadata.tables["cadre_roster"]
        async with info.context.platform.session_factory() as session:
            return (await session.execute(sa.select(sa.func.count()).select_from(cadres))).scalar_one()


def build_schema(settings: PlatformSettings) -> strawberry.federation.Schema:
    return federation_schema(settings, query=Query, types=[Cadre])
