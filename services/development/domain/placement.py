"""Where a weakness or a bottom rank places a cadre: the best eligible programme, then a cohort."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from services.development.domain.programmes import Cohort, Programme


def _preference(programme: Programme) -> tuple:
    """Priority first; at equal priority a programme aimed at the cadre's category or level beats a general one."""
    eligibility = programme.eligibility
    return (programme.priority, not eligibility.unit_categories, not eligibility.position_levels, programme.id)


def programme_for_weakness(
    programmes: Iterable[Programme], capability: str, position_level: str, unit_category: str
) -> Programme | None:
    """The eligible programme of highest priority addressing the capability (never a remedial class)."""
    candidates = [
        p for p in programmes
        if not p.remedial and capability in p.capabilities and p.eligibility.admits(position_level, unit_category)
    ]
    return min(candidates, key=_preference, default=None)


def programme_for_bottom_rank(
    programmes: Iterable[Programme], position_level: str, unit_category: str
) -> Programme | None:
    """The eligible remedial class of highest priority."""
    candidates = [p for p in programmes if p.remedial and p.eligibility.admits(position_level, unit_category)]
    return min(candidates, key=_preference, default=None)


def cohorts_in_order(cohorts: Iterable[Cohort], today: date) -> list[Cohort]:
    """Open cohorts, earliest first: seats are tried in this order, and the first one's line is joined when all are full."""
    return sorted((c for c in cohorts if c.open_on(today)), key=lambda c: (c.starts_on, c.id))


def seat_choice(cohorts: list[Cohort]) -> tuple[Cohort, bool] | None:
    """The cohort to join and whether the cadre waits in line there; None without an open cohort."""
    for cohort in cohorts:
        if cohort.free_seats > 0:
            return cohort, False
    return (cohorts[0], True) if cohorts else None
