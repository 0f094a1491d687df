"""M-of-N approval of a change to a locked period."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.common.errors import ValidationFailed
from services.scoring.domain.approvals import (
    ApprovalKey,
    ApprovalPolicy,
    ApprovalSignature,
    LockedChange,
    require_quorum,
    tally,
)
from services.scoring.ledger.domain.signatures import key_id, raw_public_key

POLICY = ApprovalPolicy(
    change_kind="observation", required=2, roles=("unit", "assessor", "discipline_inspection")
)
CHANGE = LockedChange(
    change_kind="observation",
    record_id="OBS-U-0007-IND-12-2025-03",
    period="2025",
    unit_id="U-0007",
    content={"value": 89.44, "unit_of_measure": "%"},
    reason="the bureau re-counted the preschool funds executed",
)


def party(role: str, unit_id: str | None = None) -> tuple[Ed25519PrivateKey, ApprovalKey]:
    private = Ed25519PrivateKey.generate()
    public = private.public_key()
    key = ApprovalKey(
        key_id=key_id(public),
        holder=f"{role} office",
        role=role,
        public_key=base64.b64encode(raw_public_key(public)).decode(),
        unit_id=unit_id,
    )
    return private, key


UNIT = party("unit", "U-0007")
ASSESSOR = party("assessor")
INSPECTION = party("discipline_inspection")
KEYS = {key.key_id: key for _, key in (UNIT, ASSESSOR, INSPECTION)}


def sign(
    signer: tuple[Ed25519PrivateKey, ApprovalKey], change: LockedChange = CHANGE
) -> ApprovalSignature:
    private, key = signer
    return ApprovalSignature(key_id=key.key_id, signature=private.sign(change.message()))


def test_two_distinct_parties_make_the_quorum() -> None:
    result = require_quorum(POLICY, KEYS, CHANGE, [sign(UNIT), sign(INSPECTION)])
    assert result.roles == ["unit", "discipline_inspection"]


def test_the_same_key_twice_counts_once_and_is_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        require_quorum(POLICY, KEYS, CHANGE, [sign(ASSESSOR), sign(ASSESSOR)])
    problem = refused.value.problems[0]
    assert (problem.field, problem.rule) == ("signatures", "quorum")
    assert "needs 2 of 3" in problem.message and "got 1" in problem.message
    assert (
        f"key {ASSESSOR[1].key_id} (assessor office) signed more than once; it counts once"
        in problem.message
    )


def test_two_keys_of_one_role_are_one_party() -> None:
    second_assessor = party("assessor")
    keys = {**KEYS, second_assessor[1].key_id: second_assessor[1]}
    result = tally(POLICY, keys, CHANGE, [sign(ASSESSOR), sign(second_assessor)])
    assert len(result.counted) == 1
    assert "role 'assessor' is already counted" in result.refused[0]


def test_a_signature_of_other_content_does_not_count() -> None:
    beautified = LockedChange(
        **{**CHANGE.__dict__, "content": {"value": 99.0, "unit_of_measure": "%"}}
    )
    result = tally(POLICY, KEYS, CHANGE, [sign(UNIT, beautified), sign(ASSESSOR)])
    assert [key.role for key in result.counted] == ["assessor"]
    assert "does not match this change" in result.refused[0]


def test_revoked_unknown_foreign_unit_and_ineligible_keys_do_not_count() -> None:
    other_unit = party("unit", "U-0099")
    trainer = party("trainer")
    revoked_private, revoked = party("discipline_inspection")
    keys = {
        **KEYS,
        other_unit[1].key_id: other_unit[1],
        trainer[1].key_id: trainer[1],
        revoked.key_id: ApprovalKey(**{**revoked.__dict__, "active": False}),
    }
    stranger = party("assessor")
    signatures = [sign(other_unit), sign(trainer), sign((revoked_private, revoked)), sign(stranger)]
    result = tally(POLICY, keys, CHANGE, signatures)
    assert result.counted == []
    assert result.refused == [
        f"key {other_unit[1].key_id} (unit office) speaks for unit U-0099, not for unit U-0007",
        f"key {trainer[1].key_id} (trainer office) holds role 'trainer', which this policy does not name",
        f"key {revoked.key_id} (discipline_inspection office) is revoked",
        f"key {stranger[1].key_id} is not registered",
    ]


def test_a_policy_cannot_require_more_parties_than_it_names() -> None:
    with pytest.raises(ValidationFailed) as refused:
        ApprovalPolicy(change_kind="score", required=3, roles=("unit", "assessor", "assessor"))
    assert refused.value.problems[0].field == "required"


def test_the_signed_message_is_canonical() -> None:
    reordered = LockedChange(
        **{**CHANGE.__dict__, "content": {"unit_of_measure": "%", "value": 89.44}}
    )
    assert reordered.message() == CHANGE.message()
    assert CHANGE.message().startswith(b"cadre-platform/locked-change/v1\n")
