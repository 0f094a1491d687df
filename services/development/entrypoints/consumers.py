"""The development consumer group: what it reads and which handler takes each event."""

from schemas import topics
from schemas.events import (
    BottomRanked,
    CapabilityProfileComputed,
    EnrolmentCompleted,
    WeaknessFlagged,
)
from services.common.app import Subscription
from services.common.roster import RosterHandlers
from services.development.adapters.tables import metadata
from services.development.service_layer.enrolment_commands import enrolment_completed
from services.development.service_layer.placement_handlers import findings_reported
from services.development.service_layer.profile_handlers import capability_profile_computed


def subscription() -> Subscription:
    return Subscription(
        topics=[topics.UNITS, topics.WEAKNESSES, topics.SCORING_RESULTS, topics.COMPLETIONS],
        handlers={
            CapabilityProfileComputed: capability_profile_computed,
            EnrolmentCompleted: enrolment_completed,
        },
        # Findings come in bursts when scoring runs: each consumed batch of them is placed at once.
        batch_handlers={
            **RosterHandlers(metadata).batch_handlers(),
            WeaknessFlagged: findings_reported,
            BottomRanked: findings_reported,
        },
    )
