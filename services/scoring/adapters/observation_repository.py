"""Observations: bulk insert with revision numbers, and reads of a year for scoring."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import asyncpg
import numpy as np
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.db import driver_connection
from services.scoring.adapters.binary_copy import read_fixed_rows
from services.scoring.domain.engine import ObservationTable
from services.scoring.domain.observations import Accepted

# Each new row's revision follows the highest stored one of its (series, period, source); rows of the
# same key in one insert get consecutive revisions in the order given. The unique constraint stops
# two writers that raced for the same revision (the loser's transaction is retried).
_INSERT = """
INSERT INTO observations (series_key, period, year, month, source, revision, value, unit_of_measure,
                          list_version, channel, reported_by, reported_at, event_id)
SELECT n.series_key, n.period, n.year, n.month, n.source,
       coalesce((SELECT max(o.revision) FROM observations o
                 WHERE o.series_key = n.series_key AND o.period = n.period AND o.source = n.source), 0) + n.ordinal,
       n.value, n.unit_of_measure, n.list_version, $10, n.reported_by, n.reported_at, n.event_id
FROM unnest($1::int[], $2::text[], $3::smallint[], $4::smallint[], $5::text[], $6::int[], $7::float8[],
            $8::text[], $9::int[], $11::text[], $12::timestamptz[], $13::uuid[])
     AS n(series_key, period, year, month, source, ordinal, value, unit_of_measure, list_version, reported_by,
          reported_at, event_id)
RETURNING observation_id, series_key, period, source, revision, recorded_at
"""


@dataclass(frozen=True)
class Stored:
    observation_id: int
    revision: int
    recorded_at: datetime


async def insert(
    conn: asyncpg.Connection,
    accepted: list[Accepted],
    channel: str,
    reported_by: list[str],
    reported_at: list[datetime],
    event_ids: list[uuid.UUID | None] | None = None,
) -> list[Stored]:
    """Stores accepted observations; returns their ids and revisions in the order given."""
    seen: Counter = Counter()
    ordinals = []
    for a in accepted:
        key = (a.series_key, a.period.text, a.observation.source)
        seen[key] += 1
        ordinals.append(seen[key])
    rows = await conn.fetch(
        _INSERT,
        [a.series_key for a in accepted],
        [a.period.text for a in accepted],
        [a.period.year for a in accepted],
        [a.period.last_month for a in accepted],
        [a.observation.source for a in accepted],
        ordinals,
        [float(a.observation.value) for a in accepted],
        [a.observation.unit_of_measure for a in accepted],
        [a.version for a in accepted],
        channel,
        reported_by,
        reported_at,
        event_ids or [None] * len(accepted),
    )
    # Match the returned rows back to the inputs: per key, revisions ascend in input order.
    by_key: dict[tuple, list[asyncpg.Record]] = {}
    for row in sorted(rows, key=lambda r: r["revision"]):
        by_key.setdefault((row["series_key"], row["period"], row["source"]), []).append(row)
    stored = []
    for a in accepted:
        row = by_key[(a.series_key, a.period.text, a.observation.source)].pop(0)
        stored.append(Stored(row["observation_id"], row["revision"], row["recorded_at"]))
    return stored


# int4 series_key, int2 month, float8 value, int4 revision, int8 observation_id
_YEAR_COLUMNS = (
    ("series_key", ">i4"),
    ("month", ">i2"),
    ("value", ">f8"),
    ("revision", ">i4"),
    ("observation_id", ">i8"),
)


async def read_year(conn: asyncpg.Connection, year: int, up_to_month: int) -> ObservationTable:
    """Every stored revision of the year up to a month, as arrays (binary COPY, no per-row Python)."""
    query = (
        "SELECT series_key, month, value, revision, observation_id FROM observations "
        f"WHERE year = {int(year)} AND month <= {int(up_to_month)}"
    )
    columns = await read_fixed_rows(conn, query, _YEAR_COLUMNS)
    return ObservationTable(
        series_key=columns["series_key"].astype(np.int64),
        month=columns["month"].astype(np.int64),
        value=columns["value"].astype(np.float64),
        revision=columns["revision"].astype(np.int64),
        observation_id=columns["observation_id"].astype(np.int64),
    )


class SqlObservationRepository:
    """`insert` on the driver connection of one unit of work's session."""

    def __init__(self, session: AsyncSession):
        self._session = session

    async def insert(
        self,
        accepted: list[Accepted],
        channel: str,
        reported_by: list[str],
        reported_at: list[datetime],
        event_ids: list[uuid.UUID | None] | None = None,
    ) -> list[Stored]:
        conn = await driver_connection(self._session)
        return await insert(conn, accepted, channel, reported_by, reported_at, event_ids)
