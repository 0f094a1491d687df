"""The weaknesses that stand per period, and what was corrected since one was flagged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg


@dataclass(frozen=True)
class Standing:
    severity: str
    rules_digest: str
    flagged_at: datetime


async def open_in(conn: asyncpg.Connection, period: str) -> dict[tuple[str, str], Standing]:
    rows = await conn.fetch(
        "SELECT cadre_id, capability, severity, rules_digest, flagged_at FROM open_weaknesses WHERE period = $1",
        period,
    )
    return {
        (r["cadre_id"], r["capability"]): Standing(
            r["severity"], r["rules_digest"], r["flagged_at"]
        )
        for r in rows
    }


async def open_weaknesses(conn: asyncpg.Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Rows (period, cadre, capability, severity, score, threshold, rules digest, event id)."""
    if rows:
        await conn.copy_records_to_table(
            "open_weaknesses",
            records=rows,
            columns=(
                "period",
                "cadre_id",
                "capability",
                "severity",
                "score",
                "threshold",
                "rules_digest",
                "event_id",
            ),
        )


async def close_weaknesses(
    conn: asyncpg.Connection, period: str, keys: Sequence[tuple[str, str]]
) -> None:
    if keys:
        await conn.execute(
            """DELETE FROM open_weaknesses w USING unnest($2::text[], $3::text[]) AS n(c, k)
               WHERE w.period = $1 AND w.cadre_id = n.c AND w.capability = n.k""",
            period,
            [k[0] for k in keys],
            [k[1] for k in keys],
        )


async def corrected_since(
    conn: asyncpg.Connection, cadres: Sequence[tuple[str, datetime]]
) -> set[str]:
    """The cadres with a daily record corrected after the given time (when their weakness was flagged)."""
    if not cadres:
        return set()
    rows = await conn.fetch(
        """SELECT DISTINCT d.cadre_id FROM daily_records d
           JOIN unnest($1::text[], $2::timestamptz[]) AS n(c, at) ON d.cadre_id = n.c
           WHERE d.corrected_at > n.at""",
        [c[0] for c in cadres],
        [c[1] for c in cadres],
    )
    return {r["cadre_id"] for r in rows}
