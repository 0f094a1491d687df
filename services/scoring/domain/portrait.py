"""The individual capability portrait (数字画像): per cadre and capability a score fused from the
cadre's own evidence, how much evidence made it and how far it can be trusted, the place among
peers, the gap to the competency model's target, and the efficiency index (效能指数).

Each source turns its records for a (cadre, capability) into one score 0-100:
- portfolio: the items the cadre answers for, each worth `share x weight`; the score is the weighted
  mean of the items' attainment (x 100, capped at 100). A unit result reaches a cadre only here.
- daily: `daily_base + the sum of the points` of the records tagged with the capability, 0-100.
- evaluation (360): the mean of each rater group, weighted by the group's weight; shown only when at
  least `min_raters` answered for the capability, otherwise the source has no score at all.
- training, term: the mean of the results.
A source without records has no score (silence never scores). The capability's score is the mean of
the sources that have one, weighted by the model's source weights. Confidence is the model's weight
backed by enough evidence: sum over the model's sources of weight x min(1, records / full), over the
sum of the weights (a source with no score counts 0 records). The efficiency index is
`attainment_weight x mean(min(100, 100 x score / target)) + peer_weight x mean(peer percentile)` over
the capabilities with a score. docs/scoring.md works one through by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.scoring.domain.capabilities import HIGH, LOW, MEDIUM, Weaknesses, peer_percentiles
from services.scoring.domain.competency import SOURCES
from services.scoring.domain.engine import round_points

MEAN_SOURCES = ("portfolio", "evaluation", "training", "term")


@dataclass(frozen=True)
class SourceRecords:
    """One source's evidence as rows (cadre, capability): a row's value counts with its weight and
    stands for `count` records (a rater group's mean stands for its raters)."""

    cadre: np.ndarray
    capability: np.ndarray
    value: np.ndarray
    weight: np.ndarray
    count: np.ndarray

    @classmethod
    def empty(cls) -> SourceRecords:
        return cls(*(np.zeros(0, t) for t in (np.int64, np.int64, float, float, np.int64)))


@dataclass(frozen=True)
class PortraitRules:
    daily_base: float = 80.0
    min_raters: int = 5
    full_evidence: tuple[float, ...] = (1.0, 3.0, 5.0, 1.0, 1.0)  # aligned with SOURCES
    min_confidence: float = 0.5
    weakness_gap: float = 0.0
    bottom_share: float = 0.10
    min_group: int = 5
    attainment_weight: float = 0.7
    peer_weight: float = 0.3


@dataclass(frozen=True)
class PortraitInputs:
    n_cadres: int
    level: np.ndarray  # per cadre: index into competency.POSITION_LEVELS
    peer_group: np.ndarray  # per cadre, -1 when not ranked
    targets: np.ndarray  # (levels, capabilities)
    weights: np.ndarray  # (capabilities, SOURCES)
    sources: dict[str, SourceRecords]

    @property
    def n_capabilities(self) -> int:
        return int(self.weights.shape[0])


@dataclass(frozen=True)
class Portrait:
    by_source: np.ndarray  # (SOURCES, cadres, capabilities) NaN where a source has no score
    counts: np.ndarray  # (SOURCES, cadres, capabilities) records behind each source's score
    hidden: np.ndarray  # (cadres, capabilities) 360 answers withheld: fewer raters than the floor
    score: np.ndarray
    evidence: np.ndarray
    confidence: np.ndarray
    target: np.ndarray
    gap: np.ndarray
    percentile: np.ndarray
    peers: np.ndarray
    efficiency: np.ndarray  # per cadre, NaN without any score
    threshold: np.ndarray  # the score below which a capability is weak: target - weakness_gap
    weaknesses: Weaknesses


def _per_cell(records: SourceRecords, size: int, n_capabilities: int) -> tuple[np.ndarray, ...]:
    cell = records.cadre * n_capabilities + records.capability
    weighted = np.bincount(cell, weights=records.weight * records.value, minlength=size)
    weight = np.bincount(cell, weights=records.weight, minlength=size)
    total = np.bincount(cell, weights=records.value, minlength=size)
    count = np.bincount(cell, weights=records.count, minlength=size).astype(np.int64)
    return weighted, weight, total, count


def source_scores(
    inputs: PortraitInputs, rules: PortraitRules
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n, k = inputs.n_cadres, inputs.n_capabilities
    size = n * k
    scores = np.full((len(SOURCES), size), np.nan)
    counts = np.zeros((len(SOURCES), size), np.int64)
    hidden = np.zeros(size, bool)
    for s, source in enumerate(SOURCES):
        records = inputs.sources.get(source)
        if records is None or not len(records.cadre):
            continue
        weighted, weight, total, count = _per_cell(records, size, k)
        with np.errstate(invalid="ignore", divide="ignore"):
            if source == "daily":
                value = np.clip(rules.daily_base + total, 0.0, 100.0)
                shown = count > 0
            else:
                value = weighted / weight
                shown = (count > 0) & (weight > 0)
        if source == "evaluation":
            # Below the floor nothing of the answers is shown, not even that they were low.
            hidden = shown & (count < rules.min_raters)
            shown &= ~hidden
        scores[s] = np.where(shown, round_points(value), np.nan)
        counts[s] = np.where(shown, count, 0)
    shape = (len(SOURCES), n, k)
    return scores.reshape(shape), counts.reshape(shape), hidden.reshape(n, k)


def portray(inputs: PortraitInputs, rules: PortraitRules) -> Portrait:
    by_source, counts, hidden = source_scores(inputs, rules)
    weights = inputs.weights.T[:, None, :]  # (SOURCES, 1, capabilities)
    present = ~np.isnan(by_source)
    used = np.where(present, weights, 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(
            used > 0,
            round_points((weights * np.nan_to_num(by_source)).sum(axis=0) / used),
            np.nan,
        )
        full = np.asarray(rules.full_evidence, float)[:, None, None]
        backed = (weights * np.minimum(1.0, counts / full)).sum(axis=0)
        confidence = np.round(backed / weights.sum(axis=0), 2)
    has = ~np.isnan(score)
    confidence = np.where(has, confidence, 0.0)
    evidence = counts.sum(axis=0)
    target = inputs.targets[inputs.level]
    gap = np.where(has, round_points(target - score), np.nan)
    percentile, peers = peer_percentiles(
        np.where((inputs.peer_group >= 0)[:, None], score, np.nan), inputs.peer_group
    )
    efficiency = efficiency_index(score, target, percentile, rules)
    threshold = target - rules.weakness_gap
    weak = weaknesses(score, threshold, percentile, peers, confidence, rules)
    return Portrait(
        by_source=by_source,
        counts=counts,
        hidden=hidden,
        score=score,
        evidence=evidence,
        confidence=confidence,
        target=target,
        gap=gap,
        percentile=percentile,
        peers=peers,
        efficiency=efficiency,
        threshold=threshold,
        weaknesses=weak,
    )


def efficiency_index(
    score: np.ndarray, target: np.ndarray, percentile: np.ndarray, rules: PortraitRules
) -> np.ndarray:
    """The configurable composite: attainment of the targets and standing among peers."""
    has = ~np.isnan(score)
    with np.errstate(invalid="ignore", divide="ignore"):
        attainment = np.where(target > 0, np.minimum(100.0, 100.0 * score / target), 100.0)
        mean_attainment = np.where(has, attainment, 0.0).sum(axis=1) / has.sum(axis=1)
        ranked = ~np.isnan(percentile)
        mean_place = np.where(ranked, percentile, 0.0).sum(axis=1) / ranked.sum(axis=1)
    # A cadre without peers to rank among is judged on attainment alone.
    peer_weight = np.where(np.isnan(mean_place), 0.0, rules.peer_weight)
    total = rules.attainment_weight + peer_weight
    with np.errstate(invalid="ignore", divide="ignore"):
        index = (
            rules.attainment_weight * mean_attainment + peer_weight * np.nan_to_num(mean_place)
        ) / total
    return np.where(has.any(axis=1) & (total > 0), round_points(index), np.nan)


def weaknesses(
    score: np.ndarray,
    threshold: np.ndarray,
    percentile: np.ndarray,
    peers: np.ndarray,
    confidence: np.ndarray,
    rules: PortraitRules,
) -> Weaknesses:
    """Weak: below the threshold or in the bottom share of a large enough peer group, and only on
    evidence trusted enough. Severity high when both, medium below the threshold only, low when in
    the bottom share only."""
    with np.errstate(invalid="ignore"):
        below = score < threshold
        bottom = (peers >= rules.min_group) & (percentile < 100.0 * rules.bottom_share)
        trusted = ~np.isnan(score) & (confidence >= rules.min_confidence)
    cadre, capability = np.nonzero((below | bottom) & trusted)
    b, m = below[cadre, capability], bottom[cadre, capability]
    severity = np.select([b & m, b], [HIGH, MEDIUM], LOW).astype(np.int8)
    return Weaknesses(cadre, capability, severity)
