"""One unit, one list: the rules a list must meet to be published."""

from dataclasses import replace
from decimal import Decimal

from services.indicator.domain.lists import (
    CommonIndicator,
    Item,
    items_of_snapshot,
    list_problems,
    snapshot_items,
    with_commons,
)
from services.indicator.domain.schemes import Scheme
from tests.unit.indicator.fixtures import context, indicator, items, red_line, scored, veto

LIBRARY = [
    scored("EC-PROJECTS"),
    scored("EC-INVESTMENT"),
    scored("LV-SATISFACTION", "livelihood"),
    red_line(),
    veto(),
    veto("VT-WORK-SAFETY", "veto"),
]


def rules(problems) -> list[tuple[str, str]]:
    return [(p.field, p.rule) for p in problems]


def test_scored_weights_add_up_to_exactly_100():
    ok = items(
        ("EC-PROJECTS", 33.33, 100), ("EC-INVESTMENT", 33.33, 3.5), ("LV-SATISFACTION", 33.34, 90)
    )
    assert list_problems(ok, context(LIBRARY)) == []
    short = items(
        ("EC-PROJECTS", 33.33, 100), ("EC-INVESTMENT", 33.33, 3.5), ("LV-SATISFACTION", 33.33, 90)
    )
    problems = list_problems(short, context(LIBRARY))
    assert rules(problems) == [("weight", "sum_100")]
    assert problems[0].value == 99.99 and "99.99" in problems[0].message


def test_red_lines_deductions_and_vetoes_carry_no_weight():
    listed = items(
        ("EC-PROJECTS", 95, 100), ("RL-WATER-QUALITY", 5, None), ("VX-MAJOR-POLLUTION", 0, None)
    )
    problems = list_problems(listed, context(LIBRARY))
    assert ("weight", "no_weight_for_kind") in rules(problems)
    assert ("weight", "sum_100") in rules(problems)  # the red line's 5 does not count toward 100
    assert (
        list_problems(
            items(
                ("EC-PROJECTS", 100, 100),
                ("RL-WATER-QUALITY", 0, None),
                ("VT-WORK-SAFETY", 0, None),
            ),
            context(LIBRARY),
        )
        == []
    )


def test_a_scored_indicator_needs_a_weight_and_an_attainment_target():
    problems = list_problems(
        items(("EC-PROJECTS", 0, 100), ("EC-INVESTMENT", 100, None)), context(LIBRARY)
    )
    assert rules(problems)[:2] == [
        ("weight", "positive_for_scored"),
        ("target", "required_for_attainment"),
    ]


def test_unknown_and_repeated_indicators_are_named_with_their_rows():
    listed = [
        Item("EC-PROJECTS", 50, 100, row=2),
        Item("NOPE", 10, None, row=3),
        Item("EC-PROJECTS", 50, 100, row=4),
    ]
    problems = list_problems(listed, context(LIBRARY))
    assert [(p.rule, p.row, p.value) for p in problems[:2]] == [
        ("exists", 3, "NOPE"),
        ("unique_in_list", 4, "EC-PROJECTS"),
    ]


def test_common_indicators_of_the_category_come_in_and_cannot_be_left_out():
    commons = [
        CommonIndicator("township", "LV-SATISFACTION", 10, 90),
        CommonIndicator("township", "RL-WATER-QUALITY", 0),
    ]
    listed = with_commons(items(("EC-PROJECTS", 90, 100)), commons)
    assert [(i.indicator_code, i.origin, i.weight) for i in listed] == [
        ("LV-SATISFACTION", "common", 10),
        ("RL-WATER-QUALITY", "common", 0),
        ("EC-PROJECTS", "individual", 90),
    ]
    assert list_problems(listed, context(LIBRARY, commons)) == []
    problems = list_problems(items(("EC-PROJECTS", 100, 100)), context(LIBRARY, commons))
    assert rules(problems) == [("indicatorCode", "common_required")] * 2


def test_a_common_indicator_named_in_the_list_keeps_the_weight_given():
    commons = [CommonIndicator("township", "LV-SATISFACTION", 10, 90)]
    listed = with_commons(items(("LV-SATISFACTION", 20, 95), ("EC-PROJECTS", 80, 100)), commons)
    assert [(i.indicator_code, i.origin, i.weight, i.target) for i in listed] == [
        ("LV-SATISFACTION", "common", 20, 95),
        ("EC-PROJECTS", "individual", 80, 100),
    ]


def test_the_jishou_township_scheme_wants_the_economy_above_half_of_the_weight():
    scheme = Scheme(
        "rural_revitalisation",
        "乡村振兴考核方案",
        "rural revitalisation",
        dimension_minimums={"economic_development": 50},
    )
    township = items(
        ("EC-PROJECTS", 30, 100), ("EC-INVESTMENT", 26, 3.5), ("LV-SATISFACTION", 44, 90)
    )
    assert list_problems(township, context(LIBRARY, scheme=scheme)) == []
    lagging = items(
        ("EC-PROJECTS", 30, 100), ("EC-INVESTMENT", 18, 3.5), ("LV-SATISFACTION", 52, 90)
    )
    problems = list_problems(lagging, context(LIBRARY, scheme=scheme))
    assert rules(problems) == [("weight", "dimension_minimum")] and problems[0].value == 48


def test_a_cascaded_target_is_the_units_part():
    population = scored("LV-URBAN-POPULATION")
    ctx = context(
        [population],
        allocations={"LV-URBAN-POPULATION": ("JS-URBAN-POPULATION-2025", Decimal(95000))},
    )
    assert list_problems(items(("LV-URBAN-POPULATION", 100, 95000)), ctx) == []
    problems = list_problems(items(("LV-URBAN-POPULATION", 100, 90000)), ctx)
    assert rules(problems) == [("target", "cascaded_target")] and "95000" in problems[0].message


def test_targets_lie_within_the_indicators_range():
    coverage = scored("EG-FOREST-COVERAGE", "ecology")
    ranged = replace(coverage, min_value=0.0, max_value=100.0)
    assert rules(list_problems(items(("EG-FOREST-COVERAGE", 100, 174.49)), context([ranged]))) == [
        ("target", "within_range")
    ]


def test_an_indicator_that_became_paperwork_is_refused_in_lists_too():
    meetings = indicator("PB-MEETINGS", name="召开会议次数")
    problems = list_problems(items(("PB-MEETINGS", 100, 12)), context([meetings]))
    assert rules(problems) == [("indicatorCode", "no_paperwork")]


def test_an_empty_list_is_refused():
    assert rules(list_problems([], context(LIBRARY))) == [("items", "required")]


def test_the_snapshot_carries_the_definition_with_weight_target_and_origin():
    [item] = snapshot_items(
        [Item("RL-WATER-QUALITY", 0, None, "common")], {i.code: i for i in LIBRARY}
    )
    assert item["kind"] == "red_line" and item["rule"] == {"type": "pass_fail", "threshold": 100}
    assert (item["weight"], item["target"], item["origin"]) == (0, None, "common")


def test_a_new_draft_starts_from_the_published_items():
    published = snapshot_items(
        [Item("EC-PROJECTS", 90, 100, "individual"), Item("RL-WATER-QUALITY", 0, None, "common")],
        {i.code: i for i in LIBRARY},
    )
    assert items_of_snapshot(published) == [
        Item("EC-PROJECTS", 90, 100, "individual"),
        Item("RL-WATER-QUALITY", 0, None, "common"),
    ]
