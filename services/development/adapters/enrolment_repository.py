"""Enrolments in PostgreSQL, as the unit of work changes them (rows locked while they change)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.development.adapters.tables import enrolment_notes, enrolments
from services.development.domain.clearing import EnrolmentNote
from services.development.domain.enrolments import ACTIVE, WAITLISTED, Enrolment

# What the domain object carries is exactly what a change may write; the id never changes.
_STATE = [name for name in Enrolment.__dataclass_fields__ if name != "id"]


def enrolment_from_row(row: sa.Row) -> Enrolment:
    return Enrolment(**{name: getattr(row, name) for name in Enrolment.__dataclass_fields__})


def _values(enrolment: Enrolment) -> dict[str, Any]:
    return asdict(enrolment)


class SqlEnrolmentRepository:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def active_in_programme(self, programme_id: str, cadre_ids: list[str]) -> dict[str, str]:
        query = sa.select(enrolments.c.cadre_id, enrolments.c.id).where(
            enrolments.c.programme_id == programme_id,
            enrolments.c.cadre_id.in_(cadre_ids),
            enrolments.c.status.in_(ACTIVE),
        )
        return {row.cadre_id: row.id for row in (await self._session.execute(query)).all()}

    async def add(self, added: list[Enrolment]) -> None:
        if added:
            await self._session.execute(enrolments.insert(), [_values(e) for e in added])

    async def get(self, enrolment_id: str) -> Enrolment | None:
        query = sa.select(enrolments).where(enrolments.c.id == enrolment_id).with_for_update()
        row = (await self._session.execute(query)).first()
        return enrolment_from_row(row) if row else None

    async def save(self, enrolment: Enrolment) -> None:
        values = _values(enrolment)
        await self._session.execute(
            sa.update(enrolments)
            .where(enrolments.c.id == enrolment.id)
            .values({name: values[name] for name in _STATE})
        )

    async def line_lengths(self, cohort_ids: list[str]) -> dict[str, int]:
        if not cohort_ids:
            return {}
        query = (
            sa.select(enrolments.c.cohort_id, sa.func.count().label("waiting"))
            .where(enrolments.c.cohort_id.in_(cohort_ids), enrolments.c.status == WAITLISTED)
            .group_by(enrolments.c.cohort_id)
        )
        return {row.cohort_id: row.waiting for row in (await self._session.execute(query)).all()}

    async def waiting_for(self, cohort_id: str, seats: int) -> list[Enrolment]:
        """At least the first `seats` cadres in the cohort's line (the index reads just those), locked."""
        query = (
            sa.select(enrolments)
            .where(enrolments.c.cohort_id == cohort_id, enrolments.c.status == WAITLISTED)
            .order_by(enrolments.c.waitlisted_at, enrolments.c.id)
            .limit(seats)
            .with_for_update()
        )
        return [enrolment_from_row(row) for row in (await self._session.execute(query)).all()]

    async def add_note(self, note: EnrolmentNote) -> bool:
        """False when the enrolment already has a note about that cause."""
        statement = (
            insert(enrolment_notes)
            .values(asdict(note))
            .on_conflict_do_nothing()
            .returning(enrolment_notes.c.enrolment_id)
        )
        return (await self._session.execute(statement)).first() is not None
