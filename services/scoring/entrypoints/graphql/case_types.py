"""GraphQL types of the cases the evidence ledger records: approvals, locks, exemptions, appeals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from services.scoring.domain import appeals as appeal_rules
from services.scoring.domain.approvals import ApprovalKey, ApprovalPolicy
from services.scoring.domain.cases import Step, Subject
from services.scoring.domain.exemptions import Exemption, ExemptionCategory


@strawberry.type(description="Who took a step of a case, in which role, when and why.")
class CaseStep:
    by: str
    role: str
    at: datetime
    reason: str | None

    @classmethod
    def of(cls, step: Step | None) -> CaseStep | None:
        return cls(by=step.by, role=step.role, at=step.at, reason=step.reason) if step else None


@strawberry.type(description="The unit or cadre a case concerns.")
class CaseSubject:
    kind: str
    unit_id: strawberry.ID | None
    cadre_id: strawberry.ID | None

    @classmethod
    def of(cls, subject: Subject) -> CaseSubject:
        return cls(kind=subject.kind, unit_id=subject.unit_id, cadre_id=subject.cadre_id)


@strawberry.type(
    description="One of the published fault-tolerance exemption categories (editable data)."
)
class ExemptionCategoryType:
    code: str
    name: str
    description: str
    conditions: list[str]
    active: bool
    position: int

    @classmethod
    def of(cls, category: ExemptionCategory) -> ExemptionCategoryType:
        return cls(
            code=category.code,
            name=category.name,
            description=category.description,
            conditions=list(category.conditions),
            active=category.active,
            position=category.position,
        )


@strawberry.type(description="A supporting document, kept in the ledger by its SHA-256.")
class EvidenceDocument:
    name: str
    sha256: str


@strawberry.type(
    name="Exemption",
    description="A fault-tolerance exemption: when approved, the scoring run "
    "removes the deduction of its indicator for its unit or cadre and period.",
)
class ExemptionType:
    id: strawberry.ID
    subject: CaseSubject
    period: str
    category_code: str
    indicator_code: str
    reasons: str
    evidence: list[EvidenceDocument]
    status: str
    applied: CaseStep
    decision: CaseStep | None

    @classmethod
    def of(cls, exemption: Exemption) -> ExemptionType:
        return cls(
            id=strawberry.ID(exemption.id),
            subject=CaseSubject.of(exemption.subject),
            period=exemption.period,
            category_code=exemption.category_code,
            indicator_code=exemption.indicator_code,
            reasons=exemption.reasons,
            evidence=[EvidenceDocument(name=e.name, sha256=e.sha256) for e in exemption.evidence],
            status=exemption.status,
            applied=CaseStep.of(exemption.applied),
            decision=CaseStep.of(exemption.decision),
        )


@strawberry.type(
    name="Appeal",
    description="An appeal against a result: submitted -> under_review -> "
    "upheld | rejected; upheld asks for re-scoring.",
)
class AppealType:
    id: strawberry.ID
    subject: CaseSubject
    period: str
    indicator_code: str | None = strawberry.field(
        description="The indicator appealed; null for the whole result."
    )
    reasons: str
    status: str
    submitted: CaseStep
    review: CaseStep | None
    decision: CaseStep | None

    @classmethod
    def of(cls, appeal: appeal_rules.Appeal) -> AppealType:
        return cls(
            id=strawberry.ID(appeal.id),
            subject=CaseSubject.of(appeal.subject),
            period=appeal.period,
            indicator_code=appeal.indicator_code,
            reasons=appeal.reasons,
            status=appeal.status,
            submitted=CaseStep.of(appeal.submitted),
            review=CaseStep.of(appeal.review),
            decision=CaseStep.of(appeal.decision),
        )


@strawberry.type(
    description="Appeals of one period by status, and the appeal rate over the units and cadres "
    "on the roster."
)
class AppealStatistics:
    period: str
    total: int
    submitted: int
    under_review: int
    upheld: int
    rejected: int
    assessed: int
    appeal_rate: float | None
    upheld_share: float | None = strawberry.field(description="Upheld among decided appeals.")

    @classmethod
    def of(cls, counts: appeal_rules.AppealCounts) -> AppealStatistics:
        status = counts.by_status
        return cls(
            period=counts.period,
            total=counts.total,
            submitted=status.get(appeal_rules.SUBMITTED, 0),
            under_review=status.get(appeal_rules.UNDER_REVIEW, 0),
            upheld=status.get(appeal_rules.UPHELD, 0),
            rejected=status.get(appeal_rules.REJECTED, 0),
            assessed=counts.assessed,
            appeal_rate=counts.rate,
            upheld_share=counts.upheld_share,
        )


@strawberry.type(
    description="Re-scoring an upheld appeal asked for, not yet done by a scoring run."
)
class RescoringRequest:
    id: strawberry.ID
    subject: CaseSubject
    period: str
    cause: str
    cause_id: str
    requested_at: datetime


@strawberry.type(
    name="ApprovalKey",
    description="A party's Ed25519 public key for signing changes to locked "
    "periods; a unit's key speaks for that unit only.",
)
class ApprovalKeyType:
    key_id: str
    holder: str
    role: str
    unit_id: strawberry.ID | None
    public_key: str = strawberry.field(description="The raw 32-byte key, base64.")
    active: bool

    @classmethod
    def of(cls, key: ApprovalKey) -> ApprovalKeyType:
        return cls(
            key_id=key.key_id,
            holder=key.holder,
            role=key.role,
            unit_id=key.unit_id,
            public_key=key.public_key,
            active=key.active,
        )


@strawberry.type(
    name="ApprovalPolicy",
    description="How many distinct parties (roles) must sign a change to a "
    "locked period, and which.",
)
class ApprovalPolicyType:
    change_kind: str
    required: int
    roles: list[str]

    @classmethod
    def of(cls, policy: ApprovalPolicy) -> ApprovalPolicyType:
        return cls(
            change_kind=policy.change_kind, required=policy.required, roles=list(policy.roles)
        )


@strawberry.type(
    description="The exact text each party signs (Ed25519) to approve a change, and its digest."
)
class LockedChangeMessage:
    message: str
    digest: str
    policy: ApprovalPolicyType


@strawberry.type(
    description="A change to a locked period that M of N parties signed; used once by the "
    "revision that applies it."
)
class LockedChangeAuthorisation:
    id: strawberry.ID
    change_kind: str
    record_id: str
    period: str
    digest: str
    counted_keys: list[str]
    counted_roles: list[str]
    leaf_index: int
    authorised_by: str
    authorised_at: datetime


@strawberry.input
class EvidenceInput:
    name: str
    sha256: str = strawberry.field(description="64 lower-case hex digits.")


@strawberry.input
class ExemptionApplicationInput:
    unit_id: strawberry.ID | None = None
    cadre_id: strawberry.ID | None = None
    period: str
    category_code: str
    indicator_code: str = strawberry.field(
        description="The indicator whose deduction is to be removed."
    )
    reasons: str
    evidence: list[EvidenceInput]


@strawberry.input
class ExemptionCategoryInput:
    code: str
    name: str
    description: str
    conditions: list[str] = strawberry.field(default_factory=list)
    active: bool = True
    position: int = 0


@strawberry.input
class AppealInput:
    unit_id: strawberry.ID | None = None
    cadre_id: strawberry.ID | None = None
    period: str
    indicator_code: str | None = None
    reasons: str


@strawberry.input
class ApprovalKeyInput:
    holder: str
    role: str = strawberry.field(description="e.g. unit, assessor, discipline_inspection.")
    public_key: str = strawberry.field(
        description="Ed25519 public key: PEM, or 32 bytes in base64 or hex."
    )
    unit_id: strawberry.ID | None = None


@strawberry.input
class ApprovalPolicyInput:
    change_kind: str
    required: int
    roles: list[str]


@strawberry.input
class LockedChangeInput:
    change_kind: str = strawberry.field(description="observation or score (see approvalPolicies).")
    record_id: str = strawberry.field(
        description="observation: '<unitId>/<indicatorCode>/<period>' with content "
        "{value, unit_of_measure}; score: 'period/<period>' with content {rescore: "
        "<period>} (a new scoring run of the locked period)."
    )
    period: str
    unit_id: strawberry.ID | None = None
    content: JSON = strawberry.field(description="The record as it is to become (a JSON object).")
    reason: str


@strawberry.input
class ApprovalSignatureInput:
    key_id: str
    signature: str = strawberry.field(
        description="Ed25519 signature of the change message, base64 or hex."
    )


@strawberry.input
class EvidenceRecordInput:
    sha256: str
    name: str
    unit_id: strawberry.ID | None = None
    cadre_id: strawberry.ID | None = None
    period: str
    indicator_code: str | None = None


@strawberry.type(
    description="A locked period: its observations and scores change only with M-of-N approval."
)
class PeriodLock:
    period: str
    reason: str
    locked_by: str
    locked_role: str
    locked_at: datetime
    leaf_index: int

    @classmethod
    def of(cls, row: Any) -> PeriodLock:
        return cls(
            period=row.period,
            reason=row.reason,
            locked_by=row.locked_by,
            locked_role=row.locked_role,
            locked_at=row.locked_at,
            leaf_index=row.leaf_index,
        )
