"""Capability-gap clustering: planted clusters are found; bad data gets a clear message."""

import numpy as np
import pytest
import skops.io as sio
from sklearn.metrics import adjusted_rand_score, silhouette_score

from services.development.adapters.skops_files import ModelStore, dump_model, load_model
from services.development.domain.cluster_report import summarise
from services.development.domain.clustering import (
    ClusteringParameters,
    NothingToCluster,
    fit_clusters,
    silhouette_from_distances,
)
from services.development.domain.gaps import gap_vectors

CAPABILITIES = 16


def planted(n, k, seed=7, spread=4.0):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 45, size=(k, CAPABILITIES))
    truth = rng.integers(0, k, n)
    return centres[truth] + rng.normal(0, spread, size=(n, CAPABILITIES)), truth


@pytest.mark.parametrize("k", [3, 5, 7])
def test_planted_clusters_are_recovered(k):
    vectors, truth = planted(6_000, k, seed=k)
    fit = fit_clusters(vectors, ClusteringParameters(fit_sample=4_000, silhouette_sample=1_500))
    assert fit.k == k
    assert adjusted_rand_score(truth, fit.labels) > 0.9


def test_same_data_same_clusters():
    vectors, _ = planted(3_000, 4)
    first, second = fit_clusters(vectors), fit_clusters(vectors)
    assert (first.labels == second.labels).all()


def test_silhouette_from_distances_matches_scikit_learn():
    vectors, _ = planted(500, 3)
    labels = np.random.default_rng(1).integers(0, 4, 500)
    distances = np.linalg.norm(vectors[:, None, :] - vectors[None, :, :], axis=2)
    assert silhouette_from_distances(distances, labels) == pytest.approx(
        silhouette_score(vectors, labels), abs=1e-9
    )


def test_too_few_cadres_is_a_message_not_a_crash():
    with pytest.raises(NothingToCluster, match="only 5 cadres"):
        fit_clusters(np.ones((5, 3)) * np.arange(5)[:, None])


def test_constant_data_is_a_message_not_a_crash():
    with pytest.raises(NothingToCluster, match="same capability gaps"):
        fit_clusters(np.full((100, 4), 12.5))


def test_two_distinct_profiles_give_two_clusters_at_most():
    vectors = np.repeat([[10.0, 20.0], [30.0, 5.0]], 50, axis=0)
    fit = fit_clusters(vectors)
    assert fit.k == 2 and len(set(fit.labels)) == 2


def test_model_round_trips_through_skops_with_trusted_types_only(tmp_path):
    vectors, _ = planted(2_000, 3)
    fit = fit_clusters(vectors)
    data = dump_model(fit.pipeline)
    assert sio.get_untrusted_types(data=data) == []
    restored = load_model(data)
    assert (restored.predict(vectors[:200]) == fit.labels[:200]).all()
    stored, location = ModelStore(str(tmp_path)).save("run-1", data)
    assert stored is None and ModelStore.read(None, location) == data
    assert ModelStore(None).save("run-2", data) == (data, None)


def test_gap_vectors_fill_a_missing_capability_with_the_median_gap():
    vectors = gap_vectors(
        ["a", "b", "c"],
        ["deputy"] * 3,
        [
            {"digital_governance": 60, "party_building": 90},
            {"digital_governance": 80, "party_building": 70},
            {"digital_governance": 70},
        ],
    )
    assert vectors.capabilities == ["digital_governance", "party_building"]
    assert vectors.gaps.tolist() == [[40, 10], [20, 30], [30, 20]]


def test_summary_names_the_gap_the_share_and_a_programme():
    rng = np.random.default_rng(3)
    # 300 principals with a large digital-governance gap, 700 others with small gaps everywhere.
    digital = np.column_stack([rng.normal(45, 3, 300), rng.normal(10, 3, 300)])
    others = np.column_stack([rng.normal(10, 3, 700), rng.normal(10, 3, 700)])
    levels = np.array(["principal"] * 300 + ["grassroots"] * 700, dtype=object)
    vectors = gap_vectors(
        [str(i) for i in range(1000)],
        levels,
        [
            {"digital_governance": 100 - a, "party_building": 100 - b}
            for a, b in np.vstack([digital, others])
        ],
    )
    fit = fit_clusters(vectors.gaps, ClusteringParameters(k_max=4))
    summaries = summarise(
        fit.labels,
        fit.k,
        vectors.gaps,
        fit.scaled_centres,
        vectors.position_levels,
        vectors.capabilities,
        {"digital_governance": "Digital Governance Leaders Training Camp"},
    )
    camp = next(s for s in summaries if s.defining_capabilities[:1] == ("digital_governance",))
    assert camp.size == 300 and camp.share == 0.3 and camp.level_shares["principal"] == 1.0
    assert camp.recommendation.startswith(
        "open a Digital Governance Leaders Training Camp cohort: cluster of 300 cadres, 100% of principal-level cadres"
    )
    assert camp.mean_gaps["digital_governance"] == pytest.approx(45, abs=1)
