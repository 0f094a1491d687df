"""What the gaps mean for the department: each cluster and each common gap, with what to open.

Shares of a position level are real shares: the cadres of that level below target in the
capability, over the cadres of that level who have both a score and a target in it. A cohort size
is a count of cadres below target, never of a whole cluster: a cadre at target needs no seat.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from services.development.domain.gaps import GapVectors

# A capability defines a cluster when its centre lies this many standard deviations above average.
DEFINING_Z = 0.5
MAX_DEFINING = 3
# A gap many cadres share is worked on together: where no programme addresses it yet, the
# recommendation is a camp (the form the Digital Governance Leaders Training Camp took).
DEFAULT_KIND = "camp"


@dataclass(frozen=True)
class Offer:
    """The programme a weakness in a capability goes to first."""

    kind: str
    name: str


@dataclass(frozen=True)
class CommonGapRule:
    min_share: float = 0.7  # of a level's judged cadres below target
    min_judged: int = 10  # fewer judged cadres at a level say nothing about the level


@dataclass(frozen=True)
class ClusterSummary:
    index: int
    size: int
    share: float  # of all cadres clustered
    level_shares: dict[str, float]  # share of each position level's cadres that fall in the cluster
    mean_gaps: dict[str, float]  # points below target, per capability
    defining_capabilities: tuple[str, ...]
    recommendation: str
    programme_kind: str | None = None  # what to open; None when nothing is needed
    cohort_size: int = 0  # members below target in the main defining capability


@dataclass(frozen=True)
class CommonGap:
    capability: str
    position_level: str
    judged: int  # cadres of the level with a score and a target in the capability
    below_target: int
    share: float  # below_target / judged
    without_target: int  # scored cadres of the level whose portrait names no target
    mean_gap: float  # mean points below target of those below it
    programme_kind: str
    programme_name: str | None
    cohort_size: int
    recommendation: str


def words(capability: str) -> str:
    return capability.replace("_", " ")


def _offer_words(capability: str, offer: Offer | None) -> tuple[str, str | None, str]:
    if offer is None:
        return (
            DEFAULT_KIND,
            None,
            f"{DEFAULT_KIND} in {words(capability)} (no programme offers it yet)",
        )
    return offer.kind, offer.name, f"{offer.kind} ({offer.name})"


def defining_capabilities(
    scaled_centre: np.ndarray, capabilities: Sequence[str]
) -> tuple[str, ...]:
    order = np.argsort(-scaled_centre, kind="stable")
    return tuple(capabilities[j] for j in order if scaled_centre[j] >= DEFINING_Z)[:MAX_DEFINING]


def _level_masks(position_levels: np.ndarray) -> dict[str, np.ndarray]:
    """Which cadres hold each position level, computed once (comparing labels is the slow part)."""
    return {level: position_levels == level for level in sorted(set(position_levels))}


def _level_below(
    below: np.ndarray, judged: np.ndarray, masks: Mapping[str, np.ndarray]
) -> dict[str, tuple[int, int]]:
    """(below target, judged) per position level, for one capability over the given cadres."""
    return {
        level: (int(np.count_nonzero(below & at)), int(np.count_nonzero(judged & at)))
        for level, at in masks.items()
    }


def recommendation(
    size: int,
    defining: Sequence[str],
    seats: int,
    level_below: Mapping[str, tuple[int, int]],
    offer: Offer | None,
) -> tuple[str, str | None]:
    """The words and the programme kind; `level_below` is (members below target, level's judged)."""
    if not defining:
        return (
            f"no common gap stands out: cluster of {size:,} cadres at or below the average gaps; "
            "no programme needed",
            None,
        )
    main = defining[0]
    gaps = ", ".join(words(name) for name in defining)
    if seats == 0:
        return (
            f"cluster of {size:,} cadres with the largest gaps in {gaps}, but none of them is below a "
            f"known target in {words(main)}; no cohort needed",
            None,
        )
    kind, _, offer_words = _offer_words(main, offer)
    level, (below, judged) = max(
        ((lvl, counts) for lvl, counts in level_below.items() if counts[1]),
        key=lambda item: (item[1][0] / item[1][1], item[1][0], item[0]),
    )
    return (
        f"open a {offer_words} for {seats:,} cadres: cluster of {size:,} cadres; {below:,} of "
        f"{judged:,} {level}-level cadres ({below / judged:.0%}) below target in {words(main)} "
        f"(common gaps: {gaps})",
        kind,
    )


def summarise(
    labels: np.ndarray,
    k: int,
    vectors: GapVectors,
    scaled_centres: np.ndarray,
    offers: Mapping[str, Offer],
) -> list[ClusterSummary]:
    gaps, capabilities, position_levels = (
        vectors.gaps,
        vectors.capabilities,
        vectors.position_levels,
    )
    total = len(labels)
    sizes = np.bincount(labels, minlength=k)
    gap_sums = np.column_stack(
        [np.bincount(labels, weights=gaps[:, j], minlength=k) for j in range(gaps.shape[1])]
    )
    masks = _level_masks(position_levels)
    level_counts = {level: np.bincount(labels[at], minlength=k) for level, at in masks.items()}
    level_totals = {level: int(counts.sum()) for level, counts in level_counts.items()}
    column = {name: j for j, name in enumerate(capabilities)}
    summaries = []
    for index in range(k):
        size = int(sizes[index])
        members = labels == index
        level_shares = {
            level: round(float(counts[index]) / level_totals[level], 4)
            for level, counts in level_counts.items()
        }
        defining = defining_capabilities(scaled_centres[index], capabilities)
        mean_gaps = {
            name: round(float(gap_sums[index, j]) / size, 2) if size else 0.0
            for j, name in enumerate(capabilities)
        }
        seats: int = 0
        level_below: dict[str, tuple[int, int]] = {}
        if defining:
            j = column[defining[0]]
            below = vectors.below_target[:, j]
            seats = int((below & members).sum())
            level_below = _level_below(below & members, vectors.judged[:, j], masks)
        text, kind = recommendation(
            size, defining, seats, level_below, offers.get(defining[0]) if defining else None
        )
        summaries.append(
            ClusterSummary(
                index=index,
                size=size,
                share=round(size / total, 4) if total else 0.0,
                level_shares=level_shares,
                mean_gaps=mean_gaps,
                defining_capabilities=defining,
                recommendation=text,
                programme_kind=kind,
                cohort_size=seats if kind else 0,
            )
        )
    return sorted(summaries, key=lambda s: -s.size)


def common_gaps(
    vectors: GapVectors, offers: Mapping[str, Offer], rule: CommonGapRule = CommonGapRule()
) -> list[CommonGap]:
    """Each capability and position level where most judged cadres are below target, largest share first."""
    found = []
    masks = _level_masks(vectors.position_levels)
    for j, capability in enumerate(vectors.capabilities):
        below, judged = vectors.below_target[:, j], vectors.judged[:, j]
        unjudged = vectors.scored[:, j] & ~judged
        for level, (count, of) in _level_below(below, judged, masks).items():
            if of < max(rule.min_judged, 1) or count / of < rule.min_share:
                continue
            at_level_below = below & masks[level]
            share = count / of
            kind, name, offer_words = _offer_words(capability, offers.get(capability))
            found.append(
                CommonGap(
                    capability=capability,
                    position_level=level,
                    judged=of,
                    below_target=count,
                    share=round(share, 4),
                    without_target=int(np.count_nonzero(unjudged & masks[level])),
                    mean_gap=round(float(vectors.gaps[at_level_below, j].mean()), 2),
                    programme_kind=kind,
                    programme_name=name,
                    cohort_size=count,
                    recommendation=f"{words(capability)}: {share:.0%} of {level}-level cadres below "
                    f"target ({count:,} of {of:,}) -> open a {offer_words} for {count:,} cadres",
                )
            )
    return sorted(found, key=lambda g: (-g.share, -g.below_target, g.capability, g.position_level))
