"""A cadre reading their own score breakdown through the gateway: the total with each part and its
weight, the unit score it comes from with every indicator's contribution (rule, value, observation
revision, list version), the capability profile and the daily records.

Each request carries the token of the cadre it asks about (the self-service case), one request at a
time after a warm-up; the figure is the client-side latency.

    python bench/breakdown_query.py                  # 1,000 requests
    python bench/breakdown_query.py --requests 200

Needs a scored period (the demo data's 2025, or bench/rescoring.py's city-year, the default being the
period with the most cadre scores). Figures: p50_ms, p99_ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time

import asyncpg
import httpx
from common import emit_figures, heading, line, percentile_ms, stack_settings

from services.common.auth import Role, mint_token
from services.common.db import asyncpg_dsn

BREAKDOWN = """query($cadre: ID!, $period: String!) {
  cadreScore(cadreId: $cadre, period: $period) {
    cadreId period total grade gradeByThreshold gradeCap rank peerGroup peerGroupSize
    components { name score weight weighted source }
    unitScore {
      unitId score listScore deductions satisfaction publicWeight grade rank listVersion
      breakdown { indicatorCode dimension kind rule aggregate weight target value fraction points deducted effect
                  observationId observationRevision observationsUsed listVersion }
    }
    capabilities { capability score peerPercentile peers }
    dailyRecords { occurredOn kind points description }
    areasInCharge
  }
}"""
WARM_UP = 50
CADRES = 200


async def scored_cadres(settings, period: str | None) -> tuple[str, list[str]]:
    conn = await asyncpg.connect(asyncpg_dsn(settings.database_url("scoring")))
    try:
        if period is None:
            period = await conn.fetchval(
                "SELECT period FROM cadre_scores GROUP BY period ORDER BY count(*) DESC, period LIMIT 1"
            )
        if period is None:
            raise SystemExit(
                "no cadre has been scored yet: load the demo data (stack up) or run bench/rescoring.py"
            )
        cadres = [
            r["cadre_id"]
            for r in await conn.fetch(
                "SELECT cadre_id FROM cadre_scores WHERE period = $1 ORDER BY random() LIMIT $2",
                period,
                CADRES,
            )
        ]
    finally:
        await conn.close()
    return period, cadres


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument(
        "--period", help="the scored period to read (default: the one with the most cadre scores)"
    )
    args = parser.parse_args()
    settings = stack_settings()
    heading("a cadre's score breakdown through the gateway")
    period, cadres = await scored_cadres(settings, args.period)
    tokens = {cadre: mint_token(settings, Role.CADRE, cadre_id=cadre) for cadre in cadres}
    line("period", period)
    line("cadres asked about", len(cadres))
    samples, sizes = [], []
    async with httpx.AsyncClient(timeout=30) as client:

        async def ask(cadre: str) -> float:
            started = time.perf_counter()
            response = await client.post(
                settings.gateway_url,
                json={"query": BREAKDOWN, "variables": {"cadre": cadre, "period": period}},
                headers={"authorization": f"Bearer {tokens[cadre]}"},
            )
            elapsed = time.perf_counter() - started
            body = response.json()
            if response.status_code != 200 or body.get("errors") or not body["data"]["cadreScore"]:
                raise SystemExit(f"the breakdown of {cadre} failed: {response.status_code} {body}")
            sizes.append(len(body["data"]["cadreScore"]["unitScore"]["breakdown"]))
            return elapsed

        for _ in range(WARM_UP):
            await ask(random.choice(cadres))
        sizes.clear()
        for _ in range(args.requests):
            samples.append(await ask(random.choice(cadres)))
    line("requests", len(samples))
    line("contributions per breakdown (mean)", f"{sum(sizes) / len(sizes):.1f}")
    line("latency p50", percentile_ms(samples, 50), "ms")
    line("latency p90", percentile_ms(samples, 90), "ms")
    line("latency p99", percentile_ms(samples, 99), "ms")
    line("latency max", percentile_ms(samples, 100), "ms")
    emit_figures({"p50_ms": percentile_ms(samples, 50), "p99_ms": percentile_ms(samples, 99)})


if __name__ == "__main__":
    asyncio.run(main())
