"""Re-scoring asked for by upheld appeals: pending until a scoring run of the period is done."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.unit_of_work import UnitOfWork
from services.scoring import ledger
from services.scoring.adapters import appeal_repository as repository
from services.scoring.service_layer import log_entries
from services.scoring.service_layer.sessions import session_of


async def pending(session: AsyncSession, period: str | None = None) -> list[sa.Row[Any]]:
    """Re-scoring not yet done (subject, period, cause)."""
    return await repository.pending_rescoring(session, period)


async def complete_for_period(uow: UnitOfWork, period: str, run_id: int | str) -> int:
    """Called by a scoring run of `period` in its unit of work: its pending requests are done by it."""
    requests = await repository.pending_rescoring(session_of(uow), period)
    if not requests:
        return 0
    at = datetime.now(UTC)
    done = await repository.complete_rescoring(
        session_of(uow), [row.id for row in requests], str(run_id), at
    )
    await ledger.record_many(
        uow,
        [
            ledger.Entry(
                log_entries.RESCORING,
                f"RS-{row.id}",
                {
                    "event": "completed",
                    "request_id": row.id,
                    "cause": row.cause,
                    "cause_id": row.cause_id,
                    "period": row.period,
                    "run_id": str(run_id),
                    "at": at,
                },
            )
            for row in done
        ],
    )
    return len(done)
