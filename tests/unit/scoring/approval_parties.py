"""Parties with Ed25519 keys registered through the service layer, and their signatures."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.common.auth import Principal, Role
from services.scoring.domain.approvals import ApprovalPolicy, ApprovalSignature, LockedChange
from services.scoring.ledger.domain.signatures import raw_public_key
from services.scoring.service_layer import approvals
from tests.unit.scoring.fakes import FakeScoringUnitOfWork

ADMIN = Principal("admin-1", Role.ADMIN)
ROLES = ("unit", "assessor", "discipline_inspection")
Party = tuple[Ed25519PrivateKey, str]


def public_text(private: Ed25519PrivateKey) -> str:
    return base64.b64encode(raw_public_key(private.public_key())).decode()


async def register_parties(uow: FakeScoringUnitOfWork, unit_id: str) -> dict[str, Party]:
    """One registered key per role: role -> (private key, key id)."""
    found = {}
    for role in ROLES:
        private = Ed25519PrivateKey.generate()
        key = await approvals.register_key(
            uow,
            f"{role} office",
            role,
            public_text(private),
            unit_id if role == "unit" else None,
            ADMIN,
        )
        found[role] = (private, key.key_id)
    return found


async def save_two_of_three(uow: FakeScoringUnitOfWork, *change_kinds: str) -> None:
    for change_kind in change_kinds:
        policy = ApprovalPolicy(change_kind=change_kind, required=2, roles=ROLES)
        await approvals.save_policy(uow, policy, ADMIN)


def sign(party: Party, change: LockedChange) -> ApprovalSignature:
    private, key_id = party
    return ApprovalSignature(key_id=key_id, signature=private.sign(change.message()))
