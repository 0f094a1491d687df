"""A steady stream of unit registrations against the indicator subgraph, and what became of them:
each write is acknowledged (the mutation answered with data), refused with a code, or lost in
transit (the connection failed, so the client cannot know)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx

from services.common.settings import PlatformSettings
from tests.support import GraphQLClient, database, unique

REGISTER_UNIT = "mutation($u: UnitInput!) { registerUnit(input: $u) { id } }"


@dataclass
class Writes:
    prefix: str
    acknowledged: list[str] = field(default_factory=list)
    attempted: list[str] = field(default_factory=list)
    # (HTTP status, error code) of each refused write; ("transport", error class) for no answer.
    refused: Counter = field(default_factory=Counter)
    # Ticks of the steady load at which every slot was still busy: not sent, so the run stays
    # as long as planned however slow the machine is.
    skipped: int = 0

    @property
    def unanswered(self) -> int:
        return sum(n for (kind, _), n in self.refused.items() if kind == "transport")

    @property
    def answered_refusals(self) -> Counter:
        return Counter({key: n for key, n in self.refused.items() if key[0] != "transport"})


async def write_one(client: GraphQLClient, writes: Writes, index: int) -> None:
    unit_id = f"{writes.prefix}-{index:05d}"
    writes.attempted.append(unit_id)
    try:
        response = await client.post(
            REGISTER_UNIT, {"u": {"id": unit_id, "name": f"负载乡{index}", "category": "township"}}
        )
    except httpx.HTTPError as error:
        writes.refused[("transport", type(error).__name__)] += 1
        return
    body = response.json() if response.content else {}
    if response.status_code == 200 and not body.get("errors") and body.get("data"):
        writes.acknowledged.append(unit_id)
        return
    code = ((body.get("errors") or [{}])[0].get("extensions") or {}).get("code")
    writes.refused[(response.status_code, code)] += 1


async def steady_writes(
    client: GraphQLClient, writes: Writes, rate: float, stop: asyncio.Event, concurrency: int = 25
) -> None:
    """`rate` writes a second until `stop` is set; at most `concurrency` in flight."""
    pending: set[asyncio.Task] = set()
    began, tick, index = time.monotonic(), 0, 0
    while not stop.is_set():
        tick += 1
        if len(pending) < concurrency:
            task = asyncio.create_task(write_one(client, writes, index))
            pending.add(task)
            task.add_done_callback(pending.discard)
            index += 1
        else:
            writes.skipped += 1
        await asyncio.sleep(max(0.0, began + tick / rate - time.monotonic()))
    await asyncio.gather(*pending)


async def burst(client: GraphQLClient, writes: Writes, count: int, concurrency: int = 25) -> None:
    slots = asyncio.Semaphore(concurrency)

    async def guarded(index: int) -> None:
        async with slots:
            await write_one(client, writes, index)

    await asyncio.gather(*(guarded(i) for i in range(count)))


def new_writes(label: str) -> Writes:
    return Writes(prefix=unique(f"U-{label}"))


@dataclass
class Effects:
    """Where the writes of one prefix ended up: indicator's units and outbox, each consumer."""

    units: int
    events: int
    units_without_one_event: int
    events_by_unit: dict[str, int]
    processed: dict[str, int]
    on_roster: dict[str, int]


async def effects(settings: PlatformSettings, writes: Writes) -> Effects:
    pattern = f"{writes.prefix}-%"
    conn = await database(settings, "indicator")
    try:
        units = await conn.fetchval("SELECT count(*) FROM units WHERE id LIKE $1", pattern)
        rows = await conn.fetch(
            "SELECT envelope->'payload'->>'unit_id' AS unit_id, array_agg(event_id) AS ids "
            "FROM outbox WHERE event_type = 'UnitRegistered' "
            "AND envelope->'payload'->>'unit_id' LIKE $1 GROUP BY 1",
            pattern,
        )
        # Half-written: a unit without exactly one event, or an event without its unit.
        half = await conn.fetchval(
            "SELECT count(*) FROM units u FULL JOIN ("
            "  SELECT envelope->'payload'->>'unit_id' AS unit_id, count(*) AS n FROM outbox"
            "  WHERE event_type = 'UnitRegistered' AND envelope->'payload'->>'unit_id' LIKE $1"
            "  GROUP BY 1) e ON e.unit_id = u.id "
            "WHERE (u.id LIKE $1 OR e.unit_id IS NOT NULL) AND (u.id IS NULL OR e.n IS DISTINCT FROM 1)",
            pattern,
        )
    finally:
        await conn.close()
    event_ids = [event_id for row in rows for event_id in row["ids"]]
    processed, on_roster = {}, {}
    for service in ("scoring", "development"):
        conn = await database(settings, service)
        try:
            processed[service] = await conn.fetchval(
                "SELECT count(*) FROM processed_events WHERE event_id = ANY($1::uuid[])", event_ids
            )
            on_roster[service] = await conn.fetchval(
                "SELECT count(*) FROM unit_roster WHERE unit_id LIKE $1", pattern
            )
        finally:
            await conn.close()
    return Effects(
        units=units,
        events=len(event_ids),
        units_without_one_event=half,
        events_by_unit={row["unit_id"]: len(row["ids"]) for row in rows},
        processed=processed,
        on_roster=on_roster,
    )


async def settled(settings: PlatformSettings, writes: Writes, timeout: float = 120) -> Effects:
    """The effects once both consumers have caught up with every event indicator wrote."""
    deadline = time.monotonic() + timeout
    while True:
        found = await effects(settings, writes)
        caught_up = all(n == found.events for n in found.processed.values())
        if caught_up or time.monotonic() > deadline:
            return found
        await asyncio.sleep(1)
