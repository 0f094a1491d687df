"""Reads observation files (.csv, .xlsx): a header row, then one observation per row.

Columns: unit_id, indicator_code, period, value, unit_of_measure, and optionally source. Header
names are matched case-insensitively, with spaces or camelCase allowed (`Unit ID`, `unitId`).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from services.common.errors import FieldProblem, ValidationFailed, invalid

REQUIRED = ("unit_id", "indicator_code", "period", "value", "unit_of_measure")
OPTIONAL = ("source",)
MAX_ROWS = 50_000
# The first data row of a file is row 2: row 1 is the header.
FIRST_DATA_ROW = 2


def _column_name(raw: Any) -> str:
    text = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", str(raw or "").strip())
    return re.sub(r"[\s\-]+", "_", text).lower()


def _csv_rows(content: bytes) -> list[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise invalid(
            "file",
            "utf8",
            f"a .csv file must be UTF-8 encoded ({error.reason} at byte {error.start})",
            None,
        ) from None
    return list(csv.reader(io.StringIO(text)))


def _xlsx_rows(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise invalid("file", "xlsx", f"not a readable .xlsx workbook: {error}", None) from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_table(file_name: str, content: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {column: value}) for every non-empty data row; the whole file is refused on a bad header."""
    lowered = file_name.lower()
    if lowered.endswith(".csv"):
        raw = _csv_rows(content)
    elif lowered.endswith(".xlsx"):
        raw = _xlsx_rows(content)
    else:
        raise invalid("fileName", "file_type", "upload a .csv or .xlsx file", file_name)
    if not raw:
        raise invalid(
            "file",
            "header",
            f"the file is empty; its first row must name the columns {', '.join(REQUIRED)}",
            None,
        )
    header = [_column_name(cell) for cell in raw[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise invalid("file", "header", f"missing columns: {', '.join(missing)}", list(raw[0]))
    wanted = {name: header.index(name) for name in REQUIRED + OPTIONAL if name in header}
    rows = []
    for number, cells in enumerate(raw[1:], start=FIRST_DATA_ROW):
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        rows.append(
            (number, {name: cells[i] if i < len(cells) else None for name, i in wanted.items()})
        )
    if not rows:
        raise invalid("file", "not_empty", "the file has a header but no observations", None)
    if len(rows) > MAX_ROWS:
        raise invalid(
            "file", "max_rows", f"at most {MAX_ROWS} observations per file; split it", len(rows)
        )
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
