"""Through the gateway: a cadre reads their own scores and breakdown, never another cadre's."""

import pytest

from services.common.auth import Role
from tests.integration.scoring.world import set_up, township, unique_year
from tests.support import GraphQLClient, token

REPORT = (
    "mutation($inputs: [ObservationReport!]!) { reportObservations(inputs: $inputs) { revision } }"
)
RUN = "mutation($period: String!) { runScoring(period: $period) { cadres } }"
CADRE_SCORE = """query($cadre: ID!, $period: String!) {
  cadreScore(cadreId: $cadre, period: $period) {
    cadreId total grade components { name score weight }
    unitScore { score breakdown { indicatorCode points observationRevision listVersion } }
  }
}"""
THROUGH_THE_ENTITY = """query($cadre: ID!, $period: String!) {
  _entities(representations: [{__typename: "Cadre", id: $cadre}]) { ... on Cadre { score(period: $period) { total } } }
}"""
UNIT_SCORE = (
    "query($unit: ID!, $period: String!) { unitScore(unitId: $unit, period: $period) { score } }"
)

pytestmark = pytest.mark.usefixtures("assessment_settings_read")


@pytest.fixture
async def scored_township(stack, gateway):
    year, unit, other = unique_year(), township(), township()
    await set_up(stack, [unit, other], year)
    await gateway.execute(
        REPORT,
        {
            "inputs": [
                {
                    "unitId": u.unit_id,
                    "indicatorCode": "PR-COMPLETION-RATE",
                    "period": f"{year}-12",
                    "value": 88.0,
                    "unitOfMeasure": "%",
                }
                for u in (unit, other)
            ]
        },
    )
    assert (await gateway.execute(RUN, {"period": str(year)}))["runScoring"]["cadres"] >= 6
    return str(year), unit, other


async def test_a_cadre_reads_their_own_score_and_breakdown(stack, scored_township):
    period, unit, _ = scored_township
    me = next(iter(unit.cadres))
    client = GraphQLClient(stack.gateway_url, bearer=token(stack, Role.CADRE, cadre_id=me))
    try:
        score = (await client.execute(CADRE_SCORE, {"cadre": me, "period": period}))["cadreScore"]
        assert score["cadreId"] == me and score["total"] > 0
        rows = {r["indicatorCode"]: r for r in score["unitScore"]["breakdown"]}
        assert (
            rows["PR-COMPLETION-RATE"]["points"],
            rows["PR-COMPLETION-RATE"]["observationRevision"],
        ) == (35.2, 1)
        assert (await client.execute(UNIT_SCORE, {"unit": unit.unit_id, "period": period}))[
            "unitScore"
        ]["score"] == 35.2
    finally:
        await client.aclose()


async def test_a_cadre_cannot_read_another_cadres_scores(stack, scored_township):
    period, unit, other = scored_township
    me = next(iter(unit.cadres))
    colleague = list(unit.cadres)[1]
    stranger = next(iter(other.cadres))
    client = GraphQLClient(stack.gateway_url, bearer=token(stack, Role.CADRE, cadre_id=me))
    try:
        for cadre_id in (colleague, stranger):
            response = await client.post(CADRE_SCORE, {"cadre": cadre_id, "period": period})
            body = response.json()
            assert not (body.get("data") or {}).get("cadreScore"), body
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body
        errors = await client.errors(UNIT_SCORE, {"unit": other.unit_id, "period": period})
        assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    finally:
        await client.aclose()


async def test_the_subgraph_refuses_another_cadres_scores_even_without_the_gateway(
    stack, subgraph, scored_township
):
    period, unit, _ = scored_township
    me, colleague = list(unit.cadres)[:2]
    direct = subgraph("scoring", token(stack, Role.CADRE, cadre_id=me))
    errors = await direct.errors(THROUGH_THE_ENTITY, {"cadre": colleague, "period": period})
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    own = await direct.execute(THROUGH_THE_ENTITY, {"cadre": me, "period": period})
    assert own["_entities"][0]["score"]["total"] > 0
