"""The assessment settings: weights, grades and quotas, flags and limits (read by overseers, set by admin)."""

from __future__ import annotations

import dataclasses
from typing import Any

import strawberry
from strawberry.types import Info

from services.common.auth import Role
from services.common.graphql import principal_of, roles
from services.scoring.domain import settings as domain
from services.scoring.domain.access import OVERSEERS
from services.scoring.service_layer import records
from services.scoring.service_layer.unit_of_work import scoring_unit_of_work


@strawberry.type
class FusionWeights:
    work: float
    area: float
    own: float
    daily: float
    annual: float
    term: float


@strawberry.input
class FusionWeightsInput:
    work: float
    area: float
    own: float
    daily: float
    annual: float
    term: float


@strawberry.type
class SchemeWeights:
    scheme_code: str
    weights: FusionWeights


@strawberry.input
class SchemeWeightsInput:
    scheme_code: str
    weights: FusionWeightsInput


@strawberry.type
class ContradictionRule:
    name: str
    spending_indicator: str
    satisfaction_indicator: str


@strawberry.input
class ContradictionRuleInput:
    name: str
    spending_indicator: str
    satisfaction_indicator: str


@strawberry.type
class AssessmentSettings:
    weights: FusionWeights
    scheme_weights: list[SchemeWeights]
    excellent_from: float
    competent_from: float
    basically_competent_from: float
    excellent_quota: float
    unit_excellent_quota: float
    township_excellent_raise: float
    red_line_effect: str = strawberry.field(
        description="What a failed red line does: veto_excellence, veto or deduct."
    )
    red_line_points: float = strawberry.field(
        description="Points a failed red line deducts (with deduct)."
    )
    daily_base: float
    public_weight: float
    weakness_threshold: float
    weakness_bottom_share: float
    bottom_ranked_share: float
    min_peer_group: int
    outlier_z: float
    outlier_min_units: int
    evaluations_per_minute: int
    cumulative_indicators: list[str] = strawberry.field(
        description="Indicators reported as progress to date: their latest report counts, their target is pro rata."
    )
    monitoring_tolerance: float
    evaluation_min_raters: int = strawberry.field(
        description="A capability's 360 result is shown only when at least this many raters answered."
    )
    rater_group_weights: list[float] = strawberry.field(
        description="Weights of the superiors', peers' and subordinates' means in a 360 result."
    )
    portrait_full_evidence: list[float] = strawberry.field(
        description="Records for full confidence per source: portfolio, daily, evaluation, training, term."
    )
    weakness_min_confidence: float = strawberry.field(
        description="The portrait's confidence (0-1) a capability needs before it can be flagged weak."
    )
    weakness_gap: float = strawberry.field(
        description="Points below the target level still tolerated before a capability is weak."
    )
    efficiency_attainment_weight: float
    efficiency_peer_weight: float
    contradictions: list[ContradictionRule]
    missing_mandatory: str = strawberry.field(
        description="What an unreported red line or veto does: fail (as missing data) or block the "
        "unit's result until the data are reported."
    )
    report_deadline_day: int = strawberry.field(
        description="A month's data are overdue after this day of the following month (ReportOverdue)."
    )

    @classmethod
    def of(cls, s: domain.AssessmentSettings) -> AssessmentSettings:
        plain = {f.name: getattr(s, f.name) for f in dataclasses.fields(s)}
        plain["weights"] = FusionWeights(**dataclasses.asdict(s.weights))
        plain["scheme_weights"] = [
            SchemeWeights(scheme_code=code, weights=FusionWeights(**dataclasses.asdict(w)))
            for code, w in sorted(s.scheme_weights.items())
        ]
        plain["contradictions"] = [
            ContradictionRule(**dataclasses.asdict(r)) for r in s.contradictions
        ]
        plain["cumulative_indicators"] = list(s.cumulative_indicators)
        plain["rater_group_weights"] = list(s.rater_group_weights)
        plain["portrait_full_evidence"] = list(s.portrait_full_evidence)
        return cls(**plain)


@strawberry.input(
    description="Only the settings given change; the result must hold together as a whole."
)
class AssessmentSettingsChanges:
    weights: FusionWeightsInput | None = strawberry.UNSET
    scheme_weights: list[SchemeWeightsInput] | None = strawberry.UNSET
    excellent_from: float | None = strawberry.UNSET
    competent_from: float | None = strawberry.UNSET
    basically_competent_from: float | None = strawberry.UNSET
    excellent_quota: float | None = strawberry.UNSET
    unit_excellent_quota: float | None = strawberry.UNSET
    township_excellent_raise: float | None = strawberry.UNSET
    red_line_effect: str | None = strawberry.UNSET
    red_line_points: float | None = strawberry.UNSET
    daily_base: float | None = strawberry.UNSET
    public_weight: float | None = strawberry.UNSET
    weakness_threshold: float | None = strawberry.UNSET
    weakness_bottom_share: float | None = strawberry.UNSET
    bottom_ranked_share: float | None = strawberry.UNSET
    min_peer_group: int | None = strawberry.UNSET
    outlier_z: float | None = strawberry.UNSET
    outlier_min_units: int | None = strawberry.UNSET
    evaluations_per_minute: int | None = strawberry.UNSET
    cumulative_indicators: list[str] | None = strawberry.UNSET
    monitoring_tolerance: float | None = strawberry.UNSET
    evaluation_min_raters: int | None = strawberry.UNSET
    rater_group_weights: list[float] | None = strawberry.UNSET
    portrait_full_evidence: list[float] | None = strawberry.UNSET
    weakness_min_confidence: float | None = strawberry.UNSET
    weakness_gap: float | None = strawberry.UNSET
    efficiency_attainment_weight: float | None = strawberry.UNSET
    efficiency_peer_weight: float | None = strawberry.UNSET
    contradictions: list[ContradictionRuleInput] | None = strawberry.UNSET
    missing_mandatory: str | None = strawberry.UNSET
    report_deadline_day: int | None = strawberry.UNSET

    def as_changes(self) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if value is strawberry.UNSET or value is None:
                continue
            if field.name == "weights":
                value = dataclasses.asdict(value)
            elif field.name == "scheme_weights":
                value = {entry.scheme_code: dataclasses.asdict(entry.weights) for entry in value}
            elif field.name == "contradictions":
                value = [dataclasses.asdict(rule) for rule in value]
            changes[field.name] = value
        return changes


@strawberry.type
class SettingsQuery:
    @strawberry.field(extensions=roles(*OVERSEERS))
    async def assessment_settings(self, info: Info) -> AssessmentSettings:
        async with info.context.platform.session_factory() as session:
            return AssessmentSettings.of(await records.current_settings(session))


@strawberry.type
class SettingsMutation:
    @strawberry.mutation(
        extensions=roles(Role.ADMIN), description="Changes weights, quotas, thresholds or limits."
    )
    async def configure_assessment(
        self, info: Info, changes: AssessmentSettingsChanges
    ) -> AssessmentSettings:
        async with scoring_unit_of_work(info.context.platform) as uow:
            settings = await records.configure(
                uow, changes.as_changes(), principal_of(info).subject
            )
        return AssessmentSettings.of(settings)
