"""The web console in headless Chromium against the stack in the environment: time from navigation
to the city overview's rankings and chart drawn (cold: empty cache; warm: the same browser again),
the gzip size of the JavaScript that view loads, and the p99 through the gateway of every query
the overview sends (each replayed 50 times).

Measures the city the stack holds for a period: the demo city of `make up` for 2025, or the city of
2,000 units and 20,000 cadres that bench/rescoring.py loads and scores for 2029:

    python bench/rescoring.py && python bench/web_console.py --period 2029

Figures: overview_cold_ms, overview_warm_ms, first_view_js_kb, overview_query_p99_ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time

import httpx
from common import emit_figures, heading, line, percentile_ms, stack_settings
from playwright.async_api import Page, async_playwright

from services.common.auth import Role, mint_token
from tests.e2e.web.browser import launch, missing_parts

REPLAYS = 50
RUNS = 3


async def open_overview(page: Page, url: str) -> float:
    """Seconds from navigation to the ranking tables and the chart on screen, signing in on the way."""
    began = time.perf_counter()
    await page.goto(url)
    await page.get_by_label("演示身份").select_option("admin")
    await page.get_by_role("button", name="登录", exact=True).click()
    await page.wait_for_selector("[data-testid=rankings] table tbody tr")
    await page.wait_for_selector(".chart[data-rendered=true]")
    return time.perf_counter() - began


async def measure(url: str) -> dict:
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        cold, warm, js_bytes, queries = [], [], 0, {}
        for run in range(RUNS):
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            page = await context.new_page()
            sizes: dict[str, int] = {}

            async def on_response(response, sizes=sizes):
                if response.url.endswith(".js"):
                    sizes[response.url] = int(response.headers.get("content-length", "0"))

            def on_request(request):
                if request.url.endswith("/graphql") and request.method == "POST":
                    queries.setdefault(request.post_data, request.post_data)

            page.on("response", on_response)
            page.on("request", on_request)
            cold.append(await open_overview(page, url))
            if run == 0:
                js_bytes = sum(sizes.values())
            warm.append(await open_overview(page, url))
            await context.close()
        await browser.close()
    return {"cold": cold, "warm": warm, "js_bytes": js_bytes, "queries": list(queries)}


def replay(settings, bodies: list[str]) -> list[float]:
    bearer = mint_token(settings, Role.ADMIN)
    samples = []
    with httpx.Client(timeout=30) as client:
        for body in bodies:
            for _ in range(REPLAYS):
                began = time.perf_counter()
                response = client.post(
                    settings.gateway_url,
                    content=body,
                    headers={
                        "content-type": "application/json",
                        "authorization": f"Bearer {bearer}",
                    },
                )
                samples.append(time.perf_counter() - began)
                assert response.status_code == 200 and "errors" not in response.json(), (
                    response.text
                )
    return samples


def city_size(settings, period: str) -> str:
    """How big the measured city is, as the API counts it."""
    bearer = mint_token(settings, Role.ADMIN)
    query = "query($p: String!) { dataCompleteness(period: $p) { unitId } scoringRosterSize }"
    response = httpx.post(
        settings.gateway_url,
        json={"query": query, "variables": {"p": period}},
        headers={"authorization": f"Bearer {bearer}"},
        timeout=60,
    )
    data = response.json()["data"]
    return f"{len(data['dataCompleteness']):,} / {data['scoringRosterSize']:,} on the roster"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="2025", help="the period the overview shows")
    args = parser.parse_args()
    missing = missing_parts()
    if missing:
        raise SystemExit("web_console needs: " + "; ".join(missing))
    settings = stack_settings()
    # The overview opens on the period in its address once signed in.
    url = (
        os.environ.get("WEB_URL", "http://127.0.0.1:4005/").rstrip("/")
        + f"/overview?period={args.period}"
    )
    heading(f"web console overview at {url}")
    line("units scored / cadres scored for the period", city_size(settings, args.period))
    load = os.getloadavg()
    line("load average (1, 5, 15 min)", ", ".join(f"{x:.2f}" for x in load))
    result = asyncio.run(measure(url))
    samples = replay(settings, result["queries"])
    figures = {
        "overview_cold_ms": percentile_ms(result["cold"], 50),
        "overview_warm_ms": percentile_ms(result["warm"], 50),
        "first_view_js_kb": round(result["js_bytes"] / 1024, 1),
        "overview_query_p99_ms": percentile_ms(samples, 99),
    }
    line("overview, cold (median of 3)", figures["overview_cold_ms"], "ms (target < 1500)")
    line("overview, warm (median of 3)", figures["overview_warm_ms"], "ms")
    line("JavaScript of the view, gzip", figures["first_view_js_kb"], "KB (target < 300)")
    line(
        f"overview queries ({len(result['queries'])}) x {REPLAYS}, p99",
        figures["overview_query_p99_ms"],
        "ms (target < 100)",
    )
    emit_figures(figures)


if __name__ == "__main__":
    main()
