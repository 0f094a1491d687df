"""Places within peer groups: the percentile of a capability score and the bottom of each group.

Capability scores themselves are the individual portrait's (domain/portrait.py): a cadre is judged
on their own evidence, never handed the profile of the unit they work in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.scoring.domain.engine import round_points
from services.scoring.domain.grading import rank_within

SEVERITIES = ("low", "medium", "high")
LOW, MEDIUM, HIGH = range(len(SEVERITIES))


@dataclass(frozen=True)
class ItemTags:
    """Pairs (item, capability) from the items' capability tags."""

    item: np.ndarray
    capability: np.ndarray


def peer_percentiles(profiles: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per (cadre, capability): the mid-rank percentile among the peers with data (0 = alone at the
    bottom, 100 = alone at the top, equal scores share the middle of their places, so a group that
    all scores the same sits at 50), and how many peers have data."""
    percentile = np.full(profiles.shape, np.nan)
    peers = np.zeros(profiles.shape, np.int64)
    for column in range(profiles.shape[1]):
        rows = np.flatnonzero(~np.isnan(profiles[:, column]))
        if not len(rows):
            continue
        score = profiles[rows, column]
        # Ranking the negated score from the top gives the lowest place of a score from the bottom.
        lowest_place, size, _ = rank_within(group[rows], -score)
        from_top, _, _ = rank_within(group[rows], score)
        highest_place = size - from_top + 1
        middle = (lowest_place + highest_place) / 2 - 1
        percentile[rows, column] = np.where(
            size > 1, 100.0 * middle / np.maximum(size - 1, 1), 50.0
        )
        peers[rows, column] = size
    return round_points(percentile), peers


@dataclass(frozen=True)
class Weaknesses:
    cadre: np.ndarray
    capability: np.ndarray
    severity: np.ndarray


def bottom_ranked(
    position: np.ndarray, group_size: np.ndarray, share: float, min_group: int
) -> np.ndarray:
    """Rows among the lowest `ceil(share x size)` places of a peer group of at least `min_group`
    (`position` is the 0-based place from the top, ties in a fixed order)."""
    places = np.ceil(group_size * share - 1e-9).astype(np.int64)
    return (group_size >= min_group) & (position >= group_size - places)
