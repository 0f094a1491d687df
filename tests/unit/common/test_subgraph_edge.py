"""Every subgraph's edge, on a small schema served by the platform's own app factory.

The app is used without its lifespan (no database, no Kafka): what is tested is what the edge
refuses before any resolver, and how it answers when the database is out of reach.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal

import pytest
import strawberry
from sqlalchemy.exc import OperationalError
from starlette.testclient import TestClient

from services.common import app as app_module
from services.common.auth import Role, mint_token
from services.common.db import define_platform_tables
from services.common.graphql import federation_schema
from services.common.limits import MAX_BODY_BYTES, MAX_ENTITY_REPRESENTATIONS, MAX_PAGE_SIZE
from services.common.settings import PlatformSettings

SECRET = "unit-test-secret-of-a-decent-length-0123456789"


@strawberry.federation.type(keys=["id"])
class Unit:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Unit:
        return Unit(id=id)


@strawberry.type
class Query:
    @strawberry.field
    def units(self, limit: int = 100, offset: int = 0) -> list[Unit]:
        return [Unit(id=strawberry.ID(f"U-{offset + i}")) for i in range(min(limit, 3))]

    @strawberry.field
    def echo(self, text: str) -> str:
        return text

    @strawberry.field
    def halve(self, amount: Decimal, score: float) -> str:
        return f"{amount / 2} {score / 2}"

    @strawberry.field
    def broken(self) -> float:
        return "not a number"  # type: ignore[return-value]

    @strawberry.field
    def database_down(self) -> str:
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError(111, "Connection refused"))


@strawberry.input
class NoteInput:
    title: str
    lines: list[str]


@strawberry.type
class Mutation:
    @strawberry.mutation
    def note(self, note: NoteInput) -> str:
        return note.title


def client_for(app_env: str = "development", **settings) -> TestClient:
    platform_settings = PlatformSettings(app_env=app_env, jwt_secret=SECRET, **settings)
    metadata = __import__("sqlalchemy").MetaData()
    define_platform_tables(metadata)
    spec = app_module.ServiceSpec(
        name="indicator",
        schema=federation_schema(platform_settings, Query, Mutation, types=[Unit]),
        metadata=metadata,
    )
    client = TestClient(app_module.create_app(spec, platform_settings))
    client.headers["authorization"] = f"Bearer {mint_token(platform_settings, Role.ADMIN)}"
    return client


@pytest.fixture(autouse=True)
def keep_pytest_logging(monkeypatch):
    # create_app sets up the service's JSON logging on the root logger; pytest's stays.
    monkeypatch.setattr(app_module, "configure_logging", lambda *args: None)


@pytest.fixture(scope="module")
def client() -> TestClient:
    return client_for()


def post(client: TestClient, query: str, variables: dict | None = None):
    return client.post("/graphql", json={"query": query, "variables": variables or {}})


def problems(response) -> list[dict]:
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "VALIDATION_FAILED", error
    return error["extensions"]["problems"]


@pytest.mark.parametrize(
    "arguments, field, rule",
    [
        ("limit: 0", "units.limit", "page_size"),
        ("limit: -1", "units.limit", "page_size"),
        (f"limit: {MAX_PAGE_SIZE + 1}", "units.limit", "page_size"),
        ("limit: 2147483647", "units.limit", "page_size"),
        ("offset: -1", "units.offset", "page_start"),
    ],
)
def test_pagination_outside_the_rule_is_refused_naming_the_argument(client, arguments, field, rule):
    response = post(client, f"{{ units({arguments}) {{ id }} }}")
    [problem] = problems(response)
    assert (problem["field"], problem["rule"]) == (field, rule)
    assert str(MAX_PAGE_SIZE) in problem["message"] or rule == "page_start"


def test_pagination_from_variables_is_checked_too(client):
    response = post(client, "query($n: Int!) { units(limit: $n) { id } }", {"n": 100_000})
    assert problems(response)[0]["field"] == "units.limit"


def test_pagination_inside_the_rule_is_served(client):
    response = post(client, f"{{ units(limit: {MAX_PAGE_SIZE}, offset: 0) {{ id }} }}")
    assert response.status_code == 200 and len(response.json()["data"]["units"]) == 3


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f"])
def test_control_characters_in_strings_are_refused_naming_the_argument(client, character):
    response = post(client, "query($t: String!) { echo(text: $t) }", {"t": f"a{character}b"})
    [problem] = problems(response)
    assert problem["field"] == "echo.text" and problem["rule"] == "control_character"


def test_control_characters_deep_in_an_input_are_found(client):
    response = post(
        client,
        "mutation($n: NoteInput!) { note(note: $n) }",
        {"n": {"title": "ok", "lines": ["fine", "bad\x00"]}},
    )
    assert problems(response)[0]["field"] == "note.note.lines[1]"


@pytest.mark.parametrize(
    "variables, named",
    [
        ({"a": "twelve", "s": 1.0}, "$a"),
        ({"a": "1.5", "s": 61_607_880_100_681_810}, "$s"),  # JSON's integer form of 6.16e16
    ],
)
def test_a_variable_of_the_wrong_kind_is_the_clients_mistake_named_not_masked(
    client, variables, named
):
    response = post(
        client, "query($a: Decimal!, $s: Float!) { halve(amount: $a, score: $s) }", variables
    )
    [error] = response.json()["errors"]
    assert error["message"] != "Internal error." and named in error["message"], error


def test_a_value_the_service_cannot_serialise_stays_an_internal_error(client):
    [error] = post(client, "{ broken }").json()["errors"]
    assert error["message"] == "Internal error."


def test_tabs_and_line_breaks_are_text(client):
    response = post(client, "query($t: String!) { echo(text: $t) }", {"t": "a\tb\r\nc"})
    assert response.json() == {"data": {"echo": "a\tb\r\nc"}}


def test_too_many_entity_representations_are_refused(client):
    representations = [
        {"__typename": "Unit", "id": f"U-{i}"} for i in range(MAX_ENTITY_REPRESENTATIONS + 1)
    ]
    response = post(
        client,
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Unit { id } } }",
        {"r": representations},
    )
    assert problems(response)[0]["rule"] == "max_entities"
    allowed = post(
        client,
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Unit { id } } }",
        {"r": representations[:MAX_ENTITY_REPRESENTATIONS]},
    )
    assert len(allowed.json()["data"]["_entities"]) == MAX_ENTITY_REPRESENTATIONS


@pytest.mark.parametrize(
    "body, message",
    [
        pytest.param('"a string"', "JSON object", id="string"),
        pytest.param("42", "JSON object", id="number"),
        pytest.param("null", "JSON object", id="null"),
        pytest.param("[" * 100_000 + "]" * 100_000, "nested too deeply", id="nested-100000"),
    ],
)
def test_a_body_that_is_not_a_request_object_answers_400(client, body, message):
    response = client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400 and message in response.text


def test_a_body_over_the_limit_answers_413_before_it_is_read_whole(client):
    response = client.post(
        "/graphql",
        content=b" " * (MAX_BODY_BYTES + 1),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


def test_a_streamed_body_over_the_limit_answers_413(client):
    def chunks():
        for _ in range(MAX_BODY_BYTES // 1_000_000 + 2):
            yield b" " * 1_000_000

    response = client.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    "content_type, body",
    [
        (
            "application/x-www-form-urlencoded",
            "query=mutation%7Bnote(note%3A%7Btitle%3A%22x%22%7D)%7D",
        ),
        ("text/plain", json.dumps({"query": 'mutation { note(note: {title: "x", lines: []}) }'})),
        ("multipart/form-data; boundary=x", "--x--"),
    ],
)
def test_only_json_posts_are_served(client, content_type, body):
    response = client.post("/graphql", content=body, headers={"content-type": content_type})
    assert response.status_code == 415


def test_a_mutation_in_a_get_is_refused(client):
    response = client.get(
        "/graphql",
        params={"query": 'mutation { note(note: {title: "x", lines: []}) }'},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 405


def test_no_origin_is_allowed_unless_configured(client):
    response = client.post(
        "/graphql",
        json={"query": '{ echo(text: "x") }'},
        headers={"origin": "https://attacker.example"},
    )
    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-credentials" not in response.headers


def test_a_configured_origin_is_allowed_and_no_other():
    client = client_for(cors_allowed_origins="https://console.example, https://other.example")
    preflight = {"access-control-request-method": "POST"}
    allowed = client.options("/graphql", headers={"origin": "https://console.example", **preflight})
    assert allowed.headers["access-control-allow-origin"] == "https://console.example"
    refused = client.options(
        "/graphql", headers={"origin": "https://attacker.example", **preflight}
    )
    assert "access-control-allow-origin" not in refused.headers


def test_suggestions_are_cut_in_production():
    development = post(client_for(), "{ unit { id } }").json()["errors"][0]["message"]
    assert "Did you mean" in development
    production = post(client_for("production", jwt_algorithm="HS256"), "{ unit { id } }").json()[
        "errors"
    ][0]["message"]
    assert production == "Cannot query field 'unit' on type 'Query'."


def test_an_unreachable_database_answers_503_retryable_and_is_logged_once(client, caplog):
    caplog.set_level(logging.INFO)
    for _ in range(5):
        response = post(client, "{ databaseDown }")
        assert response.status_code == 503
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        assert error["extensions"]["retryable"] is True
    assert post(client, '{ echo(text: "back") }').status_code == 200
    outage_lines = [r.getMessage() for r in caplog.records if r.name == "services.common.outage"]
    assert outage_lines == [
        "database unavailable; requests answer SERVICE_UNAVAILABLE until it is back",
        "database available again",
    ]
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged per request"
