"""Reading spreadsheet cells into values, with Chinese or English headers, and row-level errors.

A table is what a .csv or .xlsx file holds once read (adapters/spreadsheet_files.py does the reading); these
functions only interpret cells, so every rule is checked the same way for both formats.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem

HEADER_ROW = 1


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (spreadsheet row number, cells)


@dataclass(frozen=True)
class Column:
    field: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    imported: bool = True  # False: written by exports for the reader, ignored by imports


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None
    field: str
    rule: str
    reason: str
    value: Any = None


class CellError(ValueError):
    """A cell that cannot be read as what its column holds."""

    def __init__(self, rule: RuleCode, message: str):
        super().__init__(message)
        self.rule = rule


def normalise_header(header: Any) -> str:
    text = unicodedata.normalize("NFKC", str(header or "")).strip()
    text = re.sub(r"\(.*?\)", "", text).strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


# Columns people add for themselves and that mean nothing to the catalogue.
_IGNORED = {normalise_header(h) for h in ("备注", "序号", "remarks", "note", "notes", "no.", "#")}


class Layout:
    """The columns of one kind of file."""

    def __init__(self, name: str, columns: Sequence[Column]):
        self.name = name
        self.columns = tuple(columns)
        self._by_header = {}
        for column in self.columns:
            for header in (column.field, column.zh, column.en, *column.aliases):
                self._by_header[normalise_header(header)] = column

    def headers(self, language: str) -> list[str]:
        return [column.zh if language == "zh" else column.en for column in self.columns]

    def locate(
        self, headers: Sequence[Any]
    ) -> tuple[dict[str, int], dict[str, str], list[RowError]]:
        """Column index and header as written, per field; errors for missing, unknown or repeated columns."""
        index: dict[str, int] = {}
        written: dict[str, str] = {}
        errors = []
        for position, header in enumerate(headers):
            key = normalise_header(header)
            if not key or key in _IGNORED:
                continue
            column = self._by_header.get(key)
            if column is None:
                errors.append(
                    RowError(
                        HEADER_ROW,
                        str(header),
                        "header",
                        RuleCode.known_column,
                        f"unknown column {header!r} in a {self.name} file",
                        header,
                    )
                )
            elif column.field in index:
                errors.append(
                    RowError(
                        HEADER_ROW,
                        str(header),
                        column.field,
                        RuleCode.unique_column,
                        f"column {column.zh} / {column.en} appears twice",
                        header,
                    )
                )
            elif column.imported:
                index[column.field] = position
                written[column.field] = str(header)
        for column in self.columns:
            if column.required and column.field not in index:
                errors.append(
                    RowError(
                        HEADER_ROW,
                        column.zh,
                        column.field,
                        RuleCode.required_column,
                        f"a {self.name} file needs the column {column.zh} / {column.en}",
                        None,
                    )
                )
        return index, written, errors


def row_errors(
    problems: Sequence[FieldProblem], written: dict[str, str], layout: Layout
) -> list[RowError]:
    """Problems found in rows, each named by the column header the file used."""
    fallback = {column.field: column.zh for column in layout.columns}
    return [
        RowError(
            p.row,
            written.get(p.field) or fallback.get(p.field),
            p.field,
            p.rule,
            p.message,
            p.value,
        )
        for p in problems
    ]


def text(cell: Any) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    value = str(cell).strip()
    return value or None


def number(cell: Any) -> float | None:
    if isinstance(cell, bool):
        raise CellError(RuleCode.number, "expected a number")
    if cell is None or isinstance(cell, (int, float)):
        value = None if cell is None else float(cell)
    else:
        raw = unicodedata.normalize("NFKC", str(cell)).strip().replace(",", "").removesuffix("%")
        if not raw:
            return None
        try:
            value = float(raw)
        except ValueError:
            raise CellError(RuleCode.number, "expected a number") from None
    if value is not None and not math.isfinite(value):
        raise CellError(RuleCode.number, "expected a finite number")
    return value


def integer(cell: Any) -> int | None:
    value = number(cell)
    if value is None:
        return None
    if not value.is_integer():
        raise CellError(RuleCode.integer, "expected a whole number")
    return int(value)


_TRUE = {"true", "yes", "y", "1", "是", "√", "✓", "需要"}
_FALSE = {"false", "no", "n", "0", "否", "×", "✗", "不需要"}


def boolean(cell: Any) -> bool | None:
    if isinstance(cell, bool):
        return cell
    value = text(cell)
    if value is None:
        return None
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise CellError(RuleCode.boolean, "expected 是/否 or yes/no")


_DATE = re.compile(r"^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$")


def day(cell: Any) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    value = text(cell)
    if value is None:
        return None
    found = _DATE.match(value)
    try:
        return date(*(int(part) for part in found.groups())) if found else date.fromisoformat(value)
    except ValueError:
        raise CellError(
            RuleCode.date, "expected a date such as 2025-01-01 or 2025年1月1日"
        ) from None


def word_list(cell: Any) -> tuple[str, ...]:
    value = text(cell)
    if value is None:
        return ()
    return tuple(part for part in re.split(r"[,;，；、|\s]+", value) if part)


def bands(cell: Any) -> list[dict[str, float | None]] | None:
    """'95:100; 90:80' (bound:score, best first) as the rule's list of bands."""
    value = text(cell)
    if value is None:
        return None
    found = []
    for part in re.split(r"[;；|]+", unicodedata.normalize("NFKC", value)):
        if not part.strip():
            continue
        bound, sep, score = part.replace("=", ":").partition(":")
        if not sep:
            raise CellError(
                RuleCode.bands, "write bands as bound:score pairs, best first, e.g. 95:100; 90:80"
            )
        found.append({"bound": number(bound), "score": number(score)})
    return found


def format_bands(rule_bands: list[dict[str, float]]) -> str:
    return "; ".join(f"{band['bound']:g}:{band['score']:g}" for band in rule_bands)
