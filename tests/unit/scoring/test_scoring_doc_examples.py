"""The worked examples of docs/scoring.md, computed by the engine: if the arithmetic changes, the
page must change with it."""

from __future__ import annotations

import numpy as np
import pytest

from services.scoring.domain.assessment import assess
from services.scoring.domain.cadres import fuse
from services.scoring.domain.engine import EFFECTS
from services.scoring.domain.grading import GRADES, slots
from services.scoring.domain.settings import AssessmentSettings
from tests.unit.scoring.builders import Item, Scenario

SETTINGS = AssessmentSettings(cumulative_indicators=("PR-PROJECTS",))
LIST = [
    Item("EC-GROWTH", "economy", "scored", 15, 100, {"type": "target_attainment", "cap": 1.2}),
    Item(
        "PR-APPROVAL-DAYS",
        "service",
        "scored",
        10,
        5,
        {"type": "target_attainment", "cap": 1.2},
        direction="lower_is_better",
    ),
    Item(
        "SF-MESSAGES",
        "service",
        "scored",
        10,
        None,
        {
            "type": "threshold_bands",
            "bands": [
                {"bound": 95, "score": 100},
                {"bound": 90, "score": 80},
                {"bound": 80, "score": 50},
            ],
        },
    ),
    Item("PB-STUDY", "party", "scored", 20, None, {"type": "pass_fail", "threshold": 95}),
    Item("PR-PROJECTS", "economy", "scored", 45, 100, {"type": "target_attainment"}),
    Item("RL-WATER", "ecology", "red_line", 0, None, {"type": "pass_fail", "threshold": 100}),
    Item(
        "DD-INCIDENTS",
        "safety",
        "deduction",
        0,
        None,
        {"type": "per_incident", "points": 0.5, "max_points": 5},
        direction="lower_is_better",
    ),
    Item(
        "VX-FOOD-SAFETY",
        "safety",
        "veto_excellence",
        0,
        None,
        {"type": "pass_fail", "threshold": 0},
        direction="lower_is_better",
    ),
]
MONTHS = {
    "EC-GROWTH": [(1, 90.0), (2, 94.0), (3, 92.0)],
    "PR-APPROVAL-DAYS": [(3, 4.0)],
    "SF-MESSAGES": [(3, 92.0)],
    "PB-STUDY": [(3, 96.0)],
    "PR-PROJECTS": [(4, 30.0), (8, 60.0), (12, 100.0)],
    "RL-WATER": [(1, 100.0), (6, 99.5), (12, 100.0)],
    "DD-INCIDENTS": [(2, 1.0), (5, 2.0), (9, 0.0)],
    "VX-FOOD-SAFETY": [(12, 0.0)],
}
FULL, SILENT, NO_WATER = "T-worked", "T-silent", "T-no-water"


def run(settings: AssessmentSettings = SETTINGS):
    observed = [(FULL, code, m, v) for code, months in MONTHS.items() for m, v in months]
    observed += [(NO_WATER, *o[1:]) for o in observed if o[1] != "RL-WATER"]
    scenario = Scenario(
        lists={FULL: LIST, SILENT: LIST, NO_WATER: LIST},
        categories={FULL: "township", SILENT: "township", NO_WATER: "township"},
        observations=observed,
        satisfaction={FULL: 88.0, SILENT: 82.0},
        settings=settings,
    )
    inputs, builder, _ = scenario.inputs()
    result = assess(inputs, settings)
    codes = builder.indicators.values

    def of(unit_id: str) -> dict[str, tuple[float, float, str]]:
        unit = builder.units.get(unit_id)
        return {
            codes[inputs.items.indicator[i]]: (
                float(result.aggregates.value[i]),
                float(result.item_scores.points[i] or result.item_scores.deducted[i]),
                EFFECTS[result.item_scores.effect[i]],
            )
            for i in np.flatnonzero(inputs.items.unit == unit)
        }

    return result, builder, of


def test_section_2_the_worked_township():
    result, builder, of = run()
    items = of(FULL)
    assert items == {
        "EC-GROWTH": (92.0, 13.8, "none"),
        "PR-APPROVAL-DAYS": (4.0, 12.0, "none"),
        "SF-MESSAGES": (92.0, 8.0, "none"),
        "PB-STUDY": (96.0, 20.0, "none"),
        "PR-PROJECTS": (100.0, 45.0, "none"),
        "RL-WATER": (99.5, 0.0, "veto_excellence"),
        "DD-INCIDENTS": (3.0, 1.5, "deduct"),
        "VX-FOOD-SAFETY": (0.0, 0.0, "none"),
    }
    u = builder.units.get(FULL)
    units = result.units
    assert (units.weighted_sum[u], units.list_score[u], units.score[u]) == (98.8, 97.3, 96.37)
    assert GRADES[result.unit_grading.by_threshold[u]] == "excellent"
    assert GRADES[result.unit_grading.capped[u]] == "competent"


def test_section_2_a_red_line_that_deducts_instead():
    settings = AssessmentSettings(
        cumulative_indicators=("PR-PROJECTS",), red_line_effect="deduct", red_line_points=2.0
    )
    result, builder, _ = run(settings)
    u = builder.units.get(FULL)
    assert (result.units.list_score[u], result.units.score[u]) == (95.3, 94.57)
    assert GRADES[result.unit_grading.capped[u]] == "excellent"


def test_section_7_a_unit_that_reported_nothing_and_one_without_its_red_line():
    result, builder, of = run()
    silent, no_water = builder.units.get(SILENT), builder.units.get(NO_WATER)
    effects = {code: effect for code, (_, _, effect) in of(SILENT).items()}
    assert effects.pop("RL-WATER") == effects.pop("VX-FOOD-SAFETY") == "missing_data"
    assert set(effects.values()) == {"missing"}
    units = result.units
    assert (units.list_score[silent], units.score[silent]) == (0.0, 8.2)
    assert units.red_lines_failed[silent] == 1 and units.veto_excellence[silent]
    assert units.completeness[silent] == 0.0 and units.mandatory_missing[silent] == 2
    assert GRADES[result.unit_grading.grade[silent]] == "incompetent"
    assert units.completeness[no_water] == 0.875
    assert units.weighted_sum[no_water] == 98.8 and units.red_lines_failed[no_water] == 1
    assert of(NO_WATER)["RL-WATER"][2] == "missing_data"


def test_section_1_1_a_cumulative_target_holds_pro_rata_in_a_quarterly_review():
    scenario = Scenario(
        lists={FULL: LIST},
        categories={FULL: "township"},
        observations=[(FULL, "PR-PROJECTS", 3, 30.0)],
        as_of_month=3,
        settings=SETTINGS,
    )
    inputs, builder, _ = scenario.inputs()
    projects = int(
        np.flatnonzero(inputs.items.indicator == builder.indicators.get("PR-PROJECTS"))[0]
    )
    assert inputs.items.target[projects] == 25.0
    # 30 against 25 is 1.2, capped at the default 1: all 45 points.
    assert assess(inputs, SETTINGS).item_scores.points[projects] == 45.0


def test_section_3_the_fusions():
    annual, weights = fuse(
        [np.array([0.4]), np.array([0.3]), np.array([0.3])],
        [np.array([85.0]), np.array([90.0]), np.array([np.nan])],
    )
    assert annual.tolist() == [87.1429]
    assert [round(float(w[0]), 4) for w in weights] == [0.5714, 0.4286, 0.0]
    total, _ = fuse(
        [np.array([0.4]), np.array([0.5]), np.array([0.1])],
        [np.array([80.0 + 4 + 2]), annual, np.array([np.nan])],
    )
    assert total.tolist() == [86.6349]


@pytest.mark.parametrize(
    ("size", "quota", "places"),
    [
        (10, 0.24, 2),
        (13, 0.24, 3),
        (15, 0.24, 4),
        (25, 0.24, 6),
        (27, 0.24, 6),
        (10, 0.2, 2),
        (13, 0.2, 3),
        (15, 0.2, 3),
        (25, 0.2, 5),
        (27, 0.2, 5),
        (10, 0.25, 3),
    ],
)
def test_section_4_quota_places_round_half_up(size, quota, places):
    assert slots(np.array([size]), np.array([quota])).tolist() == [places]


def test_section_4_the_township_raise():
    settings = AssessmentSettings()
    assert round(settings.excellent_quota_for("township"), 10) == 0.24
    assert settings.excellent_quota_for("county_department") == 0.2
