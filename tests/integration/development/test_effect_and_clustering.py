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
    clusters { size share definingCapabilities recommendation programmeKind cohortSize
               levelShares { positionLevel share } meanGaps { capability meanGap } }
    commonGaps { capability positionLevel judged belowTarget share withoutTarget meanGap
                 programmeKind programmeName cohortSize recommendation }
  }
}"""


def profile(
    cadre_id: str,
    period: str,
    scores: dict,
    category: str = "township",
    level: str = "deputy",
    targets: dict | None = None,
):
    return CapabilityProfileComputed(
        cadre_id=cadre_id,
        period=period,
        unit_id="unit-1",
        unit_category=category,
        position_level=level,
        scores=scores,
        targets=targets or {},
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
    targets = {digital: 70.0, investment: 70.0, rural: 70.0}
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
                    unique("cadre"),
                    period,
                    {k: float(v) for k, v in scores.items()},
                    level=level,
                    targets=targets,
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
    assert (biggest["programmeKind"], biggest["cohortSize"]) == ("camp", 45)
    assert biggest["recommendation"] == (
        f"open a camp (Programme {camp}) for 45 cadres: cluster of 45 cadres; 45 of 45 "
        f"principal-level cadres (100%) below target in {digital.replace('_', ' ')} "
        f"(common gaps: {digital.replace('_', ' ')})"
    )
    # Each gap is shared by a whole level: every one of them is common at its level, and only there.
    assert [(g["capability"], g["positionLevel"], g["share"]) for g in result["commonGaps"]] == [
        (digital, "principal", 1.0),
        (investment, "deputy", 1.0),
        (rural, "grassroots", 1.0),
    ]
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
    centre_of_digital_gap = [[30.0, 0.0, 0.0]]  # gaps to target: 70 - 40, none above it
    assert pipeline.predict(np.array(centre_of_digital_gap)).shape == (1,)


async def test_a_city_wide_gap_is_reported_as_common_with_the_real_share(stack, subgraph):
    client = subgraph("development")
    digital, emergency = capability(), capability()
    period = unused_period()
    rng = np.random.default_rng(13)
    targets = {digital: 80.0, emergency: 70.0}
    events = []
    # 87 of 100 deputies and 30 of 40 principals below the digital target; 10 more deputies were
    # scored without a target; emergency response splits the cadres into two groups.
    for count, level, digital_mean, target in (
        (87, "deputy", 60, targets),
        (13, "deputy", 90, targets),
        (10, "deputy", 50, {emergency: 70.0}),
        (30, "principal", 65, targets),
        (10, "principal", 92, targets),
    ):
        for n in range(count):
            scores = {digital: float(rng.normal(digital_mean, 2)), emergency: 40.0 + 45 * (n % 2)}
            events.append(profile(unique("cadre"), period, scores, level=level, targets=target))
    await publish_many(stack, events)

    async def run():
        data = await client.execute(RETRAIN, {"period": period})
        return data["retrainClustering"] if data["retrainClustering"]["cadreCount"] == 150 else None

    result = await eventually(run, timeout=30, interval=0.5)
    deputies, principals = result["commonGaps"]
    assert deputies == {
        "capability": digital,
        "positionLevel": "deputy",
        "judged": 100,
        "belowTarget": 87,
        "share": 0.87,
        "withoutTarget": 10,
        "meanGap": pytest.approx(20, abs=1),
        "programmeKind": "camp",
        "programmeName": None,
        "cohortSize": 87,
        "recommendation": f"{digital.replace('_', ' ')}: 87% of deputy-level cadres below target "
        f"(87 of 100) -> open a camp in {digital.replace('_', ' ')} (no programme offers it yet) "
        "for 87 cadres",
    }
    assert (principals["positionLevel"], principals["belowTarget"], principals["share"]) == (
        "principal",
        30,
        0.75,
    )
    assert "common gaps, widest:" in result["message"]


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
