"""Reads and writes of units and cadres."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.indicator.adapters.sql import any_of
from services.indicator.adapters.tables import cadres, units
from services.indicator.domain.units import Cadre, Unit


def unit_of(row: sa.Row) -> Unit:
    return Unit(
        id=row.id,
        name=row.name,
        category=row.category,
        district=row.district,
        parent_id=row.parent_id,
        temporary=row.temporary,
    )


def _cadre(row: sa.Row) -> Cadre:
    return Cadre(id=row.id, name=row.name, unit_id=row.unit_id, position_level=row.position_level)


async def get_unit(session: AsyncSession, unit_id: str) -> Unit | None:
    row = (await session.execute(sa.select(units).where(units.c.id == unit_id))).first()
    return unit_of(row) if row else None


async def get_cadre(session: AsyncSession, cadre_id: str) -> Cadre | None:
    row = (await session.execute(sa.select(cadres).where(cadres.c.id == cadre_id))).first()
    return _cadre(row) if row else None


async def list_cadres(
    session: AsyncSession, unit_id: str | None = None, limit: int = 100, offset: int = 0
) -> list[Cadre]:
    query = sa.select(cadres).order_by(cadres.c.id).limit(limit).offset(offset)
    if unit_id is not None:
        query = query.where(cadres.c.unit_id == unit_id)
    return [_cadre(row) for row in await session.execute(query)]


async def add_cadre(session: AsyncSession, cadre: Cadre) -> None:
    await session.execute(
        cadres.insert().values(
            id=cadre.id, name=cadre.name, unit_id=cadre.unit_id, position_level=cadre.position_level
        )
    )


async def units_by_id(
    session: AsyncSession, unit_ids: Iterable[str], lock: bool = False
) -> dict[str, Unit]:
    """`lock`: until commit, so that two changes to one unit's lists run one after the other (NO KEY
    UPDATE leaves registering cadres in these units free to proceed)."""
    query = sa.select(units).where(any_of(units.c.id, unit_ids))
    if lock:
        query = query.with_for_update(key_share=True)
    return {row.id: unit_of(row) for row in await session.execute(query)}


async def find_units(
    session: AsyncSession,
    *,
    category: str | None = None,
    district: str | None = None,
    temporary: bool | None = None,
    parent_id: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Unit]:
    query = sa.select(units).order_by(units.c.id).limit(limit).offset(offset)
    for column, value in (
        (units.c.category, category),
        (units.c.district, district),
        (units.c.temporary, temporary),
        (units.c.parent_id, parent_id),
    ):
        if value is not None:
            query = query.where(column == value)
    return [unit_of(row) for row in await session.execute(query)]


async def add_units(session: AsyncSession, new_units: list[Unit]) -> None:
    """Adds units in the order given: a parent comes before its children."""
    await session.execute(
        units.insert(),
        [
            {
                "id": u.id,
                "name": u.name,
                "category": u.category,
                "district": u.district,
                "parent_id": u.parent_id,
                "temporary": u.temporary,
            }
            for u in new_units
        ],
    )
