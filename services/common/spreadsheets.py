"""The one reader of imported spreadsheets: .csv (UTF-8 with or without a BOM, or GB18030 as
Chinese Excel saves it) and .xlsx (the first sheet), read as a stream within the limits.

Rows are counted and measured while they are read, and reading stops at the first row past a
limit: a file is never parsed whole before it is judged. Every problem names the field the file
came in and, for a row, its row number as a spreadsheet shows it (the header is row 1). This runs
in a worker process (services/common/sheet_worker.py), never on a service's event loop.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem, ValidationFailed, invalid
from services.common.limits import MAX_FILE_COLUMNS, MAX_FILE_ROWS
from services.common.zip_guard import GuardedArchive, Inflated, open_part

FORMATS = ("csv", "xlsx")
HEADER_ROW = 1
# The exports' neutralised cells (services/common/spreadsheet_export.py) read back as written.
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Problems listed before reading gives up on a file whose cells hold control characters.
_MAX_CELL_PROBLEMS = 50


@dataclass(frozen=True)
class Sheet:
    """The header row's cells, then each non-empty data row as (row number, cells), every row at
    least as wide as the header."""

    headers: list[Any]
    rows: list[tuple[int, list[Any]]]


def file_format(filename: str, field: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in FORMATS:
        raise invalid(field, RuleCode.file_type, "upload a .csv or .xlsx file", filename)
    return suffix


def _empty(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and cell.strip() == "")


class _Collector:
    def __init__(self, field: str, max_rows: int):
        self.field = field
        self.max_rows = max_rows
        self.headers: list[Any] | None = None
        self.rows: list[tuple[int, list[Any]]] = []
        self.problems: list[FieldProblem] = []

    def add(self, number: int, cells: list[Any]) -> None:
        if number > self.max_rows + HEADER_ROW:
            raise invalid(
                self.field,
                RuleCode.max_rows,
                f"at most {self.max_rows:,} rows under the header; split the file",
                number - HEADER_ROW,
            )
        while cells and _empty(cells[-1]):
            cells.pop()
        if len(cells) > MAX_FILE_COLUMNS:
            raise ValidationFailed(
                FieldProblem(
                    self.field,
                    RuleCode.max_columns,
                    f"at most {MAX_FILE_COLUMNS} columns",
                    len(cells),
                    number,
                )
            )
        self._check_text(number, cells)
        if self.headers is None:
            self.headers = cells
        elif cells and not all(_empty(cell) for cell in cells):
            width = len(self.headers)
            self.rows.append((number, cells + [None] * (width - len(cells))))

    def _check_text(self, number: int, cells: list[Any]) -> None:
        for position, cell in enumerate(cells):
            if isinstance(cell, str) and _CONTROL_CHARACTER.search(cell):
                self.problems.append(
                    FieldProblem(
                        self.field,
                        RuleCode.control_character,
                        f"column {position + 1} holds a control character",
                        cell.encode("unicode_escape").decode("ascii")[:80],
                        number,
                    )
                )
                if len(self.problems) >= _MAX_CELL_PROBLEMS:
                    raise ValidationFailed(self.problems)

    def sheet(self) -> Sheet:
        if self.problems:
            raise ValidationFailed(self.problems)
        if self.headers is None:
            raise invalid(
                self.field,
                RuleCode.header_row,
                "the file is empty; its first row names the columns",
                None,
            )
        return Sheet(headers=self.headers, rows=self.rows)


def _csv_rows(content: bytes, encoding: str) -> Iterator[list[Any]]:
    text = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
    for row in csv.reader(text):
        yield [_NEUTRALISED.sub("", cell) for cell in row]


def _read_csv(content: bytes, field: str, max_rows: int) -> Sheet:
    for encoding in ("utf-8-sig", "gb18030"):
        collector = _Collector(field, max_rows)
        rows = _csv_rows(content, encoding)
        number = HEADER_ROW
        try:
            for number, cells in enumerate(rows, start=HEADER_ROW):
                collector.add(number, cells)
        except UnicodeDecodeError:
            continue
        except csv.Error as error:
            raise ValidationFailed(
                FieldProblem(field, RuleCode.csv, f"unreadable .csv row: {error}", None, number + 1)
            ) from None
        return collector.sheet()
    raise invalid(field, RuleCode.encoding, "a .csv file is UTF-8 or GB18030 text", None)


def _xlsx_rows(
    content: bytes, inflated: Inflated, max_rows: int
) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cell values) of the first sheet, parsed as a stream."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.worksheet._reader import WorkSheetParser

    # The directory is judged first; openpyxl then opens a zip of its own, but every part it
    # reads comes through the guarded one instead.
    archive = GuardedArchive(content, inflated)
    reader = ExcelReader(io.BytesIO(content), read_only=True, data_only=True)
    reader.archive = archive
    # The workbook's parts up to its styles (dates are numbers with a date style), but not
    # openpyxl's worksheets: a read-only one parses a sheet without a <dimension> whole, only
    # to learn its size, before the first row is handed out.
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    sheets = [rel.target for _, rel in reader.parser.find_sheets() if "worksheet" in rel.Type]
    if not sheets or sheets[0] not in reader.valid_files:
        raise invalid(inflated.field, RuleCode.xlsx, "the workbook has no sheet", None)
    _count_rows(content, archive.getinfo(sheets[0]), inflated.field, max_rows)
    workbook = reader.wb
    with reader.archive.open(sheets[0]) as source:
        parser = WorkSheetParser(
            source,
            reader.shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for number, cells in parser.parse():
            yield number, _values(number, cells, inflated.field)


def _count_rows(content: bytes, part: zipfile.ZipInfo, field: str, max_rows: int) -> None:
    """Refuses a sheet with too many rows from its bytes, before any cell is parsed.

    Counting row tags as the part inflates costs a fraction of what parsing cells does, so a
    file of a million rows is turned away in milliseconds of work. The parse counts rows again
    (a sheet written with a namespace prefix on its tags passes here and is stopped there).
    This pass has limits of its own: the part is read twice, the limits hold for each reading."""
    limit = max_rows + HEADER_ROW
    seen, carry = 0, b""
    with open_part(content, part, Inflated(field)) as source:
        while chunk := source.read(1024 * 1024):
            seen += (carry + chunk).count(b"<row")
            carry = chunk[-3:]
            if seen > limit:
                raise invalid(
                    field,
                    RuleCode.max_rows,
                    f"at most {max_rows:,} rows under the header; split the file",
                    f"more than {seen - HEADER_ROW:,}",
                )


def _values(number: int, cells: list[dict[str, Any]], field: str) -> list[Any]:
    """A row's values by column; the columns a file claims are checked before any list is made."""
    width = max((cell["column"] for cell in cells), default=0)
    if width > MAX_FILE_COLUMNS:
        raise ValidationFailed(
            FieldProblem(
                field, RuleCode.max_columns, f"at most {MAX_FILE_COLUMNS} columns", width, number
            )
        )
    values: list[Any] = [None] * width
    for cell in cells:
        values[cell["column"] - 1] = cell["value"]
    return values


def _read_xlsx(content: bytes, field: str, max_rows: int) -> Sheet:
    collector = _Collector(field, max_rows)
    inflated = Inflated(field)
    try:
        for number, cells in _xlsx_rows(content, inflated, max_rows):
            collector.add(number, cells)
    except (ValidationFailed, MemoryError):
        raise
    except Exception as error:  # a damaged workbook fails inside openpyxl in many ways
        if inflated.refusal is not None:
            raise inflated.refusal from None
        raise invalid(
            field, RuleCode.xlsx, f"not a readable .xlsx workbook ({type(error).__name__})", None
        ) from None
    if inflated.refusal is not None:
        raise inflated.refusal
    return collector.sheet()


def read_sheet(format: str, content: bytes, field: str, max_rows: int = MAX_FILE_ROWS) -> Sheet:
    """The file's first sheet within the limits; ValidationFailed naming `field` otherwise.

    `format` is what `file_format` made of the file's name."""
    if format == "csv":
        return _read_csv(content, field, max_rows)
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise invalid(field, RuleCode.xlsx, "not a readable .xlsx workbook (not a zip)", None)
    return _read_xlsx(content, field, max_rows)
