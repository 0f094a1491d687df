"""Assessment settings, public evaluations, daily records, evaluations and areas, against fakes."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from services.common.errors import Conflict, ValidationFailed
from services.scoring.domain.settings import AssessmentSettings
from services.scoring.service_layer import records
from tests.unit.scoring.fakes import FakeRoster, FakeScoringUnitOfWork

UNIT, CADRE = "U-WATER", "C-0042"
TOKEN = "respondent-0001"


def fake_uow() -> FakeScoringUnitOfWork:
    return FakeScoringUnitOfWork(roster=FakeRoster(units=[UNIT], cadres={CADRE: UNIT}))


def rules(refused: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, str]]:
    return [(p.field, p.rule) for p in refused.value.problems]


async def test_settings_start_from_the_defaults_and_changes_apply_over_the_current_ones():
    uow = fake_uow()
    assert await records.settings_of(uow) == AssessmentSettings()
    changed = await records.configure(uow, {"evaluations_per_minute": 5}, "admin-1")
    assert changed.evaluations_per_minute == 5
    assert uow.records.settings == changed.as_json()
    again = await records.configure(uow, {"township_excellent_raise": 0.1}, "admin-1")
    assert (again.evaluations_per_minute, again.township_excellent_raise) == (5, 0.1)


async def test_settings_that_do_not_hold_together_are_refused_and_not_stored():
    uow = fake_uow()
    with pytest.raises(ValidationFailed):
        await records.configure(uow, {"evaluations_per_minute": 0}, "admin-1")
    assert uow.records.settings is None


async def test_a_public_evaluation_is_stored_under_the_respondents_digest_once():
    uow = fake_uow()
    evaluation_id = await records.submit_public_evaluation(
        uow, UNIT, "2025-Q1", f" {TOKEN} ", 87.5, "kiosk-1"
    )
    [stored] = uow.records.evaluations
    assert evaluation_id == 1 and stored["satisfaction"] == 87.5
    assert stored["respondent_digest"] == hashlib.sha256(TOKEN.encode()).hexdigest()
    assert uow.records.serialised == ["kiosk-1"]
    with pytest.raises(Conflict, match="already evaluated"):
        await records.submit_public_evaluation(uow, UNIT, "2025-Q1", TOKEN, 60.0, "kiosk-2")


async def test_a_public_evaluation_lists_every_problem_and_needs_a_known_unit():
    uow = fake_uow()
    with pytest.raises(ValidationFailed) as refused:
        await records.submit_public_evaluation(uow, UNIT, "2025-Q5", "short", 101.0, "kiosk-1")
    assert rules(refused) == [
        ("period", "period_format"),
        ("respondentToken", "min_length"),
        ("satisfaction", "range"),
    ]
    with pytest.raises(ValidationFailed) as refused:
        await records.submit_public_evaluation(uow, "U-NONE", "2025", TOKEN, 50.0, "kiosk-1")
    assert rules(refused) == [("unitId", "known_unit")]
    assert uow.records.evaluations == []


async def test_a_submitter_is_limited_per_minute():
    uow = fake_uow()
    await records.configure(uow, {"evaluations_per_minute": 2}, "admin-1")
    for n in range(2):
        await records.submit_public_evaluation(uow, UNIT, "2025", f"{TOKEN}-{n}", 70.0, "kiosk-1")
    with pytest.raises(records.RateLimited, match="at most 2 evaluations a minute"):
        await records.submit_public_evaluation(uow, UNIT, "2025", f"{TOKEN}-9", 70.0, "kiosk-1")
    await records.submit_public_evaluation(uow, UNIT, "2025", f"{TOKEN}-9", 70.0, "kiosk-2")
    assert len(uow.records.evaluations) == 3


async def test_a_daily_record_of_a_known_cadre_is_stored():
    uow = fake_uow()
    record_id = await records.record_daily(
        uow, CADRE, date(2025, 7, 1), "emergency_response", 5.0, " flood duty ", "assessor-1"
    )
    assert record_id == 1
    assert uow.records.daily[0]["description"] == "flood duty"


async def test_a_daily_record_lists_every_problem_and_needs_a_known_cadre():
    uow = fake_uow()
    with pytest.raises(ValidationFailed) as refused:
        await records.record_daily(uow, CADRE, date(2025, 7, 1), "party", 20.5, " ", "a-1")
    assert rules(refused) == [
        ("kind", "one_of"),
        ("points", "range"),
        ("description", "required"),
    ]
    with pytest.raises(ValidationFailed) as refused:
        await records.record_daily(uow, "C-NONE", date(2025, 7, 1), "other", -20.0, "x", "a-1")
    assert rules(refused) == [("cadreId", "known_cadre")]
    assert uow.records.daily == []


async def test_an_own_or_term_evaluation_is_set_and_replaced():
    uow = fake_uow()
    await records.evaluate_cadre(uow, CADRE, 2025, "own", 80.0, "cadre-42")
    await records.evaluate_cadre(uow, CADRE, 2025, "own", 85.0, "cadre-42")
    await records.evaluate_cadre(uow, CADRE, 2025, "term", 90.0, "assessor-1")
    assert uow.records.cadre_evaluations == {
        (CADRE, 2025, "own"): 85.0,
        (CADRE, 2025, "term"): 90.0,
    }


async def test_an_evaluation_lists_every_problem_and_needs_a_known_cadre():
    uow = fake_uow()
    with pytest.raises(ValidationFailed) as refused:
        await records.evaluate_cadre(uow, CADRE, 1999, "peer", float("nan"), "a-1")
    assert rules(refused) == [("kind", "one_of"), ("score", "range"), ("year", "range")]
    with pytest.raises(ValidationFailed) as refused:
        await records.evaluate_cadre(uow, "C-NONE", 2025, "term", 50.0, "a-1")
    assert rules(refused) == [("cadreId", "known_cadre")]
    assert uow.records.cadre_evaluations == {}


async def test_areas_in_charge_are_distinct_dimensions_of_a_known_cadre():
    uow = fake_uow()
    await records.assign_areas(uow, CADRE, 2025, ["safety", " economy"], "admin-1")
    assert uow.records.areas[(CADRE, 2025)] == ["economy", "safety"]
    for dimensions in (["safety", "safety"], ["safety", " "]):
        with pytest.raises(ValidationFailed) as refused:
            await records.assign_areas(uow, CADRE, 2026, dimensions, "admin-1")
        assert rules(refused) == [("dimensions", "distinct")]
    with pytest.raises(ValidationFailed) as refused:
        await records.assign_areas(uow, "C-NONE", 2025, ["safety"], "admin-1")
    assert rules(refused) == [("cadreId", "known_cadre")]
    assert list(uow.records.areas) == [(CADRE, 2025)]
