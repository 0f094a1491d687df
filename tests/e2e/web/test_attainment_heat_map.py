"""The city overview's unit x indicator heat map of attainment, from the units' breakdowns."""

from playwright.async_api import Page, expect

from tests.e2e.web.browser import screenshot, serious_violations, sign_in


async def test_overview_draws_the_attainment_heat_map_of_a_peer_group(
    stack, console, demo_city, desktop: Page
):
    await sign_in(desktop, console, "admin")
    heat_map = desktop.get_by_test_id("attainment-heat-map")
    await heat_map.get_by_label("同类组").select_option("township")
    await heat_map.get_by_role("button", name="显示热力图").click()
    chart = heat_map.get_by_role("img", name="乡镇 · 2025 达成度")
    await expect(chart).to_have_attribute("data-rendered", "true")
    await heat_map.get_by_text("以表格查看").click()
    table = heat_map.get_by_role("table", name="乡镇 · 2025 达成度")
    rows = table.locator("tbody tr")
    await expect(rows).not_to_have_count(0)
    await expect(rows.first.locator("td.num").first).to_contain_text("%")
    headers = await table.locator("thead th").all_inner_texts()
    assert len(headers) > 2 and headers[0] == "单位", headers
    await heat_map.scroll_into_view_if_needed()
    await screenshot(desktop, "overview-attainment-heat-map")
    assert not await serious_violations(desktop)

    # Categories are named, never shown as codes: in Chinese, and in English under the switch.
    choices = heat_map.get_by_label("同类组").locator("option")
    assert "street_office" not in await choices.all_inner_texts()
    await desktop.get_by_role("button", name="English").click()
    choices = heat_map.get_by_label("Peer group").locator("option")
    await expect(choices.filter(has_text="street office")).to_have_count(1)
    await expect(heat_map.get_by_role("img", name="township · 2025 attainment")).to_be_visible()
