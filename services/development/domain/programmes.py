"""Programmes and their cohorts: what a cadre can be placed in, and who may be."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import get_args

from schemas.events.common import PositionLevel
from schemas.events.development import ProgrammeKind
from services.common.errors import Conflict, FieldProblem, ValidationFailed, invalid
from services.development.domain.enrolments import Enrolment
from services.development.domain.waitlist import first_in_line

PROGRAMME_KINDS: tuple[str, ...] = get_args(ProgrammeKind)
POSITION_LEVELS: tuple[str, ...] = get_args(PositionLevel)
REMEDIAL = "remedial"


@dataclass(frozen=True)
class Eligibility:
    """Who a programme admits; an empty set admits every level or category."""

    position_levels: frozenset[str] = frozenset()
    unit_categories: frozenset[str] = frozenset()

    def admits(self, position_level: str, unit_category: str) -> bool:
        return (not self.position_levels or position_level in self.position_levels) and (
            not self.unit_categories or unit_category in self.unit_categories
        )

    def refusal(self, position_level: str, unit_category: str) -> str | None:
        """Why a cadre is not admitted, or None when admitted."""
        if self.position_levels and position_level not in self.position_levels:
            return f"position level {position_level!r} is not among {sorted(self.position_levels)}"
        if self.unit_categories and unit_category not in self.unit_categories:
            return f"unit category {unit_category!r} is not among {sorted(self.unit_categories)}"
        return None


@dataclass(frozen=True)
class Programme:
    id: str
    name: str
    kind: str
    capabilities: tuple[str, ...]
    eligibility: Eligibility
    priority: int  # 1 is tried first
    full_time: bool
    description: str = ""

    @property
    def remedial(self) -> bool:
        """Remedial classes take bottom-ranked cadres; weaknesses go to the other kinds."""
        return self.kind == REMEDIAL


@dataclass(frozen=True)
class Cohort:
    id: str
    programme_id: str
    name: str
    starts_on: date
    ends_on: date
    capacity: int
    seats_taken: int = 0

    @property
    def free_seats(self) -> int:
        return self.capacity - self.seats_taken

    def open_on(self, today: date) -> bool:
        """A cohort takes cadres until its last day."""
        return self.ends_on >= today

    def seats_given(self, count: int) -> Cohort:
        if count > self.free_seats:
            raise Conflict(
                f"cohort {self.id} has {self.free_seats} free seats; {count} cannot be given"
            )
        return replace(self, seats_taken=self.seats_taken + count)

    def seat_freed(self) -> Cohort:
        if self.seats_taken < 1:
            raise Conflict(f"cohort {self.id} has no seat taken to free")
        return replace(self, seats_taken=self.seats_taken - 1)

    def with_capacity(self, capacity: int) -> Cohort:
        """Capacity never drops below the seats already taken (nor below one seat)."""
        if capacity < max(self.seats_taken, 1):
            raise invalid(
                "capacity",
                "not_below_seats_taken",
                f"cohort {self.id} has {self.seats_taken} seats taken; capacity cannot go below that (or below 1)",
                capacity,
            )
        return replace(self, capacity=capacity)

    def promoted(
        self, waiting: Iterable[Enrolment], now: datetime
    ) -> tuple[Cohort, list[Enrolment]]:
        """Every free seat goes to the first in the cohort's line; returns the cohort and those seated."""
        seated = [
            enrolment.seated(now)
            for enrolment in first_in_line(
                (e for e in waiting if e.cohort_id == self.id), self.free_seats
            )
        ]
        return self.seats_given(len(seated)), seated


def check_programme(programme: Programme) -> None:
    problems: list[FieldProblem] = []
    if not programme.name.strip():
        problems.append(
            FieldProblem("name", "required", "a programme needs a name", programme.name)
        )
    if programme.kind not in PROGRAMME_KINDS:
        problems.append(
            FieldProblem(
                "kind", "one_of", f"kind must be one of {list(PROGRAMME_KINDS)}", programme.kind
            )
        )
    if programme.priority < 1:
        problems.append(
            FieldProblem(
                "priority", "minimum", "priority starts at 1 (tried first)", programme.priority
            )
        )
    unknown_levels = sorted(programme.eligibility.position_levels - set(POSITION_LEVELS))
    if unknown_levels:
        problems.append(
            FieldProblem(
                "positionLevels",
                "one_of",
                f"position levels must be among {list(POSITION_LEVELS)}",
                unknown_levels,
            )
        )
    if programme.remedial and not programme.full_time:
        problems.append(
            FieldProblem(
                "fullTime",
                "remedial_is_full_time",
                "a remedial class takes the cadre off post: it must be full-time",
                programme.full_time,
            )
        )
    if not programme.remedial and not programme.capabilities:
        problems.append(
            FieldProblem(
                "capabilities",
                "required",
                "a programme other than a remedial class must address a capability",
                list(programme.capabilities),
            )
        )
    if problems:
        raise ValidationFailed(problems)


def check_cohort(cohort: Cohort) -> None:
    problems: list[FieldProblem] = []
    if cohort.capacity < 1:
        problems.append(
            FieldProblem("capacity", "minimum", "a cohort needs at least one seat", cohort.capacity)
        )
    if cohort.ends_on < cohort.starts_on:
        problems.append(
            FieldProblem(
                "endsOn",
                "after_start",
                f"the cohort cannot end before it starts ({cohort.starts_on})",
                cohort.ends_on.isoformat(),
            )
        )
    if problems:
        raise ValidationFailed(problems)
