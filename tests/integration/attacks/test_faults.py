"""The fault runs, on the attack tests' own stack: the Kafka broker killed under a steady write
load, PostgreSQL stopped, a service killed mid-burst and mid-run. Nothing acknowledged is lost,
nothing is applied twice, nothing is half-written, and while the database is down the answer is
a retryable SERVICE_UNAVAILABLE (HTTP 503) at the subgraph and at the gateway.

Each test prints its figures (run pytest with -s to see them)."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from services.common.auth import Role
from tests.integration.attacks.load import (
    Effects,
    Writes,
    burst,
    new_writes,
    settled,
    steady_writes,
)
from tests.integration.scoring.world import Unit, set_up, unique_year
from tests.support import GraphQLClient, database, token, unique

WRITE_RATE = 20.0  # a second; the machine running the tests is shared, so modest
LEAD_SECONDS = 4.0
# A broker restarted after a kill replays its logs and the consumers rejoin their groups; on a
# busy machine that alone can take minutes, so each run gets more than the suite's default.
pytestmark = pytest.mark.timeout(600)


def step(began: float, what: str) -> None:
    print(f"  {time.monotonic() - began:6.1f}s {what}", flush=True)


def figures(label: str, writes: Writes, found: Effects, seconds: float) -> None:
    print(
        f"\n{label}: {len(writes.attempted)} attempted, {len(writes.acknowledged)} acknowledged, "
        f"refused {dict(writes.refused)}, not sent (all slots busy) {writes.skipped}; indicator units {found.units}, events {found.events}, "
        f"half-written {found.units_without_one_event}; effected (processed events) "
        f"{found.processed}, on rosters {found.on_roster}; {seconds:.1f}s"
    )


def assert_nothing_lost_or_doubled(writes: Writes, found: Effects) -> None:
    acknowledged = set(writes.acknowledged)
    assert acknowledged <= set(found.events_by_unit), (
        f"acknowledged writes without their event: {sorted(acknowledged - set(found.events_by_unit))[:5]}"
    )
    doubled = {unit: n for unit, n in found.events_by_unit.items() if n != 1}
    assert not doubled, f"writes applied more than once: {doubled}"
    assert found.units_without_one_event == 0, "units and their events disagree (half-written)"
    assert found.units == found.events
    for service in ("scoring", "development"):
        assert found.processed[service] == found.events, (
            f"{service} effected {found.processed[service]} of {found.events} events"
        )
        assert found.on_roster[service] == found.units, service


async def test_kafka_broker_killed_for_15_seconds_under_a_steady_write_load(
    own_stack, own_settings, own_subgraph
):
    began = time.monotonic()
    writes, stop = new_writes("kafka-down"), asyncio.Event()
    load = asyncio.create_task(steady_writes(own_subgraph("indicator"), writes, WRITE_RATE, stop))
    await asyncio.sleep(LEAD_SECONDS)
    await own_stack.kill("kafka")
    step(began, "kafka killed")
    await asyncio.sleep(15)
    await own_stack.start("kafka")
    step(began, "kafka back")
    await asyncio.sleep(LEAD_SECONDS)
    stop.set()
    await load
    step(began, f"load stopped, {len(writes.acknowledged)} acknowledged")
    found = await settled(own_settings, writes)
    figures("kafka killed 15s", writes, found, time.monotonic() - began)
    # The writes go to PostgreSQL (the outbox); the broker's absence must not refuse any. A write
    # whose connection dropped is unanswered, not refused (a kept-alive connection the server
    # closed as the request went out); whatever it did is checked below with the rest.
    assert not writes.answered_refusals, writes.refused
    assert writes.unanswered <= len(writes.attempted) // 100, writes.refused
    assert_nothing_lost_or_doubled(writes, found)


async def test_postgresql_stopped_for_20_seconds_answers_503_and_loses_no_acknowledged_write(
    own_stack, own_settings, own_subgraph
):
    began = time.monotonic()
    writes, stop = new_writes("pg-down"), asyncio.Event()
    load = asyncio.create_task(steady_writes(own_subgraph("indicator"), writes, WRITE_RATE, stop))
    await asyncio.sleep(LEAD_SECONDS)
    await own_stack.stop("postgres")
    stopped = time.monotonic()
    step(began, "postgres stopped")
    await asyncio.sleep(3)
    bearer = token(own_settings, Role.ADMIN)
    answers = {}
    async with httpx.AsyncClient(timeout=20) as http:
        for where, url in (
            ("gateway", own_settings.gateway_url),
            ("indicator", own_settings.service_url("indicator").rstrip("/") + "/graphql"),
        ):
            response = await http.post(
                url,
                json={"query": "{ units(limit: 1) { id } }"},
                headers={"authorization": f"Bearer {bearer}"},
            )
            answers[where] = (response.status_code, response.json())
    await asyncio.sleep(max(0.0, 20 - (time.monotonic() - stopped)))
    await own_stack.start("postgres")
    step(began, "postgres back")
    await asyncio.sleep(LEAD_SECONDS)
    stop.set()
    await load
    step(began, f"load stopped, {len(writes.acknowledged)} acknowledged")
    found = await settled(own_settings, writes)
    figures("postgres stopped 20s", writes, found, time.monotonic() - began)
    print(f"while down: {answers}")
    for where, (status, body) in answers.items():
        codes = {(e.get("extensions") or {}).get("code") for e in body.get("errors") or []}
        assert status == 503 and codes == {"SERVICE_UNAVAILABLE"}, (where, status, body)
    # Every write that was not acknowledged was told to retry; none failed as a bug would.
    assert set(writes.answered_refusals) <= {(503, "SERVICE_UNAVAILABLE")}, writes.refused
    assert writes.unanswered <= len(writes.attempted) // 100, writes.refused
    assert writes.answered_refusals, "the outage refused no write: the database was not down"
    assert_nothing_lost_or_doubled(writes, found)


async def test_indicator_killed_mid_burst_leaves_nothing_half_written(
    own_stack, own_settings, own_subgraph
):
    began = time.monotonic()
    writes = new_writes("burst-kill")
    writing = asyncio.create_task(burst(own_subgraph("indicator"), writes, 300))
    # Mid-burst whatever the machine's speed: once some writes are through, many more in flight.
    deadline = time.monotonic() + 60
    while len(writes.acknowledged) < 30 and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    await own_stack.kill("indicator")
    step(began, f"indicator killed after {len(writes.acknowledged)} acknowledged")
    await writing
    await own_stack.start("indicator")
    found = await settled(own_settings, writes)
    figures("indicator killed mid-burst", writes, found, time.monotonic() - began)
    assert writes.acknowledged, "the kill came before any write was acknowledged"
    assert len(writes.acknowledged) < len(writes.attempted), "the kill came after the burst"
    # Writes in flight at the kill may have committed without an answer; those are whole too.
    assert_nothing_lost_or_doubled(writes, found)


RUN = "mutation($period: String!) { runScoring(period: $period) { runId units } }"
# When to kill, as parts of how long a whole run took just before.
KILL_AT = (0.2, 0.5, 0.8)


async def half_written_runs(settings, period: str) -> list:
    """What would show a run half-written: the period's unit scores coming from more than one run,
    or from a run whose row counts a different number of units. A later complete run replaces an
    earlier one's rows (one row per unit and period), so only the run in force is counted."""
    conn = await database(settings, "scoring")
    try:
        return await conn.fetch(
            "SELECT * FROM (SELECT s.run_id, r.units, count(*) AS scored, count(*) OVER () AS runs "
            "FROM unit_scores s LEFT JOIN scoring_runs r ON r.run_id = s.run_id "
            "WHERE s.period = $1 GROUP BY s.run_id, r.units) AS in_force "
            "WHERE runs > 1 OR units IS DISTINCT FROM scored",
            period,
        )
    finally:
        await conn.close()


async def test_scoring_killed_mid_run_leaves_no_half_written_run(
    own_stack, own_settings, own_subgraph
):
    began = time.monotonic()
    year = unique_year()
    category = unique("township")
    units = [Unit(unique(f"R{i}"), category) for i in range(30)]
    await set_up(own_settings, units, year)
    period = f"{year}-12"
    timed = time.monotonic()
    await own_subgraph("scoring").execute(RUN, {"period": period})
    whole_run = time.monotonic() - timed
    step(began, f"a whole run takes {whole_run:.2f}s")
    interrupted = 0
    for part in KILL_AT:
        client = GraphQLClient(
            own_settings.service_url("scoring"), bearer=token(own_settings, Role.ADMIN)
        )
        run = asyncio.create_task(client.post(RUN, {"period": period}))
        await asyncio.sleep(part * whole_run)
        await own_stack.kill("scoring")
        try:
            await run
        except httpx.HTTPError:
            interrupted += 1
        await client.aclose()
        await own_stack.start("scoring")
        assert not await half_written_runs(own_settings, period)
    # After the kills, a run completes whole.
    done = await own_subgraph("scoring").execute(RUN, {"period": period})
    assert done["runScoring"]["units"] == len(units)
    assert not await half_written_runs(own_settings, period)
    print(
        f"\nscoring killed mid-run {len(KILL_AT)} times ({interrupted} with the run "
        f"in flight): 0 half-written runs; {time.monotonic() - began:.1f}s"
    )
    assert interrupted, "no kill landed while a run was in flight"
