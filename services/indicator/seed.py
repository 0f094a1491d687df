"""`python -m services.indicator.seed`: loads the demo city, idempotently, through the service layer.

What exists already is left alone, so running it twice changes nothing; what it adds emits the
same events the GraphQL commands do (units, cadres, published lists), through the outbox.
"""

from __future__ import annotations

import asyncio
import time
from datetime import date

from services.common import migrations
from services.common.db import make_engine, make_session_factory
from services.indicator.demo import city
from services.indicator.demo.library import INDICATORS
from services.indicator.service_layer import cascade_commands, handlers, library_commands
from services.indicator.service_layer.list_catalogue import ListRequest
from services.indicator.service_layer.list_commands import publish_lists
from services.indicator.service_layer.unit_of_work import (
    IndicatorUnitOfWork,
    SqlIndicatorUnitOfWork,
)
from services.indicator.settings import get_indicator_settings

_ADJUSTED_FROM = date(2025, 7, 1)


async def _library(uow: IndicatorUnitOfWork) -> int:
    known = await uow.library.indicators_by_code()
    missing = [ind for ind in INDICATORS if ind.code not in known]
    for ind in missing:
        await library_commands.save_indicator(uow, ind)
    schemes = await uow.library.schemes()
    for scheme in city.SCHEMES:
        if scheme.code not in schemes:
            await library_commands.save_scheme(uow, scheme)
    with_commons = await uow.library.commons_by_category()
    for category in await uow.library.categories():
        if category not in with_commons:
            await library_commands.set_common_indicators(uow, category, city.commons(category))
    return len(missing)


async def _people(uow: IndicatorUnitOfWork) -> tuple[int, int]:
    units = [demo.unit for demo in city.UNITS]
    known = await uow.units.by_id([u.id for u in units])
    new_units = [u for u in units if u.id not in known]
    for unit in sorted(new_units, key=lambda u: u.parent_id is not None):
        await handlers.register_unit(uow, unit)
    new_cadres = 0
    for cadre in city.cadres():
        if await uow.cadres.get(cadre.id) is None:
            await handlers.register_cadre(uow, cadre)
            new_cadres += 1
    for cascade in city.CASCADES:
        if await uow.cascades.get(cascade.code) is None:
            await cascade_commands.cascade_target(uow, cascade)
    return len(new_units), new_cadres


async def _lists(uow: IndicatorUnitOfWork) -> int:
    published = 0
    for year in city.YEARS:
        versions = await uow.lists.headers_of([(d.unit.id, year) for d in city.UNITS])
        fresh = [d for d in city.UNITS if not versions[(d.unit.id, year)]]
        if fresh:
            published += await publish_lists(
                uow,
                [ListRequest(d.unit.id, year, d.items, d.scheme, date(year, 1, 1)) for d in fresh],
            )
        if year == 2025:
            published += await _adjust_townships(
                uow, [d for d in fresh if d.unit.category == "township"]
            )
    return published


async def _adjust_townships(uow: IndicatorUnitOfWork, townships: list) -> int:
    """The 2025 mid-year adjustment: a second version for each township, in force from July."""
    if not townships:
        return 0
    return await publish_lists(
        uow,
        [
            ListRequest(d.unit.id, 2025, city.TOWNSHIP_ADJUSTED, d.scheme, _ADJUSTED_FROM)
            for d in townships
        ],
    )


async def seed() -> dict[str, int]:
    settings = get_indicator_settings()
    url = settings.database_url("indicator")
    await asyncio.to_thread(migrations.upgrade, "indicator", url)
    engine = make_engine(url, pool_size=2)
    sessions = make_session_factory(engine)
    try:
        async with SqlIndicatorUnitOfWork(sessions) as uow:
            indicators = await _library(uow)
        async with SqlIndicatorUnitOfWork(sessions) as uow:
            units, cadres = await _people(uow)
        async with SqlIndicatorUnitOfWork(sessions) as uow:
            lists = await _lists(uow)
    finally:
        await engine.dispose()
    return {"indicators": indicators, "units": units, "cadres": cadres, "lists_published": lists}


def main() -> None:
    began = time.monotonic()
    added = asyncio.run(seed())
    summary = ", ".join(f"{count} {what}" for what, count in added.items())
    print(f"indicator demo data: added {summary} ({time.monotonic() - began:.1f}s)")


if __name__ == "__main__":
    main()
