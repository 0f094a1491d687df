"""M-of-N approval of a change to a locked period.

Once a period is locked, an observation or a score changes only when M of the N parties named by
the policy (the unit, the assessor, the discipline inspection office ...) have signed exactly that
change with their own keys. A key counts once however often it signs, and a role counts once
however many of its keys sign, so one party can never make up a quorum alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from hashlib import sha256
from typing import Any

from services.common.errors import FieldProblem, ValidationFailed
from services.scoring.ledger import canonical_json, load_public_key, signature_valid

CHANGE_MESSAGE_PREFIX = "cadre-platform/locked-change/v1\n"


@dataclass(frozen=True)
class ApprovalPolicy:
    change_kind: str
    required: int
    roles: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.roles:
            raise ValidationFailed(
                FieldProblem("roles", "required", "a policy names at least one role", [])
            )
        if not 1 <= self.required <= len(set(self.roles)):
            raise ValidationFailed(
                FieldProblem(
                    "required",
                    "range",
                    f"must be between 1 and the {len(set(self.roles))} distinct roles named",
                    self.required,
                )
            )

    def describe(self) -> str:
        return f"{self.required} of {len(self.roles)} ({', '.join(self.roles)})"


@dataclass(frozen=True)
class ApprovalKey:
    """A party's public key. A unit's key speaks for that unit only."""

    key_id: str
    holder: str
    role: str
    public_key: str
    unit_id: str | None = None
    active: bool = True


@dataclass(frozen=True)
class LockedChange:
    """The change the parties sign: what record, in which locked period, becomes what, and why."""

    change_kind: str
    record_id: str
    period: str
    content: dict[str, Any]
    reason: str
    unit_id: str | None = None

    def as_record(self) -> dict[str, Any]:
        return {
            "change_kind": self.change_kind,
            "record_id": self.record_id,
            "period": self.period,
            "unit_id": self.unit_id,
            "content": self.content,
            "reason": self.reason,
        }

    def message(self) -> bytes:
        return (CHANGE_MESSAGE_PREFIX + canonical_json(self.as_record())).encode()

    def digest(self) -> str:
        return sha256(self.message()).hexdigest()


@dataclass(frozen=True)
class ApprovalSignature:
    key_id: str
    signature: bytes


@dataclass
class Tally:
    """Which signatures counted towards the quorum and why the others did not."""

    counted: list[ApprovalKey] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def roles(self) -> list[str]:
        return [key.role for key in self.counted]


def _refusal(
    key: ApprovalKey | None,
    signature: ApprovalSignature,
    change: LockedChange,
    policy: ApprovalPolicy,
    seen_keys: set[str],
    seen_roles: set[str],
) -> str | None:
    if key is None:
        return f"key {signature.key_id} is not registered"
    if signature.key_id in seen_keys:
        return f"key {key.key_id} ({key.holder}) signed more than once; it counts once"
    if not key.active:
        return f"key {key.key_id} ({key.holder}) is revoked"
    if key.role not in policy.roles:
        return f"key {key.key_id} ({key.holder}) holds role {key.role!r}, which this policy does not name"
    if key.unit_id is not None and key.unit_id != change.unit_id:
        return f"key {key.key_id} ({key.holder}) speaks for unit {key.unit_id}, not for unit {change.unit_id}"
    if not signature_valid(load_public_key(key.public_key), signature.signature, change.message()):
        return f"the signature of key {key.key_id} ({key.holder}) does not match this change"
    if key.role in seen_roles:
        return f"role {key.role!r} is already counted; key {key.key_id} ({key.holder}) adds no other party"
    return None


def tally(
    policy: ApprovalPolicy,
    keys: dict[str, ApprovalKey],
    change: LockedChange,
    signatures: list[ApprovalSignature],
) -> Tally:
    result = Tally()
    seen_keys: set[str] = set()
    seen_roles: set[str] = set()
    for signature in signatures:
        key = keys.get(signature.key_id)
        refusal = _refusal(key, signature, change, policy, seen_keys, seen_roles)
        if refusal:
            result.refused.append(refusal)
            continue
        assert key is not None  # an unknown key is refused above
        seen_keys.add(key.key_id)
        seen_roles.add(key.role)
        result.counted.append(key)
    return result


def require_quorum(
    policy: ApprovalPolicy,
    keys: dict[str, ApprovalKey],
    change: LockedChange,
    signatures: list[ApprovalSignature],
) -> Tally:
    """The tally when M distinct parties signed; otherwise a refusal that says what was missing."""
    result = tally(policy, keys, change, signatures)
    if len(result.counted) >= policy.required:
        return result
    counted = ", ".join(f"{key.key_id} ({key.role})" for key in result.counted) or "none"
    why = "; ".join(result.refused)
    raise ValidationFailed(
        FieldProblem(
            "signatures",
            "quorum",
            f"a change to locked period {change.period} needs {policy.describe()} distinct valid signatures; "
            f"got {len(result.counted)} [{counted}]" + (f": {why}" if why else ""),
            [signature.key_id for signature in signatures],
        )
    )
