"""Driving the web console in Debian's Chromium: launching it, signing in, axe-core, screenshots.

Anything the browser tests need and the machine lacks fails the test with its name (never a skip).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from playwright.async_api import Browser, Page, Playwright

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = Path("/usr/bin/chromium")
CJK_FONTS = Path("/usr/share/fonts/opentype/noto")
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
DIST_INDEX = ROOT / "web" / "dist" / "index.html"
SCREENSHOTS = ROOT / ".local" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
BLOCKING_IMPACTS = {"serious", "critical"}


def missing_parts() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not list(CJK_FONTS.glob("NotoSansCJK*")):
        missing.append(f"the Noto CJK fonts in {CJK_FONTS} (apt-get install fonts-noto-cjk)")
    if not AXE.exists():
        missing.append(f"{AXE.relative_to(ROOT)} (npm ci --prefix web)")
    if not DIST_INDEX.exists():
        missing.append(
            f"the built console {DIST_INDEX.relative_to(ROOT)} (npm --prefix web run build)"
        )
    return missing


async def launch(playwright: Playwright) -> Browser:
    return await playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


def identity_option(role: str) -> str:
    """The sign-in page's option value for a demo identity (see web/src/views/SignIn.tsx)."""
    return {
        "admin": "admin",
        "assessor": "assessor",
        "unit_reporter": "reporter",
        "cadre": "cadre",
        "trainer": "trainer",
        "public_evaluator": "citizen",
    }[role]


async def sign_in(
    page: Page, console_url: str, role: str, unit: str | None = None, cadre: str | None = None
) -> None:
    await page.goto(console_url)
    await page.get_by_label("演示身份").select_option(identity_option(role))
    if unit:
        await page.get_by_label("单位", exact=True).fill(unit)
    if cadre:
        await page.get_by_label("干部", exact=True).fill(cadre)
    await page.get_by_role("button", name="登录", exact=True).click()
    await page.get_by_role("button", name="退出").wait_for()


async def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    # Evaluated over the DevTools protocol: an injected <script> would be refused by the
    # console's own Content-Security-Policy.
    if not await page.evaluate("() => typeof window.axe === 'object'"):
        await page.evaluate(AXE.read_text())
    result = await page.evaluate("async () => JSON.stringify(await axe.run(document))")
    violations = json.loads(result)["violations"]
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in BLOCKING_IMPACTS
    ]


async def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_-]', '-', name)}.png"
    await page.screenshot(path=str(path), full_page=True)
    return path


def console_url() -> str:
    return os.environ.get("WEB_URL", "http://127.0.0.1:4005/")
