"""Commands that record what feeds cadre and unit scores besides indicator values, and the settings."""

from __future__ import annotations

import hashlib
import math
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import ClientError, Conflict, FieldProblem, ValidationFailed, invalid
from services.common.roster import roster_entry
from services.common.unit_of_work import UnitOfWork
from services.scoring.adapters import record_repository as records
from services.scoring.adapters.tables import metadata, unit_roster
from services.scoring.domain.periods import parse_period
from services.scoring.domain.settings import AssessmentSettings
from services.scoring.service_layer.sessions import session_of

DAILY_RECORD_KINDS = (
    "major_project",
    "emergency_response",
    "public_service",
    "discipline",
    "other",
)
DAILY_POINTS_LIMIT = 20.0
EVALUATION_KINDS = ("own", "term")


class RateLimited(ClientError):
    code = "RATE_LIMITED"


async def current_settings(session: AsyncSession) -> AssessmentSettings:
    return AssessmentSettings.from_json(await records.settings_json(session))


async def configure(
    uow: UnitOfWork, changes: dict[str, Any], updated_by: str
) -> AssessmentSettings:
    """Applies the changed settings over the current ones; the whole result must hold together."""
    current = await current_settings(session_of(uow))
    settings = AssessmentSettings.from_json({**current.as_json(), **changes})
    await records.store_settings(session_of(uow), settings.as_json(), updated_by)
    return settings


def _score_problem(
    field: str, value: float, low: float = 0.0, high: float = 100.0
) -> FieldProblem | None:
    if not math.isfinite(value) or not low <= value <= high:
        return FieldProblem(field, "range", f"must be between {low:g} and {high:g}", value)
    return None


async def _require_unit(session: AsyncSession, unit_id: str) -> None:
    found = await session.execute(
        sa.select(unit_roster.c.unit_id).where(unit_roster.c.unit_id == unit_id)
    )
    if found.first() is None:
        raise invalid("unitId", "known_unit", f"no unit {unit_id!r} is registered", unit_id)


async def _require_cadre(session: AsyncSession, cadre_id: str) -> None:
    if await roster_entry(session, metadata, cadre_id) is None:
        raise invalid("cadreId", "known_cadre", f"no cadre {cadre_id!r} is registered", cadre_id)


async def submit_public_evaluation(
    uow: UnitOfWork,
    unit_id: str,
    period: str,
    respondent_token: str,
    satisfaction: float,
    submitted_by: str,
) -> int:
    """One evaluation per respondent, unit and period; a submitter is limited per minute."""
    problems = []
    try:
        parse_period(period)
    except ValueError as error:
        problems.append(FieldProblem("period", "period_format", str(error), period))
    if len(respondent_token.strip()) < 8:
        problems.append(
            FieldProblem("respondentToken", "min_length", "must be at least 8 characters", None)
        )
    if problem := _score_problem("satisfaction", satisfaction):
        problems.append(problem)
    if problems:
        raise ValidationFailed(problems)
    await _require_unit(session_of(uow), unit_id)
    settings = await current_settings(session_of(uow))
    # One submitter's requests are counted one at a time, so a burst cannot slip past the limit.
    await session_of(uow).execute(
        sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(f"evaluations:{submitted_by}")))
    )
    since = datetime.now(UTC) - timedelta(minutes=1)
    if (
        await records.submissions_since(session_of(uow), submitted_by, since)
        >= settings.evaluations_per_minute
    ):
        raise RateLimited(
            f"at most {settings.evaluations_per_minute} evaluations a minute; try again shortly"
        )
    digest = hashlib.sha256(respondent_token.strip().encode()).hexdigest()
    evaluation_id = await records.add_public_evaluation(
        session_of(uow), unit_id, period, digest, satisfaction, submitted_by
    )
    if evaluation_id is None:
        raise Conflict(f"this respondent has already evaluated unit {unit_id!r} for {period}")
    return evaluation_id


async def record_daily(
    uow: UnitOfWork,
    cadre_id: str,
    occurred_on: date,
    kind: str,
    points: float,
    description: str,
    recorded_by: str,
) -> int:
    problems = []
    if kind not in DAILY_RECORD_KINDS:
        problems.append(
            FieldProblem("kind", "one_of", f"must be one of {', '.join(DAILY_RECORD_KINDS)}", kind)
        )
    if problem := _score_problem("points", points, -DAILY_POINTS_LIMIT, DAILY_POINTS_LIMIT):
        problems.append(problem)
    if not description.strip():
        problems.append(FieldProblem("description", "required", "say what happened", description))
    if problems:
        raise ValidationFailed(problems)
    await _require_cadre(session_of(uow), cadre_id)
    return await records.add_daily_record(
        session_of(uow), cadre_id, occurred_on, kind, points, description.strip(), recorded_by
    )


async def evaluate_cadre(
    uow: UnitOfWork, cadre_id: str, year: int, kind: str, score: float, evaluated_by: str
) -> None:
    problems = []
    if kind not in EVALUATION_KINDS:
        problems.append(
            FieldProblem("kind", "one_of", f"must be one of {', '.join(EVALUATION_KINDS)}", kind)
        )
    if problem := _score_problem("score", score):
        problems.append(problem)
    if not 2000 <= year <= 2100:
        problems.append(FieldProblem("year", "range", "must be between 2000 and 2100", year))
    if problems:
        raise ValidationFailed(problems)
    await _require_cadre(session_of(uow), cadre_id)
    await records.set_evaluation(session_of(uow), cadre_id, year, kind, score, evaluated_by)


async def assign_areas(
    uow: UnitOfWork, cadre_id: str, year: int, dimensions: list[str], assigned_by: str
) -> None:
    cleaned = sorted({d.strip() for d in dimensions if d.strip()})
    if len(cleaned) != len(dimensions):
        raise invalid(
            "dimensions", "distinct", "dimensions must be distinct and not blank", dimensions
        )
    await _require_cadre(session_of(uow), cadre_id)
    await records.set_areas(session_of(uow), cadre_id, year, cleaned, assigned_by)
