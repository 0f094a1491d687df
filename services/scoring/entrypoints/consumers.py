"""What the scoring consumer group reads; the handler of each event type comes from EVENT_HANDLERS.

The consumer runner hands each handler the unit of work of its batch; handlers get the scoring
view of it (the same transaction, with scoring's repositories).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from schemas import topics
from schemas.envelope import Envelope, EventPayload
from services.common.app import Subscription
from services.common.consumer import BatchHandler, Handler
from services.common.roster import RosterHandlers
from services.common.unit_of_work import UnitOfWork
from services.scoring.adapters.tables import metadata
from services.scoring.service_layer.handlers import (
    BATCH_EVENT_HANDLERS,
    EVENT_HANDLERS,
    BatchEventHandler,
    EventHandler,
)
from services.scoring.service_layer.unit_of_work import SqlScoringUnitOfWork
from services.scoring.settings import ScoringSettings, get_scoring_settings

# scoring.results carries scoring's own RescoringRequested; its other events are not for scoring.
# Of development's enrolment events scoring takes only trainers' results (portrait evidence).
TOPICS = [
    topics.UNITS,
    topics.INDICATOR_LISTS,
    topics.OBSERVATION_FEED,
    topics.SCORING_RESULTS,
    topics.ENROLMENTS,
]


def _in_scoring_unit_of_work(handler: EventHandler) -> Handler:
    async def handle(uow: UnitOfWork, event: Any, envelope: Envelope) -> None:
        await handler(SqlScoringUnitOfWork.within(uow), event, envelope)

    return handle


def _batch_in_scoring_unit_of_work(handler: BatchEventHandler) -> BatchHandler:
    async def handle(uow: UnitOfWork, events: list[tuple[Any, Envelope]]) -> dict[uuid.UUID, str]:
        return await handler(SqlScoringUnitOfWork.within(uow), events)

    return handle


def subscription(
    settings: ScoringSettings | None = None,
    handlers: Mapping[type[EventPayload], EventHandler] = EVENT_HANDLERS,
) -> Subscription:
    settings = settings or get_scoring_settings()
    return Subscription(
        topics=list(TOPICS),
        handlers={event: _in_scoring_unit_of_work(h) for event, h in handlers.items()},
        batch_handlers={
            **RosterHandlers(metadata).batch_handlers(),
            **{
                event: _batch_in_scoring_unit_of_work(h)
                for event, h in BATCH_EVENT_HANDLERS.items()
            },
        },
        batch_size=settings.scoring_feed_batch_size,
    )
