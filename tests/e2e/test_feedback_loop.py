"""The whole loop through the real gateway, nothing hand-made on Kafka: a unit's list tagged with a
capability, a weak report of it, a scoring run, and the cadre enrolled in the programme for it.

Scoring today gives every cadre the capability profile of the unit the cadre works in, so the
unit's one cadre is the one flagged; per-person portraits will refine which cadre is flagged.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from services.common.auth import Role
from tests.integration.development.helpers import add_cohort, capability, create_programme
from tests.integration.indicator.catalogue import (
    DRAFT,
    PUBLISH,
    individual_weight,
    new_cadre,
    new_indicator,
    new_unit,
)
from tests.integration.scoring.world import unique_year
from tests.support import GraphQLClient, eventually, token

pytestmark = pytest.mark.usefixtures("assessment_settings_read")

REPORT = "mutation($inputs: [ObservationReport!]!) { reportObservations(inputs: $inputs) { revision listVersion } }"
RUN = "mutation($period: String!) { runScoring(period: $period) { runId units cadres events } }"
ON_THE_ROSTERS = "query($id: ID!) { cadre(id: $id) { peerGroup developmentRosteredAt } }"
CADRE_FEEDBACK = """query($id: ID!, $period: String!) {
  cadre(id: $id) {
    name
    capabilityProfile(period: $period) { capability score }
    enrolments { programmeId programme { name capabilities } cohortId status source capability period reason }
  }
}"""
ENROLMENT_WAIT = 60.0


async def published_tagged_list(gateway: GraphQLClient, unit: str, year: int, tag: str) -> str:
    """A list for the unit whose own indicator (the weight left by the commons) carries `tag`."""
    indicator = await new_indicator(
        gateway,
        name="重点项目按期开工率",
        capabilityTags=[tag],
        frequency="monthly",
        rule={"type": "target_attainment", "cap": 1.0},
    )
    weight = await individual_weight(gateway, "township")
    items = [{"indicatorCode": indicator, "weight": weight, "target": 100}]
    await gateway.execute(DRAFT, {"u": unit, "y": year, "items": items})
    await gateway.execute(PUBLISH, {"u": unit, "y": year})
    return indicator


async def enrolled_from_the_run(gateway: GraphQLClient, cadre: str, period: str, tag: str) -> dict:
    """The cadre as the gateway reads it once development has enrolled them for `tag`."""
    deadline = time.monotonic() + ENROLMENT_WAIT
    found: dict | None = None
    while time.monotonic() < deadline:
        found = (await gateway.execute(CADRE_FEEDBACK, {"id": cadre, "period": period}))["cadre"]
        if any(e["capability"] == tag for e in found["enrolments"]):
            return found
        await asyncio.sleep(0.25)
    scored = found and any(c["capability"] == tag for c in found["capabilityProfile"])
    stage = (
        "scoring profiled the capability, so WeaknessFlagged -> EnrolmentCreated did not complete"
        if scored
        else "scoring has no profile of the capability for the period: the run did not score it"
    )
    raise AssertionError(
        f"no enrolment of cadre {cadre} for the {tag} weakness of {period} arrived through the "
        f"gateway within {ENROLMENT_WAIT:g}s ({stage}); last read: {found!r}"
    )


async def test_a_weak_capability_in_a_scoring_run_enrols_the_cadre_in_its_programme(stack, gateway):
    year, tag = unique_year(), capability()
    period = str(year)
    unit = await new_unit(gateway, "township", name="己略乡")
    cadre = await new_cadre(gateway, unit, "principal")
    indicator = await published_tagged_list(gateway, unit, year, tag)
    programme = await create_programme(
        gateway, capabilities=[tag], levels=["principal"], categories=["township"]
    )
    cohort = await add_cohort(gateway, programme, capacity=5)

    async def on_both_rosters() -> bool:
        found = (await gateway.execute(ON_THE_ROSTERS, {"id": cadre}))["cadre"]
        return bool(found and found["peerGroup"] and found["developmentRosteredAt"])

    await eventually(on_both_rosters, timeout=30)

    reporter = GraphQLClient(
        stack.gateway_url, bearer=token(stack, Role.UNIT_REPORTER, unit_id=unit)
    )
    try:
        # 40 of a target of 100: the capability scores 40, below the weakness threshold of 60.
        report = {
            "unitId": unit,
            "indicatorCode": indicator,
            "period": f"{year}-12",
            "value": 40.0,
            "unitOfMeasure": "%",
        }
        # Retried until scoring has the published list in force (it checks reports against it).
        recorded = await eventually(
            lambda: reporter.execute(REPORT, {"inputs": [report]}), timeout=30
        )
    finally:
        await reporter.aclose()
    assert recorded["reportObservations"] == [{"revision": 1, "listVersion": 1}]

    run = (await gateway.execute(RUN, {"period": period}))["runScoring"]
    assert run["units"] >= 1 and run["cadres"] >= 1 and run["events"] >= 1, run

    found = await enrolled_from_the_run(gateway, cadre, period, tag)
    assert found["name"] == "田晓燕"  # from indicator, in the same read as scoring and development
    assert {c["capability"]: c["score"] for c in found["capabilityProfile"]}[tag] == 40.0
    assert len(found["enrolments"]) == 1, found["enrolments"]
    enrolment = found["enrolments"][0]
    assert {key: enrolment[key] for key in enrolment if key != "reason"} == {
        "programmeId": programme,
        "programme": {"name": f"Programme {programme}", "capabilities": [tag]},
        "cohortId": cohort,
        "status": "enrolled",
        "source": "weakness",
        "capability": tag,
        "period": period,
    }
    assert enrolment["reason"].startswith(
        f"{tag} weakness in {period}: score 40 against threshold 60"
    )
