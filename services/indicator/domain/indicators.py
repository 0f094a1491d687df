"""Indicators of the library: what is measured, how, from which source, and how it is scored."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem, ValidationFailed
from services.indicator.domain.paperwork import Blocklist
from services.indicator.domain.rules import rule_bounds, rule_problems
from services.indicator.domain.vocabulary import (
    DATA_SOURCES,
    DIMENSIONS,
    DIRECTIONS,
    FREQUENCIES,
    KINDS,
    Vocabulary,
)

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
CAPABILITY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


def kind_carries_weight(kind: str) -> bool:
    """Only scored indicators carry weight; red lines, deductions and vetoes do not."""
    return kind == "scored"


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    dimension: str
    kind: str
    direction: str
    unit_of_measure: str
    data_source: str
    frequency: str
    rule: dict[str, Any]
    name_en: str | None = None
    source_system: str | None = None
    capability_tags: tuple[str, ...] = ()
    min_value: float | None = None
    max_value: float | None = None
    assessed_at_year_end: bool = True
    on_site_check: bool = False
    description: str | None = None

    @property
    def carries_weight(self) -> bool:
        return kind_carries_weight(self.kind)

    def snapshot(self) -> dict[str, Any]:
        """The indicator's part of a published list item (see ListItem)."""
        return {
            "indicator_code": self.code,
            "name": self.name,
            "dimension": self.dimension,
            "kind": self.kind,
            "direction": self.direction,
            "unit_of_measure": self.unit_of_measure,
            "rule": self.rule,
            "data_source": self.data_source,
            "source_system": self.source_system,
            "frequency": self.frequency,
            "capability_tags": list(self.capability_tags),
            "min_value": self.min_value,
            "max_value": self.max_value,
            "on_site_check": self.on_site_check,
            "assessed_at_year_end": self.assessed_at_year_end,
        }


def _one_of(name: str, value: str, words: Vocabulary) -> FieldProblem | None:
    if value in words:
        return None
    return FieldProblem(name, RuleCode.one_of, f"must be one of {words.describe()}", value)


def _definition_problems(ind: Indicator) -> list[FieldProblem]:
    found = []
    if not CODE_PATTERN.match(ind.code or ""):
        found.append(
            FieldProblem(
                "code",
                RuleCode.format,
                "1-64 letters, digits, '_', '.', '-', starting with a letter or digit",
                ind.code,
            )
        )
    if not (ind.name or "").strip():
        found.append(FieldProblem("name", RuleCode.required, "an indicator needs a name", ind.name))
    if not (ind.unit_of_measure or "").strip():
        found.append(
            FieldProblem(
                "unitOfMeasure",
                RuleCode.required,
                "say what the value is measured in (%, 人, 万元, 件 ...)",
                ind.unit_of_measure,
            )
        )
    for name, value, words in (
        ("dimension", ind.dimension, DIMENSIONS),
        ("kind", ind.kind, KINDS),
        ("direction", ind.direction, DIRECTIONS),
        ("dataSource", ind.data_source, DATA_SOURCES),
        ("frequency", ind.frequency, FREQUENCIES),
    ):
        if problem := _one_of(name, value, words):
            found.append(problem)
    bad_tags = [tag for tag in ind.capability_tags if not CAPABILITY_PATTERN.match(tag)]
    if bad_tags:
        found.append(
            FieldProblem(
                "capabilityTags",
                RuleCode.format,
                "tags are lower_snake_case (e.g. digital_governance)",
                bad_tags,
            )
        )
    return found


def _source_problems(ind: Indicator) -> list[FieldProblem]:
    found = []
    if ind.data_source == "auto_feed":
        if not (ind.source_system or "").strip():
            found.append(
                FieldProblem(
                    "sourceSystem",
                    RuleCode.auto_feed_source,
                    "an automatic-feed indicator names the system its data comes from "
                    "(e.g. 12345政务服务便民热线)",
                    ind.source_system,
                )
            )
        if ind.on_site_check:
            found.append(
                FieldProblem(
                    "onSiteCheck",
                    RuleCode.auto_feed_no_on_site_check,
                    "data a government system already produces needs no on-site check",
                    ind.on_site_check,
                )
            )
    if ind.frequency == "daily" and ind.assessed_at_year_end:
        found.append(
            FieldProblem(
                "assessedAtYearEnd",
                RuleCode.no_double_assessment,
                "an indicator covered by daily monitoring is not assessed a second time at year end",
                ind.assessed_at_year_end,
            )
        )
    return found


def _range_problems(ind: Indicator) -> list[FieldProblem]:
    low, high = ind.min_value, ind.max_value
    if low is not None and high is not None and low > high:
        return [
            FieldProblem(
                "minValue",
                RuleCode.min_not_above_max,
                f"the minimum {low:g} is above the maximum {high:g}",
                low,
            )
        ]
    outside = [
        b
        for b in rule_bounds(ind.rule)
        if (low is not None and b < low) or (high is not None and b > high)
    ]
    if outside:
        return [
            FieldProblem(
                "rule",
                RuleCode.within_range,
                f"rule bounds {outside} lie outside the indicator's range [{low}, {high}]",
                ind.rule,
            )
        ]
    return []


def indicator_problems(ind: Indicator, blocklist: Blocklist) -> list[FieldProblem]:
    """Every rule an indicator of the library breaks (empty: it may be stored)."""
    found = _definition_problems(ind)
    for name, text in (("name", ind.name), ("nameEn", ind.name_en)):
        if problem := blocklist.problem(name, text):
            found.append(problem)
    if ind.kind in KINDS and ind.direction in DIRECTIONS:
        found.extend(rule_problems(ind.kind, ind.direction, ind.rule))
        if not found:
            found.extend(_range_problems(ind))
    found.extend(_source_problems(ind))
    return found


def check_indicator(ind: Indicator, blocklist: Blocklist) -> None:
    problems = indicator_problems(ind, blocklist)
    if problems:
        raise ValidationFailed(problems)
