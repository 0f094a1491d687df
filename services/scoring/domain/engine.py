"""The scoring core: observations in, item and unit scores out, as numpy arrays (no I/O, no loops
over observations).

Every figure keeps what explains it: the aggregated value, the observation it cites (the latest one
used, with its revision), the fraction of the weight earned, the points and the effect, so that a
breakdown can be shown for any score. Points are kept to 4 decimals, so a unit's score is exactly
the sum of the contributions its breakdown lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from services.scoring.domain.rules import AGGREGATES, KINDS, METHODS, ItemRule

DECIMALS = 4
SCORED, RED_LINE, DEDUCTION, VETO_EXCELLENCE, VETO = range(len(KINDS))
ATTAINMENT, BANDS, PASS_FAIL, PER_INCIDENT = range(len(METHODS))
LAST, SUM, MEAN, MAX, MIN = range(len(AGGREGATES))
# What an item does besides its points; a failed red line does what the settings say. "exempted":
# the item would have deducted, but an approved exemption removed the deduction. An item nobody
# reported for the period is never taken as good: a red line or veto without data fails as
# "missing_data" (with the consequence its failure has), any other item shows "missing".
EFFECTS = ("none", "veto_excellence", "veto", "deduct", "exempted", "missing_data", "missing")
(
    EFFECT_NONE,
    EFFECT_VETO_EXCELLENCE,
    EFFECT_VETO,
    EFFECT_DEDUCT,
    EFFECT_EXEMPTED,
    EFFECT_MISSING_DATA,
    EFFECT_MISSING,
) = range(len(EFFECTS))
# What unreported mandatory data (red lines and vetoes) does: fail as missing data, or leave the item
# unfailed and block the unit's result until the data are reported.
MISSING_MANDATORY = ("fail", "block")
# Months are 1..12; a (series, month) pair is packed into one integer key.
MONTH_SLOTS = 16


def round_points(values: np.ndarray) -> np.ndarray:
    return np.round(values, DECIMALS)


@dataclass(frozen=True)
class RuleTable:
    """The distinct rule shapes of a run (all but weight and target, which are per item), as arrays
    indexed by rule number."""

    kind: np.ndarray
    higher: np.ndarray
    method: np.ndarray
    cap: np.ndarray
    band_at: np.ndarray  # (rules, bands), NaN where a rule has fewer bands
    band_share: np.ndarray
    threshold: np.ndarray
    per_incident: np.ndarray
    max_points: np.ndarray
    aggregate: np.ndarray

    @classmethod
    def build(cls, rules: Sequence[ItemRule]) -> RuleTable:
        bands = max((len(rule.bands) for rule in rules), default=0)
        band_at = np.full((len(rules), bands), np.nan)
        band_share = np.zeros((len(rules), bands))
        for row, rule in enumerate(rules):
            for position, band in enumerate(rule.bands):
                band_at[row, position], band_share[row, position] = band.bound, band.share

        def column(get: Callable[[ItemRule], Any], dtype: Any = float) -> np.ndarray:
            return np.array([get(rule) for rule in rules], dtype=dtype)

        return cls(
            kind=column(lambda r: KINDS.index(r.kind), np.int8),
            higher=column(lambda r: r.higher_is_better, bool),
            method=column(lambda r: METHODS.index(r.method), np.int8),
            cap=column(lambda r: r.cap),
            band_at=band_at,
            band_share=band_share,
            threshold=column(lambda r: r.threshold),
            per_incident=column(lambda r: r.points_per_incident),
            max_points=column(lambda r: r.max_points),
            aggregate=column(lambda r: AGGREGATES.index(r.aggregate), np.int8),
        )


@dataclass(frozen=True)
class ItemTable:
    """Every (unit, indicator) item in force for a run: one row each, pointing at its rule."""

    unit: np.ndarray  # index into the run's units
    series_key: np.ndarray  # the observation series of (unit, indicator)
    indicator: np.ndarray  # index into the run's indicator codes
    dimension: np.ndarray  # index into the run's dimensions
    weight: np.ndarray
    target: np.ndarray  # NaN where the list sets none
    rule: np.ndarray  # index into `rules`
    rules: RuleTable

    def __len__(self) -> int:
        return len(self.unit)

    def take(self, name: str) -> np.ndarray:
        """An attribute per item: its own weight and target, or its rule's."""
        if name in ("weight", "target"):
            own: np.ndarray = getattr(self, name)
            return own
        of_rule: np.ndarray = getattr(self.rules, name)[self.rule]
        return of_rule

    def goal(self) -> np.ndarray:
        """The value each item aims at: its target when scored by attainment, else its rule's threshold."""
        return np.where(self.take("method") == ATTAINMENT, self.target, self.take("threshold"))


@dataclass(frozen=True)
class ObservationTable:
    """Observations as stored: every revision of every source (the engine picks what counts)."""

    series_key: np.ndarray
    month: np.ndarray
    value: np.ndarray
    revision: np.ndarray
    observation_id: np.ndarray

    def __len__(self) -> int:
        return len(self.series_key)


@dataclass(frozen=True)
class Aggregates:
    """Per item: the value its rule scores, and the observations behind it."""

    value: np.ndarray  # NaN where nothing was observed
    count: np.ndarray  # months observed
    cited: np.ndarray  # index into the observation table of the latest observation used, -1 if none
    last: np.ndarray  # the latest month's value
    previous: np.ndarray  # the month before the latest observed one (NaN if none)
    month_order: np.ndarray  # indices of the effective observations, sorted by item then month
    month_item: np.ndarray  # the item of each of those


def aggregate(items: ItemTable, observations: ObservationTable, as_of_month: int) -> Aggregates:
    """Picks the latest observation per item and month (any source, newest id wins), then aggregates
    each item's months up to `as_of_month` by its rule's aggregate."""
    n = len(items)
    lookup = np.full(
        int(max(items.series_key.max(initial=0), observations.series_key.max(initial=0))) + 1,
        -1,
        np.int64,
    )
    lookup[items.series_key] = np.arange(n)
    item_of = lookup[observations.series_key]
    keep = np.flatnonzero((item_of >= 0) & (observations.month <= as_of_month))
    key = item_of[keep] * MONTH_SLOTS + observations.month[keep]
    order = np.lexsort((observations.observation_id[keep], key))
    key = key[order]
    # The newest observation of each (item, month) is the last of its run of equal keys.
    newest = np.r_[key[1:] != key[:-1], True] if len(key) else np.zeros(0, bool)
    effective = keep[order[newest]]
    item = key[newest] // MONTH_SLOTS
    value = observations.value[effective]

    count = np.bincount(item, minlength=n)
    total = np.bincount(item, weights=value, minlength=n)
    is_last = np.r_[item[1:] != item[:-1], True] if len(item) else np.zeros(0, bool)
    last_position = np.flatnonzero(is_last)
    last = np.full(n, np.nan)
    last[item[last_position]] = value[last_position]
    cited = np.full(n, -1, np.int64)
    cited[item[last_position]] = effective[last_position]
    previous = np.full(n, np.nan)
    has_previous = last_position[(last_position > 0)]
    has_previous = has_previous[item[has_previous - 1] == item[has_previous]]
    previous[item[has_previous]] = value[has_previous - 1]

    highest, lowest = np.full(n, np.nan), np.full(n, np.nan)
    if len(item):
        starts = np.flatnonzero(np.r_[True, item[1:] != item[:-1]])
        highest[item[starts]] = np.maximum.reduceat(value, starts)
        lowest[item[starts]] = np.minimum.reduceat(value, starts)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
    observed = count > 0
    chosen = np.choose(items.take("aggregate"), [last, total, mean, highest, lowest])
    return Aggregates(
        value=np.where(observed, chosen, np.nan),
        count=count,
        cited=cited,
        last=last,
        previous=previous,
        month_order=effective,
        month_item=item,
    )


@dataclass(frozen=True)
class ItemScores:
    fraction: np.ndarray  # share of the weight earned (0..cap), 0 where nothing was observed
    points: np.ndarray  # weight x fraction, 4 decimals
    deducted: np.ndarray  # points taken off, 4 decimals
    failed: np.ndarray  # a red line that was not reached
    effect: np.ndarray  # index into EFFECTS
    observed: np.ndarray  # reported for the period; the others are "not_reported"
    # What the item does to the unit's grade (EFFECT_NONE, EFFECT_VETO_EXCELLENCE or EFFECT_VETO),
    # also where its effect reads "missing_data".
    veto_of: np.ndarray
    mandatory_missing: np.ndarray  # an unreported red line or veto


_BINDING = np.isin(np.arange(len(KINDS)), (RED_LINE, VETO_EXCELLENCE, VETO))


def mandatory(items: ItemTable) -> np.ndarray:
    """The items whose absence can never pass: red lines and vetoes."""
    binding: np.ndarray = _BINDING[items.take("kind")]
    return binding


def score_items(
    items: ItemTable,
    aggregates: Aggregates,
    red_line_effect: str,
    red_line_points: float,
    exempted: np.ndarray | None = None,
    missing_mandatory: str = "fail",
) -> ItemScores:
    """`red_line_effect` is what a failed red line does: "veto_excellence", "veto" or "deduct" (the points).
    `exempted` marks the items an approved exemption covers (None: no item is covered).
    `missing_mandatory` is what an unreported red line or veto does (MISSING_MANDATORY)."""
    value = aggregates.value
    observed = aggregates.count > 0
    kind, higher, weight, target = (
        items.take("kind"),
        items.take("higher"),
        items.take("weight"),
        items.take("target"),
    )
    threshold = items.take("threshold")
    with np.errstate(invalid="ignore", divide="ignore"):
        # Lower is better: attainment is target / value, and a value of 0 is the best possible.
        ratio = np.where(higher, value / target, np.where(value > 0, target / value, np.inf))
        reached = np.where(higher, value >= threshold, value <= threshold)
        attainment = np.clip(np.nan_to_num(ratio, nan=0.0), 0.0, items.take("cap"))
        band_at = items.rules.band_at[items.rule]
        band_reached = np.where(
            higher[:, None], value[:, None] >= band_at, value[:, None] <= band_at
        )
    band_share = np.where(band_reached, items.rules.band_share[items.rule], 0.0).max(
        axis=1, initial=0.0
    )
    method = items.take("method")
    fraction = np.select(
        [method == ATTAINMENT, method == BANDS], [attainment, band_share], reached.astype(float)
    )
    earns = observed & ((kind == SCORED) | (kind == RED_LINE))
    fraction = np.where(earns, fraction, 0.0)
    points = round_points(weight * fraction)

    unreported = _BINDING[kind] & ~observed
    # Silence is a failure unless the settings block the result instead (then nothing fails yet, and
    # the result cannot be finalised until the data are reported).
    silent_fails = unreported if missing_mandatory == "fail" else np.zeros(len(items), bool)
    failed = (kind == RED_LINE) & ((observed & ~reached) | silent_fails)
    triggered = (observed & ~reached) | silent_fails
    incidents = np.where((kind == DEDUCTION) & observed, value, 0.0)
    deducted = np.minimum(incidents * items.take("per_incident"), items.take("max_points"))
    failure_points = red_line_points if red_line_effect == "deduct" else 0.0
    deducted = round_points(deducted + np.where(failed, failure_points, 0.0))
    failure_effect = EFFECTS.index(red_line_effect)
    veto_excellence = triggered & (kind == VETO_EXCELLENCE)
    veto = triggered & (kind == VETO)
    effect = np.select(
        [failed, veto_excellence, veto, deducted > 0],
        [failure_effect, EFFECT_VETO_EXCELLENCE, EFFECT_VETO, EFFECT_DEDUCT],
        EFFECT_NONE,
    ).astype(np.int8)
    # Kept before an exemption or a "missing" label rewrites the effect; only its veto values count.
    veto_of = effect
    if exempted is not None:
        # An exemption removes a deduction only: a veto, and the failure of a red line itself (which the
        # black list reports), stand whatever the exemption says.
        removed = exempted & (effect == EFFECT_DEDUCT)
        deducted = np.where(removed, 0.0, deducted)
        effect = np.where(removed, EFFECT_EXEMPTED, effect).astype(np.int8)
    if not observed.all():
        # The effect says why: an unreported item shows it is missing, whatever its failure does.
        effect = np.where(
            observed | (effect == EFFECT_EXEMPTED),
            effect,
            np.where(unreported, EFFECT_MISSING_DATA, EFFECT_MISSING),
        ).astype(np.int8)
    return ItemScores(
        fraction=fraction,
        points=points,
        deducted=deducted,
        failed=failed,
        effect=effect,
        observed=observed,
        veto_of=veto_of,
        mandatory_missing=unreported,
    )


@dataclass(frozen=True)
class UnitScores:
    weighted_sum: np.ndarray
    deductions: np.ndarray
    list_score: np.ndarray  # weighted sum minus deductions, within 0..100
    satisfaction: np.ndarray  # public satisfaction 0..100, NaN when nobody evaluated
    public_weight: np.ndarray  # the weight satisfaction got (0 when absent)
    score: np.ndarray
    red_lines_failed: np.ndarray
    veto_excellence: np.ndarray
    veto: np.ndarray
    scored: np.ndarray  # units with at least one item in force
    completeness: np.ndarray  # share of the unit's items reported for the period, 4 decimals
    mandatory_missing: np.ndarray  # how many red lines and vetoes went unreported


def score_units(
    items: ItemTable,
    scores: ItemScores,
    n_units: int,
    satisfaction: np.ndarray,
    public_weight: float,
) -> UnitScores:
    unit = items.unit
    in_force = np.bincount(unit, minlength=n_units)
    # Counted from the few unreported items, not weighted over all of them.
    reported = in_force - np.bincount(unit[~scores.observed], minlength=n_units)
    with np.errstate(invalid="ignore", divide="ignore"):
        completeness = round_points(np.where(in_force > 0, reported / in_force, 0.0))
    weighted_sum = round_points(np.bincount(unit, weights=scores.points, minlength=n_units))
    deductions = round_points(np.bincount(unit, weights=scores.deducted, minlength=n_units))
    list_score = np.clip(round_points(weighted_sum - deductions), 0.0, 100.0)
    evaluated = ~np.isnan(satisfaction)
    weight = np.where(evaluated, public_weight, 0.0)
    blended = round_points((1 - weight) * list_score + weight * np.nan_to_num(satisfaction))
    return UnitScores(
        weighted_sum=weighted_sum,
        deductions=deductions,
        list_score=list_score,
        satisfaction=satisfaction,
        public_weight=weight,
        score=np.where(evaluated, blended, list_score),
        red_lines_failed=np.bincount(unit, weights=scores.failed, minlength=n_units).astype(
            np.int64
        ),
        veto_excellence=np.bincount(
            unit, weights=scores.veto_of == EFFECT_VETO_EXCELLENCE, minlength=n_units
        )
        > 0,
        veto=np.bincount(unit, weights=scores.veto_of == EFFECT_VETO, minlength=n_units) > 0,
        scored=in_force > 0,
        completeness=completeness,
        mandatory_missing=np.bincount(unit[scores.mandatory_missing], minlength=n_units),
    )
