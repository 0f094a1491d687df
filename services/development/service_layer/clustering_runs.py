"""A clustering run: the period's gap vectors in, clusters with recommendations and the model out."""

from __future__ import annotations

import asyncio
import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import sklearn

from services.common.errors import invalid
from services.development.domain.cluster_report import (
    ClusterSummary,
    CommonGap,
    CommonGapRule,
    Offer,
    common_gaps,
    summarise,
)
from services.development.domain.clustering import (
    ClusteringParameters,
    NothingToCluster,
    fit_clusters,
)
from services.development.domain.gaps import GapVectors, PeriodProfiles, period_gap_vectors
from services.development.domain.periods import check_period
from services.development.domain.projection import Projection, project
from services.development.service_layer.seating import utc_now
from services.development.service_layer.unit_of_work import DevelopmentUnitOfWork
from services.development.settings import DevelopmentSettings

COMPLETED = "completed"
NOT_RUN = "not_run"


class ModelStore(Protocol):
    """Where fitted models go (adapters.skops_files): bytes for the run's row, or a location."""

    def save_model(self, run_id: str, pipeline: Any) -> tuple[bytes | None, str | None]: ...


def clustering_parameters(settings: DevelopmentSettings) -> ClusteringParameters:
    if settings.development_clustering_k_max < settings.development_clustering_k_min:
        raise invalid(
            "DEVELOPMENT_CLUSTERING_K_MAX",
            "not_below_k_min",
            "k_max must be at least k_min",
            settings.development_clustering_k_max,
        )
    return ClusteringParameters(
        k_min=settings.development_clustering_k_min,
        k_max=settings.development_clustering_k_max,
        fit_sample=settings.development_clustering_fit_sample,
        silhouette_sample=settings.development_clustering_silhouette_sample,
        random_state=settings.development_clustering_random_state,
        min_vectors=settings.development_clustering_min_cadres,
        final_threads=settings.development_clustering_threads,
    )


def common_gap_rule(settings: DevelopmentSettings) -> CommonGapRule:
    return CommonGapRule(
        min_share=settings.development_common_gap_share,
        min_judged=settings.development_common_gap_min_cadres,
    )


def data_snapshot(vectors: GapVectors) -> str:
    """Identifies exactly which data a model was fitted on."""
    digest = hashlib.sha256()
    digest.update("\n".join(vectors.capabilities).encode())
    digest.update("\n".join(vectors.cadre_ids).encode())
    digest.update(vectors.gaps.tobytes())
    return f"sha256:{digest.hexdigest()}"


# Cadres drawn in a run's picture (its 2-D projection); a larger city is drawn from a sample.
PROJECTION_POINTS = 3_000


@dataclass
class _Fitted:
    values: dict[str, Any]
    summaries: list[ClusterSummary]
    projection: Projection


def _fit(
    run_id: str,
    vectors: GapVectors,
    parameters: ClusteringParameters,
    offers: dict[str, Offer],
    store: ModelStore,
) -> _Fitted:
    """CPU-bound part, run in a worker thread so the service keeps answering."""
    fit = fit_clusters(vectors.gaps, parameters)
    summaries = summarise(fit.labels, fit.k, vectors, fit.scaled_centres, offers)
    projection = project(
        vectors.cadre_ids,
        fit.pipeline.named_steps["scale"].transform(vectors.gaps),
        fit.labels,
        PROJECTION_POINTS,
        parameters.random_state,
    )
    model, location = store.save_model(run_id, fit.pipeline)
    largest = summaries[0]
    values = {
        "status": COMPLETED,
        "k": fit.k,
        "silhouette": round(fit.silhouette, 6),
        "silhouette_by_k": {str(k): s for k, s in fit.silhouette_by_k.items()},
        "model": model,
        "model_location": location,
        "message": f"{fit.k} clusters of {len(vectors.cadre_ids):,} cadres; largest: {largest.recommendation}",
    }
    return _Fitted(values, summaries, projection)


async def _programme_offers(uow: DevelopmentUnitOfWork) -> dict[str, Offer]:
    """The programme to recommend for each capability: the one a weakness in it would go to first."""
    offers: dict[str, Offer] = {}
    for programme in await uow.programmes.all():
        if programme.remedial:
            continue
        for capability in programme.capabilities:
            offers.setdefault(capability, Offer(programme.kind, programme.name))
    return offers


async def run_clustering(
    unit_of_work: Callable[[], DevelopmentUnitOfWork],
    settings: DevelopmentSettings,
    store: ModelStore,
    period: str | None,
    requested_by: str,
) -> str:
    """Runs once and records the run, also when there is nothing to cluster; returns the run id.

    The fit runs between two short transactions, so no transaction stays open while it runs.
    """
    parameters = clustering_parameters(settings)
    rule = common_gap_rule(settings)
    if period is not None:
        check_period("period", period)
    run_id = f"run-{uuid.uuid4().hex[:16]}"
    started_at, began = utc_now(), time.perf_counter()
    async with unit_of_work() as uow:
        period = period or await uow.profiles.latest_period()
        profiles = (
            await uow.profiles.period_profiles(period) if period else PeriodProfiles([], [], [])
        )
        offers = await _programme_offers(uow)
    vectors = period_gap_vectors(profiles)
    values: dict[str, Any] = {
        "id": run_id,
        "period": period,
        "requested_by": requested_by,
        "cadre_count": len(profiles.cadre_ids),
        "capabilities": vectors.capabilities,
        "sklearn_version": sklearn.__version__,
        "started_at": started_at,
        "data_snapshot": data_snapshot(vectors),
    }
    summaries: list[ClusterSummary] = []
    # Common gaps are counts, not a fit: they are reported even when there are no groups to find.
    shared: list[CommonGap] = common_gaps(vectors, offers, rule)
    projection: Projection | None = None
    if period is None:
        values.update(
            status=NOT_RUN,
            message="no capability profiles have been received yet; nothing to cluster",
        )
    else:
        try:
            fitted = await asyncio.to_thread(
                _fit,
                run_id,
                vectors,
                parameters,
                offers,
                store,
            )
            values.update(fitted.values)
            summaries, projection = fitted.summaries, fitted.projection
        except NothingToCluster as reason:
            values.update(status=NOT_RUN, message=f"{period}: {reason}")
    if shared:
        values["message"] += (
            f"; {len(shared)} common gap{'s' if len(shared) > 1 else ''}, widest: {shared[0].recommendation}"
        )
    values["seconds"] = round(time.perf_counter() - began, 3)
    async with unit_of_work() as uow:
        await uow.clustering_runs.add(values, summaries, shared, projection)
    return run_id
