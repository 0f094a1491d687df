"""Anomalies in submitted data.

- Outliers: per indicator and month, the robust z-score of each unit's value against all units
  reporting it, z = 0.6745 (x - median) / MAD; |z| above the threshold is an outlier. The median
  and MAD resist the very outliers they look for; groups with MAD 0 (most values equal) are skipped.
- Contradictions: spending above its budget (the spending indicator's target or threshold) while public
  satisfaction fell from the month before, in the same unit (the seeds' service-window case).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.scoring.domain.engine import MONTH_SLOTS, Aggregates, ItemTable, ObservationTable

CONSISTENCY = 0.6745  # makes the MAD of a normal distribution estimate its standard deviation


@dataclass(frozen=True)
class Outliers:
    observation: np.ndarray  # index into the observation table
    item: np.ndarray
    month: np.ndarray
    z: np.ndarray
    median: np.ndarray
    mad: np.ndarray


def _group_medians(group: np.ndarray, value: np.ndarray, n_groups: int) -> np.ndarray:
    order = np.lexsort((value, group))
    g, v = group[order], value[order]
    count = np.bincount(g, minlength=n_groups)
    start = np.r_[0, np.cumsum(count)[:-1]]
    low = start + (count - 1) // 2
    high = start + count // 2
    median = np.full(n_groups, np.nan)
    present = count > 0
    median[present] = (v[low[present]] + v[high[present]]) / 2
    return median


def outliers(items: ItemTable, observations: ObservationTable, aggregates: Aggregates, z_limit: float) -> Outliers:
    chosen = aggregates.month_order
    item = aggregates.month_item
    month = observations.month[chosen].astype(np.int64)
    value = observations.value[chosen]
    n_indicators = int(items.indicator.max(initial=-1)) + 1
    group = items.indicator[item] * MONTH_SLOTS + month
    n_groups = n_indicators * MONTH_SLOTS
    median = _group_medians(group, value, n_groups)
    deviation = np.abs(value - median[group])
    mad = _group_medians(group, deviation, n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = CONSISTENCY * (value - median[group]) / mad[group]
    hit = np.flatnonzero((mad[group] > 0) & (np.abs(z) > z_limit))
    return Outliers(
        observation=chosen[hit], item=item[hit], month=month[hit], z=np.round(z[hit], 2),
        median=median[group[hit]], mad=mad[group[hit]],
    )


@dataclass(frozen=True)
class Contradictions:
    unit: np.ndarray
    spending_item: np.ndarray
    satisfaction_item: np.ndarray


def contradictions(
    items: ItemTable, aggregates: Aggregates, n_units: int, spending_indicator: int, satisfaction_indicator: int
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
    return Contradictions(unit=both[hit], spending_item=spend[hit], satisfaction_item=satisfaction[hit])
