"""Clustering runs and their clusters, recorded in PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.development.adapters.tables import clustering_runs, clusters
from services.development.domain.cluster_report import ClusterSummary


class SqlClusteringRunRepository:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def add(self, values: dict[str, Any], summaries: list[ClusterSummary]) -> None:
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
                    }
                    for s in summaries
                ],
            )
