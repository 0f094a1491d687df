"""Programmes and cohorts, read for GraphQL."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.development.adapters.programme_repository import cohort_from_row, programme_from_row
from services.development.adapters.tables import cohorts, programmes
from services.development.domain.programmes import Cohort, Programme


async def get_programme(session: AsyncSession, programme_id: str) -> Programme | None:
    query = sa.select(programmes).where(programmes.c.id == programme_id)
    row = (await session.execute(query)).first()
    return programme_from_row(row) if row else None


async def list_programmes(
    session: AsyncSession, kind: str | None = None, capability: str | None = None
) -> list[Programme]:
    query = sa.select(programmes).order_by(programmes.c.priority, programmes.c.id)
    if kind:
        query = query.where(programmes.c.kind == kind)
    if capability:
        query = query.where(programmes.c.capabilities.any(capability))
    return [programme_from_row(row) for row in (await session.execute(query)).all()]


async def get_cohort(session: AsyncSession, cohort_id: str) -> Cohort | None:
    row = (await session.execute(sa.select(cohorts).where(cohorts.c.id == cohort_id))).first()
    return cohort_from_row(row) if row else None


async def list_cohorts(session: AsyncSession, programme_ids: list[str]) -> list[Cohort]:
    query = (
        sa.select(cohorts)
        .where(cohorts.c.programme_id.in_(programme_ids))
        .order_by(cohorts.c.starts_on, cohorts.c.id)
    )
    return [cohort_from_row(row) for row in (await session.execute(query)).all()]
