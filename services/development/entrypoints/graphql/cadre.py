"""The Cadre entity (owned by the indicator service), with what development knows of the cadre."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from services.common.federation import CadreEntity
from services.common.graphql import principal_of
from services.common.personal_data import (
    AccessLogEntry,
    PersonalDataExport,
    access_log_entries,
    personal_data,
    personal_data_export,
)
from services.common.roster import roster_entry
from services.development.adapters.personal_data_queries import PERSONAL_DATA_TABLES
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
        description="The cadre's enrolments, newest first (staff, or the cadre themself).",
        extensions=personal_data("enrolments"),
    )
    async def enrolments(self, info: Info, status: str | None = None) -> list[Enrolment]:
        access.require_enrolment_reader(principal_of(info), self.id)
        return await find_enrolments(info, cadre_id=self.id, status=status)

    @strawberry.field(
        description="True while a full-time programme keeps the cadre off post (no passed evaluation yet).",
        extensions=personal_data("enrolments"),
    )
    async def off_post(self, info: Info) -> bool:
        return any(e.off_post for e in await self.enrolments(info))

    @strawberry.field(
        description="Who else read the cadre's enrolments, newest first (the cadre or admin only)."
    )
    async def development_access_log(
        self, info: Info, limit: int = 100, offset: int = 0
    ) -> list[AccessLogEntry]:
        return await access_log_entries(info, "development", self.id, limit, offset)

    @strawberry.field(
        description="Everything development holds about the cadre (the cadre or admin only)."
    )
    async def development_personal_data(self, info: Info) -> PersonalDataExport:
        return await personal_data_export(info, "development", self.id, PERSONAL_DATA_TABLES)
