"""A weakness that no longer holds: the place it caused is given up unless training is under way.

Scoring clears a weakness when later evidence, a corrected record or a changed threshold removes
it. A place the cadre has not started (a seat in a cohort that has not begun, or a place in line)
is cancelled so the seat goes to someone who needs it; a place under way stays, since stopping a
programme half-way helps nobody, and it carries a note saying the weakness was cleared.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from schemas.events import WeaknessCleared
from services.development.domain.enrolments import ENROLLED, WEAKNESS, Enrolment

# Who cancels or writes the note: the service itself, on scoring's word.
CLEARED_BY = "development:weakness-cleared"

CANCEL = "cancel"
KEEP_WITH_NOTE = "keep_with_note"
LEAVE = "leave"  # not a place this weakness holds open any more


@dataclass(frozen=True)
class EnrolmentNote:
    enrolment_id: str
    cause: str  # what the note is about; one note per enrolment and cause
    note: str
    written_by: str
    written_at: datetime


def cleared_cause(capability: str, period: str) -> str:
    return f"weakness_cleared:{capability}:{period}"


def caused_by(enrolment: Enrolment, cleared: WeaknessCleared) -> bool:
    """Only the place this weakness made: not a manual one, nor one made for another weakness."""
    return (
        enrolment.source == WEAKNESS
        and enrolment.cadre_id == cleared.cadre_id
        and enrolment.capability == cleared.capability
        and enrolment.period == cleared.period
    )


def under_way(enrolment: Enrolment, cohort_starts_on: date, today: date) -> bool:
    """Seated in a cohort that has begun, or in a full-time seat (which took the cadre off post)."""
    return enrolment.status == ENROLLED and (cohort_starts_on <= today or enrolment.off_post)


def clearing_decision(
    enrolment: Enrolment,
    cleared: WeaknessCleared,
    cohort_starts_on: date,
    today: date,
    also_needed_for: tuple[str, ...] = (),
) -> str:
    """What becomes of the place; `also_needed_for` names other live findings the same place serves."""
    if not enrolment.active or not caused_by(enrolment, cleared):
        return LEAVE
    if also_needed_for or under_way(enrolment, cohort_starts_on, today):
        return KEEP_WITH_NOTE
    return CANCEL


def _why(cleared: WeaknessCleared) -> str:
    words = {
        "new_evidence": "later evidence",
        "record_corrected": "a corrected record",
        "threshold_changed": "a changed threshold",
    }[cleared.reason]
    figures = []
    if cleared.score is not None:
        figures.append(f"score {cleared.score:g}")
    if cleared.target is not None:
        figures.append(f"target {cleared.target:g}")
    if cleared.confidence is not None:
        figures.append(f"confidence {cleared.confidence:g}")
    detail = f" ({', '.join(figures)})" if figures else ""
    return f"{cleared.capability} weakness of {cleared.period} cleared by {words}{detail}"


def cancel_reason(cleared: WeaknessCleared) -> str:
    return f"{_why(cleared)}; the place had not started"


def kept_note(cleared: WeaknessCleared, also_needed_for: tuple[str, ...] = ()) -> str:
    if also_needed_for:
        return f"{_why(cleared)}; the place stays for {', '.join(also_needed_for)}"
    return f"{_why(cleared)}; the programme is under way, so the place stays"
