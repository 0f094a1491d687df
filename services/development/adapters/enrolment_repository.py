"""Enrolments and what caused them, in PostgreSQL."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from schemas.envelope import EventPayload
from services.development.adapters.tables import enrolment_causes, enrolments
from services.development.domain.enrolments import ACTIVE, WAITLISTED, Enrolment


def enrolment_from_row(row: sa.Row) -> Enrolment:
    return Enrolment(
        id=row.id,
        cadre_id=row.cadre_id,
        programme_id=row.programme_id,
        cohort_id=row.cohort_id,
        status=row.status,
        full_time=row.full_time,
        returned_to_post_at=row.returned_to_post_at,
    )


async def claim_causes(
    session: AsyncSession, findings: list[tuple[str, str, EventPayload]]
) -> set[tuple[str, str]]:
    """The (cadre, cause) pairs seen for the first time; a re-delivery or a re-run of scoring claims nothing."""
    if not findings:
        return set()
    statement = (
        insert(enrolment_causes)
        .values(
            [
                {
                    "cadre_id": cadre_id,
                    "cause": cause,
                    "outcome": "pending",
                    "event_type": event.event_type,
                    "payload": event.model_dump(mode="json"),
                }
                for cadre_id, cause, event in findings
            ]
        )
        .on_conflict_do_nothing()
        .returning(enrolment_causes.c.cadre_id, enrolment_causes.c.cause)
    )
    return {(row.cadre_id, row.cause) for row in (await session.execute(statement)).all()}


async def settle_causes(
    session: AsyncSession, settled: list[tuple[str, str, str, str | None]]
) -> None:
    """Records (cadre, cause, outcome, enrolment id) for many findings in one statement."""
    if not settled:
        return
    cadres, causes, outcomes, enrolment_ids = (list(column) for column in zip(*settled))
    await session.execute(
        sa.text(
            "UPDATE enrolment_causes AS c SET outcome = v.outcome, enrolment_id = v.enrolment_id "
            "FROM unnest(CAST(:cadres AS text[]), CAST(:causes AS text[]), CAST(:outcomes AS text[]), "
            "CAST(:enrolment_ids AS text[])) AS v(cadre_id, cause, outcome, enrolment_id) "
            "WHERE c.cadre_id = v.cadre_id AND c.cause = v.cause"
        ),
        {"cadres": cadres, "causes": causes, "outcomes": outcomes, "enrolment_ids": enrolment_ids},
    )


async def unplaced_causes(
    session: AsyncSession, outcomes: tuple[str, ...], limit: int
) -> list[sa.Row]:
    """Findings no programme or cohort could take yet, oldest first, locked against a concurrent retry."""
    query = (
        sa.select(enrolment_causes)
        .where(enrolment_causes.c.outcome.in_(outcomes))
        .order_by(enrolment_causes.c.recorded_at, enrolment_causes.c.cadre_id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(query)).all())


async def active_enrolments(
    session: AsyncSession, programme_id: str, cadre_ids: list[str]
) -> dict[str, str]:
    """Cadre id -> id of the cadre's active enrolment in the programme, for those of the cadres who have one."""
    query = sa.select(enrolments.c.cadre_id, enrolments.c.id).where(
        enrolments.c.programme_id == programme_id,
        enrolments.c.cadre_id.in_(cadre_ids),
        enrolments.c.status.in_(ACTIVE),
    )
    return {row.cadre_id: row.id for row in (await session.execute(query)).all()}


async def add_enrolments(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    if rows:
        await session.execute(enrolments.insert(), rows)


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


async def get_enrolment_row(
    session: AsyncSession, enrolment_id: str, lock: bool = False
) -> sa.Row | None:
    """The enrolment; read (not locked) it comes with its place in line."""
    if lock:
        query = sa.select(enrolments).where(enrolments.c.id == enrolment_id).with_for_update()
    else:
        query = sa.select(enrolments, _place_in_line()).where(enrolments.c.id == enrolment_id)
    return (await session.execute(query)).first()


async def update_enrolment(session: AsyncSession, enrolment_id: str, **values: Any) -> None:
    await session.execute(
        sa.update(enrolments).where(enrolments.c.id == enrolment_id).values(**values)
    )


async def waitlist_lengths(session: AsyncSession, cohort_ids: list[str]) -> dict[str, int]:
    query = (
        sa.select(enrolments.c.cohort_id, sa.func.count().label("waiting"))
        .where(enrolments.c.cohort_id.in_(cohort_ids), enrolments.c.status == WAITLISTED)
        .group_by(enrolments.c.cohort_id)
    )
    return {row.cohort_id: row.waiting for row in (await session.execute(query)).all()}


async def first_in_line(session: AsyncSession, cohort_id: str, count: int = 1) -> list[sa.Row]:
    query = (
        sa.select(enrolments)
        .where(enrolments.c.cohort_id == cohort_id, enrolments.c.status == WAITLISTED)
        .order_by(enrolments.c.waitlisted_at, enrolments.c.id)
        .limit(count)
        .with_for_update()
    )
    return list((await session.execute(query)).all())


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
