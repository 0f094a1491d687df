"""Grades with quotas, and rankings, within peer groups.

A score maps to a grade by thresholds; a veto of excellence caps it at competent, a full veto at
basically competent (no merit rating at all). Only the best `quota x group size` (rounded half up)
of a peer group may be excellent; the others that qualified are competent. Ties at the quota
boundary are broken by the order of the ids given, so the quota is never exceeded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

GRADES = ("excellent", "competent", "basically_competent", "incompetent")
EXCELLENT, COMPETENT, BASICALLY_COMPETENT, INCOMPETENT = range(len(GRADES))
# How far a veto caps the grade.
NO_CAP, CAP_COMPETENT, CAP_BASICALLY_COMPETENT = EXCELLENT, COMPETENT, BASICALLY_COMPETENT


@dataclass(frozen=True)
class Thresholds:
    excellent: float
    competent: float
    basically_competent: float


@dataclass(frozen=True)
class Grading:
    by_threshold: np.ndarray  # grade the score alone earns
    capped: np.ndarray  # after vetoes
    grade: np.ndarray  # after the quota
    excellent_slots: np.ndarray  # per row: the quota of its group, in places
    rank: np.ndarray  # 1 = best in the group; equal scores share a rank
    group_size: np.ndarray


def rank_within(group: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Competition ranks (1, 2, 2, 4) by descending score within each group, the group sizes, and each
    row's position (0-based) in the group's order with ties kept in the given order."""
    n = len(group)
    if n == 0:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty
    order = np.lexsort((np.arange(n), -score, group))
    g, s = group[order], score[order]
    starts_group = np.r_[True, g[1:] != g[:-1]]
    new_value = starts_group | np.r_[True, s[1:] != s[:-1]]
    positions = np.arange(n)
    group_start = np.maximum.accumulate(np.where(starts_group, positions, 0))
    value_start = np.maximum.accumulate(np.where(new_value, positions, 0))
    group_end = np.r_[positions[starts_group][1:], n]
    sizes = (group_end - positions[starts_group])[np.cumsum(starts_group) - 1]
    rank, ordinal, size = np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64)
    rank[order] = value_start - group_start + 1
    ordinal[order] = positions - group_start
    size[order] = sizes
    return rank, size, ordinal


def slots(group_size: np.ndarray, quota: np.ndarray) -> np.ndarray:
    """Places for excellent: quota x size, rounded half up."""
    places: np.ndarray = np.floor(group_size * quota + 0.5 + 1e-9).astype(np.int64)
    return places


def grade(
    score: np.ndarray, group: np.ndarray, quota: np.ndarray, cap: np.ndarray, thresholds: Thresholds
) -> Grading:
    by_threshold = np.select(
        [
            score >= thresholds.excellent,
            score >= thresholds.competent,
            score >= thresholds.basically_competent,
        ],
        [EXCELLENT, COMPETENT, BASICALLY_COMPETENT],
        INCOMPETENT,
    ).astype(np.int8)
    capped = np.maximum(by_threshold, cap).astype(np.int8)
    rank, size, _ = rank_within(group, score)
    places = slots(size, quota)
    # Rank the excellent candidates among themselves: only they compete for the quota.
    candidate = capped == EXCELLENT
    candidate_group = np.where(candidate, group, -1)
    _, _, position = rank_within(candidate_group, score)
    over_quota = candidate & (position >= places)
    final = np.where(over_quota, COMPETENT, capped).astype(np.int8)
    return Grading(by_threshold, capped, final, places, rank, size)
