"""Small assessments built by hand for the engine's tests."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from services.scoring.domain.assessment import POSITION_LEVELS, AssessmentInputs
from services.scoring.domain.cadres import CadreInputs
from services.scoring.domain.engine import ObservationTable
from services.scoring.domain.inputs import ItemTableBuilder, Numbering
from services.scoring.domain.settings import AssessmentSettings


@dataclass
class Item:
    code: str
    dimension: str
    kind: str
    weight: float
    target: float | None
    rule: dict = field(default_factory=dict)
    direction: str = "higher_is_better"
    tags: tuple[str, ...] = ()


@dataclass
class Cadre:
    cadre_id: str
    unit_id: str
    level: str
    own: float = np.nan
    term: float = np.nan
    daily_points: float = 0.0
    areas: tuple[str, ...] = ()


@dataclass
class Scenario:
    """Units with their lists, observations (unit, code, month, value), cadres and satisfaction."""

    lists: dict[str, list[Item]]
    categories: dict[str, str]
    observations: list[tuple[str, str, int, float]] = field(default_factory=list)
    cadres: list[Cadre] = field(default_factory=list)
    satisfaction: dict[str, float] = field(default_factory=dict)
    as_of_month: int = 12
    settings: AssessmentSettings = field(default_factory=AssessmentSettings)

    def inputs(self) -> tuple[AssessmentInputs, ItemTableBuilder, dict]:
        units = Numbering(self.lists)
        builder = ItemTableBuilder(units, self.settings.cumulative_indicators, self.as_of_month)
        series: dict[tuple[str, str], int] = {}
        for unit_id, items in self.lists.items():
            for item in items:
                key = series[(unit_id, item.code)] = len(series) + 1
                builder.add(
                    unit_id,
                    key,
                    item.code,
                    item.dimension,
                    item.kind,
                    item.direction,
                    item.rule,
                    item.weight,
                    item.target,
                    item.tags,
                )
        items, tags = builder.build()
        observed = [(series[(u, c)], m, v) for u, c, m, v in self.observations]
        observations = ObservationTable(
            series_key=np.array([o[0] for o in observed], np.int64),
            month=np.array([o[1] for o in observed], np.int64),
            value=np.array([o[2] for o in observed], float),
            revision=np.ones(len(observed), np.int64),
            observation_id=np.arange(1, len(observed) + 1, dtype=np.int64),
        )
        categories = Numbering(sorted(set(self.categories.values())))
        cadres = self._cadres(units, builder)
        inputs = AssessmentInputs(
            items=items,
            tags=tags,
            observations=observations,
            as_of_month=self.as_of_month,
            n_dimensions=len(builder.dimensions),
            n_capabilities=len(builder.capabilities),
            unit_category=np.array(
                [categories.get(self.categories[u]) for u in units.values], np.int64
            ),
            categories=tuple(categories.values),
            satisfaction=np.array([self.satisfaction.get(u, np.nan) for u in units.values]),
            cadres=cadres,
            cadre_level=np.array([POSITION_LEVELS.index(c.level) for c in self.cadres], np.int64),
        )
        return inputs, builder, series

    def _cadres(self, units: Numbering, builder: ItemTableBuilder) -> CadreInputs:
        weights = self.settings.weights
        n = len(self.cadres)
        pairs = [(i, builder.dimensions.get(d)) for i, c in enumerate(self.cadres) for d in c.areas]
        return CadreInputs(
            unit=np.array([units.get(c.unit_id) for c in self.cadres], np.int64),
            own=np.array([c.own for c in self.cadres], float),
            term=np.array([c.term for c in self.cadres], float),
            daily_points=np.array([c.daily_points for c in self.cadres], float),
            w_work=np.full(n, weights.work),
            w_area=np.full(n, weights.area),
            w_own=np.full(n, weights.own),
            w_daily=np.full(n, weights.daily),
            w_annual=np.full(n, weights.annual),
            w_term=np.full(n, weights.term),
            area_cadre=np.array([p[0] for p in pairs], np.int64),
            area_dimension=np.array([p[1] for p in pairs], np.int64),
        )
