"""Commands on units, cadres, categories, the library and cascaded targets, and the unit import,
against in-memory fakes."""

from decimal import Decimal

import pytest

from schemas.rule_codes import RuleCode
from services.common.errors import Conflict, NotFound, ValidationFailed
from services.indicator.domain.cascade import Allocation, TargetCascade
from services.indicator.domain.categories import UnitCategory
from services.indicator.domain.lists import CommonIndicator
from services.indicator.domain.paperwork import PaperworkTerm
from services.indicator.domain.schemes import Scheme
from services.indicator.domain.units import Cadre, Unit
from services.indicator.entrypoints.consumers import subscription
from services.indicator.service_layer import (
    cascade_commands,
    handlers,
    library_commands,
    unit_import,
)
from tests.unit.indicator.catalogue_store import VILLAGE_A, VILLAGE_B, YEAR, catalogue, table, uow
from tests.unit.indicator.fakes import Store
from tests.unit.indicator.fixtures import TOWNSHIP, indicator, red_line


def rules(error: ValidationFailed) -> list[tuple[str, str]]:
    return [(p.field, p.rule) for p in error.problems]


async def run(store, command, *args):
    async with uow(store) as u:
        return await command(u, *args)


def test_the_indicator_service_consumes_no_event_and_joins_no_consumer_group():
    assert handlers.EVENT_HANDLERS == {}
    assert subscription(handlers.EVENT_HANDLERS) is None


async def test_a_registered_unit_is_announced():
    store = Store()
    unit = Unit("JS-HEXI", "河溪镇", "township")
    await run(store, handlers.register_unit, unit)
    assert store.units == {unit.id: unit}
    [event] = store.published
    assert (event.event_type, event.payload["unit_id"]) == ("UnitRegistered", unit.id)
    with pytest.raises(Conflict):
        await run(store, handlers.register_unit, unit)


async def test_a_unit_needs_a_known_category_and_parent():
    store = Store()
    with pytest.raises(ValidationFailed) as refused:
        await run(store, handlers.register_unit, Unit("U1", "某单位", "no_such_category"))
    assert rules(refused.value) == [("category", RuleCode.one_of)]
    with pytest.raises(ValidationFailed) as refused:
        await run(store, handlers.register_unit, Unit("U1", "某单位", "township", parent_id="U0"))
    assert rules(refused.value) == [("parentId", RuleCode.exists)]
    assert store.units == {} and store.published == []


async def test_a_registered_cadre_is_announced_with_the_unit_s_category():
    store = catalogue()
    cadre = Cadre("C-1", "王建国", TOWNSHIP.id, "principal")
    await run(store, handlers.register_cadre, cadre)
    [event] = store.published
    assert event.payload["unit_category"] == "township"
    with pytest.raises(ValidationFailed) as refused:
        await run(store, handlers.register_cadre, Cadre("C-2", "李", "NOWHERE", "deputy"))
    assert rules(refused.value) == [("unitId", RuleCode.exists)]


async def test_categories_are_configured_renamed_and_removed_while_unused():
    store = Store()
    configurable = next(c for c in store.categories.values() if c.configurable)
    renamed = UnitCategory(configurable.code, " 新名称 ", "New name")
    configured = await run(store, handlers.configure_category, renamed)
    assert store.categories[configurable.code] == configured
    assert configured.name == "新名称"
    store.units["U1"] = Unit("U1", "某单位", configurable.code)
    with pytest.raises(Conflict):
        await run(store, handlers.remove_category, configurable.code)
    del store.units["U1"]
    await run(store, handlers.remove_category, configurable.code)
    assert configurable.code not in store.categories
    with pytest.raises(NotFound):
        await run(store, handlers.remove_category, configurable.code)
    with pytest.raises(ValidationFailed) as refused:
        await run(store, handlers.remove_category, "township")
    assert rules(refused.value) == [("code", RuleCode.fixed)]


async def test_an_indicator_measuring_paperwork_is_refused():
    store = Store()
    with pytest.raises(ValidationFailed) as refused:
        await run(store, library_commands.save_indicator, indicator(name="全年召开会议次数"))
    assert ("name", RuleCode.no_paperwork) in rules(refused.value)
    saved = await run(store, library_commands.save_indicator, indicator())
    assert store.indicators == {saved.code: saved}


async def test_the_blocklist_and_schemes_are_kept():
    store = Store()
    await run(
        store, library_commands.add_paperwork_term, PaperworkTerm(" 台账 ", "records", "留痕")
    )
    assert store.terms["台账"].reason == "留痕"
    await run(store, library_commands.remove_paperwork_term, "台账")
    with pytest.raises(NotFound):
        await run(store, library_commands.remove_paperwork_term, "台账")
    scheme = Scheme("main_scheme", "方案", "Scheme", "", {"economic_development": 30.0})
    await run(store, library_commands.save_scheme, scheme)
    assert store.schemes == {"main_scheme": scheme}
    with pytest.raises(ValidationFailed) as refused:
        await run(
            store,
            library_commands.save_scheme,
            Scheme(
                "second_scheme",
                "方案",
                "Scheme",
                "",
                {"economic_development": 70.0, "ecology": 40.0},
            ),
        )
    assert ("dimensionMinimums", RuleCode.sum_at_most_100) in rules(refused.value)


async def test_common_indicators_are_replaced_and_take_at_most_100():
    store = catalogue()
    commons = [
        CommonIndicator("township", "EC-2", 30.0),
        CommonIndicator("township", red_line().code, 0),
    ]
    stored = await run(store, library_commands.set_common_indicators, "township", commons)
    assert store.commons["township"] == stored
    too_much = [
        CommonIndicator("township", "EC-2", 60.0),
        CommonIndicator("township", "EC-3", 50.0),
    ]
    with pytest.raises(ValidationFailed) as refused:
        await run(store, library_commands.set_common_indicators, "township", too_much)
    assert rules(refused.value) == [("weight", RuleCode.at_most_100)]
    assert store.commons["township"] == stored
    with pytest.raises(NotFound):
        await run(store, library_commands.set_common_indicators, "nowhere", commons)


def indicator_file(*rows):
    headers = ["code", "name", "dimension", "kind", "direction", "unit_of_measure"]
    headers += ["data_source", "frequency", "rule_type", "threshold"]
    return table(headers, *rows)


def pass_fail_row(code, name="水质达标率"):
    return [code, name, "ecology", "red_line", "higher_is_better", "%", "manual_report"] + [
        "monthly",
        "pass_fail",
        100,
    ]


async def test_an_indicator_file_is_imported_all_or_none():
    store = Store()
    broken = indicator_file(pass_fail_row("RL-1"), pass_fail_row("RL-1"))
    report = await run(store, library_commands.import_indicators, broken)
    assert not report.applied
    assert [(e.row, e.rule) for e in report.errors] == [(3, RuleCode.unique_in_file)]
    assert store.indicators == {}
    report = await run(
        store,
        library_commands.import_indicators,
        indicator_file(pass_fail_row("RL-1"), pass_fail_row("RL-2")),
    )
    assert report.applied and report.written == 2
    assert sorted(store.indicators) == ["RL-1", "RL-2"]


def cascade(code="CT-1", total="10", parts=(("JS-MAJINGAO", "10"),), **more):
    return TargetCascade(
        code=code,
        name="招商引资任务",
        year=YEAR,
        total=Decimal(total),
        unit_of_measure="亿元",
        allocations=tuple(Allocation(u, Decimal(a)) for u, a in parts),
        **more,
    )


async def test_a_target_is_cascaded_when_its_parts_add_up():
    store = catalogue()
    with pytest.raises(ValidationFailed) as refused:
        await run(store, cascade_commands.cascade_target, cascade(total="12"))
    assert rules(refused.value) == [("allocations", RuleCode.parts_add_up)]
    stored = await run(store, cascade_commands.cascade_target, cascade())
    assert store.cascades == {"CT-1": stored}


async def test_a_split_divides_its_unit_s_part_and_the_part_keeps_its_split():
    store = catalogue()
    await run(store, cascade_commands.cascade_target, cascade())
    split = cascade(
        "CT-1.1",
        "10",
        ((VILLAGE_A.id, "4"), (VILLAGE_B.id, "6")),
        parent_code="CT-1",
        parent_unit_id=TOWNSHIP.id,
    )
    await run(store, cascade_commands.cascade_target, split)
    with pytest.raises(ValidationFailed) as refused:
        await run(
            store, cascade_commands.cascade_target, cascade(total="8", parts=((TOWNSHIP.id, "8"),))
        )
    assert rules(refused.value) == [("allocations", RuleCode.keeps_splits)]
    outside = cascade(
        "CT-1.2", "10", ((TOWNSHIP.id, "10"),), parent_code="CT-1", parent_unit_id=TOWNSHIP.id
    )
    with pytest.raises(ValidationFailed) as refused:
        await run(store, cascade_commands.cascade_target, outside)
    assert ("allocations", RuleCode.sub_units_only) in rules(refused.value)


def unit_file(*rows):
    return table(["id", "name", "category", "parent_id"], *rows)


async def test_a_unit_file_registers_parents_before_children_and_announces_each():
    store = Store()
    report = await run(
        store,
        unit_import.import_units,
        unit_file(
            ["U-CHILD", "子单位", "township", "U-PARENT"], ["U-PARENT", "母单位", "township", None]
        ),
    )
    assert report.applied and report.written == 2
    assert [e.payload["unit_id"] for e in store.published] == ["U-PARENT", "U-CHILD"]


async def test_a_unit_file_with_one_broken_row_registers_nothing():
    store = catalogue()
    broken = unit_file(
        ["U-NEW", "新单位", "township", None],
        [TOWNSHIP.id, "重复", "township", None],
        ["U-A", "甲", "township", "U-B"],
        ["U-B", "乙", "township", "U-A"],
        ["U-C", "丙", "township", "U-NOWHERE"],
    )
    report = await run(store, unit_import.import_units, broken)
    assert not report.applied
    assert [(e.row, e.rule) for e in report.errors] == [
        (3, RuleCode.new_unit),
        (4, RuleCode.no_cycle),
        (5, RuleCode.no_cycle),
        (6, RuleCode.exists),
    ]
    assert "U-NEW" not in store.units and store.published == []
