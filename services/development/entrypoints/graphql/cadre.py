"""The Cadre entity (owned by the indicator service), with what development knows of the cadre."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from services.common.federation import CadreEntity
from services.common.graphql import principal_of
from services.common.roster import roster_entry
from services.development.adapters.tables import metadata
from services.development.domain import access
from services.development.entrypoints.graphql.context import reading
from services.development.entrypoints.graphql.enrolments import Enrolment, find_enrolments


@strawberry.federation.type(
    keys=["id"], description="A cadre, as the development service sees them."
)
class Cadre(CadreEntity):
    @strawberry.field(description="When development learnt of the cadre (null: not yet).")
    async def development_rostered_at(self, info: Info) -> datetime | None:
        async with reading(info) as s:
            entry = await roster_entry(s, metadata, self.id)
        return entry.recorded_at if entry else None

    @strawberry.field(
        description="The cadre's enrolments, newest first (staff, or the cadre themself)."
    )
    async def enrolments(self, info: Info, status: str | None = None) -> list[Enrolment]:
        access.require_enrolment_reader(principal_of(info), self.id)
        return await find_enrolments(info, cadre_id=self.id, status=status)

    @strawberry.field(
        description="True while a full-time programme keeps the cadre off post (no passed evaluation yet)."
    )
    async def off_post(self, info: Info) -> bool:
        return any(e.off_post for e in await self.enrolments(info))
