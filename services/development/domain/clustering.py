"""Clusters of capability-gap vectors: scaling, then k-means with k chosen by silhouette.

Candidate k are fitted on a random sample and scored by silhouette on a smaller sub-sample whose
distance matrix is computed once for all k; only the chosen k is fitted on every vector,
starting from the sample's centres. That is what keeps a million vectors within seconds.
Sample fits run on one thread: on a small machine shared with a database and a broker, extra
BLAS/OpenMP threads mostly wait for each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import KMeans
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits


@dataclass(frozen=True)
class ClusteringParameters:
    k_min: int = 2
    k_max: int = 10
    fit_sample: int = 6_000
    silhouette_sample: int = 3_000
    # k-means++ starts per candidate k, each judged by its silhouette (not its inertia): with one
    # start, or keeping the start of least inertia, a partition that splits the wrong group now and
    # then makes the silhouette pick the wrong k. Three are cheap on a sample of a few thousand.
    candidate_starts: int = 3
    random_state: int = 42
    min_vectors: int = 30
    final_threads: int = 1
    final_max_iter: int = 30


class NothingToCluster(ValueError):
    """The data cannot be clustered meaningfully; the message says why, for the person who asked."""


@dataclass
class ClusterFit:
    pipeline: Pipeline
    labels: np.ndarray
    k: int
    silhouette: float  # of the final clusters, on the silhouette sample
    silhouette_by_k: dict[int, float] = field(default_factory=dict)

    @property
    def scaled_centres(self) -> np.ndarray:
        centres: np.ndarray = self.pipeline.named_steps["cluster"].cluster_centers_
        return centres


def check_clusterable(vectors: np.ndarray, parameters: ClusteringParameters) -> None:
    count = len(vectors)
    if count < parameters.min_vectors:
        raise NothingToCluster(
            f"only {count} cadres have a capability profile for the period; clustering needs at least "
            f"{parameters.min_vectors}"
        )
    if vectors.ndim != 2 or vectors.shape[1] == 0:
        raise NothingToCluster("the capability profiles of the period name no capability")
    if not np.isfinite(vectors).all():
        raise NothingToCluster("some capability gaps are not finite numbers")
    if np.all(vectors.max(axis=0) - vectors.min(axis=0) == 0):
        raise NothingToCluster(
            f"all {count} cadres have the same capability gaps; there are no groups to find"
        )


def silhouette_from_distances(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette from a precomputed distance matrix, all clusters at once (one matrix product)."""
    n = len(labels)
    clusters, labels = np.unique(labels, return_inverse=True)
    if len(clusters) < 2:
        return -1.0
    members = np.zeros((n, len(clusters)))
    members[np.arange(n), labels] = 1.0
    sums = distances @ members
    counts = members.sum(axis=0)
    own_count = counts[labels]
    own = sums[np.arange(n), labels]
    a = np.where(own_count > 1, own / np.maximum(own_count - 1, 1), 0.0)
    mean_to = sums / counts
    mean_to[np.arange(n), labels] = np.inf
    b = mean_to.min(axis=1)
    scale = np.maximum(a, b)
    s = np.where((own_count > 1) & (scale > 0), (b - a) / np.where(scale > 0, scale, 1.0), 0.0)
    return float(s.mean())


def _pairwise_distances(points: np.ndarray) -> np.ndarray:
    squared = np.einsum("ij,ij->i", points, points)
    distances: np.ndarray = points @ points.T
    distances *= -2.0
    distances += squared[:, None]
    distances += squared[None, :]
    np.maximum(distances, 0.0, out=distances)
    np.sqrt(distances, out=distances)
    return distances


def fit_clusters(
    vectors: np.ndarray, parameters: ClusteringParameters = ClusteringParameters()
) -> ClusterFit:
    vectors = np.ascontiguousarray(vectors, dtype=np.float64)
    check_clusterable(vectors, parameters)
    rng = np.random.default_rng(parameters.random_state)
    count = len(vectors)
    sample_rows = rng.choice(count, size=min(parameters.fit_sample, count), replace=False)
    with threadpool_limits(limits=1):
        scaler = StandardScaler().fit(vectors[sample_rows])
        sample = scaler.transform(vectors[sample_rows])
        judged = sample[: parameters.silhouette_sample]
        distances = _pairwise_distances(judged)
        distinct = len(np.unique(sample, axis=0))
        k_max = min(parameters.k_max, distinct, len(judged) - 1)
        if k_max < parameters.k_min:
            raise NothingToCluster(
                f"the cadres' capability gaps take only {distinct} distinct values; at least "
                f"{parameters.k_min} are needed to form groups"
            )
        best: tuple[float, KMeans] | None = None
        silhouette_by_k: dict[int, float] = {}
        for k in range(parameters.k_min, k_max + 1):
            for start in range(parameters.candidate_starts):
                candidate = KMeans(
                    n_clusters=k, n_init=1, random_state=parameters.random_state + start
                ).fit(sample)
                score = silhouette_from_distances(distances, candidate.labels_[: len(judged)])
                silhouette_by_k[k] = round(max(score, silhouette_by_k.get(k, -1.0)), 6)
                if best is None or score > best[0]:
                    best = (score, candidate)
    # k_max >= k_min, so at least one candidate was fitted.
    assert best is not None
    chosen = best[1]
    with threadpool_limits(limits=parameters.final_threads):
        scaled = scaler.transform(vectors)
        final = KMeans(
            n_clusters=chosen.n_clusters,
            init=chosen.cluster_centers_,
            n_init=1,
            max_iter=parameters.final_max_iter,
            random_state=parameters.random_state,
            copy_x=False,
        ).fit(scaled)
    with threadpool_limits(limits=1):
        silhouette = silhouette_from_distances(distances, final.predict(judged))
    labels = final.labels_
    # The persisted model only has to assign new vectors; one label per cadre would only weigh it down.
    del final.labels_
    pipeline = Pipeline([("scale", scaler), ("cluster", final)])
    return ClusterFit(pipeline, labels, int(chosen.n_clusters), silhouette, silhouette_by_k)
