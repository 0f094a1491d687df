"""Through the gateway: reads of a cadre's data by others are logged where the cadre (and the
department) can see them, the log refuses changes in PostgreSQL, and a cadre's export holds
their scores, evaluations and enrolments and nothing of a colleague's."""

from __future__ import annotations

import json

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from services.common.auth import Role
from services.common.personal_data import PostgresAccessLog, verify_chain
from tests.integration.development.helpers import add_cohort, capability, create_programme
from tests.integration.scoring.world import list_in_force, publish_list, township, unique_year
from tests.support import GraphQLClient, database, eventually, token, unique

REGISTER_UNIT = "mutation($u: UnitInput!) { registerUnit(input: $u) { id } }"
REGISTER_CADRE = "mutation($c: CadreInput!) { registerCadre(input: $c) { id } }"
ROSTERED = """query($id: ID!) { cadre(id: $id) { developmentRosteredAt peerGroup } }"""
REPORT = (
    "mutation($inputs: [ObservationReport!]!) { reportObservations(inputs: $inputs) { revision } }"
)
EVALUATE = """mutation($c: ID!, $year: Int!) {
  evaluateCadre(cadreId: $c, year: $year, kind: "own", score: 86)
}"""
DAILY = """mutation($input: DailyRecordInput!) { recordDailyRecord(input: $input) { recordId } }"""
RUN = "mutation($period: String!) { runScoring(period: $period) { cadres } }"
ENROL = """mutation($c: ID!, $p: ID!) {
  enrolCadre(cadreId: $c, programmeId: $p, reason: "digital governance camp") { id }
}"""
BREAKDOWN = """query ReviewBreakdown($c: ID!, $period: String!) {
  cadreScore(cadreId: $c, period: $period) {
    total components { name score } dailyRecords { kind points }
  }
}"""
RANKINGS = """query CalibrationRankings($period: String!) {
  rankings(period: $period, unitCategory: "township", limit: 500) { cadreId total }
}"""
OWN_DATA = """query MyData($c: ID!, $period: String!) {
  cadreScore(cadreId: $c, period: $period) { total dailyRecords { kind } }
  cadre(id: $c) {
    scores { total } capabilityProfile(period: $period) { capability }
    enrolments { status } offPost
  }
}"""
ACCESS_LOG = """query WhoReadMyData($c: ID!) {
  cadre(id: $c) {
    scoringAccessLog { subject role operation purpose reads { kind field } entryHash }
    developmentAccessLog { subject role operation reads { kind field } }
  }
}"""
EXPORT = """query ExportMyData($c: ID!) {
  cadre(id: $c) {
    id name unitId positionLevel
    scoringPersonalData { service cadreId generatedAt document }
    developmentPersonalData { service cadreId generatedAt document }
  }
}"""


class World:
    def __init__(self, stack, year: int, unit, me: str, colleague: str):
        self.stack, self.year, self.unit = stack, year, unit
        self.me, self.colleague = me, colleague
        self.period = str(year)

    def client(self, role: Role, **claims) -> GraphQLClient:
        return GraphQLClient(self.stack.gateway_url, bearer=token(self.stack, role, **claims))


async def _register(gateway: GraphQLClient, stack, unit) -> None:
    await gateway.execute(
        REGISTER_UNIT, {"u": {"id": unit.unit_id, "name": "矮寨镇", "category": "township"}}
    )
    for cadre_id, level in unit.cadres.items():
        await gateway.execute(
            REGISTER_CADRE,
            {"c": {"id": cadre_id, "name": "向明", "unitId": unit.unit_id, "positionLevel": level}},
        )
    for cadre_id in unit.cadres:

        async def rostered(c=cadre_id):
            found = (await gateway.execute(ROSTERED, {"id": c}))["cadre"]
            return found and found["developmentRosteredAt"] and found["peerGroup"]

        await eventually(rostered)


async def _assess(gateway: GraphQLClient, world: World) -> None:
    year = world.year
    await gateway.execute(
        REPORT,
        {
            "inputs": [
                {
                    "unitId": world.unit.unit_id,
                    "indicatorCode": "PR-COMPLETION-RATE",
                    "period": f"{year}-12",
                    "value": 88.0,
                    "unitOfMeasure": "%",
                }
            ]
        },
    )
    for cadre_id in (world.me, world.colleague):
        await gateway.execute(EVALUATE, {"c": cadre_id, "year": year})
        record = {
            "cadreId": cadre_id,
            "occurredOn": f"{year}-05-12",
            "kind": "emergency_response",
            "points": 2,
            "description": "flood relief in the township",
        }
        await gateway.execute(DAILY, {"input": record})
    assert (await gateway.execute(RUN, {"period": world.period}))["runScoring"]["cadres"] >= 2


@pytest.fixture(scope="module")
async def world(stack, admin_token, assessment_settings_read_by_module):
    gateway = GraphQLClient(stack.gateway_url, bearer=admin_token)
    try:
        year, unit = unique_year(), township(cadres=("principal", "deputy"))
        me, colleague = list(unit.cadres)
        built = World(stack, year, unit, me, colleague)
        await _register(gateway, stack, unit)
        await publish_list(stack, unit, year)
        await eventually(lambda: list_in_force(stack, unit.unit_id, year))
        await _assess(gateway, built)
        programme = await create_programme(gateway, capabilities=[capability()])
        await add_cohort(gateway, programme, capacity=10)
        for cadre_id in (me, colleague):
            await gateway.execute(ENROL, {"c": cadre_id, "p": programme})
        return built
    finally:
        await gateway.aclose()


async def _entries_about(stack, service: str, cadre_id: str) -> int:
    conn = await database(stack, service)
    try:
        return await conn.fetchval(
            "SELECT count(*) FROM access_log WHERE cadre_ids @> ARRAY[$1]::text[]", cadre_id
        )
    finally:
        await conn.close()


async def test_an_assessor_reading_a_breakdown_is_one_entry_the_cadre_sees(world):
    assessor_subject = unique("assessor")
    assessor = world.client(Role.ASSESSOR, subject=assessor_subject)
    cadre = world.client(Role.CADRE, cadre_id=world.me)
    try:
        response = await assessor.post(
            BREAKDOWN,
            {"c": world.me, "period": world.period},
            headers={"x-access-purpose": "annual calibration meeting"},
        )
        body = response.json()
        assert response.status_code == 200 and not body.get("errors"), body
        assert body["data"]["cadreScore"]["dailyRecords"] == [
            {"kind": "emergency_response", "points": 2.0}
        ]
        log = (await cadre.execute(ACCESS_LOG, {"c": world.me}))["cadre"]["scoringAccessLog"]
        mine = [e for e in log if e["subject"] == assessor_subject]
        assert len(mine) == 1, log
        [entry] = mine
        assert (entry["role"], entry["purpose"]) == ("assessor", "annual calibration meeting")
        assert "ReviewBreakdown" in entry["operation"]
        assert sorted((r["kind"], r["field"]) for r in entry["reads"]) == [
            ("evaluations", "CadreScore.dailyRecords"),
            ("scores", "Query.cadreScore"),
        ]
        assert len(entry["entryHash"]) == 64
    finally:
        await assessor.aclose()
        await cadre.aclose()


async def test_a_page_of_cadres_is_one_entry_and_shows_each_cadre_only_their_part(world):
    assessor_subject = unique("assessor")
    assessor = world.client(Role.ASSESSOR, subject=assessor_subject)
    cadre = world.client(Role.CADRE, cadre_id=world.me)
    try:
        ranked = (await assessor.execute(RANKINGS, {"period": world.period}))["rankings"]
        assert {world.me, world.colleague} <= {r["cadreId"] for r in ranked}
        conn = await database(world.stack, "scoring")
        try:
            rows = await conn.fetch(
                "SELECT cadre_ids FROM access_log WHERE subject = $1", assessor_subject
            )
        finally:
            await conn.close()
        assert len(rows) == 1 and {world.me, world.colleague} <= set(rows[0]["cadre_ids"])
        log = (await cadre.execute(ACCESS_LOG, {"c": world.me}))["cadre"]["scoringAccessLog"]
        assert [e["reads"] for e in log if e["subject"] == assessor_subject] == [
            [{"kind": "scores", "field": "Query.rankings"}]
        ]
        assert world.colleague not in json.dumps(log)
    finally:
        await assessor.aclose()
        await cadre.aclose()


async def test_a_cadre_reading_their_own_data_logs_nothing(world):
    before = [await _entries_about(world.stack, s, world.me) for s in ("scoring", "development")]
    cadre = world.client(Role.CADRE, cadre_id=world.me)
    try:
        data = await cadre.execute(OWN_DATA, {"c": world.me, "period": world.period})
        assert data["cadreScore"]["total"] > 0 and data["cadre"]["enrolments"]
        await cadre.execute(EXPORT, {"c": world.me})
    finally:
        await cadre.aclose()
    after = [await _entries_about(world.stack, s, world.me) for s in ("scoring", "development")]
    assert after == before


async def test_a_trainer_reading_enrolments_is_logged_in_development(world):
    trainer_subject = unique("trainer")
    trainer = world.client(Role.TRAINER, subject=trainer_subject)
    admin = world.client(Role.ADMIN)
    try:
        query = "query Seats($c: ID!) { enrolments(cadreId: $c) { status } }"
        assert (await trainer.execute(query, {"c": world.me}))["enrolments"]
        log = (await admin.execute(ACCESS_LOG, {"c": world.me}))["cadre"]["developmentAccessLog"]
        assert [e["reads"] for e in log if e["subject"] == trainer_subject] == [
            [{"kind": "enrolments", "field": "Query.enrolments"}]
        ]
    finally:
        await trainer.aclose()
        await admin.aclose()


async def test_only_the_cadre_and_the_department_read_the_log(world):
    admin = world.client(Role.ADMIN)
    try:
        assert (await admin.execute(ACCESS_LOG, {"c": world.me}))["cadre"] is not None
    finally:
        await admin.aclose()
    for role, claims in (
        (Role.CADRE, {"cadre_id": world.colleague}),
        (Role.ASSESSOR, {}),
        (Role.TRAINER, {}),
    ):
        other = world.client(role, **claims)
        try:
            query = "query($c: ID!) { cadre(id: $c) { scoringAccessLog { subject } } }"
            errors = await other.errors(query, {"c": world.me})
            assert {e["extensions"]["code"] for e in errors} == {"FORBIDDEN"}, errors
            errors = await other.errors(EXPORT, {"c": world.me})
            assert {e["extensions"]["code"] for e in errors} == {"FORBIDDEN"}, errors
        finally:
            await other.aclose()


@pytest.mark.parametrize("service", ["scoring", "development"])
async def test_a_log_entry_cannot_be_updated_or_deleted(world, service):
    # Make sure the log has an entry about the cadre in this service.
    admin = world.client(Role.ADMIN)
    try:
        await admin.execute(EXPORT, {"c": world.me})
    finally:
        await admin.aclose()
    conn = await database(world.stack, service)
    try:
        seq = await conn.fetchval(
            "SELECT max(seq) FROM access_log WHERE cadre_ids @> ARRAY[$1]::text[]", world.me
        )
        assert seq is not None
        for statement in (
            "UPDATE access_log SET subject = 'nobody' WHERE seq = $1",
            "DELETE FROM access_log WHERE seq = $1",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
                await conn.execute(statement, seq)
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
            await conn.execute("TRUNCATE access_log")
        for statement in (
            "UPDATE access_log_head SET seq = seq - 1",
            "UPDATE access_log_head SET seq = seq + 1",  # forward, but not linked to the last hash
            "DELETE FROM access_log_head",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError, match="only moves forward"):
                await conn.execute(statement)
        assert await conn.fetchval("SELECT subject FROM access_log WHERE seq = $1", seq)
    finally:
        await conn.close()
    engine = create_async_engine(world.stack.database_url(service))
    try:
        report = verify_chain(*await PostgresAccessLog(engine).whole())
    finally:
        await engine.dispose()
    assert report.intact and report.entries >= seq, report.problems


async def test_the_export_holds_the_cadres_data_and_nothing_of_another_cadre(world):
    cadre = world.client(Role.CADRE, cadre_id=world.me)
    try:
        exported = (await cadre.execute(EXPORT, {"c": world.me}))["cadre"]
    finally:
        await cadre.aclose()
    assert (exported["id"], exported["unitId"]) == (world.me, world.unit.unit_id)
    scoring = exported["scoringPersonalData"]["document"]["tables"]
    development = exported["developmentPersonalData"]["document"]["tables"]
    assert [(s["cadre_id"], s["period"]) for s in scoring["scores"]] == [(world.me, world.period)]
    assert [(e["kind"], e["score"]) for e in scoring["evaluations"]] == [("own", 86.0)]
    assert [d["kind"] for d in scoring["dailyRecords"]] == ["emergency_response"]
    [enrolment] = development["enrolments"]
    assert (enrolment["cadre_id"], enrolment["reason"].split(" (by")[0]) == (
        world.me,
        "digital governance camp",
    )
    accessed = exported["scoringPersonalData"]["document"]["accessLog"]
    assert {"scores"} <= {r["kind"] for entry in accessed for r in entry["reads"]}
    assert world.colleague not in json.dumps(exported)
