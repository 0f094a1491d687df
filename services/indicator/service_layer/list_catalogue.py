"""The reference data a command checks units' lists against, loaded once for all its units."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem
from services.indicator.domain.indicators import Indicator
from services.indicator.domain.lists import CommonIndicator, Item, ListContext, list_problems
from services.indicator.domain.paperwork import Blocklist
from services.indicator.domain.schemes import Scheme
from services.indicator.domain.units import Unit
from services.indicator.domain.versions import DRAFT, PUBLISHED, VersionHeader, year_problem
from services.indicator.service_layer.unit_of_work import Allocations, IndicatorUnitOfWork

# While a list is a draft its weights may not add up yet; everything else holds from the start.
RULES_CHECKED_AT_PUBLICATION = frozenset(
    {RuleCode.sum_100, RuleCode.dimension_minimum, RuleCode.common_required}
)


@dataclass(frozen=True)
class ListRequest:
    """A unit's list as a command or a file states it."""

    unit_id: str
    year: int
    items: tuple[Item, ...]
    scheme_code: str | None = None
    effective_from: date | None = None
    row: int | None = None  # first spreadsheet row of the list


@dataclass(frozen=True)
class Catalogue:
    units: dict[str, Unit]
    indicators: dict[str, Indicator]
    commons: dict[str, list[CommonIndicator]]
    schemes: dict[str, Scheme]
    blocklist: Blocklist
    allocations: Allocations
    versions: dict[tuple[str, int], list[VersionHeader]]

    def _with_status(self, unit_id: str, year: int, status: str) -> VersionHeader | None:
        return next((v for v in self.versions.get((unit_id, year), ()) if v.status == status), None)

    def draft(self, unit_id: str, year: int) -> VersionHeader | None:
        return self._with_status(unit_id, year, DRAFT)

    def in_force(self, unit_id: str, year: int) -> VersionHeader | None:
        return self._with_status(unit_id, year, PUBLISHED)

    def next_version(self, unit_id: str, year: int) -> int:
        """A draft's number is kept when it is replaced or published; otherwise the next number."""
        draft = self.draft(unit_id, year)
        if draft is not None:
            return draft.version
        return max((v.version for v in self.versions.get((unit_id, year), ())), default=0) + 1

    def commons_of(self, unit_id: str) -> list[CommonIndicator]:
        unit = self.units.get(unit_id)
        return self.commons.get(unit.category, []) if unit else []

    def problems(self, request: ListRequest, complete: bool = True) -> list[FieldProblem]:
        """Every rule the request breaks; `complete=False` checks a draft (sums may not add up yet)."""
        found = []
        if problem := year_problem(request.year):
            found.append(replace(problem, row=request.row))
        unit = self.units.get(request.unit_id)
        if unit is None:
            return found + [
                FieldProblem(
                    "unitId",
                    RuleCode.exists,
                    f"no unit {request.unit_id!r}",
                    request.unit_id,
                    request.row,
                )
            ]
        scheme = None
        if request.scheme_code is not None:
            scheme = self.schemes.get(request.scheme_code)
            if scheme is None:
                found.append(
                    FieldProblem(
                        "schemeCode",
                        RuleCode.exists,
                        f"no assessment scheme {request.scheme_code!r}",
                        request.scheme_code,
                        request.row,
                    )
                )
        context = ListContext(
            unit=unit,
            indicators=self.indicators,
            commons=self.commons_of(unit.id),
            blocklist=self.blocklist,
            scheme=scheme,
            allocations=self.allocations.get((unit.id, request.year), {}),
        )
        problems = list_problems(request.items, context)
        if not complete:
            problems = [p for p in problems if p.rule not in RULES_CHECKED_AT_PUBLICATION]
        return found + problems


async def load_catalogue(uow: IndicatorUnitOfWork, pairs: Iterable[tuple[str, int]]) -> Catalogue:
    """Locks the units (one change at a time per unit) and loads what their lists are checked against."""
    wanted = set(pairs)
    unit_ids = {unit_id for unit_id, _ in wanted}
    units = await uow.units.by_id(unit_ids, lock=True)
    return Catalogue(
        units=units,
        indicators=await uow.library.indicators_by_code(),
        commons=await uow.library.commons_by_category({u.category for u in units.values()}),
        schemes=await uow.library.schemes(),
        blocklist=await uow.library.blocklist(),
        allocations=await uow.cascades.allocations_for(unit_ids, {year for _, year in wanted}),
        versions=await uow.lists.headers_of(wanted),
    )
