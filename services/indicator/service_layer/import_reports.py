"""What every catalogue import shares: reading rows by layout, and the row-level report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem
from services.indicator.domain.tabular import Layout, RowError, Table, row_errors

# A report names this many problems at most (a broken 80,000-row file would otherwise answer with
# a larger document than it was); `error_count` still counts them all.
MAX_REPORTED_ERRORS = 1000

T = TypeVar("T")


@dataclass(frozen=True)
class ImportReport:
    rows: int
    applied: bool
    errors: tuple[RowError, ...]
    error_count: int
    written: int = 0
    published: int = 0


@dataclass(frozen=True)
class ParsedRows:
    values: list[tuple[int, Any]]  # (spreadsheet row, what it holds), rows that could be read
    header_errors: list[RowError]
    problems: list[FieldProblem]
    written: dict[str, str]  # field -> column header as the file wrote it


def parse_rows(
    table: Table,
    layout: Layout,
    parse_row: Callable[[int, list[Any], dict[str, int]], tuple[T | None, list[FieldProblem]]],
) -> ParsedRows:
    index, written, header_errors = layout.locate(table.headers)
    if header_errors:
        return ParsedRows([], header_errors, [], written)
    values, problems = [], []
    for number, cells in table.rows:
        value, found = parse_row(number, cells, index)
        problems.extend(found)
        if value is not None:
            values.append((number, value))
    return ParsedRows(values, [], problems, written)


def refused(
    table: Table, layout: Layout, parsed: ParsedRows, problems: Sequence[FieldProblem] = ()
) -> ImportReport | None:
    """The report of a refused import, or None when nothing stands in the way of applying it."""
    errors = parsed.header_errors + row_errors(
        [*parsed.problems, *problems], parsed.written, layout
    )
    if not errors and table.rows:
        return None
    if not table.rows and not errors:
        errors = [
            RowError(
                None, None, "file", RuleCode.rows_required, "the file has a header but no data rows"
            )
        ]
    ordered = sorted(errors, key=lambda e: (e.row or 0, e.column or ""))
    return ImportReport(
        rows=len(table.rows),
        applied=False,
        errors=tuple(ordered[:MAX_REPORTED_ERRORS]),
        error_count=len(errors),
    )


def applied(table: Table, written: int, published: int = 0) -> ImportReport:
    return ImportReport(
        rows=len(table.rows),
        applied=True,
        errors=(),
        error_count=0,
        written=written,
        published=published,
    )
