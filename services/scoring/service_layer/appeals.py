"""Appeals: submit, review, decide; an upheld appeal asks for the result to be scored again.

Every step is a ledger leaf holding the appeal as it stands after the step. An upheld decision
queues a re-scoring request in the same unit of work and then starts a scoring run of the period;
any run of the period completes the pending requests (a leaf as well).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import Principal, Role
from services.common.errors import ClientError, Conflict, NotFound
from services.common.unit_of_work import UnitOfWork
from services.scoring import ledger
from services.scoring.adapters import appeal_repository as repository
from services.scoring.domain.appeals import Appeal, AppealCounts
from services.scoring.domain.cases import Step, Subject, period_problem, require
from services.scoring.service_layer import log_entries
from services.scoring.service_layer.case_subjects import known_subject
from services.scoring.service_layer.scoring import run_scoring

log = logging.getLogger(__name__)


def _step(by: Principal, reason: str | None = None) -> Step:
    return Step(by=by.subject, role=by.role.value, at=datetime.now(UTC), reason=reason)


async def submit(
    uow: UnitOfWork,
    subject: Subject,
    period: str,
    reasons: str,
    by: Principal,
    indicator_code: str | None = None,
) -> Appeal:
    subject = await known_subject(uow.session, subject, by)
    appeal = Appeal.submit(
        id=f"AP-{uuid.uuid4().hex[:16]}",
        subject=subject,
        period=period,
        reasons=reasons,
        submitted=_step(by),
        indicator_code=indicator_code,
    )
    existing = await repository.open_for(uow.session, appeal)
    if existing is not None:
        raise Conflict(f"appeal {existing.id} against the same result is still {existing.status}")
    await repository.add(uow.session, appeal)
    await ledger.record(uow, log_entries.APPEAL, appeal.id, appeal.as_record())
    return appeal


async def _open(uow: UnitOfWork, appeal_id: str, by: Principal) -> Appeal:
    by.require_role(Role.ASSESSOR, Role.ADMIN)
    appeal = await repository.get(uow.session, appeal_id, for_update=True)
    if appeal is None:
        raise NotFound(f"no appeal {appeal_id!r}")
    return appeal


async def start_review(uow: UnitOfWork, appeal_id: str, by: Principal) -> Appeal:
    reviewed = (await _open(uow, appeal_id, by)).start_review(_step(by))
    await repository.update(uow.session, reviewed)
    await ledger.record(uow, log_entries.APPEAL, reviewed.id, reviewed.as_record())
    return reviewed


async def decide(
    uow: UnitOfWork, appeal_id: str, upheld: bool, reason: str, by: Principal
) -> Appeal:
    decided = (await _open(uow, appeal_id, by)).decide(upheld, _step(by, reason))
    await repository.update(uow.session, decided)
    await ledger.record(uow, log_entries.APPEAL, decided.id, decided.as_record())
    if decided.upheld:
        request_id = await repository.request_rescoring(uow.session, decided, decided.decision.at)
        await ledger.record(
            uow,
            log_entries.RESCORING,
            f"RS-{request_id}",
            {
                "event": "requested",
                "request_id": request_id,
                "cause": "appeal",
                "cause_id": decided.id,
                "subject": decided.subject.as_record(),
                "period": decided.period,
                "at": decided.decision.at,
            },
        )
    return decided


async def counts(session: AsyncSession, period: str) -> AppealCounts:
    require(period_problem(period))
    return AppealCounts(
        period=period,
        by_status=await repository.counts_by_status(session, period),
        assessed=await repository.assessed_count(session),
    )


async def rescore_after_upheld(
    unit_of_work: Callable[[], UnitOfWork], appeal: Appeal
) -> int | None:
    """Scores the appeal's period again in a unit of work of its own (after the decision committed).

    The run completes the appeal's re-scoring request. When the period cannot be scored as things
    stand (no list in force, or it is locked and the parties have not authorised a new run), the
    request stays pending for the next run, and the reason is logged.
    """
    try:
        async with unit_of_work() as uow:
            summary = await run_scoring(uow, appeal.period, f"appeal {appeal.id}")
    except ClientError as refused:
        log.info(
            "re-scoring after appeal stays pending",
            extra={"appeal": appeal.id, "reason": str(refused)},
        )
        return None
    except Exception:
        log.exception(
            "re-scoring after appeal failed; the request stays pending", extra={"appeal": appeal.id}
        )
        return None
    return summary.run_id
