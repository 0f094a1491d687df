"""Capability-gap clusters in the browser: the administrator clusters a period again and reads
each cluster's size, level shares and recommendation; a trainer reads them but cannot retrain."""

import re

from playwright.async_api import Page, expect

from services.common.auth import Role
from tests.e2e.web.browser import screenshot, serious_violations, sign_in
from tests.support import GraphQLClient, token

RETRAIN = 'mutation { retrainClustering(period: "2025") { id } }'


async def test_admin_clusters_a_period_and_reads_the_recommendations(
    stack, console, demo_city, desktop: Page
):
    await sign_in(desktop, console, "admin")
    await desktop.get_by_role("link", name="能力短板聚类").click()
    await desktop.get_by_label("考核期").fill("2025")
    await desktop.get_by_role("button", name="重新聚类").click()
    await expect(desktop.get_by_test_id("clustering-finished")).to_contain_text("clusters of")
    run = desktop.get_by_test_id("clustering-run")
    await expect(run).to_contain_text("2025")
    clusters = desktop.get_by_role("table", name="各类与培训建议").locator("tbody tr")
    # Largest first; the numbers are the fit's own, so the first row may be any of them.
    await expect(clusters.first).to_contain_text(re.compile(r"第 \d+ 类"))
    count = await clusters.count()
    assert count >= 2, f"a completed run has at least two clusters, the page shows {count}"
    await expect(desktop.get_by_role("img", name="各类人数")).to_have_attribute(
        "data-rendered", "true"
    )
    await desktop.get_by_text("第 1 类 · 人数").click()
    levels = desktop.get_by_role("table", name="第 1 类: 占各职级比例").locator("tbody tr")
    await expect(levels).not_to_have_count(0)
    await expect(levels.first).to_contain_text("%")
    await screenshot(desktop, "clusters")
    assert not await serious_violations(desktop)


async def test_trainer_reads_the_clusters_but_cannot_retrain(
    stack, console, demo_city, desktop: Page
):
    admin = GraphQLClient(stack.gateway_url, bearer=token(stack, Role.ADMIN))
    try:
        await admin.execute(RETRAIN)
    finally:
        await admin.aclose()
    await sign_in(desktop, console, "trainer")
    await desktop.get_by_role("link", name="能力短板聚类").click()
    await expect(desktop.get_by_role("heading", name="干部能力短板聚类")).to_be_visible()
    await expect(desktop.get_by_role("button", name="重新聚类")).to_have_count(0)
    await expect(desktop.get_by_test_id("clustering-run")).to_be_visible()
    assert not await serious_violations(desktop)
