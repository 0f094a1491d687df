"""Capability-gap clustering in GraphQL: the runs, their clusters, and retraining on demand."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from services.common.graphql import principal_of, roles
from services.development.adapters import clustering_queries
from services.development.domain import access
from services.development.entrypoints.graphql.context import development, reading


@strawberry.type
class PositionLevelShare:
    position_level: str
    share: float = strawberry.field(
        description="Share of all cadres of this level that fall in the cluster."
    )


@strawberry.type
class CapabilityMeanGap:
    capability: str
    mean_gap: float = strawberry.field(
        description="Mean points below target in the cluster (0 at or above it)."
    )


@strawberry.type(description="A group of cadres with similar capability gaps.")
class GapCluster:
    index: int
    size: int
    share: float = strawberry.field(description="Share of all cadres clustered.")
    level_shares: list[PositionLevelShare]
    mean_gaps: list[CapabilityMeanGap]
    defining_capabilities: list[str] = strawberry.field(
        description="Gaps well above average, largest first."
    )
    recommendation: str
    programme_kind: str | None = strawberry.field(
        description="Kind of programme to open for the cluster; null when none is needed."
    )
    cohort_size: int = strawberry.field(
        description="Seats needed: members below target in the cluster's main gap."
    )

    @classmethod
    def from_row(cls, row: sa.Row) -> GapCluster:
        return cls(
            index=row.index,
            size=row.size,
            share=row.share,
            level_shares=[
                PositionLevelShare(position_level=k, share=v)
                for k, v in sorted(row.level_shares.items())
            ],
            mean_gaps=[
                CapabilityMeanGap(capability=k, mean_gap=v)
                for k, v in sorted(row.mean_gaps.items())
            ],
            defining_capabilities=list(row.defining_capabilities),
            recommendation=row.recommendation,
            programme_kind=row.programme_kind,
            cohort_size=row.cohort_size,
        )


@strawberry.type(
    description="A capability most cadres of a position level are below target in: a need to "
    "meet together, whatever the clusters."
)
class CommonGap:
    capability: str
    position_level: str
    judged: int = strawberry.field(
        description="Cadres of the level with both a score and a target in the capability."
    )
    below_target: int
    share: float = strawberry.field(description="belowTarget / judged.")
    without_target: int = strawberry.field(
        description="Cadres of the level scored in the capability whose portrait names no "
        "target: not judged, never counted as below."
    )
    mean_gap: float = strawberry.field(
        description="Mean points below target of the cadres below it."
    )
    programme_kind: str
    programme_name: str | None = strawberry.field(
        description="The programme that takes the capability; null when none does yet."
    )
    cohort_size: int = strawberry.field(description="Seats needed: the cadres below target.")
    recommendation: str

    @classmethod
    def from_row(cls, row: sa.Row) -> CommonGap:
        return cls(
            capability=row.capability,
            position_level=row.position_level,
            judged=row.judged,
            below_target=row.below_target,
            share=row.share,
            without_target=row.without_target,
            mean_gap=row.mean_gap,
            programme_kind=row.programme_kind,
            programme_name=row.programme_name,
            cohort_size=row.cohort_size,
            recommendation=row.recommendation,
        )


@strawberry.type(description="A cadre drawn in a run's picture.")
class ProjectedCadre:
    cadre_id: strawberry.ID
    x: float
    y: float
    cluster: int = strawberry.field(description="Index of the cadre's cluster (GapCluster.index).")


@strawberry.type(
    description="Cadres' scaled capability gaps on their first two principal components (PCA): "
    "a picture of the clusters, drawn from a fixed random sample of at most 3,000 cadres."
)
class ClusterProjection:
    explained_variance: list[float] = strawberry.field(
        description="Share of the variance each axis shows, 0 to 1 (x first)."
    )
    points: list[ProjectedCadre]

    @classmethod
    def from_row(cls, row: sa.Row) -> ClusterProjection:
        return cls(
            explained_variance=list(row.explained_variance),
            points=[
                ProjectedCadre(cadre_id=strawberry.ID(c), x=x, y=y, cluster=k)
                for c, x, y, k in zip(row.cadre_ids, row.x, row.y, row.clusters, strict=True)
            ],
        )


@strawberry.type
class SilhouetteOfK:
    k: int
    silhouette: float


@strawberry.type(description="One clustering of the cadres' capability-gap vectors of a period.")
class ClusteringRun:
    id: strawberry.ID
    period: str | None
    status: str = strawberry.field(description="completed, or not_run with the reason in message.")
    message: str
    requested_by: str
    cadre_count: int
    capabilities: list[str]
    k: int | None
    silhouette: float | None = strawberry.field(
        description="Mean silhouette of the final clusters on a sample."
    )
    silhouette_by_k: list[SilhouetteOfK]
    sklearn_version: str
    data_snapshot: str | None = strawberry.field(
        description="sha256 of the vectors the model was fitted on."
    )
    started_at: datetime
    seconds: float
    model_location: str | None = strawberry.field(
        description="File of the model when kept in a folder."
    )

    @classmethod
    def from_row(cls, row: sa.Row) -> ClusteringRun:
        return cls(
            id=strawberry.ID(row.id),
            period=row.period,
            status=row.status,
            message=row.message,
            requested_by=row.requested_by,
            cadre_count=row.cadre_count,
            capabilities=list(row.capabilities),
            k=row.k,
            silhouette=row.silhouette,
            silhouette_by_k=[
                SilhouetteOfK(k=int(k), silhouette=v)
                for k, v in sorted(row.silhouette_by_k.items(), key=lambda item: int(item[0]))
            ],
            sklearn_version=row.sklearn_version,
            data_snapshot=row.data_snapshot,
            started_at=row.started_at,
            seconds=row.seconds,
            model_location=row.model_location,
        )

    @strawberry.field
    async def clusters(self, info: Info) -> list[GapCluster]:
        async with reading(info) as s:
            return [
                GapCluster.from_row(r) for r in await clustering_queries.run_clusters(s, self.id)
            ]

    @strawberry.field(description="Common gaps of the period, widest share first.")
    async def common_gaps(self, info: Info) -> list[CommonGap]:
        async with reading(info) as s:
            return [
                CommonGap.from_row(r) for r in await clustering_queries.run_common_gaps(s, self.id)
            ]

    @strawberry.field(description="The run's 2-D picture; null when the run clustered nothing.")
    async def projection(self, info: Info) -> ClusterProjection | None:
        async with reading(info) as s:
            row = await clustering_queries.run_projection(s, self.id)
        return ClusterProjection.from_row(row) if row else None


async def run_by_id(info: Info, run_id: str) -> ClusteringRun | None:
    async with reading(info) as s:
        row = await clustering_queries.get_run(s, run_id)
    return ClusteringRun.from_row(row) if row else None


@strawberry.type
class ClusteringQueries:
    @strawberry.field(extensions=roles(*access.STAFF), description="Clustering runs, newest first.")
    async def clustering_runs(self, info: Info, limit: int = 20) -> list[ClusteringRun]:
        async with reading(info) as s:
            rows = await clustering_queries.list_runs(s, max(1, min(limit, 200)))
        return [ClusteringRun.from_row(r) for r in rows]

    @strawberry.field(extensions=roles(*access.STAFF))
    async def clustering_run(self, info: Info, id: strawberry.ID) -> ClusteringRun | None:
        return await run_by_id(info, id)


@strawberry.type
class ClusteringMutations:
    @strawberry.mutation(
        extensions=roles(*access.CLUSTERING_RUNNERS),
        description="Clusters the capability gaps of a period (default: the latest) now and returns the run; "
        "a run without enough or with constant data says why in its message.",
    )
    async def retrain_clustering(self, info: Info, period: str | None = None) -> ClusteringRun:
        run_id = await development(info).retrain_clustering(period, principal_of(info).subject)
        return await run_by_id(info, run_id)
