"""Rows of exemptions and appeals, and the steps they share (subject, who did what, when)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.scoring.domain.cases import Step, Subject

Case = TypeVar("Case")


def subject_values(subject: Subject) -> dict[str, Any]:
    return {
        "subject_kind": subject.kind,
        "subject_id": subject.id,
        "unit_id": subject.unit_id,
        "cadre_id": subject.cadre_id,
    }


def subject_of(row: sa.Row) -> Subject:
    return Subject(unit_id=row.unit_id, cadre_id=row.cadre_id)


def step_values(prefix: str, step: Step | None) -> dict[str, Any]:
    if step is None:
        return {}
    return {f"{prefix}_by": step.by, f"{prefix}_role": step.role, f"{prefix}_at": step.at}


def step_of(row: sa.Row, prefix: str, reason: str | None = None) -> Step | None:
    by = getattr(row, f"{prefix}_by")
    if by is None:
        return None
    return Step(
        by=by, role=getattr(row, f"{prefix}_role"), at=getattr(row, f"{prefix}_at"), reason=reason
    )


def subject_filter(
    table: sa.Table, unit_id: str | None, cadre_id: str | None
) -> list[sa.ColumnElement]:
    """Conditions for one unit's cases (including its cadres') or one cadre's."""
    conditions = []
    if unit_id is not None:
        conditions.append(table.c.unit_id == unit_id)
    if cadre_id is not None:
        conditions.append(table.c.cadre_id == cadre_id)
    return conditions


@dataclass(frozen=True)
class CaseTable(Generic[Case]):
    """Storage of one kind of case: each row is the case as it stands after its latest step."""

    table: sa.Table
    case_of: Callable[[sa.Row], Case]
    values_of: Callable[[Case], dict[str, Any]]
    opened_at: sa.Column

    async def add(self, session: AsyncSession, case: Case) -> None:
        await session.execute(self.table.insert().values(id=case.id, **self.values_of(case)))

    async def update(self, session: AsyncSession, case: Case) -> None:
        await session.execute(
            self.table.update().where(self.table.c.id == case.id).values(**self.values_of(case))
        )

    async def get(
        self, session: AsyncSession, case_id: str, for_update: bool = False
    ) -> Case | None:
        query = sa.select(self.table).where(self.table.c.id == case_id)
        if for_update:
            query = query.with_for_update()
        row = (await session.execute(query)).first()
        return self.case_of(row) if row else None

    async def search(
        self,
        session: AsyncSession,
        period: str | None = None,
        status: str | None = None,
        unit_id: str | None = None,
        cadre_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Case]:
        query = sa.select(self.table).where(*subject_filter(self.table, unit_id, cadre_id))
        if period is not None:
            query = query.where(self.table.c.period == period)
        if status is not None:
            query = query.where(self.table.c.status == status)
        query = query.order_by(self.opened_at.desc(), self.table.c.id).limit(limit).offset(offset)
        return [self.case_of(row) for row in await session.execute(query)]
