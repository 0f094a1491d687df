"""Monthly monitoring: each indicator with a target against its trajectory for the month.

The planned value of a month is the item's goal: its target (or its pass/fail threshold), which for
cumulative indicators the item table already holds pro rata to the month (3/12 of it in March).
A value worse than planned by more than the tolerance (a share of the plan; none for red lines) is
behind plan, and the unit's leaders are called to a supervisory interview.

What is due every month and was not reported by the deadline (a day of the following month) is
overdue: its data owner, the unit or the system that feeds it, is told (ReportOverdue).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from services.scoring.domain.engine import (
    RED_LINE,
    SCORED,
    Aggregates,
    ItemTable,
    ObservationTable,
    round_points,
)


@dataclass(frozen=True)
class Trajectory:
    item: np.ndarray  # items with a plan and a value for the month
    actual: np.ndarray
    planned: np.ndarray
    shortfall: np.ndarray  # how far behind plan (0 when on track)
    behind: np.ndarray
    observation: np.ndarray  # index into the observation table


def check_month(
    items: ItemTable,
    observations: ObservationTable,
    aggregates: Aggregates,
    month: int,
    tolerance: float,
) -> Trajectory:
    chosen = aggregates.month_order
    in_month = observations.month[chosen] == month
    item = aggregates.month_item[in_month]
    observation = chosen[in_month]
    kind = items.take("kind")[item]
    goal = items.goal()[item]
    # Threshold bands have no single goal (NaN), so they are not monitored.
    monitored = ((kind == SCORED) | (kind == RED_LINE)) & ~np.isnan(goal)
    item, observation, goal = item[monitored], observation[monitored], goal[monitored]
    kind = kind[monitored]
    actual = observations.value[observation]
    planned = round_points(goal)
    higher = items.take("higher")[item]
    # A binding red line has no tolerance: crossing it is behind plan.
    margin = np.where(kind == RED_LINE, 0.0, tolerance * np.abs(planned))
    behind = np.where(higher, actual < planned - margin, actual > planned + margin)
    shortfall = round_points(np.where(behind, np.abs(planned - actual), 0.0))
    return Trajectory(item, actual, planned, shortfall, behind, observation)


def deadline_of(year: int, month: int, day: int) -> date:
    """Day `day` of the month after `month`."""
    return date(year + month // 12, month % 12 + 1, day)


def unreported_in_month(
    items: ItemTable,
    observations: ObservationTable,
    aggregates: Aggregates,
    month: int,
    due: np.ndarray,
) -> np.ndarray:
    """The items due in the month (`due`, per item) with no observation of that month."""
    reported = np.zeros(len(items), bool)
    chosen = aggregates.month_order
    reported[aggregates.month_item[observations.month[chosen] == month]] = True
    missing: np.ndarray = np.flatnonzero(due & ~reported)
    return missing
