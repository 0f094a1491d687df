"""Exemptions and appeals through the scoring subgraph, each step a ledger record."""

from __future__ import annotations

import pytest

from services.common.auth import Role
from services.common.db import make_session_factory
from services.common.settings import PlatformSettings
from services.scoring.adapters.database_schemas import schema_engine
from services.scoring.service_layer import exemptions
from tests.integration.ledger.parties import (
    APPLY,
    DECIDE,
    document,
    registered_cadre,
    registered_unit,
)
from tests.support import token

SUBMIT = """mutation($input: AppealInput!) { submitAppeal(input: $input) { id status subject { cadreId unitId } } }"""
REVIEW = """mutation($id: ID!) { startAppealReview(id: $id) { status review { by } } }"""
DECIDE_APPEAL = """mutation($id: ID!, $upheld: Boolean!, $reason: String!) {
  decideAppeal(id: $id, upheld: $upheld, reason: $reason) { status decision { by role reason } }
}"""
HISTORY = """query($kind: String!, $id: String!) {
  ledgerRecordHistory(kind: $kind, recordId: $id) { leafIndex kind recordId content }
}"""
STATISTICS = """query($period: String!) {
  appealStatistics(period: $period) { total submitted underReview upheld rejected assessed appealRate }
}"""
PENDING = """query($period: String) { pendingRescoring(period: $period) { causeId period subject { cadreId } } }"""


async def test_an_approved_exemption_is_what_the_next_scoring_run_removes(
    settings: PlatformSettings, stack, subgraph
) -> None:
    unit_id = await registered_unit(settings, category="municipal_department")
    reporter = subgraph("scoring", token(settings, Role.UNIT_REPORTER, unit_id=unit_id))
    stranger = subgraph("scoring", token(settings, Role.UNIT_REPORTER, unit_id="U-SOMEONE-ELSE"))
    assessor = subgraph("scoring", token(settings, Role.ASSESSOR, subject="assessor-li"))
    application = {
        "unitId": unit_id,
        "period": "2025",
        "categoryCode": "investment_compliant_below_expectation",
        "indicatorCode": "IND-NEW-INDUSTRY-PROJECTS",
        "reasons": "Both projects passed due diligence and the approval procedure; the investor withdrew in Q3.",
        "evidence": [document("due diligence"), document("approval minutes")],
    }
    errors = await stranger.errors(APPLY, {"input": application})
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    errors = await reporter.errors(
        APPLY, {"input": {**application, "evidence": [], "categoryCode": "nope"}}
    )
    assert {(p["field"], p["rule"]) for p in errors[0]["extensions"]["problems"]} == {
        ("evidence", "required"),
        ("categoryCode", "exists"),
    }
    applied = (await reporter.execute(APPLY, {"input": application}))["applyForExemption"]
    assert applied["status"] == "submitted" and applied["subject"] == {
        "kind": "unit",
        "unitId": unit_id,
    }
    errors = await reporter.errors(APPLY, {"input": application})
    assert errors[0]["extensions"]["code"] == "CONFLICT"

    engine = schema_engine(settings.scoring_database_url)
    try:
        async with make_session_factory(engine)() as session:
            assert await exemptions.approved_for(session, "2025", unit_id=unit_id) == []
        decided = await assessor.execute(
            DECIDE,
            {
                "id": applied["id"],
                "approve": True,
                "reason": "Procedure followed at every step; see minutes.",
            },
        )
        assert decided["decideExemption"]["decision"] == {
            "by": "assessor-li",
            "role": "assessor",
            "reason": "Procedure followed at every step; see minutes.",
        }
        async with make_session_factory(engine)() as session:
            found = await exemptions.approved_for(session, "2025-Q4", unit_id=unit_id)
        assert [(e.id, e.indicator_code, e.category_code) for e in found] == [
            (applied["id"], "IND-NEW-INDUSTRY-PROJECTS", "investment_compliant_below_expectation"),
        ]
    finally:
        await engine.dispose()
    history = await subgraph("scoring").execute(HISTORY, {"kind": "exemption", "id": applied["id"]})
    steps = history["ledgerRecordHistory"]
    assert [leaf["content"]["status"] for leaf in steps] == ["submitted", "approved"]
    assert steps[0]["content"]["evidence"][0]["sha256"] == application["evidence"][0]["sha256"]


async def test_an_appeal_goes_to_a_decision_and_an_upheld_one_asks_for_rescoring(
    settings: PlatformSettings, stack, subgraph
) -> None:
    unit_id = await registered_unit(settings)
    cadre_id = await registered_cadre(settings, unit_id)
    cadre = subgraph("scoring", token(settings, Role.CADRE, cadre_id=cadre_id))
    assessor = subgraph("scoring", token(settings, Role.ASSESSOR, subject="assessor-wang"))
    period = "2024"
    before = (await assessor.execute(STATISTICS, {"period": period}))["appealStatistics"]
    errors = await cadre.errors(
        SUBMIT,
        {
            "input": {
                "cadreId": "C-SOMEONE-ELSE",
                "period": period,
                "reasons": "not my record, yet I appeal it",
            }
        },
    )
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    submitted = (
        await cadre.execute(
            SUBMIT,
            {
                "input": {
                    "cadreId": cadre_id,
                    "period": period,
                    "indicatorCode": "IND-HOTLINE-12345",
                    "reasons": "The hotline response rate counted the three weeks of the flood, which the rules exclude.",
                }
            },
        )
    )["submitAppeal"]
    assert submitted["subject"] == {"cadreId": cadre_id, "unitId": unit_id}
    appeal_id = submitted["id"]
    errors = await assessor.errors(
        DECIDE_APPEAL, {"id": appeal_id, "upheld": True, "reason": "too early"}
    )
    assert errors[0]["extensions"]["code"] == "CONFLICT"
    assert (await assessor.execute(REVIEW, {"id": appeal_id}))["startAppealReview"][
        "status"
    ] == "under_review"
    decided = (
        await assessor.execute(
            DECIDE_APPEAL,
            {
                "id": appeal_id,
                "upheld": True,
                "reason": "Flood weeks are excluded by the 2024 rules; re-score.",
            },
        )
    )["decideAppeal"]
    assert decided["status"] == "upheld" and decided["decision"]["by"] == "assessor-wang"

    pending = (await assessor.execute(PENDING, {"period": period}))["pendingRescoring"]
    assert {"causeId": appeal_id, "period": period, "subject": {"cadreId": cadre_id}} in pending
    after = (await assessor.execute(STATISTICS, {"period": period}))["appealStatistics"]
    assert after["total"] == before["total"] + 1 and after["upheld"] == before["upheld"] + 1
    assert after["appealRate"] == pytest.approx(after["total"] / after["assessed"])
    steps = (await subgraph("scoring").execute(HISTORY, {"kind": "appeal", "id": appeal_id}))[
        "ledgerRecordHistory"
    ]
    assert [leaf["content"]["status"] for leaf in steps] == ["submitted", "under_review", "upheld"]
    assert steps[-1]["content"]["decision"]["reason"].startswith("Flood weeks")
