"""Turns what a run read into the engine's arrays, and keeps the names behind the numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from services.scoring.adapters.run_input_repository import RunRows
from services.scoring.domain.assessment import POSITION_LEVELS, AssessmentInputs
from services.scoring.domain.cadres import CadreInputs
from services.scoring.domain.exempted_items import ExemptedItems, covered_items
from services.scoring.domain.exemptions import Exemption
from services.scoring.domain.inputs import Numbering
from services.scoring.domain.periods import Period
from services.scoring.domain.settings import AssessmentSettings


@dataclass
class RunContext:
    period: Period
    rows: RunRows
    inputs: AssessmentInputs
    unit_ids: list[str]
    cadre_ids: list[str]
    exempted: ExemptedItems

    @property
    def indicator_codes(self) -> list[str]:
        return self.rows.items.indicators.values

    @property
    def dimensions(self) -> list[str]:
        return self.rows.items.dimensions.values

    @property
    def capabilities(self) -> list[str]:
        return self.rows.items.capabilities.values

    @cached_property
    def item_codes(self) -> list[str]:
        codes = self.indicator_codes
        return [codes[i] for i in self.inputs.items.indicator.tolist()]

    def unit_category(self, unit: int) -> str:
        return self.rows.units.category[unit]


def build(
    period: Period,
    rows: RunRows,
    settings: AssessmentSettings,
    exemptions: Sequence[Exemption] = (),
) -> RunContext:
    """`exemptions`: the approved ones of the period; the items they cover lose their deductions."""
    units = rows.units
    items, tags = rows.items.build()
    exempted = covered_items(items, units.ids, rows.items.indicators, exemptions, period.text)
    categories = Numbering(sorted(set(units.category)))
    unit_category = np.array([categories.get(c) for c in units.category], np.int64)
    satisfaction = np.array(
        [rows.satisfaction.get(u, (np.nan, 0))[0] for u in units.ids.values], float
    )

    c = rows.cadres
    unit_index = np.array([units.ids.get(u) for u in c.unit_id], np.int64)
    weights = [
        settings.weights_for(units.scheme[u] if u >= 0 else None) for u in unit_index.tolist()
    ]
    cadre_number = {cadre_id: i for i, cadre_id in enumerate(c.ids)}
    # An area no list in force has is left out; a cadre left with none answers for the whole unit.
    pairs = [
        (cadre_number[cadre_id], rows.items.dimensions.get(dimension))
        for cadre_id, dimension in c.areas
        if cadre_id in cadre_number and rows.items.dimensions.get(dimension) >= 0
    ]

    def weight(name: str) -> np.ndarray:
        return np.array([getattr(w, name) for w in weights], float)

    cadres = CadreInputs(
        unit=unit_index,
        own=np.array([c.own.get(i, np.nan) for i in c.ids], float),
        term=np.array([c.term.get(i, np.nan) for i in c.ids], float),
        daily_points=np.array([c.daily_points.get(i, 0.0) for i in c.ids], float),
        w_work=weight("work"),
        w_area=weight("area"),
        w_own=weight("own"),
        w_daily=weight("daily"),
        w_annual=weight("annual"),
        w_term=weight("term"),
        area_cadre=np.array([p[0] for p in pairs], np.int64),
        area_dimension=np.array([p[1] for p in pairs], np.int64),
    )
    inputs = AssessmentInputs(
        items=items,
        tags=tags,
        observations=rows.observations,
        as_of_month=period.last_month,
        n_dimensions=len(rows.items.dimensions),
        n_capabilities=len(rows.items.capabilities),
        unit_category=unit_category,
        categories=tuple(categories.values),
        satisfaction=satisfaction,
        cadres=cadres,
        cadre_level=np.array([POSITION_LEVELS.index(level) for level in c.level], np.int64),
        exempted=exempted.mask,
    )
    return RunContext(period, rows, inputs, list(units.ids.values), list(c.ids), exempted)
