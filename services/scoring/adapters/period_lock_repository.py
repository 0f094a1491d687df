"""Locked periods."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.scoring.adapters.tables import period_locks
from services.scoring.domain.cases import enclosing


async def add(
    session: AsyncSession,
    period: str,
    reason: str,
    by: str,
    role: str,
    at: datetime,
    leaf_index: int,
) -> None:
    await session.execute(
        period_locks.insert().values(
            period=period,
            reason=reason,
            locked_by=by,
            locked_role=role,
            locked_at=at,
            leaf_index=leaf_index,
        )
    )


async def get(session: AsyncSession, period: str) -> sa.Row | None:
    return (
        await session.execute(sa.select(period_locks).where(period_locks.c.period == period))
    ).first()


async def all_locks(session: AsyncSession) -> list[sa.Row]:
    return list(await session.execute(sa.select(period_locks).order_by(period_locks.c.period)))


async def covering(session: AsyncSession, periods: Iterable[str]) -> dict[str, str]:
    """For each given period that is locked (itself, or its quarter or year), the locked period."""
    wanted = {period: enclosing(period) for period in set(periods)}
    candidates = {outer for outers in wanted.values() for outer in outers}
    if not candidates:
        return {}
    query = sa.select(period_locks.c.period).where(period_locks.c.period.in_(candidates))
    locked = set((await session.execute(query)).scalars())
    return {
        period: next(o for o in outers if o in locked)
        for period, outers in wanted.items()
        if any(o in locked for o in outers)
    }


async def remove(session: AsyncSession, period: str) -> None:
    await session.execute(period_locks.delete().where(period_locks.c.period == period))


class SqlPeriodLockRepository:
    """The statements above, bound to the session of one unit of work."""

    def __init__(self, session: AsyncSession):
        self._session = session

    async def add(
        self, period: str, reason: str, by: str, role: str, at: datetime, leaf_index: int
    ) -> None:
        await add(self._session, period, reason, by, role, at, leaf_index)

    async def has_own_lock(self, period: str) -> bool:
        return await get(self._session, period) is not None

    async def covering(self, periods: Iterable[str]) -> dict[str, str]:
        return await covering(self._session, periods)

    async def remove(self, period: str) -> None:
        await remove(self._session, period)
