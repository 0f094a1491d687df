"""One pydantic model per event. Importing this package registers them all."""

from schemas.events.development import (
    EnrolmentCancelled,
    EnrolmentCompleted,
    EnrolmentCreated,
    EnrolmentWaitlisted,
    ReturnToPostApproved,
    ReturnToPostDenied,
    TrainingResultRecorded,
)
from schemas.events.indicator import CadreRegistered, IndicatorListPublished, UnitRegistered
from schemas.events.scoring import (
    AnomalyDetected,
    BottomRanked,
    CapabilityProfileComputed,
    CheckpointSigned,
    ObservationReported,
    ReportOverdue,
    RescoringRequested,
    SupervisoryInterviewRequired,
    WeaknessCleared,
    WeaknessFlagged,
)

__all__ = [
    "AnomalyDetected",
    "BottomRanked",
    "CadreRegistered",
    "CapabilityProfileComputed",
    "CheckpointSigned",
    "EnrolmentCancelled",
    "EnrolmentCompleted",
    "EnrolmentCreated",
    "EnrolmentWaitlisted",
    "IndicatorListPublished",
    "ObservationReported",
    "ReportOverdue",
    "RescoringRequested",
    "ReturnToPostApproved",
    "ReturnToPostDenied",
    "SupervisoryInterviewRequired",
    "TrainingResultRecorded",
    "UnitRegistered",
    "WeaknessCleared",
    "WeaknessFlagged",
]
