"""Everything the portrait of a period reads: the competency model in force and each cadre's own
evidence for the year up to the period's end (360 answers arrive already summed per rater group)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import asyncpg

from services.scoring.domain.competency import CapabilitySpec, CompetencyModel
from services.scoring.domain.periods import Period


@dataclass
class EvidenceRows:
    model: CompetencyModel | None
    # (cadre, dimension, share) and (cadre, indicator, share)
    dimensions: list[tuple[str, str, float]]
    indicators: list[tuple[str, str, float]]
    # (record_id, cadre, capability, points, leaf_index)
    daily: list[tuple[int, str, str, float, int | None]]
    # (cadre, capability, rater group, raters, sum of scores)
    evaluations: list[tuple[str, str, str, int, float]]
    # (enrolment_id, cadre, capability, score, leaf_index)
    training: list[tuple[str, str, str, float, int | None]]
    # (result_id, cadre, capability, score, leaf_index)
    term: list[tuple[int, str, str, float, int | None]]


def model_of(row: asyncpg.Record) -> CompetencyModel:
    raw = row["capabilities"]
    specs = json.loads(raw) if isinstance(raw, str) else raw
    return CompetencyModel(
        row["version"], row["status"], tuple(CapabilitySpec.from_json(s) for s in specs)
    )


async def model_in_force(conn: asyncpg.Connection) -> CompetencyModel | None:
    row = await conn.fetchrow(
        "SELECT version, status, capabilities FROM competency_models WHERE status = 'published'"
    )
    return model_of(row) if row else None


def _end_of(period: Period) -> date:
    year = period.year
    return date(year + 1, 1, 1) if period.last_month == 12 else date(year, period.last_month + 1, 1)


async def load(conn: asyncpg.Connection, period: Period) -> EvidenceRows:
    year, first, after = period.year, date(period.year, 1, 1), _end_of(period)
    dimensions = await conn.fetch(
        "SELECT cadre_id, dimension, share FROM cadre_areas WHERE year = $1", year
    )
    indicators = await conn.fetch(
        "SELECT cadre_id, indicator_code, share FROM portfolio_indicators WHERE year = $1", year
    )
    daily = await conn.fetch(
        """SELECT record_id, cadre_id, unnest(capabilities) AS capability, points, leaf_index
           FROM daily_records WHERE occurred_on >= $1 AND occurred_on < $2 AND capabilities <> '{}'""",
        first,
        after,
    )
    # 360 evaluations are yearly: a period of the year reads the answers given so far.
    evaluations = await conn.fetch(
        """SELECT cadre_id, capability, rater_group, count(*) AS raters, sum(score) AS total
           FROM competence_answers WHERE year = $1 GROUP BY 1, 2, 3""",
        year,
    )
    training = await conn.fetch(
        """SELECT enrolment_id, cadre_id, capability, result_score, leaf_index FROM training_results
           WHERE capability IS NOT NULL AND completed_on >= $1 AND completed_on < $2""",
        first,
        after,
    )
    term = await conn.fetch(
        "SELECT result_id, cadre_id, capability, score, leaf_index FROM term_results WHERE year = $1",
        year,
    )
    return EvidenceRows(
        model=await model_in_force(conn),
        dimensions=[tuple(r) for r in dimensions],
        indicators=[tuple(r) for r in indicators],
        daily=[tuple(r) for r in daily],
        evaluations=[tuple(r) for r in evaluations],
        training=[tuple(r) for r in training],
        term=[tuple(r) for r in term],
    )
