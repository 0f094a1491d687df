"""The ledger's part of the scoring subgraph: checkpoints and proofs, approvals of changes to
locked periods, exemptions and appeals. Resolvers stay thin: one handler call each."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine

import strawberry
from strawberry.types import Info

from services.common.auth import Role
from services.common.errors import (
    FieldProblem,
    NotFound,
    PermissionDenied,
    ValidationFailed,
    invalid,
)
from services.common.graphql import principal_of, roles
from services.scoring.adapters import ledger_appeals, ledger_approvals, ledger_exemptions
from services.scoring.adapters import ledger_locks as ledger_locks_store
from services.scoring.adapters.ledger_cases import CaseTable
from services.scoring.adapters.ledger_keys import checkpoint_signer
from services.scoring.domain.ledger.approval import ApprovalPolicy, ApprovalSignature, LockedChange
from services.scoring.domain.ledger.checkpoint import ORIGIN
from services.scoring.domain.ledger.exemptions import EvidenceItem, ExemptionCategory
from services.scoring.domain.ledger.leaves import check_reference
from services.scoring.domain.ledger.signatures import decode_signature, public_key_pem
from services.scoring.domain.ledger.workflow import Subject
from services.scoring.entrypoints.ledger_graphql_types import (
    AppealInput,
    AppealStatistics,
    AppealType,
    ApprovalKeyInput,
    ApprovalKeyType,
    ApprovalPolicyInput,
    ApprovalPolicyType,
    ApprovalSignatureInput,
    CaseSubject,
    EvidenceRecordInput,
    ExemptionApplicationInput,
    ExemptionCategoryInput,
    ExemptionCategoryType,
    ExemptionType,
    LedgerCheckpoint,
    LedgerConsistencyProof,
    LedgerInclusionProof,
    LedgerLeaf,
    LedgerPublicKey,
    LockedChangeAuthorisation,
    LockedChangeInput,
    LockedChangeMessage,
    PeriodLock,
    RescoringRequest,
)
from services.scoring.service_layer import (
    appeals,
    exemptions,
    ledger,
    ledger_locks,
    ledger_rescoring,
)
from services.scoring.service_layer import ledger_approvals as approvals
from services.scoring.service_layer.ledger_evidence import record_evidence
from services.scoring.service_layer.ledger_subjects import visible_scope

OVERSEERS = (Role.ADMIN, Role.ASSESSOR)
CASE_PARTIES = (Role.ADMIN, Role.ASSESSOR, Role.UNIT_REPORTER, Role.CADRE)
APPLICANTS = (Role.ADMIN, Role.UNIT_REPORTER, Role.CADRE)
MAX_PAGE = 1000


# Runs started after a request (re-scoring an upheld appeal's period), kept until they finish.
_BACKGROUND: set[asyncio.Task] = set()


def _in_background(work: Coroutine) -> None:
    task = asyncio.create_task(work)
    _BACKGROUND.add(task)
    task.add_done_callback(_BACKGROUND.discard)


def _session(info: Info):
    return info.context.platform.session_factory()


def _uow(info: Info):
    return info.context.platform.unit_of_work()


def _page(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE:
        raise invalid("limit", "range", f"must be between 1 and {MAX_PAGE}", limit)
    return limit


def _change(change: LockedChangeInput) -> LockedChange:
    if not isinstance(change.content, dict):
        raise invalid(
            "content", "object", "the new content of the record is a JSON object", change.content
        )
    check_reference(change.change_kind, change.record_id)
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
        raw = decode_signature(item.signature)
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


def _require_case_reader(info: Info, subject: Subject) -> None:
    principal = principal_of(info)
    if principal.role in OVERSEERS:
        return
    if principal.role is Role.CADRE and principal.cadre_id == subject.cadre_id:
        return
    if (
        principal.role is Role.UNIT_REPORTER
        and subject.unit_id
        and principal.unit_id == subject.unit_id
    ):
        return
    raise PermissionDenied("this case concerns another unit or cadre")


async def _search(
    info: Info,
    cases: CaseTable,
    period: str | None,
    status: str | None,
    unit_id: str | None,
    cadre_id: str | None,
    limit: int,
    offset: int,
) -> list:
    """Cases the caller may see: a unit reporter's unit, a cadre's own, anything for overseers."""
    unit_id, cadre_id = visible_scope(principal_of(info), unit_id, cadre_id)
    async with _session(info) as session:
        return await cases.search(session, period, status, unit_id, cadre_id, _page(limit), offset)


async def _one(info: Info, cases: CaseTable, case_id: str):
    async with _session(info) as session:
        found = await cases.get(session, case_id)
    if found is not None:
        _require_case_reader(info, found.subject)
    return found


@strawberry.type
class LedgerQuery:
    @strawberry.field(
        extensions=roles(*CASE_PARTIES),
        description="The latest signed checkpoint, or the one of a given tree size.",
    )
    async def ledger_checkpoint(self, info: Info, tree_size: int | None = None) -> LedgerCheckpoint:
        async with _session(info) as session:
            return LedgerCheckpoint.of(await ledger.signed_checkpoint(session, tree_size))

    @strawberry.field(
        extensions=roles(*CASE_PARTIES),
        description="Signed checkpoints in size order, for copies kept outside the platform.",
    )
    async def ledger_checkpoints(
        self, info: Info, after_size: int = 0, limit: int = 100
    ) -> list[LedgerCheckpoint]:
        async with _session(info) as session:
            return [
                LedgerCheckpoint.of(c)
                for c in await ledger.checkpoints(session, after_size, _page(limit))
            ]

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    def ledger_public_key(self) -> LedgerPublicKey:
        signer = checkpoint_signer()
        return LedgerPublicKey(
            key_id=signer.key_id, public_key_pem=public_key_pem(signer.public_key), origin=ORIGIN
        )

    @strawberry.field(
        extensions=roles(*OVERSEERS),
        description="Every leaf recorded about one record, oldest first.",
    )
    async def ledger_record_history(
        self, info: Info, kind: str, record_id: str
    ) -> list[LedgerLeaf]:
        async with _session(info) as session:
            return [
                LedgerLeaf.of(index, data)
                for index, data in await ledger.history(session, kind, record_id)
            ]

    @strawberry.field(
        extensions=roles(Role.ADMIN), description="Leaves in index order, to mirror the log."
    )
    async def ledger_leaves(
        self, info: Info, from_index: int = 0, limit: int = 100
    ) -> list[LedgerLeaf]:
        async with _session(info) as session:
            return [
                LedgerLeaf.of(i, data)
                for i, data in await ledger.leaves(session, from_index, _page(limit))
            ]

    @strawberry.field(extensions=roles(*OVERSEERS))
    async def ledger_inclusion_proof(
        self, info: Info, leaf_index: int, tree_size: int | None = None
    ) -> LedgerInclusionProof:
        async with _session(info) as session:
            return LedgerInclusionProof.of(
                await ledger.inclusion_proof(session, leaf_index, tree_size)
            )

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def ledger_consistency_proof(
        self, info: Info, from_size: int, to_size: int | None = None
    ) -> LedgerConsistencyProof:
        async with _session(info) as session:
            return LedgerConsistencyProof.of(
                await ledger.consistency_proof(session, from_size, to_size)
            )

    @strawberry.field(extensions=roles(*OVERSEERS))
    async def approval_keys(self, info: Info) -> list[ApprovalKeyType]:
        async with _session(info) as session:
            return [
                ApprovalKeyType.of(key) for key in (await ledger_approvals.keys(session)).values()
            ]

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def approval_policies(self, info: Info) -> list[ApprovalPolicyType]:
        async with _session(info) as session:
            return [
                ApprovalPolicyType.of(policy) for policy in await ledger_approvals.policies(session)
            ]

    @strawberry.field(
        extensions=roles(*CASE_PARTIES), description="What each party signs to approve a change."
    )
    async def locked_change_message(
        self, info: Info, change: LockedChangeInput
    ) -> LockedChangeMessage:
        locked = _change(change)
        async with _session(info) as session:
            policy = await ledger_approvals.policy(session, locked.change_kind)
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

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def exemption_categories(
        self, info: Info, include_inactive: bool = False
    ) -> list[ExemptionCategoryType]:
        async with _session(info) as session:
            found = await ledger_exemptions.categories(session, include_inactive)
        return [ExemptionCategoryType.of(category) for category in found]

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def exemptions(
        self,
        info: Info,
        period: str | None = None,
        status: str | None = None,
        unit_id: strawberry.ID | None = None,
        cadre_id: strawberry.ID | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[ExemptionType]:
        found = await _search(
            info, ledger_exemptions.CASES, period, status, unit_id, cadre_id, limit, offset
        )
        return [ExemptionType.of(exemption) for exemption in found]

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def exemption(self, info: Info, id: strawberry.ID) -> ExemptionType | None:
        found = await _one(info, ledger_exemptions.CASES, id)
        return ExemptionType.of(found) if found else None

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def appeals(
        self,
        info: Info,
        period: str | None = None,
        status: str | None = None,
        unit_id: strawberry.ID | None = None,
        cadre_id: strawberry.ID | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[AppealType]:
        found = await _search(
            info, ledger_appeals.CASES, period, status, unit_id, cadre_id, limit, offset
        )
        return [AppealType.of(appeal) for appeal in found]

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def appeal(self, info: Info, id: strawberry.ID) -> AppealType | None:
        found = await _one(info, ledger_appeals.CASES, id)
        return AppealType.of(found) if found else None

    @strawberry.field(
        extensions=roles(*OVERSEERS),
        description="How many appeals a period had, by status, and the appeal rate.",
    )
    async def appeal_statistics(self, info: Info, period: str) -> AppealStatistics:
        async with _session(info) as session:
            return AppealStatistics.of(await appeals.counts(session, period))

    @strawberry.field(extensions=roles(*CASE_PARTIES))
    async def period_locks(self, info: Info) -> list[PeriodLock]:
        async with _session(info) as session:
            rows = await ledger_locks_store.all_locks(session)
        return [PeriodLock.of(row) for row in rows]

    @strawberry.field(extensions=roles(*OVERSEERS))
    async def pending_rescoring(
        self, info: Info, period: str | None = None
    ) -> list[RescoringRequest]:
        async with _session(info) as session:
            rows = await ledger_rescoring.pending(session, period)
        return [
            RescoringRequest(
                id=strawberry.ID(str(row.id)),
                subject=CaseSubject.of(Subject(row.unit_id, row.cadre_id)),
                period=row.period,
                cause=row.cause,
                cause_id=row.cause_id,
                requested_at=row.requested_at,
            )
            for row in rows
        ]


@strawberry.type
class LedgerMutation:
    @strawberry.mutation(extensions=roles(Role.ADMIN))
    async def register_approval_key(self, info: Info, input: ApprovalKeyInput) -> ApprovalKeyType:
        async with _uow(info) as uow:
            key = await approvals.register_key(
                uow, input.holder, input.role, input.public_key, input.unit_id, principal_of(info)
            )
        return ApprovalKeyType.of(key)

    @strawberry.mutation(extensions=roles(Role.ADMIN))
    async def revoke_approval_key(self, info: Info, key_id: str) -> ApprovalKeyType:
        async with _uow(info) as uow:
            key = await approvals.revoke_key(uow, key_id, principal_of(info))
        return ApprovalKeyType.of(key)

    @strawberry.mutation(extensions=roles(Role.ADMIN))
    async def save_approval_policy(
        self, info: Info, input: ApprovalPolicyInput
    ) -> ApprovalPolicyType:
        check_reference(input.change_kind, "policy")
        policy = ApprovalPolicy(
            change_kind=input.change_kind, required=input.required, roles=tuple(input.roles)
        )
        async with _uow(info) as uow:
            await approvals.save_policy(uow, policy, principal_of(info))
        return ApprovalPolicyType.of(policy)

    @strawberry.mutation(
        extensions=roles(Role.ADMIN),
        description="Locks a period (and its quarters and months): "
        "from now on its observations and scores change only with M-of-N approval.",
    )
    async def lock_period(self, info: Info, period: str, reason: str) -> PeriodLock:
        principal = principal_of(info)
        async with _uow(info) as uow:
            await ledger_locks.lock_period(uow, period, reason, principal)
        async with _session(info) as session:
            row = await ledger_locks_store.get(session, period)
        return PeriodLock.of(row)

    @strawberry.mutation(
        extensions=roles(Role.ADMIN),
        description="Lifts a period's lock, once the parties have "
        "authorised it (change kind period_unlock, record 'unlock/<period>', content {unlock: "
        "<period>}).",
    )
    async def unlock_period(self, info: Info, period: str) -> str:
        async with _uow(info) as uow:
            await ledger_locks.unlock_period(uow, period, principal_of(info))
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
        async with _uow(info) as uow:
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

    @strawberry.mutation(
        extensions=roles(Role.ADMIN), description="Adds or edits an exemption category."
    )
    async def save_exemption_category(
        self, info: Info, input: ExemptionCategoryInput
    ) -> ExemptionCategoryType:
        category = ExemptionCategory(
            code=input.code,
            name=input.name,
            description=input.description,
            conditions=tuple(input.conditions),
            active=input.active,
            position=input.position,
        )
        async with _uow(info) as uow:
            await exemptions.save_category(uow, category, principal_of(info))
        return ExemptionCategoryType.of(category)

    @strawberry.mutation(extensions=roles(*APPLICANTS))
    async def apply_for_exemption(
        self, info: Info, input: ExemptionApplicationInput
    ) -> ExemptionType:
        evidence = [EvidenceItem(name=item.name, sha256=item.sha256) for item in input.evidence]
        async with _uow(info) as uow:
            exemption = await exemptions.apply(
                uow,
                Subject(unit_id=input.unit_id, cadre_id=input.cadre_id),
                input.period,
                input.category_code,
                input.indicator_code,
                input.reasons,
                evidence,
                principal_of(info),
            )
        return ExemptionType.of(exemption)

    @strawberry.mutation(extensions=roles(*OVERSEERS))
    async def decide_exemption(
        self, info: Info, id: strawberry.ID, approve: bool, reason: str
    ) -> ExemptionType:
        async with _uow(info) as uow:
            exemption = await exemptions.decide(uow, id, approve, reason, principal_of(info))
        return ExemptionType.of(exemption)

    @strawberry.mutation(extensions=roles(*APPLICANTS))
    async def submit_appeal(self, info: Info, input: AppealInput) -> AppealType:
        async with _uow(info) as uow:
            appeal = await appeals.submit(
                uow,
                Subject(unit_id=input.unit_id, cadre_id=input.cadre_id),
                input.period,
                input.reasons,
                principal_of(info),
                input.indicator_code,
            )
        return AppealType.of(appeal)

    @strawberry.mutation(extensions=roles(*OVERSEERS))
    async def start_appeal_review(self, info: Info, id: strawberry.ID) -> AppealType:
        async with _uow(info) as uow:
            appeal = await appeals.start_review(uow, id, principal_of(info))
        return AppealType.of(appeal)

    @strawberry.mutation(extensions=roles(*OVERSEERS))
    async def decide_appeal(
        self, info: Info, id: strawberry.ID, upheld: bool, reason: str
    ) -> AppealType:
        async with _uow(info) as uow:
            appeal = await appeals.decide(uow, id, upheld, reason, principal_of(info))
        if appeal.upheld:
            _in_background(appeals.rescore_after_upheld(info.context.platform.unit_of_work, appeal))
        return AppealType.of(appeal)

    @strawberry.mutation(
        extensions=roles(Role.ADMIN, Role.ASSESSOR, Role.UNIT_REPORTER),
        description="Records an evidence file's SHA-256 in the ledger; returns its leaf.",
    )
    async def record_evidence(self, info: Info, input: EvidenceRecordInput) -> LedgerLeaf:
        item = EvidenceItem(name=input.name, sha256=input.sha256)
        async with _uow(info) as uow:
            leaf = await record_evidence(
                uow,
                Subject(unit_id=input.unit_id, cadre_id=input.cadre_id),
                input.period,
                item,
                input.indicator_code,
                principal_of(info),
            )
        async with _session(info) as session:
            found = await ledger.leaf_at(session, leaf.index)
        if found is None:
            raise NotFound(f"leaf {leaf.index} vanished after it was recorded")
        return LedgerLeaf.of(leaf.index, found)
