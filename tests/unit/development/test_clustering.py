"""Capability-gap clustering: planted clusters are found; bad data gets a clear message."""

import numpy as np
import pytest
import skops.io as sio
from sklearn.metrics import adjusted_rand_score, silhouette_score

from services.development.adapters.skops_files import ModelStore, dump_model, load_model
from services.development.domain.cluster_report import (
    CommonGapRule,
    Offer,
    common_gaps,
    summarise,
)
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


def test_gap_vectors_measure_to_target_and_fall_back_to_full_marks():
    vectors = gap_vectors(
        ["a", "b", "c"],
        ["deputy"] * 3,
        [
            {"digital_governance": 60, "party_building": 90},
            {"digital_governance": 85, "party_building": 70},
            {"digital_governance": 70},
        ],
        [{"digital_governance": 80}, {"digital_governance": 80}, {}],
    )
    # a: 80 - 60 and 100 - 90; b: above its target (0) and 100 - 70; c: 100 - 70, median for the other
    assert vectors.gaps.tolist() == [[20, 10], [0, 30], [30, 20]]
    # Below target needs a score and a target: c (no target) and the missing score never count.
    assert vectors.below_target.tolist() == [[True, False], [False, False], [False, False]]
    assert vectors.judged.tolist() == [[True, False], [True, False], [False, False]]
    assert vectors.scored.tolist() == [[True, True], [True, True], [True, False]]


def _individuals(groups, targets, seed=3):
    """Profiles of cadres in groups (count, level, mean scores per capability), with targets."""
    rng = np.random.default_rng(seed)
    ids, levels, scores = [], [], []
    for count, level, means in groups:
        for _ in range(count):
            ids.append(f"C-{len(ids):05}")
            levels.append(level)
            scores.append(
                {name: float(np.clip(rng.normal(mean, 3), 0, 100)) for name, mean in means.items()}
            )
    return gap_vectors(ids, levels, scores, [targets] * len(ids))


OFFERS = {"digital_governance": Offer("camp", "Digital Governance Leaders Training Camp")}
TARGETS = {"digital_governance": 80.0, "investment_attraction": 75.0, "emergency_response": 70.0}


def test_planted_individual_clusters_are_recovered_and_sized_by_who_is_below_target():
    # Three kinds of cadre, each short of target in one capability and above it in the others.
    groups = [
        (
            300,
            "principal",
            {"digital_governance": 50, "investment_attraction": 90, "emergency_response": 85},
        ),
        (
            200,
            "deputy",
            {"digital_governance": 95, "investment_attraction": 45, "emergency_response": 85},
        ),
        (
            100,
            "grassroots",
            {"digital_governance": 95, "investment_attraction": 90, "emergency_response": 40},
        ),
    ]
    vectors = _individuals(groups, TARGETS)
    truth = np.repeat([0, 1, 2], [300, 200, 100])
    fit = fit_clusters(vectors.gaps, ClusteringParameters(k_max=6))
    assert fit.k == 3 and adjusted_rand_score(truth, fit.labels) > 0.95
    summaries = summarise(fit.labels, fit.k, vectors, fit.scaled_centres, OFFERS)
    camp, shadow, drill = summaries
    assert (camp.size, camp.defining_capabilities[0], camp.programme_kind) == (
        300,
        "digital_governance",
        "camp",
    )
    assert camp.cohort_size == 300 and camp.level_shares == {
        "deputy": 0.0,
        "grassroots": 0.0,
        "principal": 1.0,
    }
    assert camp.recommendation == (
        "open a camp (Digital Governance Leaders Training Camp) for 300 cadres: cluster of 300 "
        "cadres; 300 of 300 principal-level cadres (100%) below target in digital governance "
        "(common gaps: digital governance)"
    )
    assert camp.mean_gaps["digital_governance"] == pytest.approx(30, abs=1)
    # No programme takes investment attraction yet: the recommendation says so, with the seats.
    assert shadow.defining_capabilities[0] == "investment_attraction" and shadow.cohort_size == 200
    assert "camp in investment attraction (no programme offers it yet) for 200 cadres" in (
        shadow.recommendation
    )
    assert drill.cohort_size == 100 and "100 of 100 grassroots-level cadres (100%)" in (
        drill.recommendation
    )


def test_a_city_wide_gap_is_reported_as_common_with_the_real_share_per_level():
    # 87 of 100 deputies and 45 of 50 principals below the digital-governance target; the
    # grassroots are fine; 10 more deputies were scored with no target and are not judged.
    rng = np.random.default_rng(5)
    ids, levels, scores, targets = [], [], [], []

    def add(count, level, mean, target):
        for _ in range(count):
            ids.append(f"C-{len(ids):04}")
            levels.append(level)
            scores.append({"digital_governance": float(rng.normal(mean, 2))})
            targets.append({"digital_governance": target} if target else {})

    add(87, "deputy", 60, 80.0)
    add(13, "deputy", 90, 80.0)
    add(10, "deputy", 50, None)
    add(45, "principal", 70, 85.0)
    add(5, "principal", 95, 85.0)
    add(200, "grassroots", 90, 75.0)
    vectors = gap_vectors(ids, levels, scores, targets)
    found = common_gaps(vectors, OFFERS, CommonGapRule(min_share=0.7, min_judged=10))
    principal, deputy = found
    assert (principal.position_level, principal.judged, principal.below_target) == (
        "principal",
        50,
        45,
    )
    assert principal.share == 0.9
    assert (deputy.position_level, deputy.judged, deputy.below_target, deputy.share) == (
        "deputy",
        100,
        87,
        0.87,
    )
    assert deputy.without_target == 10 and deputy.cohort_size == 87
    assert deputy.mean_gap == pytest.approx(20, abs=1)
    assert deputy.recommendation == (
        "digital governance: 87% of deputy-level cadres below target (87 of 100) -> open a camp "
        "(Digital Governance Leaders Training Camp) for 87 cadres"
    )
    # Raising the bar above 90% leaves none; too few judged cadres at a level say nothing.
    assert common_gaps(vectors, OFFERS, CommonGapRule(min_share=0.95)) == []
    assert common_gaps(vectors, OFFERS, CommonGapRule(min_share=0.7, min_judged=60)) == [
        g for g in found if g.position_level == "deputy"
    ]


def test_a_period_without_targets_has_no_common_gap_however_low_the_scores():
    vectors = gap_vectors(
        [str(i) for i in range(50)], ["deputy"] * 50, [{"digital_governance": 20.0}] * 50
    )
    assert common_gaps(vectors, OFFERS) == []
