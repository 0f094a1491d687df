"""Training effect per programme in the browser: a trainer reads the difference in differences of
a programme's capability from the capability profiles scoring published for two periods."""

from playwright.async_api import Page, expect

from schemas.events import CapabilityProfileComputed
from tests.e2e.web.browser import screenshot, serious_violations, sign_in
from tests.integration.development.helpers import (
    add_cohort,
    capability,
    create_programme,
    register_cadre,
)
from tests.support import eventually, publish_many, unique

ENROL = (
    'mutation($c: ID!, $p: ID!) { enrolCadre(cadreId: $c, programmeId: $p, reason: "weak") { id } }'
)
EFFECT = """query($p: ID!) { trainingEffect(programmeId: $p, beforePeriod: "2024", afterPeriod: "2025") {
  capabilities { enrolledCount comparisonCount } } }"""


async def test_trainer_reads_the_effect_of_a_programme(
    stack, console, demo_city, subgraph, desktop: Page
):
    development = subgraph("development")
    gap, category = capability(), unique("category")
    programme = await create_programme(development, capabilities=[gap])
    await add_cohort(development, programme, capacity=5)
    enrolled, others = [unique("cadre"), unique("cadre")], [unique("cadre"), unique("cadre")]
    for cadre in enrolled:
        await register_cadre(stack, development, cadre, category=category)
        await development.execute(ENROL, {"c": cadre, "p": programme})
    before = {enrolled[0]: 50, enrolled[1]: 60, others[0]: 55, others[1]: 58}
    after = {enrolled[0]: 70, enrolled[1]: 70, others[0]: 60, others[1]: 61}
    await publish_many(
        stack,
        [
            (
                CapabilityProfileComputed(
                    cadre_id=cadre,
                    period=period,
                    unit_id="unit-1",
                    unit_category=category,
                    position_level="deputy",
                    scores={gap: scores[cadre]},
                ),
                cadre,
            )
            for period, scores in (("2024", before), ("2025", after))
            for cadre in scores
        ],
    )

    async def measured() -> bool:
        data = await development.execute(EFFECT, {"p": programme})
        [effect] = data["trainingEffect"]["capabilities"]
        return (effect["enrolledCount"], effect["comparisonCount"]) == (2, 2)

    await eventually(measured, timeout=30)

    await sign_in(desktop, console, "trainer")
    await desktop.get_by_role("link", name="培训成效").click()
    await desktop.get_by_label("培训项目", exact=True).select_option(programme)
    await desktop.get_by_label("前期").fill("2024")
    await desktop.get_by_label("后期").fill("2025")
    await desktop.get_by_role("button", name="查询").click()
    # enrolled: +20 and +10 (mean +15); comparison: +5 and +3 (mean +4)
    summary = desktop.get_by_role("table", name=f"能力: {gap}")
    await expect(summary.locator("tbody tr")).to_contain_text("+11")
    groups = desktop.get_by_role("table", name=f"按同类组: {gap}")
    await expect(groups.locator("tbody tr")).to_have_count(1)
    await expect(groups.locator("tbody tr")).to_contain_text(category)
    await screenshot(desktop, "training-effect")
    assert not await serious_violations(desktop)

    await desktop.get_by_label("后期").fill("2025-13")
    await desktop.get_by_role("button", name="查询").click()
    await expect(desktop.get_by_role("alert")).to_contain_text("afterPeriod")
    await screenshot(desktop, "training-effect-refused")
