"""Settings, public evaluations, daily records, cadre evaluations and areas in charge."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.scoring.adapters.tables import (
    assessment_settings,
    cadre_areas,
    cadre_evaluations,
    daily_records,
    public_evaluations,
)

_SETTINGS_ROW = 1


async def settings_json(session: AsyncSession) -> dict | None:
    row = await session.execute(
        sa.select(assessment_settings.c.settings).where(
            assessment_settings.c.settings_id == _SETTINGS_ROW
        )
    )
    return row.scalar_one_or_none()


async def store_settings(session: AsyncSession, data: dict, updated_by: str) -> None:
    values = {"settings_id": _SETTINGS_ROW, "settings": data, "updated_by": updated_by}
    statement = insert(assessment_settings).values(values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["settings_id"], set_={**values, "updated_at": sa.func.now()}
        )
    )


async def submissions_since(session: AsyncSession, submitted_by: str, since: datetime) -> int:
    query = sa.select(sa.func.count()).where(
        public_evaluations.c.submitted_by == submitted_by,
        public_evaluations.c.submitted_at >= since,
    )
    return (await session.execute(query)).scalar_one()


async def add_public_evaluation(
    session: AsyncSession,
    unit_id: str,
    period: str,
    respondent_digest: str,
    satisfaction: float,
    submitted_by: str,
) -> int | None:
    """The new evaluation's id, or None when this respondent already evaluated the unit for the period."""
    statement = (
        insert(public_evaluations)
        .values(
            unit_id=unit_id,
            period=period,
            respondent_digest=respondent_digest,
            satisfaction=satisfaction,
            submitted_by=submitted_by,
        )
        .on_conflict_do_nothing()
        .returning(public_evaluations.c.evaluation_id)
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def add_daily_record(
    session: AsyncSession,
    cadre_id: str,
    occurred_on: date,
    kind: str,
    points: float,
    description: str,
    recorded_by: str,
) -> int:
    statement = (
        daily_records.insert()
        .values(
            cadre_id=cadre_id,
            occurred_on=occurred_on,
            kind=kind,
            points=points,
            description=description,
            recorded_by=recorded_by,
        )
        .returning(daily_records.c.record_id)
    )
    return (await session.execute(statement)).scalar_one()


async def set_evaluation(
    session: AsyncSession, cadre_id: str, year: int, kind: str, score: float, evaluated_by: str
) -> None:
    values = {
        "cadre_id": cadre_id,
        "year": year,
        "kind": kind,
        "score": score,
        "evaluated_by": evaluated_by,
    }
    statement = insert(cadre_evaluations).values(values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["cadre_id", "year", "kind"],
            set_={**values, "evaluated_at": sa.func.now()},
        )
    )


async def set_areas(
    session: AsyncSession, cadre_id: str, year: int, dimensions: list[str], assigned_by: str
) -> None:
    await session.execute(
        cadre_areas.delete().where(cadre_areas.c.cadre_id == cadre_id, cadre_areas.c.year == year)
    )
    if dimensions:
        await session.execute(
            cadre_areas.insert(),
            [
                {"cadre_id": cadre_id, "year": year, "dimension": d, "assigned_by": assigned_by}
                for d in dimensions
            ],
        )


class SqlRecordRepository:
    """The statements above, bound to the session of one unit of work."""

    def __init__(self, session: AsyncSession):
        self._session = session

    async def settings_json(self) -> dict | None:
        return await settings_json(self._session)

    async def store_settings(self, data: dict, updated_by: str) -> None:
        await store_settings(self._session, data, updated_by)

    async def one_at_a_time(self, submitted_by: str) -> None:
        await self._session.execute(
            sa.select(
                sa.func.pg_advisory_xact_lock(sa.func.hashtext(f"evaluations:{submitted_by}"))
            )
        )

    async def submissions_since(self, submitted_by: str, since: datetime) -> int:
        return await submissions_since(self._session, submitted_by, since)

    async def add_public_evaluation(
        self,
        unit_id: str,
        period: str,
        respondent_digest: str,
        satisfaction: float,
        submitted_by: str,
    ) -> int | None:
        return await add_public_evaluation(
            self._session, unit_id, period, respondent_digest, satisfaction, submitted_by
        )

    async def add_daily_record(
        self,
        cadre_id: str,
        occurred_on: date,
        kind: str,
        points: float,
        description: str,
        recorded_by: str,
    ) -> int:
        return await add_daily_record(
            self._session, cadre_id, occurred_on, kind, points, description, recorded_by
        )

    async def set_evaluation(
        self, cadre_id: str, year: int, kind: str, score: float, evaluated_by: str
    ) -> None:
        await set_evaluation(self._session, cadre_id, year, kind, score, evaluated_by)

    async def set_areas(
        self, cadre_id: str, year: int, dimensions: list[str], assigned_by: str
    ) -> None:
        await set_areas(self._session, cadre_id, year, dimensions, assigned_by)
