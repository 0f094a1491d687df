"""Importing and publishing a city's indicator catalogue, and reading one unit's list back.

Measures, against a running stack (env from `scripts/stack.py env`):
- import_publish_s: from sending `importIndicatorLists(publish: true)` with a 2,000-unit city's
  lists (about 80,000 rows, each validated) through the gateway, until the last of the 2,000
  `IndicatorListPublished` events is readable on Kafka;
- list_read_p99_ms: reading one unit's published list (all its items) through the gateway.

Units and indicators are registered first (not timed), under a fresh prefix per run, with the
same import mutations; each unit's list carries its category's common indicators at their
default weights and fills the rest of the 100 with individual ones.

    python bench/catalogue_import.py [--units 2000] [--rows-per-unit 40] [--reads 300]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import math
import time
import uuid

import httpx
from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from common import emit_figures, heading, line, percentile_ms, stack_settings

from schemas import topics
from services.common.auth import Role, mint_token
from services.indicator.adapters.spreadsheet_files import write_table

CATEGORIES = (
    "township",
    "street_office",
    "state_owned_enterprise",
    "development_zone",
    "municipal_department",
    "education",
    "health",
    "public_institution",
    "task_force",
)
INDIVIDUAL_INDICATORS = 60
YEAR = 2031

IMPORT = """mutation($file: CatalogueFileInput!, $publish: Boolean!) {
  importIndicatorLists(file: $file, publish: $publish) { rows applied written published errorCount errors { row column rule reason } }
}"""
IMPORT_UNITS = "mutation($file: CatalogueFileInput!) { importUnits(file: $file) { applied written errorCount errors { row reason } } }"
IMPORT_INDICATORS = """mutation($file: CatalogueFileInput!) {
  importIndicators(file: $file) { applied written errorCount errors { row column reason } }
}"""
COMMONS = "query($c: String!) { commonIndicators(category: $c) { indicatorCode weight target } }"
READ = """query($u: ID!, $y: Int!) { indicatorList(unitId: $u, year: $y) {
  id version status effectiveFrom items { indicatorCode name kind weight target rule dataSource frequency capabilityTags }
} }"""


def csv_file(name: str, header: list[str], rows: list[list]) -> dict:
    return {
        "filename": name,
        "contentBase64": base64.b64encode(write_table("csv", header, rows)).decode("ascii"),
    }


async def graphql(client: httpx.AsyncClient, url: str, query: str, variables: dict) -> dict:
    response = await client.post(url, json={"query": query, "variables": variables})
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise SystemExit(f"GraphQL request failed ({response.status_code}): {str(body)[:2000]}")
    return body["data"]


def split_weight(total: float, count: int) -> list[float]:
    """`count` weights with two decimals that add up to `total` exactly."""
    cents = round(total * 100)
    base, rest = divmod(cents, count)
    return [(base + (1 if i < rest else 0)) / 100 for i in range(count)]


async def register_city(client, url, prefix: str, units: int) -> None:
    unit_rows = [
        [
            f"{prefix}-U{n:05d}",
            f"基准单位{n:05d}",
            CATEGORIES[n % len(CATEGORIES)],
            "基准市",
            "",
            "是" if CATEGORIES[n % len(CATEGORIES)] == "task_force" else "否",
        ]
        for n in range(units)
    ]
    file = csv_file(
        "units.csv",
        ["单位编码", "单位名称", "单位类别", "所属区县", "上级单位", "临时机构"],
        unit_rows,
    )
    report = (await graphql(client, url, IMPORT_UNITS, {"file": file}))["importUnits"]
    if not report["applied"]:
        raise SystemExit(f"units were not registered: {report}")
    indicator_rows = [
        [
            f"{prefix}-I{n:03d}",
            f"基准产出指标{n:03d}",
            "economic_development",
            "scored",
            "higher_is_better",
            "%",
            "manual_report",
            "",
            "quarterly",
            "target_attainment",
            1.2,
            "investment_attraction",
        ]
        for n in range(INDIVIDUAL_INDICATORS)
    ]
    file = csv_file(
        "indicators.csv",
        [
            "指标编码",
            "指标名称",
            "维度",
            "指标类型",
            "方向",
            "计量单位",
            "数据来源",
            "来源系统",
            "监测频次",
            "评分规则",
            "封顶系数",
            "能力标签",
        ],
        indicator_rows,
    )
    report = (await graphql(client, url, IMPORT_INDICATORS, {"file": file}))["importIndicators"]
    if not report["applied"]:
        raise SystemExit(f"indicators were not imported: {report}")


async def list_file(client, url, prefix: str, units: int, rows_per_unit: int) -> tuple[dict, int]:
    commons = {
        c: (await graphql(client, url, COMMONS, {"c": c}))["commonIndicators"] for c in CATEGORIES
    }
    rows = []
    for n in range(units):
        unit_id = f"{prefix}-U{n:05d}"
        common = commons[CATEGORIES[n % len(CATEGORIES)]]
        individual = rows_per_unit - len(common)
        remaining = 100 - math.fsum(c["weight"] for c in common)
        for c in common:
            rows.append(
                [
                    unit_id,
                    YEAR,
                    c["indicatorCode"],
                    c["weight"],
                    "" if c["target"] is None else c["target"],
                ]
            )
        for i, weight in enumerate(split_weight(remaining, individual)):
            rows.append(
                [unit_id, YEAR, f"{prefix}-I{(n + i) % INDIVIDUAL_INDICATORS:03d}", weight, 100]
            )
    return csv_file("lists.csv", ["单位编码", "年度", "指标编码", "权重", "目标值"], rows), len(
        rows
    )


async def wait_for_events(
    consumer: AIOKafkaConsumer, prefix: str, expected: int, timeout: float
) -> float:
    """Reads the lists topic until every unit of this run has its event; returns when the last arrived."""
    seen: set[bytes] = set()
    marker = prefix.encode()
    deadline = time.monotonic() + timeout
    while len(seen) < expected:
        if time.monotonic() > deadline:
            raise SystemExit(
                f"only {len(seen)} of {expected} IndicatorListPublished events reached Kafka in {timeout:.0f}s"
            )
        batches = await consumer.getmany(timeout_ms=200, max_records=5000)
        for records in batches.values():
            seen.update(r.key for r in records if r.key and r.key.startswith(marker))
    return time.monotonic()


async def open_reader(bootstrap: str) -> AIOKafkaConsumer:
    """A reader of the lists topic positioned at its current end (no consumer group)."""
    consumer = AIOKafkaConsumer(
        topics.INDICATOR_LISTS,
        bootstrap_servers=bootstrap,
        enable_auto_commit=False,
        fetch_max_bytes=64 * 1024 * 1024,
        max_partition_fetch_bytes=16 * 1024 * 1024,
    )
    await consumer.start()
    partitions = consumer.assignment()
    if not partitions:
        await consumer.stop()
        raise SystemExit(f"topic {topics.INDICATOR_LISTS} does not exist on {bootstrap}")
    await consumer.seek_to_end(*partitions)
    for partition in partitions:
        await consumer.position(partition)  # resolves the end now, before anything is published
    return consumer


async def settle(bootstrap: str, topic: str, timeout: float = 120) -> str:
    """Waits until the services' consumer groups have read `topic` to its end, so that other
    services digesting what a previous step sent do not run during the next measurement."""
    began = time.monotonic()
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    reader = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await admin.start()
    await reader.start()
    try:
        while time.monotonic() - began < timeout:
            existing = {g[0] for g in await admin.list_consumer_groups()}
            committed = {}
            for group in existing & set(topics.CONSUMER_GROUPS):
                offsets = await admin.list_consumer_group_offsets(group)
                committed.update(
                    {(group, tp): o.offset for tp, o in offsets.items() if tp.topic == topic}
                )
            ends = await reader.end_offsets(list({tp for _, tp in committed}))
            if all(offset >= ends[tp] for (_, tp), offset in committed.items()):
                return f"{time.monotonic() - began:.2f} s"
            await asyncio.sleep(0.5)
    finally:
        await reader.stop()
        await admin.close()
    return f"not done after {timeout:.0f} s; measuring anyway"


async def read_latencies(client, url: str, unit_id: str, reads: int) -> list[float]:
    samples = []
    for n in range(reads + 20):
        began = time.perf_counter()
        data = await graphql(client, url, READ, {"u": unit_id, "y": YEAR})
        elapsed = time.perf_counter() - began
        if not data["indicatorList"] or not data["indicatorList"]["items"]:
            raise SystemExit(f"unit {unit_id}'s published list came back empty")
        if n >= 20:  # the first requests warm connections and plans up
            samples.append(elapsed)
    return samples


async def main(units: int, rows_per_unit: int, reads: int) -> None:
    settings = stack_settings()
    url = settings.gateway_url
    prefix = f"B{uuid.uuid4().hex[:6]}"
    headers = {"authorization": f"Bearer {mint_token(settings, Role.ADMIN)}"}
    heading(f"catalogue import: {units} units x {rows_per_unit} list rows, via {url}")
    async with httpx.AsyncClient(timeout=300, headers=headers) as client:
        began = time.monotonic()
        await register_city(client, url, prefix, units)
        line("registering units and indicators (not timed)", f"{time.monotonic() - began:.2f}", "s")
        settled = await settle(settings.kafka_bootstrap_servers, topics.UNITS)
        line("other services reading the registrations (not timed)", settled)
        file, list_rows = await list_file(client, url, prefix, units, rows_per_unit)
        line(
            "list file", f"{list_rows} rows, {len(file['contentBase64']) / 2**20:.1f} MiB as base64"
        )

        consumer = await open_reader(settings.kafka_bootstrap_servers)
        try:
            began = time.monotonic()
            report = (await graphql(client, url, IMPORT, {"file": file, "publish": True}))[
                "importIndicatorLists"
            ]
            answered = time.monotonic()
            if not report["applied"] or report["published"] != units:
                raise SystemExit(f"the import was refused: {report}")
            last_event = await wait_for_events(consumer, prefix, units, timeout=300)
        finally:
            await consumer.stop()
        import_publish_s = round(last_event - began, 2)
        line(
            "import + validation + publication (mutation answered)", f"{answered - began:.2f}", "s"
        )
        line("last IndicatorListPublished readable on Kafka after", f"{import_publish_s:.2f}", "s")

        settled = await settle(settings.kafka_bootstrap_servers, topics.INDICATOR_LISTS)
        line("other services reading the published lists (not timed)", settled)
        samples = await read_latencies(client, url, f"{prefix}-U00000", reads)
        direct = await read_latencies(
            client, settings.service_url("indicator") + "/graphql", f"{prefix}-U00000", reads
        )
    line(
        f"one unit's published list via the gateway ({reads} reads)",
        f"p50 {percentile_ms(samples, 50)} ms, p99 {percentile_ms(samples, 99)}",
        "ms",
    )
    line(
        "the same read on the indicator subgraph itself",
        f"p50 {percentile_ms(direct, 50)} ms, p99 {percentile_ms(direct, 99)}",
        "ms",
    )
    emit_figures(
        {
            "units": units,
            "list_rows": list_rows,
            "import_publish_s": import_publish_s,
            "list_read_p99_ms": percentile_ms(samples, 99),
        }
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--rows-per-unit", type=int, default=40)
    parser.add_argument("--reads", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(main(args.units, args.rows_per_unit, args.reads))
