"""Waivers of missing mandatory data: what an assessor records so a result may become final."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from services.common.graphql import principal_of, roles
from services.scoring.adapters import waiver_repository
from services.scoring.domain.access import OVERSEERS, WAIVER_AUTHORS
from services.scoring.domain.cases import period_problem, require
from services.scoring.domain.waivers import Waiver
from services.scoring.service_layer import waivers
from services.scoring.service_layer.unit_of_work import scoring_unit_of_work


@strawberry.type(
    description="An assessor's decision that a unit result may become final although these red "
    "lines or vetoes were not reported; a leaf of the evidence ledger."
)
class MissingDataWaiver:
    id: strawberry.ID
    period: str
    unit_id: strawberry.ID
    indicator_codes: list[str]
    reason: str
    waived_by: str
    waived_role: str
    waived_at: datetime
    leaf_index: int

    @classmethod
    def of(cls, waiver: Waiver) -> MissingDataWaiver:
        return cls(
            id=strawberry.ID(waiver.id),
            period=waiver.period,
            unit_id=strawberry.ID(waiver.unit_id),
            indicator_codes=list(waiver.indicator_codes),
            reason=waiver.reason,
            waived_by=waiver.waived_by,
            waived_role=waiver.waived_role,
            waived_at=waiver.waived_at,
            leaf_index=waiver.leaf_index,
        )


@strawberry.type
class WaiverQuery:
    @strawberry.field(
        extensions=roles(*OVERSEERS), description="The waivers of missing data of a period."
    )
    async def missing_data_waivers(
        self, info: Info, period: str, unit_id: strawberry.ID | None = None
    ) -> list[MissingDataWaiver]:
        require(period_problem(period))
        async with info.context.platform.session_factory() as session:
            found = await waiver_repository.waivers(session, [period], unit_id)
        return [MissingDataWaiver.of(waiver) for waiver in found]


@strawberry.type
class WaiverMutation:
    @strawberry.mutation(
        extensions=roles(*WAIVER_AUTHORS),
        description="Waives unreported red lines or vetoes of one unit result (all of them when "
        "indicatorCodes is not given), so that its period can be locked; refused for a blocked "
        "result and for items that are not missing.",
    )
    async def waive_missing_data(
        self,
        info: Info,
        period: str,
        unit_id: strawberry.ID,
        reason: str,
        indicator_codes: list[str] | None = None,
    ) -> MissingDataWaiver:
        async with scoring_unit_of_work(info.context.platform) as uow:
            waiver = await waivers.waive(
                uow, period, unit_id, indicator_codes, reason, principal_of(info)
            )
        return MissingDataWaiver.of(waiver)
