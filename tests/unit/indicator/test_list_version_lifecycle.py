"""A list version goes draft -> published -> superseded, never back, by its own methods."""

from datetime import UTC, date, datetime

import pytest

from services.common.errors import Conflict
from services.indicator.domain.lists import Item
from services.indicator.domain.versions import (
    DRAFT,
    PUBLISHED,
    SUPERSEDED,
    ListVersion,
    Publication,
)
from services.indicator.service_layer import exports, list_commands, list_views
from tests.unit.indicator.catalogue_store import YEAR, catalogue, items_summing, uow
from tests.unit.indicator.fixtures import TOWNSHIP

AT = datetime(YEAR, 1, 1, tzinfo=UTC)


def draft() -> ListVersion:
    return ListVersion.drafted("L1", TOWNSHIP.id, YEAR, 1, None, [Item("EC-1", 100.0)])


def test_a_published_draft_keeps_its_number_and_takes_its_dates():
    published = draft().published(Publication(1, date(YEAR, 1, 1), None), {"items": []}, AT)
    assert (published.status, published.version, published.effective_from) == (
        PUBLISHED,
        1,
        date(YEAR, 1, 1),
    )
    assert published.supersedes_version is None and published.published_at == AT


def test_only_a_draft_is_published_and_only_the_version_in_force_superseded():
    published = draft().published(Publication(1, date(YEAR, 1, 1), None), {"items": []}, AT)
    with pytest.raises(Conflict):
        published.published(Publication(1, date(YEAR, 2, 1), None), {"items": []}, AT)
    with pytest.raises(Conflict):
        draft().header.superseded(date(YEAR, 6, 30))
    ended = published.header.superseded(date(YEAR, 6, 30))
    assert (ended.status, ended.effective_to) == (SUPERSEDED, date(YEAR, 6, 30))
    with pytest.raises(Conflict):
        ended.superseded(date(YEAR, 7, 30))
    assert draft().status == DRAFT


async def test_views_show_a_draft_live_and_a_published_version_frozen():
    store = catalogue()
    async with uow(store) as u:
        await list_commands.draft_list(u, TOWNSHIP.id, YEAR, items=items_summing())
    async with uow(store) as u:
        [live] = await list_views.list_versions(u, TOWNSHIP.id, YEAR)
        assert [i["name"] for i in live.items][:1] == [store.indicators["EC-1"].name]
        assert await list_views.list_version(u, TOWNSHIP.id, YEAR) is None
        await list_commands.publish_list(u, TOWNSHIP.id, YEAR, date(YEAR, 1, 1))
    async with uow(store) as u:
        frozen = await list_views.list_version(u, TOWNSHIP.id, YEAR)
        exported = await exports.export_lists(u, YEAR, None, "csv", "en")
    assert frozen.items == frozen.stored.snapshot_items
    assert exported.rows == len(frozen.items)
    assert exported.filename == f"indicator-lists-{YEAR}.csv"
