"""Fault-tolerance exemptions: categories, applications and decisions."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from services.common.auth import Role
from services.common.graphql import principal_of, roles
from services.scoring.adapters import exemption_repository
from services.scoring.domain.access import APPLICANTS, CASE_PARTIES, OVERSEERS
from services.scoring.domain.cases import Subject
from services.scoring.domain.exemptions import EvidenceItem, ExemptionCategory
from services.scoring.entrypoints.graphql.case_types import (
    ExemptionApplicationInput,
    ExemptionCategoryInput,
    ExemptionCategoryType,
    ExemptionType,
)
from services.scoring.entrypoints.graphql.cases import one, search
from services.scoring.service_layer import exemptions
from services.scoring.service_layer.unit_of_work import scoring_unit_of_work


@strawberry.type
class ExemptionQuery:
    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def exemption_categories(
        self, info: Info, include_inactive: bool = False
    ) -> list[ExemptionCategoryType]:
        async with info.context.platform.session_factory() as session:
            found = await exemption_repository.categories(session, include_inactive)
        return [ExemptionCategoryType.of(category) for category in found]

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def exemptions(
        self,
        info: Info,
        period: str | None = None,
        status: str | None = None,
        unit_id: strawberry.ID | None = None,
        cadre_id: strawberry.ID | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[ExemptionType]:
        found = await search(
            info, exemption_repository.CASES, period, status, unit_id, cadre_id, limit, offset
        )
        return [ExemptionType.of(exemption) for exemption in found]

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def exemption(self, info: Info, id: strawberry.ID) -> ExemptionType | None:
        found = await one(info, exemption_repository.CASES, id)
        return ExemptionType.of(found) if found else None


@strawberry.type
class ExemptionMutation:
    @strawberry.mutation(
        extensions=roles(Role.ADMIN), description="Adds or edits an exemption category."
    )
    async def save_exemption_category(
        self, info: Info, input: ExemptionCategoryInput
    ) -> ExemptionCategoryType:
        category = ExemptionCategory(
            code=input.code,
            name=input.name,
            description=input.description,
            conditions=tuple(input.conditions),
            active=input.active,
            position=input.position,
        )
        async with scoring_unit_of_work(info.context.platform) as uow:
            await exemptions.save_category(uow, category, principal_of(info))
        return ExemptionCategoryType.of(category)

    @strawberry.mutation(extensions=roles(*APPLICANTS))
    async def apply_for_exemption(
        self, info: Info, input: ExemptionApplicationInput
    ) -> ExemptionType:
        evidence = [EvidenceItem(name=item.name, sha256=item.sha256) for item in input.evidence]
        async with scoring_unit_of_work(info.context.platform) as uow:
            exemption = await exemptions.apply(
                uow,
                Subject(unit_id=input.unit_id, cadre_id=input.cadre_id),
                input.period,
                input.category_code,
                input.indicator_code,
                input.reasons,
                evidence,
                principal_of(info),
            )
        return ExemptionType.of(exemption)

    @strawberry.mutation(extensions=roles(*OVERSEERS))
    async def decide_exemption(
        self, info: Info, id: strawberry.ID, approve: bool, reason: str
    ) -> ExemptionType:
        async with scoring_unit_of_work(info.context.platform) as uow:
            exemption = await exemptions.decide(uow, id, approve, reason, principal_of(info))
        return ExemptionType.of(exemption)
