"""Reads and writes of the catalogue's reference data: categories, indicators, blocklist, schemes, commons."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.indicator.adapters.sql import any_of
from services.indicator.adapters.tables import (
    common_indicators,
    indicators,
    paperwork_terms,
    schemes,
    unit_categories,
    units,
)
from services.indicator.domain.categories import UnitCategory
from services.indicator.domain.indicators import Indicator
from services.indicator.domain.lists import CommonIndicator
from services.indicator.domain.paperwork import Blocklist, PaperworkTerm
from services.indicator.domain.schemes import Scheme


async def categories(session: AsyncSession) -> dict[str, UnitCategory]:
    rows = await session.execute(
        sa.select(unit_categories).order_by(unit_categories.c.position, unit_categories.c.code)
    )
    return {r.code: UnitCategory(r.code, r.name, r.name_en, r.configurable) for r in rows}


async def save_category(session: AsyncSession, category: UnitCategory, position: int) -> None:
    values = {
        "code": category.code,
        "name": category.name,
        "name_en": category.name_en,
        "configurable": category.configurable,
        "position": position,
    }
    statement = insert(unit_categories).values(values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["code"], set_={"name": category.name, "name_en": category.name_en}
        )
    )


async def category_in_use(session: AsyncSession, code: str) -> bool:
    used = sa.select(units.c.id).where(units.c.category == code).limit(1)
    return (await session.execute(used)).first() is not None


async def remove_category(session: AsyncSession, code: str) -> None:
    await session.execute(common_indicators.delete().where(common_indicators.c.category == code))
    await session.execute(unit_categories.delete().where(unit_categories.c.code == code))


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


async def indicators_by_code(
    session: AsyncSession, codes: Iterable[str] | None = None
) -> dict[str, Indicator]:
    query = sa.select(indicators)
    if codes is not None:
        query = query.where(any_of(indicators.c.code, codes))
    return {row.code: _indicator(row) for row in await session.execute(query)}


async def find_indicators(
    session: AsyncSession,
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
    return [_indicator(row) for row in await session.execute(query)]


async def save_indicators(session: AsyncSession, found: Sequence[Indicator]) -> None:
    """Adds new indicators and replaces the definition of existing ones (published lists keep theirs)."""
    if not found:
        return
    statement = insert(indicators).values([_indicator_values(ind) for ind in found])
    changed = {c: statement.excluded[c] for c in _indicator_values(found[0]) if c != "code"}
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["code"], set_={**changed, "updated_at": sa.func.now()}
        )
    )


async def blocklist(session: AsyncSession) -> Blocklist:
    rows = await session.execute(sa.select(paperwork_terms).order_by(paperwork_terms.c.term))
    return Blocklist([PaperworkTerm(r.term, r.category, r.reason) for r in rows])


async def add_paperwork_term(session: AsyncSession, term: PaperworkTerm) -> None:
    statement = insert(paperwork_terms).values(
        term=term.term, category=term.category, reason=term.reason
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["term"], set_={"category": term.category, "reason": term.reason}
        )
    )


async def remove_paperwork_term(session: AsyncSession, term: str) -> bool:
    result = await session.execute(paperwork_terms.delete().where(paperwork_terms.c.term == term))
    return result.rowcount > 0


def _scheme(row: sa.Row) -> Scheme:
    return Scheme(row.code, row.name, row.name_en, row.description, dict(row.dimension_minimums))


async def all_schemes(session: AsyncSession) -> dict[str, Scheme]:
    return {
        row.code: _scheme(row)
        for row in await session.execute(sa.select(schemes).order_by(schemes.c.code))
    }


async def save_scheme(session: AsyncSession, scheme: Scheme) -> None:
    values = {
        "code": scheme.code,
        "name": scheme.name,
        "name_en": scheme.name_en,
        "description": scheme.description,
        "dimension_minimums": scheme.dimension_minimums,
    }
    statement = insert(schemes).values(values)
    await session.execute(statement.on_conflict_do_update(index_elements=["code"], set_=values))


async def commons_by_category(
    session: AsyncSession, categories_wanted: Iterable[str] | None = None
) -> dict[str, list[CommonIndicator]]:
    query = sa.select(common_indicators).order_by(
        common_indicators.c.category, common_indicators.c.position
    )
    if categories_wanted is not None:
        query = query.where(any_of(common_indicators.c.category, categories_wanted))
    found: dict[str, list[CommonIndicator]] = {}
    for row in await session.execute(query):
        found.setdefault(row.category, []).append(
            CommonIndicator(row.category, row.indicator_code, row.weight, row.target)
        )
    return found


async def replace_commons(
    session: AsyncSession, category: str, commons: Sequence[CommonIndicator]
) -> None:
    await session.execute(
        common_indicators.delete().where(common_indicators.c.category == category)
    )
    if commons:
        await session.execute(
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
