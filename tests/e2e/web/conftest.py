"""Fixtures of the browser tests: the running console, demo data, one Chromium, pages per test."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from playwright.async_api import async_playwright

from tests.e2e.web import browser as web
from tests.support import GraphQLClient, require_url

SEEDS = ("indicator", "scoring", "development")


@pytest.fixture(scope="session")
def console(stack) -> str:
    """The console's URL; fails naming what is missing (browser, fonts, build, the component)."""
    missing = web.missing_parts()
    assert not missing, "the browser tests need: " + "; ".join(missing)
    url = web.console_url()
    require_url("the web console", url)
    return url


DEMO_CITY_SCORED = """{ unitScore(unitId: "JS-MAJINGAO", period: "2025") { score }
  programme(id: "governance-capability-class") { id } }"""


@pytest.fixture(scope="session")
async def demo_city(stack, admin_token) -> None:
    """The demo city of `make up`: the journeys use its units and cadres. The seeds are
    idempotent but take most of a minute, so they run only when the city is not there yet."""
    client = GraphQLClient(stack.gateway_url, bearer=admin_token)
    try:
        found = (await client.post(DEMO_CITY_SCORED)).json().get("data") or {}
    finally:
        await client.aclose()
    if found.get("unitScore") and found.get("programme"):
        return
    for service in SEEDS:
        run = subprocess.run(
            [sys.executable, "-m", f"services.{service}.seed"],
            cwd=web.ROOT,
            env=os.environ.copy(),
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert run.returncode == 0, f"services.{service}.seed failed:\n{run.stdout}\n{run.stderr}"


@pytest.fixture(scope="session")
async def chromium(console):
    async with async_playwright() as playwright:
        browser = await web.launch(playwright)
        yield browser
        await browser.close()


async def _page(chromium, viewport):
    context = await chromium.new_context(viewport=viewport, locale="zh-CN")
    page = await context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return context, page, refused


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


FAILED = pytest.StashKey[bool]()


async def _open(request, chromium, viewport):
    context, page, refused = await _page(chromium, viewport)
    yield page
    if request.node.stash.get(FAILED, False):
        # What the page showed when the test failed, beside the views' screenshots.
        await web.screenshot(page, f"FAILED-{request.node.name}")
    await context.close()
    assert not refused, f"the Content-Security-Policy refused: {refused}"


@pytest.fixture
async def desktop(request, chromium):
    async for page in _open(request, chromium, web.DESKTOP):
        yield page


@pytest.fixture
async def phone(request, chromium):
    async for page in _open(request, chromium, web.PHONE):
        yield page
