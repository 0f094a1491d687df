"""Through the real gateway: one query joins all three subgraphs; tokens and roles are enforced twice."""

import httpx

from schemas import topics
from services.common.auth import Role
from tests.support import GraphQLClient, TopicReader, eventually, token, unique

CADRE_ACROSS_SUBGRAPHS = """
query($id: ID!) { cadre(id: $id) { name positionLevel unit { name } peerGroup developmentRosteredAt } }
"""


async def register(
    gateway: GraphQLClient, unit_id: str, cadre_id: str, headers: dict | None = None
) -> None:
    response = await gateway.post(
        "mutation($u: UnitInput!) { registerUnit(input: $u) { id } }",
        {
            "u": {
                "id": unit_id,
                "name": "乌鲁木齐县水西沟镇",
                "category": "township",
                "district": "乌鲁木齐县",
            }
        },
        headers=headers,
    )
    assert response.status_code == 200 and "errors" not in response.json(), response.text
    await gateway.execute(
        "mutation($c: CadreInput!) { registerCadre(input: $c) { id } }",
        {
            "c": {
                "id": cadre_id,
                "name": "阿依古丽",
                "unitId": unit_id,
                "positionLevel": "principal",
            }
        },
    )


async def test_one_query_through_the_gateway_is_answered_by_all_three_subgraphs(gateway):
    unit_id, cadre_id = unique("U"), unique("C")
    await register(gateway, unit_id, cadre_id)

    async def joined():
        cadre = (await gateway.execute(CADRE_ACROSS_SUBGRAPHS, {"id": cadre_id}))["cadre"]
        return cadre if cadre["peerGroup"] and cadre["developmentRosteredAt"] else None

    cadre = await eventually(joined)
    assert cadre["name"] == "阿依古丽"  # indicator
    assert cadre["unit"]["name"] == "乌鲁木齐县水西沟镇"  # indicator, nested entity
    assert cadre["peerGroup"] == "township/principal"  # scoring, from the event it consumed
    assert cadre["developmentRosteredAt"]  # development, from the event it consumed


async def test_correlation_id_travels_from_the_request_into_the_event(gateway, stack):
    unit_id, correlation_id = unique("U"), unique("corr")
    async with TopicReader(stack, topics.UNITS) as reader:
        await register(gateway, unit_id, unique("C"), headers={"x-correlation-id": correlation_id})
        envelope, headers = await reader.wait_for(
            lambda e, h: e.get("payload", {}).get("unit_id") == unit_id
        )
    assert envelope["correlation_id"] == correlation_id
    assert headers["correlation_id"] == correlation_id


async def test_gateway_refuses_requests_without_a_valid_token(gateway, stack):
    for bearer in (None, "not-a-token", token(stack, Role.ADMIN).replace(".", ".x", 1)):
        response = await gateway.post("{ units { id } }", bearer=bearer)
        body = response.json()
        assert body.get("errors") and not body.get("data"), body


async def test_subgraph_called_directly_refuses_without_a_token(subgraph):
    for service in ("indicator", "scoring", "development"):
        response = await subgraph(service, bearer=None).post("{ __typename }")
        assert response.status_code == 401, (service, response.text)
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_wrong_role_is_refused_on_a_protected_field_at_the_gateway_and_the_subgraph(
    gateway, subgraph, stack
):
    cadre = token(stack, Role.CADRE, cadre_id=unique("C"))
    errors = await gateway.errors("{ units { id } }", bearer=cadre)
    assert errors[0]["extensions"]["code"] == "FORBIDDEN", errors
    errors = await subgraph("indicator", bearer=cadre).errors("{ units { id } }")
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert "admin" in errors[0]["message"]


async def test_a_cadre_cannot_read_another_cadres_record(gateway, stack):
    unit_id, cadre_id = unique("U"), unique("C")
    await register(gateway, unit_id, cadre_id)
    own = token(stack, Role.CADRE, cadre_id=cadre_id)
    assert await gateway.execute(
        "query($id: ID!) { cadre(id: $id) { name } }", {"id": cadre_id}, bearer=own
    )
    other = token(stack, Role.CADRE, cadre_id=unique("C"))
    errors = await gateway.errors(
        "query($id: ID!) { cadre(id: $id) { name } }", {"id": cadre_id}, bearer=other
    )
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


async def test_query_depth_and_alias_limits_hold_at_the_gateway_and_the_subgraph(gateway, subgraph):
    nested = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }"
    aliases = "{ " + " ".join(f"a{i}: units(limit: 1) {{ id }}" for i in range(40)) + " }"
    assert await gateway.execute("{ units(limit: 1) { id } }") is not None
    for client in (gateway, subgraph("indicator")):
        for query in (nested, aliases):
            response = await client.post(query)
            assert response.json().get("errors"), (client.url, query[:40], response.text[:200])


async def test_health_readiness_and_metrics_of_every_service(stack):
    async with httpx.AsyncClient(timeout=10) as http:
        for service in ("indicator", "scoring", "development"):
            base = stack.service_url(service)
            assert (await http.get(f"{base}/healthz")).json() == {"status": "ok"}
            ready = (await http.get(f"{base}/readyz")).json()
            assert (
                ready["status"] == "ready"
                and ready["checks"]["database"] == "ok"
                and ready["checks"]["kafka"] == "ok"
            )
            metrics = (await http.get(f"{base}/metrics")).text
            for name in ("http_requests_total", "outbox_lag_seconds", "outbox_published_total"):
                assert name in metrics, f"{service} /metrics lacks {name}"
        for service in ("scoring", "development"):
            metrics = (await http.get(f"{stack.service_url(service)}/metrics")).text
            assert 'events_handled_total{event_type="CadreRegistered"' in metrics
