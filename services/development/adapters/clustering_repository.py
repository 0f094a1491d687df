"""Clustering runs and their clusters, in PostgreSQL."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.development.adapters.tables import clustering_runs, clusters
from services.development.domain.cluster_report import ClusterSummary

_RUN_COLUMNS = [c for c in clustering_runs.c if c.name != "model"]


async def add_run(
    session: AsyncSession, values: dict[str, Any], summaries: list[ClusterSummary]
) -> None:
    await session.execute(clustering_runs.insert().values(values))
    if summaries:
        await session.execute(
            clusters.insert(),
            [
                {
                    "run_id": values["id"],
                    "index": s.index,
                    "size": s.size,
                    "share": s.share,
                    "level_shares": s.level_shares,
                    "mean_gaps": s.mean_gaps,
                    "defining_capabilities": list(s.defining_capabilities),
                    "recommendation": s.recommendation,
                }
                for s in summaries
            ],
        )


async def list_runs(session: AsyncSession, limit: int) -> list[sa.Row]:
    query = sa.select(*_RUN_COLUMNS).order_by(clustering_runs.c.started_at.desc()).limit(limit)
    return list((await session.execute(query)).all())


async def get_run(session: AsyncSession, run_id: str) -> sa.Row | None:
    return (
        await session.execute(sa.select(*_RUN_COLUMNS).where(clustering_runs.c.id == run_id))
    ).first()


async def run_model(session: AsyncSession, run_id: str) -> sa.Row | None:
    query = sa.select(clustering_runs.c.model, clustering_runs.c.model_location).where(
        clustering_runs.c.id == run_id
    )
    return (await session.execute(query)).first()


async def run_clusters(session: AsyncSession, run_id: str) -> list[sa.Row]:
    query = (
        sa.select(clusters)
        .where(clusters.c.run_id == run_id)
        .order_by(clusters.c.size.desc(), clusters.c.index)
    )
    return list((await session.execute(query)).all())
