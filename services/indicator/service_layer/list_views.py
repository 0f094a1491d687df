"""Read models: a unit's list version as clients see it, and diffs between versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.common.errors import NotFound
from services.indicator.domain.diff import ListDiff, diff_items
from services.indicator.domain.lists import snapshot_items
from services.indicator.domain.versions import PUBLISHED, ListVersion
from services.indicator.service_layer.unit_of_work import CatalogueReads

_HEADER_FIELDS = ("scheme_code", "effective_from")


@dataclass(frozen=True)
class ListView:
    """A stored version with its items: frozen in the snapshot once published, live while a draft."""

    stored: ListVersion
    items: list[dict[str, Any]]


async def view_of(reads: CatalogueReads, stored: ListVersion) -> ListView:
    if stored.snapshot is not None:
        return ListView(stored, stored.snapshot_items)
    indicators = await reads.library.indicators_by_code([i.indicator_code for i in stored.items])
    return ListView(stored, snapshot_items(stored.items, indicators))


async def list_version(
    reads: CatalogueReads, unit_id: str, year: int, version: int | None = None
) -> ListView | None:
    """The version asked for, or without a number the version in force."""
    stored = await reads.lists.find(unit_id, year, version, status=None if version else PUBLISHED)
    return await view_of(reads, stored) if stored else None


async def list_versions(
    reads: CatalogueReads, unit_id: str, year: int | None = None
) -> list[ListView]:
    return [await view_of(reads, stored) for stored in await reads.lists.of_unit(unit_id, year)]


async def list_diff(
    reads: CatalogueReads, unit_id: str, year: int, from_version: int, to_version: int
) -> ListDiff:
    views = []
    for version in (from_version, to_version):
        view = await list_version(reads, unit_id, year, version)
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
