"""Rules of an enrolment's life, and of programmes and cohorts."""

from datetime import UTC, date, datetime

import pytest

from services.common.errors import Conflict, ValidationFailed
from services.development.domain import enrolments as rules
from services.development.domain.enrolments import Enrolment
from services.development.domain.programmes import (
    Cohort,
    Eligibility,
    Programme,
    check_cohort,
    check_programme,
)


def enrolment(status, full_time=False, returned=None):
    return Enrolment("e", "c", "p", "k", status, full_time, returned)


def test_a_full_time_seat_keeps_the_cadre_off_post_until_returned():
    assert enrolment(rules.ENROLLED, full_time=True).off_post
    assert enrolment(rules.COMPLETED, full_time=True).off_post
    assert not enrolment(rules.WAITLISTED, full_time=True).off_post
    assert not enrolment(rules.COMPLETED, full_time=True, returned=datetime.now(UTC)).off_post
    assert not enrolment(rules.ENROLLED).off_post


def test_a_cadre_off_post_cannot_be_cancelled_back_to_post():
    with pytest.raises(Conflict, match="evaluation"):
        rules.check_cancellable(enrolment(rules.ENROLLED, full_time=True))
    rules.check_cancellable(enrolment(rules.WAITLISTED, full_time=True))
    with pytest.raises(Conflict):
        rules.check_cancellable(enrolment(rules.CANCELLED))


def test_only_full_time_cadres_off_post_are_evaluated_for_return():
    rules.check_evaluable(enrolment(rules.ENROLLED, full_time=True))
    rules.check_evaluable(enrolment(rules.COMPLETED, full_time=True))
    with pytest.raises(Conflict, match="not full-time"):
        rules.check_evaluable(enrolment(rules.ENROLLED))
    with pytest.raises(Conflict, match="already returned"):
        rules.check_evaluable(
            enrolment(rules.COMPLETED, full_time=True, returned=datetime.now(UTC))
        )


def test_completion_needs_a_seat_in_progress():
    rules.check_completable(enrolment(rules.ENROLLED))
    rules.check_completable(
        enrolment(rules.COMPLETED, full_time=True)
    )  # evaluated again after a denial
    for status in (rules.WAITLISTED, rules.CANCELLED):
        with pytest.raises(Conflict, match=status):
            rules.check_completable(enrolment(status))
    with pytest.raises(Conflict):
        rules.check_completable(enrolment(rules.COMPLETED))


def test_moves_stay_within_the_programme():
    with pytest.raises(ValidationFailed) as refused:
        rules.check_movable(enrolment(rules.ENROLLED), "other", "k2")
    assert refused.value.problems[0].rule == "same_programme"
    with pytest.raises(ValidationFailed):
        rules.check_movable(enrolment(rules.ENROLLED), "p", "k")
    rules.check_movable(enrolment(rules.WAITLISTED), "p", "k2")


def test_hand_changes_need_a_reason():
    with pytest.raises(ValidationFailed) as refused:
        rules.require_reason("   ")
    assert refused.value.problems[0].field == "reason"


def test_same_finding_has_the_same_cause():
    assert rules.weakness_cause("digital_governance", "2025") == rules.weakness_cause(
        "digital_governance", "2025"
    )
    assert rules.weakness_cause("digital_governance", "2025") != rules.weakness_cause(
        "digital_governance", "2026"
    )


def test_programme_checks_name_field_rule_and_value():
    bad = Programme("x", "", "lecture", (), Eligibility(frozenset({"chief"})), 0, False)
    with pytest.raises(ValidationFailed) as refused:
        check_programme(bad)
    problems = {(p.field, p.rule) for p in refused.value.problems}
    assert problems == {
        ("name", "required"),
        ("kind", "one_of"),
        ("priority", "minimum"),
        ("positionLevels", "one_of"),
        ("capabilities", "required"),
    }
    with pytest.raises(ValidationFailed, match="full-time"):
        check_programme(Programme("r", "Class", "remedial", (), Eligibility(), 1, False))


def test_cohort_checks():
    with pytest.raises(ValidationFailed) as refused:
        check_cohort(Cohort("c", "p", "c", date(2025, 5, 2), date(2025, 5, 1), 0))
    assert {p.field for p in refused.value.problems} == {"capacity", "endsOn"}
