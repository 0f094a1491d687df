"""Difference in differences within peer groups."""

import pytest

from services.development.domain.effect import ScoreChange, capability_effect

TOWNSHIP_DEPUTY = ("township", "deputy")
BUREAU_PRINCIPAL = ("municipal_department", "principal")


def test_difference_in_differences_weights_groups_by_enrolled_cadres():
    changes = [
        # township deputies: enrolled +20 and +10 (mean +15), comparison +5 -> +10
        ScoreChange("a", TOWNSHIP_DEPUTY, True, 50, 70),
        ScoreChange("b", TOWNSHIP_DEPUTY, True, 60, 70),
        ScoreChange("c", TOWNSHIP_DEPUTY, False, 55, 60),
        # bureau principals: enrolled +4, comparison +6 and +8 (mean +7) -> -3
        ScoreChange("d", BUREAU_PRINCIPAL, True, 70, 74),
        ScoreChange("e", BUREAU_PRINCIPAL, False, 60, 66),
        ScoreChange("f", BUREAU_PRINCIPAL, False, 62, 70),
        # an enrolled cadre without peers cannot be compared
        ScoreChange("g", ("school", "grassroots"), True, 40, 90),
    ]
    effect = capability_effect("digital_governance", changes)
    assert effect.difference_in_differences == pytest.approx((2 * 10 + 1 * -3) / 3)
    assert (effect.enrolled_count, effect.comparison_count, effect.unmatched_enrolled_count) == (
        3,
        3,
        1,
    )
    township = next(g for g in effect.groups if g.unit_category == "township")
    assert (township.enrolled_before, township.enrolled_after, township.comparison_after) == (
        55,
        70,
        60,
    )
    assert township.difference_in_differences == pytest.approx(10)


def test_no_comparable_group_gives_no_figure():
    effect = capability_effect("x", [ScoreChange("a", TOWNSHIP_DEPUTY, True, 50, 60)])
    assert effect.difference_in_differences is None
    assert capability_effect("x", []).groups == ()
