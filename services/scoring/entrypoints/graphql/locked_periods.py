"""Locked periods: approval keys and policies, locks, and M-of-N authorised changes to them."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from services.common.auth import Role
from services.common.errors import FieldProblem, ValidationFailed, invalid
from services.common.graphql import principal_of, roles
from services.scoring import ledger
from services.scoring.adapters import approval_repository, period_lock_repository
from services.scoring.domain.access import CASE_PARTIES, OVERSEERS
from services.scoring.domain.approvals import ApprovalPolicy, ApprovalSignature, LockedChange
from services.scoring.entrypoints.graphql.case_types import (
    ApprovalKeyInput,
    ApprovalKeyType,
    ApprovalPolicyInput,
    ApprovalPolicyType,
    ApprovalSignatureInput,
    LockedChangeAuthorisation,
    LockedChangeInput,
    LockedChangeMessage,
    PeriodLock,
)
from services.scoring.service_layer import approvals, period_locks
from services.scoring.service_layer.unit_of_work import scoring_unit_of_work


def _change(change: LockedChangeInput) -> LockedChange:
    if not isinstance(change.content, dict):
        raise invalid(
            "content", "object", "the new content of the record is a JSON object", change.content
        )
    ledger.check_reference(change.change_kind, change.record_id)
    return LockedChange(
        change_kind=change.change_kind,
        record_id=change.record_id,
        period=change.period,
        content=change.content,
        reason=change.reason,
        unit_id=change.unit_id,
    )


def _signatures(signatures: list[ApprovalSignatureInput]) -> list[ApprovalSignature]:
    decoded, problems = [], []
    for position, item in enumerate(signatures):
        raw = ledger.decode_signature(item.signature)
        if raw is None:
            problems.append(
                FieldProblem(
                    f"signatures[{position}].signature",
                    "ed25519",
                    "an Ed25519 signature is 64 bytes in base64 or hex",
                    item.signature[:100],
                )
            )
        else:
            decoded.append(ApprovalSignature(key_id=item.key_id, signature=raw))
    if problems:
        raise ValidationFailed(problems)
    return decoded


@strawberry.type
class ApprovalQuery:
    @strawberry.field(extensions=roles(*OVERSEERS))
    async def approval_keys(self, info: Info) -> list[ApprovalKeyType]:
        async with info.context.platform.session_factory() as session:
            return [
                ApprovalKeyType.of(key)
                for key in (await approval_repository.keys(session)).values()
            ]

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def approval_policies(self, info: Info) -> list[ApprovalPolicyType]:
        async with info.context.platform.session_factory() as session:
            return [
                ApprovalPolicyType.of(policy)
                for policy in await approval_repository.policies(session)
            ]

    @strawberry.field(
        extensions=roles(*CASE_PARTIES), description="What each party signs to approve a change."
    )
    async def locked_change_message(
        self, info: Info, change: LockedChangeInput
    ) -> LockedChangeMessage:
        locked = _change(change)
        async with info.context.platform.session_factory() as session:
            policy = await approval_repository.policy(session, locked.change_kind)
        if policy is None:
            raise invalid(
                "changeKind",
                "one_of",
                "no approval policy for this kind of change",
                locked.change_kind,
            )
        return LockedChangeMessage(
            message=locked.message().decode(),
            digest=locked.digest(),
            policy=ApprovalPolicyType.of(policy),
        )


@strawberry.type
class PeriodLockQuery:
    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def period_locks(self, info: Info) -> list[PeriodLock]:
        async with info.context.platform.session_factory() as session:
            rows = await period_lock_repository.all_locks(session)
        return [PeriodLock.of(row) for row in rows]


@strawberry.type
class LockedPeriodMutation:
    @strawberry.mutation(extensions=roles(Role.ADMIN))
    async def register_approval_key(self, info: Info, input: ApprovalKeyInput) -> ApprovalKeyType:
        async with scoring_unit_of_work(info.context.platform) as uow:
            key = await approvals.register_key(
                uow, input.holder, input.role, input.public_key, input.unit_id, principal_of(info)
            )
        return ApprovalKeyType.of(key)

    @strawberry.mutation(extensions=roles(Role.ADMIN))
    async def revoke_approval_key(self, info: Info, key_id: str) -> ApprovalKeyType:
        async with scoring_unit_of_work(info.context.platform) as uow:
            key = await approvals.revoke_key(uow, key_id, principal_of(info))
        return ApprovalKeyType.of(key)

    @strawberry.mutation(extensions=roles(Role.ADMIN))
    async def save_approval_policy(
        self, info: Info, input: ApprovalPolicyInput
    ) -> ApprovalPolicyType:
        ledger.check_reference(input.change_kind, "policy")
        policy = ApprovalPolicy(
            change_kind=input.change_kind, required=input.required, roles=tuple(input.roles)
        )
        async with scoring_unit_of_work(info.context.platform) as uow:
            await approvals.save_policy(uow, policy, principal_of(info))
        return ApprovalPolicyType.of(policy)

    @strawberry.mutation(
        extensions=roles(Role.ADMIN),
        description="Locks a period (and its quarters and months): "
        "from now on its observations and scores change only with M-of-N approval.",
    )
    async def lock_period(self, info: Info, period: str, reason: str) -> PeriodLock:
        principal = principal_of(info)
        async with scoring_unit_of_work(info.context.platform) as uow:
            await period_locks.lock_period(uow, period, reason, principal)
        async with info.context.platform.session_factory() as session:
            row = await period_lock_repository.get(session, period)
        return PeriodLock.of(row)

    @strawberry.mutation(
        extensions=roles(Role.ADMIN),
        description="Lifts a period's lock, once the parties have "
        "authorised it (change kind period_unlock, record 'unlock/<period>', content {unlock: "
        "<period>}).",
    )
    async def unlock_period(self, info: Info, period: str) -> str:
        async with scoring_unit_of_work(info.context.platform) as uow:
            await period_locks.unlock_period(uow, period, principal_of(info))
        return period

    @strawberry.mutation(
        extensions=roles(*OVERSEERS),
        description="Records a change to a locked period signed by "
        "enough distinct parties; refused when fewer than the policy's M signed.",
    )
    async def authorise_locked_change(
        self, info: Info, change: LockedChangeInput, signatures: list[ApprovalSignatureInput]
    ) -> LockedChangeAuthorisation:
        locked, signed = _change(change), _signatures(signatures)
        async with scoring_unit_of_work(info.context.platform) as uow:
            done = await approvals.authorise(uow, locked, signed, principal_of(info))
        return LockedChangeAuthorisation(
            id=strawberry.ID(done.id),
            change_kind=locked.change_kind,
            record_id=locked.record_id,
            period=locked.period,
            digest=done.digest,
            counted_keys=[k.key_id for k in done.counted],
            counted_roles=[k.role for k in done.counted],
            leaf_index=done.leaf_index,
            authorised_by=done.authorised_by,
            authorised_at=done.authorised_at,
        )
