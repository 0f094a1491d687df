"""A cohort's seats and its line, and the legal changes of an enrolment's status."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from services.common.errors import Conflict, ValidationFailed
from services.development.domain.enrolments import (
    CANCELLED,
    COMPLETED,
    ENROLLED,
    WAITLISTED,
    CompletionReport,
    Enrolment,
)
from services.development.domain.programmes import Cohort
from services.development.domain.waitlist import first_in_line

NOW = datetime(2025, 6, 1, 9, tzinfo=UTC)


def cohort(capacity=2, taken=0):
    return Cohort("k", "p", "k", date(2025, 7, 1), date(2025, 7, 20), capacity, taken)


def in_line(id, minutes, cohort_id="k"):
    return Enrolment(
        id,
        f"cadre-{id}",
        "p",
        cohort_id,
        WAITLISTED,
        False,
        waitlisted_at=NOW + timedelta(minutes=minutes),
    )


def test_seats_are_given_up_to_capacity_and_freed_down_to_none():
    assert cohort(2).seats_given(2).free_seats == 0
    with pytest.raises(Conflict, match="free seats"):
        cohort(2, taken=1).seats_given(2)
    assert cohort(2, taken=1).seat_freed().seats_taken == 0
    with pytest.raises(Conflict):
        cohort(2).seat_freed()


def test_capacity_never_drops_below_the_seats_taken():
    assert cohort(2, taken=2).with_capacity(5).free_seats == 3
    with pytest.raises(ValidationFailed) as refused:
        cohort(4, taken=3).with_capacity(2)
    assert refused.value.problems[0].rule == "not_below_seats_taken"
    with pytest.raises(ValidationFailed):
        cohort(4).with_capacity(0)


def test_the_first_in_line_is_who_joined_first_whatever_order_they_come_in():
    waiting = [in_line("c", 3), in_line("a", 1), in_line("b", 2), in_line("d", 0)]
    waiting[3] = replace(waiting[3], status=CANCELLED)
    assert [e.id for e in first_in_line(waiting, 2)] == ["a", "b"]
    assert first_in_line(waiting, 0) == []
    same_time = [in_line("z", 1), in_line("m", 1)]
    assert [e.id for e in first_in_line(same_time, 1)] == ["m"]


def test_free_seats_go_to_the_first_in_the_cohorts_own_line():
    waiting = [in_line("c", 3), in_line("a", 1), in_line("b", 2), in_line("x", 0, "other")]
    after, seated = cohort(3, taken=2).promoted(waiting, NOW)
    assert [e.id for e in seated] == ["a"]
    assert seated[0].status == ENROLLED and seated[0].seated_at == NOW
    assert after.free_seats == 0
    full_after, none = cohort(2, taken=2).promoted(waiting, NOW)
    assert none == [] and full_after.seats_taken == 2


def test_only_a_cadre_in_line_can_be_given_a_seat():
    with pytest.raises(Conflict, match="in line"):
        replace(in_line("a", 1), status=ENROLLED).seated(NOW)


def test_a_cancellation_records_who_and_why():
    cancelled = replace(in_line("a", 1), status=ENROLLED).cancelled("moved away", "trainer", NOW)
    assert (cancelled.status, cancelled.cancel_reason, cancelled.cancelled_by) == (
        CANCELLED,
        "moved away",
        "trainer",
    )
    with pytest.raises(Conflict):
        cancelled.cancelled("again", "trainer", NOW)


def test_a_move_seats_the_cadre_or_puts_them_at_the_end_of_the_new_line():
    seated = replace(in_line("a", 1), status=ENROLLED, seated_at=NOW, waitlisted_at=None)
    moved = seated.moved("p", "k2", seat_free=False, now=NOW)
    assert (moved.cohort_id, moved.status, moved.waitlisted_at, moved.seated_at) == (
        "k2",
        WAITLISTED,
        NOW,
        None,
    )
    assert seated.moved("p", "k2", seat_free=True, now=NOW).status == ENROLLED
    with pytest.raises(ValidationFailed):
        seated.moved("other", "k2", seat_free=True, now=NOW)


def test_completion_then_evaluation_returns_a_full_time_cadre_to_post():
    report = CompletionReport(date(2025, 7, 20), 0.9, 55.0, False, "trainer")
    seat = Enrolment("e", "c", "p", "k", ENROLLED, True)
    completed = seat.completed(report)
    assert (completed.status, completed.off_post, completed.passed) == (COMPLETED, True, False)
    denied = completed.evaluated(55.0, False, NOW)
    assert denied.off_post and denied.evaluation_passed is False
    approved = denied.evaluated(75.0, True, NOW)
    assert (approved.returned_to_post_at, approved.off_post) == (NOW, False)
    with pytest.raises(Conflict):
        approved.evaluated(80.0, True, NOW)
    with pytest.raises(Conflict):
        in_line("a", 1).completed(report)
