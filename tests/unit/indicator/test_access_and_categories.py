"""Who reads a unit's lists; which unit categories the department may configure."""

import pytest

from services.common.auth import Principal, Role
from services.common.errors import ValidationFailed
from services.indicator.domain.access import may_read_lists
from services.indicator.domain.categories import (
    DEFAULT_CATEGORIES,
    UnitCategory,
    check_configuration,
)
from services.indicator.domain.units import Cadre

UNIT = "JS-MAJINGAO"


@pytest.mark.parametrize(
    "principal, cadre, allowed",
    [
        (Principal("a", Role.ADMIN), None, True),
        (Principal("a", Role.ASSESSOR), None, True),
        (Principal("r", Role.UNIT_REPORTER, unit_id=UNIT), None, True),
        (Principal("r", Role.UNIT_REPORTER, unit_id="JS-HEXI"), None, False),
        (
            Principal("c", Role.CADRE, cadre_id="C-0001"),
            Cadre("C-0001", "王建国", UNIT, "principal"),
            True,
        ),
        (
            Principal("c", Role.CADRE, cadre_id="C-0002"),
            Cadre("C-0002", "李志刚", UNIT, "deputy"),
            True,
        ),
        (
            Principal("c", Role.CADRE, cadre_id="C-0004"),
            Cadre("C-0004", "张晓燕", UNIT, "grassroots"),
            False,
        ),
        (
            Principal("c", Role.CADRE, cadre_id="C-0009"),
            Cadre("C-0009", "刘海涛", "JS-HEXI", "principal"),
            False,
        ),
        (
            Principal("c", Role.CADRE, cadre_id="C-0001"),
            Cadre("C-0002", "李志刚", UNIT, "deputy"),
            False,
        ),
        (Principal("t", Role.TRAINER), None, False),
        (Principal("p", Role.PUBLIC_EVALUATOR), None, False),
    ],
)
def test_list_readers(principal, cadre, allowed):
    assert may_read_lists(principal, UNIT, cadre) is allowed


def test_nine_categories_seven_fixed_two_configurable():
    assert len(DEFAULT_CATEGORIES) == 9
    assert sum(c.configurable for c in DEFAULT_CATEGORIES) == 2


EXISTING = {c.code: c for c in DEFAULT_CATEGORIES}


def test_a_configurable_category_may_be_renamed():
    check_configuration(
        UnitCategory("public_institution", "公益一类事业单位", "public institution", True), EXISTING
    )


@pytest.mark.parametrize(
    "wanted, rule",
    [
        (UnitCategory("township", "镇", "town", True), "fixed"),
        (UnitCategory("village", "行政村", "village", True), "max_configurable"),
        (UnitCategory("Bad Code", "某类", "some", True), "format"),
    ],
)
def test_what_may_not_be_configured(wanted, rule):
    with pytest.raises(ValidationFailed) as failed:
        check_configuration(wanted, EXISTING)
    assert rule in [p.rule for p in failed.value.problems]
