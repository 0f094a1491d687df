"""Read models: a unit's list version as clients see it, diffs between versions, file exports."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import NotFound
from services.indicator.adapters import files, library, list_store, repository
from services.indicator.adapters.list_store import StoredList
from services.indicator.domain.diff import ListDiff, diff_items
from services.indicator.domain.layouts import (
    INDICATOR_LAYOUT,
    LIST_LAYOUT,
    indicator_row,
    list_rows,
)
from services.indicator.domain.lists import snapshot_items
from services.indicator.domain.versions import PUBLISHED

_HEADER_FIELDS = ("scheme_code", "effective_from")


@dataclass(frozen=True)
class ListView:
    """A stored version with its items: frozen in the snapshot once published, live while a draft."""

    stored: StoredList
    items: list[dict]


async def _view(session: AsyncSession, stored: StoredList) -> ListView:
    if stored.snapshot is not None:
        return ListView(stored, stored.snapshot["items"])
    drafted = await list_store.items_of(session, stored.id)
    indicators = await library.indicators_by_code(session, [i.indicator_code for i in drafted])
    return ListView(stored, snapshot_items(drafted, indicators))


async def view_of(session: AsyncSession, stored: StoredList | None) -> ListView | None:
    return await _view(session, stored) if stored else None


async def list_version(
    session: AsyncSession, unit_id: str, year: int, version: int | None = None
) -> ListView | None:
    """The version asked for, or without a number the version in force."""
    stored = await list_store.find_list(
        session, unit_id, year, version, status=None if version else PUBLISHED
    )
    return await view_of(session, stored)


async def list_versions(
    session: AsyncSession, unit_id: str, year: int | None = None
) -> list[ListView]:
    return [
        await _view(session, stored) for stored in await list_store.lists_of(session, unit_id, year)
    ]


async def list_diff(
    session: AsyncSession, unit_id: str, year: int, from_version: int, to_version: int
) -> ListDiff:
    views = []
    for version in (from_version, to_version):
        view = await list_version(session, unit_id, year, version)
        if view is None:
            raise NotFound(f"unit {unit_id!r} has no version {version} of its {year} list")
        views.append(view)
    before, after = views
    return diff_items(
        before.items,
        after.items,
        {name: getattr(before.stored, name) for name in _HEADER_FIELDS},
        {name: getattr(after.stored, name) for name in _HEADER_FIELDS},
    )


@dataclass(frozen=True)
class ExportedFile:
    filename: str
    content_type: str
    content: bytes
    rows: int


async def export_indicators(session: AsyncSession, file_type: str, language: str) -> ExportedFile:
    found = await library.indicators_by_code(session)
    rows = [indicator_row(ind, language) for _, ind in sorted(found.items())]
    content = files.write_table(file_type, INDICATOR_LAYOUT.headers(language), rows)
    return ExportedFile(
        f"indicator-library.{file_type}", files.CONTENT_TYPES[file_type], content, len(rows)
    )


async def export_lists(
    session: AsyncSession, year: int, unit_ids: list[str] | None, file_type: str, language: str
) -> ExportedFile:
    """The lists in force for the year, in the layout the list import reads."""
    stored = await list_store.in_force(session, year, unit_ids)
    names = {
        u.id: u.name
        for u in (await repository.units_by_id(session, [s.unit_id for s in stored])).values()
    }
    rows = []
    for s in stored:
        header = {
            "unit_id": s.unit_id,
            "year": s.year,
            "version": s.version,
            "scheme_code": s.scheme_code,
            "effective_from": s.effective_from,
        }
        rows.extend(list_rows(header, names.get(s.unit_id, ""), s.snapshot["items"], language))
    content = files.write_table(file_type, LIST_LAYOUT.headers(language), rows)
    return ExportedFile(
        f"indicator-lists-{year}.{file_type}", files.CONTENT_TYPES[file_type], content, len(rows)
    )
