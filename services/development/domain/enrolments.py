"""An enrolment's life: waitlisted -> enrolled -> completed or cancelled; full-time ones end on post.

Every change of state is a method that checks it is legal and returns the enrolment as it is
after the change; nothing else changes an enrolment's status.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from services.common.errors import Conflict, invalid

ENROLLED = "enrolled"
WAITLISTED = "waitlisted"
COMPLETED = "completed"
CANCELLED = "cancelled"
ACTIVE = (ENROLLED, WAITLISTED)
STATUSES = (ENROLLED, WAITLISTED, COMPLETED, CANCELLED)

WEAKNESS = "weakness"
BOTTOM_RANKED = "bottom_ranked"
MANUAL = "manual"

# A finding's outcome once scoring has cleared it: it places nobody unless flagged again.
CLEARED = "cleared"


@dataclass(frozen=True)
class CompletionReport:
    """What a trainer reports when a cadre finishes a programme."""

    completed_on: date
    attendance_rate: float | None
    result_score: float | None
    passed: bool
    trainer_id: str


@dataclass(frozen=True)
class Enrolment:
    id: str
    cadre_id: str
    programme_id: str
    cohort_id: str
    status: str
    full_time: bool
    returned_to_post_at: datetime | None = None
    source: str = MANUAL
    reason: str = ""
    capability: str | None = None
    period: str | None = None
    waitlisted_at: datetime | None = None
    seated_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    cancelled_by: str | None = None
    completed_on: date | None = None
    attendance_rate: float | None = None
    result_score: float | None = None
    passed: bool | None = None
    trainer_id: str | None = None
    evaluation_score: float | None = None
    evaluation_passed: bool | None = None
    evaluated_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    @property
    def off_post(self) -> bool:
        """A full-time place keeps the cadre off post from the seat until an approved return."""
        return (
            self.full_time
            and self.status in (ENROLLED, COMPLETED)
            and self.returned_to_post_at is None
        )

    def seated(self, now: datetime) -> Enrolment:
        """A freed seat goes to this cadre, who was in line for it."""
        if self.status != WAITLISTED:
            raise Conflict(
                f"enrolment {self.id} is {self.status}; only a cadre in line can be given a seat"
            )
        return replace(self, status=ENROLLED, seated_at=now)

    def cancelled(self, reason: str, by: str, now: datetime) -> Enrolment:
        check_cancellable(self)
        return replace(
            self, status=CANCELLED, cancelled_at=now, cancel_reason=reason, cancelled_by=by
        )

    def moved(self, programme_id: str, cohort_id: str, seat_free: bool, now: datetime) -> Enrolment:
        """Into another cohort of the programme: seated when it has a free seat, else last in its line."""
        check_movable(self, programme_id, cohort_id)
        if seat_free:
            return replace(
                self, cohort_id=cohort_id, status=ENROLLED, seated_at=now, waitlisted_at=None
            )
        return replace(
            self, cohort_id=cohort_id, status=WAITLISTED, seated_at=None, waitlisted_at=now
        )

    def completed(self, report: CompletionReport) -> Enrolment:
        check_completable(self)
        return replace(
            self,
            status=COMPLETED,
            completed_on=report.completed_on,
            attendance_rate=report.attendance_rate,
            result_score=report.result_score,
            passed=report.passed,
            trainer_id=report.trainer_id,
        )

    def evaluated(self, score: float | None, passed: bool, now: datetime) -> Enrolment:
        """The return-to-post evaluation: a pass completes the place and returns the cadre to post."""
        check_evaluation_score(score)
        check_evaluable(self)
        evaluated = replace(
            self, evaluation_score=score, evaluation_passed=passed, evaluated_at=now
        )
        if passed:
            return replace(evaluated, status=COMPLETED, returned_to_post_at=now)
        return evaluated


def weakness_cause(capability: str, period: str) -> str:
    """The same weakness of the same period places a cadre once, however often it is reported."""
    return f"weakness:{capability}:{period}"


def bottom_rank_cause(period: str) -> str:
    return f"bottom_ranked:{period}"


def require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise invalid("reason", "required", "a change made by hand needs a reason", reason)
    return reason


def check_cancellable(enrolment: Enrolment) -> None:
    if not enrolment.active:
        raise Conflict(
            f"enrolment {enrolment.id} is {enrolment.status}; only an active one can be cancelled"
        )
    if enrolment.off_post:
        raise Conflict(
            f"enrolment {enrolment.id} took the cadre off post; it ends with an evaluation "
            "(recordEvaluation), not a cancellation"
        )


def check_movable(enrolment: Enrolment, target_programme_id: str, target_cohort_id: str) -> None:
    if not enrolment.active:
        raise Conflict(
            f"enrolment {enrolment.id} is {enrolment.status}; only an active one can be moved"
        )
    if target_programme_id != enrolment.programme_id:
        raise invalid(
            "cohortId",
            "same_programme",
            f"cohort {target_cohort_id} belongs to programme {target_programme_id}, not {enrolment.programme_id}; "
            "cancel and enrol instead",
            target_cohort_id,
        )
    if target_cohort_id == enrolment.cohort_id:
        raise invalid(
            "cohortId",
            "different_cohort",
            "the enrolment is already in that cohort",
            target_cohort_id,
        )


def check_completable(enrolment: Enrolment) -> None:
    """Trainers complete a seat in progress; a full-time cadre whose return was denied may be evaluated again."""
    if enrolment.status == ENROLLED or (enrolment.status == COMPLETED and enrolment.off_post):
        return
    raise Conflict(
        f"enrolment {enrolment.id} is {enrolment.status}; only an enrolled cadre can complete it"
    )


def check_evaluable(enrolment: Enrolment) -> None:
    if not enrolment.full_time:
        raise Conflict(
            f"enrolment {enrolment.id} is not full-time: the cadre never left the post, so there is no "
            "return-to-post evaluation"
        )
    if not enrolment.off_post:
        state = "already returned to post" if enrolment.returned_to_post_at else enrolment.status
        raise Conflict(
            f"enrolment {enrolment.id} is {state}; only a cadre off post can be evaluated for return"
        )


def check_evaluation_score(score: float | None) -> None:
    if score is not None and not 0 <= score <= 100:
        raise invalid("score", "range", "an evaluation score lies between 0 and 100", score)
