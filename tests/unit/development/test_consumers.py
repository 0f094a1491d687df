"""The consumer group reads what development reacts to, each event type through its handler."""

from __future__ import annotations

from schemas import topics
from schemas.events import (
    BottomRanked,
    CadreRegistered,
    CapabilityProfileComputed,
    EnrolmentCompleted,
    UnitRegistered,
    WeaknessCleared,
    WeaknessFlagged,
)
from services.development.bootstrap import service_spec
from services.development.service_layer.handlers import EVENT_HANDLERS


def test_every_handled_event_type_is_wired_once_and_read_from_its_topic():
    subscription = service_spec().subscription
    assert set(subscription.handlers) == {
        CapabilityProfileComputed,
        EnrolmentCompleted,
        WeaknessCleared,
    }
    assert set(subscription.batch_handlers) == {
        UnitRegistered,
        CadreRegistered,
        WeaknessFlagged,
        BottomRanked,
    }
    assert set(EVENT_HANDLERS) <= set(subscription.handlers) | set(subscription.batch_handlers)
    for event_type in (*subscription.handlers, *subscription.batch_handlers):
        assert event_type.topic in subscription.topics
    assert topics.COMPLETIONS in subscription.topics
