"""The organisation department in the browser: a list is refused until its weights add up to 100,
then published; a scoring run is started, finishes, and its ranking is read; the city overview."""

from playwright.async_api import Page, expect

from services.common.auth import Role
from tests.e2e.web.browser import screenshot, serious_violations, sign_in
from tests.support import GraphQLClient, token, unique

REGISTER = "mutation($input: UnitInput!) { registerUnit(input: $input) { id } }"
YEAR = 2026


async def test_officer_publishes_a_list_after_the_weight_error(
    stack, console, demo_city, desktop: Page
):
    unit_id = unique("WEB-TOWN")
    admin = GraphQLClient(stack.gateway_url, bearer=token(stack, Role.ADMIN))
    try:
        await admin.execute(
            REGISTER,
            {"input": {"id": unit_id, "name": f"网页测试镇{unit_id[-4:]}", "category": "township"}},
        )
    finally:
        await admin.aclose()

    await sign_in(desktop, console, "admin")
    await desktop.get_by_role("link", name="指标清单").click()
    await desktop.get_by_label("单位", exact=True).fill(unit_id)
    await desktop.get_by_label("年度").fill(str(YEAR))
    await desktop.get_by_role("button", name="打开").click()
    await desktop.get_by_role("button", name="新建草稿").click()

    weight = desktop.get_by_label("权重 COM-ETHNIC-UNITY")
    await expect(weight).to_have_value("5")
    await expect(desktop.get_by_test_id("weight-sum")).to_contain_text("18")
    await desktop.get_by_role("button", name="发布").click()
    refusal = desktop.get_by_role("alert").filter(has_text="必须为 100")
    await expect(refusal).to_contain_text("当前为 18")
    await screenshot(desktop, "officer-weight-error")
    assert not await serious_violations(desktop)

    await weight.fill("87")
    await expect(desktop.get_by_test_id("weight-sum")).to_contain_text("100")
    await desktop.get_by_role("button", name="发布").click()
    await expect(desktop.get_by_role("status")).to_contain_text("已发布第 1 版")
    await expect(refusal).to_have_count(0)
    await expect(desktop.get_by_role("cell", name="published")).to_be_visible()
    await screenshot(desktop, "officer-list-published")


async def test_officer_starts_a_run_and_reads_the_ranking(stack, console, demo_city, desktop: Page):
    await sign_in(desktop, console, "admin")
    await desktop.get_by_role("link", name="评分运行").click()
    await desktop.get_by_role("button", name="开始评分 (2025)").click()
    finished = desktop.get_by_test_id("run-finished")
    await expect(finished).to_contain_text("评分完成", timeout=120_000)
    rankings = desktop.get_by_test_id("cadre-rankings")
    await expect(rankings.get_by_role("row")).not_to_have_count(0)
    first = rankings.locator("tbody tr").first
    await expect(first).to_contain_text("1/")
    await expect(
        desktop.get_by_role("table", name="最近的评分运行").locator("tbody tr").first
    ).to_contain_text("2025")
    await screenshot(desktop, "officer-scoring-run")
    assert not await serious_violations(desktop)


async def test_city_overview_ranks_units_and_draws_the_grade_chart(
    stack, console, demo_city, desktop: Page
):
    await sign_in(desktop, console, "admin")
    await expect(desktop.get_by_role("heading", name="全市概览")).to_be_visible()
    township = desktop.get_by_role("table", name="同类组: 乡镇")
    await expect(township.locator("tbody tr").first).to_contain_text("1")
    await expect(desktop.locator(".chart[data-rendered=true]")).to_have_count(1)
    await expect(desktop.get_by_role("table", name="红榜").locator("tbody tr")).not_to_have_count(0)
    await screenshot(desktop, "overview")
    assert not await serious_violations(desktop)

    async with desktop.expect_download() as download:
        await (
            township.locator("xpath=ancestor::div[@class='table-block']")
            .get_by_role("button", name="导出 .xlsx")
            .click()
        )
    saved = await (await download.value).path()
    with open(saved, "rb") as file:
        assert file.read(2) == b"PK"

    await township.get_by_role("link").first.click()
    await expect(
        desktop.get_by_role("table", name="得分明细").locator("tbody tr")
    ).not_to_have_count(0)
    await expect(desktop.get_by_test_id("unit-score")).not_to_be_empty()
    await screenshot(desktop, "unit-page")
    assert not await serious_violations(desktop)

    await desktop.get_by_role("button", name="English").click()
    await expect(desktop.get_by_role("heading", name="Unit:", exact=False)).to_be_visible()
    await expect(desktop.get_by_role("table", name="Breakdown")).to_be_visible()
