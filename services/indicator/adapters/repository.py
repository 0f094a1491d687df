"""Reads and writes of units and cadres."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.indicator.adapters.tables import cadres, units
from services.indicator.domain.units import Cadre, Unit


def _unit(row: sa.Row) -> Unit:
    return Unit(
        id=row.id, name=row.name, category=row.category, district=row.district,
        parent_id=row.parent_id, temporary=row.temporary,
    )


def _cadre(row: sa.Row) -> Cadre:
    return Cadre(id=row.id, name=row.name, unit_id=row.unit_id, position_level=row.position_level)


async def get_unit(session: AsyncSession, unit_id: str) -> Unit | None:
    row = (await session.execute(sa.select(units).where(units.c.id == unit_id))).first()
    return _unit(row) if row else None


async def list_units(session: AsyncSession, limit: int = 100, offset: int = 0) -> list[Unit]:
    rows = await session.execute(sa.select(units).order_by(units.c.id).limit(limit).offset(offset))
    return [_unit(row) for row in rows]


async def add_unit(session: AsyncSession, unit: Unit) -> None:
    await session.execute(
        units.insert().values(
            id=unit.id, name=unit.name, category=unit.category, district=unit.district,
            parent_id=unit.parent_id, temporary=unit.temporary,
        )
    )


async def get_cadre(session: AsyncSession, cadre_id: str) -> Cadre | None:
    row = (await session.execute(sa.select(cadres).where(cadres.c.id == cadre_id))).first()
    return _cadre(row) if row else None


async def list_cadres(session: AsyncSession, unit_id: str | None = None, limit: int = 100, offset: int = 0) -> list[Cadre]:
    query = sa.select(cadres).order_by(cadres.c.id).limit(limit).offset(offset)
    if unit_id is not None:
        query = query.where(cadres.c.unit_id == unit_id)
    return [_cadre(row) for row in await session.execute(query)]


async def add_cadre(session: AsyncSession, cadre: Cadre) -> None:
    await session.execute(
        cadres.insert().values(id=cadre.id, name=cadre.name, unit_id=cadre.unit_id, position_level=cadre.position_level)
    )
