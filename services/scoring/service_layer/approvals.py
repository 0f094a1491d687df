"""Changes to a locked period: who may sign them, how many must, and their one-time authorisation.

The scoring handler that revises an observation or a score in a locked period calls `apply`
with the authorisation id in its own unit of work; the change it makes must be exactly the one
the parties signed, and an authorisation is used once.
"""

from __future__ import annotations

import base64
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from services.common.auth import Principal
from services.common.errors import Conflict, FieldProblem, NotFound, ValidationFailed, invalid
from services.scoring import ledger
from services.scoring.adapters.approval_repository import StoredAuthorisation
from services.scoring.domain.approvals import (
    ApprovalKey,
    ApprovalPolicy,
    ApprovalSignature,
    LockedChange,
    require_quorum,
)
from services.scoring.domain.cases import period_problem, require
from services.scoring.ledger import canonical_json, load_public_key, raw_public_key
from services.scoring.ledger import key_id as key_id_of
from services.scoring.service_layer import log_entries
from services.scoring.service_layer.unit_of_work import ScoringUnitOfWork

APPROVAL_KEY = "approval_key"
APPROVAL_POLICY = "approval_policy"
ROLE_PATTERN = re.compile(r"^[a-z][a-z_]{1,39}$")


def _now() -> datetime:
    return datetime.now(UTC)


def _key_record(key: ApprovalKey, by: str, at: datetime, event: str) -> dict[str, Any]:
    return {
        "event": event,
        "key_id": key.key_id,
        "holder": key.holder,
        "role": key.role,
        "unit_id": key.unit_id,
        "public_key": key.public_key,
        "by": by,
        "at": at,
    }


async def register_key(
    uow: ScoringUnitOfWork,
    holder: str,
    role: str,
    public_key: str,
    unit_id: str | None,
    by: Principal,
) -> ApprovalKey:
    """Registers a party's public key; the private key never reaches the platform."""
    try:
        loaded = load_public_key(public_key)
    except ValueError as error:
        raise invalid("publicKey", "ed25519", str(error), public_key[:80]) from None
    require(
        None
        if holder.strip()
        else FieldProblem("holder", "required", "name who holds the key", holder),
        None
        if ROLE_PATTERN.match(role)
        else FieldProblem(
            "role",
            "pattern",
            "a role is lower-case letters and '_' (e.g. unit, assessor, discipline_inspection)",
            role,
        ),
    )
    key = ApprovalKey(
        key_id=key_id_of(loaded),
        holder=holder.strip(),
        role=role,
        public_key=base64.b64encode(raw_public_key(loaded)).decode(),
        unit_id=unit_id or None,
    )
    existing = await uow.approvals.key_with_public_key(key.public_key)
    if existing is not None:
        raise Conflict(
            f"this public key is already registered as key {existing.key_id} ({existing.holder})"
        )
    at = _now()
    await uow.approvals.add_key(key, by.subject, at)
    await uow.log.record(APPROVAL_KEY, key.key_id, _key_record(key, by.subject, at, "registered"))
    return key


async def revoke_key(uow: ScoringUnitOfWork, key_id: str, by: Principal) -> ApprovalKey:
    at = _now()
    key = await uow.approvals.revoke_key(key_id, by.subject, at)
    if key is None:
        raise NotFound(f"no active approval key {key_id!r}")
    await uow.log.record(APPROVAL_KEY, key.key_id, _key_record(key, by.subject, at, "revoked"))
    return key


async def save_policy(
    uow: ScoringUnitOfWork, saved: ApprovalPolicy, by: Principal
) -> ApprovalPolicy:
    at = _now()
    await uow.approvals.save_policy(saved, by.subject, at)
    await uow.log.record(
        APPROVAL_POLICY,
        saved.change_kind,
        {
            "change_kind": saved.change_kind,
            "required": saved.required,
            "roles": list(saved.roles),
            "by": by.subject,
            "at": at,
        },
    )
    return saved


async def _policy_for(uow: ScoringUnitOfWork, change: LockedChange) -> ApprovalPolicy:
    found = await uow.approvals.policy(change.change_kind)
    if found is None:
        known = ", ".join(p.change_kind for p in await uow.approvals.policies())
        raise invalid(
            "changeKind",
            "one_of",
            f"no approval policy for this kind of change (known: {known})",
            change.change_kind,
        )
    return found


@dataclass(frozen=True)
class Authorisation:
    id: str
    change: LockedChange
    digest: str
    counted: list[ApprovalKey]
    leaf_index: int
    authorised_by: str
    authorised_at: datetime
    applied_at: datetime | None = None


async def authorise(
    uow: ScoringUnitOfWork, change: LockedChange, signatures: list[ApprovalSignature], by: Principal
) -> Authorisation:
    """Checks the quorum and records the authorisation as a leaf; refuses with the reason otherwise."""
    require(period_problem(change.period))
    policy = await _policy_for(uow, change)
    keys = await uow.approvals.keys({signature.key_id for signature in signatures})
    tally = require_quorum(policy, keys, change, signatures)
    at = _now()
    authorisation_id = f"LC-{uuid.uuid4().hex[:16]}"
    counted = [
        {"key_id": key.key_id, "role": key.role, "holder": key.holder} for key in tally.counted
    ]
    signed = [
        {"key_id": s.key_id, "signature": s.signature.hex()}
        for s in signatures
        if s.key_id in {key.key_id for key in tally.counted}
    ]
    leaf = await uow.log.record(
        log_entries.LOCKED_CHANGE,
        authorisation_id,
        {
            "event": "authorised",
            "change": change.as_record(),
            "digest": change.digest(),
            "counted": counted,
            "signatures": signed,
            "policy": policy.describe(),
            "by": by.subject,
            "at": at,
        },
    )
    await uow.approvals.add_authorisation(
        {
            "id": authorisation_id,
            "change_kind": change.change_kind,
            "record_id": change.record_id,
            "period": change.period,
            "unit_id": change.unit_id,
            "content": change.content,
            "reason": change.reason,
            "digest": change.digest(),
            "signatures": signed,
            "authorised_by": by.subject,
            "authorised_role": by.role.value,
            "authorised_at": at,
            "leaf_index": leaf.index,
        },
    )
    return Authorisation(
        id=authorisation_id,
        change=change,
        digest=change.digest(),
        counted=tally.counted,
        leaf_index=leaf.index,
        authorised_by=by.subject,
        authorised_at=at,
    )


async def _signed_as_recorded(uow: ScoringUnitOfWork, row: StoredAuthorisation) -> None:
    """The authorisation row is only a pointer: what is obeyed is its leaf, proven in the signed log,
    naming this change, with signatures that still make the quorum (a key revoked since counts no more)."""
    record = await uow.log.proven_record(row.leaf_index)
    recorded = (
        record.content
        if record.kind == log_entries.LOCKED_CHANGE and record.record_id == row.id
        else {}
    )
    change = LockedChange(**recorded["change"]) if recorded.get("event") == "authorised" else None
    if (
        change is None
        or change.digest() != row.digest
        or canonical_json(change.content) != canonical_json(row.content)
    ):
        raise ledger.LedgerIntegrityError(
            f"authorisation {row.id} does not match its ledger leaf {row.leaf_index}: it was written outside the "
            "service and is not obeyed; run the verifier"
        )
    signatures = [
        ApprovalSignature(s["key_id"], bytes.fromhex(s["signature"]))
        for s in recorded["signatures"]
    ]
    keys = await uow.approvals.keys({signature.key_id for signature in signatures})
    require_quorum(await _policy_for(uow, change), keys, change, signatures)


async def apply(
    uow: ScoringUnitOfWork,
    authorisation_id: str,
    change_kind: str,
    record_id: str,
    content: dict[str, Any],
) -> int:
    """Uses an authorisation for the change it covers, once; returns the leaf recording its use.

    Call it in the unit of work that writes the new revision, with exactly the signed content.
    """
    row = await uow.approvals.authorisation(authorisation_id, for_update=True)
    if row is None:
        raise invalid("authorisationId", "exists", "no authorisation has this id", authorisation_id)
    if row.applied_at is not None:
        raise Conflict(
            f"authorisation {authorisation_id} was already used at {row.applied_at.isoformat()}"
        )
    problems = []
    if (row.change_kind, row.record_id) != (change_kind, record_id):
        problems.append(
            FieldProblem(
                "authorisationId",
                "matches",
                f"covers {row.change_kind} {row.record_id}, not {change_kind} {record_id}",
                authorisation_id,
            )
        )
    if canonical_json(row.content) != canonical_json(content):
        problems.append(
            FieldProblem(
                "content", "matches", "differs from the content the parties signed", content
            )
        )
    if problems:
        raise ValidationFailed(problems)
    await _signed_as_recorded(uow, row)
    at = _now()
    leaf = await uow.log.record(
        log_entries.LOCKED_CHANGE,
        authorisation_id,
        {
            "event": "applied",
            "change_kind": change_kind,
            "record_id": record_id,
            "digest": row.digest,
            "at": at,
        },
    )
    await uow.approvals.mark_applied(authorisation_id, at, leaf.index)
    return leaf.index
