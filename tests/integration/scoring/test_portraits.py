"""Individual portraits in the running service: one township, a principal and three deputies with
different portfolios, daily records and 360 ballots, portrayed by a scoring run; the 360 floor; and a
corrected daily record that clears a weakness with WeaknessCleared."""

from __future__ import annotations

import json

import pytest

from tests.integration.scoring.world import Unit, item, scoring_fetch, set_up, unique_year
from tests.support import GraphQLClient, unique

REPORT = (
    "mutation($inputs: [ObservationReport!]!) { reportObservations(inputs: $inputs) { revision } }"
)
RUN = "mutation($period: String!) { runScoring(period: $period) { runId cadres events portraitSeconds } }"
MODELS = "{ competencyModels { version status capabilities { code nameZh nameEn targets { principal deputy grassroots } sources { portfolio daily evaluation training term } } } }"
SAVE = "mutation($c: [ModelCapabilityInput!]!) { saveCompetencyModelDraft(capabilities: $c) { version status } }"
PUBLISH = "mutation($v: Int!) { publishCompetencyModel(version: $v) { version status } }"
PORTFOLIO = """mutation($cadre: ID!, $year: Int!, $dims: [PortfolioEntryInput!]!, $inds: [PortfolioEntryInput!]) {
  assignPortfolio(cadreId: $cadre, year: $year, dimensions: $dims, indicators: $inds) }"""
BALLOTS = "mutation($b: [BallotInput!]!) { recordCompetenceBallots(ballots: $b) }"
DAILY = "mutation($input: DailyRecordInput!) { recordDailyRecord(input: $input) { recordId } }"
CORRECT = """mutation($id: ID!, $points: Float!, $caps: [String!]!) {
  correctDailyRecord(recordId: $id, points: $points, capabilities: $caps, reason: "复核：应急处置得当") }"""
PORTRAIT = """query($reps: [_Any!]!, $period: String!) { _entities(representations: $reps) { ... on Cadre {
  portrait(period: $period) { modelVersion efficiencyIndex withheldEvaluations
    capabilities { capability score target gap confidence evidenceCount peerPercentile
      sources { source score records } evidence { source reference leafIndex value weight records } } } } } }"""


def targets(principal: float, deputy: float) -> dict:
    return {"principal": principal, "deputy": deputy, "grassroots": deputy}


def sources(**weights: float) -> dict:
    return {
        name: weights.get(name, 0.0)
        for name in ("portfolio", "daily", "evaluation", "training", "term")
    }


@pytest.fixture(scope="module")
async def township(stack, admin_token, assessment_settings_read_by_module):
    year = unique_year()
    suffix = unique("").lower().replace("-", "_").strip("_")[-8:]
    caps = {name: f"{name}_{suffix}" for name in ("digital", "investment", "ecology", "emergency")}
    unit = Unit(unique("T"), unique("township"))
    head, d1, d2, d3 = (f"{unit.unit_id}-{who}" for who in ("head", "d1", "d2", "d3"))
    unit.cadres = {head: "principal", d1: "deputy", d2: "deputy", d3: "deputy"}
    items = (
        item("EC-INVESTMENT", 40, target=100.0, tags=(caps["investment"],)),
        item("DG-ONLINE-SERVICE", 30, dimension="public_service", tags=(caps["digital"],)),
        item("EP-FOREST-COVER", 30, dimension="ecology", tags=(caps["ecology"],)),
    )
    await set_up(stack, [unit], year, items)
    client = GraphQLClient(stack.service_url("scoring"), bearer=admin_token)

    # The model in force keeps what it has (other tests' capabilities) and adds this test's own.
    models = (await client.execute(MODELS))["competencyModels"]
    kept = next((m["capabilities"] for m in models if m["status"] == "published"), [])
    mine = [
        {
            "code": caps["digital"],
            "nameZh": "数字治理",
            "nameEn": "Digital governance",
            "targets": targets(65, 70),
            "sources": sources(portfolio=0.5, evaluation=0.5),
        },
        {
            "code": caps["investment"],
            "nameZh": "招商引资",
            "nameEn": "Investment attraction",
            "targets": targets(75, 70),
            "sources": sources(portfolio=0.6, daily=0.4),
        },
        {
            "code": caps["ecology"],
            "nameZh": "生态保护",
            "nameEn": "Ecological protection",
            "targets": targets(75, 70),
            "sources": sources(portfolio=1.0),
        },
        {
            "code": caps["emergency"],
            "nameZh": "应急处置",
            "nameEn": "Emergency response",
            "targets": targets(75, 70),
            "sources": sources(daily=1.0),
        },
    ]
    draft = (await client.execute(SAVE, {"c": kept + mine}))["saveCompetencyModelDraft"]
    published = (await client.execute(PUBLISH, {"v": draft["version"]}))["publishCompetencyModel"]
    assert published["status"] == "published"

    period = f"{year}-12"
    values = {"EC-INVESTMENT": 90.0, "DG-ONLINE-SERVICE": 50.0, "EP-FOREST-COVER": 80.0}
    await client.execute(
        REPORT,
        {
            "inputs": [
                {
                    "unitId": unit.unit_id,
                    "indicatorCode": code,
                    "period": period,
                    "value": v,
                    "unitOfMeasure": "%",
                }
                for code, v in values.items()
            ]
        },
    )
    # d1: investment; d2: the online services (digital); d3: half of ecology and half of investment.
    for cadre, dims, inds in (
        (d1, [{"code": "economic_development"}], []),
        (d2, [{"code": "public_service"}], []),
        (d3, [{"code": "ecology", "share": 0.5}], [{"code": "EC-INVESTMENT", "share": 0.5}]),
    ):
        await client.execute(PORTFOLIO, {"cadre": cadre, "year": year, "dims": dims, "inds": inds})

    def ballots(cadre: str, scores: list[float]) -> list[dict]:
        groups = ["superior", "peer", "subordinate"]
        return [
            {
                "cadreId": cadre,
                "year": year,
                "raterGroup": groups[i % 3],
                "answers": [{"capability": caps["digital"], "score": s}],
            }
            for i, s in enumerate(scores)
        ]

    recorded = await client.execute(
        BALLOTS,
        {"b": ballots(head, [90] * 6) + ballots(d2, [40] * 6) + ballots(d1, [95] * 4)},
    )
    assert recorded["recordCompetenceBallots"] == 16

    async def daily(cadre: str, points: float, cap: str) -> str:
        found = await client.execute(
            DAILY,
            {
                "input": {
                    "cadreId": cadre,
                    "occurredOn": f"{year}-06-15",
                    "kind": "emergency_response",
                    "points": points,
                    "description": "汛期抢险",
                    "capabilities": [cap],
                }
            },
        )
        return found["recordDailyRecord"]["recordId"]

    await daily(d1, 5.0, caps["investment"])
    emergency = [await daily(d3, -10.0, caps["emergency"]) for _ in range(3)]
    run = (await client.execute(RUN, {"period": str(year)}))["runScoring"]
    yield {
        "year": year,
        "client": client,
        "caps": caps,
        "cadres": (head, d1, d2, d3),
        "unit": unit.unit_id,
        "emergency": emergency,
        "run": run,
    }
    await client.aclose()


async def portrait(client: GraphQLClient, cadre: str, period: str) -> dict:
    found = await client.execute(
        PORTRAIT, {"reps": [{"__typename": "Cadre", "id": cadre}], "period": period}
    )
    return found["_entities"][0]["portrait"]


async def outbox(stack, event_type: str, cadres: list[str], period: str) -> list[dict]:
    rows = await scoring_fetch(
        stack,
        """SELECT envelope->'payload' AS payload FROM outbox WHERE event_type = $1 AND key = ANY($2::text[])
           AND envelope->'payload'->>'period' = $3 ORDER BY id""",
        event_type,
        cadres,
        period,
    )
    return [
        json.loads(r["payload"]) if isinstance(r["payload"], str) else r["payload"] for r in rows
    ]


async def test_four_cadres_of_one_township_get_four_different_portraits(township):
    client, caps, period = township["client"], township["caps"], str(township["year"])
    head, d1, d2, d3 = township["cadres"]
    found = {c: await portrait(client, c, period) for c in township["cadres"]}
    scores = {c: {x["capability"]: x["score"] for x in p["capabilities"]} for c, p in found.items()}
    assert len({json.dumps(s, sort_keys=True) for s in scores.values()}) == 4, scores
    # The head answers for the whole unit; 360: 50 x 0.5 + 90 x 0.5 = 70.
    assert scores[head][caps["digital"]] == 70.0
    assert scores[head][caps["investment"]] == 90.0 and scores[head][caps["ecology"]] == 80.0
    # d1 answers for investment only: 0.6 x 90 + 0.4 x (80 + 5) = 88; nothing of ecology.
    assert scores[d1] == {caps["investment"]: 88.0}
    # d2: online services 50 and six 360 answers of 40: 45, below the deputies' target of 70.
    assert scores[d2] == {caps["digital"]: 45.0}
    by_capability = {x["capability"]: x for x in found[d2]["capabilities"]}
    digital = by_capability[caps["digital"]]
    assert (digital["target"], digital["gap"], digital["confidence"], digital["evidenceCount"]) == (
        70.0,
        25.0,
        1.0,
        7,
    )
    assert {s["source"]: (s["score"], s["records"]) for s in digital["sources"]} == {
        "portfolio": (50.0, 1),
        "evaluation": (40.0, 6),
    }
    # The breakdown names the item and the rater groups, never a rater.
    references = sorted(e["reference"] for e in digital["evidence"])
    assert references == sorted(
        [f"{township['unit']}/DG-ONLINE-SERVICE", "360/peer", "360/subordinate", "360/superior"]
    )
    # d3 answers for half of each: the shares weight, the score is still the items' attainment.
    assert scores[d3][caps["investment"]] == 90.0 and scores[d3][caps["ecology"]] == 80.0
    assert scores[d3][caps["emergency"]] == 50.0  # 80 - 3 x 10
    assert found[head]["efficiencyIndex"] is not None


async def test_fewer_raters_than_the_floor_show_no_evaluation(township):
    client, caps, period = township["client"], township["caps"], str(township["year"])
    d1 = township["cadres"][1]
    found = await portrait(client, d1, period)
    assert found["withheldEvaluations"] == [caps["digital"]]
    assert all(s["source"] != "evaluation" for x in found["capabilities"] for s in x["sources"])
    assert all(e["source"] != "evaluation" for x in found["capabilities"] for e in x["evidence"])
    assert caps["digital"] not in {x["capability"] for x in found["capabilities"]}


async def test_the_portrait_flags_weaknesses_and_announces_targets(stack, township):
    caps, period = township["caps"], str(township["year"])
    _head, _d1, d2, d3 = township["cadres"]
    flagged = await outbox(stack, "WeaknessFlagged", list(township["cadres"]), period)
    weak = {(f["cadre_id"], f["capability"]) for f in flagged}
    assert weak == {(d2, caps["digital"]), (d3, caps["emergency"])}, weak
    digital = next(f for f in flagged if f["cadre_id"] == d2)
    assert (digital["score"], digital["threshold"], digital["severity"]) == (45.0, 70.0, "medium")
    assert {e["source"] for e in digital["evidence"]} == {"portfolio", "evaluation"}
    profiles = await outbox(stack, "CapabilityProfileComputed", [d2], period)
    assert profiles[-1]["targets"] == {caps["digital"]: 70.0}
    assert profiles[-1]["confidence"] == {caps["digital"]: 1.0}
    assert profiles[-1]["evidence_counts"] == {caps["digital"]: 7}


async def test_a_corrected_daily_record_clears_the_weakness(stack, township):
    client, caps, period = township["client"], township["caps"], str(township["year"])
    d3 = township["cadres"][3]
    # On review one of the three emergencies was handled well: 80 - 10 - 10 + 10 = 70, the target.
    await client.execute(
        CORRECT, {"id": township["emergency"][0], "points": 10.0, "caps": [caps["emergency"]]}
    )
    await client.execute(RUN, {"period": period})
    cleared = await outbox(stack, "WeaknessCleared", [d3], period)
    assert [(c["capability"], c["reason"], c["score"], c["target"]) for c in cleared] == [
        (caps["emergency"], "record_corrected", 70.0, 70.0)
    ]
    found = await portrait(client, d3, period)
    emergency = next(x for x in found["capabilities"] if x["capability"] == caps["emergency"])
    corrected = next(
        e for e in emergency["evidence"] if e["reference"] == f"daily/{township['emergency'][0]}"
    )
    assert corrected["value"] == 10.0 and corrected["leafIndex"] is not None
    # Running again changes nothing: the cleared weakness is not announced twice.
    await client.execute(RUN, {"period": period})
    assert len(await outbox(stack, "WeaknessCleared", [d3], period)) == 1
