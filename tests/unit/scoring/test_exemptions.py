"""Approved fault-tolerance exemptions in the engine: the covered deduction is removed and marked,
every other figure stays as it was; vetoes and the failure of a red line stand."""

from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
import pytest

from services.scoring.domain.assessment import Assessment, assess
from services.scoring.domain.cases import Step, Subject
from services.scoring.domain.engine import (
    EFFECT_DEDUCT,
    EFFECT_EXEMPTED,
    EFFECT_NONE,
    EFFECT_VETO_EXCELLENCE,
)
from services.scoring.domain.exempted_items import covered_items
from services.scoring.domain.exemptions import APPROVED, REJECTED, SUBMITTED, Exemption
from services.scoring.domain.inputs import Numbering
from services.scoring.domain.settings import AssessmentSettings
from tests.unit.scoring.builders import Cadre, Item, Scenario

UNITS = ("T-shuimo", "T-hexi")
ITEMS = [
    Item(
        "PR-COMPLETION-RATE",
        "economic_development",
        "scored",
        60,
        100,
        {"type": "target_attainment", "cap": 1.0},
    ),
    Item(
        "EC-INVESTMENT",
        "economic_development",
        "scored",
        40,
        5.0,
        {"type": "target_attainment", "cap": 1.2},
    ),
    Item(
        "RL-NEW-EMPLOYMENT",
        "livelihood",
        "red_line",
        0,
        None,
        {"type": "pass_fail", "threshold": 100},
    ),
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
        {"type": "pass_fail", "threshold": 0},
        direction="lower_is_better",
    ),
]
# Both units: 90% completion, investment on target, new employment at 96% (red line failed, one point
# off), two safety incidents (3 points off) and one food-safety accident (no excellence).
OBSERVATIONS = [
    (unit, code, 12, value)
    for unit in UNITS
    for code, value in (
        ("PR-COMPLETION-RATE", 90.0),
        ("EC-INVESTMENT", 5.0),
        ("RL-NEW-EMPLOYMENT", 96.0),
        ("DD-SAFETY-INCIDENTS", 2.0),
        ("VX-FOOD-SAFETY", 1.0),
    )
]
SETTINGS = AssessmentSettings(red_line_effect="deduct", red_line_points=1.0)
NOW = datetime(2025, 12, 20, tzinfo=UTC)


def scenario() -> Scenario:
    return Scenario(
        lists=dict.fromkeys(UNITS, ITEMS),
        categories=dict.fromkeys(UNITS, "township"),
        observations=OBSERVATIONS,
        cadres=[Cadre(f"{unit}-head", unit, "principal") for unit in UNITS],
        settings=SETTINGS,
    )


def exemption(
    id: str,
    indicator: str,
    unit: str = UNITS[0],
    cadre: str | None = None,
    period: str = "2025",
    status: str = APPROVED,
) -> Exemption:
    return Exemption(
        id=id,
        subject=Subject(unit_id=unit, cadre_id=cadre),
        period=period,
        category_code="force_majeure",
        indicator_code=indicator,
        reasons="The flood of July stopped all work for three weeks.",
        evidence=(),
        applied=Step(by="reporter", role="unit_reporter", at=NOW),
        status=status,
    )


def assessed(*exempted: str) -> tuple[Assessment, list[str]]:
    """The assessment with the first unit's items `exempted` (indicator codes) covered."""
    inputs, builder, _ = scenario().inputs()
    codes = [builder.indicators.values[i] for i in inputs.items.indicator.tolist()]
    mask = (inputs.items.unit == 0) & np.isin(codes, exempted)
    return assess(replace(inputs, exempted=mask), SETTINGS), codes


@pytest.fixture(scope="module")
def plain() -> tuple[Assessment, list[str]]:
    return assessed()


def test_an_exempted_deduction_contributes_nothing_and_is_marked(plain) -> None:
    before, codes = plain
    after, _ = assessed("DD-SAFETY-INCIDENTS")
    item = codes.index("DD-SAFETY-INCIDENTS")
    assert (
        before.item_scores.deducted[item] == 3.0
        and before.item_scores.effect[item] == EFFECT_DEDUCT
    )
    assert (
        after.item_scores.deducted[item] == 0.0
        and after.item_scores.effect[item] == EFFECT_EXEMPTED
    )
    others = np.arange(len(codes)) != item
    for name in ("fraction", "points", "deducted", "failed", "effect", "observed"):
        assert np.array_equal(
            getattr(after.item_scores, name)[others], getattr(before.item_scores, name)[others]
        )
    # 54 + 40 points, 1 (red line) + 3 (incidents) off; the exemption gives the 3 back to this unit only.
    assert before.units.deductions.tolist() == [4.0, 4.0] and before.units.score.tolist() == [
        90.0,
        90.0,
    ]
    assert after.units.deductions.tolist() == [1.0, 4.0] and after.units.score.tolist() == [
        93.0,
        90.0,
    ]
    # The head's work part is the unit's score.
    assert after.cadres.work.tolist() == [93.0, 90.0]


def test_a_red_line_loses_its_deduction_but_stays_failed_and_a_veto_stands(plain) -> None:
    before, codes = plain
    after, _ = assessed("RL-NEW-EMPLOYMENT", "VX-FOOD-SAFETY", "PR-COMPLETION-RATE")
    red_line, veto, scored = (
        codes.index(c) for c in ("RL-NEW-EMPLOYMENT", "VX-FOOD-SAFETY", "PR-COMPLETION-RATE")
    )
    assert (
        after.item_scores.deducted[red_line] == 0.0
        and after.item_scores.effect[red_line] == EFFECT_EXEMPTED
    )
    assert bool(after.item_scores.failed[red_line]) and after.units.red_lines_failed[0] == 1
    assert after.item_scores.effect[veto] == EFFECT_VETO_EXCELLENCE and bool(
        after.units.veto_excellence[0]
    )
    assert after.item_scores.points[scored] == before.item_scores.points[scored] == 54.0
    assert after.item_scores.effect[scored] == EFFECT_NONE
    assert after.units.score.tolist() == [91.0, 90.0]


def test_approved_exemptions_of_a_unit_and_its_cadres_cover_that_unit_items() -> None:
    inputs, builder, _ = scenario().inputs()
    units, indicators = Numbering(UNITS), builder.indicators
    cases = [
        exemption("EX-cadre", "DD-SAFETY-INCIDENTS", cadre=f"{UNITS[0]}-head"),
        exemption("EX-unit", "DD-SAFETY-INCIDENTS"),
        exemption("EX-quarter", "RL-NEW-EMPLOYMENT", unit=UNITS[1], period="2025-Q4"),
        exemption("EX-rejected", "EC-INVESTMENT", status=REJECTED),
        exemption("EX-submitted", "VX-FOOD-SAFETY", status=SUBMITTED),
        exemption("EX-last-year", "PR-COMPLETION-RATE", period="2024"),
        exemption("EX-elsewhere", "DD-SAFETY-INCIDENTS", unit="T-not-scored"),
        exemption("EX-not-listed", "IND-NOT-ON-THE-LIST"),
    ]
    covered = covered_items(inputs.items, units, indicators, cases, "2025-12")
    codes = [indicators.values[i] for i in inputs.items.indicator.tolist()]
    named = dict(
        zip(zip((UNITS[u] for u in inputs.items.unit.tolist()), codes), covered.named(covered.mask))
    )
    assert {key: found for key, found in named.items() if found} == {
        (UNITS[0], "DD-SAFETY-INCIDENTS"): "EX-unit",  # the unit's own before its cadre's
        (UNITS[1], "RL-NEW-EMPLOYMENT"): "EX-quarter",
    }
    # A run of the whole year is not held by an exemption of its last quarter.
    year = covered_items(inputs.items, units, indicators, cases, "2025")
    assert year.mask.sum() == 1
    assert covered.named(np.zeros(len(codes), bool)) == [None] * len(codes)
    assert not covered_items(inputs.items, units, indicators, [], "2025").mask.any()
