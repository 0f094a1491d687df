"""Missing data through the real stack: a unit that reported nothing fails its red lines as missing
data, its result states its completeness, it becomes final only with an assessor's waiver, and
monthly monitoring tells the data owners of what is overdue."""

from __future__ import annotations

import random

import pytest

from schemas import topics
from services.common.auth import Role
from tests.integration.ledger.test_locks_and_rescoring import unlock
from tests.integration.scoring.world import HOTLINE, scoring_fetch, set_up, township, unique_year
from tests.support import GraphQLClient, TopicReader, token

REPORT = (
    "mutation($inputs: [ObservationReport!]!) { reportObservations(inputs: $inputs) { revision } }"
)
RUN = "mutation($period: String!) { runScoring(period: $period) { units } }"
SCORE = """query($unit: ID!, $period: String!) { unitScore(unitId: $unit, period: $period) {
  score listScore redLinesFailed vetoExcellence grade completeness missingItems missingMandatory blocked
  breakdown { indicatorCode points deducted effect status observationsUsed }
} }"""
LOCK = "mutation($period: String!) { lockPeriod(period: $period, reason: $period) { period } }"
WAIVE = """mutation($period: String!, $unit: ID!, $reason: String!, $codes: [String!]) {
  waiveMissingData(period: $period, unitId: $unit, reason: $reason, indicatorCodes: $codes) {
    id unitId indicatorCodes reason waivedBy waivedRole leafIndex
  }
}"""
WAIVERS = (
    "query($period: String!) { missingDataWaivers(period: $period) { id unitId indicatorCodes } }"
)
HISTORY = """query($id: String!) { ledgerRecordHistory(kind: "missing_data_waiver", recordId: $id) { content } }"""
MONITOR = "mutation($period: String!) { runMonitoring(period: $period) { checked overdue } }"
EVERY_ITEM = [
    "DD-OVERDUE-COMPLAINTS",
    "EC-INVESTMENT",
    "PR-COMPLETION-RATE",
    "RL-WATER-QUALITY",
    "SV-12345-RESPONSE",
    "VX-FOOD-SAFETY",
]
MANDATORY = ["RL-WATER-QUALITY", "VX-FOOD-SAFETY"]
WHY = "the township's reporting office was flooded; the county inspected water and food on site"


def observation(unit_id: str, code: str, period: str, value: float, unit: str = "%") -> dict:
    return {
        "unitId": unit_id,
        "indicatorCode": code,
        "period": period,
        "value": value,
        "unitOfMeasure": unit,
    }


def what_the_unit_reports(unit_id: str, period: str) -> list[dict]:
    """Everything the township reports itself (the feed's items come from the hotline system)."""
    return [
        observation(unit_id, "PR-COMPLETION-RATE", period, 96.0),
        observation(unit_id, "EC-INVESTMENT", period, 5.1, "亿元"),
        observation(unit_id, "RL-WATER-QUALITY", period, 100.0),
        observation(unit_id, "VX-FOOD-SAFETY", period, 0.0, "起"),
    ]


@pytest.fixture
async def assessor(stack):
    client = GraphQLClient(stack.gateway_url, bearer=token(stack, Role.ASSESSOR))
    yield client
    await client.aclose()


async def test_a_unit_that_reported_nothing_fails_as_missing_data_and_is_final_only_with_a_waiver(
    stack, gateway, assessor
):
    year, reporting, silent = unique_year(), township(), township("S")
    period = str(year)
    await set_up(stack, [reporting, silent], year)
    await gateway.execute(
        REPORT, {"inputs": what_the_unit_reports(reporting.unit_id, f"{year}-06")}
    )
    assert (await gateway.execute(RUN, {"period": period}))["runScoring"]["units"] == 2

    nothing = (await gateway.execute(SCORE, {"unit": silent.unit_id, "period": period}))[
        "unitScore"
    ]
    assert (nothing["completeness"], nothing["missingItems"]) == (0.0, EVERY_ITEM)
    assert nothing["missingMandatory"] == MANDATORY and nothing["blocked"] is False
    assert (nothing["redLinesFailed"], nothing["vetoExcellence"]) == (1, True)
    assert (nothing["score"], nothing["grade"]) == (0.0, "incompetent")
    effects = {row["indicatorCode"]: (row["effect"], row["status"]) for row in nothing["breakdown"]}
    assert effects == {
        code: ("missing_data" if code in MANDATORY else "missing", "not_reported")
        for code in EVERY_ITEM
    }
    lists = await scoring_fetch(
        stack, "SELECT list_name, reasons FROM period_lists WHERE unit_id = $1", silent.unit_id
    )
    assert [(row["list_name"], row["reasons"][0]) for row in lists] == [
        ("black", "red line not reported: RL-WATER-QUALITY")
    ]
    reported = (await gateway.execute(SCORE, {"unit": reporting.unit_id, "period": period}))[
        "unitScore"
    ]
    assert reported["completeness"] == 0.6667  # 4 of 6 items: the hotline fed nothing
    assert reported["missingItems"] == ["DD-OVERDUE-COMPLAINTS", "SV-12345-RESPONSE"]
    assert (reported["missingMandatory"], reported["redLinesFailed"]) == ([], 0)

    refused = await gateway.errors(LOCK, {"period": period})
    problems = refused[0]["extensions"]["problems"]
    assert [(p["field"], p["rule"]) for p in problems] == [("period", "waived")]
    assert (
        silent.unit_id in problems[0]["message"] and reporting.unit_id not in problems[0]["message"]
    )
    assert "RL-WATER-QUALITY, VX-FOOD-SAFETY" in problems[0]["message"]

    # Only an assessor waives; an admin configures.
    forbidden = await gateway.errors(
        WAIVE, {"period": period, "unit": silent.unit_id, "reason": WHY, "codes": None}
    )
    assert forbidden[0]["message"] == "forbidden: allowed roles are assessor"
    partly = (
        await assessor.execute(
            WAIVE,
            {
                "period": period,
                "unit": silent.unit_id,
                "reason": WHY,
                "codes": ["RL-WATER-QUALITY"],
            },
        )
    )["waiveMissingData"]
    still = await gateway.errors(LOCK, {"period": period})
    assert "(VX-FOOD-SAFETY not reported)" in still[0]["extensions"]["problems"][0]["message"]
    waiver = (
        await assessor.execute(
            WAIVE, {"period": period, "unit": silent.unit_id, "reason": WHY, "codes": None}
        )
    )["waiveMissingData"]
    assert (waiver["unitId"], waiver["indicatorCodes"], waiver["waivedRole"]) == (
        silent.unit_id,
        MANDATORY,
        "assessor",
    )
    listed = (await gateway.execute(WAIVERS, {"period": period}))["missingDataWaivers"]
    assert [w["id"] for w in listed] == [partly["id"], waiver["id"]]
    [leaf] = (await gateway.execute(HISTORY, {"id": waiver["id"]}))["ledgerRecordHistory"]
    assert leaf["content"]["reason"] == WHY and leaf["content"]["indicator_codes"] == MANDATORY

    try:
        assert (await gateway.execute(LOCK, {"period": period}))["lockPeriod"]["period"] == period
    finally:
        await unlock(gateway, period)


async def test_blocking_instead_of_failing_holds_the_result_back_from_any_waiver(
    stack, gateway, assessor, change_assessment_settings
):
    await change_assessment_settings({"missingMandatory": "block"})
    year, silent = unique_year(), township("B")
    period = str(year)
    await set_up(stack, [silent], year)
    await gateway.execute(RUN, {"period": period})
    result = (await gateway.execute(SCORE, {"unit": silent.unit_id, "period": period}))["unitScore"]
    assert (result["blocked"], result["redLinesFailed"], result["vetoExcellence"]) == (
        True,
        0,
        False,
    )
    assert result["missingMandatory"] == MANDATORY
    refused = await assessor.errors(
        WAIVE, {"period": period, "unit": silent.unit_id, "reason": WHY, "codes": None}
    )
    assert [p["rule"] for p in refused[0]["extensions"]["problems"]] == ["not_blocked"]
    locked = await gateway.errors(LOCK, {"period": period})
    assert [p["rule"] for p in locked[0]["extensions"]["problems"]] == ["complete_data"]


async def test_monthly_monitoring_publishes_report_overdue_to_each_data_owner_once(stack, gateway):
    # A past year of its own, so that the month's deadline has passed (the other tests' years are
    # still to come).
    year, unit = random.randint(2001, 2020), township("O")
    month = f"{year}-03"
    await set_up(stack, [unit], year)
    await gateway.execute(
        REPORT, {"inputs": [observation(unit.unit_id, "PR-COMPLETION-RATE", month, 30.0)]}
    )
    async with TopicReader(stack, topics.SCORING_RESULTS) as results:
        first = (await gateway.execute(MONITOR, {"period": month}))["runMonitoring"]
        assert first["overdue"] == 2
        found: dict[str, dict] = {}

        def both_owners(envelope: dict, _headers: dict) -> bool:
            # One batch may bring both events: collect them as they pass.
            payload = envelope.get("payload", {})
            if envelope.get("event_type") == "ReportOverdue" and payload["unit_id"] == unit.unit_id:
                found[payload["data_owner"]] = payload
            return len(found) == 2

        await results.wait_for(both_owners)
    own, fed = found[unit.unit_id], found[HOTLINE]
    assert (own["owner_kind"], own["period"], own["deadline"]) == ("unit", month, f"{year}-04-10")
    assert own["indicator_codes"] == ["EC-INVESTMENT", "RL-WATER-QUALITY", "VX-FOOD-SAFETY"]
    assert own["mandatory_codes"] == MANDATORY
    assert fed["owner_kind"] == "source_system"
    assert fed["indicator_codes"] == ["DD-OVERDUE-COMPLAINTS", "SV-12345-RESPONSE"]
    assert (await gateway.execute(MONITOR, {"period": month}))["runMonitoring"]["overdue"] == 0
