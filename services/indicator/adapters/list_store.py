"""Reads and writes of units' indicator lists and their versions.

Bulk paths (a city's catalogue at once) write with COPY and update with one statement over
arrays, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.db import driver_connection
from services.indicator.adapters.sql import any_of
from services.indicator.adapters.tables import indicator_lists, list_items
from services.indicator.domain.lists import Item
from services.indicator.domain.versions import PUBLISHED, VersionHeader

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


@dataclass(frozen=True)
class NewList:
    id: str
    unit_id: str
    year: int
    version: int
    status: str
    scheme_code: str | None
    items: Sequence[
        Item
    ]  # a draft's editable items; a published version keeps its items in the snapshot
    effective_from: date | None = None
    supersedes_version: int | None = None
    snapshot: str | None = None  # the published payload as JSON text
    published_at: datetime | None = None


@dataclass(frozen=True)
class StoredList:
    """A list version as stored: header columns, and the published payload when there is one."""

    id: str
    unit_id: str
    year: int
    version: int
    status: str
    scheme_code: str | None
    effective_from: date | None
    effective_to: date | None
    supersedes_version: int | None
    created_at: datetime
    published_at: datetime | None
    snapshot: dict | None

    @property
    def header(self) -> VersionHeader:
        return VersionHeader(
            self.id, self.unit_id, self.year, self.version, self.status, self.effective_from
        )


def _stored(row: sa.Row) -> StoredList:
    return StoredList(
        id=row.id,
        unit_id=row.unit_id,
        year=row.year,
        version=row.version,
        status=row.status,
        scheme_code=row.scheme_code,
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        supersedes_version=row.supersedes_version,
        created_at=row.created_at,
        published_at=row.published_at,
        snapshot=row.snapshot,
    )


async def headers_of(
    session: AsyncSession, pairs: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], list[VersionHeader]]:
    """Every version header of each (unit, year), oldest first."""
    wanted = set(pairs)
    if not wanted:
        return {}
    columns = [
        indicator_lists.c[c]
        for c in ("id", "unit_id", "year", "version", "status", "effective_from")
    ]
    query = (
        sa.select(*columns)
        .where(
            any_of(indicator_lists.c.unit_id, {u for u, _ in wanted}),
            any_of(indicator_lists.c.year, {y for _, y in wanted}),
        )
        .order_by(indicator_lists.c.version)
    )
    found: dict[tuple[str, int], list[VersionHeader]] = {pair: [] for pair in wanted}
    for row in await session.execute(query):
        if (row.unit_id, row.year) in wanted:
            found[(row.unit_id, row.year)].append(
                VersionHeader(
                    row.id, row.unit_id, row.year, row.version, row.status, row.effective_from
                )
            )
    return found


async def find_list(
    session: AsyncSession,
    unit_id: str,
    year: int,
    version: int | None = None,
    status: str | None = None,
) -> StoredList | None:
    """A version by number, or the one with a status (the version in force: status published)."""
    query = sa.select(indicator_lists).where(
        indicator_lists.c.unit_id == unit_id, indicator_lists.c.year == year
    )
    if version is not None:
        query = query.where(indicator_lists.c.version == version)
    if status is not None:
        query = query.where(indicator_lists.c.status == status)
    row = (await session.execute(query.order_by(indicator_lists.c.version.desc()).limit(1))).first()
    return _stored(row) if row else None


async def lists_of(
    session: AsyncSession, unit_id: str, year: int | None = None
) -> list[StoredList]:
    query = sa.select(indicator_lists).where(indicator_lists.c.unit_id == unit_id)
    if year is not None:
        query = query.where(indicator_lists.c.year == year)
    query = query.order_by(indicator_lists.c.year.desc(), indicator_lists.c.version.desc())
    return [_stored(row) for row in await session.execute(query)]


async def in_force(
    session: AsyncSession, year: int, unit_ids: Iterable[str] | None = None
) -> list[StoredList]:
    query = sa.select(indicator_lists).where(
        indicator_lists.c.year == year, indicator_lists.c.status == PUBLISHED
    )
    if unit_ids is not None:
        query = query.where(any_of(indicator_lists.c.unit_id, unit_ids))
    return [
        _stored(row) for row in await session.execute(query.order_by(indicator_lists.c.unit_id))
    ]


async def items_of(session: AsyncSession, list_id: str) -> list[Item]:
    query = (
        sa.select(list_items).where(list_items.c.list_id == list_id).order_by(list_items.c.position)
    )
    return [
        Item(r.indicator_code, r.weight, r.target, r.origin) for r in await session.execute(query)
    ]


async def insert_lists(session: AsyncSession, lists: Sequence[NewList]) -> None:
    """Writes list headers, and the items of drafts, with COPY."""
    raw = await driver_connection(session)
    await raw.copy_records_to_table(
        "indicator_lists",
        columns=_LIST_COLUMNS,
        records=[
            (
                n.id,
                n.unit_id,
                n.year,
                n.version,
                n.status,
                n.scheme_code,
                n.effective_from,
                n.supersedes_version,
                n.snapshot,
                n.published_at,
            )
            for n in lists
        ],
    )
    await raw.copy_records_to_table(
        "list_items",
        columns=_ITEM_COLUMNS,
        records=[
            (n.id, item.indicator_code, item.origin, item.weight, item.target, position)
            for n in lists
            if n.snapshot is None
            for position, item in enumerate(n.items)
        ],
    )


async def delete_lists(session: AsyncSession, list_ids: Iterable[str]) -> None:
    ids = list(list_ids)
    if ids:
        await session.execute(indicator_lists.delete().where(any_of(indicator_lists.c.id, ids)))


async def supersede(session: AsyncSession, ended: Sequence[tuple[str, date]]) -> None:
    """Marks versions superseded, each effective until the day before its successor starts."""
    if not ended:
        return
    raw = await driver_connection(session)
    await raw.execute(
        """
        UPDATE indicator_lists AS l SET status = 'superseded', effective_to = v.effective_to, superseded_at = now()
        FROM (SELECT unnest($1::text[]) AS id, unnest($2::date[]) AS effective_to) AS v
        WHERE l.id = v.id AND l.status = 'published'
        """,
        [list_id for list_id, _ in ended],
        [until for _, until in ended],
    )
