"""What has been announced already (causes, anomalies, profiles), so each is announced once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import asyncpg


async def claim_causes(
    conn: asyncpg.Connection, event_type: str, period: str, causes: Sequence[tuple[Any, ...]]
) -> dict[tuple[str, str], uuid.UUID]:
    """Records the (subject, cause) pairs not announced before; returns them with the id of the event
    that is to announce each."""
    if not causes:
        return {}
    rows = await conn.fetch(
        """
        INSERT INTO emitted_causes (event_type, subject_id, period, cause, event_id)
        SELECT $1, s, $2, c, gen_random_uuid() FROM unnest($3::text[], $4::text[]) AS n(s, c)
        ON CONFLICT DO NOTHING RETURNING subject_id, cause, event_id
        """,
        event_type,
        period,
        [c[0] for c in causes],
        [c[1] for c in causes],
    )
    return {(row["subject_id"], row["cause"]): row["event_id"] for row in rows}


async def claim_anomalies(
    conn: asyncpg.Connection, run_id: int, anomalies: list[tuple]
) -> list[asyncpg.Record]:
    """Stores (period, unit, kind, rule, codes, detail, score) not found before; returns the new ones."""
    if not anomalies:
        return []
    return await conn.fetch(
        """
        INSERT INTO anomalies (period, unit_id, kind, rule, indicator_codes, detail, score, run_id)
        SELECT p, u, k, r, string_to_array(c, ','), d, s, $8
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[])
             AS n(p, u, k, r, c, d, s)
        ON CONFLICT DO NOTHING
        RETURNING period, unit_id, kind, rule, indicator_codes, detail, score
        """,
        *[[a[i] for a in anomalies] for i in range(7)],
        run_id,
    )


async def changed_profiles(
    conn: asyncpg.Connection, period: str, digests: dict[str, str]
) -> set[str]:
    """Cadres whose profile differs from the one last announced for the period (and records the new one)."""
    if not digests:
        return set()
    rows = await conn.fetch(
        """
        INSERT INTO emitted_profiles (period, cadre_id, digest)
        SELECT $1, c, d FROM unnest($2::text[], $3::text[]) AS n(c, d)
        ON CONFLICT (period, cadre_id) DO UPDATE SET digest = excluded.digest, emitted_at = now()
        WHERE emitted_profiles.digest <> excluded.digest
        RETURNING cadre_id
        """,
        period,
        list(digests),
        list(digests.values()),
    )
    return {row["cadre_id"] for row in rows}
