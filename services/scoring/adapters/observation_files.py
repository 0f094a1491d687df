"""Observation files (.csv, .xlsx) as read by services/common/spreadsheets: a header row, then one
observation per row.

Columns: unit_id, indicator_code, period, value, unit_of_measure, and optionally source. Header
names are matched case-insensitively, with spaces or camelCase allowed (`Unit ID`, `unitId`).
"""

from __future__ import annotations

import re
from typing import Any

from services.common.errors import FieldProblem, ValidationFailed, invalid
from services.common.spreadsheets import Sheet

REQUIRED = ("unit_id", "indicator_code", "period", "value", "unit_of_measure")
OPTIONAL = ("source",)
# The field a problem with the file's content names.
FILE_FIELD = "file"


def _column_name(raw: Any) -> str:
    text = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", str(raw or "").strip())
    return re.sub(r"[\s\-]+", "_", text).lower()


def observation_rows(sheet: Sheet) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {column: value}) for every data row; the whole file is refused on a bad header."""
    header = [_column_name(cell) for cell in sheet.headers]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise invalid(
            FILE_FIELD, "header", f"missing columns: {', '.join(missing)}", list(sheet.headers)
        )
    wanted = {name: header.index(name) for name in REQUIRED + OPTIONAL if name in header}
    rows = [
        (number, {name: cells[i] if i < len(cells) else None for name, i in wanted.items()})
        for number, cells in sheet.rows
    ]
    if not rows:
        raise invalid(FILE_FIELD, "not_empty", "the file has a header but no observations", None)
    return rows


def cell_problems(number: int, values: dict[str, Any]) -> list[FieldProblem]:
    problems = []
    for name in REQUIRED:
        if values.get(name) is None or str(values[name]).strip() == "":
            problems.append(
                FieldProblem(name, "required", f"{name} is empty", values.get(name), number)
            )
    value = values.get("value")
    if value is not None and str(value).strip() != "":
        try:
            float(str(value).strip())
        except ValueError:
            problems.append(FieldProblem("value", "number", "must be a number", value, number))
    return problems


def raise_problems(problems: list[FieldProblem]) -> None:
    if problems:
        raise ValidationFailed(problems)
