"""Training effect from scoring's capability profiles, and clustering runs over them."""

from __future__ import annotations

import random

import numpy as np
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from schemas.events import CapabilityProfileComputed
from services.development.adapters.skops_files import load_model
from tests.integration.development.helpers import (
    add_cohort,
    capability,
    create_programme,
    register_cadre,
)
from tests.support import eventually, publish_many, unique

EFFECT = """
query($p: ID!, $before: String!, $after: String!) {
  trainingEffect(programmeId: $p, beforePeriod: $before, afterPeriod: $after) {
    programme { id }
    capabilities {
      capability differenceInDifferences enrolledCount comparisonCount unmatchedEnrolledCount
      peerGroups { unitCategory positionLevel enrolledCount comparisonCount enrolledBefore enrolledAfter
                   comparisonBefore comparisonAfter differenceInDifferences }
    }
  }
}"""
RETRAIN = """
mutation($period: String) {
  retrainClustering(period: $period) {
    id period status message cadreCount capabilities k silhouette sklearnVersion dataSnapshot seconds
    silhouetteByK { k silhouette }
    clusters { size share definingCapabilities recommendation levelShares { positionLevel share }
               meanGaps { capability meanGap } }
  }
}"""


def profile(
    cadre_id: str, period: str, scores: dict, category: str = "township", level: str = "deputy"
):
    return CapabilityProfileComputed(
        cadre_id=cadre_id,
        period=period,
        unit_id="unit-1",
        unit_category=category,
        position_level=level,
        scores=scores,
    ), cadre_id


def unused_period() -> str:
    """A period no other test writes profiles for."""
    return f"{random.randint(3000, 9999)}-{random.randint(1, 12):02d}"


async def test_training_effect_is_a_difference_in_differences_within_peer_groups(stack, subgraph):
    client = subgraph("development")
    gap = capability()
    category = unique("category")
    programme = await create_programme(client, capabilities=[gap])
    await add_cohort(client, programme, capacity=5)
    enrolled, others, alone = (
        [unique("cadre"), unique("cadre")],
        [unique("cadre"), unique("cadre")],
        unique("cadre"),
    )
    for cadre in enrolled + [alone]:
        await register_cadre(stack, client, cadre, category=category)
        await client.execute(
            'mutation($c: ID!, $p: ID!) { enrolCadre(cadreId: $c, programmeId: $p, reason: "weak") { id } }',
            {"c": cadre, "p": programme},
        )
    before = {enrolled[0]: 50, enrolled[1]: 60, others[0]: 55, others[1]: 58, alone: 40}
    after = {enrolled[0]: 70, enrolled[1]: 70, others[0]: 60, others[1]: 61, alone: 80}
    # The last cadre is a principal: enrolled, but with no comparable cadre in that peer group.
    level = {cadre: "principal" if cadre == alone else "deputy" for cadre in before}
    await publish_many(
        stack,
        [
            profile(
                cadre, period, {gap: scores[cadre], "party_building": 90}, category, level[cadre]
            )
            for period, scores in (("2024", before), ("2025", after))
            for cadre in scores
        ],
    )

    async def report():
        data = await client.execute(EFFECT, {"p": programme, "before": "2024", "after": "2025"})
        [effect] = data["trainingEffect"]["capabilities"]
        return effect if effect["enrolledCount"] + effect["unmatchedEnrolledCount"] == 3 else None

    effect = await eventually(report)
    # enrolled: +20 and +10 (mean +15); comparison: +5 and +3 (mean +4)
    assert effect["differenceInDifferences"] == pytest.approx(11)
    assert (
        effect["enrolledCount"],
        effect["comparisonCount"],
        effect["unmatchedEnrolledCount"],
    ) == (2, 2, 1)
    [group] = [g for g in effect["peerGroups"] if g["comparisonCount"]]
    assert group == {
        "unitCategory": category,
        "positionLevel": "deputy",
        "enrolledCount": 2,
        "comparisonCount": 2,
        "enrolledBefore": 55.0,
        "enrolledAfter": 70.0,
        "comparisonBefore": 56.5,
        "comparisonAfter": 60.5,
        "differenceInDifferences": pytest.approx(11),
    }

    same = await client.errors(EFFECT, {"p": programme, "before": "2025", "after": "2025"})
    assert same[0]["extensions"]["problems"][0]["field"] == "afterPeriod"
    bad = await client.errors(EFFECT, {"p": programme, "before": "last year", "after": "2025"})
    assert bad[0]["extensions"]["problems"][0]["value"] == "last year"


async def test_clustering_run_finds_planted_gaps_and_keeps_the_model(stack, subgraph):
    client = subgraph("development")
    digital, investment, rural = capability(), capability(), capability()
    camp = await create_programme(client, capabilities=[digital])
    period = unused_period()
    rng = np.random.default_rng(11)
    groups = [  # (size, level, mean scores of digital, investment, rural)
        (45, "principal", (40, 85, 85)),
        (30, "deputy", (85, 45, 85)),
        (25, "grassroots", (85, 85, 40)),
    ]
    events = []
    for size, level, means in groups:
        for _ in range(size):
            scores = dict(
                zip((digital, investment, rural), np.clip(rng.normal(means, 3), 0, 100).round(1))
            )
            events.append(
                profile(
                    unique("cadre"), period, {k: float(v) for k, v in scores.items()}, level=level
                )
            )
    await publish_many(stack, events)

    async def run():
        data = await client.execute(RETRAIN, {"period": period})
        return data["retrainClustering"] if data["retrainClustering"]["cadreCount"] == 100 else None

    result = await eventually(run, timeout=30, interval=0.5)
    assert (result["status"], result["k"], result["period"]) == ("completed", 3, period)
    assert [c["size"] for c in result["clusters"]] == [45, 30, 25]
    biggest = result["clusters"][0]
    assert biggest["definingCapabilities"] == [digital] and biggest["share"] == 0.45
    assert {s["positionLevel"]: s["share"] for s in biggest["levelShares"]}["principal"] == 1.0
    assert biggest["recommendation"].startswith(
        f"open a Programme {camp} cohort: cluster of 45 cadres, 100% of principal-level cadres"
    )
    assert result["silhouette"] > 0.5 and result["dataSnapshot"].startswith("sha256:")
    assert [k["k"] for k in result["silhouetteByK"]] == list(range(2, 11))

    listed = await client.execute("{ clusteringRuns(limit: 5) { id } }")
    assert result["id"] in [r["id"] for r in listed["clusteringRuns"]]
    engine = create_async_engine(stack.development_database_url)
    try:
        async with engine.connect() as connection:
            model = (
                await connection.execute(
                    sa.text("SELECT model FROM clustering_runs WHERE id = :id"),
                    {"id": result["id"]},
                )
            ).scalar_one()
    finally:
        await engine.dispose()
    pipeline = load_model(model)
    centre_of_digital_gap = [[60.0, 15.0, 15.0]]  # gaps: 100 - (40, 85, 85)
    assert pipeline.predict(np.array(centre_of_digital_gap)).shape == (1,)


@pytest.mark.parametrize(
    "count, scores, message",
    [
        (5, lambda i: {"digital_governance": 50 + i}, "only 5 cadres"),
        (40, lambda i: {"digital_governance": 62.5, "party_building": 70}, "same capability gaps"),
    ],
)
async def test_a_run_without_usable_data_says_why(stack, subgraph, count, scores, message):
    client = subgraph("development")
    period = unused_period()
    await publish_many(stack, [profile(unique("cadre"), period, scores(i)) for i in range(count)])

    async def run():
        data = await client.execute(RETRAIN, {"period": period})
        return (
            data["retrainClustering"] if data["retrainClustering"]["cadreCount"] == count else None
        )

    result = await eventually(run, timeout=30, interval=0.5)
    assert (
        result["status"] == "not_run" and message in result["message"] and result["clusters"] == []
    )
