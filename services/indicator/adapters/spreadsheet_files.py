"""Spreadsheet files in and out: .csv (UTF-8, or GB18030 as Chinese Excel saves it) and .xlsx.

Reading and writing are the platform's (services/common/spreadsheets.py, spreadsheet_export.py);
this names the catalogue's fields and turns a sheet into the catalogue's Table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.common import spreadsheet_export
from services.common.spreadsheets import Sheet
from services.common.spreadsheets import file_format as sheet_format
from services.indicator.domain.tabular import Table

FORMATS = spreadsheet_export.FORMATS
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_format(filename: str) -> str:
    return sheet_format(filename, "file.filename")


def table_of(sheet: Sheet) -> Table:
    """The sheet's header row (as text) and data rows."""
    return Table(headers=[str(h or "").strip() for h in sheet.headers], rows=sheet.rows)


def write_table(file_type: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """An export, its formula-like text neutralised."""
    return spreadsheet_export.write_table(file_type, headers, rows)
