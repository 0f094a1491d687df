"""The access-log recorder on a small federated schema, with a fake log in place of PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import strawberry
from strawberry.types import Info

from services.common.auth import Principal, Role
from services.common.errors import PermissionDenied
from services.common.federation import CadreEntity
from services.common.graphql import RequestContext, federation_schema
from services.common.personal_data import AccessEntry, personal_data
from services.common.settings import PlatformSettings


@dataclass
class FakeAccessLog:
    entries: list[AccessEntry] = field(default_factory=list)
    down: bool = False

    async def append(self, entry: AccessEntry) -> int:
        if self.down:
            raise ConnectionRefusedError(111, "Connection refused")
        self.entries.append(entry)
        return len(self.entries)


@strawberry.type
class Score:
    cadre_id: strawberry.ID
    total: float

    @strawberry.field(extensions=personal_data("evaluations"))
    def daily_points(self) -> float:
        return 1.5


@strawberry.federation.type(keys=["id"])
class Cadre(CadreEntity):
    @strawberry.field(extensions=personal_data("scores"))
    async def score(self, info: Info) -> Score:
        return Score(cadre_id=self.id, total=80.0)


@strawberry.type
class Query:
    @strawberry.field(extensions=personal_data("scores"))
    async def rankings(self, limit: int = 100) -> list[Score]:
        return [Score(cadre_id=strawberry.ID(f"C-{i:04d}"), total=70.0) for i in range(limit)]

    @strawberry.field(extensions=personal_data("portrait"))
    def refused(self, cadre_id: strawberry.ID) -> float:
        raise PermissionDenied("not yours")

    @strawberry.field
    def catalogue(self) -> str:
        return "no personal data here"


SCHEMA = federation_schema(PlatformSettings(app_env="development"), Query, types=[Cadre])
ASSESSOR = Principal(subject="assessor-7", role=Role.ASSESSOR)
OWN_CADRE = Principal(subject="C-0001", role=Role.CADRE, cadre_id="C-0001")
ENTITY_SCORE = """query Breakdown($id: ID!) {
  _entities(representations: [{__typename: "Cadre", id: $id}]) {
    ... on Cadre { score { total dailyPoints } }
  }
}"""


async def run(query: str, principal: Principal, log: FakeAccessLog, headers=None, **variables):
    context = RequestContext(
        request=SimpleNamespace(headers=headers or {}),
        principal=principal,
        platform=SimpleNamespace(access_log=log),
    )
    return await SCHEMA.execute(query, variable_values=variables, context_value=context)


async def test_an_assessor_reading_a_breakdown_is_one_entry_naming_who_what_and_why():
    log = FakeAccessLog()
    result = await run(ENTITY_SCORE, ASSESSOR, log, id="C-0001")
    assert result.errors is None
    assert result.data["_entities"][0]["score"] == {"total": 80.0, "dailyPoints": 1.5}
    [entry] = log.entries
    assert (entry.subject, entry.role, entry.operation, entry.purpose) == (
        "assessor-7",
        "assessor",
        "Breakdown",
        None,
    )
    assert [(r.kind, r.field, r.cadre_ids) for r in entry.reads] == [
        ("evaluations", "Score.dailyPoints", ("C-0001",)),
        ("scores", "Cadre.score", ("C-0001",)),
    ]


async def test_a_cadre_reading_their_own_data_logs_nothing():
    log = FakeAccessLog()
    result = await run(ENTITY_SCORE, OWN_CADRE, log, id="C-0001")
    assert result.errors is None and result.data["_entities"][0]["score"]["total"] == 80.0
    assert log.entries == []


async def test_a_page_of_500_cadres_is_one_append_of_one_entry():
    log = FakeAccessLog()
    result = await run("{ rankings(limit: 500) { cadreId } }", ASSESSOR, log)
    assert len(result.data["rankings"]) == 500
    [entry] = log.entries
    assert entry.operation == "anonymous"
    [read] = entry.reads
    assert (read.kind, read.field, len(read.cadre_ids)) == ("scores", "Query.rankings", 500)
    assert entry.for_cadre("C-0042")[0].cadre_ids == ("C-0042",)


async def test_the_stated_purpose_is_recorded():
    log = FakeAccessLog()
    headers = {"x-access-purpose": "  calibration meeting 2025  "}
    await run("{ rankings(limit: 2) { total } }", ASSESSOR, log, headers=headers)
    assert log.entries[0].purpose == "calibration meeting 2025"


async def test_a_purpose_too_long_or_with_control_characters_is_refused_before_any_read():
    log = FakeAccessLog()
    for purpose, rule in (("x" * 201, "max_length"), ("audit\x07", "control_character")):
        result = await run(
            "{ rankings(limit: 2) { total } }", ASSESSOR, log, {"x-access-purpose": purpose}
        )
        assert result.data is None
        [error] = result.errors
        problem = error.extensions["problems"][0]
        assert (error.extensions["code"], problem["field"], problem["rule"]) == (
            "VALIDATION_FAILED",
            "x-access-purpose",
            rule,
        )
    assert log.entries == []


async def test_a_read_that_cannot_be_logged_is_withheld_with_a_retryable_error():
    log = FakeAccessLog(down=True)
    result = await run(ENTITY_SCORE, ASSESSOR, log, id="C-0001")
    assert result.data is None
    [error] = result.errors
    assert error.extensions == {"code": "SERVICE_UNAVAILABLE", "retryable": True}
    assert "access log" in error.message


async def test_refused_reads_and_fields_without_personal_data_log_nothing():
    log = FakeAccessLog()
    result = await run('{ refused(cadreId: "C-0002") }', ASSESSOR, log)
    assert result.errors[0].extensions["code"] == "FORBIDDEN"
    await run("{ catalogue }", ASSESSOR, log)
    assert log.entries == []
