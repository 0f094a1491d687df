"""Finalising results without some mandatory data: waivers and the period lock, against fakes."""

from __future__ import annotations

import pytest

from services.common.auth import Principal, Role
from services.common.errors import ValidationFailed
from services.scoring.domain.periods import covered_periods, parse_period
from services.scoring.domain.waivers import IncompleteResult
from services.scoring.service_layer import log_entries, period_locks, waivers
from tests.unit.scoring.approval_parties import ADMIN
from tests.unit.scoring.fakes import FakeScoringUnitOfWork

ASSESSOR = Principal("assessor-1", Role.ASSESSOR)
SILENT = "U-silent"
REASON = "the water works were rebuilt; the county's lab certified the supply"


def with_results(*results: IncompleteResult) -> FakeScoringUnitOfWork:
    uow = FakeScoringUnitOfWork()
    uow.waivers.results.extend(results)
    return uow


def silent(period: str = "2025", blocked: bool = False) -> IncompleteResult:
    return IncompleteResult(period, SILENT, ("RL-WATER-QUALITY", "VX-FOOD-SAFETY"), blocked)


def problems_of(refused: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, str, str]]:
    return [(p.field, p.rule, p.message) for p in refused.value.problems]


async def test_a_result_missing_mandatory_data_cannot_be_finalised_without_a_waiver():
    uow = with_results(silent())
    with pytest.raises(ValidationFailed) as refused:
        await period_locks.lock_period(uow, "2025", "annual evaluation published", ADMIN)
    [(field, rule, message)] = problems_of(refused)
    assert (field, rule) == ("period", "waived")
    assert SILENT in message and "RL-WATER-QUALITY, VX-FOOD-SAFETY" in message
    assert "waiveMissingData" in message
    assert uow.period_locks.locks == {} and uow.log.leaves == []


async def test_with_an_assessors_waiver_of_every_missing_item_the_period_locks():
    uow = with_results(silent())
    waiver = await waivers.waive(uow, "2025", SILENT, None, REASON, ASSESSOR)
    assert waiver.indicator_codes == ("RL-WATER-QUALITY", "VX-FOOD-SAFETY")
    assert (waiver.waived_by, waiver.waived_role) == ("assessor-1", "assessor")
    await period_locks.lock_period(uow, "2025", "annual evaluation published", ADMIN)
    assert "2025" in uow.period_locks.locks
    kind, record_id, content = uow.log.leaves[waiver.leaf_index]
    assert (kind, record_id) == (log_entries.MISSING_DATA_WAIVER, waiver.id)
    assert content["indicator_codes"] == ["RL-WATER-QUALITY", "VX-FOOD-SAFETY"]
    assert content["reason"] == REASON and content["by"] == "assessor-1"


async def test_a_waiver_of_some_items_leaves_the_others_refusing_the_lock():
    uow = with_results(silent())
    await waivers.waive(uow, "2025", SILENT, ["RL-WATER-QUALITY"], REASON, ASSESSOR)
    with pytest.raises(ValidationFailed) as refused:
        await period_locks.lock_period(uow, "2025", "annual evaluation published", ADMIN)
    [(_, rule, message)] = problems_of(refused)
    assert rule == "waived" and "(VX-FOOD-SAFETY not reported)" in message


async def test_a_lock_on_the_year_sees_the_results_of_its_months_and_not_of_other_quarters():
    uow = with_results(silent("2025-03"), silent("2025-05"))
    with pytest.raises(ValidationFailed) as refused:
        await period_locks.lock_period(uow, "2025", "annual evaluation published", ADMIN)
    assert len(problems_of(refused)) == 2
    with pytest.raises(ValidationFailed) as refused:
        await period_locks.lock_period(uow, "2025-Q1", "first quarter reviewed", ADMIN)
    assert ["2025-03" in message for _, _, message in problems_of(refused)] == [True]
    await period_locks.lock_period(uow, "2025-Q4", "fourth quarter reviewed", ADMIN)


async def test_a_blocked_result_cannot_be_waived_nor_finalised():
    uow = with_results(silent(blocked=True))
    with pytest.raises(ValidationFailed) as refused:
        await waivers.waive(uow, "2025", SILENT, None, REASON, ASSESSOR)
    assert [(f, r) for f, r, _ in problems_of(refused)] == [("unitId", "not_blocked")]
    with pytest.raises(ValidationFailed) as refused:
        await period_locks.lock_period(uow, "2025", "annual evaluation published", ADMIN)
    [(_, rule, message)] = problems_of(refused)
    assert rule == "complete_data" and "missingMandatory = block" in message


async def test_a_waiver_names_only_missing_items_of_an_existing_result_and_says_why():
    uow = with_results(silent())
    with pytest.raises(ValidationFailed) as refused:
        await waivers.waive(uow, "2025", SILENT, ["PR-COMPLETION-RATE"], " ", ASSESSOR)
    assert {(f, r) for f, r, _ in problems_of(refused)} == {
        ("reason", "required"),
        ("indicatorCodes", "missing_mandatory"),
    }
    with pytest.raises(ValidationFailed) as refused:
        await waivers.waive(uow, "2025", "U-complete", None, REASON, ASSESSOR)
    assert [(f, r) for f, r, _ in problems_of(refused)] == [("unitId", "missing_mandatory")]
    with pytest.raises(ValidationFailed) as refused:
        await waivers.waive(uow, "2025-13", SILENT, None, REASON, ASSESSOR)
    assert [f for f, _, _ in problems_of(refused)] == ["period"]
    assert uow.waivers.stored == [] and uow.log.leaves == []


def test_covered_periods_are_what_a_lock_freezes():
    assert covered_periods(parse_period("2025-03")) == ("2025-03",)
    assert covered_periods(parse_period("2025-Q2")) == ("2025-Q2", "2025-04", "2025-05", "2025-06")
    year = covered_periods(parse_period("2025"))
    assert year[:5] == ("2025", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4") and len(year) == 17
