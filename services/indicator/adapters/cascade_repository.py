"""Cascaded targets and their allocations in PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.indicator.adapters.postgresql import any_of
from services.indicator.adapters.tables import target_allocations, target_cascades
from services.indicator.domain.cascade import Allocation, TargetCascade


async def _with_allocations(session: AsyncSession, rows: list[sa.Row]) -> list[TargetCascade]:
    if not rows:
        return []
    query = (
        sa.select(target_allocations)
        .where(any_of(target_allocations.c.cascade_code, [r.code for r in rows]))
        .order_by(target_allocations.c.cascade_code, target_allocations.c.unit_id)
    )
    parts: dict[str, list[Allocation]] = {}
    for a in await session.execute(query):
        parts.setdefault(a.cascade_code, []).append(Allocation(a.unit_id, Decimal(a.amount)))
    return [
        TargetCascade(
            code=r.code,
            name=r.name,
            year=r.year,
            total=Decimal(r.total),
            unit_of_measure=r.unit_of_measure,
            allocations=tuple(parts.get(r.code, ())),
            indicator_code=r.indicator_code,
            parent_code=r.parent_code,
            parent_unit_id=r.parent_unit_id,
        )
        for r in rows
    ]


class SqlCascadeRepository:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def get(self, code: str) -> TargetCascade | None:
        rows = list(
            await self._session.execute(
                sa.select(target_cascades).where(target_cascades.c.code == code)
            )
        )
        found = await _with_allocations(self._session, rows)
        return found[0] if found else None

    async def find(
        self,
        year: int | None = None,
        indicator_code: str | None = None,
        parent_code: str | None = None,
    ) -> list[TargetCascade]:
        query = sa.select(target_cascades).order_by(target_cascades.c.year, target_cascades.c.code)
        if year is not None:
            query = query.where(target_cascades.c.year == year)
        if indicator_code is not None:
            query = query.where(target_cascades.c.indicator_code == indicator_code)
        if parent_code is not None:
            query = query.where(target_cascades.c.parent_code == parent_code)
        return await _with_allocations(self._session, list(await self._session.execute(query)))

    async def save(self, cascade: TargetCascade) -> None:
        """Stores the cascade, replacing its allocations when it existed."""
        values = {
            "code": cascade.code,
            "name": cascade.name,
            "year": cascade.year,
            "indicator_code": cascade.indicator_code,
            "unit_of_measure": cascade.unit_of_measure,
            "total": cascade.total,
            "parent_code": cascade.parent_code,
            "parent_unit_id": cascade.parent_unit_id,
        }
        statement = insert(target_cascades).values(values)
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["code"], set_=values)
        )
        await self._session.execute(
            target_allocations.delete().where(target_allocations.c.cascade_code == cascade.code)
        )
        await self._session.execute(
            target_allocations.insert(),
            [
                {"cascade_code": cascade.code, "unit_id": a.unit_id, "amount": a.amount}
                for a in cascade.allocations
            ],
        )

    async def allocations_for(
        self, unit_ids: Iterable[str], years: Iterable[int]
    ) -> dict[tuple[str, int], dict[str, tuple[str, Decimal]]]:
        """Per (unit, year): indicator code -> (cascade code, the unit's part), for cascades tied to an indicator."""
        query = (
            sa.select(
                target_allocations.c.unit_id,
                target_allocations.c.amount,
                target_cascades.c.code,
                target_cascades.c.year,
                target_cascades.c.indicator_code,
            )
            .join(target_cascades, target_cascades.c.code == target_allocations.c.cascade_code)
            .where(
                target_cascades.c.indicator_code.is_not(None),
                any_of(target_allocations.c.unit_id, unit_ids),
                any_of(target_cascades.c.year, years),
            )
        )
        found: dict[tuple[str, int], dict[str, tuple[str, Decimal]]] = {}
        for row in await self._session.execute(query):
            found.setdefault((row.unit_id, row.year), {})[row.indicator_code] = (
                row.code,
                Decimal(row.amount),
            )
        return found
