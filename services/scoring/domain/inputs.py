"""Numbering the things of a run (units, indicators, dimensions, capabilities, rules) and turning the
items in force into the arrays the engine works on."""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from services.scoring.domain.capabilities import ItemTags
from services.scoring.domain.engine import ItemTable, RuleTable
from services.scoring.domain.rules import ItemRule, shape_of


class Numbering:
    """Gives each distinct value the next number, and remembers the values in that order."""

    def __init__(self, values: Iterable[Hashable] = ()):
        self.values: list[Any] = []
        self._numbers: dict[Hashable, int] = {}
        for value in values:
            self.number(value)

    def number(self, value: Hashable) -> int:
        found = self._numbers.get(value)
        if found is None:
            found = self._numbers[value] = len(self.values)
            self.values.append(value)
        return found

    def get(self, value: Hashable, default: int = -1) -> int:
        return self._numbers.get(value, default)

    def __len__(self) -> int:
        return len(self.values)


class ItemTableBuilder:
    """Collects items row by row; rules are parsed once per distinct shape.

    `cumulative` names the indicators reported as progress to date: their targets and thresholds
    hold pro rata up to `as_of_month` (a quarterly review of June expects half of the year's target).
    """

    def __init__(self, units: Numbering, cumulative: Iterable[str] = (), as_of_month: int = 12):
        self.units = units
        self.cumulative = frozenset(cumulative)
        self.to_date = as_of_month / 12
        self.indicators = Numbering()
        self.dimensions = Numbering()
        self.capabilities = Numbering()
        self._shapes = Numbering()
        self.rules: list[ItemRule] = []
        self._columns: dict[str, list[Any]] = {
            name: []
            for name in ("unit", "series_key", "indicator", "dimension", "weight", "target", "rule")
        }
        self._tag_item: list[int] = []
        self._tag_capability: list[int] = []

    def add(
        self,
        unit_id: str,
        series_key: int,
        indicator_code: str,
        dimension: str,
        kind: str,
        direction: str,
        rule: dict[str, Any] | str | None,
        weight: float,
        target: float | None,
        capability_tags: Iterable[str] = (),
    ) -> None:
        self.add_rows(
            [
                (
                    unit_id,
                    series_key,
                    indicator_code,
                    dimension,
                    kind,
                    direction,
                    rule,
                    weight,
                    target,
                    tuple(capability_tags),
                )
            ]
        )

    def add_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        """Rows of (unit id, series key, indicator code, dimension, kind, direction, rule, weight,
        target, capability tags), column by column: a run adds tens of thousands at once."""
        if not rows:
            return
        (
            unit_ids,
            series_keys,
            codes,
            dimensions,
            kinds,
            directions,
            rules,
            weights,
            targets,
            tags,
        ) = zip(*rows)
        first_row = len(self._columns["unit"])
        c = self._columns
        c["unit"].extend(map(self.units.number, unit_ids))
        c["series_key"].extend(series_keys)
        c["indicator"].extend(map(self.indicators.number, codes))
        c["dimension"].extend(map(self.dimensions.number, dimensions))
        c["weight"].extend(weights)
        c["target"].extend(
            np.nan if t is None else (t * self.to_date if code in self.cumulative else t)
            for code, t in zip(codes, targets)
        )
        c["rule"].extend(map(self._shape, codes, kinds, directions, rules))
        for row, item_tags in enumerate(tags, start=first_row):
            for tag in item_tags:
                self._tag_item.append(row)
                self._tag_capability.append(self.capabilities.number(tag))

    def _shape(
        self, code: str, kind: str, direction: str, rule: dict[str, Any] | str | None
    ) -> int:
        rule_text = rule if isinstance(rule, str) else json.dumps(rule or {}, sort_keys=True)
        shape = self._shapes.number((code, kind, direction, rule_text))
        if shape == len(self.rules):
            cumulative = code in self.cumulative
            shaped = shape_of(code, kind, direction, json.loads(rule_text), cumulative)
            if cumulative and shaped.method == "pass_fail":
                shaped = replace(shaped, threshold=shaped.threshold * self.to_date)
            self.rules.append(shaped)
        return shape

    def build(self) -> tuple[ItemTable, ItemTags]:
        c = self._columns
        items = ItemTable(
            unit=np.array(c["unit"], np.int64),
            series_key=np.array(c["series_key"], np.int64),
            indicator=np.array(c["indicator"], np.int64),
            dimension=np.array(c["dimension"], np.int64),
            weight=np.array(c["weight"], float),
            target=np.array(c["target"], float),
            rule=np.array(c["rule"], np.int64),
            rules=RuleTable.build(self.rules),
        )
        tags = ItemTags(
            np.array(self._tag_item, np.int64), np.array(self._tag_capability, np.int64)
        )
        return items, tags
