"""The development subgraph."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from services.common.graphql import federation_schema, principal_of
from services.common.roster import roster_entry
from services.common.settings import PlatformSettings
from services.development.adapters.tables import metadata


@strawberry.federation.type(keys=["id"], description="A cadre, as the development service sees them.")
class Cadre:
    id: strawberry.ID

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Cadre":
        principal_of(info).require_cadre(id)
        return cls(id=id)

    @strawberry.field(description="When development learnt of the cadre (null: not yet).")
    async def development_rostered_at(self, info: Info) -> datetime | None:
        async with info.context.platform.session_factory() as session:
            entry = await roster_entry(session, metadata, self.id)
        return entry.recorded_at if entry else None


@strawberry.type
class Query:
    @strawberry.field
    def development_service_version(self) -> str:
        return "1"


def build_schema(settings: PlatformSettings) -> strawberry.federation.Schema:
    return federation_schema(settings, query=Query, types=[Cadre])
