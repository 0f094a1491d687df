"""Rows of exemptions and appeals, and the steps they share (subject, who did what, when)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from services.scoring.domain.ledger.workflow import Step, Subject


def subject_values(subject: Subject) -> dict[str, Any]:
    return {"subject_kind": subject.kind, "subject_id": subject.id, "unit_id": subject.unit_id,
            "cadre_id": subject.cadre_id}


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
    return Step(by=by, role=getattr(row, f"{prefix}_role"), at=getattr(row, f"{prefix}_at"), reason=reason)


def subject_filter(table: sa.Table, unit_id: str | None, cadre_id: str | None) -> list[sa.ColumnElement]:
    """Conditions for one unit's cases (including its cadres') or one cadre's."""
    conditions = []
    if unit_id is not None:
        conditions.append(table.c.unit_id == unit_id)
    if cadre_id is not None:
        conditions.append(table.c.cadre_id == cadre_id)
    return conditions
