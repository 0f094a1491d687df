"""Events the development service publishes for trainers, and the completions trainers send back."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from schemas import topics
from schemas.envelope import EventPayload
from schemas.events.common import Capability, Identifier

ProgrammeKind = Literal["camp", "shadow_posting", "remedial", "night_school", "other"]


class EnrolmentCreated(EventPayload):
    topic = topics.ENROLMENTS

    enrolment_id: Identifier
    cadre_id: Identifier
    programme_id: Identifier
    programme_kind: ProgrammeKind
    cohort_id: Identifier
    cohort_starts_on: date
    capability: Capability | None = None
    reason: str
    full_time: bool = False


class EnrolmentWaitlisted(EventPayload):
    topic = topics.ENROLMENTS

    enrolment_id: Identifier
    cadre_id: Identifier
    programme_id: Identifier
    cohort_id: Identifier
    position: int = Field(ge=1)
    reason: str


class EnrolmentCancelled(EventPayload):
    topic = topics.ENROLMENTS

    enrolment_id: Identifier
    cadre_id: Identifier
    programme_id: Identifier
    cohort_id: Identifier
    reason: str
    cancelled_by: str


class ReturnToPostApproved(EventPayload):
    topic = topics.ENROLMENTS

    enrolment_id: Identifier
    cadre_id: Identifier
    programme_id: Identifier
    evaluation_score: float | None = None


class ReturnToPostDenied(EventPayload):
    topic = topics.ENROLMENTS

    enrolment_id: Identifier
    cadre_id: Identifier
    programme_id: Identifier
    evaluation_score: float | None = None
    reason: str


class EnrolmentCompleted(EventPayload):
    """Reported by trainers when a cadre finishes a programme."""

    topic = topics.COMPLETIONS

    enrolment_id: Identifier
    cadre_id: Identifier
    programme_id: Identifier
    attendance_rate: float = Field(ge=0, le=1)
    result_score: float = Field(ge=0, le=100)
    passed: bool
    completed_on: date
    trainer_id: Identifier
