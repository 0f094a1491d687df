"""Events of a run: written to the outbox in bulk, each cause announced once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import numpy as np

from schemas.envelope import EventPayload
from schemas.events import BottomRanked
from services.common.db import driver_connection
from services.common.unit_of_work import UnitOfWork
from services.scoring.adapters import announcement_repository as announcements
from services.scoring.domain.assessment import POSITION_LEVELS, Assessment
from services.scoring.service_layer.run_context import RunContext
from services.scoring.service_layer.sessions import session_of


async def announce(
    uow: UnitOfWork, events: Sequence[tuple[EventPayload, str, uuid.UUID | None]]
) -> int:
    """Writes (payload, key, event id) events to the outbox in bulk; they go out if the run commits."""
    envelopes = await uow.emit_many(
        [(payload, key) for payload, key, _ in events], [event_id for _, _, event_id in events]
    )
    return len(envelopes)


def _peer_group(context: RunContext, cadre: int) -> tuple[str, str]:
    unit = int(context.inputs.cadres.unit[cadre])
    return context.unit_category(unit), POSITION_LEVELS[context.inputs.cadre_level[cadre]]


async def announce_cadre_results(uow: UnitOfWork, context: RunContext, result: Assessment) -> int:
    """Bottom-ranked cadres, once per cause; the portrait announces weaknesses and profiles."""
    conn = await driver_connection(session_of(uow))
    period = context.period.text
    events: list[tuple[EventPayload, str, uuid.UUID | None]] = []
    bottom = np.flatnonzero(result.bottom_ranked).tolist()
    claimed = await announcements.claim_causes(
        conn, "BottomRanked", period, [(context.cadre_ids[c], "") for c in bottom]
    )
    for c in bottom:
        cadre_id = context.cadre_ids[c]
        event_id = claimed.get((cadre_id, ""))
        if event_id is None:
            continue
        category, level = _peer_group(context, c)
        ranked = BottomRanked(
            cadre_id=cadre_id,
            period=period,
            rank=int(result.cadre_grading.rank[c]),
            peer_group_size=int(result.cadre_grading.group_size[c]),
            total_score=float(result.cadres.total[c]),
            unit_category=category,
            position_level=level,
        )
        events.append((ranked, cadre_id, event_id))

    return await announce(uow, events)
