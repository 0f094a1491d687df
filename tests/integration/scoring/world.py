"""Small worlds for the scoring tests: uniquely named units with published lists, their cadres, and a
year no other test uses, put on Kafka the way the indicator service does."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from schemas.envelope import Envelope
from schemas.events import CadreRegistered, IndicatorListPublished, UnitRegistered
from schemas.events.indicator import ListItem
from services.common.settings import PlatformSettings
from tests.support import database, eventually, publish, unique

HOTLINE = "12345政务服务便民热线"


def attain(cap: float = 1.0) -> dict:
    return {"type": "target_attainment", "cap": cap}


def item(
    code: str,
    weight: float,
    *,
    kind: str = "scored",
    target: float | None = 100.0,
    rule: dict | None = None,
    source: str = "manual_report",
    system: str | None = None,
    unit: str = "%",
    lower: bool = False,
    dimension: str = "economic_development",
    tags: tuple[str, ...] = (),
    low: float | None = 0.0,
    high: float | None = None,
    frequency: str = "monthly",
) -> ListItem:
    return ListItem(
        indicator_code=code,
        name=code,
        dimension=dimension,
        kind=kind,
        direction="lower_is_better" if lower else "higher_is_better",
        unit_of_measure=unit,
        weight=weight,
        target=target,
        rule=rule or attain(),
        data_source=source,
        source_system=system,
        frequency=frequency,
        capability_tags=tags,
        min_value=low,
        max_value=high,
    )


def township_items() -> tuple[ListItem, ...]:
    """A township list in the indicator service's shapes: weights sum to 100."""
    return (
        item("PR-COMPLETION-RATE", 40, tags=("project_delivery",), high=100),
        item(
            "EC-INVESTMENT",
            30,
            target=5.0,
            rule=attain(1.2),
            unit="亿元",
            tags=("investment_attraction",),
        ),
        item(
            "SV-12345-RESPONSE",
            30,
            source="auto_feed",
            system=HOTLINE,
            tags=("public_service",),
            high=100,
            dimension="public_service",
        ),
        item(
            "RL-WATER-QUALITY",
            0,
            kind="red_line",
            target=None,
            rule={"type": "pass_fail", "threshold": 100},
            high=100,
            dimension="ecology",
        ),
        item(
            "DD-OVERDUE-COMPLAINTS",
            0,
            kind="deduction",
            target=None,
            lower=True,
            unit="件",
            rule={"type": "per_incident", "points": 0.5, "max_points": 5},
            source="auto_feed",
            system=HOTLINE,
        ),
        item(
            "VX-FOOD-SAFETY",
            0,
            kind="veto_excellence",
            target=None,
            lower=True,
            unit="起",
            rule={"type": "pass_fail", "threshold": 0},
            dimension="safety",
        ),
    )


# A list's year lies in 2000-2100 and the demo city uses 2024 and 2025: tests take the years above.
FIRST_TEST_YEAR, LAST_TEST_YEAR = 2030, 2099
_years_taken: set[int] = set()
_years_read: set[str] = set()


async def note_years_in_use(settings: PlatformSettings) -> None:
    """Marks the years an earlier run left lists in on this stack as taken (once per stack): a
    period-wide assertion (units scored, a lock refused) must see only its own test's units."""
    if settings.database_url("scoring") in _years_read:
        return
    connection = await database(settings, "scoring")
    try:
        rows = await connection.fetch(
            "SELECT DISTINCT year FROM list_versions WHERE year BETWEEN $1 AND $2",
            FIRST_TEST_YEAR,
            LAST_TEST_YEAR,
        )
    finally:
        await connection.close()
    _years_taken.update(row["year"] for row in rows)
    _years_read.add(settings.database_url("scoring"))


def unique_year() -> int:
    """A year no other test of this stack uses, so that scoring a period sees only this test's units."""
    free = [y for y in range(FIRST_TEST_YEAR, LAST_TEST_YEAR + 1) if y not in _years_taken]
    if not free:
        raise RuntimeError(
            f"every year {FIRST_TEST_YEAR}-{LAST_TEST_YEAR} already holds lists on the test stack; "
            "start it afresh with `python3 scripts/stack.py reset --stack test`"
        )
    year = random.choice(free)
    _years_taken.add(year)
    return year


@dataclass
class Unit:
    unit_id: str
    category: str = "township"
    cadres: dict[str, str] = field(default_factory=dict)  # cadre id -> position level


async def register(settings: PlatformSettings, unit: Unit) -> None:
    await publish(
        settings,
        UnitRegistered(unit_id=unit.unit_id, name=f"测试{unit.unit_id}", category=unit.category),
        key=unit.unit_id,
    )
    for cadre_id, level in unit.cadres.items():
        await publish(
            settings,
            CadreRegistered(
                cadre_id=cadre_id,
                name=f"干部{cadre_id}",
                unit_id=unit.unit_id,
                unit_category=unit.category,
                position_level=level,
            ),
            key=cadre_id,
        )


async def publish_list(
    settings: PlatformSettings,
    unit: Unit,
    year: int,
    items=None,
    version: int = 1,
    temporary: bool = False,
) -> Envelope:
    event = IndicatorListPublished(
        list_id=unique("L"),
        unit_id=unit.unit_id,
        unit_category=unit.category,
        scheme_code="township",
        year=year,
        version=version,
        effective_from=date(year, 1, 1),
        items=items or township_items(),
        unit_temporary=temporary,
    )
    return await publish(settings, event, key=unit.unit_id)


async def scoring_fetchval(settings: PlatformSettings, query: str, *args):
    conn = await database(settings, "scoring")
    try:
        return await conn.fetchval(query, *args)
    finally:
        await conn.close()


async def scoring_fetch(settings: PlatformSettings, query: str, *args) -> list:
    conn = await database(settings, "scoring")
    try:
        return await conn.fetch(query, *args)
    finally:
        await conn.close()


async def list_in_force(
    settings: PlatformSettings, unit_id: str, year: int, version: int = 1
) -> bool:
    found = await scoring_fetchval(
        settings,
        "SELECT version FROM lists_in_force WHERE unit_id = $1 AND year = $2",
        unit_id,
        year,
    )
    return found == version


async def set_up(settings: PlatformSettings, units: list[Unit], year: int, items=None) -> None:
    """Registers the units and cadres and publishes their lists; returns once scoring has them all
    (lists in force, units and cadres on its roster)."""
    for unit in units:
        await register(settings, unit)
        await publish_list(settings, unit, year, items)
    for unit in units:
        await eventually(lambda u=unit: list_in_force(settings, u.unit_id, year))
        await eventually(
            lambda u=unit: scoring_fetchval(
                settings, "SELECT count(*) FROM unit_roster WHERE unit_id = $1", u.unit_id
            )
        )
        for cadre_id in unit.cadres:
            await eventually(
                lambda c=cadre_id: scoring_fetchval(
                    settings, "SELECT count(*) FROM cadre_roster WHERE cadre_id = $1", c
                )
            )


def township(
    prefix: str = "T", cadres: tuple[str, ...] = ("principal", "deputy", "grassroots")
) -> Unit:
    unit_id = unique(prefix)
    return Unit(unit_id, "township", {f"{unit_id}-C{i}": level for i, level in enumerate(cadres)})
