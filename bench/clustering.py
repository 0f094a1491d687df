"""Capability-gap clustering: the service's pipeline against a plain baseline, on synthetic cadres.

    python bench/clustering.py            # 100,000 and 1,000,000 vectors of 16 capabilities
    python bench/clustering.py --quick    # 20,000 and 100,000, for a first look

The service's pipeline (services.development.domain.clustering.fit_clusters) fits the candidate
k (2..10) on a sample, scores them by silhouette on a sub-sample, then fits the chosen k on every
vector. The baseline fits MiniBatchKMeans on all vectors for every k and scores each by
silhouette on a 10,000 sample. Both clusterings are then judged the same way: silhouette on one
10,000 sample of all vectors, standardised. Peak memory is the process's peak resident size
after the service's runs (before the baseline), data included.

Ends with one JSON line: seconds_100k, seconds_1m, baseline_seconds_1m, speedup, silhouette,
baseline_silhouette, peak_mb.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from sklearn.cluster import MiniBatchKMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_info, threadpool_limits

from bench.common import emit_figures, heading, line
from services.development.domain.clustering import ClusteringParameters, fit_clusters

CAPABILITIES = 16
K_RANGE = range(2, 11)
RANDOM_STATE = 42
JUDGE_SAMPLE = 10_000


def synthetic_gaps(count: int, seed: int = 2024) -> np.ndarray:
    """Gap vectors (points below full marks) of cadres in 6 groups of unequal size, each weak in a few capabilities."""
    rng = np.random.default_rng(seed)
    centres = np.full((6, CAPABILITIES), 12.0)
    for group in range(6):
        weak = rng.choice(CAPABILITIES, size=3, replace=False)
        centres[group, weak] = rng.uniform(35, 55, size=3)
    sizes = np.array([0.3, 0.22, 0.18, 0.14, 0.1, 0.06])
    gaps = np.empty((count, CAPABILITIES))
    # In chunks, so that making the data does not set the process's peak memory.
    for start in range(0, count, 100_000):
        part = gaps[start : start + 100_000]
        part[:] = rng.normal(0, 6, size=part.shape)
        part += centres[rng.choice(6, size=len(part), p=sizes)]
    return np.clip(gaps, 0, 100, out=gaps)


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def baseline(vectors: np.ndarray) -> tuple[np.ndarray, int]:
    """MiniBatchKMeans on all vectors for every k, silhouette of each on a 10,000 sample."""
    scaled = StandardScaler().fit_transform(vectors)
    best: tuple[float, int, np.ndarray] | None = None
    for k in K_RANGE:
        model = MiniBatchKMeans(n_clusters=k, random_state=RANDOM_STATE).fit(scaled)
        score = silhouette_score(
            scaled, model.labels_, sample_size=JUDGE_SAMPLE, random_state=RANDOM_STATE
        )
        if best is None or score > best[0]:
            best = (score, k, model.labels_)
    return best[2], best[1]


def judged_silhouette(vectors: np.ndarray, labels: np.ndarray) -> float:
    """The same yardstick for both: silhouette on one 10,000 sample of all vectors, standardised."""
    scaled = StandardScaler().fit_transform(vectors)
    return round(
        float(silhouette_score(scaled, labels, sample_size=JUDGE_SAMPLE, random_state=0)), 4
    )


def blas_report() -> None:
    for library in threadpool_info():
        line(
            f"{library['user_api']} {library['internal_api']} {library.get('version') or ''}".strip(),
            f"kernel {library.get('architecture', '-')}, {library['num_threads']} threads",
        )
    for name in (
        "OPENBLAS_CORETYPE",
        "OPENBLAS_L2_SIZE",
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
    ):
        line(name, os.environ.get(name, "(not set)"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 and 100,000 vectors instead")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads of the final fit on all vectors"
    )
    args = parser.parse_args()
    small, large = (20_000, 100_000) if args.quick else (100_000, 1_000_000)
    parameters = ClusteringParameters(
        k_min=K_RANGE.start,
        k_max=K_RANGE.stop - 1,
        random_state=RANDOM_STATE,
        final_threads=args.threads,
    )

    heading(
        f"capability-gap clustering, {small:,} and {large:,} x {CAPABILITIES}, k {K_RANGE.start}-{K_RANGE.stop - 1}"
    )
    blas_report()
    line("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    vectors = synthetic_gaps(large)
    fit_clusters(vectors[:5_000], parameters)  # warm-up: imports and first calls, not measured

    started = time.perf_counter()
    small_fit = fit_clusters(vectors[:small], parameters)
    seconds_small = time.perf_counter() - started
    started = time.perf_counter()
    large_fit = fit_clusters(vectors, parameters)
    seconds_large = time.perf_counter() - started
    peak = peak_mb()
    line(f"service pipeline, {small:,} vectors", f"{seconds_small:.3f} s, k={small_fit.k}")
    line(f"service pipeline, {large:,} vectors", f"{seconds_large:.3f} s, k={large_fit.k}")
    line("silhouette by k (sample)", large_fit.silhouette_by_k)
    line("peak resident memory (data included)", f"{peak} MB")

    with threadpool_limits(limits=args.threads):
        started = time.perf_counter()
        baseline_labels, baseline_k = baseline(vectors)
        baseline_seconds = time.perf_counter() - started
    line(f"baseline, {large:,} vectors", f"{baseline_seconds:.3f} s, k={baseline_k}")

    silhouette = judged_silhouette(vectors, large_fit.labels)
    baseline_silhouette = judged_silhouette(vectors, baseline_labels)
    speedup = round(baseline_seconds / seconds_large, 2)
    line("speedup over the baseline", f"{speedup}x (target >= 3x)")
    line(
        "silhouette, service / baseline",
        f"{silhouette} / {baseline_silhouette} "
        f"({(silhouette - baseline_silhouette) / abs(baseline_silhouette):+.2%}; target within 2%)",
    )
    line("load average at end", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    emit_figures(
        {
            f"seconds_{'100k' if small == 100_000 else small}": round(seconds_small, 3),
            f"seconds_{'1m' if large == 1_000_000 else large}": round(seconds_large, 3),
            f"baseline_seconds_{'1m' if large == 1_000_000 else large}": round(baseline_seconds, 3),
            "speedup": speedup,
            "silhouette": silhouette,
            "baseline_silhouette": baseline_silhouette,
            "peak_mb": peak,
        }
    )


if __name__ == "__main__":
    main()
