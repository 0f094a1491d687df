"""Missing data is never good data: unreported items, red lines and vetoes in the engine."""

from dataclasses import replace

import numpy as np
import pytest

from services.common.errors import ValidationFailed
from services.scoring.domain.assessment import assess
from services.scoring.domain.engine import EFFECTS, ObservationTable
from services.scoring.domain.grading import GRADES, INCOMPETENT
from services.scoring.domain.period_lists import UnitStanding, place
from services.scoring.domain.settings import AssessmentSettings
from tests.unit.scoring import synthetic
from tests.unit.scoring.builders import Scenario
from tests.unit.scoring.naive_reference import naive_assessment, plain
from tests.unit.scoring.test_township_example import OBSERVATIONS, TOWNSHIP, TOWNSHIP_LIST

DEFAULTS = AssessmentSettings()
SILENT = "T-silent"
NO_RED_LINE = "T-no-red-line"


def scenario(settings: AssessmentSettings = DEFAULTS) -> Scenario:
    """The township list for three units: one reports everything, one nothing (citizens still rated it
    82), one all but its employment red line."""
    partial = [o for o in OBSERVATIONS if o[1] != "RL-NEW-EMPLOYMENT"]
    return Scenario(
        lists={TOWNSHIP: TOWNSHIP_LIST, SILENT: TOWNSHIP_LIST, NO_RED_LINE: TOWNSHIP_LIST},
        categories={TOWNSHIP: "township", SILENT: "township", NO_RED_LINE: "township"},
        observations=OBSERVATIONS + [(NO_RED_LINE, *o[1:]) for o in partial],
        satisfaction={SILENT: 82.0},
        settings=settings,
    )


def run(settings: AssessmentSettings = DEFAULTS):
    inputs, builder, _ = scenario(settings).inputs()
    return assess(inputs, settings), inputs, builder


def effects_of(result, inputs, builder, unit: int) -> dict[str, str]:
    codes = builder.indicators.values
    mine = np.flatnonzero(inputs.items.unit == unit)
    return {codes[inputs.items.indicator[i]]: EFFECTS[result.item_scores.effect[i]] for i in mine}


def test_a_unit_that_reported_nothing_fails_its_red_lines_and_vetoes_as_missing_data():
    result, inputs, builder = run()
    silent = builder.units.get(SILENT)
    assert effects_of(result, inputs, builder, silent) == {
        "PR-COMPLETION-RATE": "missing",
        "EC-INVESTMENT": "missing",
        "EC-RURAL-INCOME-GROWTH": "missing",
        "SF-NETIZEN-MESSAGES": "missing",
        "PB-FIRST-STUDY": "missing",
        "SF-URGENT-TASKS": "missing",
        "RL-WATER-QUALITY": "missing_data",
        "RL-NEW-EMPLOYMENT": "missing_data",
        "DD-SAFETY-INCIDENTS": "missing",
        "VX-FOOD-SAFETY": "missing_data",
    }
    units = result.units
    assert units.red_lines_failed[silent] == 2
    assert units.veto_excellence[silent] and not units.veto[silent]
    assert units.completeness[silent] == 0.0
    assert units.mandatory_missing[silent] == 3
    # Nothing reported earns nothing: only the citizens' rating is left, 0.1 x 82.
    assert units.weighted_sum[silent] == 0.0 and units.score[silent] == 8.2
    assert GRADES[result.unit_grading.grade[silent]] == "incompetent"


def test_one_missing_red_line_fails_and_the_rest_scores_as_reported():
    result, inputs, builder = run()
    full, partial = builder.units.get(TOWNSHIP), builder.units.get(NO_RED_LINE)
    effects = effects_of(result, inputs, builder, partial)
    assert effects["RL-NEW-EMPLOYMENT"] == "missing_data"
    assert [e for code, e in effects.items() if code != "RL-NEW-EMPLOYMENT"] == [
        e
        for code, e in effects_of(result, inputs, builder, full).items()
        if code != "RL-NEW-EMPLOYMENT"
    ]
    assert result.units.completeness[partial] == 0.9  # 9 of 10 items reported
    assert result.units.completeness[full] == 1.0
    assert result.units.mandatory_missing.tolist()[partial] == 1
    assert result.units.weighted_sum[partial] == result.units.weighted_sum[full]


def test_a_red_line_that_deducts_on_failure_deducts_when_unreported_and_an_exemption_removes_it():
    settings = AssessmentSettings(red_line_effect="deduct", red_line_points=2.0)
    result, inputs, builder = run(settings)
    silent = builder.units.get(SILENT)
    mine = np.flatnonzero(inputs.items.unit == silent)
    # Two unreported red lines at 2 points each; the unreported deduction item deducts nothing.
    assert result.units.deductions[silent] == 4.0
    assert result.units.red_lines_failed[silent] == 2
    exempted = np.zeros(len(inputs.items), bool)
    water = builder.indicators.get("RL-WATER-QUALITY")
    exempted[mine[inputs.items.indicator[mine] == water]] = True
    again = assess(replace(inputs, exempted=exempted), settings)
    assert again.units.deductions[silent] == 2.0
    effect = [EFFECTS[e] for e in again.item_scores.effect[mine]]
    assert effect.count("exempted") == 1 and effect.count("missing_data") == 2
    # The exempted red line is still unreported: completeness and the count of missing mandatory
    # items do not pretend otherwise.
    assert again.units.completeness[silent] == 0.0
    assert again.units.mandatory_missing[silent] == 3


def test_blocking_instead_of_failing_leaves_the_items_unfailed_but_counts_them_missing():
    result, inputs, builder = run(AssessmentSettings(missing_mandatory="block"))
    silent = builder.units.get(SILENT)
    assert result.units.red_lines_failed[silent] == 0
    assert not result.units.veto_excellence[silent]
    assert result.units.mandatory_missing[silent] == 3
    effects = effects_of(result, inputs, builder, silent)
    assert effects["RL-WATER-QUALITY"] == effects["VX-FOOD-SAFETY"] == "missing_data"


def test_the_settings_refuse_an_unknown_missing_data_rule_and_an_impossible_deadline():
    with pytest.raises(ValidationFailed) as refused:
        AssessmentSettings.from_json({"missing_mandatory": "ignore", "report_deadline_day": 31})
    fields = {problem.field for problem in refused.value.problems}
    assert fields == {"missingMandatory", "reportDeadlineDay"}


def _silenced(city: synthetic.City, inputs, rng: np.random.Generator) -> ObservationTable:
    """The city's observations without any of unit 0's, without the red lines of units 1-5 and
    without a random 3% of the other series."""
    o = inputs.observations
    n_items = len(city.items)
    unit = (o.series_key - 1) // n_items
    item = (o.series_key - 1) % n_items
    red_line = np.array([spec.kind == "red_line" for spec in city.items])[item]
    dropped_series = rng.random(o.series_key.max() + 1) < 0.03
    keep = (unit != 0) & ~((unit <= 5) & red_line) & ~dropped_series[o.series_key]
    return ObservationTable(
        *(column[keep] for column in (o.series_key, o.month, o.value, o.revision, o.observation_id))
    )


@pytest.mark.parametrize(
    "settings",
    [
        AssessmentSettings(),
        AssessmentSettings(red_line_effect="deduct", red_line_points=3.0),
        AssessmentSettings(red_line_effect="veto"),
        AssessmentSettings(missing_mandatory="block"),
    ],
    ids=["veto_excellence", "deduct", "veto", "block"],
)
def test_the_engine_matches_the_plain_loop_when_data_are_missing(settings):
    settings = replace(settings, cumulative_indicators=synthetic.CUMULATIVE)
    city = synthetic.city(units=40, seed=5)
    inputs, rules = synthetic.inputs_of(city, settings)
    inputs = replace(inputs, observations=_silenced(city, inputs, np.random.default_rng(3)))
    engine = assess(inputs, settings)
    naive = naive_assessment(plain(inputs, rules), settings)
    assert [EFFECTS[e] for e in engine.item_scores.effect] == naive["item_effect"]
    assert engine.item_scores.failed.tolist() == naive["item_failed"]
    assert engine.units.completeness.tolist() == naive["completeness"]
    assert engine.units.score.tolist() == naive["unit_score"]
    assert [GRADES[g] for g in engine.unit_grading.grade] == naive["unit_grade"]
    for c, total in naive["cadre_total"].items():
        assert engine.cadres.total[c] == total, c
    # The comparison means something: the silenced unit and the missing red lines occur.
    assert "missing_data" in naive["item_effect"] and "missing" in naive["item_effect"]
    assert engine.units.completeness[0] == 0.0


def test_the_black_list_says_a_red_line_failed_because_nobody_reported_it():
    standing = UnitStanding(
        unit_id=SILENT,
        grade=INCOMPETENT,
        veto=False,
        veto_excellence=True,
        failed_red_lines=(),
        contradictions=(),
        unreported_red_lines=("RL-WATER-QUALITY",),
    )
    entry = place(standing)
    assert entry is not None and entry.list_name == "black"
    assert entry.reasons == ("red line not reported: RL-WATER-QUALITY", "graded incompetent")
