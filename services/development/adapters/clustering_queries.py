"""Clustering runs and their clusters, read for GraphQL (the fitted model is never read here)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.development.adapters.tables import (
    cluster_projections,
    clustering_runs,
    clusters,
    common_gaps,
)

_RUN_COLUMNS = [c for c in clustering_runs.c if c.name != "model"]


async def list_runs(session: AsyncSession, limit: int) -> list[sa.Row]:
    query = sa.select(*_RUN_COLUMNS).order_by(clustering_runs.c.started_at.desc()).limit(limit)
    return list((await session.execute(query)).all())


async def get_run(session: AsyncSession, run_id: str) -> sa.Row | None:
    return (
        await session.execute(sa.select(*_RUN_COLUMNS).where(clustering_runs.c.id == run_id))
    ).first()


async def run_clusters(session: AsyncSession, run_id: str) -> list[sa.Row]:
    query = (
        sa.select(clusters)
        .where(clusters.c.run_id == run_id)
        .order_by(clusters.c.size.desc(), clusters.c.index)
    )
    return list((await session.execute(query)).all())


async def run_common_gaps(session: AsyncSession, run_id: str) -> list[sa.Row]:
    query = (
        sa.select(common_gaps)
        .where(common_gaps.c.run_id == run_id)
        .order_by(
            common_gaps.c.share.desc(),
            common_gaps.c.below_target.desc(),
            common_gaps.c.capability,
            common_gaps.c.position_level,
        )
    )
    return list((await session.execute(query)).all())


async def run_projection(session: AsyncSession, run_id: str) -> sa.Row | None:
    query = sa.select(cluster_projections).where(cluster_projections.c.run_id == run_id)
    return (await session.execute(query)).first()
