"""Through the gateway: a cadre registered in the indicator service is enrolled, and read back with
fields from both subgraphs (the cadre's name from indicator, enrolments from development)."""

from __future__ import annotations

from schemas import topics
from services.common.auth import Role
from tests.integration.development.helpers import (
    add_cohort,
    capability,
    create_programme,
    payload_of,
    weakness,
)
from tests.support import GraphQLClient, TopicReader, eventually, publish, token, unique

CADRE = """
query($id: ID!) {
  cadre(id: $id) {
    name positionLevel developmentRosteredAt offPost
    enrolments { status capability programme { name } cohortId }
  }
}"""


async def test_a_registered_cadre_is_enrolled_and_read_back_across_subgraphs(stack, gateway):
    unit, cadre = unique("U"), unique("C")
    await gateway.execute(
        "mutation($u: UnitInput!) { registerUnit(input: $u) { id } }",
        {"u": {"id": unit, "name": "乾州街道办事处", "category": "street_office"}},
    )
    await gateway.execute(
        "mutation($c: CadreInput!) { registerCadre(input: $c) { id } }",
        {"c": {"id": cadre, "name": "向明", "unitId": unit, "positionLevel": "principal"}},
    )

    async def rostered():
        found = (await gateway.execute(CADRE, {"id": cadre}))["cadre"]
        return found if found and found["developmentRosteredAt"] else None

    await eventually(rostered)
    gap = capability()
    programme = await create_programme(
        gateway, capabilities=[gap], levels=["principal"], categories=["street_office"]
    )
    cohort = await add_cohort(gateway, programme, capacity=30)
    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        # The event says grassroots; the roster (from indicator) says principal, which is what counts.
        await publish(
            stack, weakness(cadre, gap, level="grassroots", category="township"), key=cadre
        )
        await reader.wait_for(payload_of(cadre, "EnrolmentCreated"))

    found = (await gateway.execute(CADRE, {"id": cadre}))["cadre"]
    assert (found["name"], found["positionLevel"], found["offPost"]) == ("向明", "principal", False)
    assert found["enrolments"] == [
        {
            "status": "enrolled",
            "capability": gap,
            "programme": {"name": f"Programme {programme}"},
            "cohortId": cohort,
        }
    ]

    own = GraphQLClient(stack.gateway_url, bearer=token(stack, Role.CADRE, cadre_id=cadre))
    try:
        mine = await own.execute("{ enrolments { cadreId cadre { name } } }")
        assert mine["enrolments"] == [{"cadreId": cadre, "cadre": {"name": "向明"}}]
    finally:
        await own.aclose()
