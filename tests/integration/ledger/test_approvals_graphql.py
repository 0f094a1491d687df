"""Changes to a locked period through the scoring subgraph: M of N distinct parties, or refused."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from services.common.auth import Role
from services.common.db import make_session_factory
from services.common.errors import Conflict
from services.common.settings import PlatformSettings
from services.scoring.adapters.database_schemas import schema_engine
from services.scoring.adapters.tables import outbox
from services.scoring.service_layer import approvals
from services.scoring.service_layer.unit_of_work import SqlScoringUnitOfWork
from tests.integration.ledger.parties import Party, registered_unit
from tests.support import token, unique

REGISTER = """mutation($input: ApprovalKeyInput!) { registerApprovalKey(input: $input) { keyId role unitId active } }"""
MESSAGE = """query($change: LockedChangeInput!) { lockedChangeMessage(change: $change) { message digest policy { required roles } } }"""
AUTHORISE = """mutation($change: LockedChangeInput!, $signatures: [ApprovalSignatureInput!]!) {
  authoriseLockedChange(change: $change, signatures: $signatures) {
    id digest countedKeys countedRoles leafIndex authorisedBy
  }
}"""
HISTORY = """query($kind: String!, $id: String!) { ledgerRecordHistory(kind: $kind, recordId: $id) { leafIndex content } }"""


async def register(client, party: Party, unit_id: str | None = None) -> str:
    data = await client.execute(
        REGISTER,
        {
            "input": {
                "holder": f"{party.role} of the test",
                "role": party.role,
                "publicKey": party.public_key,
                "unitId": unit_id,
            }
        },
    )
    return data["registerApprovalKey"]["keyId"]


async def test_two_of_three_with_the_same_key_twice_is_refused_and_two_parties_are_recorded(
    settings: PlatformSettings, stack, subgraph
) -> None:
    admin = subgraph("scoring")
    assessor_client = subgraph("scoring", token(settings, Role.ASSESSOR))
    unit_id = await registered_unit(settings)
    unit, assessor, inspection = (
        Party.new("unit"),
        Party.new("assessor"),
        Party.new("discipline_inspection"),
    )
    unit_key = await register(admin, unit, unit_id)
    assessor_key = await register(admin, assessor)
    inspection_key = await register(admin, inspection)
    record_id = unique("OBS")
    change = {
        "changeKind": "observation",
        "recordId": record_id,
        "period": "2025",
        "unitId": unit_id,
        "content": {"value": 89.44, "unitOfMeasure": "%"},
        "reason": "the preschool fund execution rate was re-counted from the bank statements",
    }
    message = (await assessor_client.execute(MESSAGE, {"change": change}))["lockedChangeMessage"]
    assert message["policy"] == {
        "required": 2,
        "roles": ["unit", "assessor", "discipline_inspection"],
    }

    twice = [{"keyId": assessor_key, "signature": assessor.sign(message["message"])}] * 2
    errors = await assessor_client.errors(AUTHORISE, {"change": change, "signatures": twice})
    assert errors[0]["extensions"]["code"] == "VALIDATION_FAILED"
    problem = errors[0]["extensions"]["problems"][0]
    assert (problem["field"], problem["rule"]) == ("signatures", "quorum")
    assert (
        "got 1" in problem["message"]
        and "signed more than once; it counts once" in problem["message"]
    )
    assert (await admin.execute(HISTORY, {"kind": "locked_change", "id": record_id}))[
        "ledgerRecordHistory"
    ] == []

    beautified = {**change, "content": {"value": 99.0, "unitOfMeasure": "%"}}
    signed_other = [
        {"keyId": unit_key, "signature": unit.sign(message["message"])},
        {"keyId": inspection_key, "signature": inspection.sign(message["message"])},
    ]
    errors = await assessor_client.errors(
        AUTHORISE, {"change": beautified, "signatures": signed_other}
    )
    assert "does not match this change" in errors[0]["extensions"]["problems"][0]["message"]

    done = await assessor_client.execute(AUTHORISE, {"change": change, "signatures": signed_other})
    authorisation = done["authoriseLockedChange"]
    assert authorisation["countedRoles"] == ["unit", "discipline_inspection"]
    assert authorisation["digest"] == message["digest"]
    history = await admin.execute(HISTORY, {"kind": "locked_change", "id": authorisation["id"]})
    leaf = history["ledgerRecordHistory"][0]
    assert leaf["leafIndex"] == authorisation["leafIndex"]
    assert leaf["content"]["change"]["content"] == {"unitOfMeasure": "%", "value": 89.44}

    engine = schema_engine(settings.scoring_database_url)
    sessions = make_session_factory(engine)
    try:
        async with SqlScoringUnitOfWork(sessions, "scoring", outbox) as uow:
            await approvals.apply(
                uow,
                authorisation["id"],
                "observation",
                record_id,
                {"unitOfMeasure": "%", "value": 89.44},
            )
        with pytest.raises(Conflict, match="already used"):
            async with SqlScoringUnitOfWork(sessions, "scoring", outbox) as uow:
                await approvals.apply(
                    uow,
                    authorisation["id"],
                    "observation",
                    record_id,
                    {"unitOfMeasure": "%", "value": 89.44},
                )
        async with sessions() as session:
            applied = (
                await session.execute(
                    sa.text(
                        "SELECT applied_leaf_index FROM locked_change_authorisations WHERE id = :id"
                    ),
                    {"id": authorisation["id"]},
                )
            ).scalar_one()
        assert applied > authorisation["leafIndex"]
    finally:
        await engine.dispose()


async def test_a_unit_key_cannot_approve_another_units_change(
    settings: PlatformSettings, stack, subgraph
) -> None:
    admin = subgraph("scoring")
    mine, other = await registered_unit(settings), await registered_unit(settings)
    unit, assessor = Party.new("unit"), Party.new("assessor")
    unit_key, assessor_key = await register(admin, unit, other), await register(admin, assessor)
    change = {
        "changeKind": "score",
        "recordId": unique("SCORE"),
        "period": "2025",
        "unitId": mine,
        "content": {"total": 88.5},
        "reason": "an upheld appeal corrected the hotline response rate",
    }
    message = (await admin.execute(MESSAGE, {"change": change}))["lockedChangeMessage"]["message"]
    signatures = [
        {"keyId": unit_key, "signature": unit.sign(message)},
        {"keyId": assessor_key, "signature": assessor.sign(message)},
    ]
    errors = await admin.errors(AUTHORISE, {"change": change, "signatures": signatures})
    assert (
        f"speaks for unit {other}, not for unit {mine}"
        in errors[0]["extensions"]["problems"][0]["message"]
    )
