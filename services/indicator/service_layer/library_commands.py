"""Commands on the indicator library, the paperwork blocklist, schemes and common indicators."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem, NotFound, ValidationFailed
from services.indicator.domain.indicators import Indicator, check_indicator, indicator_problems
from services.indicator.domain.layouts import INDICATOR_LAYOUT, indicator_from_row
from services.indicator.domain.lists import WEIGHT_TOTAL, CommonIndicator
from services.indicator.domain.paperwork import PaperworkTerm
from services.indicator.domain.schemes import Scheme
from services.indicator.domain.tabular import Table
from services.indicator.service_layer.import_reports import (
    ImportReport,
    applied,
    parse_rows,
    refused,
)
from services.indicator.service_layer.unit_of_work import IndicatorUnitOfWork


async def save_indicator(uow: IndicatorUnitOfWork, indicator: Indicator) -> Indicator:
    """Adds an indicator, or redefines it: drafts use the new definition, published lists keep theirs."""
    check_indicator(indicator, await uow.library.blocklist())
    await uow.library.save_indicators([indicator])
    return indicator


async def import_indicators(uow: IndicatorUnitOfWork, table: Table) -> ImportReport:
    parsed = parse_rows(table, INDICATOR_LAYOUT, indicator_from_row)
    blocklist = await uow.library.blocklist()
    problems: list[FieldProblem] = []
    first_row: dict[str, int] = {}
    for row, ind in parsed.values:
        if ind.code in first_row:
            problems.append(
                FieldProblem(
                    "code",
                    RuleCode.unique_in_file,
                    f"{ind.code} is already defined in row {first_row[ind.code]}",
                    ind.code,
                    row,
                )
            )
            continue
        first_row[ind.code] = row
        problems.extend(replace(p, row=row) for p in indicator_problems(ind, blocklist))
    if report := refused(table, INDICATOR_LAYOUT, parsed, problems):
        return report
    await uow.library.save_indicators([ind for _, ind in parsed.values])
    return applied(table, written=len(parsed.values))


async def add_paperwork_term(uow: IndicatorUnitOfWork, term: PaperworkTerm) -> PaperworkTerm:
    cleaned = PaperworkTerm(term.term.strip(), term.category.strip(), term.reason.strip())
    if problems := cleaned.problems():
        raise ValidationFailed(problems)
    await uow.library.add_paperwork_term(cleaned)
    return cleaned


async def remove_paperwork_term(uow: IndicatorUnitOfWork, term: str) -> None:
    if not await uow.library.remove_paperwork_term(term.strip()):
        raise NotFound(f"the blocklist has no term {term!r}")


async def save_scheme(uow: IndicatorUnitOfWork, scheme: Scheme) -> Scheme:
    scheme.check()
    await uow.library.save_scheme(scheme)
    return scheme


async def set_common_indicators(
    uow: IndicatorUnitOfWork, category: str, commons: Sequence[CommonIndicator]
) -> list[CommonIndicator]:
    """Replaces the indicators every unit of the category carries (lists drafted from now on)."""
    if category not in await uow.library.categories():
        raise NotFound(f"no unit category {category!r}")
    found = await uow.library.indicators_by_code([c.indicator_code for c in commons])
    problems = []
    seen = set()
    for common in commons:
        ind = found.get(common.indicator_code)
        if ind is None:
            problems.append(
                FieldProblem(
                    "indicatorCode",
                    RuleCode.exists,
                    f"no indicator {common.indicator_code!r}",
                    common.indicator_code,
                )
            )
        elif common.indicator_code in seen:
            problems.append(
                FieldProblem(
                    "indicatorCode",
                    RuleCode.unique,
                    f"{common.indicator_code} is named twice",
                    common.indicator_code,
                )
            )
        elif ind.carries_weight and not 0 < common.weight <= WEIGHT_TOTAL:
            problems.append(
                FieldProblem(
                    "weight",
                    RuleCode.positive_for_scored,
                    f"{ind.code}: a scored indicator's weight lies in (0, 100]",
                    common.weight,
                )
            )
        elif not ind.carries_weight and common.weight != 0:
            problems.append(
                FieldProblem(
                    "weight",
                    RuleCode.no_weight_for_kind,
                    f"{ind.code}: red lines, deductions and vetoes carry no weight",
                    common.weight,
                )
            )
        seen.add(common.indicator_code)
    total = sum(
        c.weight
        for c in commons
        if c.indicator_code in found and found[c.indicator_code].carries_weight
    )
    if total > WEIGHT_TOTAL:
        problems.append(
            FieldProblem(
                "weight",
                RuleCode.at_most_100,
                f"common indicators of {category} take {total:g} of the 100 weight",
                total,
            )
        )
    if problems:
        raise ValidationFailed(problems)
    stored = [CommonIndicator(category, c.indicator_code, c.weight, c.target) for c in commons]
    await uow.library.replace_commons(category, stored)
    return stored
