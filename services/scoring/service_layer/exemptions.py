"""Fault-tolerance exemptions: apply, decide, and what a scoring run must leave out.

Each step writes the exemption as it now stands to the ledger in the same unit of work. The
scoring run asks `approved_for` (one unit or cadre) or `approved_in` (a whole period) and removes
the matching deductions, naming the exemption in the score breakdown.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import Principal, Role
from services.common.errors import Conflict, NotFound
from services.scoring.adapters import exemption_repository as repository
from services.scoring.domain.cases import Step, Subject
from services.scoring.domain.exemptions import EvidenceItem, Exemption, ExemptionCategory
from services.scoring.service_layer import log_entries
from services.scoring.service_layer.case_subjects import known_subject

if TYPE_CHECKING:
    from services.scoring.service_layer.unit_of_work import ScoringUnitOfWork

CATEGORY = "exemption_category"


def _step(by: Principal, reason: str | None = None) -> Step:
    return Step(by=by.subject, role=by.role.value, at=datetime.now(UTC), reason=reason)


async def save_category(
    uow: ScoringUnitOfWork, category: ExemptionCategory, by: Principal
) -> ExemptionCategory:
    """Adds or edits one of the published categories; the edit itself is a ledger record."""
    step = _step(by)
    await uow.exemptions.save_category(category, step.by, step.at)
    await uow.log.record(
        CATEGORY,
        category.code,
        {
            "code": category.code,
            "name": category.name,
            "description": category.description,
            "conditions": list(category.conditions),
            "active": category.active,
            "position": category.position,
            "by": step.by,
            "at": step.at,
        },
    )
    return category


async def apply(
    uow: ScoringUnitOfWork,
    subject: Subject,
    period: str,
    category_code: str,
    indicator_code: str,
    reasons: str,
    evidence: Iterable[EvidenceItem],
    by: Principal,
) -> Exemption:
    subject = await known_subject(uow.roster, subject, by)
    category = await uow.exemptions.category(category_code)
    exemption = Exemption.apply(
        id=f"EX-{uuid.uuid4().hex[:16]}",
        subject=subject,
        period=period,
        category=category,
        category_code=category_code,
        indicator_code=indicator_code,
        reasons=reasons,
        evidence=evidence,
        applied=_step(by),
    )
    existing = await uow.exemptions.open_for(
        subject.kind, subject.id, period, exemption.indicator_code
    )
    if existing is not None:
        raise Conflict(
            f"exemption {existing.id} for {subject.kind} {subject.id}, {exemption.indicator_code} in {period} "
            f"is already {existing.status}"
        )
    await uow.exemptions.add(exemption)
    await uow.log.record(log_entries.EXEMPTION, exemption.id, exemption.as_record())
    return exemption


async def decide(
    uow: ScoringUnitOfWork, exemption_id: str, approve: bool, reason: str, by: Principal
) -> Exemption:
    by.require_role(Role.ASSESSOR, Role.ADMIN)
    exemption = await uow.exemptions.get(exemption_id, for_update=True)
    if exemption is None:
        raise NotFound(f"no exemption {exemption_id!r}")
    decided = exemption.decide(approve, _step(by, reason))
    await uow.exemptions.update(decided)
    await uow.log.record(log_entries.EXEMPTION, decided.id, decided.as_record())
    return decided


async def approved_for(
    session: AsyncSession, period: str, *, unit_id: str | None = None, cadre_id: str | None = None
) -> list[Exemption]:
    """The approved exemptions a scoring run of `period` applies to one unit or one cadre."""
    return await repository.approved_covering(
        session, period, Subject(unit_id=None if cadre_id else unit_id, cadre_id=cadre_id)
    )


async def approved_in(session: AsyncSession, period: str) -> list[Exemption]:
    """Every approved exemption a scoring run of `period` applies (all units and cadres)."""
    return await repository.approved_covering(session, period)
