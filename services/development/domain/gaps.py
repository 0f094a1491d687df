"""Capability-gap vectors: how far each cadre's capability scores fall short of the target level.

The target comes from the competency model, per capability and position level, in the cadre's
portrait; a capability without a target is measured against full marks, so that profiles from
before targets existed still cluster. Being *below target* is a finding about a person and needs
both a score and a target: a missing score or a missing target never counts as below target.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

FULL_MARKS = 100.0


@dataclass(frozen=True)
class PeriodProfiles:
    """The capability profiles of a period, one entry per cadre, in cadre order."""

    cadre_ids: list[str]
    position_levels: list[str]
    scores: list[dict[str, float]]
    targets: list[dict[str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class GapVectors:
    cadre_ids: list[str]
    position_levels: np.ndarray  # one per cadre
    capabilities: list[str]  # the columns
    gaps: np.ndarray  # cadres x capabilities, points below target (0 at or above it)
    scored: np.ndarray  # cadres x capabilities, True where the cadre has a score
    judged: np.ndarray  # True where the cadre has both a score and a target
    below_target: np.ndarray  # True where scored, a target is known and the score is below it


def gap_vectors(
    cadre_ids: Sequence[str],
    position_levels: Sequence[str],
    scores: Sequence[Mapping[str, float]],
    targets: Sequence[Mapping[str, float]] = (),
) -> GapVectors:
    """One row per cadre; a capability a cadre was not scored on takes the period's median gap,
    so that a missing score neither looks like a weakness nor like a strength.

    A score above its target gives a gap of 0, not a negative one: how far a cadre exceeds a target
    is no training need, and must not split cadres who need the same training into groups.
    """
    capabilities = sorted({name for profile in scores for name in profile})
    column = {name: j for j, name in enumerate(capabilities)}
    shape = (len(scores), len(capabilities))
    gaps = np.full(shape, np.nan)
    below = np.zeros(shape, dtype=bool)
    judged = np.zeros(shape, dtype=bool)
    for i, profile in enumerate(scores):
        known = targets[i] if i < len(targets) else {}
        for name, score in profile.items():
            target = known.get(name)
            gaps[i, column[name]] = max((FULL_MARKS if target is None else target) - score, 0.0)
            judged[i, column[name]] = target is not None
            below[i, column[name]] = target is not None and score < target
    scored = ~np.isnan(gaps)
    if gaps.size and not scored.all():
        medians = np.nanmedian(gaps, axis=0)
        rows, cols = np.nonzero(~scored)
        gaps[rows, cols] = medians[cols]
    return GapVectors(
        list(cadre_ids),
        np.asarray(position_levels, dtype=object),
        capabilities,
        gaps,
        scored,
        judged,
        below,
    )


def period_gap_vectors(profiles: PeriodProfiles) -> GapVectors:
    return gap_vectors(
        profiles.cadre_ids, profiles.position_levels, profiles.scores, profiles.targets
    )
