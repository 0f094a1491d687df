"""A unit reporter, a cadre, a trainer and a citizen each in the browser, through the real gateway."""

from playwright.async_api import Page, expect

from services.common.auth import Role
from tests.e2e.web.browser import screenshot, serious_violations, sign_in
from tests.support import GraphQLClient, eventually, token, unique

REPORTER_UNIT = "JS-MAJINGAO"
ME, ANOTHER_CADRE = "C-0001", "C-0002"
REMEDIAL_CLASS = "governance-capability-class"
CAMP = "digital-governance-camp"
REGISTER_CADRE = "mutation($input: CadreInput!) { registerCadre(input: $input) { id } }"
ADD_COHORT = "mutation($input: CohortInput!) { addCohort(input: $input) { id } }"
ENROL = """mutation($cadre: ID!, $programme: ID!, $cohort: ID!) {
  enrolCadre(cadreId: $cadre, programmeId: $programme, cohortId: $cohort, reason: "browser test") { id status offPost }
}"""


async def test_reporter_enters_a_month_and_sees_a_row_error(stack, console, demo_city, phone: Page):
    await sign_in(phone, console, "unit_reporter", unit=REPORTER_UNIT)
    await phone.get_by_label("月份").fill("2026-04")
    field = phone.get_by_role("textbox", name="重点项目建设投资完成率")
    await field.fill("-5")
    await screenshot(phone, "reporter-form-phone")
    await phone.get_by_role("button", name="提交本月数据").click()
    problems = phone.get_by_role("alert").filter(has_text="未保存任何数据")
    await expect(problems).to_contain_text("must be at least 0")
    await expect(problems.get_by_role("row").nth(1)).to_contain_text("range")
    await screenshot(phone, "reporter-row-error-phone")
    assert not await serious_violations(phone)

    await field.fill("62.5")
    await phone.get_by_role("button", name="提交本月数据").click()
    await expect(phone.get_by_role("status")).to_contain_text("已保存 1 项")
    await expect(problems).to_have_count(0)


async def test_cadre_reads_the_breakdown_and_cannot_open_another_cadre(
    stack, console, demo_city, desktop: Page
):
    await sign_in(desktop, console, "cadre", cadre=ME)
    await expect(desktop.get_by_test_id("cadre-total")).not_to_be_empty()
    await expect(desktop.get_by_role("table", name="构成").locator("tbody tr")).not_to_have_count(0)
    await expect(
        desktop.get_by_role("table", name="得分明细").locator("tbody tr")
    ).not_to_have_count(0)
    await expect(desktop.locator(".chart[data-rendered=true]")).to_have_count(1)
    await screenshot(desktop, "cadre-own-page")
    assert not await serious_violations(desktop)

    await desktop.evaluate(
        "to => { history.pushState(null, '', to); dispatchEvent(new PopStateEvent('popstate')); }",
        f"/cadres/{ANOTHER_CADRE}",
    )
    refusal = desktop.get_by_role("alert")
    await expect(refusal).to_contain_text("无权查看")
    await expect(refusal).to_contain_text("FORBIDDEN")
    await expect(desktop.get_by_test_id("cadre-total")).to_have_count(0)
    await screenshot(desktop, "cadre-refused")


async def enrolled(stack, programme: str) -> dict:
    """A new cadre of the reporter's unit seated in a new cohort of the programme."""
    admin = GraphQLClient(stack.gateway_url, bearer=token(stack, Role.ADMIN))
    cohort_id, cadre_id = unique("web-cohort"), unique("WEB-C")
    try:
        await admin.execute(
            REGISTER_CADRE,
            {
                "input": {
                    "id": cadre_id,
                    "name": "网页测试干部",
                    "unitId": REPORTER_UNIT,
                    "positionLevel": "deputy",
                }
            },
        )
        await admin.execute(
            ADD_COHORT,
            {
                "input": {
                    "id": cohort_id,
                    "programmeId": programme,
                    "name": f"浏览器测试班 {cohort_id[-4:]}",
                    "startsOn": "2027-03-01",
                    "endsOn": "2027-03-31",
                    "capacity": 2,
                }
            },
        )
        # The development service learns of the new cadre over Kafka.
        enrolment = await eventually(
            lambda: admin.execute(
                ENROL, {"cadre": cadre_id, "programme": programme, "cohort": cohort_id}
            ),
            timeout=30,
        )
    finally:
        await admin.aclose()
    return enrolment["enrolCadre"] | {"cadreId": cadre_id, "cohortId": cohort_id}


async def test_trainer_records_a_return_to_post_evaluation(
    stack, console, demo_city, desktop: Page
):
    enrolment = await enrolled(stack, REMEDIAL_CLASS)
    assert enrolment["offPost"], enrolment

    await sign_in(desktop, console, "trainer")
    await expect(desktop.get_by_text("development.completions.v1")).to_be_visible()
    passed = desktop.locator(f"button[data-enrolment='{enrolment['id']}']")
    await passed.scroll_into_view_if_needed()
    await screenshot(desktop, "trainer-programmes")
    assert not await serious_violations(desktop)
    await passed.click()
    await expect(desktop.get_by_test_id("evaluation-recorded")).to_contain_text("通过")
    await expect(passed).to_have_count(0)


async def test_trainer_records_a_completion(stack, console, demo_city, desktop: Page):
    enrolment = await enrolled(stack, CAMP)
    assert enrolment["status"] == "enrolled" and not enrolment["offPost"], enrolment

    await sign_in(desktop, console, "trainer")
    form = desktop.get_by_role("form", name=f"记录结业 {enrolment['cohortId']}")
    await form.get_by_label("干部").select_option(enrolment["id"])
    await form.get_by_label("出勤率（%）").fill("95")
    # A result above 100 is refused by the API, which names the field and the rule.
    await form.get_by_label("成绩").fill("120")
    await form.get_by_role("button", name="记录结业").click()
    refusal = form.get_by_role("alert")
    await expect(refusal).to_contain_text("resultScore")
    await expect(refusal).to_contain_text("less_than_equal")
    await form.scroll_into_view_if_needed()
    await screenshot(desktop, "trainer-completion-refused")
    assert not await serious_violations(desktop)

    await form.get_by_label("成绩").fill("86.5")
    await form.get_by_role("button", name="记录结业").click()
    recorded = desktop.get_by_test_id("completion-recorded")
    await expect(recorded).to_contain_text(enrolment["cadreId"])
    await expect(recorded).to_contain_text("completed")
    # The roster, read again, shows the place completed with its result; no form is left for it.
    roster = desktop.get_by_role("table", name=f"学员名单 浏览器测试班 {enrolment['cohortId'][-4:]}")
    row = roster.get_by_role("row").filter(has_text=enrolment["cadreId"])
    # Reading every programme's rosters again takes a while on a busy machine.
    await expect(row).to_contain_text("completed", timeout=30_000)
    await expect(row).to_contain_text("86.5")
    await expect(form).to_have_count(0)
    await screenshot(desktop, "trainer-completion-recorded")


async def test_citizen_submits_once_and_is_refused_a_second_time(
    stack, console, demo_city, phone: Page
):
    await sign_in(phone, console, "public_evaluator")
    await phone.goto(f"{console.rstrip('/')}/citizen?unit={REPORTER_UNIT}")
    # A reload is a new page: the token lives in memory only, so the console asks again.
    await expect(phone.get_by_role("heading", name="登录")).to_be_visible()
    await sign_in(phone, console, "public_evaluator")
    await phone.get_by_label("被评价单位").fill(REPORTER_UNIT)
    await phone.get_by_label("邀请码").fill(unique("invite"))
    await phone.get_by_role("slider", name="满意度（0–100）").fill("92")
    await screenshot(phone, "citizen-form-phone")
    assert not await serious_violations(phone)
    await phone.get_by_role("button", name="提交").click()
    await expect(phone.get_by_role("status")).to_contain_text("感谢您的评价")
    await phone.get_by_role("button", name="提交").click()
    await expect(phone.get_by_role("alert")).to_contain_text("already evaluated")
    await screenshot(phone, "citizen-refused-phone")
