"""The Cadre and Unit entities the indicator service owns, extended with what scoring knows of them."""

from __future__ import annotations

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
from services.scoring.adapters import score_queries as queries
from services.scoring.adapters.personal_data_queries import PERSONAL_DATA_TABLES
from services.scoring.adapters.tables import metadata
from services.scoring.entrypoints.graphql.portraits import Portrait, read_portrait
from services.scoring.entrypoints.graphql.readers import require_cadre_reader, require_unit_reader
from services.scoring.entrypoints.graphql.types import (
    Anomaly,
    CadreScore,
    CapabilityScore,
    MonitoringCheck,
    Observation,
    UnitScore,
    from_row,
)

ANOMALIES_SHOWN = 100
OBSERVATIONS_SHOWN = 500


@strawberry.federation.type(keys=["id"], description="A cadre, as scoring sees them.")
class Cadre(CadreEntity):
    @strawberry.field(
        description="Unit category x position level: the group a cadre is ranked within."
    )
    async def peer_group(self, info: Info) -> str | None:
        async with info.context.platform.session_factory() as session:
            entry = await roster_entry(session, metadata, self.id)
        return f"{entry.unit_category}/{entry.position_level}" if entry else None

    @strawberry.field(
        description="The cadre's score for a period, with its breakdown.",
        extensions=personal_data("scores"),
    )
    async def score(self, info: Info, period: str) -> CadreScore | None:
        require_cadre_reader(info, self.id)
        async with queries.reading(info.context.platform) as conn:
            row = await queries.cadre_score(conn, self.id, period)
        return from_row(CadreScore, row) if row else None

    @strawberry.field(
        description="Every period the cadre was scored for.", extensions=personal_data("scores")
    )
    async def scores(self, info: Info) -> list[CadreScore]:
        require_cadre_reader(info, self.id)
        async with queries.reading(info.context.platform) as conn:
            rows = await queries.cadre_score_history(conn, self.id)
        return [from_row(CadreScore, row) for row in rows]

    @strawberry.field(
        description="Capability scores for a period, with the place among peers.",
        extensions=personal_data("portrait"),
    )
    async def capability_profile(self, info: Info, period: str) -> list[CapabilityScore]:
        require_cadre_reader(info, self.id)
        async with queries.reading(info.context.platform) as conn:
            rows = await queries.capabilities(conn, self.id, period)
        return [from_row(CapabilityScore, row) for row in rows]

    @strawberry.field(
        description="The cadre's individual capability portrait for a period: per capability the "
        "score, its sources and records, confidence, target, gap and place among peers.",
        extensions=personal_data("portrait"),
    )
    async def portrait(self, info: Info, period: str) -> Portrait | None:
        require_cadre_reader(info, self.id)
        return await read_portrait(info, self.id, period)

    @strawberry.field(
        description="Who else read the cadre's scoring data, newest first (the cadre or admin only)."
    )
    async def scoring_access_log(
        self, info: Info, limit: int = 100, offset: int = 0
    ) -> list[AccessLogEntry]:
        return await access_log_entries(info, "scoring", self.id, limit, offset)

    @strawberry.field(
        description="Everything scoring holds about the cadre (the cadre or admin only)."
    )
    async def scoring_personal_data(self, info: Info) -> PersonalDataExport:
        return await personal_data_export(info, "scoring", self.id, PERSONAL_DATA_TABLES)


@strawberry.federation.type(keys=["id"], description="A work unit, as scoring sees it.")
class Unit:
    id: strawberry.ID

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Unit:
        principal_of(info).require_unit(id)
        return cls(id=id)

    @strawberry.field(description="The unit's score for a period, with its breakdown.")
    async def score(self, info: Info, period: str) -> UnitScore | None:
        await require_unit_reader(info, self.id)
        async with queries.reading(info.context.platform) as conn:
            row = await queries.unit_score(conn, self.id, period)
        return from_row(UnitScore, row) if row else None

    @strawberry.field(description="Anomalies found in the unit's data, newest first.")
    async def anomalies(self, info: Info, period: str | None = None) -> list[Anomaly]:
        await require_unit_reader(info, self.id)
        async with queries.reading(info.context.platform) as conn:
            rows = await queries.anomalies_of(conn, self.id, period, ANOMALIES_SHOWN)
        return [from_row(Anomaly, row) for row in rows]

    @strawberry.field(
        description="Monthly monitoring of a month: each indicator against its trajectory."
    )
    async def monitoring(self, info: Info, period: str) -> list[MonitoringCheck]:
        await require_unit_reader(info, self.id)
        async with queries.reading(info.context.platform) as conn:
            rows = await queries.monitoring_of(conn, self.id, period)
        return [from_row(MonitoringCheck, row) for row in rows]

    @strawberry.field(
        description="The newest revision of each observation (indicator, period, source)."
    )
    async def observations(
        self, info: Info, period: str | None = None, indicator_code: str | None = None
    ) -> list[Observation]:
        await require_unit_reader(info, self.id)
        async with queries.reading(info.context.platform) as conn:
            rows = await queries.latest_observations(
                conn, self.id, period, indicator_code, OBSERVATIONS_SHOWN
            )
        return [from_row(Observation, row) for row in rows]
