"""One period's assessment of every unit and cadre in scope: the pure scoring core.

Units and cadres are numbered by the caller; every input and result is an array over them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.scoring.domain import capabilities as caps
from services.scoring.domain.cadres import CadreInputs, CadreScores, score_cadres
from services.scoring.domain.engine import (
    Aggregates,
    ItemScores,
    ItemTable,
    ObservationTable,
    UnitScores,
    aggregate,
    score_items,
    score_units,
)
from services.scoring.domain.grading import (
    CAP_BASICALLY_COMPETENT,
    CAP_COMPETENT,
    NO_CAP,
    Grading,
    Thresholds,
    grade,
    rank_within,
)
from services.scoring.domain.settings import AssessmentSettings

POSITION_LEVELS = ("principal", "deputy", "grassroots")
# A unit's veto reaches the cadres who lead it, not its grassroots staff.
LEADING_LEVELS = (0, 1)


@dataclass(frozen=True)
class AssessmentInputs:
    items: ItemTable
    tags: caps.ItemTags
    observations: ObservationTable
    as_of_month: int
    n_dimensions: int
    n_capabilities: int
    unit_category: np.ndarray  # index into `categories`
    categories: tuple[str, ...]
    satisfaction: np.ndarray  # per unit, NaN when nobody evaluated
    cadres: CadreInputs
    cadre_level: np.ndarray  # index into POSITION_LEVELS
    exempted: np.ndarray | None = None  # per item: an approved exemption removes its deduction

    @property
    def n_units(self) -> int:
        return len(self.unit_category)


@dataclass(frozen=True)
class Assessment:
    aggregates: Aggregates
    item_scores: ItemScores
    units: UnitScores
    unit_grading: Grading
    cadres: CadreScores
    cadre_cap: np.ndarray
    cadre_grading: Grading
    cadre_position: np.ndarray  # 0-based place in the peer group from the top
    bottom_ranked: np.ndarray


def veto_cap(veto_excellence: np.ndarray, veto: np.ndarray) -> np.ndarray:
    return np.select(
        [veto, veto_excellence], [CAP_BASICALLY_COMPETENT, CAP_COMPETENT], NO_CAP
    ).astype(np.int8)


def assess(inputs: AssessmentInputs, settings: AssessmentSettings) -> Assessment:
    items = inputs.items
    thresholds = Thresholds(
        settings.excellent_from, settings.competent_from, settings.basically_competent_from
    )
    aggregates = aggregate(items, inputs.observations, inputs.as_of_month)
    item_scores = score_items(
        items,
        aggregates,
        settings.red_line_effect,
        settings.red_line_points,
        inputs.exempted,
        settings.missing_mandatory,
    )
    units = score_units(
        items, item_scores, inputs.n_units, inputs.satisfaction, settings.public_weight
    )

    unit_cap = veto_cap(units.veto_excellence, units.veto)
    unit_quota = np.full(inputs.n_units, settings.unit_excellent_quota)
    # Units without items are ranked in a group of their own so they take no quota places.
    unit_group = np.where(units.scored, inputs.unit_category, -1)
    unit_grading = grade(units.score, unit_group, unit_quota, unit_cap, thresholds)

    cadres = inputs.cadres
    cadre_scores = score_cadres(
        cadres, units, items, item_scores, inputs.n_dimensions, settings.daily_base
    )
    unit_of = np.maximum(cadres.unit, 0)
    leads = np.isin(inputs.cadre_level, LEADING_LEVELS)
    cadre_cap = np.where(leads & (cadres.unit >= 0), unit_cap[unit_of], NO_CAP).astype(np.int8)
    category = inputs.unit_category[unit_of]
    scored = ~np.isnan(cadre_scores.total)
    peer_group = np.where(scored, category * len(POSITION_LEVELS) + inputs.cadre_level, -1)
    quota_of_category = np.array(
        [settings.excellent_quota_for(name) for name in inputs.categories] or [0.0]
    )
    total = np.nan_to_num(cadre_scores.total, nan=-1.0)
    cadre_grading = grade(total, peer_group, quota_of_category[category], cadre_cap, thresholds)
    _, _, position = rank_within(peer_group, total)

    bottom = scored & caps.bottom_ranked(
        position, cadre_grading.group_size, settings.bottom_ranked_share, settings.min_peer_group
    )
    return Assessment(
        aggregates=aggregates,
        item_scores=item_scores,
        units=units,
        unit_grading=unit_grading,
        cadres=cadre_scores,
        cadre_cap=cadre_cap,
        cadre_grading=cadre_grading,
        cadre_position=position,
        bottom_ranked=bottom,
    )
