"""Unit results with unreported red lines or vetoes, and the assessors' waivers of them."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.scoring.adapters.tables import missing_data_waivers, unit_scores
from services.scoring.domain.waivers import IncompleteResult, Waiver


async def incomplete_results(
    session: AsyncSession, periods: Iterable[str], unit_id: str | None = None
) -> list[IncompleteResult]:
    query = (
        sa.select(
            unit_scores.c.period,
            unit_scores.c.unit_id,
            unit_scores.c.missing_mandatory,
            unit_scores.c.blocked,
        )
        .where(
            unit_scores.c.period.in_(list(periods)),
            sa.func.cardinality(unit_scores.c.missing_mandatory) > 0,
        )
        .order_by(unit_scores.c.period, unit_scores.c.unit_id)
    )
    if unit_id is not None:
        query = query.where(unit_scores.c.unit_id == unit_id)
    return [
        IncompleteResult(row.period, row.unit_id, tuple(row.missing_mandatory), row.blocked)
        for row in await session.execute(query)
    ]


def _waiver(row: sa.Row) -> Waiver:
    return Waiver(
        id=row.id,
        period=row.period,
        unit_id=row.unit_id,
        indicator_codes=tuple(row.indicator_codes),
        reason=row.reason,
        waived_by=row.waived_by,
        waived_role=row.waived_role,
        waived_at=row.waived_at,
        leaf_index=row.leaf_index,
    )


async def waivers(
    session: AsyncSession, periods: Iterable[str], unit_id: str | None = None
) -> list[Waiver]:
    query = (
        sa.select(missing_data_waivers)
        .where(missing_data_waivers.c.period.in_(list(periods)))
        .order_by(missing_data_waivers.c.waived_at, missing_data_waivers.c.id)
    )
    if unit_id is not None:
        query = query.where(missing_data_waivers.c.unit_id == unit_id)
    return [_waiver(row) for row in await session.execute(query)]


async def add(session: AsyncSession, waiver: Waiver) -> None:
    await session.execute(
        missing_data_waivers.insert().values(
            id=waiver.id,
            period=waiver.period,
            unit_id=waiver.unit_id,
            indicator_codes=list(waiver.indicator_codes),
            reason=waiver.reason,
            waived_by=waiver.waived_by,
            waived_role=waiver.waived_role,
            waived_at=waiver.waived_at,
            leaf_index=waiver.leaf_index,
        )
    )


class SqlWaiverRepository:
    """The statements above, bound to the session of one unit of work."""

    def __init__(self, session: AsyncSession):
        self._session = session

    async def incomplete_results(
        self, periods: Iterable[str], unit_id: str | None = None
    ) -> list[IncompleteResult]:
        return await incomplete_results(self._session, periods, unit_id)

    async def waivers(self, periods: Iterable[str], unit_id: str | None = None) -> list[Waiver]:
        return await waivers(self._session, periods, unit_id)

    async def add(self, waiver: Waiver) -> None:
        await add(self._session, waiver)
