"""Which programme and cohort a weakness or a bottom rank goes to."""

from datetime import date

from services.development.domain.placement import (
    assign_seats,
    cohorts_in_order,
    programme_for_bottom_rank,
    programme_for_weakness,
)
from services.development.domain.programmes import Cohort, Eligibility, Programme

TODAY = date(2025, 6, 1)


def programme(
    id, kind="camp", capabilities=("digital_governance",), priority=1, levels=(), categories=()
):
    return Programme(
        id=id,
        name=id,
        kind=kind,
        capabilities=tuple(capabilities),
        eligibility=Eligibility(frozenset(levels), frozenset(categories)),
        priority=priority,
        full_time=kind == "remedial",
    )


def cohort(id, starts, capacity=10, taken=0, ends=None):
    return Cohort(
        id=id,
        programme_id="p",
        name=id,
        starts_on=starts,
        ends_on=ends or starts,
        capacity=capacity,
        seats_taken=taken,
    )


def test_weakness_goes_to_the_eligible_programme_of_highest_priority():
    catalogue = [
        programme("second", priority=2),
        programme("first-but-for-principals", priority=1, levels=("principal",)),
        programme("other-capability", capabilities=("investment_attraction",)),
        programme("remedial", kind="remedial", capabilities=("digital_governance",)),
    ]
    assert (
        programme_for_weakness(catalogue, "digital_governance", "principal", "township").id
        == "first-but-for-principals"
    )
    assert (
        programme_for_weakness(catalogue, "digital_governance", "grassroots", "township").id
        == "second"
    )
    assert (
        programme_for_weakness(catalogue, "ecological_protection", "principal", "township") is None
    )


def test_unit_category_restricts_eligibility():
    catalogue = [programme("zones", categories=("development_zone",))]
    assert programme_for_weakness(catalogue, "digital_governance", "deputy", "township") is None
    assert (
        programme_for_weakness(catalogue, "digital_governance", "deputy", "development_zone").id
        == "zones"
    )


def test_bottom_rank_goes_to_a_remedial_class_only():
    catalogue = [programme("camp"), programme("class", kind="remedial", capabilities=())]
    assert programme_for_bottom_rank(catalogue, "deputy", "township").id == "class"
    assert programme_for_bottom_rank([programme("camp")], "deputy", "township") is None


def test_earliest_open_cohort_with_a_free_seat_wins():
    cohorts = cohorts_in_order(
        [
            cohort("later", date(2025, 9, 1)),
            cohort("full", date(2025, 7, 1), capacity=2, taken=2),
            cohort("over", date(2025, 1, 1), ends=date(2025, 5, 31)),
        ],
        TODAY,
    )
    assert [c.id for c in cohorts] == ["full", "later"]
    [seat] = assign_seats(cohorts, ["c1"], set())
    assert (seat.result, seat.cohort.id) == ("enrolled", "later")


def test_seats_run_out_in_turn_then_cadres_join_the_line_of_the_earliest_cohort():
    cohorts = cohorts_in_order(
        [cohort("b", date(2025, 9, 1), 2, 1), cohort("a", date(2025, 7, 1), 1, 0)], TODAY
    )
    seats = assign_seats(cohorts, ["c1", "c2", "c3", "c4"], set())
    assert [(s.result, s.cohort.id) for s in seats] == [
        ("enrolled", "a"),
        ("enrolled", "b"),
        ("waitlisted", "a"),
        ("waitlisted", "a"),
    ]


def test_one_active_enrolment_per_cadre_and_programme():
    cohorts = [cohort("a", date(2025, 7, 1), 5)]
    seats = assign_seats(cohorts, ["has-one", "new", "new"], {"has-one"})
    assert [s.result for s in seats] == ["already_enrolled", "enrolled", "already_enrolled"]


def test_no_open_cohort_places_nowhere():
    cohorts = cohorts_in_order([cohort("over", date(2025, 1, 1))], TODAY)
    assert [s.result for s in assign_seats(cohorts, ["c1"], set())] == ["no_open_cohort"]


def test_at_equal_priority_a_targeted_programme_beats_a_general_one():
    catalogue = [
        programme("a-general", kind="remedial", capabilities=()),
        programme("z-for-townships", kind="remedial", capabilities=(), categories=("township",)),
    ]
    assert programme_for_bottom_rank(catalogue, "deputy", "township").id == "z-for-townships"
    assert programme_for_bottom_rank(catalogue, "deputy", "school").id == "a-general"
