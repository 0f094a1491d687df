"""Units in PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.indicator.adapters.postgresql import any_of
from services.indicator.adapters.tables import units
from services.indicator.domain.units import Unit


def unit_of(row: sa.Row) -> Unit:
    return Unit(
        id=row.id,
        name=row.name,
        category=row.category,
        district=row.district,
        parent_id=row.parent_id,
        temporary=row.temporary,
    )


class SqlUnitRepository:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def get(self, unit_id: str) -> Unit | None:
        row = (await self._session.execute(sa.select(units).where(units.c.id == unit_id))).first()
        return unit_of(row) if row else None

    async def by_id(self, unit_ids: Iterable[str], lock: bool = False) -> dict[str, Unit]:
        """`lock`: until commit, so that two changes to one unit's lists run one after the other (NO KEY
        UPDATE leaves registering cadres in these units free to proceed)."""
        query = sa.select(units).where(any_of(units.c.id, unit_ids))
        if lock:
            query = query.with_for_update(key_share=True)
        return {row.id: unit_of(row) for row in await self._session.execute(query)}

    async def find(
        self,
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
        return [unit_of(row) for row in await self._session.execute(query)]

    async def in_category(self, category: str) -> bool:
        used = sa.select(units.c.id).where(units.c.category == category).limit(1)
        return (await self._session.execute(used)).first() is not None

    async def add(self, new_units: Sequence[Unit]) -> None:
        """Adds units in the order given: a parent comes before its children."""
        await self._session.execute(
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
