"""Grades, quotas, ranks, percentiles and the bottom of peer groups."""

import numpy as np

from services.scoring.domain.capabilities import bottom_ranked, peer_percentiles
from services.scoring.domain.grading import (
    CAP_BASICALLY_COMPETENT,
    CAP_COMPETENT,
    GRADES,
    NO_CAP,
    Thresholds,
    grade,
    rank_within,
)
from services.scoring.domain.portrait import PortraitRules, weaknesses
from services.scoring.domain.settings import AssessmentSettings

THRESHOLDS = Thresholds(90, 75, 60)


def test_ranks_are_competition_ranks_within_each_group():
    group = np.array([0, 0, 0, 0, 1, 1])
    score = np.array([80.0, 95.0, 80.0, 70.0, 50.0, 60.0])
    rank, size, position = rank_within(group, score)
    assert rank.tolist() == [2, 1, 2, 4, 2, 1]
    assert size.tolist() == [4, 4, 4, 4, 2, 2]
    assert position.tolist() == [1, 0, 2, 3, 1, 0]  # ties keep the given order


def test_the_excellent_quota_of_township_cadres_is_raised_by_a_fifth():
    settings = AssessmentSettings(excellent_quota=0.15)
    assert settings.excellent_quota_for("township") == 0.15 * 1.2
    # 20 township principals, all scoring excellent: 20 x 0.18 = 3.6 -> 4 places; a bureau's 20: 3 places.
    score = np.linspace(99, 91, 40)
    group = np.r_[np.zeros(20, int), np.ones(20, int)]
    quota = np.r_[
        np.full(20, settings.excellent_quota_for("township")),
        np.full(20, settings.excellent_quota_for("municipal_department")),
    ]
    grading = grade(score, group, quota, np.zeros(40, np.int8), THRESHOLDS)
    excellent = grading.grade == 0
    assert excellent[:20].sum() == 4 and excellent[20:].sum() == 3
    assert excellent[:4].all() and excellent[20:23].all()  # the best of each group
    assert {GRADES[g] for g in grading.grade[~excellent]} == {"competent"}


def test_vetoes_cap_the_grade_and_take_no_quota_place():
    score = np.array([98.0, 97.0, 96.0, 50.0])
    cap = np.array([CAP_COMPETENT, CAP_BASICALLY_COMPETENT, NO_CAP, NO_CAP], np.int8)
    grading = grade(score, np.zeros(4, int), np.full(4, 0.25), cap, THRESHOLDS)
    assert [GRADES[g] for g in grading.grade] == [
        "competent",
        "basically_competent",
        "excellent",
        "incompetent",
    ]


def test_percentiles_place_ties_in_the_middle_so_equal_peers_are_not_the_bottom():
    profiles = np.array([[40.0], [90.0], [95.0], [85.0], [100.0], [70.0], [70.0], [70.0]])
    group = np.array([0, 0, 0, 0, 0, 1, 1, 1])
    percentile, peers = peer_percentiles(profiles, group)
    assert percentile[:5, 0].tolist() == [0.0, 50.0, 75.0, 25.0, 100.0]
    assert percentile[5:, 0].tolist() == [50.0, 50.0, 50.0]
    rules = PortraitRules(bottom_share=0.1, min_group=3)
    trusted = np.ones(profiles.shape)
    weak = weaknesses(profiles, np.full(profiles.shape, 60.0), percentile, peers, trusted, rules)
    assert list(zip(weak.cadre.tolist(), weak.severity.tolist())) == [
        (0, 2)
    ]  # below 60 and bottom: high


def test_the_bottom_share_of_a_large_enough_group_is_bottom_ranked():
    size = np.array([20] * 3 + [4] * 2)
    position = np.array([19, 18, 0, 3, 2])
    assert bottom_ranked(position, size, share=0.05, min_group=5).tolist() == [
        True,
        False,
        False,
        False,
        False,
    ]
