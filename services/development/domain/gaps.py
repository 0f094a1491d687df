"""Capability-gap vectors: how far each cadre's capability scores fall short of full marks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

FULL_MARKS = 100.0


@dataclass(frozen=True)
class GapVectors:
    cadre_ids: list[str]
    position_levels: np.ndarray  # one per cadre
    capabilities: list[str]  # the columns
    gaps: np.ndarray  # cadres x capabilities, points below full marks


def gap_vectors(
    cadre_ids: Sequence[str], position_levels: Sequence[str], scores: Sequence[Mapping[str, float]]
) -> GapVectors:
    """One row per cadre; a capability a cadre was not scored on takes the period's median gap,
    so that a missing score neither looks like a weakness nor like a strength."""
    capabilities = sorted({name for profile in scores for name in profile})
    column = {name: j for j, name in enumerate(capabilities)}
    gaps = np.full((len(scores), len(capabilities)), np.nan)
    for i, profile in enumerate(scores):
        for name, score in profile.items():
            gaps[i, column[name]] = FULL_MARKS - score
    if gaps.size and np.isnan(gaps).any():
        medians = np.nanmedian(gaps, axis=0)
        rows, cols = np.nonzero(np.isnan(gaps))
        gaps[rows, cols] = medians[cols]
    return GapVectors(
        list(cadre_ids), np.asarray(position_levels, dtype=object), capabilities, gaps
    )
