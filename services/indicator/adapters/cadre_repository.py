"""Cadres in PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.indicator.adapters.tables import cadres
from services.indicator.domain.units import Cadre


def _cadre(row: sa.Row) -> Cadre:
    return Cadre(id=row.id, name=row.name, unit_id=row.unit_id, position_level=row.position_level)


class SqlCadreRepository:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def get(self, cadre_id: str) -> Cadre | None:
        query = sa.select(cadres).where(cadres.c.id == cadre_id)
        row = (await self._session.execute(query)).first()
        return _cadre(row) if row else None

    async def find(
        self, unit_id: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Cadre]:
        query = sa.select(cadres).order_by(cadres.c.id).limit(limit).offset(offset)
        if unit_id is not None:
            query = query.where(cadres.c.unit_id == unit_id)
        return [_cadre(row) for row in await self._session.execute(query)]

    async def add(self, cadre: Cadre) -> None:
        await self._session.execute(
            cadres.insert().values(
                id=cadre.id,
                name=cadre.name,
                unit_id=cadre.unit_id,
                position_level=cadre.position_level,
            )
        )
