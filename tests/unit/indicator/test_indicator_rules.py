"""An indicator of the library: what is refused, and why."""

import pytest

from services.common.errors import ValidationFailed
from services.indicator.domain.indicators import check_indicator, indicator_problems
from services.indicator.domain.paperwork import Blocklist, PaperworkTerm
from services.indicator.domain.rules import rule_problems
from tests.unit.indicator.fixtures import BLOCKLIST, indicator


def rules_broken(ind, blocklist=BLOCKLIST) -> set[tuple[str, str]]:
    return {(p.field, p.rule) for p in indicator_problems(ind, blocklist)}


@pytest.mark.parametrize(
    "name",
    [
        "召开会议次数",
        "年度发文数量",
        "制度上墙完成率",
        "内刊投稿篇数",
        "Number of meetings held",
        "documents  ISSUED per quarter",
        "Rules posted on walls",
    ],
)
def test_paperwork_indicators_are_refused_with_the_reason(name):
    problems = indicator_problems(indicator(name=name), BLOCKLIST)
    assert [(p.field, p.rule) for p in problems] == [("name", "no_paperwork")]
    assert "paperwork" in problems[0].message and "outcome" in problems[0].message
    assert problems[0].value == name


def test_paperwork_in_the_english_name_is_refused_too():
    assert ("nameEn", "no_paperwork") in rules_broken(
        indicator(name="会务", name_en="meetings held")
    )


@pytest.mark.parametrize(
    "name",
    [
        "群众满意度",
        "项目竣工率",
        "问题解决时效",
        "基层党组织生活首学制度落实率",
        "projects documented",
    ],
)
def test_outcome_indicators_pass(name):
    assert indicator_problems(indicator(name=name), BLOCKLIST) == []


def test_the_blocklist_is_data():
    custom = Blocklist([PaperworkTerm("台账", "ledgers", "counts ledgers kept")])
    assert rules_broken(indicator(name="迎检台账完成率"), custom) == {("name", "no_paperwork")}
    assert indicator_problems(indicator(name="召开会议次数"), custom) == []


def test_an_automatic_feed_names_its_source_system_and_needs_no_on_site_check():
    broken = rules_broken(indicator(data_source="auto_feed", on_site_check=True))
    assert broken == {
        ("sourceSystem", "auto_feed_source"),
        ("onSiteCheck", "auto_feed_no_on_site_check"),
    }
    assert (
        rules_broken(indicator(data_source="auto_feed", source_system="12345政务服务便民热线"))
        == set()
    )


def test_an_indicator_monitored_daily_is_not_assessed_again_at_year_end():
    assert rules_broken(indicator(frequency="daily", assessed_at_year_end=True)) == {
        ("assessedAtYearEnd", "no_double_assessment")
    }
    assert rules_broken(indicator(frequency="daily", assessed_at_year_end=False)) == set()


def test_unknown_words_name_the_allowed_ones():
    problems = indicator_problems(indicator(kind="bonus", dimension="luck"), BLOCKLIST)
    by_field = {p.field: p for p in problems}
    assert by_field["kind"].rule == "one_of" and "veto_excellence" in by_field["kind"].message
    assert by_field["dimension"].value == "luck"


def test_check_indicator_raises_every_problem_at_once():
    with pytest.raises(ValidationFailed) as failed:
        check_indicator(indicator(code="bad code!", name="", unit_of_measure=" "), BLOCKLIST)
    assert {p.field for p in failed.value.problems} == {"code", "name", "unitOfMeasure"}


@pytest.mark.parametrize(
    "kind, rule, expected",
    [
        ("scored", {"type": "target_attainment", "cap": 1.2}, None),
        ("scored", {"type": "target_attainment", "cap": 0.9}, "cap_range"),
        ("scored", {"type": "per_incident", "points": 1}, "rule_for_kind"),
        ("red_line", {"type": "target_attainment", "cap": 1.0}, "rule_for_kind"),
        ("red_line", {"type": "pass_fail"}, "threshold_required"),
        ("veto", {"type": "pass_fail", "threshold": 0}, None),
        ("deduction", {"type": "per_incident", "points": 0.5, "max_points": 5}, None),
        ("deduction", {"type": "per_incident", "points": 2, "max_points": 1}, "max_points_range"),
        ("deduction", {"type": "per_incident", "points": 0}, "points_positive"),
        ("scored", {"type": "pass_fail", "threshold": 95, "bonus": 1}, "rule_keys"),
        ("scored", {"type": "magic"}, "rule_type"),
        (
            "scored",
            {
                "type": "threshold_bands",
                "bands": [{"bound": 95, "score": 100}, {"bound": 90, "score": 80}],
            },
            None,
        ),
        (
            "scored",
            {
                "type": "threshold_bands",
                "bands": [{"bound": 90, "score": 80}, {"bound": 95, "score": 100}],
            },
            "bands_order",
        ),
        ("scored", {"type": "threshold_bands", "bands": []}, "bands_required"),
        (
            "scored",
            {"type": "threshold_bands", "bands": [{"bound": 95, "score": 120}]},
            "band_shape",
        ),
    ],
)
def test_rule_shapes_per_kind(kind, rule, expected):
    problems = rule_problems(kind, "higher_is_better", rule)
    assert [p.rule for p in problems] == ([expected] if expected else [])


def test_bands_of_a_lower_is_better_indicator_rise():
    bands = [{"bound": 5, "score": 100}, {"bound": 10, "score": 60}]
    assert (
        rule_problems("scored", "lower_is_better", {"type": "threshold_bands", "bands": bands})
        == []
    )
    assert (
        rule_problems("scored", "higher_is_better", {"type": "threshold_bands", "bands": bands})[
            0
        ].rule
        == "bands_order"
    )


def test_rule_bounds_lie_within_the_indicators_range():
    ind = indicator(
        kind="red_line",
        rule={"type": "pass_fail", "threshold": 120},
        min_value=0.0,
        max_value=100.0,
    )
    assert rules_broken(ind) == {("rule", "within_range")}
