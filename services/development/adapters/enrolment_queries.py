"""Enrolments read for GraphQL, each with its place in its cohort's line."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.development.adapters.tables import enrolment_notes, enrolments
from services.development.domain.enrolments import WAITLISTED


def _place_in_line() -> sa.Label:
    """1 + the waitlisted enrolments ahead in the same cohort; null unless waitlisted."""
    ahead = enrolments.alias("ahead")
    count_ahead = (
        sa.select(sa.func.count() + 1)
        .where(
            ahead.c.cohort_id == enrolments.c.cohort_id,
            ahead.c.status == WAITLISTED,
            sa.tuple_(ahead.c.waitlisted_at, ahead.c.id)
            < sa.tuple_(enrolments.c.waitlisted_at, enrolments.c.id),
        )
        .scalar_subquery()
    )
    return sa.case((enrolments.c.status == WAITLISTED, count_ahead), else_=None).label(
        "waitlist_position"
    )


async def get_enrolment(session: AsyncSession, enrolment_id: str) -> sa.Row | None:
    query = sa.select(enrolments, _place_in_line()).where(enrolments.c.id == enrolment_id)
    return (await session.execute(query)).first()


async def find_enrolments(
    session: AsyncSession,
    *,
    cadre_id: str | None = None,
    programme_id: str | None = None,
    cohort_id: str | None = None,
    status: str | None = None,
    limit: int = 200,
) -> list[sa.Row]:
    query = sa.select(enrolments, _place_in_line())
    if cadre_id:
        query = query.where(enrolments.c.cadre_id == cadre_id)
    if programme_id:
        query = query.where(enrolments.c.programme_id == programme_id)
    if cohort_id:
        query = query.where(enrolments.c.cohort_id == cohort_id)
    if status:
        query = query.where(enrolments.c.status == status)
    if status == WAITLISTED:
        query = query.order_by(enrolments.c.waitlisted_at, enrolments.c.id)
    else:
        query = query.order_by(enrolments.c.created_at.desc(), enrolments.c.id)
    return list((await session.execute(query.limit(limit))).all())


async def notes_of(session: AsyncSession, enrolment_ids: list[str]) -> dict[str, list[sa.Row]]:
    """The notes of each enrolment, oldest first."""
    if not enrolment_ids:
        return {}
    query = (
        sa.select(enrolment_notes)
        .where(enrolment_notes.c.enrolment_id.in_(enrolment_ids))
        .order_by(enrolment_notes.c.written_at, enrolment_notes.c.cause)
    )
    notes: dict[str, list[sa.Row]] = {}
    for row in (await session.execute(query)).all():
        notes.setdefault(row.enrolment_id, []).append(row)
    return notes
