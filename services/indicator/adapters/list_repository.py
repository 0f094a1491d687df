"""Units' indicator list versions in PostgreSQL.

Bulk paths (a city's catalogue at once) write with COPY and update with one statement over
arrays, inside the caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.db import driver_connection
from services.indicator.adapters.postgresql import any_of
from services.indicator.adapters.tables import indicator_lists, list_items
from services.indicator.domain.lists import Item
from services.indicator.domain.versions import DRAFT, PUBLISHED, ListVersion, VersionHeader

_LIST_COLUMNS = [
    "id",
    "unit_id",
    "year",
    "version",
    "status",
    "scheme_code",
    "effective_from",
    "supersedes_version",
    "snapshot",
    "published_at",
]
_ITEM_COLUMNS = ["list_id", "indicator_code", "origin", "weight", "target", "position"]
_HEADER_COLUMNS = ("id", "unit_id", "year", "version", "status", "effective_from", "effective_to")


def _version(row: sa.Row, items: Sequence[Item] = ()) -> ListVersion:
    return ListVersion(
        id=row.id,
        unit_id=row.unit_id,
        year=row.year,
        version=row.version,
        status=row.status,
        scheme_code=row.scheme_code,
        items=tuple(items),
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        supersedes_version=row.supersedes_version,
        snapshot=row.snapshot,
        created_at=row.created_at,
        published_at=row.published_at,
    )


class SqlListRepository:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def _items_of(self, list_id: str) -> list[Item]:
        query = (
            sa.select(list_items)
            .where(list_items.c.list_id == list_id)
            .order_by(list_items.c.position)
        )
        return [
            Item(r.indicator_code, r.weight, r.target, r.origin)
            for r in await self._session.execute(query)
        ]

    async def _with_items(self, row: sa.Row) -> ListVersion:
        """A draft comes with its editable items; a published version has them in its snapshot."""
        return _version(row, await self._items_of(row.id) if row.status == DRAFT else ())

    async def headers_of(
        self, pairs: Iterable[tuple[str, int]]
    ) -> dict[tuple[str, int], list[VersionHeader]]:
        """Every version header of each (unit, year), oldest first."""
        wanted = set(pairs)
        if not wanted:
            return {}
        query = (
            sa.select(*[indicator_lists.c[c] for c in _HEADER_COLUMNS])
            .where(
                any_of(indicator_lists.c.unit_id, {u for u, _ in wanted}),
                any_of(indicator_lists.c.year, {y for _, y in wanted}),
            )
            .order_by(indicator_lists.c.version)
        )
        found: dict[tuple[str, int], list[VersionHeader]] = {pair: [] for pair in wanted}
        for row in await self._session.execute(query):
            if (row.unit_id, row.year) in wanted:
                found[(row.unit_id, row.year)].append(
                    VersionHeader(*(getattr(row, c) for c in _HEADER_COLUMNS))
                )
        return found

    async def find(
        self,
        unit_id: str,
        year: int,
        version: int | None = None,
        status: str | None = None,
    ) -> ListVersion | None:
        """A version by number, or the one with a status (the version in force: status published)."""
        query = sa.select(indicator_lists).where(
            indicator_lists.c.unit_id == unit_id, indicator_lists.c.year == year
        )
        if version is not None:
            query = query.where(indicator_lists.c.version == version)
        if status is not None:
            query = query.where(indicator_lists.c.status == status)
        query = query.order_by(indicator_lists.c.version.desc()).limit(1)
        row = (await self._session.execute(query)).first()
        return await self._with_items(row) if row else None

    async def of_unit(self, unit_id: str, year: int | None = None) -> list[ListVersion]:
        """The unit's versions, newest year and version first."""
        query = sa.select(indicator_lists).where(indicator_lists.c.unit_id == unit_id)
        if year is not None:
            query = query.where(indicator_lists.c.year == year)
        query = query.order_by(indicator_lists.c.year.desc(), indicator_lists.c.version.desc())
        return [await self._with_items(row) for row in await self._session.execute(query)]

    async def in_force(self, year: int, unit_ids: Iterable[str] | None = None) -> list[ListVersion]:
        query = sa.select(indicator_lists).where(
            indicator_lists.c.year == year, indicator_lists.c.status == PUBLISHED
        )
        if unit_ids is not None:
            query = query.where(any_of(indicator_lists.c.unit_id, unit_ids))
        query = query.order_by(indicator_lists.c.unit_id)
        return [_version(row) for row in await self._session.execute(query)]

    async def add(self, versions: Sequence[ListVersion]) -> None:
        """Writes new versions, and the items of drafts, with COPY."""
        raw = await driver_connection(self._session)
        await raw.copy_records_to_table(
            "indicator_lists",
            columns=_LIST_COLUMNS,
            records=[
                (
                    v.id,
                    v.unit_id,
                    v.year,
                    v.version,
                    v.status,
                    v.scheme_code,
                    v.effective_from,
                    v.supersedes_version,
                    json.dumps(v.snapshot, ensure_ascii=False) if v.snapshot is not None else None,
                    v.published_at,
                )
                for v in versions
            ],
        )
        await raw.copy_records_to_table(
            "list_items",
            columns=_ITEM_COLUMNS,
            records=[
                (v.id, item.indicator_code, item.origin, item.weight, item.target, position)
                for v in versions
                if v.snapshot is None
                for position, item in enumerate(v.items)
            ],
        )

    async def remove(self, list_ids: Iterable[str]) -> None:
        ids = list(list_ids)
        if ids:
            await self._session.execute(
                indicator_lists.delete().where(any_of(indicator_lists.c.id, ids))
            )

    async def supersede(self, ended: Sequence[VersionHeader]) -> None:
        """Stores versions that ended (VersionHeader.superseded), with one statement for all."""
        if not ended:
            return
        raw = await driver_connection(self._session)
        await raw.execute(
            """
            UPDATE indicator_lists AS l SET status = 'superseded', effective_to = v.effective_to, superseded_at = now()
            FROM (SELECT unnest($1::text[]) AS id, unnest($2::date[]) AS effective_to) AS v
            WHERE l.id = v.id AND l.status = 'published'
            """,
            [header.list_id for header in ended],
            [header.effective_to for header in ended],
        )
