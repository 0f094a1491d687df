"""Everything one scoring run reads: the units with a list in force for the year, their items, the
year's observations, public evaluations, cadres and their records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import asyncpg

from services.scoring.adapters.observation_repository import read_year
from services.scoring.domain.engine import ObservationTable
from services.scoring.domain.inputs import ItemTableBuilder, Numbering
from services.scoring.domain.periods import Period


@dataclass
class UnitRows:
    ids: Numbering
    category: list[str]
    scheme: list[str | None]
    version: list[int]


@dataclass
class CadreRows:
    ids: list[str]
    unit_id: list[str]
    level: list[str]
    own: dict[str, float]
    term: dict[str, float]
    daily_points: dict[str, float]
    areas: list[tuple[str, str]]  # (cadre, dimension)


@dataclass
class RunRows:
    units: UnitRows
    items: ItemTableBuilder
    observations: ObservationTable
    satisfaction: dict[str, tuple[float, int]]  # unit -> (mean, evaluations)
    cadres: CadreRows


def peer_category(category: str, temporary: bool) -> str:
    """Temporary bodies (task forces) are assessed separately from the permanent units of their category."""
    return f"{category} (temporary)" if temporary else category


def periods_within(period: Period) -> list[str]:
    """The period texts whose data a run of `period` takes: every month, quarter and the year itself
    that ends by the period's last month."""
    year, last = period.year, period.last_month
    texts = [f"{year}-{month:02d}" for month in range(1, last + 1)]
    texts += [f"{year}-Q{quarter}" for quarter in range(1, 5) if quarter * 3 <= last]
    return texts + ([str(year)] if last == 12 else [])


async def load_lists(
    conn: asyncpg.Connection, period: Period, cumulative: Iterable[str]
) -> tuple[UnitRows, ItemTableBuilder, ObservationTable]:
    """The units with a list in force for the period's year, their items (cumulative indicators' goals
    pro rata to the period's end), and the observations up to the period."""
    year = period.year
    unit_rows = await conn.fetch(
        """
        SELECT f.unit_id, f.version, v.unit_category, v.unit_temporary, v.scheme_code
        FROM lists_in_force f JOIN list_versions v USING (unit_id, year, version)
        WHERE f.year = $1 ORDER BY f.unit_id
        """,
        year,
    )
    units = UnitRows(Numbering(), [], [], [])
    for row in unit_rows:
        units.ids.number(row["unit_id"])
        units.category.append(peer_category(row["unit_category"], row["unit_temporary"]))
        units.scheme.append(row["scheme_code"])
        units.version.append(row["version"])
    builder = ItemTableBuilder(units.ids, cumulative, period.last_month)
    item_rows = await conn.fetch(
        """
        SELECT li.unit_id, li.series_key, li.indicator_code, li.dimension, li.kind, li.direction, li.rule::text AS rule,
               li.weight, li.target, li.capability_tags
        FROM lists_in_force f JOIN list_items li USING (unit_id, year, version)
        WHERE f.year = $1 ORDER BY li.unit_id, li.indicator_code
        """,
        year,
    )
    builder.add_rows(item_rows)
    return units, builder, await read_year(conn, year, period.last_month)


async def load(conn: asyncpg.Connection, period: Period, cumulative: Iterable[str]) -> RunRows:
    units, builder, observations = await load_lists(conn, period, cumulative)
    satisfaction = {
        row["unit_id"]: (row["mean"], row["evaluations"])
        for row in await conn.fetch(
            "SELECT unit_id, avg(satisfaction) AS mean, count(*) AS evaluations FROM public_evaluations "
            "WHERE period = ANY($1::text[]) GROUP BY unit_id",
            periods_within(period),
        )
    }
    return RunRows(
        units, builder, observations, satisfaction, await _cadres(conn, period, units.ids.values)
    )


async def _cadres(conn: asyncpg.Connection, period: Period, unit_ids: list[str]) -> CadreRows:
    year = period.year
    rows = await conn.fetch(
        "SELECT cadre_id, unit_id, position_level FROM cadre_roster WHERE unit_id = ANY($1::text[]) ORDER BY cadre_id",
        unit_ids,
    )
    own, term = {}, {}
    for row in await conn.fetch(
        "SELECT cadre_id, kind, score FROM cadre_evaluations WHERE year = $1", year
    ):
        (own if row["kind"] == "own" else term)[row["cadre_id"]] = row["score"]
    first = date(year, 1, 1)
    after = (
        date(year + 1, 1, 1) if period.last_month == 12 else date(year, period.last_month + 1, 1)
    )
    daily = dict(
        await conn.fetch(
            "SELECT cadre_id, sum(points) FROM daily_records WHERE occurred_on >= $1 AND occurred_on < $2 GROUP BY cadre_id",
            first,
            after,
        )
    )
    areas = [
        tuple(row)
        for row in await conn.fetch(
            "SELECT cadre_id, dimension FROM cadre_areas WHERE year = $1 ORDER BY cadre_id, dimension",
            year,
        )
    ]
    return CadreRows(
        ids=[row["cadre_id"] for row in rows],
        unit_id=[row["unit_id"] for row in rows],
        level=[row["position_level"] for row in rows],
        own=own,
        term=term,
        daily_points=daily,
        areas=areas,
    )
