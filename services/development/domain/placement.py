"""Where a weakness or a bottom rank places a cadre: the best eligible programme, then a cohort."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from services.development.domain.enrolments import ENROLLED, WAITLISTED
from services.development.domain.programmes import Cohort, Programme


def _preference(programme: Programme) -> tuple[int, bool, bool, str]:
    """Priority first; at equal priority a programme aimed at the cadre's category or level beats a general one."""
    eligibility = programme.eligibility
    return (
        programme.priority,
        not eligibility.unit_categories,
        not eligibility.position_levels,
        programme.id,
    )


def programme_for_weakness(
    programmes: Iterable[Programme], capability: str, position_level: str, unit_category: str
) -> Programme | None:
    """The eligible programme of highest priority addressing the capability (never a remedial class)."""
    candidates = [
        p
        for p in programmes
        if not p.remedial
        and capability in p.capabilities
        and p.eligibility.admits(position_level, unit_category)
    ]
    return min(candidates, key=_preference, default=None)


def programme_for_bottom_rank(
    programmes: Iterable[Programme], position_level: str, unit_category: str
) -> Programme | None:
    """The eligible remedial class of highest priority."""
    candidates = [
        p for p in programmes if p.remedial and p.eligibility.admits(position_level, unit_category)
    ]
    return min(candidates, key=_preference, default=None)


def cohorts_in_order(cohorts: Iterable[Cohort], today: date) -> list[Cohort]:
    """Open cohorts, earliest first: seats are tried in this order, and the first one's line is joined when all are full."""
    return sorted((c for c in cohorts if c.open_on(today)), key=lambda c: (c.starts_on, c.id))


ALREADY_ENROLLED = "already_enrolled"
NO_OPEN_COHORT = "no_open_cohort"


@dataclass(frozen=True)
class Assignment:
    result: str  # enrolled | waitlisted | already_enrolled | no_open_cohort
    cohort: Cohort | None = None


def assign_seats(cohorts: list[Cohort], cadre_ids: list[str], active: set[str]) -> list[Assignment]:
    """Seats for cadres in turn, from cohorts in order of preference, as if placed one by one.

    A cadre with an active enrolment in the programme (before, or earlier in the same list) gets
    none; when every seat is taken the cadre joins the first cohort's line.
    """
    free = {cohort.id: cohort.free_seats for cohort in cohorts}
    placed: set[str] = set(active)
    assignments = []
    for cadre_id in cadre_ids:
        if cadre_id in placed:
            assignments.append(Assignment(ALREADY_ENROLLED))
            continue
        if not cohorts:
            assignments.append(Assignment(NO_OPEN_COHORT))
            continue
        placed.add(cadre_id)
        seat = next((cohort for cohort in cohorts if free[cohort.id] > 0), None)
        if seat is None:
            assignments.append(Assignment(WAITLISTED, cohorts[0]))
            continue
        free[seat.id] -= 1
        assignments.append(Assignment(ENROLLED, seat))
    return assignments
