"""Spreadsheet files in and out: .csv (UTF-8, or GB18030 as Chinese Excel saves it) and .xlsx."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook, load_workbook

from schemas.rule_codes import RuleCode
from services.common.errors import invalid
from services.indicator.domain.tabular import HEADER_ROW, Table

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_format(filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in FORMATS:
        raise invalid("file.filename", RuleCode.format, "upload a .csv or .xlsx file", filename)
    return suffix


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise invalid("file.content", RuleCode.encoding, "a .csv file is UTF-8 or GB18030 text", None)


def _table(rows: list[tuple[int, list[Any]]]) -> Table:
    if not rows:
        raise invalid(
            "file.content",
            RuleCode.header_row,
            "the file is empty; the first row names the columns",
            None,
        )
    (_, headers), data = rows[0], rows[1:]
    width = len(headers)
    # Wholly empty rows (spreadsheets often end with some) are not data; short rows (empty cells
    # at the end) are filled up, so every row has a cell under every header.
    data = [
        (number, cells + [None] * (width - len(cells)) if len(cells) < width else cells)
        for number, cells in data
        if any(c not in (None, "") for c in cells)
    ]
    return Table(headers=[str(h or "").strip() for h in headers], rows=data)


def read_table(filename: str, content: bytes) -> Table:
    """The first sheet (or the csv) as a header row and numbered data rows."""
    if file_format(filename) == "csv":
        reader = csv.reader(io.StringIO(_decode(content), newline=""))
        return _table([(number, row) for number, row in enumerate(reader, start=HEADER_ROW)])
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise invalid(
            "file.content",
            RuleCode.xlsx,
            f"not a readable .xlsx workbook ({type(error).__name__})",
            filename,
        ) from None
    try:
        sheet = workbook.worksheets[0]
        return _table(
            [
                (number, list(row))
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=HEADER_ROW)
            ]
        )
    finally:
        workbook.close()


def write_table(file_type: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    if file_type == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
        # With a BOM, Excel opens the Chinese text as UTF-8.
        return buffer.getvalue().encode("utf-8-sig")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
