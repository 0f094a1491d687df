"""The reference data a command checks units' lists against, loaded once for all its units."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import FieldProblem
from services.indicator.adapters import cascades, library, list_store, repository
from services.indicator.domain.indicators import Indicator
from services.indicator.domain.lists import CommonIndicator, Item, ListContext, list_problems
from services.indicator.domain.paperwork import Blocklist
from services.indicator.domain.schemes import Scheme
from services.indicator.domain.units import Unit
from services.indicator.domain.versions import DRAFT, PUBLISHED, VersionHeader, year_problem

# While a list is a draft its weights may not add up yet; everything else holds from the start.
RULES_CHECKED_AT_PUBLICATION = frozenset({"sum_100", "dimension_minimum", "common_required"})


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
    allocations: dict[tuple[str, int], dict[str, tuple[str, Decimal]]]
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
                    "unitId", "exists", f"no unit {request.unit_id!r}", request.unit_id, request.row
                )
            ]
        scheme = None
        if request.scheme_code is not None:
            scheme = self.schemes.get(request.scheme_code)
            if scheme is None:
                found.append(
                    FieldProblem(
                        "schemeCode",
                        "exists",
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


async def load_catalogue(session: AsyncSession, pairs: Iterable[tuple[str, int]]) -> Catalogue:
    """Locks the units (one change at a time per unit) and loads what their lists are checked against."""
    wanted = set(pairs)
    unit_ids = {unit_id for unit_id, _ in wanted}
    units = await repository.units_by_id(session, unit_ids, lock=True)
    return Catalogue(
        units=units,
        indicators=await library.indicators_by_code(session),
        commons=await library.commons_by_category(session, {u.category for u in units.values()}),
        schemes=await library.all_schemes(session),
        blocklist=await library.blocklist(session),
        allocations=await cascades.allocations_for(session, unit_ids, {year for _, year in wanted}),
        versions=await list_store.headers_of(session, wanted),
    )
