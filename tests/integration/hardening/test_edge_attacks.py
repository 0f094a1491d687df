"""What an attacker sends, against the real gateway and each real subgraph: refused, never a 5xx."""

from __future__ import annotations

import json
import time
from urllib.parse import quote

import httpx
import jwt
import pytest

from services.common.auth import Role
from services.common.limits import MAX_BODY_BYTES, MAX_ENTITY_REPRESENTATIONS, MAX_PAGE_SIZE
from tests.support import database, unique

SUBGRAPHS = ("indicator", "scoring", "development")
REGISTER_UNIT = (
    'mutation { registerUnit(input: {id: "%s", name: "跨站乡", category: "township"}) { id } }'
)


def endpoints(stack) -> dict[str, str]:
    found = {"gateway": stack.gateway_url}
    for service in SUBGRAPHS:
        found[service] = stack.service_url(service).rstrip("/") + "/graphql"
    return found


@pytest.fixture
async def http():
    async with httpx.AsyncClient(timeout=60) as client:
        yield client


def auth(token: str, **headers: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}", **headers}


async def unit_exists(stack, unit_id: str) -> bool:
    conn = await database(stack, "indicator")
    try:
        return bool(await conn.fetchval("SELECT count(*) FROM units WHERE id = $1", unit_id))
    finally:
        await conn.close()


@pytest.mark.parametrize("where", ["gateway", "indicator"])
@pytest.mark.parametrize(
    "content_type, encode",
    [
        pytest.param("application/x-www-form-urlencoded", lambda q: f"query={quote(q)}", id="form"),
        pytest.param("text/plain", lambda q: json.dumps({"query": q}), id="text-plain"),
        pytest.param("application/graphql", lambda q: q, id="graphql-string"),
    ],
)
async def test_a_mutation_posted_as_a_form_or_text_is_refused_and_not_executed(
    stack, http, admin_token, where, content_type, encode
):
    unit_id = unique("U-csrf")
    response = await http.post(
        endpoints(stack)[where],
        content=encode(REGISTER_UNIT % unit_id),
        headers=auth(admin_token, **{"content-type": content_type}),
    )
    assert response.status_code == 415, response.text
    assert not await unit_exists(stack, unit_id)


@pytest.mark.parametrize("where", ["gateway", *SUBGRAPHS])
async def test_a_mutation_in_a_get_is_refused(stack, http, admin_token, where):
    unit_id = unique("U-get")
    response = await http.get(
        endpoints(stack)[where],
        params={"query": REGISTER_UNIT % unit_id},
        headers=auth(admin_token, accept="application/json"),
    )
    assert response.status_code == 405, response.text
    assert not await unit_exists(stack, unit_id)


@pytest.mark.parametrize("where", ["gateway", *SUBGRAPHS])
async def test_an_unknown_origin_gets_no_cors_grant(stack, http, admin_token, where):
    origin = {"origin": "https://attacker.example"}
    preflight = await http.options(
        endpoints(stack)[where],
        headers={
            **origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type",
        },
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-credentials" not in preflight.headers
    response = await http.post(
        endpoints(stack)[where],
        json={"query": "{ __typename }"},
        headers=auth(admin_token, **origin),
    )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize("where", ["gateway", *SUBGRAPHS])
async def test_a_token_issued_in_the_future_is_refused_by_the_gateway_and_every_subgraph(
    stack, http, where
):
    now = int(time.time())
    claims = {
        "sub": "future",
        "role": Role.ADMIN.value,
        "iss": stack.jwt_issuer,
        "aud": stack.jwt_audience,
        "iat": now + 3600,
        "exp": now + 7200,
    }
    token = jwt.encode(claims, stack.jwt_secret, algorithm="HS256")
    response = await http.post(
        endpoints(stack)[where], json={"query": "{ __typename }"}, headers=auth(token)
    )
    assert response.status_code == 401, response.text


@pytest.mark.parametrize("where", ["gateway", "indicator"])
async def test_a_body_over_the_limit_is_refused_with_413(stack, http, admin_token, where):
    response = await http.post(
        endpoints(stack)[where],
        content=b" " * (MAX_BODY_BYTES + 1),
        headers=auth(admin_token, **{"content-type": "application/json"}),
    )
    assert response.status_code == 413, response.text[:300]


@pytest.mark.parametrize("where", ["gateway", "indicator"])
@pytest.mark.parametrize(
    "arguments",
    ["limit: -1", "limit: 0", f"limit: {MAX_PAGE_SIZE + 1}", "limit: 2147483647", "offset: -5"],
)
async def test_pagination_outside_the_rule_is_a_validation_error(
    stack, http, admin_token, where, arguments
):
    response = await http.post(
        endpoints(stack)[where],
        json={"query": f"{{ units({arguments}) {{ id }} }}"},
        headers=auth(admin_token),
    )
    assert response.status_code < 500
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "VALIDATION_FAILED", error
    assert error["message"].startswith(("units.limit", "units.offset")), error


@pytest.mark.parametrize("where", ["gateway", "indicator"])
async def test_a_nul_character_in_an_argument_is_a_validation_error(
    stack, http, admin_token, where
):
    response = await http.post(
        endpoints(stack)[where],
        json={
            "query": "mutation($u: UnitInput!) { registerUnit(input: $u) { id } }",
            "variables": {"u": {"id": unique("U"), "name": "乡\x00", "category": "township"}},
        },
        headers=auth(admin_token),
    )
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "VALIDATION_FAILED", error
    assert "registerUnit.input.name" in error["message"]


@pytest.mark.parametrize("where", ["gateway", *SUBGRAPHS])
@pytest.mark.parametrize(
    "body",
    [
        pytest.param('"just a string"', id="string"),
        pytest.param("12345", id="number"),
        pytest.param("[" * 100_000 + "]" * 100_000, id="nested-100000"),
    ],
)
async def test_a_body_that_is_not_a_request_object_answers_400(
    stack, http, admin_token, where, body
):
    response = await http.post(
        endpoints(stack)[where],
        content=body,
        headers=auth(admin_token, **{"content-type": "application/json"}),
    )
    assert response.status_code == 400, response.text[:300]


@pytest.mark.parametrize("service", SUBGRAPHS)
async def test_an_entities_batch_over_the_limit_is_refused(stack, http, admin_token, service):
    typename = {"indicator": "Unit", "scoring": "Cadre", "development": "Cadre"}[service]
    representations = [
        {"__typename": typename, "id": f"X-{i}"} for i in range(MAX_ENTITY_REPRESENTATIONS + 1)
    ]
    response = await http.post(
        endpoints(stack)[service],
        json={
            "query": "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
            "variables": {"r": representations},
        },
        headers=auth(admin_token),
    )
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "VALIDATION_FAILED"
    assert error["extensions"]["problems"][0]["rule"] == "max_entities"
