"""Appeals, their counts per period, and the re-scoring an upheld appeal asks for."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.scoring.adapters.case_repository import (
    CaseTable,
    step_of,
    step_values,
    subject_of,
    subject_values,
)
from services.scoring.adapters.tables import appeals, cadre_roster, rescoring_requests, unit_roster
from services.scoring.domain.appeals import OPEN, Appeal


def _appeal(row: sa.Row) -> Appeal:
    return Appeal(
        id=row.id,
        subject=subject_of(row),
        period=row.period,
        reasons=row.reasons,
        submitted=step_of(row, "submitted"),
        indicator_code=row.indicator_code,
        status=row.status,
        review=step_of(row, "review"),
        decision=step_of(row, "decided", row.decision_reason),
    )


def _values(appeal: Appeal) -> dict:
    return {
        **subject_values(appeal.subject),
        "period": appeal.period,
        "indicator_code": appeal.indicator_code,
        "reasons": appeal.reasons,
        "status": appeal.status,
        **step_values("submitted", appeal.submitted),
        **step_values("review", appeal.review),
        **step_values("decided", appeal.decision),
        "decision_reason": appeal.decision.reason if appeal.decision else None,
    }


CASES = CaseTable(appeals, _appeal, _values, appeals.c.submitted_at)
add, update, get, search = CASES.add, CASES.update, CASES.get, CASES.search


async def open_for(session: AsyncSession, appeal: Appeal) -> Appeal | None:
    query = sa.select(appeals).where(
        appeals.c.subject_kind == appeal.subject.kind,
        appeals.c.subject_id == appeal.subject.id,
        appeals.c.period == appeal.period,
        sa.func.coalesce(appeals.c.indicator_code, "") == (appeal.indicator_code or ""),
        appeals.c.status.in_(OPEN),
    )
    row = (await session.execute(query)).first()
    return _appeal(row) if row else None


async def counts_by_status(session: AsyncSession, period: str) -> dict[str, int]:
    query = (
        sa.select(appeals.c.status, sa.func.count())
        .where(appeals.c.period == period)
        .group_by(appeals.c.status)
    )
    return dict((await session.execute(query)).tuples().all())


async def assessed_count(session: AsyncSession) -> int:
    """Units and cadres on the roster: the population the appeal rate is taken over."""
    units = sa.select(sa.func.count()).select_from(unit_roster).scalar_subquery()
    cadres = sa.select(sa.func.count()).select_from(cadre_roster).scalar_subquery()
    return (await session.execute(sa.select(units + cadres))).scalar_one()


async def request_rescoring(session: AsyncSession, appeal: Appeal, at: datetime) -> int:
    statement = (
        rescoring_requests.insert()
        .values(
            **subject_values(appeal.subject),
            period=appeal.period,
            cause="appeal",
            cause_id=appeal.id,
            requested_at=at,
        )
        .returning(rescoring_requests.c.id)
    )
    return (await session.execute(statement)).scalar_one()


async def pending_rescoring(session: AsyncSession, period: str | None = None) -> list[sa.Row]:
    query = sa.select(rescoring_requests).where(rescoring_requests.c.completed_at.is_(None))
    if period is not None:
        query = query.where(rescoring_requests.c.period == period)
    return list(await session.execute(query.order_by(rescoring_requests.c.id)))


async def complete_rescoring(
    session: AsyncSession, request_ids: list[int], run_id: str, at: datetime
) -> list[sa.Row]:
    statement = (
        rescoring_requests.update()
        .where(
            rescoring_requests.c.id.in_(request_ids), rescoring_requests.c.completed_at.is_(None)
        )
        .values(completed_at=at, completed_by_run=run_id)
        .returning(*rescoring_requests.c)
    )
    return list(await session.execute(statement))


class SqlAppealRepository:
    """The appeals of one unit of work's session."""

    def __init__(self, session: AsyncSession):
        self._session = session

    async def get(self, appeal_id: str, for_update: bool = False) -> Appeal | None:
        return await get(self._session, appeal_id, for_update)

    async def add(self, appeal: Appeal) -> None:
        await add(self._session, appeal)

    async def update(self, appeal: Appeal) -> None:
        await update(self._session, appeal)

    async def open_for(self, appeal: Appeal) -> Appeal | None:
        return await open_for(self._session, appeal)

    async def counts_by_status(self, period: str) -> dict[str, int]:
        return await counts_by_status(self._session, period)

    async def assessed_count(self) -> int:
        return await assessed_count(self._session)

    async def request_rescoring(self, appeal: Appeal, at: datetime) -> int:
        return await request_rescoring(self._session, appeal, at)

    async def pending_rescoring_ids(self, period: str) -> set[int]:
        return {row.id for row in await pending_rescoring(self._session, period)}
