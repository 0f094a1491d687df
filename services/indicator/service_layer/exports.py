"""The catalogue as files: the indicator library, and the lists in force in the layout the list
import reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.indicator.adapters import spreadsheet_files
from services.indicator.domain.layouts import (
    INDICATOR_LAYOUT,
    LIST_LAYOUT,
    indicator_row,
    list_rows,
)
from services.indicator.service_layer.unit_of_work import CatalogueReads


@dataclass(frozen=True)
class ExportedFile:
    filename: str
    content_type: str
    content: bytes
    rows: int


async def export_indicators(reads: CatalogueReads, file_type: str, language: str) -> ExportedFile:
    found = await reads.library.indicators_by_code()
    rows = [indicator_row(ind, language) for _, ind in sorted(found.items())]
    content = spreadsheet_files.write_table(file_type, INDICATOR_LAYOUT.headers(language), rows)
    return ExportedFile(
        f"indicator-library.{file_type}",
        spreadsheet_files.CONTENT_TYPES[file_type],
        content,
        len(rows),
    )


async def export_lists(
    reads: CatalogueReads, year: int, unit_ids: list[str] | None, file_type: str, language: str
) -> ExportedFile:
    """The lists in force for the year, in the layout the list import reads."""
    stored = await reads.lists.in_force(year, unit_ids)
    names = {u.id: u.name for u in (await reads.units.by_id([s.unit_id for s in stored])).values()}
    rows: list[list[Any]] = []
    for s in stored:
        header = {
            "unit_id": s.unit_id,
            "year": s.year,
            "version": s.version,
            "scheme_code": s.scheme_code,
            "effective_from": s.effective_from,
        }
        rows.extend(list_rows(header, names.get(s.unit_id, ""), s.snapshot_items, language))
    content = spreadsheet_files.write_table(file_type, LIST_LAYOUT.headers(language), rows)
    return ExportedFile(
        f"indicator-lists-{year}.{file_type}",
        spreadsheet_files.CONTENT_TYPES[file_type],
        content,
        len(rows),
    )
