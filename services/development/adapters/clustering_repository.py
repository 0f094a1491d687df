"""Clustering runs and their clusters, recorded in PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.development.adapters.tables import (
    cluster_projections,
    clustering_runs,
    clusters,
    common_gaps,
)
from services.development.domain.cluster_report import ClusterSummary, CommonGap
from services.development.domain.projection import Projection


class SqlClusteringRunRepository:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def add(
        self,
        values: dict[str, Any],
        summaries: list[ClusterSummary],
        shared: Sequence[CommonGap] = (),
        projection: Projection | None = None,
    ) -> None:
        await self._session.execute(clustering_runs.insert().values(values))
        if summaries:
            await self._session.execute(
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
                        "programme_kind": s.programme_kind,
                        "cohort_size": s.cohort_size,
                    }
                    for s in summaries
                ],
            )
        if shared:
            await self._session.execute(
                common_gaps.insert(), [{"run_id": values["id"], **asdict(g)} for g in shared]
            )
        if projection is not None:
            await self._session.execute(
                cluster_projections.insert().values(
                    run_id=values["id"],
                    explained_variance=projection.explained_variance,
                    cadre_ids=projection.cadre_ids,
                    x=projection.x,
                    y=projection.y,
                    clusters=projection.clusters,
                )
            )
