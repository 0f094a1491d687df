"""The scoring service's handlers of events: `EVENT_HANDLERS` is the one table of which handler
takes each consumed event type (entrypoints/consumers.py wires it to the consumer runner).

Per-message handlers take (unit of work, payload, envelope); the batch handlers take all new
events of their type in a consumed batch at once (the feed: one COPY for thousands of values).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from schemas.envelope import Envelope, EventPayload
from schemas.events import (
    IndicatorListPublished,
    ObservationReported,
    RescoringRequested,
    TrainingResultRecorded,
)
from services.common.errors import ClientError
from services.scoring.service_layer.individual_evidence import training_result_recorded
from services.scoring.service_layer.lists import list_published
from services.scoring.service_layer.observations import ingest_feed
from services.scoring.service_layer.unit_of_work import ScoringUnitOfWork

log = logging.getLogger(__name__)

EventHandler = Callable[[Any, Any, Envelope], Awaitable[Any]]
# A batch handler returns the reasons of the events it refused, by event id.
BatchEventHandler = Callable[[Any, list[tuple[Any, Envelope]]], Awaitable[dict[uuid.UUID, str]]]


def still_pending(request_id: int, pending_ids: set[int]) -> bool:
    """Whether a requested re-scoring is still to be done (a later run may have done it already)."""
    return request_id in pending_ids


async def rescoring_requested(
    uow: ScoringUnitOfWork, event: RescoringRequested, envelope: Envelope
) -> bool:
    """Scores the event's period again; the run completes the request. Returns whether it ran.

    When the period cannot be scored as things stand (no list in force, or it is locked and the
    parties have not authorised a new run) the request stays pending for the next run: the run
    changes nothing, the reason is logged, and the event counts as handled.
    """
    if not still_pending(event.request_id, await uow.appeals.pending_rescoring_ids(event.period)):
        return False
    try:
        await uow.runs.rescore(event.period, f"{event.cause} {event.cause_id}")
    except ClientError as refused:
        log.info(
            "re-scoring stays pending",
            extra={"request": event.request_id, "reason": str(refused)},
        )
        return False
    return True


EVENT_HANDLERS: Mapping[type[EventPayload], EventHandler] = {
    IndicatorListPublished: list_published,
    RescoringRequested: rescoring_requested,
    TrainingResultRecorded: training_result_recorded,
}
BATCH_EVENT_HANDLERS: Mapping[type[EventPayload], BatchEventHandler] = {
    ObservationReported: ingest_feed,
}
