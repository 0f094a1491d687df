"""Drafting, publishing and superseding a unit's list: the snapshot reaches Kafka, the rules hold."""

from schemas import topics
from tests.integration.indicator.catalogue import (
    DRAFT,
    EDIT,
    PUBLISH,
    READ_LIST,
    SET_COMMONS,
    commons_of,
    individual_weight,
    new_indicator,
    new_unit,
)
from tests.support import TopicReader, database

DIFF = """query($u: ID!, $y: Int!) { indicatorListDiff(unitId: $u, year: $y, fromVersion: 1, toVersion: 2) {
  added { indicatorCode } removed { indicatorCode } changed { indicatorCode changes { field before after } }
  headerChanges { field before after } } }"""


async def outbox_events(settings, unit_id: str) -> list[dict]:
    conn = await database(settings, "indicator")
    try:
        rows = await conn.fetch(
            "SELECT envelope FROM outbox WHERE key = $1 AND event_type = 'IndicatorListPublished'",
            unit_id,
        )
    finally:
        await conn.close()
    return rows


async def test_publishing_sends_the_full_snapshot_and_a_newer_version_supersedes_it(
    catalogue_stack, indicator_admin
):
    client = indicator_admin
    unit = await new_unit(client, "street_office")
    projects = await new_indicator(client)
    veto = await new_indicator(
        client,
        name="重大环境污染事故",
        dimension="ecology",
        kind="veto_excellence",
        direction="lower_is_better",
        unitOfMeasure="起",
        rule={"type": "pass_fail", "threshold": 0},
    )
    own = await individual_weight(client, "street_office")
    draft = await client.execute(
        DRAFT,
        {
            "u": unit,
            "y": 2027,
            "items": [
                {"indicatorCode": projects, "weight": own, "target": 90},
                {"indicatorCode": veto},
            ],
        },
    )
    assert (
        draft["draftIndicatorList"]["status"] == "draft"
        and draft["draftIndicatorList"]["totalWeight"] == 100
    )

    async with TopicReader(catalogue_stack, topics.INDICATOR_LISTS) as reader:
        published = (await client.execute(PUBLISH, {"u": unit, "y": 2027}))["publishIndicatorList"]
        envelope, headers = await reader.wait_for(lambda e, h: e["payload"].get("unit_id") == unit)
    assert (published["version"], published["status"], published["effectiveFrom"]) == (
        1,
        "published",
        "2027-01-01",
    )
    payload = envelope["payload"]
    assert headers["event_type"] == "IndicatorListPublished"
    assert (payload["list_id"], payload["version"], payload["year"], payload["effective_from"]) == (
        published["id"],
        1,
        2027,
        "2027-01-01",
    )
    assert payload["unit_category"] == "street_office" and payload["supersedes_version"] is None
    items = {i["indicator_code"]: i for i in payload["items"]}
    assert items[projects]["weight"] == own and items[projects]["target"] == 90
    assert items[projects]["rule"] == {"type": "target_attainment", "cap": 1.2}
    assert (items[veto]["kind"], items[veto]["weight"], items[veto]["rule"]) == (
        "veto_excellence",
        0,
        {"type": "pass_fail", "threshold": 0},
    )
    assert round(sum(i["weight"] for i in payload["items"] if i["kind"] == "scored"), 6) == 100

    await client.execute(DRAFT, {"u": unit, "y": 2027})  # a copy of the version in force
    await client.execute(
        EDIT,
        {"u": unit, "y": 2027, "set": [{"indicatorCode": projects, "weight": own, "target": 95}]},
    )
    async with TopicReader(catalogue_stack, topics.INDICATOR_LISTS) as reader:
        second = (await client.execute(PUBLISH, {"u": unit, "y": 2027, "from": "2027-07-01"}))[
            "publishIndicatorList"
        ]
        envelope, _ = await reader.wait_for(lambda e, h: e["payload"].get("unit_id") == unit)
    assert (second["version"], second["supersedesVersion"]) == (2, 1)
    assert (envelope["payload"]["version"], envelope["payload"]["supersedes_version"]) == (2, 1)

    first = (await client.execute(READ_LIST, {"u": unit, "y": 2027, "v": 1}))["indicatorList"]
    assert (first["status"], first["effectiveTo"]) == ("superseded", "2027-06-30")
    assert (
        next(i for i in first["items"] if i["indicatorCode"] == projects)["target"] == 90
    )  # immutable
    in_force = (await client.execute(READ_LIST, {"u": unit, "y": 2027}))["indicatorList"]
    assert in_force["version"] == 2

    diff = (await client.execute(DIFF, {"u": unit, "y": 2027}))["indicatorListDiff"]
    assert diff["changed"] == [
        {"indicatorCode": projects, "changes": [{"field": "target", "before": 90, "after": 95}]}
    ]
    assert diff["added"] == diff["removed"] == []
    assert diff["headerChanges"] == [
        {"field": "effective_from", "before": "2027-01-01", "after": "2027-07-01"}
    ]


async def test_a_list_that_breaks_a_rule_is_not_published_and_nothing_is_sent(
    catalogue_stack, indicator_admin
):
    client = indicator_admin
    unit = await new_unit(client, "street_office")
    projects = await new_indicator(client)
    own = await individual_weight(client, "street_office")
    await client.execute(
        DRAFT,
        {
            "u": unit,
            "y": 2027,
            "items": [{"indicatorCode": projects, "weight": own - 1, "target": 90}],
        },
    )
    [error] = await client.errors(PUBLISH, {"u": unit, "y": 2027})
    problems = error["extensions"]["problems"]
    assert error["extensions"]["code"] == "VALIDATION_FAILED"
    assert [(p["field"], p["rule"], p["value"]) for p in problems] == [("weight", "sum_100", 99)]
    listed = (await client.execute(READ_LIST, {"u": unit, "y": 2027, "v": 1}))["indicatorList"]
    assert listed["status"] == "draft"
    assert await outbox_events(catalogue_stack, unit) == []


async def test_common_indicators_cannot_be_removed_and_red_lines_carry_no_weight(
    catalogue_stack, indicator_admin
):
    client = indicator_admin
    unit = await new_unit(client, "development_zone")
    red_line = await new_indicator(
        client,
        name="城镇新增就业目标完成度",
        kind="red_line",
        rule={"type": "pass_fail", "threshold": 100},
    )
    # The category gains a common red line: it carries no weight, so no other unit's list changes.
    # The category is shared (the demo city's development zones use it): its commons are put back.
    commons = await commons_of(client, "development_zone")
    try:
        await client.execute(
            SET_COMMONS, {"c": "development_zone", "items": [*commons, {"indicatorCode": red_line}]}
        )
        draft = (await client.execute(DRAFT, {"u": unit, "y": 2027, "items": []}))[
            "draftIndicatorList"
        ]
        assert red_line in [i["indicatorCode"] for i in draft["items"] if i["origin"] == "common"]
        [error] = await client.errors(EDIT, {"u": unit, "y": 2027, "remove": [red_line]})
        assert error["extensions"]["problems"][0]["rule"] == "common_required"
        [error] = await client.errors(
            EDIT, {"u": unit, "y": 2027, "set": [{"indicatorCode": red_line, "weight": 5}]}
        )
        assert [(p["field"], p["rule"], p["value"]) for p in error["extensions"]["problems"]] == [
            ("weight", "no_weight_for_kind", 5)
        ]
    finally:
        await client.execute(SET_COMMONS, {"c": "development_zone", "items": commons})
