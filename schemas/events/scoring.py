"""Events published (or, for the feed, consumed) by the scoring service."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas import topics
from schemas.envelope import EventPayload
from schemas.events.common import Capability, Identifier, Period, PositionLevel, Score

Confidence = Annotated[float, Field(ge=0, le=1)]


class ObservationReported(EventPayload):
    """A government data system reports an automatic-feed indicator's value."""

    topic = topics.OBSERVATION_FEED

    unit_id: Identifier
    indicator_code: Identifier
    period: Period
    value: float
    unit_of_measure: str
    source_system: str = Field(min_length=1)
    reported_at: datetime


class CapabilityProfileComputed(EventPayload):
    """A cadre's capability scores for a period (0-100 each); development builds gap vectors from it."""

    topic = topics.SCORING_RESULTS

    cadre_id: Identifier
    period: Period
    unit_id: Identifier
    unit_category: str
    position_level: PositionLevel
    scores: dict[Capability, Score]
    targets: dict[Capability, Score] = Field(
        default_factory=dict,
        description="The competency model's target level per capability for the cadre's position "
        "level; the gap to target is `targets[c] - scores[c]`.",
    )
    confidence: dict[Capability, Confidence] = Field(
        default_factory=dict,
        description="How far the evidence behind each score can be trusted, 0 to 1 (see "
        "docs/scoring.md, the portrait).",
    )
    evidence_counts: dict[Capability, int] = Field(
        default_factory=dict, description="How many records made each score."
    )


class SupervisoryInterviewRequired(EventPayload):
    """An indicator is behind its target trajectory: the unit's leaders are to be interviewed."""

    topic = topics.SCORING_RESULTS

    unit_id: Identifier
    indicator_code: Identifier
    period: Period
    actual: float
    planned: float
    shortfall: float


class ReportOverdue(EventPayload):
    """A month's data of a unit have not been reported by the deadline (day N of the following month,
    the setting reportDeadlineDay). The data owner is the unit itself for what it reports, or the
    government system that feeds the indicators; one event per unit, owner and month."""

    topic = topics.SCORING_RESULTS

    unit_id: Identifier
    period: Period
    deadline: date
    data_owner: str = Field(min_length=1)
    owner_kind: Literal["unit", "source_system"]
    indicator_codes: tuple[Identifier, ...] = Field(min_length=1)
    mandatory_codes: tuple[Identifier, ...] = Field(
        default=(),
        description="The red lines and vetoes among them: left unreported they fail as missing data.",
    )


class AnomalyDetected(EventPayload):
    topic = topics.SCORING_RESULTS

    unit_id: Identifier
    period: Period
    kind: Literal["contradiction", "outlier"]
    rule: str
    indicator_codes: tuple[Identifier, ...]
    detail: str
    score: float | None = None


class WeaknessEvidence(BaseModel):
    """One source's part in a weak capability: a portfolio item (unit and indicator), or a
    source's records as a whole (daily records, 360 answers by rater group, training, term)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    indicator_code: Identifier | None = None
    unit_id: Identifier | None = None
    score: float
    observation_revision: int | None = None
    source: Literal["portfolio", "daily", "evaluation", "training", "term"] = "portfolio"
    records: int = Field(default=1, ge=0, description="How many records the score stands for.")
    references: tuple[str, ...] = Field(
        default=(),
        description="The records behind it (e.g. daily/17, enrolment/E-3); 360 answers name only "
        "their rater groups, never a rater.",
    )


class WeaknessFlagged(EventPayload):
    """A cadre's capability is below threshold, or in the bottom share of the peer group."""

    topic = topics.WEAKNESSES

    cadre_id: Identifier
    capability: Capability
    severity: Literal["low", "medium", "high"]
    period: Period
    score: Score
    threshold: float
    peer_percentile: float = Field(ge=0, le=100)
    unit_category: str
    position_level: PositionLevel
    evidence: tuple[WeaknessEvidence, ...] = ()


class WeaknessCleared(EventPayload):
    """A weakness flagged earlier no longer holds for the period: later evidence, a corrected record
    or a changed threshold removed it. Development cancels a placement that has not started; an
    enrolment already under way stays, with a note."""

    topic = topics.WEAKNESSES

    cadre_id: Identifier
    capability: Capability
    period: Period
    reason: Literal["new_evidence", "record_corrected", "threshold_changed"]
    score: Score | None = None
    target: Score | None = None
    confidence: float | None = Field(default=None, ge=0, le=1)


class BottomRanked(EventPayload):
    """A cadre is among the lowest-ranked of the peer group for the period."""

    topic = topics.WEAKNESSES

    cadre_id: Identifier
    period: Period
    rank: int = Field(ge=1)
    peer_group_size: int = Field(ge=1)
    total_score: float
    unit_category: str
    position_level: PositionLevel


class CheckpointSigned(EventPayload):
    """A signed checkpoint of the evidence ledger, for copies held outside the database."""

    topic = topics.LEDGER_CHECKPOINTS

    tree_size: int = Field(ge=0)
    root_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    signature: str
    key_id: str
    signed_at: datetime


class RescoringRequested(EventPayload):
    """An upheld appeal asks for its period to be scored again; scoring itself consumes this, so
    the re-scoring outlives the request that decided the appeal (it was committed with it)."""

    topic = topics.SCORING_RESULTS

    request_id: int = Field(ge=1)
    cause: Literal["appeal"]
    cause_id: Identifier
    period: Period
    unit_id: Identifier | None = None
    cadre_id: Identifier | None = None
