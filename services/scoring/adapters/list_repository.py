"""Published list versions, the version in force per unit and year, and the items observations are
checked against."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable
from datetime import date

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.db import driver_connection
from services.scoring.domain.observations import ListInForce
from services.scoring.domain.rules import ItemSpec


def item_spec(row: asyncpg.Record) -> ItemSpec:
    return ItemSpec(
        indicator_code=row["indicator_code"],
        name=row["name"],
        dimension=row["dimension"],
        kind=row["kind"],
        direction=row["direction"],
        unit_of_measure=row["unit_of_measure"],
        weight=row["weight"],
        target=row["target"],
        rule=json.loads(row["rule"]),
        data_source=row["data_source"],
        source_system=row["source_system"],
        frequency=row["frequency"],
        capability_tags=tuple(row["capability_tags"]),
        min_value=row["min_value"],
        max_value=row["max_value"],
    )


async def add_version(
    conn: asyncpg.Connection,
    *,
    unit_id: str,
    year: int,
    version: int,
    list_id: str,
    unit_category: str,
    unit_temporary: bool,
    scheme_code: str | None,
    effective_from: date,
    effective_to: date | None,
    supersedes_version: int | None,
    event_id,
    items: list[ItemSpec],
) -> bool:
    """Stores a version and its items; False when that version was already stored (versions do not change)."""
    added = await conn.fetchval(
        """
        INSERT INTO list_versions (unit_id, year, version, list_id, unit_category, unit_temporary, scheme_code,
                                   effective_from, effective_to, supersedes_version, event_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT DO NOTHING RETURNING true
        """,
        unit_id,
        year,
        version,
        list_id,
        unit_category,
        unit_temporary,
        scheme_code,
        effective_from,
        effective_to,
        supersedes_version,
        event_id,
    )
    if not added:
        return False
    codes = [item.indicator_code for item in items]
    await conn.execute(
        "INSERT INTO series (unit_id, indicator_code) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING",
        unit_id,
        codes,
    )
    keys = dict(
        await conn.fetch(
            "SELECT indicator_code, series_key FROM series WHERE unit_id = $1 AND indicator_code = ANY($2::text[])",
            unit_id,
            codes,
        )
    )
    await conn.executemany(
        """
        INSERT INTO list_items (unit_id, year, version, indicator_code, series_key, name, dimension, kind, direction,
                                unit_of_measure, weight, target, rule, data_source, source_system, frequency,
                                capability_tags, min_value, max_value)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17, $18, $19)
        """,
        [
            (
                unit_id,
                year,
                version,
                item.indicator_code,
                keys[item.indicator_code],
                item.name,
                item.dimension,
                item.kind,
                item.direction,
                item.unit_of_measure,
                item.weight,
                item.target,
                json.dumps(item.rule),
                item.data_source,
                item.source_system,
                item.frequency,
                list(item.capability_tags),
                item.min_value,
                item.max_value,
            )
            for item in items
        ],
    )
    # A late copy of an older version does not take the place of a newer one.
    await conn.execute(
        """
        INSERT INTO lists_in_force (unit_id, year, version) VALUES ($1, $2, $3)
        ON CONFLICT (unit_id, year) DO UPDATE SET version = excluded.version, in_force_since = now()
        WHERE lists_in_force.version < excluded.version
        """,
        unit_id,
        year,
        version,
    )
    return True


# What checking an observation needs of an item (not its rule, name or tags).
_CHECKED_COLUMNS = (
    "indicator_code",
    "series_key",
    "kind",
    "unit_of_measure",
    "data_source",
    "source_system",
    "frequency",
    "min_value",
    "max_value",
)


def _checked_item(row: asyncpg.Record) -> ItemSpec:
    return ItemSpec(
        indicator_code=row["indicator_code"],
        name=row["indicator_code"],
        dimension="",
        kind=row["kind"],
        direction="",
        unit_of_measure=row["unit_of_measure"],
        weight=0.0,
        target=None,
        data_source=row["data_source"],
        source_system=row["source_system"],
        frequency=row["frequency"],
        min_value=row["min_value"],
        max_value=row["max_value"],
    )


class ListCache:
    """The items of list versions, by (unit, year, version), kept in memory: a version never changes
    once published, so only which version is in force has to be read for every batch of observations."""

    def __init__(self, capacity: int = 5000):
        self._capacity = capacity
        self._lists: OrderedDict[tuple[str, int, int], ListInForce] = OrderedDict()

    async def lists_for_checks(
        self, conn: asyncpg.Connection, wanted: Iterable[tuple[str, int, str]]
    ) -> tuple[dict[tuple[str, int], ListInForce], dict[str, tuple[int, ...]]]:
        """For each (unit, year, indicator) wanted: the unit's list in force for the year, and for units
        without a list for a wanted year, the years they do have lists for."""
        pairs = sorted({(unit, year) for unit, year, _ in wanted})
        in_force = await conn.fetch(
            """SELECT f.unit_id, f.year, f.version FROM unnest($1::text[], $2::int[]) AS w(unit_id, year)
               JOIN lists_in_force f ON f.unit_id = w.unit_id AND f.year = w.year""",
            [p[0] for p in pairs],
            [p[1] for p in pairs],
        )
        versions = [(row["unit_id"], row["year"], row["version"]) for row in in_force]
        await self._load([key for key in versions if key not in self._lists], conn)
        listings = {}
        for key in versions:
            self._lists.move_to_end(key)
            listings[key[:2]] = self._lists[key]
        while len(self._lists) > self._capacity:
            self._lists.popitem(last=False)
        missing = sorted({unit for unit, year in pairs if (unit, year) not in listings})
        return listings, await _years_with_lists(conn, missing)

    async def _load(self, keys: list[tuple[str, int, int]], conn: asyncpg.Connection) -> None:
        if not keys:
            return
        for key in keys:
            self._lists[key] = ListInForce(key[0], key[1], key[2], {}, {})
        rows = await conn.fetch(
            f"""SELECT li.unit_id, li.year, li.version, {", ".join("li." + c for c in _CHECKED_COLUMNS)}
                FROM unnest($1::text[], $2::int[], $3::int[]) AS k(unit_id, year, version)
                JOIN list_items li ON li.unit_id = k.unit_id AND li.year = k.year AND li.version = k.version""",
            [k[0] for k in keys],
            [k[1] for k in keys],
            [k[2] for k in keys],
        )
        for row in rows:
            listing = self._lists[(row["unit_id"], row["year"], row["version"])]
            listing.items[row["indicator_code"]] = _checked_item(row)
            listing.series[row["indicator_code"]] = row["series_key"]


async def _years_with_lists(
    conn: asyncpg.Connection, units: list[str]
) -> dict[str, tuple[int, ...]]:
    if not units:
        return {}
    rows = await conn.fetch(
        "SELECT unit_id, array_agg(year ORDER BY year) AS years FROM lists_in_force WHERE unit_id = ANY($1::text[]) GROUP BY unit_id",
        units,
    )
    return {row["unit_id"]: tuple(row["years"]) for row in rows}


# One per process: every unit of work checking observations shares it.
LISTS = ListCache()


class SqlListsInForce:
    """The process-wide cache of lists in force, read through one unit of work's connection."""

    def __init__(self, session: AsyncSession):
        self._session = session

    async def for_checks(
        self, wanted: Iterable[tuple[str, int, str]]
    ) -> tuple[dict[tuple[str, int], ListInForce], dict[str, tuple[int, ...]]]:
        return await LISTS.lists_for_checks(await driver_connection(self._session), wanted)
