"""Writing .csv and .xlsx exports that are safe to open in a spreadsheet.

Text that starts with = + - @, a tab or a carriage return is run as a formula by Excel, WPS and
LibreOffice (OWASP, "CSV Injection"): a name such as `=HYPERLINK(...)` would become a live link
or a command in the file an officer opens. Such text is written so that it stays text: in a .csv
with a leading apostrophe, which the spreadsheet hides and the platform's reader removes again
(services/common/spreadsheets.py); in an .xlsx as a string cell marked quote-prefixed, its value
unchanged. Numbers are written as numbers and never altered.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

FORMATS = ("csv", "xlsx")
_FORMULA_START = re.compile(r"^[=+\-@\t\r]")


def runs_as_formula(value: Any) -> bool:
    return isinstance(value, str) and _FORMULA_START.match(value) is not None


def neutralise(value: Any) -> Any:
    """The cell as a .csv carries it: formula-like text behind an apostrophe, the rest as is."""
    return f"'{value}" if runs_as_formula(value) else value


def _csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in (headers, *rows):
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
    # With a BOM, Excel opens the Chinese text as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()

    def cell(value: Any) -> Any:
        if not runs_as_formula(value):
            return value
        written = WriteOnlyCell(sheet, value=value)
        # openpyxl makes any text starting with "=" a formula; this keeps it a string.
        written.data_type = "s"
        written.quotePrefix = True
        return written

    for row in (headers, *rows):
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_table(file_type: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """A header row and data rows as a .csv (UTF-8 with a BOM) or an .xlsx file."""
    if file_type == "csv":
        return _csv(headers, rows)
    if file_type == "xlsx":
        return _xlsx(headers, rows)
    raise ValueError(f"no spreadsheet format {file_type!r}")
