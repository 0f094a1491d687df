"""The training effect of a programme in GraphQL: a difference in differences per capability."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from services.common.graphql import roles
from services.development.domain import access
from services.development.domain import effect as effect_domain
from services.development.entrypoints.graphql.context import development
from services.development.entrypoints.graphql.programmes import Programme
from services.development.service_layer import handlers


@strawberry.type
class PeerGroupTrainingEffect:
    unit_category: str
    position_level: str
    enrolled_count: int
    comparison_count: int
    enrolled_before: float | None
    enrolled_after: float | None
    comparison_before: float | None
    comparison_after: float | None
    difference_in_differences: float | None = strawberry.field(
        description="(enrolled after - before) - (comparison after - before); null without both kinds of cadre."
    )


@strawberry.type(description="Training effect on one capability the programme addresses.")
class TrainingEffectOnCapability:
    capability: str
    difference_in_differences: float | None = strawberry.field(
        description="Peer-group effects weighted by enrolled cadres; null when no group can be compared."
    )
    enrolled_count: int = strawberry.field(description="Enrolled cadres in comparable peer groups.")
    comparison_count: int = strawberry.field(description="Comparable cadres not enrolled.")
    unmatched_enrolled_count: int = strawberry.field(
        description="Enrolled cadres without comparable cadres."
    )
    peer_groups: list[PeerGroupTrainingEffect]

    @classmethod
    def from_domain(cls, effect: effect_domain.CapabilityEffect) -> TrainingEffectOnCapability:
        return cls(
            capability=effect.capability,
            difference_in_differences=effect.difference_in_differences,
            enrolled_count=effect.enrolled_count,
            comparison_count=effect.comparison_count,
            unmatched_enrolled_count=effect.unmatched_enrolled_count,
            peer_groups=[
                PeerGroupTrainingEffect(
                    unit_category=g.unit_category,
                    position_level=g.position_level,
                    enrolled_count=g.enrolled_count,
                    comparison_count=g.comparison_count,
                    enrolled_before=g.enrolled_before,
                    enrolled_after=g.enrolled_after,
                    comparison_before=g.comparison_before,
                    comparison_after=g.comparison_after,
                    difference_in_differences=g.difference_in_differences,
                )
                for g in effect.groups
            ],
        )


@strawberry.type(
    description="Difference in differences of a programme's capabilities between two periods."
)
class TrainingEffectReport:
    programme: Programme
    before_period: str
    after_period: str
    capabilities: list[TrainingEffectOnCapability]


@strawberry.type
class EffectQueries:
    @strawberry.field(
        extensions=roles(*access.STAFF),
        description="Change of the programme's capabilities from one period to another, enrolled cadres against "
        "comparable cadres (same peer group) not enrolled: a difference in differences with the group sizes.",
    )
    async def training_effect(
        self, info: Info, programme_id: strawberry.ID, before_period: str, after_period: str
    ) -> TrainingEffectReport:
        programme, effects = await development(info).execute(
            handlers.measure_training_effect, programme_id, before_period, after_period
        )
        return TrainingEffectReport(
            programme=Programme.from_record(programme),
            before_period=before_period,
            after_period=after_period,
            capabilities=[TrainingEffectOnCapability.from_domain(e) for e in effects],
        )
