"""Published list versions, the version in force per unit and year, and the items observations are
checked against."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

import asyncpg

from services.scoring.domain.observations import ListInForce
from services.scoring.domain.rules import ItemSpec

_ITEM_COLUMNS = (
    "indicator_code, name, dimension, kind, direction, unit_of_measure, weight, target, rule::text AS rule, "
    "data_source, source_system, frequency, capability_tags, min_value, max_value"
)


def item_spec(row: asyncpg.Record) -> ItemSpec:
    return ItemSpec(
        indicator_code=row["indicator_code"], name=row["name"], dimension=row["dimension"], kind=row["kind"],
        direction=row["direction"], unit_of_measure=row["unit_of_measure"], weight=row["weight"],
        target=row["target"], rule=json.loads(row["rule"]), data_source=row["data_source"],
        source_system=row["source_system"], frequency=row["frequency"],
        capability_tags=tuple(row["capability_tags"]), min_value=row["min_value"], max_value=row["max_value"],
    )


async def add_version(
    conn: asyncpg.Connection,
    *,
    unit_id: str,
    year: int,
    version: int,
    list_id: str,
    unit_category: str,
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
        INSERT INTO list_versions (unit_id, year, version, list_id, unit_category, scheme_code, effective_from,
                                   effective_to, supersedes_version, event_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT DO NOTHING RETURNING true
        """,
        unit_id, year, version, list_id, unit_category, scheme_code, effective_from, effective_to,
        supersedes_version, event_id,
    )
    if not added:
        return False
    codes = [item.indicator_code for item in items]
    await conn.execute(
        "INSERT INTO series (unit_id, indicator_code) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING",
        unit_id, codes,
    )
    keys = dict(await conn.fetch(
        "SELECT indicator_code, series_key FROM series WHERE unit_id = $1 AND indicator_code = ANY($2::text[])",
        unit_id, codes,
    ))
    await conn.executemany(
        """
        INSERT INTO list_items (unit_id, year, version, indicator_code, series_key, name, dimension, kind, direction,
                                unit_of_measure, weight, target, rule, data_source, source_system, frequency,
                                capability_tags, min_value, max_value)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17, $18, $19)
        """,
        [
            (
                unit_id, year, version, item.indicator_code, keys[item.indicator_code], item.name, item.dimension,
                item.kind, item.direction, item.unit_of_measure, item.weight, item.target, json.dumps(item.rule),
                item.data_source, item.source_system, item.frequency, list(item.capability_tags),
                item.min_value, item.max_value,
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
        unit_id, year, version,
    )
    return True


async def lists_for_checks(
    conn: asyncpg.Connection, wanted: Iterable[tuple[str, int, str]]
) -> tuple[dict[tuple[str, int], ListInForce], dict[str, tuple[int, ...]]]:
    """For each (unit, year, indicator) wanted: the list in force with just the wanted items, and for
    units without a list for a wanted year, the years they do have lists for."""
    wanted = list(set(wanted))
    rows = await conn.fetch(
        f"""
        SELECT w.unit_id, w.year, f.version, li.series_key, {', '.join('li.' + c.strip() for c in _ITEM_COLUMNS.split(','))}
        FROM unnest($1::text[], $2::int[], $3::text[]) AS w(unit_id, year, wanted_code)
        JOIN lists_in_force f ON f.unit_id = w.unit_id AND f.year = w.year
        LEFT JOIN list_items li
          ON li.unit_id = f.unit_id AND li.year = f.year AND li.version = f.version AND li.indicator_code = w.wanted_code
        """,
        [w[0] for w in wanted], [w[1] for w in wanted], [w[2] for w in wanted],
    )
    listings: dict[tuple[str, int], ListInForce] = {}
    for row in rows:
        key = (row["unit_id"], row["year"])
        listing = listings.get(key) or listings.setdefault(key, ListInForce(key[0], key[1], row["version"], {}, {}))
        if row["indicator_code"] is not None:
            listing.items[row["indicator_code"]] = item_spec(row)
            listing.series[row["indicator_code"]] = row["series_key"]
    missing = sorted({w[0] for w in wanted if (w[0], w[1]) not in listings})
    years: dict[str, tuple[int, ...]] = {}
    if missing:
        for row in await conn.fetch(
            "SELECT unit_id, array_agg(year ORDER BY year) AS years FROM lists_in_force WHERE unit_id = ANY($1::text[]) GROUP BY unit_id",
            missing,
        ):
            years[row["unit_id"]] = tuple(row["years"])
    return listings, years
