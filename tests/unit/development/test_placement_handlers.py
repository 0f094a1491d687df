"""WeaknessFlagged and BottomRanked become enrolments, against the in-memory fakes."""

from __future__ import annotations

from schemas.events import EnrolmentCreated, EnrolmentWaitlisted
from services.development.domain.enrolments import ENROLLED, WAITLISTED, weakness_cause
from services.development.service_layer import handlers
from tests.unit.development.builders import (
    bottom_rank,
    cohort,
    programme,
    remedial_class,
    weakness,
)
from tests.unit.development.fakes import fake_development


async def _with_catalogue(*items):
    development, store = fake_development()
    for item in items:
        if hasattr(item, "capacity"):
            await development.execute(handlers.add_cohort, item)
        else:
            await development.execute(handlers.create_programme, item)
    return development, store


async def test_a_weakness_takes_a_seat_in_the_earliest_open_cohort_of_the_best_programme():
    development, store = await _with_catalogue(
        programme("camp"),
        programme("second-choice", priority=2),
        cohort("camp-late", starts_in_days=60),
        cohort("camp-early", starts_in_days=10),
        cohort("second-choice-1", "second-choice"),
    )
    await development.handle(weakness("C-1"))
    [enrolment] = store.enrolments.values()
    assert (enrolment.cohort_id, enrolment.status, enrolment.source) == (
        "camp-early",
        ENROLLED,
        "weakness",
    )
    assert store.cohorts["camp-early"].seats_taken == 1
    [created] = store.published
    assert isinstance(created, EnrolmentCreated) and created.cohort_id == "camp-early"
    assert store.findings[("C-1", weakness_cause("digital_governance", "2025"))]["outcome"] == (
        ENROLLED
    )


async def test_the_same_finding_places_once_however_often_it_arrives():
    development, store = await _with_catalogue(programme("camp"), cohort("camp-1", capacity=5))
    await development.handle(weakness("C-1"), weakness("C-1"))
    await development.handle(weakness("C-1"))
    assert len(store.enrolments) == 1
    await development.handle(weakness("C-1", period="2026"))
    assert [e.status for e in store.enrolments.values()] == [ENROLLED]


async def test_when_every_seat_is_taken_cadres_join_the_line_of_the_earliest_cohort_in_turn():
    development, store = await _with_catalogue(
        programme("camp"),
        cohort("camp-1", capacity=1, starts_in_days=10),
        cohort("camp-2", capacity=1, starts_in_days=40),
    )
    await development.handle(*(weakness(f"C-{n}") for n in range(1, 5)))
    statuses = {e.cadre_id: (e.cohort_id, e.status) for e in store.enrolments.values()}
    assert statuses == {
        "C-1": ("camp-1", ENROLLED),
        "C-2": ("camp-2", ENROLLED),
        "C-3": ("camp-1", WAITLISTED),
        "C-4": ("camp-1", WAITLISTED),
    }
    positions = [e.position for e in store.published if isinstance(e, EnrolmentWaitlisted)]
    assert positions == [1, 2]


async def test_the_rosters_post_decides_eligibility_over_the_events():
    development, store = await _with_catalogue(
        programme("for-principals", levels=("principal",)), cohort("p-1", "for-principals")
    )
    store.roster["C-1"] = ("principal", "township")
    await development.handle(weakness("C-1", level="deputy"), weakness("C-2", level="deputy"))
    assert [e.cadre_id for e in store.enrolments.values()] == ["C-1"]
    assert store.findings[("C-2", weakness_cause("digital_governance", "2025"))]["outcome"] == (
        "no_eligible_programme"
    )


async def test_a_bottom_rank_goes_to_the_remedial_class_and_takes_the_cadre_off_post():
    development, store = await _with_catalogue(
        programme("camp"), remedial_class("class"), cohort("class-1", "class")
    )
    await development.handle(bottom_rank("C-9"))
    [enrolment] = store.enrolments.values()
    assert (enrolment.programme_id, enrolment.full_time, enrolment.off_post) == (
        "class",
        True,
        True,
    )
    assert enrolment.source == "bottom_ranked"


async def test_a_finding_nobody_could_take_is_placed_once_a_programme_and_cohort_exist():
    development, store = fake_development()
    await development.handle(weakness("C-1"))
    assert not store.enrolments
    await development.execute(handlers.create_programme, programme("camp"))
    assert not store.enrolments  # no open cohort yet
    await development.execute(handlers.add_cohort, cohort("camp-1"))
    [enrolment] = store.enrolments.values()
    assert enrolment.cohort_id == "camp-1"
    assert store.findings[("C-1", weakness_cause("digital_governance", "2025"))]["outcome"] == (
        ENROLLED
    )


async def test_cadres_placed_together_stand_in_line_in_the_order_they_came():
    development, store = await _with_catalogue(programme("camp"), cohort("camp-1", capacity=1))
    await development.handle(*(weakness(f"C-{n}") for n in range(1, 6)))
    promoted = await development.execute(handlers.set_cohort_capacity, "camp-1", 3)
    seated = [store.enrolments[enrolment_id].cadre_id for enrolment_id in promoted]
    assert seated == ["C-2", "C-3"]
