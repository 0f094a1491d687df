"""A township's 2025 assessment computed by hand from the seeds' figures, against the engine.

The list gives "high-quality development" 56 of 100 points (projects and investment attraction, the
economic items, over 50), rural per-capita disposable income growth 15 (Urumqi County), the
netizen-message completion rate (98.63% in Jishou) and the party-life "study first" rate with its 95%
threshold. It has a red line on new-employment completion that deducts on failure, a deduction item
for safety incidents and a veto of excellence for a major food-safety accident.
"""

import numpy as np
import pytest

from services.scoring.domain.assessment import assess
from services.scoring.domain.engine import (
    EFFECT_DEDUCT,
    EFFECT_NONE,
    EFFECT_VETO_EXCELLENCE,
    EFFECTS,
)
from services.scoring.domain.grading import COMPETENT, EXCELLENT, GRADES
from services.scoring.domain.portfolio import Portfolios, answered_items
from services.scoring.domain.settings import AssessmentSettings
from tests.unit.scoring.builders import Cadre, Item, Scenario
from tests.unit.scoring.portfolio_portrait import portfolio_portrait

TOWNSHIP = "T-qianzhou"


def attain(cap: float = 1.0) -> dict:
    return {"type": "target_attainment", "cap": cap}


def bands(*pairs: tuple[float, float]) -> dict:
    return {"type": "threshold_bands", "bands": [{"bound": b, "score": s} for b, s in pairs]}


def pass_fail(threshold: float) -> dict:
    return {"type": "pass_fail", "threshold": threshold}


TOWNSHIP_LIST = [
    Item(
        "PR-COMPLETION-RATE",
        "economic_development",
        "scored",
        30,
        100,
        attain(),
        tags=("project_delivery",),
    ),
    Item(
        "EC-INVESTMENT",
        "economic_development",
        "scored",
        26,
        5.0,
        attain(1.2),
        tags=("investment_attraction",),
    ),
    Item(
        "EC-RURAL-INCOME-GROWTH",
        "livelihood",
        "scored",
        15,
        8.0,
        attain(1.5),
        tags=("rural_revitalisation",),
    ),
    Item(
        "SF-NETIZEN-MESSAGES",
        "public_service",
        "scored",
        9,
        None,
        bands((98, 100), (95, 80), (90, 50)),
        tags=("digital_governance",),
    ),
    Item(
        "PB-FIRST-STUDY",
        "party_building",
        "scored",
        10,
        None,
        bands((95, 100), (90, 60)),
        tags=("party_building",),
    ),
    Item("SF-URGENT-TASKS", "safety", "scored", 10, 100, attain(), tags=("emergency_response",)),
    Item("RL-WATER-QUALITY", "ecology", "red_line", 0, None, pass_fail(100)),
    Item("RL-NEW-EMPLOYMENT", "livelihood", "red_line", 0, None, pass_fail(100)),
    Item(
        "DD-SAFETY-INCIDENTS",
        "safety",
        "deduction",
        0,
        None,
        {"type": "per_incident", "points": 1.5, "max_points": 6},
        direction="lower_is_better",
    ),
    Item(
        "VX-FOOD-SAFETY",
        "safety",
        "veto_excellence",
        0,
        None,
        pass_fail(0),
        direction="lower_is_better",
    ),
]
OBSERVATIONS = [
    (TOWNSHIP, "PR-COMPLETION-RATE", 6, 60.0),
    (TOWNSHIP, "PR-COMPLETION-RATE", 12, 90.0),
    (TOWNSHIP, "PR-COMPLETION-RATE", 12, 92.5),  # a resubmission: the new revision counts
    (TOWNSHIP, "EC-INVESTMENT", 12, 5.3),
    (TOWNSHIP, "EC-RURAL-INCOME-GROWTH", 12, 7.2),
    (TOWNSHIP, "SF-NETIZEN-MESSAGES", 11, 98.40),
    (TOWNSHIP, "SF-NETIZEN-MESSAGES", 12, 98.86),
    (TOWNSHIP, "PB-FIRST-STUDY", 3, 92.0),
    (TOWNSHIP, "PB-FIRST-STUDY", 6, 94.0),
    (TOWNSHIP, "SF-URGENT-TASKS", 12, 100.0),
    (TOWNSHIP, "RL-WATER-QUALITY", 6, 100.0),
    (TOWNSHIP, "RL-WATER-QUALITY", 12, 100.0),
    (TOWNSHIP, "RL-NEW-EMPLOYMENT", 6, 45.0),
    (TOWNSHIP, "RL-NEW-EMPLOYMENT", 12, 96.0),
    (TOWNSHIP, "DD-SAFETY-INCIDENTS", 3, 1.0),
    (TOWNSHIP, "DD-SAFETY-INCIDENTS", 7, 1.0),
    (TOWNSHIP, "VX-FOOD-SAFETY", 5, 1.0),
]
# Three citizens' satisfaction ratings: mean 97.11.
SATISFACTION = (96.33 + 97.00 + 98.00) / 3
# This township's scheme: progress-to-date indicators, and a failed red line costs one point.
SETTINGS = AssessmentSettings(
    cumulative_indicators=("PR-COMPLETION-RATE", "EC-INVESTMENT", "RL-NEW-EMPLOYMENT"),
    red_line_effect="deduct",
    red_line_points=1.0,
)


def township() -> Scenario:
    return Scenario(
        lists={TOWNSHIP: TOWNSHIP_LIST},
        categories={TOWNSHIP: "township"},
        observations=OBSERVATIONS,
        satisfaction={TOWNSHIP: SATISFACTION},
        cadres=[
            Cadre("C-head", TOWNSHIP, "principal", own=86.0, term=85.0, daily_points=6 + 4),
            Cadre("C-deputy", TOWNSHIP, "deputy", own=90.0, areas=("economic_development",)),
        ],
        settings=SETTINGS,
    )


@pytest.fixture(scope="module")
def result():
    scenario = township()
    inputs, builder, _ = scenario.inputs()
    return assess(inputs, scenario.settings), builder


def test_each_indicator_is_scored_by_its_rule(result):
    assessment, builder = result
    points = dict(zip(builder.indicators.values, assessment.item_scores.points))
    assert points == {
        "PR-COMPLETION-RATE": 27.75,  # latest (revised) progress 92.5 / 100 = 0.925 of 30
        "EC-INVESTMENT": 27.56,  # 5.3 / 5.0 = 1.06, under the 120% cap, of 26
        "EC-RURAL-INCOME-GROWTH": 13.5,  # 7.2 / 8.0 = 0.9 of 15
        "SF-NETIZEN-MESSAGES": 9.0,  # mean of 98.40 and 98.86 = 98.63 reaches the 98 band: 100% of 9
        "PB-FIRST-STUDY": 6.0,  # mean of 92 and 94 = 93 misses 95, reaches 90: 60% of 10
        "SF-URGENT-TASKS": 10.0,
        "RL-WATER-QUALITY": 0.0,  # red lines and vetoes carry no weight
        "RL-NEW-EMPLOYMENT": 0.0,
        "DD-SAFETY-INCIDENTS": 0.0,
        "VX-FOOD-SAFETY": 0.0,
    }
    deducted = dict(zip(builder.indicators.values, assessment.item_scores.deducted))
    assert deducted["DD-SAFETY-INCIDENTS"] == 3.0  # 1 + 1 incidents over the months x 1.5
    assert (
        deducted["RL-NEW-EMPLOYMENT"] == 1.0
    )  # latest progress 96 < 100: red line failed, 1 point
    effects = {
        code: EFFECTS[e]
        for code, e in zip(builder.indicators.values, assessment.item_scores.effect)
    }
    assert effects["VX-FOOD-SAFETY"] == EFFECTS[EFFECT_VETO_EXCELLENCE]
    assert effects["RL-NEW-EMPLOYMENT"] == EFFECTS[EFFECT_DEDUCT]
    assert effects["RL-WATER-QUALITY"] == EFFECTS[EFFECT_NONE]  # 100 in every month


def test_unit_score_weights_deductions_public_satisfaction_and_the_veto(result):
    assessment, _ = result
    units = assessment.units
    # 27.75 + 27.56 + 13.5 + 9 + 6 + 10 = 93.81
    assert units.weighted_sum[0] == 93.81
    # 3 (incidents) + 1 (red line) = 4
    assert units.deductions[0] == 4.0
    assert units.list_score[0] == 89.81
    # 0.9 x 89.81 + 0.1 x 97.11 = 80.829 + 9.711
    assert units.score[0] == 90.54
    assert units.red_lines_failed[0] == 1
    assert bool(units.veto_excellence[0]) and not bool(units.veto[0])
    grading = assessment.unit_grading
    assert GRADES[grading.by_threshold[0]] == GRADES[EXCELLENT]  # 90.54 >= 90 ...
    assert (
        GRADES[grading.grade[0]] == GRADES[COMPETENT]
    )  # ... but the food-safety accident vetoes excellence


def test_cadre_scores_fuse_work_area_own_daily_annual_and_term(result):
    assessment, _ = result
    cadres = assessment.cadres
    # Township head, in charge of the whole unit: annual 0.4 x 90.54 + 0.3 x 90.54 + 0.3 x 86
    assert cadres.area[0] == 90.54
    assert cadres.annual[0] == 89.178  # 36.216 + 27.162 + 25.8
    assert cadres.daily[0] == 90.0  # base 80 + major project 6 + emergency 4
    assert cadres.total[0] == 89.089  # 0.4 x 90 + 0.5 x 89.178 + 0.1 x 85 = 36 + 44.589 + 8.5
    # Deputy in charge of economic development: (27.75 + 27.56) / 56 x 100 = 98.767857...
    assert cadres.area[1] == 98.7679
    assert cadres.annual[1] == 92.8464  # 36.216 + 29.63037 + 27 = 92.84637
    # No term evaluation yet: daily 0.4 and annual 0.5 scaled to 4/9 and 5/9.
    assert cadres.daily[1] == 80.0
    assert cadres.total[1] == 87.1369  # (0.4 x 80 + 0.5 x 92.8464) / 0.9 = 87.13688...
    assert cadres.weights["term"][1] == 0.0
    assert cadres.weights["annual"][1] == pytest.approx(5 / 9)


def test_each_cadre_is_portrayed_only_from_what_they_answer_for():
    scenario = township()
    inputs, builder, _ = scenario.inputs()
    portrait = portfolio_portrait(inputs, assess(inputs, scenario.settings))
    head, deputy = (dict(zip(builder.capabilities.values, row)) for row in portrait.score)
    # The head answers for the whole township.
    assert head["project_delivery"] == 92.5
    assert (
        head["investment_attraction"] == 100.0
    )  # extra credit above the target is not a capability above 100
    assert head["party_building"] == 60.0
    # The deputy answers for economic development only: its two items, nothing of party building.
    assert (deputy["project_delivery"], deputy["investment_attraction"]) == (92.5, 100.0)
    assert np.isnan(deputy["party_building"])


def test_a_quarterly_review_holds_progress_to_date_against_the_target_pro_rata():
    """The same township reviewed at the end of June: project completion is reported as progress to
    date, so 60 by June is set against half of the year's 100; the level indicators keep their targets."""
    scenario = township()
    scenario.as_of_month = 6
    inputs, builder, _ = scenario.inputs()
    result = assess(inputs, scenario.settings)
    points = dict(zip(builder.indicators.values, result.item_scores.points))
    targets = dict(zip(builder.indicators.values, inputs.items.target))
    assert targets["PR-COMPLETION-RATE"] == 50.0 and targets["EC-RURAL-INCOME-GROWTH"] == 8.0
    assert points["PR-COMPLETION-RATE"] == 30.0  # 60 / 50, capped at 100%, of 30
    assert points["EC-INVESTMENT"] == 0.0  # nothing reported by June
    # A cumulative red line's threshold is pro rata too: 45 by June against 50 fails it.
    assert dict(zip(builder.indicators.values, result.item_scores.failed))["RL-NEW-EMPLOYMENT"]


def test_an_indicator_in_a_portfolio_overrides_its_dimensions_share():
    scenario = township()
    inputs, builder, _ = scenario.inputs()
    dimension = builder.dimensions.get("economic_development")
    investment = builder.indicators.get("EC-INVESTMENT")
    portfolios = Portfolios(
        dimension_cadre=np.array([1, 0]),
        dimension=np.array([dimension, dimension]),
        dimension_share=np.array([1.0, 0.3]),
        indicator_cadre=np.array([1]),
        indicator=np.array([investment]),
        indicator_share=np.array([0.5]),
    )
    cadre, item, share = answered_items(
        inputs.items,
        inputs.cadres.unit,
        inputs.cadre_level,
        portfolios,
        len(builder.dimensions),
        len(builder.indicators),
    )
    codes = builder.indicators.values
    deputy = {codes[inputs.items.indicator[i]]: s for c, i, s in zip(cadre, item, share) if c == 1}
    assert deputy == {"PR-COMPLETION-RATE": 1.0, "EC-INVESTMENT": 0.5}
    # The head answers for every item of the township at share 1, whatever a portfolio says.
    head = [s for c, s in zip(cadre, share) if c == 0]
    assert len(head) == len(TOWNSHIP_LIST) and set(head) == {1.0}
