"""`python -m services.scoring.seed`: a year of demo observations for the demo city, then its scoring.

Runs after the indicator seed: it waits (briefly) until the city's published lists have reached
scoring through Kafka, then reports 2025's observations for every list in force through the same
service-layer commands as the GraphQL mutations and the feed, adds public evaluations, cadre
evaluations and daily records, the default competency model and the individual evidence of 矮寨镇's
cadres (services/scoring/demo_portraits.py), scores 2025 and monitors March 2026. Idempotent: what was seeded
once is not added again, and scoring the year again announces nothing new.

Figures from the seeds: the netizen-message completion rate of 98.63% and the preschool fund
execution rate of 89.44% (Jishou); three units below the 95% "study first" line (Urumqi 2024);
eight township heads with first-class daily records (Jishou 2022). Missing data are shown too: one
unit reports nothing, another leaves its drinking-water red line unreported.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import time
from datetime import date

import sqlalchemy as sa

from services.common import migrations
from services.common.db import driver_connection, make_engine, make_session_factory
from services.common.settings import get_settings
from services.scoring.adapters import record_repository as records
from services.scoring.adapters.list_repository import item_spec
from services.scoring.adapters.tables import outbox
from services.scoring.demo_portraits import seed_portraits
from services.scoring.domain.observations import FEED, REPORTED_SOURCE, ObservationInput
from services.scoring.domain.periods import parse_period
from services.scoring.domain.rules import ItemSpec
from services.scoring.service_layer import records as record_commands
from services.scoring.service_layer.imports import UPLOAD
from services.scoring.service_layer.monitoring import run_monitoring
from services.scoring.service_layer.observations import record_observations
from services.scoring.service_layer.scoring import run_scoring
from services.scoring.service_layer.unit_of_work import SqlScoringUnitOfWork

YEAR = 2025
MONITORED_MONTH = f"{YEAR + 1}-03"
SEEDED_BY = "seed"
LIST_WAIT_SECONDS = 90
# Reported as progress to date: the latest report counts and the target is reached pro rata.
CUMULATIVE = (
    "EC-KEY-PROJECTS",
    "EC-INVESTMENT",
    "EC-EMERGING-INDUSTRY",
    "PR-COMPLETION-RATE",
    "RL-NEW-EMPLOYMENT",
)
SILENT_RED_LINE = "RL-WATER-QUALITY"
KNOWN_VALUES = {"SF-NETIZEN-MESSAGES": 98.63, "FD-PRESCHOOL-EXECUTION": 89.44}
RECTIFIED_BELOW = 95.0
DAILY_RECORDS = (
    ("major_project", 6.0, "重大项目攻坚：推动重点项目按期开工"),
    ("emergency_response", 4.0, "突发事件处置：汛期险情及时处置"),
)


def _rng(*parts: str) -> random.Random:
    """The same numbers on every run, different for every unit and indicator."""
    return random.Random(int(hashlib.sha256("/".join(parts).encode()).hexdigest()[:16], 16))


def _periods(item: ItemSpec, year: int, last_month: int = 12) -> list[str]:
    if item.frequency in ("daily", "monthly"):
        return [f"{year}-{m:02d}" for m in range(1, last_month + 1)]
    if item.frequency == "quarterly":
        return [f"{year}-Q{q}" for q in range(1, last_month // 3 + 1)]
    return [str(year)] if last_month == 12 else []


def _bounded(item: ItemSpec, value: float) -> float:
    low = item.min_value if item.min_value is not None else (0.0 if item.kind != "scored" else None)
    if low is not None:
        value = max(value, low)
    if item.max_value is not None:
        value = min(value, item.max_value)
    return round(value, 2)


def _goal(item: ItemSpec) -> float:
    if item.target is not None:
        return item.target
    rule = item.rule
    if rule.get("type") == "threshold_bands":
        return float(rule["bands"][0]["bound"])
    return float(rule.get("threshold", 100.0))


def _value(unit_id: str, item: ItemSpec, period: str, step: int, steps: int) -> float:
    rng = _rng(unit_id, item.indicator_code, period)
    code = item.indicator_code
    if item.kind == "deduction":
        return float(rng.random() < 0.15)
    if item.kind in ("veto_excellence", "veto"):
        return 0.0
    if code in KNOWN_VALUES and step == steps - 1:
        return KNOWN_VALUES[code]
    goal = _goal(item)
    higher = item.direction == "higher_is_better"
    fraction = parse_period(period).last_month / 12 if code in CUMULATIVE else 1.0
    if item.kind == "red_line":
        # Binding lines hold almost everywhere: at the line, or well within it when lower is better.
        return _bounded(item, goal * fraction if higher else goal * rng.uniform(0.55, 0.9))
    form = min(
        max(_rng(unit_id, code).gauss(0.97, 0.035), 0.86), 1.06
    )  # how well this unit does on it
    level = goal * (form if higher else 2 - form) * fraction
    return _bounded(item, level * rng.uniform(0.98, 1.02))


def _incidents(items: list[tuple[str, ItemSpec]], year: int) -> dict[tuple[str, str, str], float]:
    """The few things that went wrong in the demo year: a township's drinking water fell below the
    line in November, a bureau had a major food-safety accident, a street missed new employment."""
    units_with = lambda code: sorted(u for u, item in items if item.indicator_code == code)  # noqa: E731
    changes: dict[tuple[str, str, str], float] = {}
    for code, period, value in (
        ("RL-WATER-QUALITY", f"{year}-11", 96.5),
        ("VX-FOOD-SAFETY", f"{year}-06", 1.0),
        ("RL-NEW-EMPLOYMENT", f"{year}-Q4", 96.0),
    ):
        candidates = units_with(code)
        if candidates:
            changes[(_rng(code, str(year)).choice(candidates), code, period)] = value
    return changes


async def _wait_for_lists(sessions) -> int:
    """Waits until the lists published for the year stop arriving; returns how many are in force."""
    seen, steady, deadline = -1, 0, time.monotonic() + LIST_WAIT_SECONDS
    while time.monotonic() < deadline:
        async with sessions() as session:
            count = (
                await session.execute(
                    sa.text("SELECT count(*) FROM lists_in_force WHERE year = :y"), {"y": YEAR}
                )
            ).scalar()
        steady = steady + 1 if count == seen and count > 0 else 0
        if steady >= 3:
            return count
        seen = count
        await asyncio.sleep(1)
    return max(seen, 0)


async def _items_in_force(uow: SqlScoringUnitOfWork, year: int) -> list[tuple[str, ItemSpec]]:
    conn = await driver_connection(uow.session)
    rows = await conn.fetch(
        """SELECT li.unit_id, li.indicator_code, li.name, li.dimension, li.kind, li.direction, li.unit_of_measure,
                  li.weight, li.target, li.rule::text AS rule, li.data_source, li.source_system, li.frequency,
                  li.capability_tags, li.min_value, li.max_value
           FROM lists_in_force f JOIN list_items li USING (unit_id, year, version)
           WHERE f.year = $1 ORDER BY li.unit_id, li.indicator_code""",
        year,
    )
    return [(row["unit_id"], item_spec(row)) for row in rows]


def _silences(items: list[tuple[str, ItemSpec]]) -> tuple[str | None, tuple[str, str] | None]:
    """Missing data the demo shows: a unit that reported nothing at all, and another that never
    reported its drinking-water red line (other than the one whose water fell below the line). The
    same units every year, so that March's monitoring finds them overdue too."""
    units = sorted({unit for unit, _ in items})
    with_water = sorted(u for u, item in items if item.indicator_code == SILENT_RED_LINE)
    silent = _rng("silent-unit").choice(units) if units else None
    polluted = {unit for unit, code, _ in _incidents(items, YEAR) if code == SILENT_RED_LINE}
    others = [u for u in with_water if u != silent and u not in polluted]
    return silent, ((_rng("silent-red-line").choice(others), SILENT_RED_LINE) if others else None)


def _observations(
    items: list[tuple[str, ItemSpec]], year: int, last_month: int
) -> tuple[list, list]:
    """(reported by people, fed by systems) observations of every item in force, but for the silences."""
    reported, fed = [], []
    below_line = sorted({unit for unit, item in items if item.indicator_code == "PB-FIRST-STUDY"})[
        :3
    ]
    incidents = _incidents(items, year)
    silent, unreported = _silences(items)
    for unit_id, item in items:
        if unit_id == silent or (unit_id, item.indicator_code) == unreported:
            continue
        periods = _periods(item, year, last_month)
        for step, period in enumerate(periods):
            value = incidents.get(
                (unit_id, item.indicator_code, period),
                _value(unit_id, item, period, step, len(periods)),
            )
            if item.indicator_code == "PB-FIRST-STUDY" and unit_id in below_line:
                value = 93.5
            auto = item.data_source == "auto_feed"
            source = item.source_system if auto and item.source_system else REPORTED_SOURCE
            (fed if auto else reported).append(
                ObservationInput(
                    unit_id, item.indicator_code, period, value, item.unit_of_measure, source
                )
            )
    return reported, fed


async def _already_seeded(uow: SqlScoringUnitOfWork, year: int) -> bool:
    found = await uow.session.execute(
        sa.text(
            "SELECT 1 FROM observations WHERE year = :y AND reported_by IN (:by, :feed) LIMIT 1"
        ),
        {"y": year, "by": SEEDED_BY, "feed": f"{SEEDED_BY}-feed"},
    )
    return found.first() is not None


async def _report(uow: SqlScoringUnitOfWork, year: int, last_month: int) -> int:
    if await _already_seeded(uow, year):
        return 0
    reported, fed = _observations(await _items_in_force(uow, year), year, last_month)
    if reported:
        await record_observations(uow, reported, UPLOAD, SEEDED_BY)
    if fed:
        await record_observations(uow, fed, FEED, f"{SEEDED_BY}-feed")
    return len(reported) + len(fed)


async def _people(uow: SqlScoringUnitOfWork) -> int:
    """Public evaluations of streets and townships, cadre evaluations, and daily records of township heads."""
    session = uow.session
    units = (
        await session.execute(
            sa.text(
                "SELECT f.unit_id, v.unit_category FROM lists_in_force f JOIN list_versions v USING (unit_id, year, version) "
                "WHERE f.year = :y ORDER BY f.unit_id"
            ),
            {"y": YEAR},
        )
    ).all()
    added = 0
    for unit_id, category in units:
        if category not in ("township", "street_office"):
            continue
        for n in range(5):
            satisfaction = round(_rng(unit_id, "public", str(n)).uniform(78, 98), 1)
            digest = hashlib.sha256(f"{SEEDED_BY}-{unit_id}-{n}".encode()).hexdigest()
            added += (
                await records.add_public_evaluation(
                    session, unit_id, f"{YEAR}-Q4", digest, satisfaction, SEEDED_BY
                )
                is not None
            )
    cadres = (
        await session.execute(
            sa.text(
                "SELECT c.cadre_id, c.position_level, v.unit_category FROM cadre_roster c "
                "JOIN lists_in_force f ON f.unit_id = c.unit_id AND f.year = :y "
                "JOIN list_versions v ON v.unit_id = f.unit_id AND v.year = f.year AND v.version = f.version "
                "ORDER BY c.cadre_id"
            ),
            {"y": YEAR},
        )
    ).all()
    for cadre_id, level, _ in cadres:
        await records.set_evaluation(
            session,
            cadre_id,
            YEAR,
            "own",
            round(_rng(cadre_id, "own").uniform(74, 96), 1),
            SEEDED_BY,
        )
        if level == "principal":
            await records.set_evaluation(
                session,
                cadre_id,
                YEAR,
                "term",
                round(_rng(cadre_id, "term").uniform(78, 94), 1),
                SEEDED_BY,
            )
    if (
        await session.execute(
            sa.text("SELECT 1 FROM daily_records WHERE recorded_by = :by LIMIT 1"),
            {"by": SEEDED_BY},
        )
    ).first():
        return added
    heads = [
        cadre_id
        for cadre_id, level, category in cadres
        if level == "principal" and category == "township"
    ][:8]
    for cadre_id, _level, _ in cadres:
        # Eight township heads pushed projects through and handled emergencies; others have a record or none.
        chosen = (
            DAILY_RECORDS
            if cadre_id in heads
            else DAILY_RECORDS[: _rng(cadre_id, "daily").randrange(2)]
        )
        for month, (kind, points, description) in enumerate(chosen, start=5):
            await records.add_daily_record(
                session, cadre_id, date(YEAR, month, 18), kind, points, description, SEEDED_BY
            )
            added += 1
    return added


async def seed() -> dict[str, object]:
    settings = get_settings()
    url = settings.database_url("scoring")
    await asyncio.to_thread(migrations.upgrade, "scoring", url)
    engine = make_engine(url, pool_size=2)
    sessions = make_session_factory(engine)
    try:
        lists = await _wait_for_lists(sessions)
        if not lists:
            return {"lists in force": 0}
        async with SqlScoringUnitOfWork(sessions, "scoring", outbox) as uow:
            if not (await record_commands.current_settings(uow.session)).cumulative_indicators:
                await record_commands.configure(
                    uow, {"cumulative_indicators": list(CUMULATIVE)}, SEEDED_BY
                )
        async with SqlScoringUnitOfWork(sessions, "scoring", outbox) as uow:
            observations = await _report(uow, YEAR, 12)
            observations += await _report(uow, YEAR + 1, 3)
        async with SqlScoringUnitOfWork(sessions, "scoring", outbox) as uow:
            people = await _people(uow)
        async with SqlScoringUnitOfWork(sessions, "scoring", outbox) as uow:
            people += await seed_portraits(uow)
        async with SqlScoringUnitOfWork(sessions, "scoring", outbox) as uow:
            run = await run_scoring(uow, str(YEAR), SEEDED_BY)
        async with SqlScoringUnitOfWork(sessions, "scoring", outbox) as uow:
            monitoring = await run_monitoring(uow, MONITORED_MONTH)
    finally:
        await engine.dispose()
    return {
        "lists in force": lists,
        "observations": observations,
        "records": people,
        f"units scored for {YEAR}": run.units,
        "cadres scored": run.cadres,
        "events": run.events + monitoring.interviews,
    }


def main() -> None:
    began = time.monotonic()
    added = asyncio.run(seed())
    summary = ", ".join(f"{count} {what}" for what, count in added.items())
    print(f"scoring demo data: {summary} ({time.monotonic() - began:.1f}s)")


if __name__ == "__main__":
    main()
