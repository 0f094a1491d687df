"""Finalising results that lack mandatory data, and the assessor's waiver that allows it.

A result becomes final when its period is locked. A unit result whose red lines or vetoes went
unreported (its `missing_mandatory`) may become final only when an assessor has waived exactly
those items for that unit and period, with a reason; every waiver is a leaf of the evidence ledger.
Under the setting `missingMandatory = block` such a result cannot be waived at all: the data must be
reported and the period scored again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from services.common.errors import FieldProblem


@dataclass(frozen=True)
class IncompleteResult:
    """A stored unit result with unreported red lines or vetoes."""

    period: str
    unit_id: str
    missing_mandatory: tuple[str, ...]
    blocked: bool


@dataclass(frozen=True)
class Waiver:
    id: str
    period: str
    unit_id: str
    indicator_codes: tuple[str, ...]
    reason: str
    waived_by: str
    waived_role: str
    waived_at: datetime
    leaf_index: int


def unwaived(result: IncompleteResult, waivers: Iterable[Waiver]) -> tuple[str, ...]:
    """The result's unreported mandatory items that no waiver of its unit and period covers."""
    covered = {
        code
        for waiver in waivers
        if (waiver.period, waiver.unit_id) == (result.period, result.unit_id)
        for code in waiver.indicator_codes
    }
    return tuple(code for code in result.missing_mandatory if code not in covered)


def finalisation_problems(
    results: Sequence[IncompleteResult], waivers: Sequence[Waiver]
) -> list[FieldProblem]:
    """Why these results cannot become final yet: one problem per result, naming the unit, the
    period and the items (empty when every one is waived)."""
    problems = []
    for result in results:
        codes = ", ".join(result.missing_mandatory)
        if result.blocked:
            problems.append(
                FieldProblem(
                    "period",
                    "complete_data",
                    f"the result of unit {result.unit_id} for {result.period} is blocked: red lines or "
                    f"vetoes {codes} were not reported (missingMandatory = block); have them reported "
                    "and score the period again",
                    result.period,
                )
            )
            continue
        left = unwaived(result, waivers)
        if left:
            problems.append(
                FieldProblem(
                    "period",
                    "waived",
                    f"the result of unit {result.unit_id} for {result.period} lacks mandatory data "
                    f"({', '.join(left)} not reported) and no assessor waived it: record a waiver "
                    "(waiveMissingData) or have the data reported and score the period again",
                    result.period,
                )
            )
    return problems


def waiver_problems(
    result: IncompleteResult | None,
    period: str,
    unit_id: str,
    indicator_codes: Sequence[str],
    reason: str,
) -> list[FieldProblem]:
    """What is wrong with a waiver of these items of this result (empty when it can be recorded)."""
    problems = []
    if not reason.strip():
        problems.append(
            FieldProblem(
                "reason", "required", "say why the result may stand without the data", reason
            )
        )
    if result is None:
        problems.append(
            FieldProblem(
                "unitId",
                "missing_mandatory",
                f"unit {unit_id} has no result for {period} with unreported red lines or vetoes: "
                "there is nothing to waive",
                unit_id,
            )
        )
        return problems
    if result.blocked:
        problems.append(
            FieldProblem(
                "unitId",
                "not_blocked",
                f"the result of unit {unit_id} for {period} is blocked (missingMandatory = block): "
                "a waiver cannot replace the data",
                unit_id,
            )
        )
    strangers = [code for code in indicator_codes if code not in result.missing_mandatory]
    if strangers:
        problems.append(
            FieldProblem(
                "indicatorCodes",
                "missing_mandatory",
                f"only the unreported red lines and vetoes of this result can be waived "
                f"({', '.join(result.missing_mandatory)}); not {', '.join(strangers)}",
                strangers,
            )
        )
    return problems
