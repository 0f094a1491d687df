"""Programmes and their cohorts in PostgreSQL, as the unit of work changes them."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.development.adapters.tables import cohorts, programmes
from services.development.domain.programmes import REMEDIAL, Cohort, Eligibility, Programme


def programme_from_row(row: sa.Row) -> Programme:
    return Programme(
        id=row.id,
        name=row.name,
        kind=row.kind,
        capabilities=tuple(row.capabilities),
        eligibility=Eligibility(frozenset(row.position_levels), frozenset(row.unit_categories)),
        priority=row.priority,
        full_time=row.full_time,
        description=row.description,
    )


def cohort_from_row(row: sa.Row) -> Cohort:
    return Cohort(
        id=row.id,
        programme_id=row.programme_id,
        name=row.name,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        capacity=row.capacity,
        seats_taken=row.seats_taken,
    )


def _programme_values(programme: Programme) -> dict[str, Any]:
    return {
        "id": programme.id,
        "name": programme.name,
        "kind": programme.kind,
        "capabilities": list(programme.capabilities),
        "position_levels": sorted(programme.eligibility.position_levels),
        "unit_categories": sorted(programme.eligibility.unit_categories),
        "priority": programme.priority,
        "full_time": programme.full_time,
        "description": programme.description,
    }


class SqlProgrammeRepository:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def add(self, programme: Programme) -> bool:
        """False when a programme with that id exists already."""
        result = await self._session.execute(
            insert(programmes)
            .values(_programme_values(programme))
            .on_conflict_do_nothing()
            .returning(programmes.c.id)
        )
        return result.first() is not None

    async def get(self, programme_id: str) -> Programme | None:
        query = sa.select(programmes).where(programmes.c.id == programme_id)
        row = (await self._session.execute(query)).first()
        return programme_from_row(row) if row else None

    async def all(self) -> list[Programme]:
        """Highest priority first."""
        query = sa.select(programmes).order_by(programmes.c.priority, programmes.c.id)
        return [programme_from_row(row) for row in (await self._session.execute(query)).all()]

    async def for_capabilities(self, capabilities: list[str]) -> list[Programme]:
        """Programmes (remedial classes aside) addressing any of the capabilities."""
        if not capabilities:
            return []
        query = sa.select(programmes).where(
            programmes.c.capabilities.overlap(sa.cast(capabilities, ARRAY(sa.Text))),
            programmes.c.kind != REMEDIAL,
        )
        return [programme_from_row(row) for row in (await self._session.execute(query)).all()]

    async def remedial(self) -> list[Programme]:
        query = sa.select(programmes).where(programmes.c.kind == REMEDIAL)
        return [programme_from_row(row) for row in (await self._session.execute(query)).all()]

    async def add_cohort(self, cohort: Cohort) -> bool:
        """False when a cohort with that id exists already."""
        values = {
            "id": cohort.id,
            "programme_id": cohort.programme_id,
            "name": cohort.name,
            "starts_on": cohort.starts_on,
            "ends_on": cohort.ends_on,
            "capacity": cohort.capacity,
        }
        result = await self._session.execute(
            insert(cohorts).values(values).on_conflict_do_nothing().returning(cohorts.c.id)
        )
        return result.first() is not None

    async def cohort(self, cohort_id: str, lock: bool = False) -> Cohort | None:
        """Locked, the cohort's seats can be changed until the transaction ends."""
        query = sa.select(cohorts).where(cohorts.c.id == cohort_id)
        if lock:
            query = query.with_for_update()
        row = (await self._session.execute(query)).first()
        return cohort_from_row(row) if row else None

    async def open_cohorts_locked(self, programme_id: str, today: date) -> list[Cohort]:
        """The programme's cohorts still taking cadres, locked (in id order, as everywhere) so that seats are counted once."""
        query = (
            sa.select(cohorts)
            .where(cohorts.c.programme_id == programme_id, cohorts.c.ends_on >= today)
            .order_by(cohorts.c.id)
            .with_for_update()
        )
        return [cohort_from_row(row) for row in (await self._session.execute(query)).all()]

    async def save_cohort(self, cohort: Cohort) -> None:
        """Seats and capacity of a cohort locked in this transaction."""
        await self._session.execute(
            sa.update(cohorts)
            .where(cohorts.c.id == cohort.id)
            .values(seats_taken=cohort.seats_taken, capacity=cohort.capacity)
        )
