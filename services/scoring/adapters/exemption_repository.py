"""Exemption categories (configurable data) and exemptions."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.scoring.adapters.case_repository import (
    CaseTable,
    step_of,
    step_values,
    subject_of,
    subject_values,
)
from services.scoring.adapters.tables import exemption_categories, exemptions
from services.scoring.domain.cases import Subject, covers, enclosing
from services.scoring.domain.exemptions import (
    APPROVED,
    EvidenceItem,
    Exemption,
    ExemptionCategory,
)


def _category(row: sa.Row) -> ExemptionCategory:
    return ExemptionCategory(
        code=row.code,
        name=row.name,
        description=row.description,
        conditions=tuple(row.conditions),
        active=row.active,
        position=row.position,
    )


async def categories(
    session: AsyncSession, include_inactive: bool = False
) -> list[ExemptionCategory]:
    query = sa.select(exemption_categories).order_by(
        exemption_categories.c.position, exemption_categories.c.code
    )
    if not include_inactive:
        query = query.where(exemption_categories.c.active)
    return [_category(row) for row in await session.execute(query)]


async def category(session: AsyncSession, code: str) -> ExemptionCategory | None:
    row = (
        await session.execute(
            sa.select(exemption_categories).where(exemption_categories.c.code == code)
        )
    ).first()
    return _category(row) if row else None


async def save_category(
    session: AsyncSession, saved: ExemptionCategory, updated_by: str, at: datetime
) -> None:
    values = {
        "name": saved.name,
        "description": saved.description,
        "conditions": list(saved.conditions),
        "active": saved.active,
        "position": saved.position,
        "updated_by": updated_by,
        "updated_at": at,
    }
    statement = insert(exemption_categories).values(code=saved.code, **values)
    await session.execute(statement.on_conflict_do_update(index_elements=["code"], set_=values))


def _exemption(row: sa.Row) -> Exemption:
    return Exemption(
        id=row.id,
        subject=subject_of(row),
        period=row.period,
        category_code=row.category_code,
        indicator_code=row.indicator_code,
        reasons=row.reasons,
        evidence=tuple(
            EvidenceItem(name=item["name"], sha256=item["sha256"]) for item in row.evidence
        ),
        applied=step_of(row, "applied"),
        status=row.status,
        decision=step_of(row, "decided", row.decision_reason),
    )


def _values(exemption: Exemption) -> dict:
    return {
        **subject_values(exemption.subject),
        "period": exemption.period,
        "category_code": exemption.category_code,
        "indicator_code": exemption.indicator_code,
        "reasons": exemption.reasons,
        "status": exemption.status,
        "evidence": [{"name": item.name, "sha256": item.sha256} for item in exemption.evidence],
        **step_values("applied", exemption.applied),
        **step_values("decided", exemption.decision),
        "decision_reason": exemption.decision.reason if exemption.decision else None,
    }


CASES = CaseTable(exemptions, _exemption, _values, exemptions.c.applied_at)
add, update, get, search = CASES.add, CASES.update, CASES.get, CASES.search


async def open_for(
    session: AsyncSession, subject_kind: str, subject_id: str, period: str, indicator_code: str
) -> Exemption | None:
    """The submitted or approved exemption of the same deduction, if any."""
    query = sa.select(exemptions).where(
        exemptions.c.subject_kind == subject_kind,
        exemptions.c.subject_id == subject_id,
        exemptions.c.period == period,
        exemptions.c.indicator_code == indicator_code,
        exemptions.c.status.in_(("submitted", APPROVED)),
    )
    row = (await session.execute(query)).first()
    return _exemption(row) if row else None


async def approved_covering(
    session: AsyncSession, period: str, subject: Subject | None = None
) -> list[Exemption]:
    """Approved exemptions that apply to a scoring run of `period` (a year's also cover its parts)."""
    query = sa.select(exemptions).where(
        exemptions.c.status == APPROVED, exemptions.c.period.in_(enclosing(period))
    )
    if subject is not None:
        query = query.where(
            exemptions.c.subject_kind == subject.kind, exemptions.c.subject_id == subject.id
        )
    query = query.order_by(
        exemptions.c.subject_kind, exemptions.c.subject_id, exemptions.c.indicator_code
    )
    return [e for e in map(_exemption, await session.execute(query)) if covers(e.period, period)]


class SqlExemptionRepository:
    """The exemptions and categories of one unit of work's session."""

    def __init__(self, session: AsyncSession):
        self._session = session

    async def category(self, code: str) -> ExemptionCategory | None:
        return await category(self._session, code)

    async def save_category(self, category: ExemptionCategory, by: str, at: datetime) -> None:
        await save_category(self._session, category, by, at)

    async def get(self, exemption_id: str, for_update: bool = False) -> Exemption | None:
        return await get(self._session, exemption_id, for_update)

    async def add(self, exemption: Exemption) -> None:
        await add(self._session, exemption)

    async def update(self, exemption: Exemption) -> None:
        await update(self._session, exemption)

    async def open_for(
        self, subject_kind: str, subject_id: str, period: str, indicator_code: str
    ) -> Exemption | None:
        return await open_for(self._session, subject_kind, subject_id, period, indicator_code)
