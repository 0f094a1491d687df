"""What the scoring consumer group reads and which handler takes each event."""

from __future__ import annotations

from schemas import topics
from schemas.events import IndicatorListPublished, ObservationReported
from services.common.app import Subscription
from services.common.roster import RosterHandlers
from services.scoring.adapters.tables import metadata
from services.scoring.service_layer.lists import list_published
from services.scoring.service_layer.observations import ingest_feed

# The feed is the high-volume topic: bigger batches mean fewer round trips per observation.
FEED_BATCH_SIZE = 5000


def subscription() -> Subscription:
    return Subscription(
        topics=[topics.UNITS, topics.INDICATOR_LISTS, topics.OBSERVATION_FEED],
        handlers={IndicatorListPublished: list_published},
        batch_handlers={
            **RosterHandlers(metadata).batch_handlers(),
            ObservationReported: ingest_feed,
        },
        batch_size=FEED_BATCH_SIZE,
    )
