"""The city overview's follow-ups, the cadre's radar against the peer-group median and the
clusters' picture, each read in the browser and checked against what the API answers."""

from playwright.async_api import Page, expect

from services.common.auth import Role
from tests.e2e.web.browser import screenshot, serious_violations, sign_in
from tests.support import GraphQLClient, token

MONITOR = 'mutation { runMonitoring(period: "2025-06") { checked behind interviews } }'
FOLLOW_UPS = """{ interviewsDue(period: "2025") { unitId indicatorCode shortfall }
  dataCompleteness(period: "2025") { unitId reported items }
  unit(id: "JS-MAJINGAO") { id } }"""
UNIT_NAME = 'query($id: ID!) { unit(id: $id) { name } }'
CAPABILITIES = """{ cadreScore(cadreId: "C-0001", period: "2025") {
  capabilities { capability score peerMedian } } }"""
PICTURE = """query($id: ID!) { clusteringRun(id: $id) { projection { points { cadreId } } } }"""
RETRAIN = 'mutation { retrainClustering(period: "2025") { id status } }'


async def admin_reads(stack, query: str, variables: dict | None = None) -> dict:
    admin = GraphQLClient(stack.gateway_url, bearer=token(stack, Role.ADMIN))
    try:
        return await admin.execute(query, variables)
    finally:
        await admin.aclose()


async def test_the_overview_lists_the_interviews_due_and_data_completeness(
    stack, console, demo_city, desktop: Page
):
    monitored = (await admin_reads(stack, MONITOR))["runMonitoring"]
    assert monitored["checked"] > 0, monitored
    answer = await admin_reads(stack, FOLLOW_UPS)
    due, completeness = answer["interviewsDue"], answer["dataCompleteness"]
    assert due, "the demo city's June has indicators behind their trajectory"
    first = due[0]
    first_name = (await admin_reads(stack, UNIT_NAME, {"id": first["unitId"]}))["unit"]["name"]

    await sign_in(desktop, console, "admin")
    card = desktop.get_by_test_id("interviews-due")
    await expect(card.get_by_role("heading")).to_contain_text(f"({len(due)})")
    top = card.locator("tbody tr").first
    await expect(top).to_contain_text(first_name)
    await expect(top).to_contain_text(first["indicatorCode"])
    complete = sum(1 for u in completeness if u["reported"] == u["items"])
    await expect(desktop.get_by_test_id("completeness")).to_contain_text(
        f"数据齐全的单位：{complete}/{len(completeness)}"
    )
    await card.scroll_into_view_if_needed()
    await screenshot(desktop, "overview-follow-ups")
    assert not await serious_violations(desktop)


async def test_the_cadre_radar_draws_the_peer_group_median(
    stack, console, demo_city, desktop: Page
):
    capabilities = (await admin_reads(stack, CAPABILITIES))["cadreScore"]["capabilities"]
    assert capabilities and all(c["peerMedian"] is not None for c in capabilities)
    await sign_in(desktop, console, "cadre", cadre="C-0001")
    radar = desktop.get_by_test_id("capability-radar")
    await expect(radar.get_by_role("img", name="能力雷达（本人与同类中位数）")).to_have_attribute(
        "data-rendered", "true"
    )
    table = radar.get_by_role("table", name="能力雷达（本人与同类中位数）")
    for c in capabilities:
        row = table.get_by_role("row").filter(has_text=c["capability"])
        await expect(row).to_contain_text(f"{c['peerMedian']:.1f}".rstrip("0").rstrip("."))
    await radar.scroll_into_view_if_needed()
    await screenshot(desktop, "cadre-radar-median")
    assert not await serious_violations(desktop)


async def test_the_clusters_are_drawn_as_cadres_on_two_components(
    stack, console, demo_city, desktop: Page
):
    run = (await admin_reads(stack, RETRAIN))["retrainClustering"]
    assert run["status"] == "completed", run
    points = (await admin_reads(stack, PICTURE, {"id": run["id"]}))["clusteringRun"]["projection"][
        "points"
    ]
    await sign_in(desktop, console, "trainer")
    await desktop.get_by_role("link", name="能力短板聚类").click()
    picture = desktop.get_by_test_id("cluster-picture")
    await expect(picture.get_by_role("img", name="干部分布（主成分投影）")).to_have_attribute(
        "data-rendered", "true"
    )
    await expect(desktop.get_by_test_id("cluster-picture-points")).to_contain_text(
        f"{len(points):,} 名干部"
    )
    await picture.scroll_into_view_if_needed()
    await screenshot(desktop, "clusters-picture")
    assert not await serious_violations(desktop)
