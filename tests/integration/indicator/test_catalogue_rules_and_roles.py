"""Rules of the library and of cascades, enforced by the service; who may read and change what."""

import pytest

from services.common.auth import Role
from tests.integration.indicator.catalogue import (
    IMPORT_LISTS,
    PUBLISH,
    READ_LIST,
    SAVE_INDICATOR,
    file_input,
    individual_weight,
    new_cadre,
    new_indicator,
    new_unit,
)
from tests.support import GraphQLClient, token, unique

CASCADE = """mutation($c: TargetCascadeInput!) { cascadeTarget(input: $c) { code total allocations { unitId amount } } }"""


def problems(errors: list[dict]) -> list[tuple]:
    [error] = errors
    return [(p["field"], p["rule"], p["value"]) for p in error["extensions"]["problems"]]


async def test_the_library_refuses_paperwork_double_assessment_and_feeds_without_a_source(
    indicator_admin,
):
    base = {
        "code": unique("IND"),
        "dimension": "public_service",
        "kind": "scored",
        "direction": "higher_is_better",
        "unitOfMeasure": "%",
        "dataSource": "manual_report",
        "frequency": "annual",
        "rule": {"type": "target_attainment", "cap": 1.0},
    }
    errors = await indicator_admin.errors(SAVE_INDICATOR, {"i": {**base, "name": "内刊投稿篇数"}})
    assert problems(errors) == [("name", "no_paperwork", "内刊投稿篇数")]
    errors = await indicator_admin.errors(
        SAVE_INDICATOR,
        {
            "i": {
                **base,
                "name": "12345热线响应率",
                "dataSource": "auto_feed",
                "frequency": "daily",
                "assessedAtYearEnd": True,
                "onSiteCheck": True,
            }
        },
    )
    assert problems(errors) == [
        ("sourceSystem", "auto_feed_source", None),
        ("onSiteCheck", "auto_feed_no_on_site_check", True),
        ("assessedAtYearEnd", "no_double_assessment", True),
    ]
    found = await indicator_admin.execute(
        "query($c: ID!) { indicator(code: $c) { code } }", {"c": base["code"]}
    )
    assert found["indicator"] is None


async def test_a_city_target_is_split_only_when_the_parts_add_up(indicator_admin):
    streets = [await new_unit(indicator_admin, "street_office") for _ in range(3)]
    code = unique("POP")
    cascade = {
        "code": code,
        "name": "城区常住人口35万",
        "year": 2025,
        "total": "350000",
        "unitOfMeasure": "人",
        "allocations": [
            {"unitId": s, "amount": a} for s, a in zip(streets, ("150000", "120000", "70000"))
        ],
    }
    assert problems(await indicator_admin.errors(CASCADE, {"c": cascade})) == [
        ("allocations", "parts_add_up", "340000")
    ]
    cascade["allocations"][2]["amount"] = "80000"
    stored = (await indicator_admin.execute(CASCADE, {"c": cascade}))["cascadeTarget"]
    assert stored["total"] == "350000" and len(stored["allocations"]) == 3


async def test_a_cascaded_target_becomes_the_units_list_target(indicator_admin):
    street = await new_unit(indicator_admin, "street_office")
    population = await new_indicator(
        indicator_admin, name="城区常住人口", unitOfMeasure="人", maxValue=None
    )
    await indicator_admin.execute(
        CASCADE,
        {
            "c": {
                "code": unique("POP"),
                "name": "城区常住人口",
                "year": 2030,
                "total": "95000",
                "unitOfMeasure": "人",
                "indicatorCode": population,
                "allocations": [{"unitId": street, "amount": "95000"}],
            }
        },
    )
    own = await individual_weight(indicator_admin, "street_office")
    draft = "mutation($u: ID!, $items: [IndicatorListItemInput!]) { draftIndicatorList(unitId: $u, year: 2030, items: $items) { version } }"
    errors = await indicator_admin.errors(
        draft,
        {"u": street, "items": [{"indicatorCode": population, "weight": own, "target": 90000}]},
    )
    assert problems(errors) == [("target", "cascaded_target", 90000)]
    await indicator_admin.execute(
        draft,
        {"u": street, "items": [{"indicatorCode": population, "weight": own, "target": 95000}]},
    )
    published = (await indicator_admin.execute(PUBLISH, {"u": street, "y": 2030}))[
        "publishIndicatorList"
    ]
    assert (
        next(i["target"] for i in published["items"] if i["indicatorCode"] == population) == 95000
    )


async def test_fixed_categories_stay_fixed(indicator_admin):
    errors = await indicator_admin.errors(
        'mutation { configureUnitCategory(input: {code: "township", name: "镇", nameEn: "town"}) { code } }'
    )
    assert problems(errors)[0][:2] == ("code", "fixed")
    errors = await indicator_admin.errors(
        'mutation { configureUnitCategory(input: {code: "village", name: "行政村", nameEn: "village"}) { code } }'
    )
    assert problems(errors)[0][:2] == ("code", "max_configurable")
    errors = await indicator_admin.errors(
        "mutation($u: UnitInput!) { registerUnit(input: $u) { id } }",
        {"u": {"id": unique("U"), "name": "某单位", "category": "space_agency"}},
    )
    assert problems(errors)[0][:2] == ("category", "one_of")


@pytest.fixture
async def published_unit(indicator_admin):
    """A street office with a published 2027 list, its principal and one grassroots cadre."""
    unit = await new_unit(indicator_admin, "street_office")
    code = await new_indicator(indicator_admin)
    rows = [[unit, 2027, code, await individual_weight(indicator_admin, "street_office"), 90]]
    report = await indicator_admin.execute(
        IMPORT_LISTS,
        {
            "f": file_input(
                "lists.csv", ["unit_id", "year", "indicator_code", "weight", "target"], rows
            ),
            "publish": True,
        },
    )
    assert report["importIndicatorLists"]["applied"]
    return (
        unit,
        await new_cadre(indicator_admin, unit, "principal"),
        await new_cadre(indicator_admin, unit, "grassroots"),
    )


async def read_as(settings, bearer: str, unit: str) -> dict:
    client = GraphQLClient(settings.service_url("indicator"), bearer=bearer)
    try:
        response = await client.post(READ_LIST, {"u": unit, "y": 2027})
        return response.json()
    finally:
        await client.aclose()


def code_of(body: dict) -> str | None:
    return body["errors"][0]["extensions"]["code"] if body.get("errors") else None


async def test_who_reads_a_units_list(catalogue_stack, published_unit):
    unit, principal, grassroots = published_unit
    other = unique("U")
    s = catalogue_stack
    allowed = [
        token(s, Role.ASSESSOR),
        token(s, Role.UNIT_REPORTER, unit_id=unit),
        token(s, Role.CADRE, cadre_id=principal),
    ]
    for bearer in allowed:
        body = await read_as(s, bearer, unit)
        assert body["data"]["indicatorList"]["version"] == 1, body
    refused = [
        token(s, Role.UNIT_REPORTER, unit_id=other),
        token(s, Role.CADRE, cadre_id=grassroots),
        token(s, Role.TRAINER),
        token(s, Role.PUBLIC_EVALUATOR),
    ]
    for bearer in refused:
        assert code_of(await read_as(s, bearer, unit)) == "FORBIDDEN"


async def test_only_the_department_changes_the_catalogue(catalogue_stack, published_unit):
    unit, _, _ = published_unit
    for role in (Role.ASSESSOR, Role.UNIT_REPORTER, Role.CADRE):
        client = GraphQLClient(
            catalogue_stack.service_url("indicator"),
            bearer=token(catalogue_stack, role, unit_id=unit, cadre_id="C-x"),
        )
        try:
            body = (await client.post(PUBLISH, {"u": unit, "y": 2027})).json()
        finally:
            await client.aclose()
        assert code_of(body) == "FORBIDDEN"
