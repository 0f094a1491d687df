"""Kafka topic names: the only place they are spelled out.

Names are `<owner>.<subject>.v<major>`; a breaking change to a payload gets a new topic.
"""

from __future__ import annotations

# Published by the indicator service.
UNITS = "indicator.units.v1"  # UnitRegistered, CadreRegistered
INDICATOR_LISTS = "indicator.lists.v1"  # IndicatorListPublished

# Government data systems publish automatic-feed observations here; scoring consumes.
OBSERVATION_FEED = "scoring.observation-feed.v1"  # ObservationReported

# Published by the scoring service.
# CapabilityProfileComputed, SupervisoryInterviewRequired, AnomalyDetected, ReportOverdue
SCORING_RESULTS = "scoring.results.v1"
WEAKNESSES = "scoring.weaknesses.v1"  # WeaknessFlagged, WeaknessCleared, BottomRanked
LEDGER_CHECKPOINTS = "scoring.ledger-checkpoints.v1"  # CheckpointSigned

# Published by the development service for trainers.
ENROLMENTS = "development.enrolments.v1"  # EnrolmentCreated, EnrolmentWaitlisted, EnrolmentCancelled, ReturnToPost*, TrainingResultRecorded
# Trainers report back here; development consumes.
COMPLETIONS = "development.completions.v1"  # EnrolmentCompleted

# Consumer groups: one per service.
GROUP_INDICATOR = "indicator"
GROUP_SCORING = "scoring"
GROUP_DEVELOPMENT = "development"
CONSUMER_GROUPS = (GROUP_INDICATOR, GROUP_SCORING, GROUP_DEVELOPMENT)


def dead_letter_topic(group: str) -> str:
    """Where a consumer group parks messages it could not handle."""
    return f"{group}.dead-letters.v1"


EVENT_TOPICS = (
    UNITS,
    INDICATOR_LISTS,
    OBSERVATION_FEED,
    SCORING_RESULTS,
    WEAKNESSES,
    LEDGER_CHECKPOINTS,
    ENROLMENTS,
    COMPLETIONS,
)
DEAD_LETTER_TOPICS = tuple(dead_letter_topic(g) for g in CONSUMER_GROUPS)
ALL_TOPICS = EVENT_TOPICS + DEAD_LETTER_TOPICS

# Partitions per topic on a local single broker; production sets its own in deploy/k8s.
LOCAL_PARTITIONS = 6
