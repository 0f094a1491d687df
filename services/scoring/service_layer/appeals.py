"""Appeals: submit, review, decide; an upheld appeal asks for the result to be scored again.

Every step is a ledger leaf holding the appeal as it stands after the step. An upheld decision
queues a re-scoring request and emits `RescoringRequested` in the same unit of work; scoring's own
consumer takes the event and runs the period again (service_layer/handlers.py), so the re-scoring
is not lost when the process stops after the decision. Any run of the period completes the pending
requests (a leaf as well).
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from schemas.events import RescoringRequested
from services.common.auth import Principal, Role
from services.common.errors import Conflict, NotFound
from services.scoring.domain.appeals import Appeal, AppealCounts
from services.scoring.domain.cases import Step, Subject, period_problem, require
from services.scoring.service_layer import log_entries
from services.scoring.service_layer.case_subjects import known_subject

if TYPE_CHECKING:
    from services.scoring.service_layer.unit_of_work import AppealRepository, ScoringUnitOfWork

log = logging.getLogger(__name__)


def _step(by: Principal, reason: str | None = None) -> Step:
    return Step(by=by.subject, role=by.role.value, at=datetime.now(UTC), reason=reason)


async def submit(
    uow: ScoringUnitOfWork,
    subject: Subject,
    period: str,
    reasons: str,
    by: Principal,
    indicator_code: str | None = None,
) -> Appeal:
    subject = await known_subject(uow.roster, subject, by)
    appeal = Appeal.submit(
        id=f"AP-{uuid.uuid4().hex[:16]}",
        subject=subject,
        period=period,
        reasons=reasons,
        submitted=_step(by),
        indicator_code=indicator_code,
    )
    existing = await uow.appeals.open_for(appeal)
    if existing is not None:
        raise Conflict(f"appeal {existing.id} against the same result is still {existing.status}")
    await uow.appeals.add(appeal)
    await uow.log.record(log_entries.APPEAL, appeal.id, appeal.as_record())
    return appeal


async def _open(uow: ScoringUnitOfWork, appeal_id: str, by: Principal) -> Appeal:
    by.require_role(Role.ASSESSOR, Role.ADMIN)
    appeal = await uow.appeals.get(appeal_id, for_update=True)
    if appeal is None:
        raise NotFound(f"no appeal {appeal_id!r}")
    return appeal


async def start_review(uow: ScoringUnitOfWork, appeal_id: str, by: Principal) -> Appeal:
    reviewed = (await _open(uow, appeal_id, by)).start_review(_step(by))
    await uow.appeals.update(reviewed)
    await uow.log.record(log_entries.APPEAL, reviewed.id, reviewed.as_record())
    return reviewed


async def decide(
    uow: ScoringUnitOfWork, appeal_id: str, upheld: bool, reason: str, by: Principal
) -> Appeal:
    decided = (await _open(uow, appeal_id, by)).decide(upheld, _step(by, reason))
    await uow.appeals.update(decided)
    await uow.log.record(log_entries.APPEAL, decided.id, decided.as_record())
    if decided.upheld:
        assert decided.decision is not None  # a decided appeal carries its decision
        request_id = await uow.appeals.request_rescoring(decided, decided.decision.at)
        await uow.log.record(
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
        await uow.emit(
            RescoringRequested(
                request_id=request_id,
                cause="appeal",
                cause_id=decided.id,
                period=decided.period,
                unit_id=decided.subject.unit_id,
                cadre_id=decided.subject.cadre_id,
            ),
            key=decided.subject.cadre_id or decided.subject.unit_id or decided.id,
        )
    return decided


async def counts(appeals: AppealRepository, period: str) -> AppealCounts:
    require(period_problem(period))
    return AppealCounts(
        period=period,
        by_status=await appeals.counts_by_status(period),
        assessed=await appeals.assessed_count(),
    )
