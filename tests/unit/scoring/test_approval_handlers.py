"""Service-layer handlers of approval keys, policies and authorisations, against in-memory fakes."""

from __future__ import annotations

import dataclasses

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.common.errors import Conflict, NotFound, ValidationFailed
from services.scoring import ledger
from services.scoring.domain.approvals import ApprovalPolicy, ApprovalSignature, LockedChange
from services.scoring.service_layer import approvals, log_entries
from tests.unit.scoring.approval_parties import (
    ADMIN,
    ROLES,
    Party,
    public_text,
    register_parties,
    save_two_of_three,
)
from tests.unit.scoring.approval_parties import sign as sign_change
from tests.unit.scoring.fakes import FakeScoringUnitOfWork

UNIT = "U-0007"
POLICY = ApprovalPolicy(change_kind="observation", required=2, roles=ROLES)
CHANGE = LockedChange(
    change_kind="observation",
    record_id=f"{UNIT}/IND-12/2025-03",
    period="2025-03",
    unit_id=UNIT,
    content={"value": 89.44, "unit_of_measure": "%"},
    reason="the bureau re-counted the preschool funds executed",
)


def sign(party: Party, change: LockedChange = CHANGE) -> ApprovalSignature:
    return sign_change(party, change)


async def ready() -> tuple[FakeScoringUnitOfWork, dict[str, Party]]:
    uow = FakeScoringUnitOfWork()
    signers = await register_parties(uow, UNIT)
    await save_two_of_three(uow, "observation")
    return uow, signers


async def test_a_key_is_registered_once_and_recorded_in_the_ledger():
    uow = FakeScoringUnitOfWork()
    private = Ed25519PrivateKey.generate()
    key = await approvals.register_key(
        uow, "  assessor office ", "assessor", public_text(private), None, ADMIN
    )
    assert uow.approvals.keys_by_id[key.key_id].holder == "assessor office"
    assert uow.log.kinds() == [(approvals.APPROVAL_KEY, key.key_id)]
    assert uow.log.leaves[0][2]["event"] == "registered"
    with pytest.raises(Conflict, match="already registered"):
        await approvals.register_key(uow, "again", "assessor", public_text(private), None, ADMIN)


async def test_a_key_with_a_bad_public_key_holder_or_role_is_refused_and_nothing_stored():
    uow = FakeScoringUnitOfWork()
    with pytest.raises(ValidationFailed) as refused:
        await approvals.register_key(uow, "office", "assessor", "not a key", None, ADMIN)
    assert refused.value.problems[0].field == "publicKey"
    with pytest.raises(ValidationFailed) as refused:
        key = public_text(Ed25519PrivateKey.generate())
        await approvals.register_key(uow, " ", "Assessor!", key, None, ADMIN)
    assert [(p.field, p.rule) for p in refused.value.problems] == [
        ("holder", "required"),
        ("role", "pattern"),
    ]
    assert uow.approvals.keys_by_id == {} and uow.log.leaves == []


async def test_a_key_is_revoked_once():
    uow, signers = await ready()
    key_id = signers["assessor"][1]
    revoked = await approvals.revoke_key(uow, key_id, ADMIN)
    assert not revoked.active and not uow.approvals.keys_by_id[key_id].active
    assert uow.log.leaves[-1][2]["event"] == "revoked"
    with pytest.raises(NotFound):
        await approvals.revoke_key(uow, key_id, ADMIN)


async def test_a_saved_policy_is_recorded_in_the_ledger():
    uow = FakeScoringUnitOfWork()
    await approvals.save_policy(uow, POLICY, ADMIN)
    assert await uow.approvals.policy("observation") == POLICY
    kind, record_id, content = uow.log.leaves[-1]
    assert (kind, record_id) == (approvals.APPROVAL_POLICY, "observation")
    assert content["required"] == 2 and content["roles"] == list(POLICY.roles)


async def test_a_quorum_authorises_the_change_with_a_leaf_and_a_row():
    uow, signers = await ready()
    done = await approvals.authorise(
        uow, CHANGE, [sign(signers["unit"]), sign(signers["assessor"])], ADMIN
    )
    assert [key.role for key in done.counted] == ["unit", "assessor"]
    kind, record_id, content = uow.log.leaves[done.leaf_index]
    assert (kind, record_id) == (log_entries.LOCKED_CHANGE, done.id)
    assert content["event"] == "authorised" and content["digest"] == CHANGE.digest()
    row = uow.approvals.rows[done.id]
    assert row["leaf_index"] == done.leaf_index and row["authorised_role"] == "admin"
    assert len(row["signatures"]) == 2


async def test_too_few_parties_or_an_unknown_kind_of_change_authorises_nothing():
    uow, signers = await ready()
    leaves = len(uow.log.leaves)
    with pytest.raises(ValidationFailed) as refused:
        await approvals.authorise(uow, CHANGE, [sign(signers["unit"])], ADMIN)
    assert refused.value.problems[0].rule == "quorum"
    unknown = dataclasses.replace(CHANGE, change_kind="budget")
    with pytest.raises(ValidationFailed) as refused:
        await approvals.authorise(uow, unknown, [sign(signers["unit"], unknown)], ADMIN)
    problem = refused.value.problems[0]
    assert (problem.field, problem.rule) == ("changeKind", "one_of")
    assert "known: observation" in problem.message
    bad_period = dataclasses.replace(CHANGE, period="2025-13")
    with pytest.raises(ValidationFailed):
        await approvals.authorise(uow, bad_period, [sign(signers["unit"], bad_period)], ADMIN)
    assert uow.approvals.authorisations == {} and len(uow.log.leaves) == leaves


async def authorised(uow: FakeScoringUnitOfWork, signers: dict) -> str:
    done = await approvals.authorise(
        uow, CHANGE, [sign(signers["unit"]), sign(signers["discipline_inspection"])], ADMIN
    )
    return done.id


async def test_an_authorisation_is_applied_once_to_exactly_its_change():
    uow, signers = await ready()
    authorisation_id = await authorised(uow, signers)
    leaf = await approvals.apply(
        uow, authorisation_id, "observation", CHANGE.record_id, dict(CHANGE.content)
    )
    assert uow.log.leaves[leaf][2]["event"] == "applied"
    assert uow.approvals.authorisations[authorisation_id].applied_at is not None
    with pytest.raises(Conflict, match="already used"):
        await approvals.apply(
            uow, authorisation_id, "observation", CHANGE.record_id, dict(CHANGE.content)
        )


async def test_an_authorisation_does_not_cover_other_content_another_record_or_a_missing_id():
    uow, signers = await ready()
    authorisation_id = await authorised(uow, signers)
    with pytest.raises(ValidationFailed) as refused:
        await approvals.apply(
            uow, authorisation_id, "observation", "U-0007/IND-13/2025-03", {"value": 99.0}
        )
    assert [(p.field, p.rule) for p in refused.value.problems] == [
        ("authorisationId", "matches"),
        ("content", "matches"),
    ]
    with pytest.raises(ValidationFailed) as refused:
        await approvals.apply(uow, "LC-none", "observation", CHANGE.record_id, CHANGE.content)
    assert refused.value.problems[0].rule == "exists"
    assert uow.approvals.authorisations[authorisation_id].applied_at is None


async def test_an_authorisation_whose_key_was_revoked_since_no_longer_makes_the_quorum():
    uow, signers = await ready()
    authorisation_id = await authorised(uow, signers)
    await approvals.revoke_key(uow, signers["discipline_inspection"][1], ADMIN)
    with pytest.raises(ValidationFailed) as refused:
        await approvals.apply(
            uow, authorisation_id, "observation", CHANGE.record_id, dict(CHANGE.content)
        )
    assert refused.value.problems[0].rule == "quorum"
    assert uow.approvals.authorisations[authorisation_id].applied_at is None


async def test_a_row_that_differs_from_its_ledger_leaf_is_not_obeyed():
    uow, signers = await ready()
    authorisation_id = await authorised(uow, signers)
    forged = {"value": 99.0, "unit_of_measure": "%"}
    stored = uow.approvals.authorisations[authorisation_id]
    uow.approvals.authorisations[authorisation_id] = dataclasses.replace(stored, content=forged)
    with pytest.raises(ledger.LedgerIntegrityError, match="does not match its ledger leaf"):
        await approvals.apply(uow, authorisation_id, "observation", CHANGE.record_id, forged)
