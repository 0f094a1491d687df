"""Observation checks against the list in force, rule reading, settings, files and binary COPY rows."""

import struct

import numpy as np
import pytest

from services.common.errors import ValidationFailed
from services.common.spreadsheets import read_sheet
from services.scoring.adapters.binary_copy import parse_fixed_rows
from services.scoring.adapters.observation_files import cell_problems, observation_rows
from services.scoring.domain.observations import (
    FEED,
    Accepted,
    ListInForce,
    ObservationInput,
    check_observation,
)
from services.scoring.domain.rules import ItemSpec, RuleError, rule_of
from services.scoring.domain.settings import AssessmentSettings

HOTLINE = "12345政务服务便民热线"
RESPONSE = ItemSpec(
    "SV-12345-RESPONSE",
    "12345热线响应率",
    "public_service",
    "scored",
    "higher_is_better",
    "%",
    6,
    98,
    {"type": "target_attainment", "cap": 1.0},
    "auto_feed",
    HOTLINE,
    "daily",
    (),
    0.0,
    100.0,
)
PROJECTS = ItemSpec(
    "EC-KEY-PROJECTS",
    "重点项目建设投资完成率",
    "economic_development",
    "scored",
    "higher_is_better",
    "%",
    20,
    100,
    {"type": "target_attainment", "cap": 1.2},
    "manual_report",
    None,
    "monthly",
)
ACCIDENTS = ItemSpec(
    "VX-FOOD-SAFETY",
    "重大食品安全事故",
    "safety",
    "veto_excellence",
    "lower_is_better",
    "起",
    0,
    None,
    {"type": "pass_fail", "threshold": 0},
    "manual_report",
    None,
    "annual",
)
LISTING = ListInForce(
    "JS-QIANZHOU",
    2025,
    2,
    {i.indicator_code: i for i in (RESPONSE, PROJECTS, ACCIDENTS)},
    {"SV-12345-RESPONSE": 1, "EC-KEY-PROJECTS": 2, "VX-FOOD-SAFETY": 3},
)


def rules_broken(
    observation: ObservationInput, channel: str = "graphql", listing=LISTING, years=(2025,)
) -> set:
    result = check_observation(observation, channel, listing, years)
    return set() if isinstance(result, Accepted) else {(p.field, p.rule) for p in result}


def test_a_valid_observation_is_accepted_against_the_version_in_force():
    accepted = check_observation(
        ObservationInput("JS-QIANZHOU", "EC-KEY-PROJECTS", "2025-03", 31.5, "%"),
        "graphql",
        LISTING,
        (2025,),
    )
    assert isinstance(accepted, Accepted)
    assert (accepted.version, accepted.series_key, accepted.period.last_month) == (2, 2, 3)


@pytest.mark.parametrize(
    "observation, channel, expected",
    [
        (
            ObservationInput(
                "JS-QIANZHOU", "SV-12345-RESPONSE", "2025-03", 98.63, "%", "另一个系统"
            ),
            FEED,
            {("sourceSystem", "matches_list")},
        ),
        (
            ObservationInput("JS-QIANZHOU", "SV-12345-RESPONSE", "2025-03", 98.63, "%"),
            "graphql",
            {("indicatorCode", "not_auto_feed")},
        ),
        (
            ObservationInput("JS-QIANZHOU", "EC-KEY-PROJECTS", "2025-03", 40.0, "%", HOTLINE),
            FEED,
            {("indicatorCode", "auto_feed")},
        ),
        (
            ObservationInput("JS-QIANZHOU", "EC-KEY-PROJECTS", "2025-Q1", 40.0, "%"),
            "graphql",
            {("period", "frequency")},
        ),
        (
            ObservationInput("JS-QIANZHOU", "EC-KEY-PROJECTS", "2025-03", 40.0, "万元"),
            "graphql",
            {("unitOfMeasure", "matches_list")},
        ),
        (
            ObservationInput("JS-QIANZHOU", "SV-12345-RESPONSE", "2025-03", 100.5, "%", HOTLINE),
            FEED,
            {("value", "range")},
        ),
        (
            ObservationInput("JS-QIANZHOU", "VX-FOOD-SAFETY", "2025", -1.0, "起"),
            "graphql",
            {("value", "range")},
        ),
        (
            ObservationInput("JS-QIANZHOU", "EC-KEY-PROJECTS", "2025-03", float("nan"), "%"),
            "graphql",
            {("value", "finite")},
        ),
        (
            ObservationInput("JS-QIANZHOU", "NOT-LISTED", "2025-03", 1.0, "%"),
            "graphql",
            {("indicatorCode", "in_list")},
        ),
        (
            ObservationInput("JS-QIANZHOU", "EC-KEY-PROJECTS", "2025-3", 1.0, "%"),
            "graphql",
            {("period", "period_format")},
        ),
    ],
)
def test_each_broken_rule_is_named(observation, channel, expected):
    assert rules_broken(observation, channel) == expected


def test_unknown_units_and_periods_are_told_apart():
    observation = ObservationInput("JS-QIANZHOU", "EC-KEY-PROJECTS", "2027-03", 1.0, "%")
    assert rules_broken(observation, listing=None, years=(2025, 2026)) == {
        ("period", "known_period")
    }
    assert rules_broken(observation, listing=None, years=()) == {("unitId", "known_unit")}


def test_rules_follow_the_indicator_services_shapes():
    assert rule_of(PROJECTS).cap == 1.2 and rule_of(PROJECTS).aggregate == "mean"
    assert rule_of(ACCIDENTS).aggregate == "sum" and rule_of(ACCIDENTS).threshold == 0
    with pytest.raises(RuleError, match="a scored item is scored by"):
        rule_of(
            ItemSpec(
                "X",
                "x",
                "d",
                "scored",
                "higher_is_better",
                "%",
                1,
                1,
                {"type": "per_incident", "points": 1},
            )
        )
    with pytest.raises(RuleError, match="needs a target"):
        rule_of(
            ItemSpec(
                "X",
                "x",
                "d",
                "scored",
                "higher_is_better",
                "%",
                1,
                None,
                {"type": "target_attainment"},
            )
        )
    assert "capped at 120%" in rule_of(PROJECTS).describe()


def test_settings_must_hold_together_and_name_the_broken_field():
    with pytest.raises(ValidationFailed) as refused:
        AssessmentSettings.from_json(
            {
                "weights": {
                    "work": 0.5,
                    "area": 0.3,
                    "own": 0.3,
                    "daily": 0.4,
                    "annual": 0.5,
                    "term": 0.1,
                }
            }
        )
    assert [(p.field, p.rule) for p in refused.value.problems] == [("weights.work", "sum_to_one")]
    with pytest.raises(ValidationFailed) as refused:
        AssessmentSettings.from_json(
            {"excellent_quota": 1.5, "red_line_effect": "shrug", "bogus": 1}
        )
    assert [(p.field, p.rule) for p in refused.value.problems] == [("bogus", "known")]
    with pytest.raises(ValidationFailed) as refused:
        AssessmentSettings.from_json({"excellent_quota": 1.5, "red_line_effect": "shrug"})
    assert {(p.field, p.rule) for p in refused.value.problems} == {
        ("excellentQuota", "share"),
        ("redLineEffect", "one_of"),
    }
    assert AssessmentSettings.from_json(AssessmentSettings().as_json()) == AssessmentSettings()


def test_a_file_needs_its_header_and_each_cell_is_checked_by_row():
    content = "单位,x\n".encode()
    with pytest.raises(ValidationFailed) as refused:
        observation_rows(read_sheet("csv", content, "file"))
    assert refused.value.problems[0].rule == "header"
    rows = observation_rows(
        read_sheet(
            "csv",
            "Unit ID,indicatorCode,period,value,unit_of_measure\nJS,EC,2025-03,abc,%\n\n".encode(
                "utf-8-sig"
            ),
            "file",
        )
    )
    assert rows == [
        (
            2,
            {
                "unit_id": "JS",
                "indicator_code": "EC",
                "period": "2025-03",
                "value": "abc",
                "unit_of_measure": "%",
            },
        )
    ]
    assert [(p.row, p.field, p.rule) for p in cell_problems(*rows[0])] == [(2, "value", "number")]


def test_binary_copy_rows_become_arrays():
    columns = (("series_key", ">i4"), ("month", ">i2"), ("value", ">f8"))
    header = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
    rows = b"".join(
        struct.pack(">hiiihid", 3, 4, key, 2, month, 8, value)
        for key, month, value in ((7, 3, 98.63), (8, 12, 89.44))
    )
    parsed = parse_fixed_rows(header + rows + b"\xff\xff", columns)
    assert parsed["series_key"].tolist() == [7, 8] and parsed["month"].tolist() == [3, 12]
    assert np.array_equal(parsed["value"], [98.63, 89.44])
    with pytest.raises(ValueError, match="not all of the expected width"):
        parse_fixed_rows(header + rows[:-3] + b"\xff\xff", columns)


@pytest.mark.parametrize("threshold", [-0.5, 100.5, 150.0, float("nan")])
def test_a_weakness_threshold_outside_0_to_100_is_refused_by_name(threshold):
    with pytest.raises(ValidationFailed) as refused:
        AssessmentSettings.from_json({"weakness_threshold": threshold})
    [problem] = refused.value.problems
    assert (problem.field, problem.rule) == ("weaknessThreshold", "range")
    assert "between 0 and 100" in problem.message


@pytest.mark.parametrize("threshold", [0.0, 60.0, 100.0])
def test_a_weakness_threshold_within_0_to_100_is_kept(threshold):
    assert AssessmentSettings.from_json({"weakness_threshold": threshold}).weakness_threshold == (
        threshold
    )


def test_scoring_applies_the_rule_shapes_of_the_list_contract_itself():
    from schemas.events import indicator as contract
    from services.scoring.domain import rules

    assert rules.RULES_BY_KIND is contract.RULES_BY_KIND
    assert set(rules.KINDS) == set(contract.RULES_BY_KIND)
