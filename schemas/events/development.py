"""Events the development service publishes for trainers, and the completions trainers send back.

Trainers read `development.enrolments.v1` (every event keyed by cadre id, so one cadre's events
arrive in order) and report back on `development.completions.v1`. Delivery is at least once:
act on each `event_id` once. A completion that is invalid (wrong shape, unknown enrolment, cadre or
programme that do not match it, an enrolment not in progress) is not applied; it goes to
`development.dead-letters.v1` with the reason in the `dlq_reason` header.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from schemas import topics
from schemas.envelope import EventPayload
from schemas.events.common import Capability, Identifier, Period

ProgrammeKind = Literal["camp", "shadow_posting", "remedial", "night_school", "other"]
EnrolmentSource = Literal["weakness", "bottom_ranked", "manual"]

_ENROLMENT_ID = "The enrolment's id; every later event about this place carries it."
_CADRE_ID = "The cadre (public official) enrolled; also the message key."
_PROGRAMME_ID = "The programme, e.g. `digital-governance-camp`."
_COHORT_ID = "The cohort (one run of the programme with its dates and seats)."
_REASON = (
    "Why, in words a trainer can act on (the weakness, the rank, or the reason given by hand)."
)


class EnrolmentCreated(EventPayload):
    """A cadre has a seat in a cohort: prepare for them.

    Sent when a weakness or a bottom rank places a cadre, when a trainer or administrator enrols
    one by hand, when a waitlisted cadre is promoted because a seat was freed
    (`promoted_from_waitlist`), and when an enrolment is moved to another cohort
    (`moved_from_cohort_id`: the cadre no longer attends that one). A full-time programme takes the
    cadre off post until a passed evaluation (`ReturnToPostApproved`).
    """

    topic = topics.ENROLMENTS

    enrolment_id: Identifier = Field(description=_ENROLMENT_ID)
    cadre_id: Identifier = Field(description=_CADRE_ID)
    programme_id: Identifier = Field(description=_PROGRAMME_ID)
    programme_kind: ProgrammeKind = Field(
        description="camp (training camp), shadow_posting (working alongside peers elsewhere), remedial "
        "(full-time re-forging class), night_school (night school with village residency) or other."
    )
    cohort_id: Identifier = Field(description=_COHORT_ID)
    cohort_starts_on: date = Field(description="First day of the cohort.")
    capability: Capability | None = Field(
        default=None, description="The capability to work on, when a weakness caused the enrolment."
    )
    reason: str = Field(description=_REASON)
    full_time: bool = Field(
        default=False, description="True: the cadre leaves the post for the programme."
    )
    cohort_ends_on: date | None = Field(
        default=None, description="Last day of the cohort. Optional, added in v1."
    )
    programme_name: str | None = Field(
        default=None, description="The programme's display name. Optional."
    )
    source: EnrolmentSource | None = Field(
        default=None,
        description="What caused the enrolment: weakness (WeaknessFlagged), bottom_ranked (BottomRanked) "
        "or manual (a trainer or administrator). Optional.",
    )
    period: Period | None = Field(
        default=None,
        description="Assessment period of the weakness or rank, e.g. 2025 or 2025-Q2. Optional.",
    )
    promoted_from_waitlist: bool = Field(
        default=False,
        description="True: the cadre waited for this seat (an EnrolmentWaitlisted came first).",
    )
    moved_from_cohort_id: Identifier | None = Field(
        default=None,
        description="Set when the enrolment moved here from another cohort of the same programme.",
    )


class EnrolmentWaitlisted(EventPayload):
    """Every seat of the cohort is taken: the cadre waits in line.

    The first in line gets the next freed seat automatically, which is announced with an
    `EnrolmentCreated` carrying the same `enrolment_id` and `promoted_from_waitlist: true`.
    """

    topic = topics.ENROLMENTS

    enrolment_id: Identifier = Field(description=_ENROLMENT_ID)
    cadre_id: Identifier = Field(description=_CADRE_ID)
    programme_id: Identifier = Field(description=_PROGRAMME_ID)
    cohort_id: Identifier = Field(description=_COHORT_ID)
    position: int = Field(
        ge=1, description="Place in line when waitlisted (1: next to get a seat)."
    )
    reason: str = Field(description=_REASON)
    capability: Capability | None = Field(
        default=None,
        description="The capability to work on, when a weakness caused the enrolment. Optional.",
    )
    source: EnrolmentSource | None = Field(
        default=None, description="What caused the enrolment. Optional."
    )
    moved_from_cohort_id: Identifier | None = Field(
        default=None,
        description="Set when the enrolment moved here from another cohort of the same programme.",
    )


class EnrolmentCancelled(EventPayload):
    """The cadre will not attend: release the seat (or the place in line)."""

    topic = topics.ENROLMENTS

    enrolment_id: Identifier = Field(description=_ENROLMENT_ID)
    cadre_id: Identifier = Field(description=_CADRE_ID)
    programme_id: Identifier = Field(description=_PROGRAMME_ID)
    cohort_id: Identifier = Field(description=_COHORT_ID)
    reason: str = Field(description="The reason given by whoever cancelled.")
    cancelled_by: str = Field(description="Subject of the trainer's or administrator's token.")


class ReturnToPostApproved(EventPayload):
    """A cadre of a full-time (remedial) programme passed the practical evaluation and returns to post."""

    topic = topics.ENROLMENTS

    enrolment_id: Identifier = Field(description=_ENROLMENT_ID)
    cadre_id: Identifier = Field(description=_CADRE_ID)
    programme_id: Identifier = Field(description=_PROGRAMME_ID)
    evaluation_score: float | None = Field(
        default=None, description="Score of the evaluation, 0-100."
    )
    evaluated_on: date | None = Field(default=None, description="Day of the evaluation. Optional.")


class ReturnToPostDenied(EventPayload):
    """A cadre of a full-time (remedial) programme failed the evaluation and stays off post.

    A later passed evaluation (recorded in the service, or an `EnrolmentCompleted` with
    `passed: true`) still approves the return.
    """

    topic = topics.ENROLMENTS

    enrolment_id: Identifier = Field(description=_ENROLMENT_ID)
    cadre_id: Identifier = Field(description=_CADRE_ID)
    programme_id: Identifier = Field(description=_PROGRAMME_ID)
    evaluation_score: float | None = Field(
        default=None, description="Score of the evaluation, 0-100."
    )
    reason: str = Field(description="Why the return was refused.")
    evaluated_on: date | None = Field(default=None, description="Day of the evaluation. Optional.")


class EnrolmentCompleted(EventPayload):
    """Reported by trainers when a cadre finishes a programme.

    Publish it on `development.completions.v1`, keyed by cadre id. The enrolment must be in
    progress (enrolled: not waitlisted, cancelled or already completed), and `cadre_id` and
    `programme_id` must match it. For a full-time (remedial) programme the report is the
    practical evaluation: `passed` approves or denies the cadre's return to post, and a cadre
    whose return was denied may be reported again after another evaluation.
    """

    topic = topics.COMPLETIONS

    enrolment_id: Identifier = Field(
        description="The `enrolment_id` of the EnrolmentCreated being completed."
    )
    cadre_id: Identifier = Field(description="Must be the enrolment's cadre.")
    programme_id: Identifier = Field(description="Must be the enrolment's programme.")
    attendance_rate: float = Field(
        ge=0, le=1, description="Share of sessions attended, 0 to 1 (0.95 = 95%)."
    )
    result_score: float = Field(ge=0, le=100, description="The cadre's result, 0-100.")
    passed: bool = Field(
        description="Whether the cadre passed (for a remedial programme: the evaluation)."
    )
    completed_on: date = Field(description="Day the programme ended for the cadre.")
    trainer_id: Identifier = Field(description="The trainer reporting.")


class TrainingResultRecorded(EventPayload):
    """A trainer's result for a cadre (a camp's assessment, a remedial class's practical evaluation),
    once development has applied it to the enrolment; scoring counts it as individual evidence of the
    programme's capability."""

    topic = topics.ENROLMENTS

    enrolment_id: Identifier = Field(description=_ENROLMENT_ID)
    cadre_id: Identifier = Field(description=_CADRE_ID)
    programme_id: Identifier = Field(description=_PROGRAMME_ID)
    programme_kind: ProgrammeKind
    capability: Capability | None = Field(
        default=None, description="The capability the programme works on, when it has one."
    )
    result_score: float = Field(ge=0, le=100, description="The cadre's result, 0-100.")
    passed: bool
    completed_on: date = Field(description="Day the programme ended for the cadre.")
    trainer_id: Identifier = Field(description="The trainer who reported it.")
