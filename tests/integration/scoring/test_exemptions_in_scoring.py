"""Fault-tolerance exemptions in a scoring run through the scoring subgraph: an approved one removes
its deduction and the breakdown names it; a rejected one changes nothing."""

from __future__ import annotations

from services.common.auth import Role
from services.common.settings import PlatformSettings
from tests.integration.ledger.parties import APPLY, DECIDE, document
from tests.integration.scoring.world import Unit, item, set_up, unique_year
from tests.support import GraphQLClient, token, unique

REPORT = "mutation($inputs: [ObservationReport!]!) { reportObservations(inputs: $inputs) { observationId } }"
RUN = "mutation($period: String!) { runScoring(period: $period) { runId units } }"
BREAKDOWN = """query($unit: ID!, $period: String!) {
  unitScore(unitId: $unit, period: $period) {
    score deductions
    breakdown { indicatorCode value points deducted effect exemptionId }
  }
}"""

SAFETY, RECTIFICATION = "DD-SAFETY-INCIDENTS", "DD-LATE-RECTIFICATION"
ITEMS = (
    item("PR-COMPLETION-RATE", 100, high=100, tags=("project_delivery",)),
    item(
        SAFETY,
        0,
        kind="deduction",
        target=None,
        lower=True,
        unit="起",
        dimension="safety",
        rule={"type": "per_incident", "points": 1.5, "max_points": 6},
    ),
    item(
        RECTIFICATION,
        0,
        kind="deduction",
        target=None,
        lower=True,
        unit="件",
        dimension="safety",
        rule={"type": "per_incident", "points": 0.5, "max_points": 5},
    ),
)


class ScoredUnit:
    """A township of its own year with 90% completion, 2 safety incidents (3 points off) and 4 late
    rectifications (2 points off), scored once before any exemption."""

    def __init__(self, settings: PlatformSettings, admin: GraphQLClient) -> None:
        self.settings, self.admin = settings, admin
        self.year = unique_year()
        self.unit = Unit(unique("T-EXEMPT"), "township")
        self.head = f"{self.unit.unit_id}-head"
        self.unit.cadres = {self.head: "principal"}

    async def set_up(self) -> dict:
        await set_up(self.settings, [self.unit], self.year, ITEMS)
        month = f"{self.year}-12"
        await self.admin.execute(
            REPORT,
            {
                "inputs": [
                    {
                        "unitId": self.unit.unit_id,
                        "indicatorCode": code,
                        "period": month,
                        "value": value,
                        "unitOfMeasure": measure,
                    }
                    for code, value, measure in (
                        ("PR-COMPLETION-RATE", 90.0, "%"),
                        (SAFETY, 2.0, "起"),
                        (RECTIFICATION, 4.0, "件"),
                    )
                ]
            },
        )
        return await self.score()

    async def score(self) -> dict:
        """Runs scoring for the year and returns the unit's score with its breakdown by indicator."""
        assert (await self.admin.execute(RUN, {"period": str(self.year)}))["runScoring"][
            "units"
        ] >= 1
        found = (
            await self.admin.execute(
                BREAKDOWN, {"unit": self.unit.unit_id, "period": str(self.year)}
            )
        )["unitScore"]
        return {**found, "breakdown": {row["indicatorCode"]: row for row in found["breakdown"]}}

    def application(self, indicator: str, **subject: str) -> dict:
        return {
            **subject,
            "period": str(self.year),
            "categoryCode": "force_majeure",
            "indicatorCode": indicator,
            "reasons": "The July flood closed the township's roads for three weeks; work resumed on the 1st of August.",
            "evidence": [document(f"flood report {self.unit.unit_id}")],
        }


async def test_an_approved_exemption_removes_its_deduction_in_the_next_run_and_is_named(
    stack, subgraph
) -> None:
    township = ScoredUnit(stack, subgraph("scoring"))
    before = await township.set_up()
    assert (before["score"], before["deductions"]) == (85.0, 5.0)
    removed = before["breakdown"][SAFETY]
    assert (removed["deducted"], removed["effect"], removed["exemptionId"]) == (3.0, "deduct", None)

    reporter = subgraph("scoring", token(stack, Role.UNIT_REPORTER, unit_id=township.unit.unit_id))
    assessor = subgraph("scoring", token(stack, Role.ASSESSOR, subject="assessor-zhao"))
    applied = await reporter.execute(
        APPLY, {"input": township.application(SAFETY, unitId=township.unit.unit_id)}
    )
    exemption_id = applied["applyForExemption"]["id"]
    # Applied for but not decided: the run removes nothing.
    assert await township.score() == before
    decided = await assessor.execute(
        DECIDE,
        {
            "id": exemption_id,
            "approve": True,
            "reason": "The flood is officially recorded; the incidents followed it.",
        },
    )
    assert decided["decideExemption"]["status"] == "approved"

    after = await township.score()
    assert after["score"] == before["score"] + removed["deducted"] == 88.0
    assert after["deductions"] == 2.0
    assert after["breakdown"][SAFETY] == {
        **removed,
        "deducted": 0.0,
        "effect": "exempted",
        "exemptionId": exemption_id,
    }
    assert {code: row for code, row in after["breakdown"].items() if code != SAFETY} == {
        code: row for code, row in before["breakdown"].items() if code != SAFETY
    }


async def test_a_rejected_exemption_changes_nothing(stack, subgraph) -> None:
    township = ScoredUnit(stack, subgraph("scoring"))
    before = await township.set_up()
    cadre = subgraph("scoring", token(stack, Role.CADRE, cadre_id=township.head))
    assessor = subgraph("scoring", token(stack, Role.ASSESSOR, subject="assessor-zhao"))
    applied = await cadre.execute(
        APPLY, {"input": township.application(RECTIFICATION, cadreId=township.head)}
    )
    decided = await assessor.execute(
        DECIDE,
        {
            "id": applied["applyForExemption"]["id"],
            "approve": False,
            "reason": "The rectifications were due before the flood began.",
        },
    )
    assert decided["decideExemption"]["status"] == "rejected"

    after = await township.score()
    assert after == before
    assert after["breakdown"][RECTIFICATION]["deducted"] == 2.0
    assert after["breakdown"][RECTIFICATION]["effect"] == "deduct"
    assert after["breakdown"][RECTIFICATION]["exemptionId"] is None
