"""The catalogue's version diff: two published versions of a new unit's list, side by side."""

from playwright.async_api import Page, expect

from services.common.auth import Role
from tests.e2e.web.browser import screenshot, serious_violations, sign_in
from tests.support import GraphQLClient, token, unique

REGISTER = "mutation($input: UnitInput!) { registerUnit(input: $input) { id } }"
DRAFT = "mutation($unit: ID!, $year: Int!) { draftIndicatorList(unitId: $unit, year: $year) { version } }"
ITEMS = """query($unit: ID!, $year: Int!) {
  indicatorListVersions(unitId: $unit, year: $year) { status items { indicatorCode kind weight target } }
}"""
EDIT = """mutation($unit: ID!, $year: Int!, $set: [IndicatorListItemInput!]) {
  editIndicatorListDraft(unitId: $unit, year: $year, set: $set) { totalWeight }
}"""
PUBLISH = "mutation($unit: ID!, $year: Int!) { publishIndicatorList(unitId: $unit, year: $year) { version } }"
YEAR = 2026


def item_input(item: dict) -> dict:
    return {k: item[k] for k in ("indicatorCode", "weight", "target")}


async def _publish(admin: GraphQLClient, unit_id: str, weights) -> list[dict]:
    """Drafts the next version, gives its scored items `weights(items)` and publishes it."""
    key = {"unit": unit_id, "year": YEAR}
    await admin.execute(DRAFT, key)
    versions = (await admin.execute(ITEMS, key))["indicatorListVersions"]
    scored = [i for i in versions[0]["items"] if i["kind"] == "scored"]
    assert len(scored) >= 2, versions[0]
    changed = weights(scored)
    await admin.execute(EDIT, {**key, "set": changed})
    await admin.execute(PUBLISH, key)
    return changed


async def test_officer_reads_two_list_versions_side_by_side(
    stack, console, demo_city, desktop: Page
):
    unit_id = unique("WEB-DIFF")
    admin = GraphQLClient(stack.gateway_url, bearer=token(stack, Role.ADMIN))
    try:
        await admin.execute(
            REGISTER,
            {"input": {"id": unit_id, "name": f"版本对比镇{unit_id[-4:]}", "category": "township"}},
        )

        def all_on_first(items):
            rest = sum(i["weight"] for i in items[1:])
            return [{**item_input(items[0]), "weight": 100 - rest}] + [
                item_input(i) for i in items[1:]
            ]

        def five_moved(items):
            first, second = items[0], items[1]
            return [
                {**item_input(first), "weight": first["weight"] - 5},
                {**item_input(second), "weight": second["weight"] + 5},
            ]

        await _publish(admin, unit_id, all_on_first)
        moved = await _publish(admin, unit_id, five_moved)
    finally:
        await admin.aclose()

    await sign_in(desktop, console, "admin")
    await desktop.get_by_role("link", name="指标清单").click()
    await desktop.get_by_label("单位", exact=True).fill(unit_id)
    await desktop.get_by_label("年度").fill(str(YEAR))
    await desktop.get_by_role("button", name="打开").click()
    diff = desktop.get_by_role("table", name="第 1 版与第 2 版对比")
    for item in moved:
        row = (
            diff.get_by_role("row").filter(has_text=item["indicatorCode"]).filter(has_text="weight")
        )
        before, after = row.locator("td.before"), row.locator("td.after")
        await expect(after).to_have_text(f"{item['weight']:g}")
        await expect(before).not_to_have_text(f"{item['weight']:g}")
    await screenshot(desktop, "catalogue-version-diff")
    assert not await serious_violations(desktop)

    await desktop.get_by_label("新版本").select_option("1")
    await expect(desktop.get_by_role("table", name="第 1 版与第 1 版对比")).to_contain_text(
        "两个版本没有差别"
    )
