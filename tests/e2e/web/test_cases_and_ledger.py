"""The organisation department's exemption and appeal queues, and the evidence ledger checked in
the browser: a real record's inclusion proof verifies, a tampered one does not."""

import hashlib
import json

from playwright.async_api import Page, Route, expect

from services.common.auth import Role
from tests.e2e.web.browser import screenshot, serious_violations, sign_in
from tests.support import GraphQLClient, eventually, token, unique

REGISTER = "mutation($input: UnitInput!) { registerUnit(input: $input) { id } }"
APPLY = "mutation($input: ExemptionApplicationInput!) { applyForExemption(input: $input) { id } }"
SUBMIT = "mutation($input: AppealInput!) { submitAppeal(input: $input) { id } }"
HISTORY = """query($kind: String!, $id: String!) {
  ledgerRecordHistory(kind: $kind, recordId: $id) { leafIndex kind recordId }
}"""
PERIOD = "2025"


async def _cases_of_a_new_unit(stack) -> tuple[str, str, str]:
    """A new township with one exemption application and one appeal, as the API files them."""
    unit_id = unique("WEB-CASES")
    admin = GraphQLClient(stack.gateway_url, bearer=token(stack, Role.ADMIN))
    try:
        await admin.execute(
            REGISTER,
            {"input": {"id": unit_id, "name": f"容错测试镇{unit_id[-4:]}", "category": "township"}},
        )
        evidence = {"name": "尽职调查.pdf", "sha256": hashlib.sha256(unit_id.encode()).hexdigest()}
        application = {
            "unitId": unit_id,
            "period": PERIOD,
            "categoryCode": "investment_compliant_below_expectation",
            "indicatorCode": "IND-NEW-INDUSTRY-PROJECTS",
            "reasons": "项目经过尽职调查和审批程序，投资方在第三季度撤资。",
            "evidence": [evidence],
        }

        # The scoring service learns of the new unit over Kafka.
        async def apply() -> dict | None:
            body = (await admin.post(APPLY, {"input": application})).json()
            return None if body.get("errors") else body["data"]["applyForExemption"]

        exemption = await eventually(apply, timeout=30)
        appeal = await admin.execute(
            SUBMIT,
            {
                "input": {
                    "unitId": unit_id,
                    "period": PERIOD,
                    "reasons": "本单位的满意度调查样本不足，请求复核。",
                }
            },
        )
    finally:
        await admin.aclose()
    return unit_id, exemption["id"], appeal["submitAppeal"]["id"]


async def test_assessor_decides_an_exemption_and_an_appeal(
    stack, console, demo_city, desktop: Page
):
    unit_id, exemption_id, appeal_id = await _cases_of_a_new_unit(stack)
    await sign_in(desktop, console, "assessor")
    await desktop.get_by_role("link", name="容错与申诉").click()
    await expect(desktop.get_by_role("heading", name="容错免责与申诉办理")).to_be_visible()
    exemptions = desktop.get_by_role("table", name="容错免责申请")
    row = exemptions.get_by_role("row").filter(has_text=unit_id)
    await expect(row).to_contain_text("待办理")
    await screenshot(desktop, "cases-queues")
    assert not await serious_violations(desktop)

    # A decision without a reason: the API's refusal is shown with its problem row.
    await row.get_by_role("button", name="批准").click()
    refusal = desktop.get_by_role("alert").filter(has_text="未办理")
    await expect(refusal.get_by_role("row").nth(1)).to_contain_text("reason")
    await screenshot(desktop, "cases-refused")
    await row.get_by_label(f"决定理由 {exemption_id}").fill("程序合规，材料齐全。")
    await row.get_by_role("button", name="批准").click()
    await expect(desktop.get_by_test_id("case-decided")).to_contain_text("已批准")
    await expect(refusal).to_have_count(0)
    await expect(exemptions.get_by_role("row").filter(has_text=unit_id)).to_have_count(0)

    appeals = desktop.get_by_role("table", name="申诉")
    await (
        appeals.get_by_role("row")
        .filter(has_text=unit_id)
        .get_by_role("button", name="转入复核")
        .click()
    )
    await expect(desktop.get_by_test_id("case-decided")).to_contain_text("复核中")
    await expect(appeals.get_by_role("row").filter(has_text=unit_id)).to_have_count(0)
    await desktop.get_by_label("状态").select_option("under_review")
    reviewed = appeals.get_by_role("row").filter(has_text=unit_id)
    await reviewed.get_by_label(f"决定理由 {appeal_id}").fill("样本量符合规定，维持原结果。")
    await reviewed.get_by_role("button", name="驳回").click()
    await expect(desktop.get_by_test_id("case-decided")).to_contain_text("已驳回")
    await desktop.get_by_label("状态").select_option("")
    decided = appeals.get_by_role("row").filter(has_text=unit_id)
    await expect(decided).to_contain_text("已驳回")
    await expect(decided).to_contain_text("样本量符合规定")
    await expect(exemptions.get_by_role("row").filter(has_text=unit_id)).to_contain_text("程序合规")
    await screenshot(desktop, "cases-decided")
    assert not await serious_violations(desktop)


async def test_a_ledger_record_verifies_in_the_browser_and_a_tampered_one_does_not(
    stack, console, demo_city, desktop: Page
):
    _, exemption_id, _ = await _cases_of_a_new_unit(stack)
    admin = GraphQLClient(stack.gateway_url, bearer=token(stack, Role.ADMIN))
    try:
        history = (await admin.execute(HISTORY, {"kind": "exemption", "id": exemption_id}))[
            "ledgerRecordHistory"
        ]
    finally:
        await admin.aclose()
    assert history, f"exemption {exemption_id} left no record in the ledger"
    leaf_index = history[-1]["leafIndex"]

    await sign_in(desktop, console, "assessor")
    await desktop.get_by_role("link", name="证据账本").click()
    checkpoint = desktop.get_by_test_id("ledger-checkpoint")
    await expect(checkpoint).to_contain_text("签名根哈希")
    index = desktop.get_by_label("记录序号")
    verdict = desktop.get_by_test_id("inclusion-verdict")
    for checked in (0, leaf_index):
        await index.fill(str(checked))
        await desktop.get_by_role("button", name="校验").click()
        await expect(verdict).to_contain_text("已验证")
        await expect(verdict).to_contain_text(f"第 {checked} 条")
    await expect(verdict).to_contain_text(exemption_id)
    await screenshot(desktop, "ledger-verified")
    assert not await serious_violations(desktop)

    async def tamper(route: Route) -> None:
        response = await route.fetch()
        body = await response.json()
        proof = (body.get("data") or {}).get("ledgerInclusionProof")
        if proof:
            proof["leaf"]["leaf"] = proof["leaf"]["leaf"].replace("exemption", "exemptioN")
        await route.fulfill(response=response, body=json.dumps(body))

    await desktop.route("**/graphql", tamper)
    await desktop.get_by_role("button", name="校验").click()
    await expect(verdict).to_contain_text("不符")
    await screenshot(desktop, "ledger-mismatch")
