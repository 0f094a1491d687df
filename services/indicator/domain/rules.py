"""Scoring rules: which rule a kind of indicator may have, and the shape of each rule.

The shapes are the contract scoring applies (see schemas.events.indicator.ListItem).
"""

from __future__ import annotations

import math
from typing import Any

from schemas.events.indicator import RULES_BY_KIND
from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem
from services.indicator.domain.vocabulary import RULE_TYPES

_KEYS = {
    "target_attainment": {"type", "cap"},
    "threshold_bands": {"type", "bands"},
    "pass_fail": {"type", "threshold"},
    "per_incident": {"type", "points", "max_points"},
}
MAX_ATTAINMENT_CAP = 3.0


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _problem(rule: RuleCode, message: str, value: Any) -> FieldProblem:
    return FieldProblem("rule", rule, message, value)


def _bands_problems(bands: Any, direction: str) -> list[FieldProblem]:
    if not isinstance(bands, list) or not bands:
        return [
            _problem(
                RuleCode.bands_required,
                "threshold bands need a non-empty list of {bound, score}",
                bands,
            )
        ]
    pairs = []
    for band in bands:
        bound = _number(band.get("bound")) if isinstance(band, dict) else None
        score = _number(band.get("score")) if isinstance(band, dict) else None
        if (
            bound is None
            or score is None
            or not 0 <= score <= 100
            or set(band) != {"bound", "score"}
        ):
            return [
                _problem(RuleCode.band_shape, "each band is {bound: number, score: 0-100}", band)
            ]
        pairs.append((bound, score))
    better_first = sorted(pairs, key=lambda p: p[0], reverse=direction == "higher_is_better")
    bounds = [b for b, _ in pairs]
    scores = [s for _, s in pairs]
    if (
        pairs != better_first
        or len(set(bounds)) != len(bounds)
        or scores != sorted(scores, reverse=True)
        or len(set(scores)) != len(scores)
    ):
        order = "falling" if direction == "higher_is_better" else "rising"
        return [
            _problem(
                RuleCode.bands_order,
                f"bands go best first: bounds {order} and scores falling, none repeated",
                bands,
            )
        ]
    return []


def rule_problems(kind: str, direction: str, rule: Any) -> list[FieldProblem]:
    """What is wrong with a rule for an indicator of this kind and direction (empty: nothing)."""
    if not isinstance(rule, dict) or rule.get("type") not in RULE_TYPES:
        return [
            _problem(RuleCode.rule_type, f"rule type must be one of {RULE_TYPES.describe()}", rule)
        ]
    kind_rules = RULES_BY_KIND.get(kind, ())
    rule_type = rule["type"]
    if rule_type not in kind_rules:
        return [
            _problem(
                RuleCode.rule_for_kind,
                f"a {kind} indicator is scored by {' or '.join(kind_rules)}, not {rule_type}",
                rule_type,
            )
        ]
    extra = set(rule) - _KEYS[rule_type]
    if extra:
        return [
            _problem(
                RuleCode.rule_keys,
                f"unknown keys for {rule_type}: {', '.join(sorted(extra))}",
                rule,
            )
        ]
    if rule_type == "target_attainment":
        cap = _number(rule.get("cap"))
        if cap is None or not 1 <= cap <= MAX_ATTAINMENT_CAP:
            return [
                _problem(
                    RuleCode.cap_range,
                    f"the attainment cap is a number from 1 to {MAX_ATTAINMENT_CAP:g} (1.2 = 120%)",
                    rule.get("cap"),
                )
            ]
    elif rule_type == "threshold_bands":
        return _bands_problems(rule.get("bands"), direction)
    elif rule_type == "pass_fail":
        if _number(rule.get("threshold")) is None:
            return [
                _problem(
                    RuleCode.threshold_required,
                    "pass/fail needs a numeric threshold",
                    rule.get("threshold"),
                )
            ]
    else:
        points, cap = _number(rule.get("points")), rule.get("max_points")
        if points is None or points <= 0:
            return [
                _problem(
                    RuleCode.points_positive,
                    "a deduction takes a positive number of points per incident",
                    rule.get("points"),
                )
            ]
        cap_points = _number(cap)
        if cap is not None and (cap_points is None or cap_points < points):
            return [
                _problem(
                    RuleCode.max_points_range,
                    "the deduction cap is empty or at least the points per incident",
                    cap,
                )
            ]
    return []


def rule_bounds(rule: dict[str, Any]) -> list[float]:
    """The values a rule compares observations with (they must lie in the indicator's range)."""
    if rule.get("type") == "pass_fail":
        return [float(rule["threshold"])]
    if rule.get("type") == "threshold_bands":
        return [float(band["bound"]) for band in rule["bands"]]
    return []
