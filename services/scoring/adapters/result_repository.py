"""Writing a run's results: the period's previous results are replaced in one transaction (COPY)."""

from __future__ import annotations

import json

import asyncpg

from services.scoring.domain.periods import Period

# Tables holding the latest run's results of a period, with their columns in COPY order.
RESULT_COLUMNS = {
    "unit_scores": (
        "period",
        "unit_id",
        "run_id",
        "list_version",
        "scheme_code",
        "unit_category",
        "weighted_sum",
        "deductions",
        "list_score",
        "satisfaction",
        "evaluations",
        "public_weight",
        "score",
        "red_lines_failed",
        "veto_excellence",
        "veto",
        "grade_by_threshold",
        "grade",
        "rank",
        "peer_group_size",
        "excellent_places",
        "completeness",
        "missing_items",
        "missing_mandatory",
        "blocked",
    ),
    "score_contributions": (
        "period",
        "unit_id",
        "indicator_code",
        "run_id",
        "list_version",
        "dimension",
        "kind",
        "rule",
        "aggregate",
        "weight",
        "target",
        "value",
        "fraction",
        "points",
        "deducted",
        "effect",
        "observation_id",
        "observation_revision",
        "observations_used",
        "exemption_id",
    ),
    "cadre_scores": (
        "period",
        "cadre_id",
        "run_id",
        "unit_id",
        "unit_category",
        "position_level",
        "work",
        "area",
        "own",
        "annual",
        "daily",
        "daily_points",
        "term",
        "total",
        "w_work",
        "w_area",
        "w_own",
        "w_daily",
        "w_annual",
        "w_term",
        "grade_by_threshold",
        "grade_cap",
        "grade",
        "rank",
        "peer_group_size",
        "excellent_places",
    ),
    "capability_profiles": (
        "period",
        "cadre_id",
        "run_id",
        "capabilities",
        "scores",
        "peer_percentiles",
        "peers",
        "targets",
        "gaps",
        "confidence",
        "evidence_counts",
        "source_scores",
        "withheld",
        "efficiency_index",
        "model_version",
    ),
    "portrait_evidence": (
        "period",
        "cadre_id",
        "capability",
        "source",
        "reference",
        "leaf_index",
        "value",
        "weight",
        "records",
    ),
    "period_lists": ("period", "list_name", "unit_id", "reasons", "run_id"),
}


async def start_run(
    conn: asyncpg.Connection, period: Period, requested_by: str, settings: dict
) -> int:
    return await conn.fetchval(
        "INSERT INTO scoring_runs (period, requested_by, settings) VALUES ($1, $2, $3::jsonb) RETURNING run_id",
        period.text,
        requested_by,
        json.dumps(settings),
    )


async def finish_run(
    conn: asyncpg.Connection,
    run_id: int,
    seconds: float,
    observations: int,
    units: int,
    cadres: int,
    events: int,
) -> None:
    await conn.execute(
        "UPDATE scoring_runs SET seconds = $2, observations = $3, units = $4, cadres = $5, events = $6 WHERE run_id = $1",
        run_id,
        seconds,
        observations,
        units,
        cadres,
        events,
    )


async def lock_period(conn: asyncpg.Connection, period: Period) -> None:
    """Runs of the same period wait for each other instead of interleaving their writes."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext($1))", f"scoring:{period.text}")


async def replace_results(
    conn: asyncpg.Connection, period: Period, records: dict[str, list[tuple]]
) -> None:
    for table, columns in RESULT_COLUMNS.items():
        await conn.execute(f"DELETE FROM {table} WHERE period = $1", period.text)
        rows = records.get(table, [])
        if rows:
            await conn.copy_records_to_table(table, records=rows, columns=columns)
