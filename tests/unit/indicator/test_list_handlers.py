"""Drafting, editing, publishing and importing units' lists, against in-memory fakes."""

from datetime import date

import pytest

from schemas.rule_codes import RuleCode
from services.common.errors import Conflict, NotFound, ValidationFailed
from services.indicator.domain.layouts import LIST_LAYOUT
from services.indicator.domain.lists import Item
from services.indicator.domain.versions import DRAFT, PUBLISHED, SUPERSEDED
from services.indicator.service_layer import list_commands
from services.indicator.service_layer.list_catalogue import ListRequest
from tests.unit.indicator.catalogue_store import (
    VILLAGE_A,
    VILLAGE_B,
    YEAR,
    catalogue,
    items_summing,
    table,
    uow,
)
from tests.unit.indicator.fixtures import TOWNSHIP

TODAY = date(YEAR - 1, 12, 1)


def rules(error: ValidationFailed) -> list[tuple[str, str]]:
    return [(p.field, p.rule) for p in error.problems]


async def drafted(store, unit_id=TOWNSHIP.id, items=None):
    async with uow(store) as u:
        return await list_commands.draft_list(u, unit_id, YEAR, items=items)


async def published(store, unit_id=TOWNSHIP.id, effective_from=None):
    async with uow(store) as u:
        return await list_commands.publish_list(u, unit_id, YEAR, effective_from, today=TODAY)


async def test_a_draft_gets_the_next_number_and_its_category_s_common_indicators():
    store = catalogue()
    draft = await drafted(store, items=[Item("EC-2", 50.0, 10.0)])
    assert (draft.version, draft.status) == (1, DRAFT)
    assert [(i.indicator_code, i.origin) for i in draft.items] == [
        ("EC-1", "common"),
        ("EC-2", "individual"),
    ]
    assert draft.created_at is not None
    assert store.published == []


async def test_a_unit_has_one_draft_at_a_time():
    store = catalogue()
    await drafted(store, items=items_summing())
    with pytest.raises(Conflict):
        await drafted(store, items=items_summing())


async def test_a_draft_may_miss_100_but_breaks_no_other_rule():
    store = catalogue()
    await drafted(store, items=items_summing(90))
    with pytest.raises(ValidationFailed) as refused:
        await drafted(store, unit_id=VILLAGE_A.id, items=[Item("EC-9", 10.0)])
    assert rules(refused.value) == [("indicatorCode", RuleCode.exists)]


async def test_editing_a_draft_sets_and_removes_items_but_keeps_common_ones():
    store = catalogue()
    await drafted(store, items=items_summing())
    async with uow(store) as u:
        edited = await list_commands.edit_draft(
            u, TOWNSHIP.id, YEAR, set_items=[Item("EC-4", 5.0, 1.0)], remove=["EC-3"]
        )
    assert [i.indicator_code for i in edited.items] == ["EC-1", "EC-2", "RL-WATER-QUALITY", "EC-4"]
    for remove, rule in (["EC-1"], RuleCode.common_required), (["EC-3"], RuleCode.in_list):
        with pytest.raises(ValidationFailed) as refused:
            async with uow(store) as u:
                await list_commands.edit_draft(u, TOWNSHIP.id, YEAR, remove=remove)
        assert rules(refused.value) == [("remove", rule)]


async def test_a_discarded_draft_is_gone():
    store = catalogue()
    await drafted(store, items=items_summing())
    async with uow(store) as u:
        await list_commands.discard_draft(u, TOWNSHIP.id, YEAR)
    assert store.lists == {}
    with pytest.raises(NotFound):
        async with uow(store) as u:
            await list_commands.discard_draft(u, TOWNSHIP.id, YEAR)


async def test_publishing_freezes_the_draft_in_the_snapshot_it_publishes():
    store = catalogue()
    draft = await drafted(store, items=items_summing())
    version = await published(store)
    assert (version.version, version.status) == (draft.version, PUBLISHED)
    assert version.effective_from == date(YEAR, 1, 1)
    assert version.id != draft.id and list(store.lists) == [version.id]
    [envelope] = store.published
    assert envelope.event_type == "IndicatorListPublished"
    assert envelope.payload == version.snapshot
    assert [i["indicator_code"] for i in version.snapshot_items] == [
        "EC-1",
        "EC-2",
        "EC-3",
        "RL-WATER-QUALITY",
    ]


async def test_a_newer_version_supersedes_the_one_in_force_the_day_before_it_starts():
    store = catalogue()
    await drafted(store, items=items_summing())
    first = await published(store)
    async with uow(store) as u:
        second_draft = await list_commands.draft_list(u, TOWNSHIP.id, YEAR)
    assert second_draft.version == 2
    assert [i.indicator_code for i in second_draft.items] == [
        i["indicator_code"] for i in first.snapshot_items
    ]
    second = await published(store, effective_from=date(YEAR, 7, 1))
    ended = store.lists[first.id]
    assert (ended.status, ended.effective_to) == (SUPERSEDED, date(YEAR, 6, 30))
    assert second.supersedes_version == 1
    assert store.published[-1].payload["supersedes_version"] == 1


async def test_a_list_missing_100_is_not_published_and_nothing_changes():
    store = catalogue()
    draft = await drafted(store, items=items_summing(99))
    with pytest.raises(ValidationFailed) as refused:
        await published(store)
    assert rules(refused.value) == [("weight", RuleCode.sum_100)]
    assert list(store.lists.values()) == [draft]
    assert store.published == []


async def test_a_version_starts_after_the_one_in_force():
    store = catalogue()
    await drafted(store, items=items_summing())
    await published(store, effective_from=date(YEAR, 3, 1))
    async with uow(store) as u:
        await list_commands.draft_list(u, TOWNSHIP.id, YEAR)
    with pytest.raises(ValidationFailed) as refused:
        await published(store, effective_from=date(YEAR, 2, 1))
    assert rules(refused.value) == [("effectiveFrom", RuleCode.after_version_in_force)]


async def test_many_lists_are_published_all_or_none():
    store = catalogue()
    good = ListRequest(VILLAGE_A.id, YEAR, tuple(items_summing()))
    bad = ListRequest(VILLAGE_B.id, YEAR, tuple(items_summing(80)))
    with pytest.raises(ValidationFailed):
        async with uow(store) as u:
            await list_commands.publish_lists(u, [good, bad], today=TODAY)
    assert store.lists == {} and store.published == []
    async with uow(store) as u:
        count = await list_commands.publish_lists(
            u, [good, ListRequest(VILLAGE_B.id, YEAR, tuple(items_summing()))], today=TODAY
        )
    assert count == 2 and len(store.published) == 2


def list_file(*rows):
    headers = ["unit_id", "year", "indicator_code", "weight", "target"]
    return table(headers, *rows)


async def test_a_list_file_with_one_broken_row_writes_nothing():
    store = catalogue()
    broken = list_file(
        [VILLAGE_A.id, YEAR, "EC-1", 20, 10],
        [VILLAGE_A.id, YEAR, "EC-2", 80, 10],
        [VILLAGE_B.id, YEAR, "EC-1", 20, 10],
        [VILLAGE_B.id, YEAR, "EC-9", 80, 10],
    )
    async with uow(store) as u:
        report = await list_commands.import_lists(u, broken, publish=True, today=TODAY)
    assert not report.applied
    # B's sum leaves out the unknown indicator, so it misses 100 too (reported at its first row).
    assert [(e.row, e.column, e.rule) for e in report.errors] == [
        (4, "weight", RuleCode.sum_100),
        (5, "indicator_code", RuleCode.exists),
    ]
    assert store.lists == {} and store.published == []


async def test_a_list_file_publishes_every_list_it_holds():
    store = catalogue()
    good = list_file(
        [VILLAGE_A.id, YEAR, "EC-1", 20, 10],
        [VILLAGE_A.id, YEAR, "EC-2", 80, 10],
        [VILLAGE_B.id, YEAR, "EC-3", 80, 10],
    )
    async with uow(store) as u:
        report = await list_commands.import_lists(u, good, publish=True, today=TODAY)
    assert report.applied and (report.written, report.published) == (2, 2)
    # VILLAGE_B's list leaves out the common EC-1: it comes in at its default weight.
    by_unit = {v.unit_id: v for v in store.lists.values()}
    assert [i["indicator_code"] for i in by_unit[VILLAGE_B.id].snapshot_items] == ["EC-1", "EC-3"]
    assert {e.payload["unit_id"] for e in store.published} == {VILLAGE_A.id, VILLAGE_B.id}


async def test_a_list_file_as_drafts_replaces_the_units_drafts():
    store = catalogue()
    await drafted(store, unit_id=VILLAGE_A.id, items=items_summing(50))
    # A file's lists are complete, drafts or not: they add up to 100.
    drafts = list_file([VILLAGE_A.id, YEAR, "EC-4", 80, 1])
    async with uow(store) as u:
        report = await list_commands.import_lists(u, drafts, publish=False, today=TODAY)
    assert report.applied and (report.written, report.published) == (1, 0)
    [draft] = store.lists.values()
    assert (draft.version, [i.indicator_code for i in draft.items]) == (1, ["EC-1", "EC-4"])
    assert store.published == []


def test_the_list_file_layout_reads_the_columns_the_tests_write():
    assert {"unit_id", "year", "indicator_code", "weight", "target"} <= set(
        LIST_LAYOUT.headers("en")
    )
