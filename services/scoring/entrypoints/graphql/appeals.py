"""Appeals against results: submission, review, decision, and the re-scoring upheld ones ask for."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from services.common.graphql import principal_of, roles
from services.scoring.adapters import appeal_repository
from services.scoring.adapters.appeal_repository import SqlAppealRepository
from services.scoring.domain.access import APPLICANTS, CASE_PARTIES, OVERSEERS
from services.scoring.domain.cases import Subject
from services.scoring.entrypoints.graphql.case_types import (
    AppealInput,
    AppealStatistics,
    AppealType,
    CaseSubject,
    RescoringRequest,
)
from services.scoring.entrypoints.graphql.cases import one, search
from services.scoring.service_layer import appeals, rescoring
from services.scoring.service_layer.unit_of_work import scoring_unit_of_work


@strawberry.type
class AppealQuery:
    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def appeals(
        self,
        info: Info,
        period: str | None = None,
        status: str | None = None,
        unit_id: strawberry.ID | None = None,
        cadre_id: strawberry.ID | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[AppealType]:
        found = await search(
            info, appeal_repository.CASES, period, status, unit_id, cadre_id, limit, offset
        )
        return [AppealType.of(appeal) for appeal in found]

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def appeal(self, info: Info, id: strawberry.ID) -> AppealType | None:
        found = await one(info, appeal_repository.CASES, id)
        return AppealType.of(found) if found else None

    @strawberry.field(
        extensions=roles(*OVERSEERS),
        description="How many appeals a period had, by status, and the appeal rate.",
    )
    async def appeal_statistics(self, info: Info, period: str) -> AppealStatistics:
        async with info.context.platform.session_factory() as session:
            return AppealStatistics.of(await appeals.counts(SqlAppealRepository(session), period))


@strawberry.type
class RescoringQuery:
    @strawberry.field(extensions=roles(*OVERSEERS))
    async def pending_rescoring(
        self, info: Info, period: str | None = None
    ) -> list[RescoringRequest]:
        async with info.context.platform.session_factory() as session:
            rows = await rescoring.pending(session, period)
        return [
            RescoringRequest(
                id=strawberry.ID(str(row.id)),
                subject=CaseSubject.of(Subject(row.unit_id, row.cadre_id)),
                period=row.period,
                cause=row.cause,
                cause_id=row.cause_id,
                requested_at=row.requested_at,
            )
            for row in rows
        ]


@strawberry.type
class AppealMutation:
    @strawberry.mutation(extensions=roles(*APPLICANTS))
    async def submit_appeal(self, info: Info, input: AppealInput) -> AppealType:
        async with scoring_unit_of_work(info.context.platform) as uow:
            appeal = await appeals.submit(
                uow,
                Subject(unit_id=input.unit_id, cadre_id=input.cadre_id),
                input.period,
                input.reasons,
                principal_of(info),
                input.indicator_code,
            )
        return AppealType.of(appeal)

    @strawberry.mutation(extensions=roles(*OVERSEERS))
    async def start_appeal_review(self, info: Info, id: strawberry.ID) -> AppealType:
        async with scoring_unit_of_work(info.context.platform) as uow:
            appeal = await appeals.start_review(uow, id, principal_of(info))
        return AppealType.of(appeal)

    @strawberry.mutation(extensions=roles(*OVERSEERS))
    async def decide_appeal(
        self, info: Info, id: strawberry.ID, upheld: bool, reason: str
    ) -> AppealType:
        async with scoring_unit_of_work(info.context.platform) as uow:
            appeal = await appeals.decide(uow, id, upheld, reason, principal_of(info))
        return AppealType.of(appeal)
