"""The rows the verifier compares with the ledger, keyed by the record id their leaves carry."""

from __future__ import annotations

from typing import Any

import asyncpg

from services.scoring.ledger import LiveSource

# kind -> (query giving record_id and the compared columns, column -> path in the leaf content, present?)
SOURCES: dict[str, tuple[str, dict[str, str], Any]] = {
    "observation_revision": (
        """SELECT o.observation_id::text AS record_id, s.unit_id, s.indicator_code, o.period, o.value,
                  o.unit_of_measure, o.revision
           FROM observations o JOIN series s USING (series_key)""",
        {
            name: name
            for name in (
                "unit_id",
                "indicator_code",
                "period",
                "value",
                "unit_of_measure",
                "revision",
            )
        },
        None,
    ),
    "exemption": (
        "SELECT id AS record_id, status, period, indicator_code, category_code, decided_by, decision_reason "
        "FROM exemptions",
        {
            "status": "status",
            "period": "period",
            "indicator_code": "indicator_code",
            "category_code": "category_code",
            "decided_by": "decision.by",
            "decision_reason": "decision.reason",
        },
        None,
    ),
    "appeal": (
        "SELECT id AS record_id, status, period, decided_by, decision_reason FROM appeals",
        {
            "status": "status",
            "period": "period",
            "decided_by": "decision.by",
            "decision_reason": "decision.reason",
        },
        None,
    ),
    "approval_key": (
        "SELECT key_id AS record_id, role, unit_id, public_key, "
        "CASE WHEN revoked_at IS NULL THEN 'registered' ELSE 'revoked' END AS event FROM approval_keys",
        {"role": "role", "unit_id": "unit_id", "public_key": "public_key", "event": "event"},
        None,
    ),
    "locked_change": (
        "SELECT id AS record_id, digest, CASE WHEN applied_at IS NULL THEN 'authorised' ELSE 'applied' END AS event "
        "FROM locked_change_authorisations",
        {"digest": "digest", "event": "event"},
        None,
    ),
    "period_lock": (
        "SELECT period AS record_id, 'locked' AS event FROM period_locks",
        {"event": "event"},
        lambda content: content.get("event") == "locked",
    ),
}


async def live_sources(connection: asyncpg.Connection) -> list[LiveSource]:
    sources = []
    for kind, (query, fields, present) in SOURCES.items():
        rows = {row["record_id"]: dict(row) for row in await connection.fetch(query)}
        sources.append(
            LiveSource(kind, rows, fields, present) if present else LiveSource(kind, rows, fields)
        )
    return sources
