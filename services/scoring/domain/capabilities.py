"""Capability profiles, weaknesses and the bottom of each peer group.

A unit's capability score is the weighted share of the weight earned by the observed scored items
and red lines tagged with that capability (x 100; an item of weight 0 counts with weight 1). A cadre's
profile is the profile of the unit the cadre works in. A capability is weak when it is below the
threshold, or in the bottom share of the peer group (for groups of at least `min_group`):
severity high when both, medium when below the threshold only, low when in the bottom share only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.scoring.domain.engine import RED_LINE, SCORED, ItemScores, ItemTable, round_points
from services.scoring.domain.grading import rank_within

SEVERITIES = ("low", "medium", "high")
LOW, MEDIUM, HIGH = range(len(SEVERITIES))


@dataclass(frozen=True)
class ItemTags:
    """Pairs (item, capability) from the items' capability tags."""

    item: np.ndarray
    capability: np.ndarray


def unit_profiles(
    items: ItemTable, scores: ItemScores, tags: ItemTags, n_units: int, n_capabilities: int
) -> np.ndarray:
    """(units, capabilities) scores 0..100, NaN where a unit has no item tagged with the capability."""
    kind = items.take("kind")[tags.item]
    # Only what was observed is evidence of a capability; a missing report costs points, not capability.
    counts = ((kind == SCORED) | (kind == RED_LINE)) & scores.observed[tags.item]
    item, capability = tags.item[counts], tags.capability[counts]
    weight = items.take("weight")[item]
    weight = np.where(weight > 0, weight, 1.0)
    cell = items.unit[item] * n_capabilities + capability
    size = n_units * n_capabilities
    earned = np.bincount(
        cell, weights=weight * np.minimum(scores.fraction[item], 1.0), minlength=size
    )
    possible = np.bincount(cell, weights=weight, minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        profile = round_points(100.0 * earned / possible)
    return np.where(possible > 0, profile, np.nan).reshape(n_units, n_capabilities)


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


def weaknesses(
    profiles: np.ndarray,
    percentile: np.ndarray,
    peers: np.ndarray,
    threshold: float,
    bottom_share: float,
    min_group: int,
) -> Weaknesses:
    with np.errstate(invalid="ignore"):
        below = profiles < threshold
        bottom = (peers >= min_group) & (percentile < 100.0 * bottom_share)
    cadre, capability = np.nonzero(below | bottom)
    b, m = below[cadre, capability], bottom[cadre, capability]
    severity = np.select([b & m, b], [HIGH, MEDIUM], LOW).astype(np.int8)
    return Weaknesses(cadre, capability, severity)


def bottom_ranked(
    position: np.ndarray, group_size: np.ndarray, share: float, min_group: int
) -> np.ndarray:
    """Rows among the lowest `ceil(share x size)` places of a peer group of at least `min_group`
    (`position` is the 0-based place from the top, ties in a fixed order)."""
    places = np.ceil(group_size * share - 1e-9).astype(np.int64)
    return (group_size >= min_group) & (position >= group_size - places)
