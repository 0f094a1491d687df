"""Scoring a period end to end in the service: scores with breakdowns, grades, lists, and the events
that development consumes, each announced once even when the period is scored again."""

from datetime import UTC, datetime

import numpy as np
import pytest

from schemas import topics
from schemas.events import ObservationReported
from tests.integration.scoring.world import (
    HOTLINE,
    Unit,
    scoring_fetch,
    scoring_fetchval,
    set_up,
    unique_year,
)
from tests.support import TopicReader, eventually, publish, unique

REPORT = (
    "mutation($inputs: [ObservationReport!]!) { reportObservations(inputs: $inputs) { revision } }"
)
RUN = "mutation($period: String!) { runScoring(period: $period) { runId units cadres events } }"
UNIT_SCORE = """query($unit: ID!, $period: String!) {
  unitScore(unitId: $unit, period: $period) {
    score listScore grade gradeByThreshold rank peerGroupSize vetoExcellence redLinesFailed
    breakdown { indicatorCode rule value points deducted effect observationRevision observationsUsed listVersion }
  }
}"""
LISTS = "query($period: String!) { periodLists(period: $period) { listName unitId reasons } }"
CADRE_SCORE = """query($cadre: ID!, $period: String!) {
  cadreScore(cadreId: $cadre, period: $period) {
    total annual work grade rank peerGroupSize components { name score weight } capabilities { capability score }
  }
}"""

# Month 12 values per unit: project completion (%), investment (100 million yuan), water quality (%),
# food-safety accidents. The hotline response rate comes through the feed.
VALUES = [
    (100.0, 5.5, 100.0, 0.0),  # excellent
    (90.0, 5.0, 100.0, 0.0),
    (95.0, 6.0, 100.0, 1.0),  # a food-safety accident: no excellence
    (85.0, 4.5, 97.0, 0.0),  # drinking water below the red line
    (40.0, 3.0, 100.0, 0.0),  # weak project delivery, last of the group
]


@pytest.fixture(scope="module")
async def scored(stack, admin_token, assessment_settings_read_by_module):
    from tests.support import GraphQLClient

    year = unique_year()
    # A category of their own: the five units are the whole peer group whatever else the year holds.
    category = unique("township")
    units = [Unit(unique(f"T{i}"), category) for i in range(len(VALUES))]
    for unit in units:
        unit.cadres = {f"{unit.unit_id}-head": "principal"}
    await set_up(stack, units, year)
    client = GraphQLClient(stack.service_url("scoring"), bearer=admin_token)
    period = f"{year}-12"
    reports = []
    for unit, (completion, investment, water, accidents) in zip(units, VALUES):
        reports += [
            {
                "unitId": unit.unit_id,
                "indicatorCode": "PR-COMPLETION-RATE",
                "period": period,
                "value": completion,
                "unitOfMeasure": "%",
            },
            {
                "unitId": unit.unit_id,
                "indicatorCode": "EC-INVESTMENT",
                "period": period,
                "value": investment,
                "unitOfMeasure": "亿元",
            },
            {
                "unitId": unit.unit_id,
                "indicatorCode": "RL-WATER-QUALITY",
                "period": period,
                "value": water,
                "unitOfMeasure": "%",
            },
            {
                "unitId": unit.unit_id,
                "indicatorCode": "VX-FOOD-SAFETY",
                "period": period,
                "value": accidents,
                "unitOfMeasure": "起",
            },
        ]
    await client.execute(REPORT, {"inputs": reports})
    for unit in units:
        await publish(
            stack,
            ObservationReported(
                unit_id=unit.unit_id,
                indicator_code="SV-12345-RESPONSE",
                period=period,
                value=98.0,
                unit_of_measure="%",
                source_system=HOTLINE,
                reported_at=datetime.now(UTC),
            ),
            key=unit.unit_id,
        )
    await eventually(lambda: _feed_stored(stack, [u.unit_id for u in units]))
    async with TopicReader(stack, topics.WEAKNESSES) as weaknesses:
        first = (await client.execute(RUN, {"period": str(year)}))["runScoring"]
        weak_cadre = f"{units[4].unit_id}-head"
        flagged, _ = await weaknesses.wait_for(
            lambda e, h: (
                e["event_type"] == "WeaknessFlagged"
                and e["payload"]["cadre_id"] == weak_cadre
                and e["payload"]["capability"] == "project_delivery"
            )
        )
    yield {"year": year, "units": units, "client": client, "first": first, "flagged": flagged}
    await client.aclose()


async def _feed_stored(settings, unit_ids: list[str]) -> bool:
    count = await scoring_fetchval(
        settings,
        "SELECT count(*) FROM observations o JOIN series s USING (series_key) WHERE s.unit_id = ANY($1::text[]) AND o.channel = 'feed'",
        unit_ids,
    )
    return count == len(unit_ids)


async def test_the_run_scores_every_unit_and_cadre_of_the_year(scored):
    assert scored["first"]["units"] >= 5 and scored["first"]["cadres"] >= 5
    for unit in scored["units"]:
        result = await scored["client"].execute(
            UNIT_SCORE, {"unit": unit.unit_id, "period": str(scored["year"])}
        )
        assert result["unitScore"]["peerGroupSize"] == 5


async def test_a_unit_score_is_explained_by_its_breakdown(scored):
    client, unit = scored["client"], scored["units"][1]
    result = (
        await client.execute(UNIT_SCORE, {"unit": unit.unit_id, "period": str(scored["year"])})
    )["unitScore"]
    rows = {row["indicatorCode"]: row for row in result["breakdown"]}
    # 90 / 100 of 40, 5.0 / 5.0 of 30, 98 / 100 of 30
    assert (
        rows["PR-COMPLETION-RATE"]["points"],
        rows["EC-INVESTMENT"]["points"],
        rows["SV-12345-RESPONSE"]["points"],
    ) == (36.0, 30.0, 29.4)
    assert (
        result["score"] == 95.4 == round(sum(r["points"] - r["deducted"] for r in rows.values()), 4)
    )
    row = rows["PR-COMPLETION-RATE"]
    assert (
        row["observationRevision"],
        row["observationsUsed"],
        row["listVersion"],
        row["value"],
    ) == (1, 1, 1, 90.0)
    assert "target attainment against 100" in row["rule"]
    assert (
        rows["DD-OVERDUE-COMPLAINTS"]["observationsUsed"] == 0
        and rows["DD-OVERDUE-COMPLAINTS"]["value"] is None
    )


async def test_grades_follow_thresholds_vetoes_and_the_quota(scored):
    client, year = scored["client"], str(scored["year"])
    grades = {}
    for unit in scored["units"]:
        result = (await client.execute(UNIT_SCORE, {"unit": unit.unit_id, "period": year}))[
            "unitScore"
        ]
        grades[unit.unit_id] = (result["gradeByThreshold"], result["grade"])
    units = [u.unit_id for u in scored["units"]]
    assert grades[units[0]] == ("excellent", "excellent")  # 40 + 33 + 29.4, capped at 100
    assert grades[units[1]] == (
        "excellent",
        "competent",
    )  # one excellent place in a group of 5 (20%)
    assert grades[units[2]] == ("excellent", "competent")  # 38 + 36 + 29.4 capped, but vetoed


async def test_red_lines_failed_put_a_unit_on_the_black_list(scored):
    lists = (await scored["client"].execute(LISTS, {"period": str(scored["year"])}))["periodLists"]
    entries = {(e["listName"], e["unitId"]): e["reasons"] for e in lists}
    units = [u.unit_id for u in scored["units"]]
    assert entries[("black", units[3])] == ["red line failed: RL-WATER-QUALITY"]
    assert ("red", units[0]) in entries


async def test_weak_and_bottom_ranked_cadres_are_announced_once_even_when_scored_again(
    scored, stack
):
    year, weak = str(scored["year"]), f"{scored['units'][4].unit_id}-head"
    payload = scored["flagged"]["payload"]
    assert (payload["capability"], payload["period"]) == ("project_delivery", year)
    # 40 is below the threshold of 60 and the lowest of five township heads.
    assert (payload["score"], payload["severity"], payload["peer_percentile"]) == (
        40.0,
        "high",
        0.0,
    )
    assert payload["evidence"][0]["indicator_code"] == "PR-COMPLETION-RATE"
    assert payload["evidence"][0]["observation_revision"] == 1

    ours = [f"{u.unit_id}-head" for u in scored["units"]]

    async def announced() -> list:
        # Other tests may have units in the same year: only this test's cadres are looked at.
        return await scoring_fetch(
            stack,
            """SELECT event_type, envelope->'payload'->>'cadre_id' AS cadre FROM outbox
               WHERE envelope->'payload'->>'period' = $1 AND key = ANY($2::text[]) ORDER BY 1, 2""",
            year,
            ours,
        )

    before = await announced()
    kinds = {(row["event_type"], row["cadre"]) for row in before}
    assert ("BottomRanked", weak) in kinds and ("WeaknessFlagged", weak) in kinds
    assert {
        row["cadre"] for row in before if row["event_type"] == "CapabilityProfileComputed"
    } == set(ours)
    await scored["client"].execute(RUN, {"period": year})
    assert await announced() == before


async def test_a_cadre_score_fuses_the_unit_result_with_the_cadre_records(scored):
    unit = scored["units"][1]
    result = (
        await scored["client"].execute(
            CADRE_SCORE, {"cadre": f"{unit.unit_id}-head", "period": str(scored["year"])}
        )
    )["cadreScore"]
    parts = {c["name"]: (c["score"], c["weight"]) for c in result["components"]}
    # No own or term evaluation yet: the annual score is work and area (4/7 and 3/7), the total
    # daily (base 80) and annual scaled to 4/9 and 5/9.
    assert parts["work"] == (95.4, pytest.approx(4 / 7)) and parts["own"] == (None, 0.0)
    assert result["annual"] == 95.4
    assert result["total"] == round(80 * 4 / 9 + 95.4 * 5 / 9, 4)
    assert {c["capability"]: c["score"] for c in result["capabilities"]} == {
        "project_delivery": 90.0,
        "investment_attraction": 100.0,
        "public_service": 98.0,
    }


CAPABILITIES = """query($cadre: ID!, $period: String!) {
  cadreScore(cadreId: $cadre, period: $period) { capabilities { capability score peers peerMedian } }
}"""
COMPLETENESS = """query($period: String!, $category: String) {
  dataCompleteness(period: $period, unitCategory: $category) { unitId unitCategory items reported share missing }
}"""


async def test_each_capability_comes_with_the_median_of_the_peers_it_is_ranked_among(scored):
    period = str(scored["year"])
    profiles = {}
    for unit in scored["units"]:
        result = await scored["client"].execute(
            CAPABILITIES, {"cadre": f"{unit.unit_id}-head", "period": period}
        )
        profiles[unit.unit_id] = {c["capability"]: c for c in result["cadreScore"]["capabilities"]}
    # The five heads are the whole peer group (their own category, all principals).
    mine = profiles[scored["units"][0].unit_id]
    for capability, figures in mine.items():
        peers = [p[capability]["score"] for p in profiles.values() if capability in p]
        assert figures["peers"] == len(peers)
        assert figures["peerMedian"] == pytest.approx(float(np.median(peers)), abs=0.01)
    assert len({p["project_delivery"]["peerMedian"] for p in profiles.values()}) == 1


async def test_data_completeness_counts_the_items_of_each_list_that_had_an_observation(scored):
    period, category = str(scored["year"]), scored["units"][0].category
    rows = (await scored["client"].execute(COMPLETENESS, {"period": period, "category": category}))[
        "dataCompleteness"
    ]
    assert sorted(r["unitId"] for r in rows) == sorted(u.unit_id for u in scored["units"])
    for row in rows:
        breakdown = (
            await scored["client"].execute(UNIT_SCORE, {"unit": row["unitId"], "period": period})
        )["unitScore"]["breakdown"]
        silent = sorted(b["indicatorCode"] for b in breakdown if b["observationsUsed"] == 0)
        assert (row["items"], row["missing"]) == (len(breakdown), silent)
        assert row["reported"] == len(breakdown) - len(silent) >= 5
        assert row["share"] == round(row["reported"] / row["items"], 4)
        assert row["unitCategory"] == category
    [error] = await scored["client"].errors(COMPLETENESS, {"period": "last year"})
    problem = error["extensions"]["problems"][0]
    assert (problem["field"], problem["rule"]) == ("period", "period_format")
