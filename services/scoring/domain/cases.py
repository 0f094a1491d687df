"""What exemptions and appeals share: whose case it is, who decided and why, and allowed steps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from schemas.events.common import Period
from services.common.errors import Conflict, FieldProblem, ValidationFailed

_PERIOD = TypeAdapter(Period)
MAX_TEXT = 4000


def period_problem(period: str) -> FieldProblem | None:
    try:
        _PERIOD.validate_python(period)
    except ValidationError:
        return FieldProblem("period", "pattern", "a period is YYYY, YYYY-Qn or YYYY-MM", period)
    return None


def text_problem(field: str, text: str | None, minimum: int = 1) -> FieldProblem | None:
    stripped = (text or "").strip()
    if len(stripped) < minimum:
        return FieldProblem(
            field, "required", f"must say why in at least {minimum} characters", text
        )
    if len(stripped) > MAX_TEXT:
        return FieldProblem(
            field, "max_length", f"must be at most {MAX_TEXT} characters", len(stripped)
        )
    return None


def require(*problems: FieldProblem | None) -> None:
    found = [problem for problem in problems if problem is not None]
    if found:
        raise ValidationFailed(found)


@dataclass(frozen=True)
class Subject:
    """A unit, or a cadre (with the unit the cadre belongs to when it is known)."""

    unit_id: str | None = None
    cadre_id: str | None = None

    def __post_init__(self) -> None:
        if not (self.unit_id or self.cadre_id):
            raise ValidationFailed(
                FieldProblem("unitId", "required", "name the unit or the cadre concerned", None)
            )

    @property
    def kind(self) -> str:
        return "cadre" if self.cadre_id else "unit"

    @property
    def id(self) -> str:
        subject_id = self.cadre_id or self.unit_id
        assert subject_id is not None  # __post_init__ requires one of them
        return subject_id

    def as_record(self) -> dict[str, Any]:
        return {"kind": self.kind, "unit_id": self.unit_id, "cadre_id": self.cadre_id}


@dataclass(frozen=True)
class Step:
    """Who took a step, in which role, when, and (for decisions) why."""

    by: str
    role: str
    at: datetime
    reason: str | None = None

    def as_record(self) -> dict[str, Any]:
        return {"by": self.by, "role": self.role, "at": self.at, "reason": self.reason}


def require_transition(
    what: str, current: str, target: str, allowed: Mapping[str, tuple[str, ...]]
) -> None:
    nexts = allowed.get(current, ())
    if target not in nexts:
        options = ", ".join(nexts) or "none, it is final"
        raise Conflict(f"{what} is {current}; it cannot become {target} (possible next: {options})")


def _months(period: str) -> tuple[int, int, int]:
    """(year, first month, last month) of a valid period."""
    year, _, part = period.partition("-")
    if not part:
        return int(year), 1, 12
    if part.startswith("Q"):
        last = int(part[1]) * 3
        return int(year), last - 2, last
    return int(year), int(part), int(part)


def covers(outer: str, inner: str) -> bool:
    """Does period `outer` contain period `inner`? A year holds its quarters and months, a quarter its
    months. Exemptions granted for `outer` apply to runs of `inner`; a lock on `outer` holds `inner`."""
    outer_year, outer_first, outer_last = _months(outer)
    inner_year, inner_first, inner_last = _months(inner)
    return outer_year == inner_year and outer_first <= inner_first and inner_last <= outer_last


def enclosing(period: str) -> tuple[str, ...]:
    """The period itself and every period that contains it (its quarter and year)."""
    year, first, last = _months(period)
    if first == 1 and last == 12:
        return (period,)
    quarter = f"{year}-Q{(first - 1) // 3 + 1}"
    return (period, quarter, str(year)) if first == last else (period, str(year))
