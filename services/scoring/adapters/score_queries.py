"""Reads for the GraphQL subgraph: scores and their breakdowns, lists, anomalies, monitoring, observations.

Plain SQL on the asyncpg connection (prepared once per connection): a cadre's breakdown makes
several of these reads, and statement building would cost more than the reads themselves.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg

from services.common.db import driver_connection
from services.scoring.domain.periods import parse_period


@contextlib.asynccontextmanager
async def reading(platform: Any) -> AsyncIterator[asyncpg.Connection]:
    """A pooled connection for reads outside any unit of work."""
    async with platform.engine.connect() as connection:
        yield await driver_connection(connection)


async def cadre_unit(conn: asyncpg.Connection, cadre_id: str) -> str | None:
    return await conn.fetchval("SELECT unit_id FROM cadre_roster WHERE cadre_id = $1", cadre_id)


async def unit_score(conn: asyncpg.Connection, unit_id: str, period: str) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT * FROM unit_scores WHERE unit_id = $1 AND period = $2", unit_id, period
    )


async def unit_scores_of(
    conn: asyncpg.Connection, period: str, unit_category: str | None, limit: int, offset: int
) -> list[asyncpg.Record]:
    return await conn.fetch(
        """SELECT * FROM unit_scores WHERE period = $1 AND ($2::text IS NULL OR unit_category = $2)
           ORDER BY unit_category, rank, unit_id LIMIT $3 OFFSET $4""",
        period,
        unit_category,
        limit,
        offset,
    )


async def contributions(
    conn: asyncpg.Connection, unit_id: str, period: str
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT * FROM score_contributions WHERE unit_id = $1 AND period = $2 ORDER BY dimension, indicator_code",
        unit_id,
        period,
    )


async def cadre_score(
    conn: asyncpg.Connection, cadre_id: str, period: str
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT * FROM cadre_scores WHERE cadre_id = $1 AND period = $2", cadre_id, period
    )


async def cadre_score_history(conn: asyncpg.Connection, cadre_id: str) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT * FROM cadre_scores WHERE cadre_id = $1 ORDER BY period", cadre_id
    )


async def rankings(
    conn: asyncpg.Connection,
    period: str,
    unit_category: str | None,
    position_level: str | None,
    limit: int,
    offset: int,
) -> list[asyncpg.Record]:
    return await conn.fetch(
        """SELECT * FROM cadre_scores
           WHERE period = $1 AND ($2::text IS NULL OR unit_category = $2) AND ($3::text IS NULL OR position_level = $3)
           ORDER BY unit_category, position_level, rank, cadre_id LIMIT $4 OFFSET $5""",
        period,
        unit_category,
        position_level,
        limit,
        offset,
    )


async def capabilities(conn: asyncpg.Connection, cadre_id: str, period: str) -> list[dict]:
    """The cadre's capability scores for the period, one dict per capability, each with the median
    of the same peers its percentile is taken among (scored cadres of the unit category and position
    level with a score in that capability)."""
    row = await conn.fetchrow(
        """SELECT p.capabilities, p.scores, p.peer_percentiles, p.peers, s.unit_category, s.position_level
           FROM capability_profiles p
           LEFT JOIN cadre_scores s ON s.cadre_id = p.cadre_id AND s.period = p.period
           WHERE p.cadre_id = $1 AND p.period = $2""",
        cadre_id,
        period,
    )
    if row is None:
        return []
    medians = await peer_medians(
        conn, period, row["unit_category"], row["position_level"], row["capabilities"]
    )
    return [
        {
            "capability": name,
            "score": score,
            "peer_percentile": percentile,
            "peers": peers,
            "peer_median": medians.get(name),
        }
        for name, score, percentile, peers in zip(
            row["capabilities"], row["scores"], row["peer_percentiles"], row["peers"]
        )
    ]


async def peer_medians(
    conn: asyncpg.Connection,
    period: str,
    unit_category: str | None,
    position_level: str | None,
    names: list[str],
) -> dict[str, float]:
    """Median capability score per capability among a peer group's scored cadres of the period."""
    if unit_category is None or position_level is None:
        return {}
    rows = await conn.fetch(
        """SELECT c.capability, percentile_cont(0.5) WITHIN GROUP (ORDER BY c.score) AS median
           FROM cadre_scores s
           JOIN capability_profiles p ON p.cadre_id = s.cadre_id AND p.period = s.period
           CROSS JOIN LATERAL unnest(p.capabilities, p.scores) AS c(capability, score)
           WHERE s.period = $1 AND s.unit_category = $2 AND s.position_level = $3
             AND c.capability = ANY($4::text[])
           GROUP BY c.capability""",
        period,
        unit_category,
        position_level,
        names,
    )
    return {r["capability"]: round(float(r["median"]), 2) for r in rows}


async def daily_records_between(
    conn: asyncpg.Connection, cadre_id: str, first: date, after: date
) -> list[asyncpg.Record]:
    return await conn.fetch(
        """SELECT * FROM daily_records WHERE cadre_id = $1 AND occurred_on >= $2 AND occurred_on < $3
           ORDER BY occurred_on, record_id""",
        cadre_id,
        first,
        after,
    )


async def areas_in_charge(conn: asyncpg.Connection, cadre_id: str, year: int) -> list[str]:
    rows = await conn.fetch(
        "SELECT dimension FROM cadre_areas WHERE cadre_id = $1 AND year = $2 ORDER BY dimension",
        cadre_id,
        year,
    )
    return [row["dimension"] for row in rows]


@dataclass(frozen=True)
class CadreDetails:
    """What a cadre's breakdown shows besides the cadre's own score row."""

    unit_score: asyncpg.Record | None
    contributions: list[asyncpg.Record]
    capabilities: list[dict]
    daily_records: list[asyncpg.Record]
    areas_in_charge: list[str]


async def cadre_details(
    platform: Any, cadre_id: str, unit_id: str, period_text: str
) -> CadreDetails:
    """All of it with one pooled connection: a self-service page asks for every part at once."""
    period = parse_period(period_text)
    after = (
        date(period.year + 1, 1, 1)
        if period.last_month == 12
        else date(period.year, period.last_month + 1, 1)
    )
    async with reading(platform) as conn:
        return CadreDetails(
            unit_score=await unit_score(conn, unit_id, period_text),
            contributions=await contributions(conn, unit_id, period_text),
            capabilities=await capabilities(conn, cadre_id, period_text),
            daily_records=await daily_records_between(
                conn, cadre_id, date(period.year, 1, 1), after
            ),
            areas_in_charge=await areas_in_charge(conn, cadre_id, period.year),
        )


async def lists_of(
    conn: asyncpg.Connection, period: str, list_name: str | None
) -> list[asyncpg.Record]:
    return await conn.fetch(
        """SELECT * FROM period_lists WHERE period = $1 AND ($2::text IS NULL OR list_name = $2)
           ORDER BY list_name, unit_id""",
        period,
        list_name,
    )


async def anomalies_of(
    conn: asyncpg.Connection, unit_id: str | None, period: str | None, limit: int
) -> list[asyncpg.Record]:
    return await conn.fetch(
        """SELECT * FROM anomalies WHERE ($1::text IS NULL OR unit_id = $1) AND ($2::text IS NULL OR period = $2)
           ORDER BY anomaly_id DESC LIMIT $3""",
        unit_id,
        period,
        limit,
    )


async def monitoring_of(
    conn: asyncpg.Connection, unit_id: str, period: str
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT * FROM monitoring_checks WHERE unit_id = $1 AND period = $2 ORDER BY indicator_code",
        unit_id,
        period,
    )


_OBSERVATION_COLUMNS = """
o.observation_id, s.unit_id, s.indicator_code, o.period, o.source, o.revision, o.value, o.unit_of_measure,
o.list_version, o.channel, o.reported_by, o.reported_at, o.recorded_at
"""


async def latest_observations(
    conn: asyncpg.Connection,
    unit_id: str,
    period: str | None,
    indicator_code: str | None,
    limit: int,
) -> list[asyncpg.Record]:
    """The newest revision of each (indicator, period, source) of a unit."""
    return await conn.fetch(
        f"""SELECT DISTINCT ON (o.series_key, o.period, o.source) {_OBSERVATION_COLUMNS}
            FROM observations o JOIN series s ON s.series_key = o.series_key
            WHERE s.unit_id = $1 AND ($2::text IS NULL OR o.period = $2) AND ($3::text IS NULL OR s.indicator_code = $3)
            ORDER BY o.series_key, o.period, o.source, o.revision DESC LIMIT $4""",
        unit_id,
        period,
        indicator_code,
        limit,
    )


async def observation_history(
    conn: asyncpg.Connection, unit_id: str, indicator_code: str, period: str, source: str | None
) -> list[asyncpg.Record]:
    return await conn.fetch(
        f"""SELECT {_OBSERVATION_COLUMNS}
            FROM observations o JOIN series s ON s.series_key = o.series_key
            WHERE s.unit_id = $1 AND s.indicator_code = $2 AND o.period = $3 AND ($4::text IS NULL OR o.source = $4)
            ORDER BY o.source, o.revision""",
        unit_id,
        indicator_code,
        period,
        source,
    )


async def runs(conn: asyncpg.Connection, limit: int) -> list[asyncpg.Record]:
    return await conn.fetch("SELECT * FROM scoring_runs ORDER BY run_id DESC LIMIT $1", limit)


async def roster_size(conn: asyncpg.Connection) -> int:
    return await conn.fetchval("SELECT count(*) FROM cadre_roster")
