"""Exemptions and appeals: their steps, the rules of each step, and what a scoring run applies."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.common.errors import Conflict, PermissionDenied, ValidationFailed
from services.scoring.domain import appeals, exemptions
from services.scoring.domain.appeals import Appeal, AppealCounts
from services.scoring.domain.cases import Step, Subject, covers, enclosing
from services.scoring.domain.exemptions import EvidenceItem, Exemption, ExemptionCategory

NOW = datetime(2025, 12, 20, tzinfo=UTC)
INVESTMENT = ExemptionCategory(
    code="investment_compliant_below_expectation",
    name="Investment attraction compliant but below expectation",
    description="Investment attraction followed the prescribed procedure but the result fell short.",
)
EVIDENCE = (EvidenceItem(name="due-diligence report.pdf", sha256="ab" * 32),)
BUREAU = Subject(unit_id="U-INVEST")


def step(by: str, role: str = "unit_reporter", reason: str | None = None) -> Step:
    return Step(by=by, role=role, at=NOW, reason=reason)


def application(**changes) -> Exemption:
    values = dict(
        id="EX-1",
        subject=BUREAU,
        period="2025",
        category=INVESTMENT,
        category_code=INVESTMENT.code,
        indicator_code="IND-NEW-INDUSTRY-PROJECTS",
        reasons="Two projects passed due diligence; the investor withdrew.",
        evidence=EVIDENCE,
        applied=step("reporter-1"),
    )
    return Exemption.apply(**{**values, **changes})


def test_an_application_names_each_broken_rule() -> None:
    with pytest.raises(ValidationFailed) as refused:
        application(
            period="2025-13",
            reasons="short",
            evidence=(EvidenceItem("x", "not-a-hash"),),
            category=None,
        )
    assert {(p.field, p.rule) for p in refused.value.problems} == {
        ("period", "pattern"),
        ("reasons", "required"),
        ("evidence[0].sha256", "pattern"),
        ("categoryCode", "exists"),
    }


def test_an_assessor_approves_once_and_not_their_own_application() -> None:
    approved = application().decide(
        True, step("assessor-1", "assessor", "Procedure documented at every step.")
    )
    assert approved.status == exemptions.APPROVED
    with pytest.raises(Conflict, match="exemption EX-1 is approved; it cannot become rejected"):
        approved.decide(False, step("assessor-2", "assessor", "second thoughts"))
    with pytest.raises(PermissionDenied):
        application().decide(True, step("reporter-1", "admin", "self-approval"))
    with pytest.raises(ValidationFailed):
        application().decide(False, step("assessor-1", "assessor", " "))


def test_an_approved_exemption_removes_its_indicator_deduction_in_the_year_and_its_parts() -> None:
    approved = application().decide(True, step("assessor-1", "assessor", "Procedure documented."))
    rejected = application(id="EX-2", indicator_code="IND-OTHER").decide(
        False, step("a", "assessor", "No.")
    )
    cases = [approved, rejected]
    assert exemptions.exempted(cases, "IND-NEW-INDUSTRY-PROJECTS", "2025") is approved
    assert exemptions.exempted(cases, "IND-NEW-INDUSTRY-PROJECTS", "2025-Q3") is approved
    assert exemptions.exempted(cases, "IND-NEW-INDUSTRY-PROJECTS", "2026") is None
    assert exemptions.exempted(cases, "IND-OTHER", "2025") is None
    assert exemptions.exempted([application()], "IND-NEW-INDUSTRY-PROJECTS", "2025") is None


def test_an_appeal_is_reviewed_before_it_is_decided() -> None:
    appeal = Appeal.submit(
        id="AP-1",
        subject=Subject(cadre_id="C-0001", unit_id="U-1"),
        period="2024",
        reasons="The hotline response rate excluded the weeks of the flood.",
        submitted=step("C-0001"),
    )
    with pytest.raises(Conflict, match="possible next: under_review"):
        appeal.decide(True, step("assessor-1", "assessor", "premature"))
    reviewed = appeal.start_review(step("assessor-1", "assessor"))
    upheld = reviewed.decide(
        True, step("assessor-1", "assessor", "The flood weeks are excluded by rule.")
    )
    assert upheld.upheld and upheld.decision.reason.startswith("The flood")
    with pytest.raises(Conflict, match="final"):
        upheld.start_review(step("assessor-2", "assessor"))


def test_appeal_counts_give_the_rate_over_the_assessed() -> None:
    counts = AppealCounts(
        period="2024",
        by_status={appeals.UPHELD: 2, appeals.REJECTED: 6, appeals.SUBMITTED: 2},
        assessed=250,
    )
    assert (
        counts.total == 10
        and counts.rate == pytest.approx(0.04)
        and counts.upheld_share == pytest.approx(0.25)
    )
    assert AppealCounts(period="2024", by_status={}, assessed=0).rate is None


@pytest.mark.parametrize(
    "outer, inner, inside",
    [
        ("2025", "2025", True),
        ("2025", "2025-Q3", True),
        ("2025", "2025-07", True),
        ("2025-Q3", "2025-08", True),
        ("2025-Q3", "2025-10", False),
        ("2025-Q3", "2025", False),
        ("2025-03", "2025-Q1", False),
        ("2024", "2025-01", False),
    ],
)
def test_a_period_contains_its_quarters_and_months(outer: str, inner: str, inside: bool) -> None:
    assert covers(outer, inner) is inside
    assert (outer in enclosing(inner)) is inside
