"""The development consumer group: the topics it reads, wired to the service's handler table."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from schemas import topics
from schemas.envelope import Envelope
from services.common.app import Subscription
from services.common.consumer import BatchHandler, Handler
from services.common.roster import RosterHandlers
from services.common.unit_of_work import UnitOfWork
from services.development.adapters.tables import metadata
from services.development.service_layer.handlers import Batched, EventHandler
from services.development.service_layer.unit_of_work import DevelopmentUnitOfWork

TOPICS = [topics.UNITS, topics.WEAKNESSES, topics.SCORING_RESULTS, topics.COMPLETIONS]


def _each(handler: EventHandler, joining: Callable[[UnitOfWork], DevelopmentUnitOfWork]) -> Handler:
    async def handle(uow: UnitOfWork, event: Any, envelope: Envelope) -> None:
        await handler(joining(uow), event)

    return handle


def _batched(
    handler: Batched, joining: Callable[[UnitOfWork], DevelopmentUnitOfWork]
) -> BatchHandler:
    async def handle(uow: UnitOfWork, items: list[tuple[Any, Envelope]]) -> dict[uuid.UUID, str]:
        await handler.handle(joining(uow), [event for event, _ in items])
        return {}

    return handle


def subscription(
    handlers: Mapping[type, EventHandler | Batched],
    joining: Callable[[UnitOfWork], DevelopmentUnitOfWork],
) -> Subscription:
    """Each handler runs in the consumer's transaction for its batch, through the service's unit of work."""
    return Subscription(
        topics=TOPICS,
        handlers={
            event_type: _each(handler, joining)
            for event_type, handler in handlers.items()
            if not isinstance(handler, Batched)
        },
        batch_handlers={
            **RosterHandlers(metadata).batch_handlers(),
            **{
                event_type: _batched(handler, joining)
                for event_type, handler in handlers.items()
                if isinstance(handler, Batched)
            },
        },
    )
