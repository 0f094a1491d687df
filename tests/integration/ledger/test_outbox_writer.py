"""One outbox writer for every unit of work: a few events by INSERT, a run's thousands by COPY,
both keeping the event ids a scoring run claimed for its causes beforehand."""

import uuid

import pytest
import sqlalchemy as sa

from schemas.envelope import Envelope
from schemas.events import SupervisoryInterviewRequired
from services.common.unit_of_work import BULK_ROWS
from services.scoring.adapters.tables import outbox


def interview(n: int) -> SupervisoryInterviewRequired:
    return SupervisoryInterviewRequired(
        unit_id=f"U-{n}",
        indicator_code="PR-COMPLETION-RATE",
        period="2025-06",
        actual=40.0,
        planned=50.0,
        shortfall=10.0,
    )


@pytest.mark.parametrize("count", [3, BULK_ROWS, BULK_ROWS * 5 + 1])
async def test_emitted_events_keep_their_claimed_ids_in_the_outbox(scratch_log, count):
    claimed = [uuid.uuid4() if n % 2 == 0 else None for n in range(count)]
    events = [(interview(n), f"U-{n}") for n in range(count)]
    async with scratch_log.unit_of_work() as uow:
        envelopes = await uow.emit_many(events, claimed)
    assert [e.event_id for e, wanted in zip(envelopes, claimed) if wanted] == [
        wanted for wanted in claimed if wanted
    ]
    async with scratch_log.sessions() as session:
        rows = (
            await session.execute(
                sa.select(outbox.c.event_id, outbox.c.key, outbox.c.topic, outbox.c.envelope)
            )
        ).all()
    stored = {row.event_id: row for row in rows}
    assert len(stored) == count
    for (payload, key), envelope in zip(events, envelopes):
        row = stored[envelope.event_id]
        assert (row.key, row.topic) == (key, payload.topic)
        assert Envelope.model_validate(row.envelope) == envelope
