"""Lists in force, monthly monitoring and anomalies."""

import pytest

from schemas import topics
from tests.integration.scoring.world import (
    Unit,
    item,
    publish_list,
    register,
    scoring_fetch,
    scoring_fetchval,
    set_up,
    township,
    township_items,
    unique_year,
)
from tests.support import TopicReader, eventually, unique

REPORT = "mutation($inputs: [ObservationReport!]!) { reportObservations(inputs: $inputs) { revision listVersion } }"
MONITOR = (
    "mutation($period: String!) { runMonitoring(period: $period) { checked behind interviews } }"
)
STATUS = """query($unit: ID!, $period: String!) {
  monitoringStatus(unitId: $unit, period: $period) { indicatorCode actual planned shortfall behind observationRevision }
}"""
RUN = "mutation($period: String!) { runScoring(period: $period) { events } }"
UNIT_GROUP = "query($unit: ID!, $period: String!) { unitScore(unitId: $unit, period: $period) { unitCategory peerGroupSize rank } }"
ANOMALIES = """query($unit: ID!) { _entities(representations: [{__typename: "Unit", id: $unit}]) {
  ... on Unit { anomalies { kind rule indicatorCodes detail } } } }"""


INTERVIEWS = """query($period: String!) {
  interviewsDue(period: $period) { period unitId indicatorCode eventId shortfall planned actual }
}"""


def observation(unit_id: str, code: str, period: str, value: float, unit: str = "%") -> dict:
    return {
        "unitId": unit_id,
        "indicatorCode": code,
        "period": period,
        "value": value,
        "unitOfMeasure": unit,
    }


async def test_a_newer_version_takes_over_and_observations_are_checked_against_it(stack, subgraph):
    year, unit = unique_year(), township()
    await set_up(stack, [unit], year)
    without_investment = tuple(i for i in township_items() if i.indicator_code != "EC-INVESTMENT")
    await publish_list(stack, unit, year, without_investment, version=2)
    await eventually(lambda: _version(stack, unit.unit_id, year, 2))
    admin = subgraph("scoring")
    recorded = await admin.execute(
        REPORT, {"inputs": [observation(unit.unit_id, "PR-COMPLETION-RATE", f"{year}-05", 50)]}
    )
    assert recorded["reportObservations"][0]["listVersion"] == 2
    errors = await admin.errors(
        REPORT, {"inputs": [observation(unit.unit_id, "EC-INVESTMENT", f"{year}-05", 2, "亿元")]}
    )
    problem = errors[0]["extensions"]["problems"][0]
    assert (problem["field"], problem["rule"]) == ("indicatorCode", "in_list")
    assert "version 2" in problem["message"]
    # A late copy of version 1 does not take the place of version 2.
    late = await publish_list(stack, unit, year, version=1)
    await eventually(
        lambda: scoring_fetchval(
            stack, "SELECT count(*) FROM processed_events WHERE event_id = $1", late.event_id
        )
    )
    assert await _version(stack, unit.unit_id, year, 2)


async def _version(settings, unit_id: str, year: int, version: int) -> bool:
    return (
        await scoring_fetchval(
            settings,
            "SELECT version FROM lists_in_force WHERE unit_id = $1 AND year = $2",
            unit_id,
            year,
        )
        == version
    )


async def test_a_list_scoring_cannot_apply_goes_to_the_dead_letters(stack):
    year, unit = unique_year(), township()
    await set_up(stack, [unit], year)
    broken = township_items() + (item("EX-NEW", 0, rule={"type": "per_incident", "points": 1}),)
    async with TopicReader(stack, topics.dead_letter_topic(topics.GROUP_SCORING)) as dead_letters:
        envelope = await publish_list(stack, unit, year, broken, version=2)
        _, headers = await dead_letters.wait_for(
            lambda e, h: e.get("event_id") == str(envelope.event_id)
        )
    assert "EX-NEW" in headers["dlq_reason"] and "scored item is scored by" in headers["dlq_reason"]
    assert await _version(stack, unit.unit_id, year, 1)


@pytest.fixture
async def cumulative_progress(subgraph, change_assessment_settings):
    """MON-PROGRESS is reported as progress to date; the settings are put back afterwards."""
    admin = subgraph("scoring")
    before = (await admin.execute("{ assessmentSettings { cumulativeIndicators } }"))[
        "assessmentSettings"
    ]
    await change_assessment_settings(
        {"cumulativeIndicators": before["cumulativeIndicators"] + ["MON-PROGRESS"]}
    )


async def test_monthly_monitoring_calls_an_interview_once_for_an_indicator_behind_plan(
    stack, subgraph, cumulative_progress
):
    year, unit = unique_year(), township()
    items = township_items() + (
        item("MON-PROGRESS", 0, tags=("project_delivery",), high=100),
        item("MON-LEVEL", 0, dimension="safety", high=100),
    )
    await set_up(stack, [unit], year, items)
    admin = subgraph("scoring")
    period = f"{year}-03"
    await admin.execute(
        REPORT,
        {
            "inputs": [
                observation(
                    unit.unit_id, "MON-PROGRESS", period, 24.0
                ),  # 24 of a planned 25 by March: within 5%
                observation(
                    unit.unit_id, "MON-LEVEL", period, 80.0
                ),  # the target of 100 holds every month
                observation(unit.unit_id, "RL-WATER-QUALITY", period, 100.0),
            ]
        },
    )
    first = (await admin.execute(MONITOR, {"period": period}))["runMonitoring"]
    assert (first["checked"], first["behind"], first["interviews"]) >= (3, 1, 1)
    status = {
        row["indicatorCode"]: row
        for row in (await admin.execute(STATUS, {"unit": unit.unit_id, "period": period}))[
            "monitoringStatus"
        ]
    }
    assert (
        status["MON-LEVEL"]["behind"],
        status["MON-LEVEL"]["planned"],
        status["MON-LEVEL"]["shortfall"],
    ) == (True, 100.0, 20.0)
    assert (status["MON-PROGRESS"]["behind"], status["MON-PROGRESS"]["planned"]) == (False, 25.0)
    assert status["RL-WATER-QUALITY"]["behind"] is False
    again = (await admin.execute(MONITOR, {"period": period}))["runMonitoring"]
    assert again["interviews"] == 0
    interviews = await scoring_fetch(
        stack,
        """SELECT envelope->'payload'->>'indicator_code' AS code, envelope->'payload'->>'planned' AS planned
           FROM outbox WHERE event_type = 'SupervisoryInterviewRequired' AND key = $1""",
        unit.unit_id,
    )
    assert [(row["code"], float(row["planned"])) for row in interviews] == [("MON-LEVEL", 100.0)]

    # The city overview reads them for the month, its quarter and its year; other months have none.
    for shown in (period, f"{year}-Q1", str(year)):
        due = [
            d
            for d in (await admin.execute(INTERVIEWS, {"period": shown}))["interviewsDue"]
            if d["unitId"] == unit.unit_id
        ]
        assert [(d["indicatorCode"], d["period"], d["shortfall"]) for d in due] == [
            ("MON-LEVEL", period, 20.0)
        ], shown
    assert not [
        d
        for d in (await admin.execute(INTERVIEWS, {"period": f"{year}-Q2"}))["interviewsDue"]
        if d["unitId"] == unit.unit_id
    ]
    [error] = await admin.errors(INTERVIEWS, {"period": "March"})
    assert error["extensions"]["problems"][0]["field"] == "period"


async def test_spending_over_budget_while_satisfaction_falls_is_an_anomaly_on_the_unit(
    stack, subgraph
):
    year, unit = unique_year(), township()
    items = township_items() + (
        item("FD-BUDGET-EXECUTION", 0, dimension="fund_performance", high=200),
        item("PI-WINDOW-SATISFACTION", 0, dimension="public_service", high=100),
    )
    await set_up(stack, [unit], year, items)
    admin = subgraph("scoring")
    await admin.execute(
        REPORT,
        {
            "inputs": [
                observation(unit.unit_id, "FD-BUDGET-EXECUTION", f"{year}-11", 96.0),
                observation(
                    unit.unit_id, "FD-BUDGET-EXECUTION", f"{year}-12", 118.0
                ),  # over its budget of 100
                observation(unit.unit_id, "PI-WINDOW-SATISFACTION", f"{year}-11", 95.0),
                observation(unit.unit_id, "PI-WINDOW-SATISFACTION", f"{year}-12", 90.0),
            ]
        },
    )
    await admin.execute(RUN, {"period": str(year)})
    found = (await admin.execute(ANOMALIES, {"unit": unit.unit_id}))["_entities"][0]["anomalies"]
    contradictions = [a for a in found if a["kind"] == "contradiction"]
    assert [(a["rule"], a["indicatorCodes"]) for a in contradictions] == [
        ("over_budget_while_satisfaction_falls", ["FD-BUDGET-EXECUTION", "PI-WINDOW-SATISFACTION"])
    ]
    assert "fell from 95 to 90" in contradictions[0]["detail"]
    lists = await scoring_fetch(
        stack, "SELECT list_name, reasons FROM period_lists WHERE unit_id = $1", unit.unit_id
    )
    assert [(row["list_name"], row["reasons"]) for row in lists] == [
        (
            "black",
            [
                # The water red line was never reported: silence fails it.
                "red line not reported: RL-WATER-QUALITY",
                "graded incompetent",
                "anomaly: over_budget_while_satisfaction_falls",
            ],
        )
    ]
    contradiction_events = """SELECT count(*) FROM outbox WHERE event_type = 'AnomalyDetected' AND key = $1
                              AND envelope->'payload'->>'kind' = 'contradiction'"""
    announced = await scoring_fetchval(stack, contradiction_events, unit.unit_id)
    await admin.execute(RUN, {"period": str(year)})
    assert announced == 1 == await scoring_fetchval(stack, contradiction_events, unit.unit_id)


async def test_a_temporary_body_is_ranked_apart_from_the_permanent_units_of_its_category(
    stack, subgraph
):
    year = unique_year()
    category = unique("township")
    permanent, task_force = Unit(unique("T"), category), Unit(unique("TF"), category)
    await set_up(stack, [permanent], year)
    await register(stack, task_force)
    await publish_list(stack, task_force, year, temporary=True)
    await eventually(lambda: _version(stack, task_force.unit_id, year, 1))
    admin = subgraph("scoring")
    await admin.execute(
        REPORT,
        {
            "inputs": [
                observation(u.unit_id, "PR-COMPLETION-RATE", f"{year}-12", 90.0)
                for u in (permanent, task_force)
            ]
        },
    )
    await admin.execute(RUN, {"period": str(year)})
    groups = {}
    for unit in (permanent, task_force):
        score = (await admin.execute(UNIT_GROUP, {"unit": unit.unit_id, "period": str(year)}))[
            "unitScore"
        ]
        groups[unit.unit_id] = (score["unitCategory"], score["peerGroupSize"], score["rank"])
    assert groups == {
        permanent.unit_id: (category, 1, 1),
        task_force.unit_id: (f"{category} (temporary)", 1, 1),
    }
