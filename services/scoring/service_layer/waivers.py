"""Waivers of missing mandatory data, and the check that a period's results may become final."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from services.common.auth import Principal
from services.common.errors import ValidationFailed
from services.scoring.domain.cases import period_problem, require
from services.scoring.domain.periods import covered_periods, parse_period
from services.scoring.domain.waivers import Waiver, finalisation_problems, waiver_problems
from services.scoring.service_layer import log_entries
from services.scoring.service_layer.unit_of_work import ScoringUnitOfWork


async def waive(
    uow: ScoringUnitOfWork,
    period: str,
    unit_id: str,
    indicator_codes: list[str] | None,
    reason: str,
    by: Principal,
) -> Waiver:
    """Records an assessor's waiver of unreported red lines or vetoes of one unit result (all of them
    when `indicator_codes` is None), as a ledger leaf."""
    require(period_problem(period))
    found = await uow.waivers.incomplete_results([period], unit_id)
    result = found[0] if found else None
    codes = list(
        result.missing_mandatory if result and indicator_codes is None else indicator_codes or []
    )
    problems = waiver_problems(result, period, unit_id, codes, reason)
    if problems:
        raise ValidationFailed(problems)
    at = datetime.now(UTC)
    waiver_id = f"MW-{uuid.uuid4().hex[:16]}"
    leaf = await uow.log.record(
        log_entries.MISSING_DATA_WAIVER,
        waiver_id,
        {
            "event": "waived",
            "period": period,
            "unit_id": unit_id,
            "indicator_codes": codes,
            "reason": reason.strip(),
            "by": by.subject,
            "role": by.role.value,
            "at": at,
        },
    )
    waiver = Waiver(
        id=waiver_id,
        period=period,
        unit_id=unit_id,
        indicator_codes=tuple(codes),
        reason=reason.strip(),
        waived_by=by.subject,
        waived_role=by.role.value,
        waived_at=at,
        leaf_index=leaf.index,
    )
    await uow.waivers.add(waiver)
    return waiver


async def require_final_results(uow: ScoringUnitOfWork, period: str) -> None:
    """Refuses, naming every unit, when a result the period holds (itself, its quarters or months)
    lacks mandatory data that no waiver covers or is blocked."""
    periods = covered_periods(parse_period(period))
    results = await uow.waivers.incomplete_results(periods)
    if not results:
        return
    problems = finalisation_problems(results, await uow.waivers.waivers(periods))
    if problems:
        raise ValidationFailed(problems)
