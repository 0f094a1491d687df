"""Mutations recording public evaluations, daily records, cadre evaluations and areas in charge."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from services.common.auth import Role
from services.common.graphql import principal_of, roles
from services.scoring.domain.access import OVERSEERS
from services.scoring.entrypoints.graphql.types import DailyRecord
from services.scoring.service_layer import individual_evidence, records
from services.scoring.service_layer.unit_of_work import scoring_unit_of_work


@strawberry.input
class PublicEvaluationInput:
    unit_id: strawberry.ID
    period: str
    respondent_token: str = strawberry.field(
        description="The respondent's invitation code: one evaluation per "
        "code, unit and period (only its hash is kept)."
    )
    satisfaction: float = strawberry.field(
        description="0 (very dissatisfied) to 100 (very satisfied)."
    )


@strawberry.input
class DailyRecordInput:
    cadre_id: strawberry.ID
    occurred_on: date
    kind: str = strawberry.field(description=", ".join(records.DAILY_RECORD_KINDS))
    points: float = strawberry.field(
        description=f"-{records.DAILY_POINTS_LIMIT:g} to {records.DAILY_POINTS_LIMIT:g}"
    )
    description: str
    capabilities: list[str] | None = strawberry.field(
        default=None,
        description="Capabilities the event shows (positive points) or lacks (negative): "
        "evidence of the cadre's portrait.",
    )


@strawberry.type
class PublicEvaluationReceipt:
    evaluation_id: strawberry.ID
    unit_id: strawberry.ID
    period: str


@strawberry.type
class RecordMutation:
    @strawberry.mutation(
        extensions=roles(Role.PUBLIC_EVALUATOR),
        description="A citizen's or third party's satisfaction.",
    )
    async def submit_public_evaluation(
        self, info: Info, input: PublicEvaluationInput
    ) -> PublicEvaluationReceipt:
        async with scoring_unit_of_work(info.context.platform) as uow:
            evaluation_id = await records.submit_public_evaluation(
                uow,
                input.unit_id,
                input.period,
                input.respondent_token,
                input.satisfaction,
                principal_of(info).subject,
            )
        return PublicEvaluationReceipt(
            evaluation_id=strawberry.ID(str(evaluation_id)),
            unit_id=input.unit_id,
            period=input.period,
        )

    @strawberry.mutation(
        extensions=roles(*OVERSEERS), description="A real event in a cadre's daily assessment."
    )
    async def record_daily_record(self, info: Info, input: DailyRecordInput) -> DailyRecord:
        by = principal_of(info).subject
        async with scoring_unit_of_work(info.context.platform) as uow:
            record_id = await records.record_daily(
                uow,
                input.cadre_id,
                input.occurred_on,
                input.kind,
                input.points,
                input.description,
                by,
            )
            await individual_evidence.tag_daily_record(uow, record_id, input.capabilities or [], by)
        return DailyRecord(
            record_id=strawberry.ID(str(record_id)),
            occurred_on=input.occurred_on,
            kind=input.kind,
            points=input.points,
            description=input.description.strip(),
            recorded_by=by,
        )

    @strawberry.mutation(
        extensions=roles(*OVERSEERS),
        description="A cadre's own (conduct and competence) or term evaluation, 0-100.",
    )
    async def evaluate_cadre(
        self, info: Info, cadre_id: strawberry.ID, year: int, kind: str, score: float
    ) -> bool:
        async with scoring_unit_of_work(info.context.platform) as uow:
            await records.evaluate_cadre(
                uow, cadre_id, year, kind, score, principal_of(info).subject
            )
        return True

    @strawberry.mutation(
        extensions=roles(Role.ADMIN),
        description="The list dimensions a cadre is in charge of in a year.",
    )
    async def assign_areas_in_charge(
        self, info: Info, cadre_id: strawberry.ID, year: int, dimensions: list[str]
    ) -> list[str]:
        async with scoring_unit_of_work(info.context.platform) as uow:
            await records.assign_areas(uow, cadre_id, year, dimensions, principal_of(info).subject)
        return sorted(d.strip() for d in dimensions)
