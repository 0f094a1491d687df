"""Enrolling, cancelling and moving by hand, and freed seats going to the first in line."""

from __future__ import annotations

import pytest

from schemas.events import EnrolmentCancelled, EnrolmentCreated, EnrolmentWaitlisted
from services.common.errors import Conflict, NotFound, ValidationFailed
from services.development.domain.enrolments import CANCELLED, ENROLLED, WAITLISTED
from services.development.service_layer import handlers
from tests.unit.development.builders import cohort, programme, remedial_class, weakness
from tests.unit.development.fakes import fake_development


async def _camp(capacity=1, cohorts=("camp-1",), roster=("C-1", "C-2", "C-3", "C-4")):
    development, store = fake_development()
    await development.execute(handlers.create_programme, programme("camp", levels=("deputy",)))
    for days, cohort_id in enumerate(cohorts):
        await development.execute(
            handlers.add_cohort, cohort(cohort_id, capacity=capacity, starts_in_days=10 + days)
        )
    for cadre_id in roster:
        store.roster[cadre_id] = ("deputy", "township")
    return development, store


async def _enrol(development, cadre_id, cohort_id=None, programme_id="camp"):
    return await development.execute(
        handlers.enrol_cadre, "trainer-1", cadre_id, programme_id, cohort_id, "asked by the unit"
    )


def _by_cadre(store):
    return {e.cadre_id: e for e in store.enrolments.values()}


async def test_enrolling_by_hand_seats_the_cadre_or_puts_them_in_line():
    development, store = await _camp(capacity=1)
    first = await _enrol(development, "C-1")
    second = await _enrol(development, "C-2")
    assert (first.result, second.result) == (ENROLLED, WAITLISTED)
    assert _by_cadre(store)["C-1"].reason == "asked by the unit (by trainer-1)"
    assert _by_cadre(store)["C-1"].source == "manual"


async def test_enrolling_by_hand_is_refused_when_it_breaks_a_rule():
    development, store = await _camp(roster=("C-1",))
    with pytest.raises(NotFound, match="roster"):
        await _enrol(development, "C-unknown")
    store.roster["C-principal"] = ("principal", "township")
    with pytest.raises(ValidationFailed, match="does not admit"):
        await _enrol(development, "C-principal")
    with pytest.raises(ValidationFailed, match="reason"):
        await development.execute(handlers.enrol_cadre, "t", "C-1", "camp", None, "  ")
    await _enrol(development, "C-1")
    with pytest.raises(Conflict, match="already has an active enrolment"):
        await _enrol(development, "C-1")
    with pytest.raises(NotFound):
        await _enrol(development, "C-1", programme_id="nothing")
    assert len(store.enrolments) == 1


async def test_enrolling_in_a_programme_without_an_open_cohort_is_refused():
    development, store = await _camp(cohorts=())
    with pytest.raises(Conflict, match="no open cohort"):
        await _enrol(development, "C-1")
    assert not store.enrolments and not store.published


async def test_a_cancelled_seat_goes_to_the_first_in_line():
    development, store = await _camp(capacity=1)
    for cadre_id in ("C-1", "C-2", "C-3"):
        await _enrol(development, cadre_id)
    seated = _by_cadre(store)["C-1"]
    store.published.clear()
    was = await development.execute(handlers.cancel_enrolment, "trainer-1", seated.id, "moved away")
    assert was == ENROLLED
    enrolments = _by_cadre(store)
    assert enrolments["C-1"].status == CANCELLED
    assert enrolments["C-1"].cancelled_by == "trainer-1"
    assert (enrolments["C-2"].status, enrolments["C-3"].status) == (ENROLLED, WAITLISTED)
    assert store.cohorts["camp-1"].seats_taken == 1
    cancelled, promoted = store.published
    assert isinstance(cancelled, EnrolmentCancelled)
    assert isinstance(promoted, EnrolmentCreated) and promoted.promoted_from_waitlist
    assert promoted.cadre_id == "C-2"


async def test_cancelling_a_place_in_line_frees_no_seat():
    development, store = await _camp(capacity=1)
    await _enrol(development, "C-1")
    await _enrol(development, "C-2")
    waiting = _by_cadre(store)["C-2"]
    assert (
        await development.execute(handlers.cancel_enrolment, "t", waiting.id, "no longer needed")
        == WAITLISTED
    )
    assert _by_cadre(store)["C-1"].status == ENROLLED
    assert store.cohorts["camp-1"].seats_taken == 1


async def test_a_cadre_off_post_cannot_be_cancelled_and_nothing_changes():
    development, store = fake_development()
    await development.execute(handlers.create_programme, remedial_class("class"))
    await development.execute(handlers.add_cohort, cohort("class-1", "class"))
    store.roster["C-1"] = ("deputy", "township")
    outcome = await _enrol(development, "C-1", programme_id="class")
    before = dict(store.enrolments)
    with pytest.raises(Conflict, match="evaluation"):
        await development.execute(handlers.cancel_enrolment, "t", outcome.enrolment_id, "why")
    assert store.enrolments == before
    with pytest.raises(NotFound):
        await development.execute(handlers.cancel_enrolment, "t", "enr-missing", "why")


async def test_a_move_to_a_full_cohort_joins_its_line_and_hands_the_old_seat_on():
    development, store = await _camp(capacity=1, cohorts=("camp-1", "camp-2"))
    for cadre_id in ("C-1", "C-2", "C-3"):
        await _enrol(development, cadre_id, "camp-1" if cadre_id != "C-2" else "camp-2")
    store.published.clear()
    moving = _by_cadre(store)["C-1"]
    status = await development.execute(
        handlers.move_enrolment, "trainer-1", moving.id, "camp-2", "later dates suit"
    )
    assert status == WAITLISTED
    enrolments = _by_cadre(store)
    assert (enrolments["C-1"].cohort_id, enrolments["C-1"].status) == ("camp-2", WAITLISTED)
    assert enrolments["C-1"].reason == "asked by the unit (by trainer-1)"
    assert (enrolments["C-3"].cohort_id, enrolments["C-3"].status) == ("camp-1", ENROLLED)
    waitlisted, promoted = store.published
    assert (
        isinstance(waitlisted, EnrolmentWaitlisted) and waitlisted.moved_from_cohort_id == "camp-1"
    )
    assert waitlisted.reason == "later dates suit (moved by trainer-1)" and waitlisted.position == 1
    assert isinstance(promoted, EnrolmentCreated) and promoted.cadre_id == "C-3"
    assert [store.cohorts[c].seats_taken for c in ("camp-1", "camp-2")] == [1, 1]


async def test_a_move_to_a_cohort_with_a_free_seat_takes_it():
    development, store = await _camp(capacity=2, cohorts=("camp-1", "camp-2"))
    await _enrol(development, "C-1", "camp-1")
    moving = _by_cadre(store)["C-1"]
    status = await development.execute(handlers.move_enrolment, "t", moving.id, "camp-2", "dates")
    assert status == ENROLLED
    assert [store.cohorts[c].seats_taken for c in ("camp-1", "camp-2")] == [0, 1]
    assert store.published[-1].moved_from_cohort_id == "camp-1"


async def test_moves_stay_in_the_programme_and_go_somewhere_else():
    development, store = await _camp(cohorts=("camp-1",))
    await development.execute(handlers.create_programme, programme("other", levels=("deputy",)))
    await development.execute(handlers.add_cohort, cohort("other-1", "other"))
    await _enrol(development, "C-1")
    moving = _by_cadre(store)["C-1"]
    with pytest.raises(ValidationFailed, match="cancel and enrol"):
        await development.execute(handlers.move_enrolment, "t", moving.id, "other-1", "x")
    with pytest.raises(ValidationFailed, match="already in that cohort"):
        await development.execute(handlers.move_enrolment, "t", moving.id, "camp-1", "x")
    with pytest.raises(NotFound):
        await development.execute(handlers.move_enrolment, "t", moving.id, "nowhere", "x")


async def test_more_capacity_seats_the_first_in_line_at_once():
    development, store = await _camp(capacity=1)
    for cadre_id in ("C-1", "C-2", "C-3", "C-4"):
        await _enrol(development, cadre_id)
    promoted = await development.execute(handlers.set_cohort_capacity, "camp-1", 3)
    enrolments = _by_cadre(store)
    assert promoted == [enrolments["C-2"].id, enrolments["C-3"].id]
    assert enrolments["C-4"].status == WAITLISTED
    assert store.cohorts["camp-1"].seats_taken == 3
    with pytest.raises(ValidationFailed, match="seats taken"):
        await development.execute(handlers.set_cohort_capacity, "camp-1", 2)
    with pytest.raises(NotFound):
        await development.execute(handlers.set_cohort_capacity, "nowhere", 2)


async def test_a_weakness_and_a_hand_enrolment_share_the_line():
    development, store = await _camp(capacity=1)
    await development.handle(weakness("C-1"))
    await _enrol(development, "C-2")
    assert _by_cadre(store)["C-2"].status == WAITLISTED
