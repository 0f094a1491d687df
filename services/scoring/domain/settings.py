"""The configurable figures of an assessment: fusion weights, grades and quotas, flags and limits.

Defaults are the documented ones: a cadre's annual score is work results 40% + area in charge 30% +
own evaluation 30% (Jishou); the total is daily 40% + annual 50% + term 10% (Urumqi); the excellent
quota of township cadres is raised by 20%. A failed binding red line vetoes excellence unless
configured to veto fully or to deduct points.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from services.common.errors import FieldProblem, ValidationFailed

RED_LINE_EFFECTS = ("veto_excellence", "veto", "deduct")
# What an unreported red line or veto does: fail as missing data, or block the unit's result.
MISSING_MANDATORY = ("fail", "block")


@dataclass(frozen=True)
class FusionWeights:
    work: float = 0.4
    area: float = 0.3
    own: float = 0.3
    daily: float = 0.4
    annual: float = 0.5
    term: float = 0.1


@dataclass(frozen=True)
class ContradictionRule:
    """Spending above its budget (target) while satisfaction fell from the month before."""

    name: str
    spending_indicator: str
    satisfaction_indicator: str


@dataclass(frozen=True)
class AssessmentSettings:
    weights: FusionWeights = FusionWeights()
    scheme_weights: dict[str, FusionWeights] = field(default_factory=dict)
    excellent_from: float = 90.0
    competent_from: float = 75.0
    basically_competent_from: float = 60.0
    excellent_quota: float = 0.20
    unit_excellent_quota: float = 0.20
    township_excellent_raise: float = 0.20
    red_line_effect: str = "veto_excellence"
    red_line_points: float = 0.0
    daily_base: float = 80.0
    public_weight: float = 0.10
    weakness_threshold: float = 60.0
    weakness_bottom_share: float = 0.10
    bottom_ranked_share: float = 0.05
    min_peer_group: int = 5
    outlier_z: float = 3.5
    outlier_min_units: int = 8
    evaluations_per_minute: int = 30
    # Indicators whose target is reached pro rata over the year (the rest hold every month).
    cumulative_indicators: tuple[str, ...] = ()
    monitoring_tolerance: float = 0.05
    missing_mandatory: str = "fail"
    # A month's data are overdue after this day of the following month.
    report_deadline_day: int = 10
    # The portrait (docs/scoring.md): 360 answers shown from this many raters of a capability; the
    # weights of superiors, peers and subordinates; records per source (portfolio, daily, evaluation,
    # training, term) for full confidence; the confidence a weakness needs; points under the target
    # still tolerated; the efficiency index's weights of target attainment and peer standing.
    evaluation_min_raters: int = 5
    rater_group_weights: tuple[float, ...] = (0.4, 0.3, 0.3)
    portrait_full_evidence: tuple[float, ...] = (1.0, 3.0, 5.0, 1.0, 1.0)
    weakness_min_confidence: float = 0.5
    weakness_gap: float = 0.0
    efficiency_attainment_weight: float = 0.7
    efficiency_peer_weight: float = 0.3
    contradictions: tuple[ContradictionRule, ...] = (
        ContradictionRule(
            "over_budget_while_satisfaction_falls", "FD-BUDGET-EXECUTION", "PI-WINDOW-SATISFACTION"
        ),
    )

    def weights_for(self, scheme_code: str | None) -> FusionWeights:
        return self.scheme_weights.get(scheme_code or "", self.weights)

    def excellent_quota_for(self, unit_category: str) -> float:
        raise_by = self.township_excellent_raise if unit_category == "township" else 0.0
        return self.excellent_quota * (1 + raise_by)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["contradictions"] = [asdict(rule) for rule in self.contradictions]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> AssessmentSettings:
        """Reads stored or submitted settings; unknown keys and broken rules are refused by field."""
        data = dict(data or {})
        known = {f.name for f in fields(cls)}
        problems = [
            FieldProblem(key, "known", "not a setting", data[key])
            for key in data
            if key not in known
        ]
        if problems:
            raise ValidationFailed(problems)
        if "weights" in data:
            data["weights"] = _weights("weights", data["weights"])
        if "scheme_weights" in data:
            data["scheme_weights"] = {
                code: _weights(f"schemeWeights.{code}", value)
                for code, value in (data["scheme_weights"] or {}).items()
            }
        if "cumulative_indicators" in data:
            data["cumulative_indicators"] = tuple(data["cumulative_indicators"] or ())
        for name in ("rater_group_weights", "portrait_full_evidence"):
            if name in data:
                data[name] = tuple(data[name] or ())
        if "contradictions" in data:
            data["contradictions"] = tuple(
                ContradictionRule(**rule) for rule in data["contradictions"] or ()
            )
        settings = replace(cls(), **data)
        settings.check()
        return settings

    def check(self) -> None:
        problems = []
        for name, weights in [("weights", self.weights)] + [
            (f"schemeWeights.{code}", w) for code, w in self.scheme_weights.items()
        ]:
            problems += _weight_problems(name, weights)
        if not self.excellent_from > self.competent_from > self.basically_competent_from:
            problems.append(
                FieldProblem(
                    "excellentFrom",
                    "descending",
                    "grade thresholds must descend: excellent > competent > basically competent",
                    [self.excellent_from, self.competent_from, self.basically_competent_from],
                )
            )
        shares = {
            "excellentQuota": self.excellent_quota,
            "unitExcellentQuota": self.unit_excellent_quota,
            "publicWeight": self.public_weight,
            "weaknessBottomShare": self.weakness_bottom_share,
            "bottomRankedShare": self.bottom_ranked_share,
            "monitoringTolerance": self.monitoring_tolerance,
        }
        for name, value in shares.items():
            if not 0 <= value <= 1:
                problems.append(FieldProblem(name, "share", "must be between 0 and 1", value))
        # A capability score is 0-100; a threshold outside it flags every cadre or none.
        if not (math.isfinite(self.weakness_threshold) and 0 <= self.weakness_threshold <= 100):
            problems.append(
                FieldProblem(
                    "weaknessThreshold",
                    "range",
                    "a capability score threshold must be between 0 and 100",
                    self.weakness_threshold,
                )
            )
        if self.red_line_effect not in RED_LINE_EFFECTS:
            problems.append(
                FieldProblem(
                    "redLineEffect",
                    "one_of",
                    f"must be one of {', '.join(RED_LINE_EFFECTS)}",
                    self.red_line_effect,
                )
            )
        if self.missing_mandatory not in MISSING_MANDATORY:
            problems.append(
                FieldProblem(
                    "missingMandatory",
                    "one_of",
                    f"must be one of {', '.join(MISSING_MANDATORY)}",
                    self.missing_mandatory,
                )
            )
        # Day 28 exists in every month, so the deadline is a real date whatever the month.
        if not 1 <= self.report_deadline_day <= 28:
            problems.append(
                FieldProblem(
                    "reportDeadlineDay",
                    "range",
                    "the reporting deadline is a day of the following month, 1 to 28",
                    self.report_deadline_day,
                )
            )
        if self.red_line_points < 0:
            problems.append(
                FieldProblem(
                    "redLinePoints", "non_negative", "must be 0 or more", self.red_line_points
                )
            )
        if self.township_excellent_raise < 0:
            problems.append(
                FieldProblem(
                    "townshipExcellentRaise",
                    "non_negative",
                    "must be 0 or more",
                    self.township_excellent_raise,
                )
            )
        if self.min_peer_group < 1:
            problems.append(
                FieldProblem("minPeerGroup", "positive", "must be at least 1", self.min_peer_group)
            )
        if self.outlier_min_units < 3:
            problems.append(
                FieldProblem(
                    "outlierMinUnits",
                    "at_least",
                    "a median needs at least 3 units",
                    self.outlier_min_units,
                )
            )
        if self.outlier_z <= 0:
            problems.append(FieldProblem("outlierZ", "positive", "must be above 0", self.outlier_z))
        if self.evaluations_per_minute < 1:
            problems.append(
                FieldProblem(
                    "evaluationsPerMinute",
                    "positive",
                    "must be at least 1",
                    self.evaluations_per_minute,
                )
            )
        problems += self._portrait_problems()
        if problems:
            raise ValidationFailed(problems)

    def _portrait_problems(self) -> list[FieldProblem]:
        problems = []
        if self.evaluation_min_raters < 1:
            problems.append(
                FieldProblem(
                    "evaluationMinRaters",
                    "positive",
                    "must be at least 1",
                    self.evaluation_min_raters,
                )
            )
        for name, values, size, low in (
            ("raterGroupWeights", self.rater_group_weights, 3, 0.0),
            ("portraitFullEvidence", self.portrait_full_evidence, 5, 1.0),
        ):
            if len(values) != size or not all(
                isinstance(v, int | float) and math.isfinite(v) and v >= low for v in values
            ):
                problems.append(
                    FieldProblem(name, "range", f"{size} numbers of at least {low:g}", list(values))
                )
        if len(self.rater_group_weights) == 3 and sum(self.rater_group_weights) <= 0:
            problems.append(
                FieldProblem("raterGroupWeights", "positive", "at least one group must count", [])
            )
        if not 0 <= self.weakness_min_confidence <= 1:
            problems.append(
                FieldProblem(
                    "weaknessMinConfidence",
                    "share",
                    "must be between 0 and 1",
                    self.weakness_min_confidence,
                )
            )
        if not (math.isfinite(self.weakness_gap) and 0 <= self.weakness_gap <= 100):
            problems.append(
                FieldProblem("weaknessGap", "range", "must be between 0 and 100", self.weakness_gap)
            )
        weights = (self.efficiency_attainment_weight, self.efficiency_peer_weight)
        if min(weights) < 0 or abs(sum(weights) - 1) > 1e-9:
            problems.append(
                FieldProblem(
                    "efficiencyAttainmentWeight",
                    "sum_to_one",
                    "the efficiency weights must be 0 or more and sum to 1",
                    list(weights),
                )
            )
        return problems


def _weights(name: str, raw: Any) -> FusionWeights:
    if isinstance(raw, FusionWeights):
        return raw
    allowed = {f.name for f in fields(FusionWeights)}
    unknown = [key for key in (raw or {}) if key not in allowed]
    if unknown:
        raise ValidationFailed(
            [FieldProblem(f"{name}.{key}", "known", "not a weight", key) for key in unknown]
        )
    return FusionWeights(**{key: float(value) for key, value in (raw or {}).items()})


def _weight_problems(name: str, weights: FusionWeights) -> list[FieldProblem]:
    problems = []
    for part in fields(weights):
        value = getattr(weights, part.name)
        if value < 0:
            problems.append(
                FieldProblem(
                    f"{name}.{part.name}", "non_negative", "a weight cannot be negative", value
                )
            )
    annual = weights.work + weights.area + weights.own
    total = weights.daily + weights.annual + weights.term
    if abs(annual - 1) > 1e-9:
        problems.append(
            FieldProblem(f"{name}.work", "sum_to_one", "work + area + own must sum to 1", annual)
        )
    if abs(total - 1) > 1e-9:
        problems.append(
            FieldProblem(
                f"{name}.daily", "sum_to_one", "daily + annual + term must sum to 1", total
            )
        )
    return problems
