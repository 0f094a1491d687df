"""WeaknessCleared gives up the place the weakness made, unless training is under way: against the fakes."""

from __future__ import annotations

from schemas.events import EnrolmentCancelled, EnrolmentCreated
from services.development.domain.clearing import CLEARED_BY
from services.development.domain.enrolments import (
    CANCELLED,
    CLEARED,
    ENROLLED,
    WAITLISTED,
    weakness_cause,
)
from services.development.service_layer import handlers
from tests.unit.development.builders import cleared, cohort, programme, weakness
from tests.unit.development.fakes import fake_development


async def _with_catalogue(*items):
    development, store = fake_development()
    for item in items:
        command = handlers.add_cohort if hasattr(item, "capacity") else handlers.create_programme
        await development.execute(command, item)
    return development, store


def _of(store, cadre_id):
    [enrolment] = [e for e in store.enrolments.values() if e.cadre_id == cadre_id]
    return enrolment


async def test_a_cleared_weakness_cancels_a_seat_not_started_and_the_first_in_line_gets_it():
    development, store = await _with_catalogue(programme("camp"), cohort("camp-1", capacity=1))
    await development.handle(weakness("C-1"), weakness("C-2"))
    assert (_of(store, "C-1").status, _of(store, "C-2").status) == (ENROLLED, WAITLISTED)
    store.published.clear()

    await development.handle(cleared("C-1"))

    gone, promoted = _of(store, "C-1"), _of(store, "C-2")
    assert (gone.status, gone.cancelled_by) == (CANCELLED, CLEARED_BY)
    assert gone.cancel_reason == (
        "digital_governance weakness of 2025 cleared by later evidence (score 72, target 70, "
        "confidence 0.8); the place had not started"
    )
    assert promoted.status == ENROLLED and store.cohorts["camp-1"].seats_taken == 1
    cancelled, created = store.published
    assert isinstance(cancelled, EnrolmentCancelled) and cancelled.enrolment_id == gone.id
    assert cancelled.reason == gone.cancel_reason and cancelled.cancelled_by == CLEARED_BY
    assert isinstance(created, EnrolmentCreated) and created.promoted_from_waitlist
    assert created.enrolment_id == promoted.id
    assert store.findings[("C-1", weakness_cause("digital_governance", "2025"))]["outcome"] == (
        CLEARED
    )


async def test_a_cleared_weakness_cancels_a_place_in_line_without_touching_the_seats():
    development, store = await _with_catalogue(programme("camp"), cohort("camp-1", capacity=1))
    await development.handle(weakness("C-1"), weakness("C-2"))
    store.published.clear()
    await development.handle(cleared("C-2"))
    assert (_of(store, "C-1").status, _of(store, "C-2").status) == (ENROLLED, CANCELLED)
    assert store.cohorts["camp-1"].seats_taken == 1
    [cancelled] = store.published
    assert isinstance(cancelled, EnrolmentCancelled) and cancelled.cadre_id == "C-2"


async def test_a_place_under_way_stays_with_one_note_however_often_the_clearing_comes():
    development, store = await _with_catalogue(
        programme("camp"), cohort("camp-1", capacity=2, starts_in_days=-3)
    )
    await development.handle(weakness("C-1"))
    store.published.clear()
    await development.handle(cleared("C-1"))
    await development.handle(cleared("C-1"))
    kept = _of(store, "C-1")
    assert kept.status == ENROLLED and store.published == []
    [note] = store.notes.values()
    assert (note.enrolment_id, note.cause, note.written_by) == (
        kept.id,
        "weakness_cleared:digital_governance:2025",
        CLEARED_BY,
    )
    assert note.note.endswith("the programme is under way, so the place stays")


async def test_a_second_delivery_after_a_cancellation_changes_nothing():
    development, store = await _with_catalogue(programme("camp"), cohort("camp-1", capacity=1))
    await development.handle(weakness("C-1"), weakness("C-2"))
    await development.handle(cleared("C-1"))
    before = (dict(store.enrolments), dict(store.cohorts), len(store.published))
    await development.handle(cleared("C-1"))
    assert (dict(store.enrolments), dict(store.cohorts), len(store.published)) == before


async def test_the_weakness_flagged_again_after_clearing_places_the_cadre_again():
    development, store = await _with_catalogue(programme("camp"), cohort("camp-1", capacity=2))
    await development.handle(weakness("C-1"))
    await development.handle(cleared("C-1"))
    await development.handle(weakness("C-1"))
    statuses = sorted(e.status for e in store.enrolments.values())
    assert statuses == [CANCELLED, ENROLLED]


async def test_a_cleared_finding_no_programme_took_is_not_placed_when_one_opens():
    development, store = await _with_catalogue()
    await development.handle(weakness("C-1"))
    await development.handle(cleared("C-1"))
    await development.execute(handlers.create_programme, programme("camp"))
    await development.execute(handlers.add_cohort, cohort("camp-1"))
    assert store.enrolments == {}


async def test_a_place_that_another_live_weakness_relies_on_stays_with_a_note():
    both = programme("camp", capabilities=("digital_governance", "emergency_response"))
    development, store = await _with_catalogue(both, cohort("camp-1"))
    await development.handle(weakness("C-1"), weakness("C-1", "emergency_response"))
    place = _of(store, "C-1")
    assert place.capability == "digital_governance"
    store.published.clear()
    await development.handle(cleared("C-1"))
    assert _of(store, "C-1").status == ENROLLED and store.published == []
    [note] = store.notes.values()
    assert note.note.endswith("the place stays for the emergency response weakness of 2025")


async def test_clearing_a_weakness_never_touches_another_place_of_the_cadre():
    development, store = await _with_catalogue(
        programme("camp"),
        programme("drill", capabilities=("emergency_response",)),
        cohort("camp-1"),
        cohort("drill-1", "drill"),
    )
    await development.handle(weakness("C-1"), weakness("C-1", "emergency_response"))
    store.published.clear()
    await development.handle(cleared("C-1", "emergency_response", period="2024"))
    await development.handle(cleared("C-9"))
    assert {e.status for e in store.enrolments.values()} == {ENROLLED}
    assert store.published == [] and store.notes == {}
