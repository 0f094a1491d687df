"""What the indicator consumer group reads: the topics of the events in EVENT_HANDLERS.

The indicator service consumes no event today (its EVENT_HANDLERS is empty), so it joins no
consumer group; an event type added to that table starts the group here, with no other change.
"""

from __future__ import annotations

from collections.abc import Mapping

from schemas.envelope import EventPayload
from services.common.app import Subscription
from services.indicator.service_layer.handlers import EventHandler


def subscription(handlers: Mapping[type[EventPayload], EventHandler]) -> Subscription | None:
    if not handlers:
        return None
    topics = sorted({event_type.topic for event_type in handlers})
    return Subscription(topics=topics, handlers=dict(handlers))
