"""Fault-tolerance exemptions: a unit or cadre applies, an assessor decides, the scoring run obeys.

The categories are data the department edits (the published list of seven). An approved
exemption removes the deduction of one indicator in one period for one unit or cadre; the
scoring run shows it in the breakdown, so it is recorded and never silently applied.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from services.common.errors import FieldProblem, PermissionDenied
from services.scoring.domain.cases import (
    Step,
    Subject,
    covers,
    period_problem,
    require,
    require_transition,
    text_problem,
)

SUBMITTED, APPROVED, REJECTED = "submitted", "approved", "rejected"
STATUSES = (SUBMITTED, APPROVED, REJECTED)
NEXT = {SUBMITTED: (APPROVED, REJECTED)}
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ExemptionCategory:
    code: str
    name: str
    description: str
    conditions: tuple[str, ...] = ()
    active: bool = True
    position: int = 0

    def __post_init__(self) -> None:
        require(
            None
            if CODE_PATTERN.match(self.code or "")
            else FieldProblem(
                "code",
                "pattern",
                "a category code is lower-case letters, digits and '_'",
                self.code,
            ),
            text_problem("name", self.name),
            text_problem("description", self.description),
        )


@dataclass(frozen=True)
class EvidenceItem:
    """A supporting document, known by its SHA-256: the ledger keeps the hash, not the file."""

    name: str
    sha256: str

    def problem(self, position: int) -> FieldProblem | None:
        if not self.name.strip():
            return FieldProblem(
                f"evidence[{position}].name", "required", "name the document", self.name
            )
        if not SHA256_PATTERN.match(self.sha256):
            return FieldProblem(
                f"evidence[{position}].sha256",
                "pattern",
                "a SHA-256 is 64 lower-case hex digits",
                self.sha256,
            )
        return None


@dataclass(frozen=True)
class Exemption:
    id: str
    subject: Subject
    period: str
    category_code: str
    indicator_code: str
    reasons: str
    evidence: tuple[EvidenceItem, ...]
    applied: Step
    status: str = SUBMITTED
    decision: Step | None = None

    @classmethod
    def apply(
        cls,
        id: str,
        subject: Subject,
        period: str,
        category: ExemptionCategory | None,
        category_code: str,
        indicator_code: str,
        reasons: str,
        evidence: Iterable[EvidenceItem],
        applied: Step,
    ) -> Exemption:
        evidence = tuple(evidence)
        problems = [
            period_problem(period),
            text_problem("reasons", reasons, minimum=10),
            None
            if indicator_code.strip()
            else FieldProblem(
                "indicatorCode",
                "required",
                "name the indicator whose deduction is to be removed",
                indicator_code,
            ),
            None
            if evidence
            else FieldProblem("evidence", "required", "attach at least one document", []),
            *(item.problem(position) for position, item in enumerate(evidence)),
        ]
        if category is None or not category.active:
            problems.append(
                FieldProblem(
                    "categoryCode",
                    "exists",
                    "no active exemption category has this code",
                    category_code,
                )
            )
        require(*problems)
        return cls(
            id=id,
            subject=subject,
            period=period,
            category_code=category_code,
            indicator_code=indicator_code.strip(),
            reasons=reasons.strip(),
            evidence=evidence,
            applied=applied,
        )

    def decide(self, approve: bool, decision: Step) -> Exemption:
        require_transition(
            f"exemption {self.id}", self.status, APPROVED if approve else REJECTED, NEXT
        )
        require(text_problem("reason", decision.reason))
        if decision.by == self.applied.by:
            raise PermissionDenied("whoever applied for an exemption may not also decide it")
        return replace(self, status=APPROVED if approve else REJECTED, decision=decision)

    def as_record(self) -> dict[str, Any]:
        """What the ledger keeps of each step: the whole exemption as it stands after the step."""
        return {
            "id": self.id,
            "subject": self.subject.as_record(),
            "period": self.period,
            "category_code": self.category_code,
            "indicator_code": self.indicator_code,
            "reasons": self.reasons,
            "evidence": [{"name": item.name, "sha256": item.sha256} for item in self.evidence],
            "status": self.status,
            "applied": self.applied.as_record(),
            "decision": self.decision.as_record() if self.decision else None,
        }


def applies(exemption: Exemption, period: str) -> bool:
    """Does a scoring run of `period` obey this exemption? Approved, for the period or one holding it."""
    return exemption.status == APPROVED and covers(exemption.period, period)


def exempted(exemptions: Iterable[Exemption], indicator_code: str, period: str) -> Exemption | None:
    """The approved exemption that removes this indicator's deduction in a scoring run of `period`."""
    for exemption in exemptions:
        if exemption.indicator_code == indicator_code and applies(exemption, period):
            return exemption
    return None
