"""Cadre scores: the annual score judged by the work (units led, area in charge) and the cadre's
own evaluation, fused with daily records and the term evaluation into a total.

A component that has no data yet (no own evaluation, no term evaluation) is left out and the
weights of the others are scaled up to sum to 1; the effective weights are kept for the breakdown.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.scoring.domain.engine import (
    RED_LINE,
    SCORED,
    ItemScores,
    ItemTable,
    UnitScores,
    round_points,
)


@dataclass(frozen=True)
class CadreInputs:
    unit: np.ndarray  # index into the run's units
    own: np.ndarray  # own evaluation 0..100, NaN if none
    term: np.ndarray  # term evaluation 0..100, NaN if none
    daily_points: np.ndarray  # sum of the period's daily record points
    # Fusion weights per cadre (from the scheme of the cadre's unit list)
    w_work: np.ndarray
    w_area: np.ndarray
    w_own: np.ndarray
    w_daily: np.ndarray
    w_annual: np.ndarray
    w_term: np.ndarray
    # Areas in charge: pairs (cadre, dimension); a cadre without any is in charge of the whole unit.
    area_cadre: np.ndarray
    area_dimension: np.ndarray

    def __len__(self) -> int:
        return len(self.unit)


@dataclass(frozen=True)
class CadreScores:
    work: np.ndarray
    area: np.ndarray
    own: np.ndarray
    annual: np.ndarray
    daily: np.ndarray
    term: np.ndarray
    total: np.ndarray  # NaN when the cadre's unit was not scored
    # Effective weights after leaving out components without data.
    weights: dict[str, np.ndarray]


def fuse(weights: list[np.ndarray], parts: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Weighted mean of the parts that have data; returns it and the effective weights."""
    present = [~np.isnan(part) for part in parts]
    available = sum(np.where(has, w, 0.0) for w, has in zip(weights, present))
    with np.errstate(invalid="ignore", divide="ignore"):
        effective = [np.where(has, w / available, 0.0) for w, has in zip(weights, present)]
    value = sum(e * np.nan_to_num(part) for e, part in zip(effective, parts))
    return np.where(available > 0, round_points(value), np.nan), effective


def area_scores(
    items: ItemTable,
    scores: ItemScores,
    n_units: int,
    n_dimensions: int,
    cadres: CadreInputs,
    work: np.ndarray,
) -> np.ndarray:
    """Points earned over weight available in the dimensions a cadre is in charge of, x 100."""
    kind = items.take("kind")
    counts = ((kind == SCORED) | (kind == RED_LINE)) & (items.take("weight") > 0)
    cell = items.unit * n_dimensions + items.dimension
    size = n_units * n_dimensions
    earned = np.bincount(cell[counts], weights=scores.points[counts], minlength=size)
    possible = np.bincount(cell[counts], weights=items.take("weight")[counts], minlength=size)
    unit_of_pair = cadres.unit[cadres.area_cadre]
    pair_cell = np.where(unit_of_pair >= 0, unit_of_pair * n_dimensions + cadres.area_dimension, 0)
    valid = unit_of_pair >= 0
    numerator = np.bincount(
        cadres.area_cadre, weights=np.where(valid, earned[pair_cell], 0.0), minlength=len(cadres)
    )
    denominator = np.bincount(
        cadres.area_cadre, weights=np.where(valid, possible[pair_cell], 0.0), minlength=len(cadres)
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        area = round_points(np.clip(100.0 * numerator / denominator, 0.0, 100.0))
    return np.where(denominator > 0, area, work)


def score_cadres(
    cadres: CadreInputs,
    units: UnitScores,
    items: ItemTable,
    item_scores: ItemScores,
    n_dimensions: int,
    daily_base: float,
) -> CadreScores:
    scored_unit = (cadres.unit >= 0) & units.scored[np.maximum(cadres.unit, 0)]
    work = np.where(scored_unit, units.score[np.maximum(cadres.unit, 0)], np.nan)
    area = area_scores(items, item_scores, len(units.score), n_dimensions, cadres, work)
    annual, (e_work, e_area, e_own) = fuse(
        [cadres.w_work, cadres.w_area, cadres.w_own], [work, area, cadres.own]
    )
    annual = np.where(scored_unit, annual, np.nan)
    daily = round_points(np.clip(daily_base + cadres.daily_points, 0.0, 100.0))
    total, (e_daily, e_annual, e_term) = fuse(
        [cadres.w_daily, cadres.w_annual, cadres.w_term], [daily, annual, cadres.term]
    )
    return CadreScores(
        work=work,
        area=area,
        own=cadres.own,
        annual=annual,
        daily=daily,
        term=cadres.term,
        total=np.where(scored_unit, total, np.nan),
        weights={
            "work": e_work,
            "area": e_area,
            "own": e_own,
            "daily": e_daily,
            "annual": e_annual,
            "term": e_term,
        },
    )
