"""What each cluster means for the department: size, who is in it, its gaps, what to open."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

# A capability defines a cluster when its centre lies this many standard deviations above average.
DEFINING_Z = 0.5
MAX_DEFINING = 3


@dataclass(frozen=True)
class ClusterSummary:
    index: int
    size: int
    share: float  # of all cadres clustered
    level_shares: dict[str, float]  # share of each position level's cadres that fall in the cluster
    mean_gaps: dict[str, float]  # points below full marks, per capability
    defining_capabilities: tuple[str, ...]
    recommendation: str


def defining_capabilities(
    scaled_centre: np.ndarray, capabilities: Sequence[str]
) -> tuple[str, ...]:
    order = np.argsort(-scaled_centre, kind="stable")
    return tuple(capabilities[j] for j in order if scaled_centre[j] >= DEFINING_Z)[:MAX_DEFINING]


def recommendation(
    size: int,
    defining: Sequence[str],
    level_shares: Mapping[str, float],
    programme_names: Mapping[str, str],
) -> str:
    if not defining:
        return f"no common gap stands out: cluster of {size:,} cadres at or below the average gaps; no programme needed"
    main = defining[0]
    offer = programme_names.get(main) or f"{main.replace('_', ' ')} programme"
    level, share = max(level_shares.items(), key=lambda item: (item[1], item[0]))
    gaps = ", ".join(name.replace("_", " ") for name in defining)
    return (
        f"open a {offer} cohort: cluster of {size:,} cadres, {share:.0%} of {level}-level cadres "
        f"(common gaps: {gaps})"
    )


def summarise(
    labels: np.ndarray,
    k: int,
    gaps: np.ndarray,
    scaled_centres: np.ndarray,
    position_levels: np.ndarray,
    capabilities: Sequence[str],
    programme_names: Mapping[str, str],
) -> list[ClusterSummary]:
    total = len(labels)
    sizes = np.bincount(labels, minlength=k)
    gap_sums = np.column_stack(
        [np.bincount(labels, weights=gaps[:, j], minlength=k) for j in range(gaps.shape[1])]
    )
    level_counts = {
        level: np.bincount(labels[position_levels == level], minlength=k)
        for level in sorted(set(position_levels))
    }
    level_totals = {level: int(counts.sum()) for level, counts in level_counts.items()}
    summaries = []
    for index in range(k):
        size = int(sizes[index])
        level_shares = {
            level: round(float(counts[index]) / level_totals[level], 4)
            for level, counts in level_counts.items()
        }
        defining = defining_capabilities(scaled_centres[index], capabilities)
        mean_gaps = {
            name: round(float(gap_sums[index, j]) / size, 2) if size else 0.0
            for j, name in enumerate(capabilities)
        }
        summaries.append(
            ClusterSummary(
                index=index,
                size=size,
                share=round(size / total, 4) if total else 0.0,
                level_shares=level_shares,
                mean_gaps=mean_gaps,
                defining_capabilities=defining,
                recommendation=recommendation(size, defining, level_shares, programme_names),
            )
        )
    return sorted(summaries, key=lambda s: -s.size)
