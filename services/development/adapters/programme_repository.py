"""Programmes and cohorts in PostgreSQL."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.development.adapters.tables import cadre_roster, cohorts, programmes
from services.development.domain.programmes import Cohort, Eligibility, Programme


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


def _programme_values(programme: Programme) -> dict:
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


async def add_programme(session: AsyncSession, programme: Programme) -> bool:
    """False when a programme with that id exists already."""
    result = await session.execute(
        insert(programmes)
        .values(_programme_values(programme))
        .on_conflict_do_nothing()
        .returning(programmes.c.id)
    )
    return result.first() is not None


async def get_programme(session: AsyncSession, programme_id: str) -> Programme | None:
    row = (
        await session.execute(sa.select(programmes).where(programmes.c.id == programme_id))
    ).first()
    return programme_from_row(row) if row else None


async def list_programmes(
    session: AsyncSession, kind: str | None = None, capability: str | None = None
) -> list[Programme]:
    query = sa.select(programmes).order_by(programmes.c.priority, programmes.c.id)
    if kind:
        query = query.where(programmes.c.kind == kind)
    if capability:
        query = query.where(programmes.c.capabilities.any(capability))
    return [programme_from_row(row) for row in (await session.execute(query)).all()]


async def programmes_for_capabilities(
    session: AsyncSession, capabilities: list[str]
) -> list[Programme]:
    """Programmes (remedial classes aside) addressing any of the capabilities."""
    query = sa.select(programmes).where(
        programmes.c.capabilities.overlap(sa.cast(capabilities, ARRAY(sa.Text))),
        programmes.c.kind != "remedial",
    )
    return [programme_from_row(row) for row in (await session.execute(query)).all()]


async def remedial_programmes(session: AsyncSession) -> list[Programme]:
    query = sa.select(programmes).where(programmes.c.kind == "remedial")
    return [programme_from_row(row) for row in (await session.execute(query)).all()]


async def add_cohort(session: AsyncSession, cohort: Cohort) -> bool:
    """False when a cohort with that id exists already."""
    values = {
        "id": cohort.id,
        "programme_id": cohort.programme_id,
        "name": cohort.name,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "capacity": cohort.capacity,
    }
    result = await session.execute(
        insert(cohorts).values(values).on_conflict_do_nothing().returning(cohorts.c.id)
    )
    return result.first() is not None


async def get_cohort(session: AsyncSession, cohort_id: str, lock: bool = False) -> Cohort | None:
    query = sa.select(cohorts).where(cohorts.c.id == cohort_id)
    if lock:
        query = query.with_for_update()
    row = (await session.execute(query)).first()
    return cohort_from_row(row) if row else None


async def list_cohorts(session: AsyncSession, programme_ids: list[str]) -> list[Cohort]:
    query = (
        sa.select(cohorts)
        .where(cohorts.c.programme_id.in_(programme_ids))
        .order_by(cohorts.c.starts_on, cohorts.c.id)
    )
    return [cohort_from_row(row) for row in (await session.execute(query)).all()]


async def open_cohorts_locked(
    session: AsyncSession, programme_id: str, today: date
) -> list[Cohort]:
    """The programme's cohorts still taking cadres, locked (in id order, as everywhere) so that seats are counted once."""
    query = (
        sa.select(cohorts)
        .where(cohorts.c.programme_id == programme_id, cohorts.c.ends_on >= today)
        .order_by(cohorts.c.id)
        .with_for_update()
    )
    return [cohort_from_row(row) for row in (await session.execute(query)).all()]


async def change_seats(session: AsyncSession, cohort_id: str, delta: int) -> None:
    await session.execute(
        sa.update(cohorts)
        .where(cohorts.c.id == cohort_id)
        .values(seats_taken=cohorts.c.seats_taken + delta)
    )


async def set_capacity(session: AsyncSession, cohort_id: str, capacity: int) -> None:
    await session.execute(
        sa.update(cohorts).where(cohorts.c.id == cohort_id).values(capacity=capacity)
    )


async def roster_positions(
    session: AsyncSession, cadre_ids: list[str]
) -> dict[str, tuple[str, str]]:
    """Cadre id -> (position level, unit category) for the cadres the roster knows."""
    query = sa.select(
        cadre_roster.c.cadre_id, cadre_roster.c.position_level, cadre_roster.c.unit_category
    ).where(cadre_roster.c.cadre_id.in_(cadre_ids))
    return {
        row.cadre_id: (row.position_level, row.unit_category)
        for row in (await session.execute(query)).all()
    }
