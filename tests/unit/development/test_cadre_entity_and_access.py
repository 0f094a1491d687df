"""The Cadre entity resolves through `_entities` without a gateway; who may read enrolments."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from services.common.auth import Principal, Role
from services.common.errors import PermissionDenied
from services.common.settings import PlatformSettings
from services.development.domain import access
from services.development.entrypoints.graphql.schema import build_schema

ENTITIES = """
query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Cadre { id } }
}
"""
CADRE = Principal("C-1", Role.CADRE, cadre_id="C-1")
ASSESSOR = Principal("assessor-1", Role.ASSESSOR)


async def _resolve(principal: Principal, cadre_id: str):
    schema = build_schema(PlatformSettings(app_env="development"))
    return await schema.execute(
        ENTITIES,
        variable_values={"representations": [{"__typename": "Cadre", "id": cadre_id}]},
        context_value=SimpleNamespace(principal=principal, platform=None),
    )


async def test_a_cadre_reference_resolves_for_staff_and_for_the_cadre_themself():
    for principal in (ASSESSOR, CADRE):
        result = await _resolve(principal, "C-1")
        assert result.errors is None
        assert result.data == {"_entities": [{"id": "C-1"}]}


async def test_a_cadre_cannot_resolve_another_cadre():
    result = await _resolve(CADRE, "C-2")
    assert result.data == {"_entities": [None]}
    assert "only see their own records" in result.errors[0].message


def test_a_cadre_searches_only_their_own_enrolments():
    assert access.enrolments_visible_to(CADRE, None) == "C-1"
    assert access.enrolments_visible_to(CADRE, "C-1") == "C-1"
    with pytest.raises(PermissionDenied):
        access.enrolments_visible_to(CADRE, "C-2")
    with pytest.raises(PermissionDenied, match="cadre_id"):
        access.enrolments_visible_to(Principal("x", Role.CADRE), None)
    assert access.enrolments_visible_to(ASSESSOR, None) is None
    assert access.enrolments_visible_to(ASSESSOR, "C-2") == "C-2"


def test_one_cadres_enrolments_are_for_staff_and_that_cadre():
    access.require_enrolment_reader(CADRE, "C-1")
    access.require_enrolment_reader(ASSESSOR, "C-2")
    with pytest.raises(PermissionDenied):
        access.require_enrolment_reader(CADRE, "C-2")
    with pytest.raises(PermissionDenied):
        access.require_enrolment_reader(Principal("u", Role.UNIT_REPORTER, unit_id="U"), "C-1")


def test_a_cohorts_enrolments_and_line_are_for_staff_only():
    access.require_cohort_reader(Principal("t", Role.TRAINER))
    for principal in (CADRE, Principal("p", Role.PUBLIC_EVALUATOR)):
        with pytest.raises(PermissionDenied):
            access.require_cohort_reader(principal)
