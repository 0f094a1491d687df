"""Bulk import of observations from a file: every row is checked, and the file is stored whole or
not at all, with a report naming the row, field and rule of every problem."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from services.common.auth import Principal
from services.common.errors import ValidationFailed
from services.common.sheet_worker import capped
from services.common.spreadsheets import Sheet
from services.scoring.adapters.observation_files import FILE_FIELD, cell_problems, observation_rows
from services.scoring.domain.observations import REPORTED_SOURCE, ObservationInput
from services.scoring.service_layer.observations import Recorded, record_observations
from services.scoring.service_layer.unit_of_work import ScoringUnitOfWork

UPLOAD = "upload"


def _period_text(value: Any) -> str:
    # Spreadsheets turn "2025-03" into a date and "2025" into a number.
    if isinstance(value, (datetime, date)):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _text(value: Any) -> str:
    return str(value).strip()


async def import_observations(
    uow: ScoringUnitOfWork, sheet: Sheet, principal: Principal
) -> list[Recorded]:
    try:
        return await _import(uow, sheet, principal)
    except ValidationFailed as refusal:
        raise capped(refusal, FILE_FIELD) from None


async def _import(uow: ScoringUnitOfWork, sheet: Sheet, principal: Principal) -> list[Recorded]:
    table = observation_rows(sheet)
    problems = [problem for number, values in table for problem in cell_problems(number, values)]
    if problems:
        raise ValidationFailed(problems)
    inputs = [
        ObservationInput(
            unit_id=_text(values["unit_id"]),
            indicator_code=_text(values["indicator_code"]),
            period=_period_text(values["period"]),
            value=float(_text(values["value"])),
            unit_of_measure=_text(values["unit_of_measure"]),
            source=_text(values.get("source") or REPORTED_SOURCE),
        )
        for _, values in table
    ]
    for unit_id in sorted({item.unit_id for item in inputs}):
        principal.require_unit(unit_id)
    return await record_observations(
        uow, inputs, UPLOAD, principal.subject, rows=[number for number, _ in table]
    )
