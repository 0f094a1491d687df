"""The indicator library in PostgreSQL: unit categories, indicators, the paperwork blocklist, schemes
and the common indicators of each category."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.indicator.adapters.postgresql import any_of
from services.indicator.adapters.tables import (
    common_indicators,
    indicators,
    paperwork_terms,
    schemes,
    unit_categories,
)
from services.indicator.domain.categories import UnitCategory
from services.indicator.domain.indicators import Indicator
from services.indicator.domain.lists import CommonIndicator
from services.indicator.domain.paperwork import Blocklist, PaperworkTerm
from services.indicator.domain.schemes import Scheme


def _indicator(row: sa.Row) -> Indicator:
    return Indicator(
        code=row.code,
        name=row.name,
        name_en=row.name_en,
        dimension=row.dimension,
        kind=row.kind,
        direction=row.direction,
        unit_of_measure=row.unit_of_measure,
        data_source=row.data_source,
        source_system=row.source_system,
        frequency=row.frequency,
        rule=row.rule,
        capability_tags=tuple(row.capability_tags),
        min_value=row.min_value,
        max_value=row.max_value,
        assessed_at_year_end=row.assessed_at_year_end,
        on_site_check=row.on_site_check,
        description=row.description,
    )


def _indicator_values(ind: Indicator) -> dict:
    return {
        "code": ind.code,
        "name": ind.name,
        "name_en": ind.name_en,
        "dimension": ind.dimension,
        "kind": ind.kind,
        "direction": ind.direction,
        "unit_of_measure": ind.unit_of_measure,
        "data_source": ind.data_source,
        "source_system": ind.source_system,
        "frequency": ind.frequency,
        "rule": ind.rule,
        "capability_tags": list(ind.capability_tags),
        "min_value": ind.min_value,
        "max_value": ind.max_value,
        "assessed_at_year_end": ind.assessed_at_year_end,
        "on_site_check": ind.on_site_check,
        "description": ind.description,
    }


def _scheme(row: sa.Row) -> Scheme:
    return Scheme(row.code, row.name, row.name_en, row.description, dict(row.dimension_minimums))


class SqlLibraryRepository:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def categories(self) -> dict[str, UnitCategory]:
        rows = await self._session.execute(
            sa.select(unit_categories).order_by(unit_categories.c.position, unit_categories.c.code)
        )
        return {r.code: UnitCategory(r.code, r.name, r.name_en, r.configurable) for r in rows}

    async def save_category(self, category: UnitCategory, position: int) -> None:
        values = {
            "code": category.code,
            "name": category.name,
            "name_en": category.name_en,
            "configurable": category.configurable,
            "position": position,
        }
        statement = insert(unit_categories).values(values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["code"], set_={"name": category.name, "name_en": category.name_en}
            )
        )

    async def remove_category(self, code: str) -> None:
        await self._session.execute(
            common_indicators.delete().where(common_indicators.c.category == code)
        )
        await self._session.execute(unit_categories.delete().where(unit_categories.c.code == code))

    async def indicators_by_code(self, codes: Iterable[str] | None = None) -> dict[str, Indicator]:
        query = sa.select(indicators)
        if codes is not None:
            query = query.where(any_of(indicators.c.code, codes))
        return {row.code: _indicator(row) for row in await self._session.execute(query)}

    async def find_indicators(
        self,
        *,
        dimension: str | None = None,
        kind: str | None = None,
        capability: str | None = None,
        search: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Indicator]:
        query = sa.select(indicators).order_by(indicators.c.code).limit(limit).offset(offset)
        if dimension:
            query = query.where(indicators.c.dimension == dimension)
        if kind:
            query = query.where(indicators.c.kind == kind)
        if capability:
            query = query.where(indicators.c.capability_tags.any(capability))
        if search:
            pattern = f"%{search}%"
            query = query.where(
                sa.or_(
                    indicators.c.name.ilike(pattern),
                    indicators.c.name_en.ilike(pattern),
                    indicators.c.code.ilike(pattern),
                )
            )
        return [_indicator(row) for row in await self._session.execute(query)]

    async def save_indicators(self, found: Sequence[Indicator]) -> None:
        """Adds new indicators and replaces the definition of existing ones (published lists keep theirs)."""
        if not found:
            return
        statement = insert(indicators).values([_indicator_values(ind) for ind in found])
        changed = {c: statement.excluded[c] for c in _indicator_values(found[0]) if c != "code"}
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["code"], set_={**changed, "updated_at": sa.func.now()}
            )
        )

    async def blocklist(self) -> Blocklist:
        rows = await self._session.execute(
            sa.select(paperwork_terms).order_by(paperwork_terms.c.term)
        )
        return Blocklist([PaperworkTerm(r.term, r.category, r.reason) for r in rows])

    async def add_paperwork_term(self, term: PaperworkTerm) -> None:
        statement = insert(paperwork_terms).values(
            term=term.term, category=term.category, reason=term.reason
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["term"], set_={"category": term.category, "reason": term.reason}
            )
        )

    async def remove_paperwork_term(self, term: str) -> bool:
        result = await self._session.execute(
            paperwork_terms.delete().where(paperwork_terms.c.term == term)
        )
        return result.rowcount > 0

    async def schemes(self) -> dict[str, Scheme]:
        return {
            row.code: _scheme(row)
            for row in await self._session.execute(sa.select(schemes).order_by(schemes.c.code))
        }

    async def save_scheme(self, scheme: Scheme) -> None:
        values = {
            "code": scheme.code,
            "name": scheme.name,
            "name_en": scheme.name_en,
            "description": scheme.description,
            "dimension_minimums": scheme.dimension_minimums,
        }
        statement = insert(schemes).values(values)
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["code"], set_=values)
        )

    async def commons_by_category(
        self, categories_wanted: Iterable[str] | None = None
    ) -> dict[str, list[CommonIndicator]]:
        query = sa.select(common_indicators).order_by(
            common_indicators.c.category, common_indicators.c.position
        )
        if categories_wanted is not None:
            query = query.where(any_of(common_indicators.c.category, categories_wanted))
        found: dict[str, list[CommonIndicator]] = {}
        for row in await self._session.execute(query):
            found.setdefault(row.category, []).append(
                CommonIndicator(row.category, row.indicator_code, row.weight, row.target)
            )
        return found

    async def replace_commons(self, category: str, commons: Sequence[CommonIndicator]) -> None:
        await self._session.execute(
            common_indicators.delete().where(common_indicators.c.category == category)
        )
        if commons:
            await self._session.execute(
                common_indicators.insert(),
                [
                    {
                        "category": category,
                        "indicator_code": c.indicator_code,
                        "weight": c.weight,
                        "target": c.target,
                        "position": i,
                    }
                    for i, c in enumerate(commons)
                ],
            )
