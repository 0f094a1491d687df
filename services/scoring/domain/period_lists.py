"""Red and black lists of a period: excellent units are shown as examples, lagging or abnormal units
are put under supervision, each with the reasons that put it there."""

from __future__ import annotations

from dataclasses import dataclass

from services.scoring.domain.grading import EXCELLENT, INCOMPETENT


@dataclass(frozen=True)
class UnitStanding:
    unit_id: str
    grade: int
    veto: bool
    veto_excellence: bool
    failed_red_lines: tuple[str, ...]
    contradictions: tuple[str, ...]
    # Failed because nobody reported them: named apart, so the list says why.
    unreported_red_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListEntry:
    list_name: str  # "red" | "black"
    unit_id: str
    reasons: tuple[str, ...]


def place(standing: UnitStanding) -> ListEntry | None:
    black = []
    if standing.veto:
        black.append("full veto")
    if standing.failed_red_lines:
        black.append("red line failed: " + ", ".join(standing.failed_red_lines))
    if standing.unreported_red_lines:
        black.append("red line not reported: " + ", ".join(standing.unreported_red_lines))
    if standing.grade == INCOMPETENT:
        black.append("graded incompetent")
    black += [f"anomaly: {rule}" for rule in standing.contradictions]
    if black:
        return ListEntry("black", standing.unit_id, tuple(black))
    if standing.grade == EXCELLENT:
        return ListEntry("red", standing.unit_id, ("graded excellent",))
    return None
