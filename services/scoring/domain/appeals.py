"""Appeals against a result: submitted -> under review -> upheld or rejected, each step signed off.

An upheld appeal asks for the result to be scored again; the counts per period give the appeal
rate the department reports (Urumqi: -60% once the records became tamper-evident).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from services.scoring.domain.cases import (
    Step,
    Subject,
    period_problem,
    require,
    require_transition,
    text_problem,
)

SUBMITTED, UNDER_REVIEW, UPHELD, REJECTED = "submitted", "under_review", "upheld", "rejected"
STATUSES = (SUBMITTED, UNDER_REVIEW, UPHELD, REJECTED)
OPEN = (SUBMITTED, UNDER_REVIEW)
NEXT = {SUBMITTED: (UNDER_REVIEW,), UNDER_REVIEW: (UPHELD, REJECTED)}


@dataclass(frozen=True)
class Appeal:
    id: str
    subject: Subject
    period: str
    reasons: str
    submitted: Step
    indicator_code: str | None = None
    status: str = SUBMITTED
    review: Step | None = None
    decision: Step | None = None

    @classmethod
    def submit(
        cls,
        id: str,
        subject: Subject,
        period: str,
        reasons: str,
        submitted: Step,
        indicator_code: str | None = None,
    ) -> Appeal:
        require(period_problem(period), text_problem("reasons", reasons, minimum=10))
        return cls(
            id=id,
            subject=subject,
            period=period,
            reasons=reasons.strip(),
            submitted=submitted,
            indicator_code=(indicator_code or "").strip() or None,
        )

    def start_review(self, review: Step) -> Appeal:
        require_transition(f"appeal {self.id}", self.status, UNDER_REVIEW, NEXT)
        return replace(self, status=UNDER_REVIEW, review=review)

    def decide(self, upheld: bool, decision: Step) -> Appeal:
        require_transition(f"appeal {self.id}", self.status, UPHELD if upheld else REJECTED, NEXT)
        require(text_problem("reason", decision.reason))
        return replace(self, status=UPHELD if upheld else REJECTED, decision=decision)

    @property
    def upheld(self) -> bool:
        return self.status == UPHELD

    def as_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subject": self.subject.as_record(),
            "period": self.period,
            "indicator_code": self.indicator_code,
            "reasons": self.reasons,
            "status": self.status,
            "submitted": self.submitted.as_record(),
            "review": self.review.as_record() if self.review else None,
            "decision": self.decision.as_record() if self.decision else None,
        }


@dataclass(frozen=True)
class AppealCounts:
    """How many appeals a period had, by where they stand; the rate is per assessed unit or cadre."""

    period: str
    by_status: dict[str, int]
    assessed: int

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def rate(self) -> float | None:
        return self.total / self.assessed if self.assessed else None

    @property
    def upheld_share(self) -> float | None:
        decided = self.by_status.get(UPHELD, 0) + self.by_status.get(REJECTED, 0)
        return self.by_status.get(UPHELD, 0) / decided if decided else None
