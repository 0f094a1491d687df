"""The weight-total rule lives in the domain; its error reaches the API once, naming field and rule."""

from schemas.rule_codes import RuleCode
from tests.unit.indicator.fixtures import TOWNSHIP, red_line, scored
from tests.unit.indicator.graphql_client import FakeSubgraph

DRAFT = """mutation($items: [IndicatorListItemInput!]) {
  draftIndicatorList(unitId: "JS-MAJINGAO", year: 2026, items: $items) { version totalWeight }
}"""
PUBLISH = (
    """mutation { publishIndicatorList(unitId: "JS-MAJINGAO", year: 2026) { version status } }"""
)


async def subgraph_with_draft(weights: list[float]) -> FakeSubgraph:
    subgraph = FakeSubgraph()
    indicators = [scored(f"EC-{n}") for n in range(len(weights))] + [red_line()]
    subgraph.store.indicators.update({i.code: i for i in indicators})
    subgraph.store.units[TOWNSHIP.id] = TOWNSHIP
    items = [{"indicatorCode": f"EC-{n}", "weight": w, "target": 10} for n, w in enumerate(weights)]
    items.append({"indicatorCode": red_line().code})
    drafted = await subgraph.execute(DRAFT, {"items": items})
    assert drafted.errors is None, drafted.errors
    assert drafted.data["draftIndicatorList"]["totalWeight"] == sum(weights)
    return subgraph


async def test_publishing_a_list_whose_weights_miss_100_fails_once_naming_field_and_rule():
    subgraph = await subgraph_with_draft([60, 39])
    result = await subgraph.execute(PUBLISH)
    assert result.data is None
    assert len(result.errors) == 1
    extensions = result.errors[0].extensions
    assert extensions["code"] == "VALIDATION_FAILED"
    assert [(p["field"], p["rule"], p["value"]) for p in extensions["problems"]] == [
        ("weight", RuleCode.sum_100, 99)
    ]
    assert subgraph.store.published == []


async def test_a_list_whose_weights_add_up_to_100_is_published():
    subgraph = await subgraph_with_draft([60.5, 39.5])
    result = await subgraph.execute(PUBLISH)
    assert result.errors is None, result.errors
    assert result.data["publishIndicatorList"] == {"version": 1, "status": "published"}
    assert [e.event_type for e in subgraph.store.published] == ["IndicatorListPublished"]
