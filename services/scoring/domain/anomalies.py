"""Anomalies in submitted data.

- Outliers: per indicator and month, the robust z-score of each unit's value against all units
  reporting it, z = 0.6745 (x - median) / MAD; |z| above the threshold is an outlier. Values are
  compared as a share of each unit's own goal (units carry different targets for the same
  indicator), raw where an indicator has no single goal. The median and MAD resist the very
  outliers they look for; the MAD is at least 1% of the median, so that tightly clustered values are
  not flagged for trifles, and groups with too few units for a median to mean anything are skipped.
- Contradictions: spending above its budget (the spending indicator's target or threshold) while public
  satisfaction fell from the month before, in the same unit (the seeds' service-window case).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.scoring.domain.engine import MONTH_SLOTS, Aggregates, ItemTable, ObservationTable

CONSISTENCY = 0.6745  # makes the MAD of a normal distribution estimate its standard deviation
MAD_FLOOR = 0.01


@dataclass(frozen=True)
class Outliers:
    observation: np.ndarray  # index into the observation table
    item: np.ndarray
    month: np.ndarray
    z: np.ndarray
    median: np.ndarray  # of the compared values (shares of the goal where there is one)
    mad: np.ndarray
    scaled: np.ndarray  # compared as a share of the goal


def _robust_centres(
    group: np.ndarray, value: np.ndarray, n_groups: int, min_units: int
) -> tuple[np.ndarray, np.ndarray]:
    """Median and MAD per group (NaN for groups smaller than `min_units`); one sort by group, then
    a partition per group (groups are indicators x months: few, however many observations)."""
    order = np.argsort(group, kind="stable")
    values = value[order]
    bounds = np.searchsorted(group[order], np.arange(n_groups + 1))
    median, mad = np.full(n_groups, np.nan), np.full(n_groups, np.nan)
    for g in np.flatnonzero(np.diff(bounds) >= min_units).tolist():
        members = values[bounds[g] : bounds[g + 1]]
        median[g] = np.median(members)
        mad[g] = np.median(np.abs(members - median[g]))
    return median, mad


def outliers(
    items: ItemTable,
    observations: ObservationTable,
    aggregates: Aggregates,
    z_limit: float,
    min_units: int,
) -> Outliers:
    chosen = aggregates.month_order
    item = aggregates.month_item
    month = observations.month[chosen].astype(np.int64)
    goal = items.goal()[item]
    scaled = np.isfinite(goal) & (goal != 0)
    value = np.where(
        scaled, observations.value[chosen] / np.where(scaled, goal, 1.0), observations.value[chosen]
    )
    n_indicators = int(items.indicator.max(initial=-1)) + 1
    group = items.indicator[item] * MONTH_SLOTS + month
    n_groups = n_indicators * MONTH_SLOTS
    median, mad = _robust_centres(group, value, n_groups, min_units)
    mad = np.maximum(mad, MAD_FLOOR * np.abs(median))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = CONSISTENCY * (value - median[group]) / mad[group]
        hit = np.flatnonzero((mad[group] > 0) & (np.abs(z) > z_limit))
    return Outliers(
        observation=chosen[hit],
        item=item[hit],
        month=month[hit],
        z=np.round(z[hit], 2),
        median=median[group[hit]],
        mad=mad[group[hit]],
        scaled=scaled[hit],
    )


@dataclass(frozen=True)
class Contradictions:
    unit: np.ndarray
    spending_item: np.ndarray
    satisfaction_item: np.ndarray


def contradictions(
    items: ItemTable,
    aggregates: Aggregates,
    n_units: int,
    spending_indicator: int,
    satisfaction_indicator: int,
) -> Contradictions:
    """Units whose spending exceeded its target while satisfaction fell (indicators by index; -1 = absent)."""
    spending_of = np.full(n_units, -1, np.int64)
    satisfaction_of = np.full(n_units, -1, np.int64)
    is_spending = np.flatnonzero(items.indicator == spending_indicator)
    is_satisfaction = np.flatnonzero(items.indicator == satisfaction_indicator)
    spending_of[items.unit[is_spending]] = is_spending
    satisfaction_of[items.unit[is_satisfaction]] = is_satisfaction
    both = np.flatnonzero((spending_of >= 0) & (satisfaction_of >= 0))
    spend, satisfaction = spending_of[both], satisfaction_of[both]
    with np.errstate(invalid="ignore"):
        over_budget = aggregates.value[spend] > items.goal()[spend]
        falling = aggregates.last[satisfaction] < aggregates.previous[satisfaction]
    hit = over_budget & falling
    return Contradictions(
        unit=both[hit], spending_item=spend[hit], satisfaction_item=satisfaction[hit]
    )
