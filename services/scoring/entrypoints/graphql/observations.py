"""Mutations reporting observations: one, a batch, or a .csv/.xlsx file (all or nothing)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from services.common.auth import Role
from services.common.errors import invalid
from services.common.graphql import principal_of, roles
from services.common.limits import upload_limits_text
from services.common.sheet_worker import UploadFields, read_upload
from services.scoring.domain.observations import REPORTED_SOURCE, ObservationInput
from services.scoring.entrypoints.graphql.types import Observation
from services.scoring.service_layer import imports
from services.scoring.service_layer.observations import Recorded, record_observations
from services.scoring.service_layer.unit_of_work import scoring_unit_of_work

REPORTERS = (Role.ADMIN, Role.ASSESSOR, Role.UNIT_REPORTER)
MAX_BATCH = 5_000
FILE_FIELDS = UploadFields(filename="fileName", base64="contentBase64", content="file")


@strawberry.input
class ObservationReport:
    unit_id: strawberry.ID
    indicator_code: str
    period: str = strawberry.field(
        description='"2025" (annual), "2025-Q1" (quarterly) or "2025-03" (monthly).'
    )
    value: float
    unit_of_measure: str
    source: str = strawberry.field(
        default=REPORTED_SOURCE,
        description="Who measured it; a new report from the "
        "same source for the same period is a new revision.",
    )


def _observation(recorded: Recorded) -> Observation:
    o = recorded.observation
    return Observation(
        observation_id=strawberry.ID(str(recorded.observation_id)),
        unit_id=strawberry.ID(o.unit_id),
        indicator_code=o.indicator_code,
        period=o.period,
        source=o.source,
        revision=recorded.revision,
        value=o.value,
        unit_of_measure=o.unit_of_measure,
        list_version=recorded.list_version,
        channel=recorded.channel,
        reported_by=recorded.reported_by,
        reported_at=recorded.reported_at,
        recorded_at=recorded.recorded_at,
    )


@strawberry.type
class ImportReport:
    file_name: str
    accepted: int
    observations: list[Observation]


async def _record(info: Info, reports: list[ObservationReport]) -> list[Observation]:
    principal = principal_of(info)
    if len(reports) > MAX_BATCH:
        raise invalid(
            "inputs",
            "max_items",
            f"at most {MAX_BATCH} observations at once; upload a file",
            len(reports),
        )
    for unit_id in sorted({r.unit_id for r in reports}):
        principal.require_unit(unit_id)
    inputs = [
        ObservationInput(
            r.unit_id,
            r.indicator_code,
            r.period,
            r.value,
            r.unit_of_measure,
            r.source.strip() or REPORTED_SOURCE,
        )
        for r in reports
    ]
    rows = list(range(len(inputs))) if len(inputs) > 1 else None
    async with scoring_unit_of_work(info.context.platform) as uow:
        recorded = await record_observations(uow, inputs, "graphql", principal.subject, rows)
    return [_observation(r) for r in recorded]


@strawberry.type
class ObservationMutation:
    @strawberry.mutation(
        extensions=roles(*REPORTERS),
        description="Reports one observation; unit reporters for their own unit only.",
    )
    async def report_observation(self, info: Info, input: ObservationReport) -> Observation:
        return (await _record(info, [input]))[0]

    @strawberry.mutation(
        extensions=roles(*REPORTERS),
        description="Reports a batch: all are stored or none (problems name the index in `row`).",
    )
    async def report_observations(
        self, info: Info, inputs: list[ObservationReport]
    ) -> list[Observation]:
        return await _record(info, inputs)

    @strawberry.mutation(
        extensions=roles(*REPORTERS),
        description="Imports a .csv (UTF-8 or GB18030) or .xlsx file, its bytes in base64 "
        f"({upload_limits_text()}), with columns unit_id, indicator_code, period, value, "
        "unit_of_measure[, source]: all rows or none; problems name the file row in `row`.",
    )
    async def import_observations(
        self, info: Info, file_name: str, content_base64: str
    ) -> ImportReport:
        sheet = await read_upload(file_name, content_base64, FILE_FIELDS)
        async with scoring_unit_of_work(info.context.platform) as uow:
            recorded = await imports.import_observations(uow, sheet, principal_of(info))
        return ImportReport(
            file_name=file_name,
            accepted=len(recorded),
            observations=[_observation(r) for r in recorded],
        )
