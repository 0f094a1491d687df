"""Evidence files enter the ledger by their SHA-256: the file stays where it is kept, and any
later copy can be checked against the hash recorded when it was submitted."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from services.common.auth import Principal
from services.scoring import ledger
from services.scoring.domain.cases import Subject, period_problem, require
from services.scoring.domain.exemptions import EvidenceItem
from services.scoring.service_layer import log_entries
from services.scoring.service_layer.case_subjects import known_subject

if TYPE_CHECKING:
    from services.scoring.service_layer.unit_of_work import ScoringUnitOfWork


async def record_evidence(
    uow: ScoringUnitOfWork,
    subject: Subject,
    period: str,
    item: EvidenceItem,
    indicator_code: str | None,
    by: Principal,
) -> ledger.LeafRef:
    require(period_problem(period), item.problem(0))
    subject = await known_subject(uow.roster, subject, by)
    return await uow.log.record(
        log_entries.EVIDENCE,
        item.sha256,
        {
            "name": item.name.strip(),
            "sha256": item.sha256,
            "subject": subject.as_record(),
            "period": period,
            "indicator_code": indicator_code,
            "by": by.subject,
            "role": by.role.value,
            "at": datetime.now(UTC),
        },
    )
