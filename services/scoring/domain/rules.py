"""How one indicator of a published list is scored: its kind, direction, weight, target and rule.

The rule object is the indicator service's contract (services/indicator/domain/rules.py):
- `{"type": "target_attainment", "cap": 1.2}`: value against the item's target (target / value when
  lower is better), capped (1.2 = 120%);
- `{"type": "threshold_bands", "bands": [{"bound": 95, "score": 100}, ...]}`: the best band reached
  (value >= bound, or <= when lower is better) earns `score` percent of the weight;
- `{"type": "pass_fail", "threshold": 95}`: reached or not; a scored item earns all or nothing, a
  red line fails, a veto triggers when the value does not reach the threshold;
- `{"type": "per_incident", "points": 0.5, "max_points": 5}`: a deduction per incident, capped.
How a period's observations make one value: incidents (deductions, vetoes) add up. An indicator
reported as progress to date (a cumulative one, named in the settings) takes its latest report.
Any other is a level that holds every month: a scored item takes the mean of its months, and a
red line its worst month, since a binding line must hold all period.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

# Which rule shapes each kind is scored by is the list contract's, not a copy of it.
from schemas.events.indicator import RULES_BY_KIND

KINDS = ("scored", "red_line", "deduction", "veto_excellence", "veto")
METHODS = ("attainment", "bands", "pass_fail", "per_incident")
RULE_TYPES = {
    "target_attainment": "attainment",
    "threshold_bands": "bands",
    "pass_fail": "pass_fail",
    "per_incident": "per_incident",
}
AGGREGATES = ("last", "sum", "mean", "max", "min")
DATA_SOURCES = ("auto_feed", "manual_report", "survey", "third_party")


class RuleError(ValueError):
    """A list item whose rule scoring cannot apply; the message names the indicator and the key."""


@dataclass(frozen=True)
class Band:
    bound: float
    share: float  # fraction of the weight, 0..1


@dataclass(frozen=True)
class ItemRule:
    kind: str
    higher_is_better: bool
    weight: float
    target: float | None
    method: str
    cap: float = 1.0
    bands: tuple[Band, ...] = ()
    threshold: float = math.nan
    points_per_incident: float = 0.0
    max_points: float = math.inf
    aggregate: str = "last"

    def describe(self) -> str:
        """The rule in words, as the breakdown shows it."""
        better = "higher is better" if self.higher_is_better else "lower is better"
        over = f"{self.aggregate} of the period's observations"
        if self.kind == "deduction":
            cap = "" if math.isinf(self.max_points) else f", at most {_num(self.max_points)}"
            return f"deduction: {_num(self.points_per_incident)} points per incident{cap}; {over}"
        if self.kind in ("veto_excellence", "veto"):
            strength = "veto of excellence" if self.kind == "veto_excellence" else "full veto"
            return f"{strength} unless {self._reach_words()}; {over}"
        if self.kind == "red_line":
            return f"red line: must {self._reach_words()} ({better}); {over}"
        return f"{self._method_words()}; weight {_num(self.weight)}; {better}; {over}"

    def _reach_words(self) -> str:
        return f"{'reach' if self.higher_is_better else 'stay within'} {_num(self.threshold)}"

    def _method_words(self) -> str:
        if self.method == "attainment":
            return (
                f"target attainment against {_num(self.target)}, capped at {_num(self.cap * 100)}%"
            )
        if self.method == "pass_fail":
            return f"pass/fail: {self._reach_words()}"
        steps = ", ".join(f"{_num(b.bound)} -> {_num(b.share * 100)}%" for b in self.bands)
        return f"threshold bands ({steps})"


def _num(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


@dataclass(frozen=True)
class ItemSpec:
    """One indicator of a unit's list version, as scoring keeps it."""

    indicator_code: str
    name: str
    dimension: str
    kind: str
    direction: str
    unit_of_measure: str
    weight: float
    target: float | None
    rule: dict[str, Any] = field(default_factory=dict)
    data_source: str = "manual_report"
    source_system: str | None = None
    frequency: str = "monthly"
    capability_tags: tuple[str, ...] = ()
    min_value: float | None = None
    max_value: float | None = None


def _number(code: str, rule: dict[str, Any], key: str, default: float | None = None) -> float:
    value = rule.get(key, default)
    if value is None:
        raise RuleError(f"indicator {code}: rule.{key} is required")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise RuleError(f"indicator {code}: rule.{key} must be a finite number, got {value!r}")
    return float(value)


def _bands(code: str, raw: Any) -> tuple[Band, ...]:
    if not isinstance(raw, list) or not raw:
        raise RuleError(
            f"indicator {code}: rule.bands must be a non-empty list of {{bound, score}}"
        )
    bands = []
    for entry in raw:
        if not isinstance(entry, dict):
            raise RuleError(
                f"indicator {code}: each band must be an object {{bound, score}}, got {entry!r}"
            )
        bands.append(Band(_number(code, entry, "bound"), _number(code, entry, "score") / 100))
    return tuple(bands)


def aggregate_of(kind: str, higher_is_better: bool, cumulative: bool) -> str:
    if kind in ("deduction", "veto_excellence", "veto"):
        return "sum"
    if cumulative:
        return "last"
    if kind == "red_line":
        return "min" if higher_is_better else "max"
    return "mean"


def shape_of(
    code: str, kind: str, direction: str, rule: dict[str, Any] | None, cumulative: bool = False
) -> ItemRule:
    """The rule without an item's own weight and target (shared by every unit's copy of an indicator)."""
    rule = rule or {}
    if kind not in KINDS:
        raise RuleError(f"indicator {code}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    rule_type = rule.get("type")
    if rule_type not in RULES_BY_KIND[kind]:
        allowed = " or ".join(RULES_BY_KIND[kind])
        raise RuleError(
            f"indicator {code}: a {kind} item is scored by {allowed}, got rule type {rule_type!r}"
        )
    method = RULE_TYPES[rule_type]
    higher = direction == "higher_is_better"
    shape = ItemRule(
        kind=kind,
        higher_is_better=higher,
        weight=0.0,
        target=None,
        method=method,
        aggregate=aggregate_of(kind, higher, cumulative),
    )
    if method == "attainment":
        cap = _number(code, rule, "cap", 1.0)
        if cap <= 0:
            raise RuleError(f"indicator {code}: rule.cap must be above 0, got {cap:g}")
        return replace(shape, cap=cap)
    if method == "bands":
        return replace(shape, bands=_bands(code, rule.get("bands")))
    if method == "pass_fail":
        return replace(shape, threshold=_number(code, rule, "threshold"))
    limit = rule.get("max_points")
    return replace(
        shape,
        points_per_incident=_number(code, rule, "points"),
        max_points=math.inf if limit is None else _number(code, rule, "max_points"),
    )


def rule_of(item: ItemSpec, cumulative: bool = False) -> ItemRule:
    """Reads an item's rule with its weight and target; raises RuleError when scoring cannot apply it."""
    code = item.indicator_code
    shape = shape_of(code, item.kind, item.direction, item.rule, cumulative)
    if shape.method == "attainment" and not item.target:
        raise RuleError(
            f"indicator {code}: target attainment needs a target other than 0, got {item.target!r}"
        )
    return replace(
        shape, weight=float(item.weight), target=None if item.target is None else float(item.target)
    )
