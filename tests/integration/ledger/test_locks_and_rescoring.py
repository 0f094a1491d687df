"""A locked period through the scoring subgraph: changes need the parties' signatures, are used once,
and become new leaves; an upheld appeal has the period scored again."""

from __future__ import annotations

import random

from services.common.auth import Role
from tests.integration.ledger.parties import Party
from tests.integration.scoring.world import scoring_fetch, scoring_fetchval, set_up, township
from tests.support import eventually, token

LOCK = """mutation($period: String!, $reason: String!) { lockPeriod(period: $period, reason: $reason) { period leafIndex } }"""
REPORT = """mutation($inputs: [ObservationReport!]!) { reportObservations(inputs: $inputs) { observationId revision } }"""
REGISTER = (
    """mutation($input: ApprovalKeyInput!) { registerApprovalKey(input: $input) { keyId } }"""
)
MESSAGE = (
    """query($change: LockedChangeInput!) { lockedChangeMessage(change: $change) { message } }"""
)
AUTHORISE = """mutation($change: LockedChangeInput!, $signatures: [ApprovalSignatureInput!]!) {
  authoriseLockedChange(change: $change, signatures: $signatures) { id }
}"""
RUN = """mutation($period: String!) { runScoring(period: $period) { runId units } }"""
HISTORY = """query($kind: String!, $id: String!) { ledgerRecordHistory(kind: $kind, recordId: $id) { content } }"""


UNLOCK = """mutation($period: String!) { unlockPeriod(period: $period) }"""
# Lists exist up to 2100 and the scoring tests draw their years from 2030-2099: these tests' units,
# locks and runs in 2100 never get in their way, and each lock is lifted again with signatures.
LEDGER_YEAR = 2100


async def signed_by(
    admin, change: dict, roles: tuple[str, ...] = ("unit", "discipline_inspection")
) -> list[dict]:
    """Signatures of exactly this change by new keys of the given roles (a unit key for the change's unit)."""
    message = (await admin.execute(MESSAGE, {"change": change}))["lockedChangeMessage"]["message"]
    signatures = []
    for role in roles:
        party = Party.new(role)
        key = await admin.execute(
            REGISTER,
            {
                "input": {
                    "holder": f"{role} office",
                    "role": role,
                    "publicKey": party.public_key,
                    "unitId": change.get("unitId") if role == "unit" else None,
                }
            },
        )
        signatures.append(
            {"keyId": key["registerApprovalKey"]["keyId"], "signature": party.sign(message)}
        )
    return signatures


async def free_month(settings) -> str:
    """A month of the locked year that no lock holds now."""
    taken = {
        row["period"] for row in await scoring_fetch(settings, "SELECT period FROM period_locks")
    }
    months = [f"{LEDGER_YEAR}-{month:02d}" for month in random.sample(range(1, 13), 12)]
    return next(month for month in months if month not in taken and str(LEDGER_YEAR) not in taken)


async def unlock(admin, period: str) -> None:
    change = {
        "changeKind": "period_unlock",
        "recordId": f"unlock/{period}",
        "period": period,
        "content": {"unlock": period},
        "reason": "the test is over",
    }
    signatures = await signed_by(admin, change, ("assessor", "discipline_inspection"))
    await admin.execute(AUTHORISE, {"change": change, "signatures": signatures})
    assert (await admin.execute(UNLOCK, {"period": period}))["unlockPeriod"] == period


async def test_a_locked_period_takes_only_the_change_the_parties_signed(stack, subgraph) -> None:
    unit = township()
    await set_up(stack, [unit], LEDGER_YEAR)
    admin = subgraph("scoring")
    reporter = subgraph("scoring", token(stack, Role.UNIT_REPORTER, unit_id=unit.unit_id))
    period = await free_month(stack)
    observed = {
        "unitId": unit.unit_id,
        "indicatorCode": "PR-COMPLETION-RATE",
        "period": period,
        "value": 81.0,
        "unitOfMeasure": "%",
    }
    await reporter.execute(REPORT, {"inputs": [observed]})
    await admin.execute(LOCK, {"period": period, "reason": "monthly monitoring closed"})
    try:
        corrected = {**observed, "value": 86.5}
        errors = await reporter.errors(REPORT, {"inputs": [corrected]})
        problem = errors[0]["extensions"]["problems"][0]
        assert (problem["field"], problem["rule"]) == ("period", "locked")
        assert f"lock on {period}" in problem["message"]

        change = {
            "changeKind": "observation",
            "recordId": f"{unit.unit_id}/PR-COMPLETION-RATE/{period}",
            "period": period,
            "unitId": unit.unit_id,
            "content": {"value": 86.5, "unit_of_measure": "%"},
            "reason": "the completion certificate of the second project arrived late",
        }
        await admin.execute(
            AUTHORISE, {"change": change, "signatures": await signed_by(admin, change)}
        )
        errors = await reporter.errors(REPORT, {"inputs": [{**observed, "value": 99.0}]})
        assert errors[0]["extensions"]["problems"][0]["rule"] == "locked"
        revised = (await reporter.execute(REPORT, {"inputs": [corrected]}))["reportObservations"][0]
        errors = await reporter.errors(REPORT, {"inputs": [corrected]})
        assert errors[0]["extensions"]["problems"][0]["rule"] == "locked"
        history = await admin.execute(
            HISTORY, {"kind": "observation_revision", "id": revised["observationId"]}
        )
        assert history["ledgerRecordHistory"][-1]["content"]["value"] == 86.5
        assert history["ledgerRecordHistory"][-1]["content"]["revision"] == revised["revision"]
        assert (
            await scoring_fetchval(
                stack,
                "SELECT count(*) FROM locked_change_authorisations WHERE record_id = $1 AND applied_at IS NOT NULL",
                change["recordId"],
            )
            == 1
        )

        errors = await admin.errors(RUN, {"period": period})
        assert errors[0]["extensions"]["problems"][0]["rule"] == "locked"
        rescore = {
            "changeKind": "score",
            "recordId": f"period/{period}",
            "period": period,
            "unitId": unit.unit_id,
            "content": {"rescore": period},
            "reason": "the corrected completion rate changes the ranking",
        }
        await admin.execute(
            AUTHORISE, {"change": rescore, "signatures": await signed_by(admin, rescore)}
        )
        run = (await admin.execute(RUN, {"period": period}))["runScoring"]
        scores = await admin.execute(
            HISTORY, {"kind": "published_score", "id": f"unit/{unit.unit_id}/{period}"}
        )
        assert scores["ledgerRecordHistory"][-1]["content"]["run_id"] == int(run["runId"])
    finally:
        await unlock(admin, period)
    assert (await reporter.execute(REPORT, {"inputs": [{**observed, "value": 90.0}]}))[
        "reportObservations"
    ]


async def test_an_upheld_appeal_has_the_period_scored_again(stack, subgraph) -> None:
    year, unit = LEDGER_YEAR, township()
    await set_up(stack, [unit], year)
    admin = subgraph("scoring")
    cadre_id = next(iter(unit.cadres))
    cadre = subgraph("scoring", token(stack, Role.CADRE, cadre_id=cadre_id))
    appeal = (
        await cadre.execute(
            """mutation($input: AppealInput!) { submitAppeal(input: $input) { id } }""",
            {
                "input": {
                    "cadreId": cadre_id,
                    "period": str(year),
                    "reasons": "My daily records of the flood response were not counted.",
                }
            },
        )
    )["submitAppeal"]["id"]
    await admin.execute(
        """mutation($id: ID!) { startAppealReview(id: $id) { status } }""", {"id": appeal}
    )
    await admin.execute(
        """mutation($id: ID!, $reason: String!) { decideAppeal(id: $id, upheld: true, reason: $reason) { status } }""",
        {"id": appeal, "reason": "The daily records were filed in time; score the year again."},
    )

    # The request travels as an event committed with the decision: no process has to outlive it.
    assert (
        await scoring_fetchval(
            stack,
            "SELECT count(*) FROM outbox WHERE event_type = 'RescoringRequested' "
            "AND envelope->'payload'->>'cause_id' = $1",
            appeal,
        )
        == 1
    )

    async def rescored() -> list:
        return await scoring_fetch(
            stack, "SELECT run_id FROM scoring_runs WHERE requested_by = $1", f"appeal {appeal}"
        )

    runs = await eventually(rescored, timeout=30)
    assert await scoring_fetchval(
        stack, "SELECT completed_by_run FROM rescoring_requests WHERE cause_id = $1", appeal
    ) == str(runs[0]["run_id"])
