"""Commands that record what feeds cadre and unit scores besides indicator values, and the settings."""

from __future__ import annotations

import hashlib
import math
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import ClientError, Conflict, FieldProblem, ValidationFailed, invalid
from services.scoring.adapters import record_repository as records
from services.scoring.domain.periods import parse_period
from services.scoring.domain.settings import AssessmentSettings
from services.scoring.service_layer.unit_of_work import ScoringUnitOfWork

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
    """The settings as the scoring run and the settings query read them (outside a unit of work)."""
    return AssessmentSettings.from_json(await records.settings_json(session))


async def settings_of(uow: ScoringUnitOfWork) -> AssessmentSettings:
    return AssessmentSettings.from_json(await uow.records.settings_json())


async def configure(
    uow: ScoringUnitOfWork, changes: dict[str, Any], updated_by: str
) -> AssessmentSettings:
    """Applies the changed settings over the current ones; the whole result must hold together."""
    current = await settings_of(uow)
    settings = AssessmentSettings.from_json({**current.as_json(), **changes})
    await uow.records.store_settings(settings.as_json(), updated_by)
    return settings


def _score_problem(
    field: str, value: float, low: float = 0.0, high: float = 100.0
) -> FieldProblem | None:
    if not math.isfinite(value) or not low <= value <= high:
        return FieldProblem(field, "range", f"must be between {low:g} and {high:g}", value)
    return None


async def _require_unit(uow: ScoringUnitOfWork, unit_id: str) -> None:
    if not await uow.roster.has_unit(unit_id):
        raise invalid("unitId", "known_unit", f"no unit {unit_id!r} is registered", unit_id)


async def _require_cadre(uow: ScoringUnitOfWork, cadre_id: str) -> None:
    if not await uow.roster.has_cadre(cadre_id):
        raise invalid("cadreId", "known_cadre", f"no cadre {cadre_id!r} is registered", cadre_id)


async def submit_public_evaluation(
    uow: ScoringUnitOfWork,
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
    await _require_unit(uow, unit_id)
    settings = await settings_of(uow)
    # One submitter's requests are counted one at a time, so a burst cannot slip past the limit.
    await uow.records.one_at_a_time(submitted_by)
    since = datetime.now(UTC) - timedelta(minutes=1)
    if await uow.records.submissions_since(submitted_by, since) >= settings.evaluations_per_minute:
        raise RateLimited(
            f"at most {settings.evaluations_per_minute} evaluations a minute; try again shortly"
        )
    digest = hashlib.sha256(respondent_token.strip().encode()).hexdigest()
    evaluation_id = await uow.records.add_public_evaluation(
        unit_id, period, digest, satisfaction, submitted_by
    )
    if evaluation_id is None:
        raise Conflict(f"this respondent has already evaluated unit {unit_id!r} for {period}")
    return evaluation_id


async def record_daily(
    uow: ScoringUnitOfWork,
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
    await _require_cadre(uow, cadre_id)
    return await uow.records.add_daily_record(
        cadre_id, occurred_on, kind, points, description.strip(), recorded_by
    )


async def evaluate_cadre(
    uow: ScoringUnitOfWork, cadre_id: str, year: int, kind: str, score: float, evaluated_by: str
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
    await _require_cadre(uow, cadre_id)
    await uow.records.set_evaluation(cadre_id, year, kind, score, evaluated_by)


async def assign_areas(
    uow: ScoringUnitOfWork, cadre_id: str, year: int, dimensions: list[str], assigned_by: str
) -> None:
    cleaned = sorted({d.strip() for d in dimensions if d.strip()})
    if len(cleaned) != len(dimensions):
        raise invalid(
            "dimensions", "distinct", "dimensions must be distinct and not blank", dimensions
        )
    await _require_cadre(uow, cadre_id)
    await uow.records.set_areas(cadre_id, year, cleaned, assigned_by)
