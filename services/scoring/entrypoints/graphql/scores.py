"""Queries: scores, rankings, breakdowns, red and black lists, anomalies, monitoring, observations."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from services.common.auth import Role
from services.common.graphql import roles
from services.common.personal_data import personal_data
from services.scoring.adapters import score_queries as queries
from services.scoring.domain.access import OVERSEERS, SCORE_READERS
from services.scoring.entrypoints.graphql.entities import Cadre, Unit
from services.scoring.entrypoints.graphql.readers import require_unit_reader
from services.scoring.entrypoints.graphql.types import (
    Anomaly,
    CadreScore,
    MonitoringCheck,
    Observation,
    PeriodListEntry,
    ScoringRun,
    UnitScore,
    from_row,
)

OBSERVATION_READERS = (Role.ADMIN, Role.ASSESSOR, Role.UNIT_REPORTER)


@strawberry.type
class ScoreQuery:
    @strawberry.field(extensions=roles(*OVERSEERS))
    async def scoring_roster_size(self, info: Info) -> int:
        """How many cadres scoring knows of (its copy of the indicator service's register)."""
        async with queries.reading(info.context.platform) as conn:
            return await queries.roster_size(conn)

    @strawberry.field(
        extensions=roles(*SCORE_READERS),
        description="A unit's score for a period, with its breakdown.",
    )
    async def unit_score(self, info: Info, unit_id: strawberry.ID, period: str) -> UnitScore | None:
        return await Unit(id=unit_id).score(info, period)

    @strawberry.field(
        extensions=roles(*OVERSEERS), description="Unit scores of a period by category and rank."
    )
    async def unit_scores(
        self,
        info: Info,
        period: str,
        unit_category: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[UnitScore]:
        async with queries.reading(info.context.platform) as conn:
            rows = await queries.unit_scores_of(conn, period, unit_category, limit, offset)
        return [from_row(UnitScore, row) for row in rows]

    @strawberry.field(
        extensions=[*roles(Role.ADMIN, Role.ASSESSOR, Role.CADRE), *personal_data("scores")],
        description="A cadre's score for a period with its breakdown; a cadre may read only their own.",
    )
    async def cadre_score(
        self, info: Info, cadre_id: strawberry.ID, period: str
    ) -> CadreScore | None:
        return await Cadre(id=cadre_id).score(info, period)

    @strawberry.field(
        extensions=[*roles(*OVERSEERS), *personal_data("scores")],
        description="Cadres ranked within their peer groups.",
    )
    async def rankings(
        self,
        info: Info,
        period: str,
        unit_category: str | None = None,
        position_level: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[CadreScore]:
        async with queries.reading(info.context.platform) as conn:
            rows = await queries.rankings(
                conn, period, unit_category, position_level, limit, offset
            )
        return [from_row(CadreScore, row) for row in rows]

    @strawberry.field(extensions=roles(*OVERSEERS), description="Red and black lists of a period.")
    async def period_lists(
        self, info: Info, period: str, list_name: str | None = None
    ) -> list[PeriodListEntry]:
        async with queries.reading(info.context.platform) as conn:
            rows = await queries.lists_of(conn, period, list_name)
        return [from_row(PeriodListEntry, row) for row in rows]

    @strawberry.field(
        extensions=roles(*OVERSEERS), description="Anomalies of all units, newest first."
    )
    async def anomalies(
        self, info: Info, period: str | None = None, limit: int = 100
    ) -> list[Anomaly]:
        async with queries.reading(info.context.platform) as conn:
            rows = await queries.anomalies_of(conn, None, period, limit)
        return [from_row(Anomaly, row) for row in rows]

    @strawberry.field(
        extensions=roles(*SCORE_READERS), description="A unit's monthly monitoring for a month."
    )
    async def monitoring_status(
        self, info: Info, unit_id: strawberry.ID, period: str
    ) -> list[MonitoringCheck]:
        return await Unit(id=unit_id).monitoring(info, period)

    @strawberry.field(
        extensions=roles(*OBSERVATION_READERS),
        description="A unit's observations, newest revisions.",
    )
    async def observations(
        self,
        info: Info,
        unit_id: strawberry.ID,
        period: str | None = None,
        indicator_code: str | None = None,
    ) -> list[Observation]:
        return await Unit(id=unit_id).observations(info, period, indicator_code)

    @strawberry.field(
        extensions=roles(*OBSERVATION_READERS), description="Every revision of one observation."
    )
    async def observation_history(
        self,
        info: Info,
        unit_id: strawberry.ID,
        indicator_code: str,
        period: str,
        from_source: str | None = None,
    ) -> list[Observation]:
        await require_unit_reader(info, unit_id)
        async with queries.reading(info.context.platform) as conn:
            rows = await queries.observation_history(
                conn, unit_id, indicator_code, period, from_source
            )
        return [from_row(Observation, row) for row in rows]

    @strawberry.field(
        extensions=roles(*OVERSEERS), description="Recent scoring runs, newest first."
    )
    async def scoring_runs(self, info: Info, limit: int = 20) -> list[ScoringRun]:
        async with queries.reading(info.context.platform) as conn:
            rows = await queries.runs(conn, limit)
        return [from_row(ScoringRun, row) for row in rows]
