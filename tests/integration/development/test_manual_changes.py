"""Trainers and administrators enrol, move and cancel by hand, with a reason; roles are enforced."""

from __future__ import annotations

from schemas import topics
from services.common.auth import Role
from tests.integration.development.helpers import (
    ENROLMENT_FIELDS,
    add_cohort,
    capability,
    collect,
    create_programme,
    enrolments_of,
    payload_of,
    register_cadre,
)
from tests.support import GraphQLClient, TopicReader, token, unique

ENROL = f"""
mutation($c: ID!, $p: ID!, $k: ID, $reason: String!) {{
  enrolCadre(cadreId: $c, programmeId: $p, cohortId: $k, reason: $reason) {{ {ENROLMENT_FIELDS} }}
}}"""
MOVE = f"""
mutation($e: ID!, $k: ID!, $reason: String!) {{
  moveEnrolment(enrolmentId: $e, cohortId: $k, reason: $reason) {{ {ENROLMENT_FIELDS} }}
}}"""


async def test_trainer_enrols_moves_and_cancels_by_hand(stack, subgraph):
    trainer = subgraph("development", bearer=token(stack, Role.TRAINER, subject="trainer-wang"))
    programme = await create_programme(trainer, capabilities=[capability()], levels=["deputy"])
    early = await add_cohort(trainer, programme, capacity=1, starts_in=20)
    late = await add_cohort(trainer, programme, capacity=1, starts_in=50)
    cadre, other = unique("cadre"), unique("cadre")
    await register_cadre(stack, trainer, cadre)
    await register_cadre(stack, trainer, other)

    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        enrolled = await trainer.execute(
            ENROL, {"c": cadre, "p": programme, "k": None, "reason": "asked for it"}
        )
        enrolment = enrolled["enrolCadre"]
        assert (enrolment["status"], enrolment["cohortId"], enrolment["source"]) == (
            "enrolled",
            early,
            "manual",
        )
        created, _ = await reader.wait_for(payload_of(cadre, "EnrolmentCreated"))
        assert created["payload"]["reason"] == "asked for it (by trainer-wang)"

        twice = await trainer.errors(
            ENROL, {"c": cadre, "p": programme, "k": None, "reason": "again"}
        )
        assert twice[0]["extensions"]["code"] == "CONFLICT"

        waiting = await trainer.execute(
            ENROL, {"c": other, "p": programme, "k": early, "reason": "same cohort"}
        )
        assert waiting["enrolCadre"]["status"] == "waitlisted"

        moved = await trainer.execute(
            MOVE, {"e": enrolment["id"], "k": late, "reason": "clashes with budget week"}
        )
        assert (moved["moveEnrolment"]["status"], moved["moveEnrolment"]["cohortId"]) == (
            "enrolled",
            late,
        )
        # The move and the promotion it allows are keyed by different cadres: they may arrive in any order.
        seats = await collect(reader, "EnrolmentCreated", [cadre, other])
        assert seats[cadre]["payload"]["cohort_id"] == late
        assert seats[cadre]["payload"]["moved_from_cohort_id"] == early
        assert (
            seats[other]["payload"]["promoted_from_waitlist"]
            and seats[other]["payload"]["cohort_id"] == early
        )

        await trainer.execute(
            'mutation($e: ID!) { cancelEnrolment(enrolmentId: $e, reason: "retiring") { id } }',
            {"e": enrolment["id"]},
        )
        cancelled, _ = await reader.wait_for(payload_of(cadre, "EnrolmentCancelled"))
    assert (
        cancelled["payload"]["cancelled_by"] == "trainer-wang"
        and cancelled["payload"]["reason"] == "retiring"
    )
    [mine] = await enrolments_of(trainer, cadre)
    assert (mine["status"], mine["cancelReason"]) == ("cancelled", "retiring")


async def test_hand_changes_are_checked_and_named(stack, subgraph):
    admin = subgraph("development")
    programme = await create_programme(admin, capabilities=[capability()], levels=["principal"])
    await add_cohort(admin, programme, capacity=3)
    cadre = unique("cadre")
    await register_cadre(stack, admin, cadre, level="grassroots")

    ineligible = await admin.errors(ENROL, {"c": cadre, "p": programme, "k": None, "reason": "try"})
    problem = ineligible[0]["extensions"]["problems"][0]
    assert (problem["field"], problem["rule"], problem["value"]) == (
        "cadreId",
        "eligibility",
        cadre,
    )
    assert "position level 'grassroots'" in problem["message"]

    no_reason = await admin.errors(ENROL, {"c": cadre, "p": programme, "k": None, "reason": "  "})
    assert no_reason[0]["extensions"]["problems"][0]["field"] == "reason"

    unknown = await admin.errors(
        ENROL, {"c": unique("cadre"), "p": programme, "k": None, "reason": "x"}
    )
    assert (
        unknown[0]["extensions"]["code"] == "NOT_FOUND"
        and "not on the roster" in unknown[0]["message"]
    )

    bad_programme = await admin.errors(
        "mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }",
        {
            "i": {
                "id": unique("prog"),
                "name": "Lecture series",
                "kind": "lecture",
                "capabilities": ["x_y"],
            }
        },
    )
    problem = bad_programme[0]["extensions"]["problems"][0]
    assert (problem["field"], problem["rule"], problem["value"]) == ("kind", "one_of", "lecture")


async def test_roles(stack, subgraph):
    admin = subgraph("development")
    programme = await create_programme(admin, capabilities=[capability()])
    await add_cohort(admin, programme, capacity=3)
    cadre, other = unique("cadre"), unique("cadre")
    for someone in (cadre, other):
        await register_cadre(stack, admin, someone)
        await admin.execute(ENROL, {"c": someone, "p": programme, "k": None, "reason": "demo"})

    own = GraphQLClient(stack.development_url, bearer=token(stack, Role.CADRE, cadre_id=cadre))
    assessor = GraphQLClient(stack.development_url, bearer=token(stack, Role.ASSESSOR))
    try:
        mine = await own.execute("{ enrolments { cadreId } }")
        assert mine["enrolments"] == [{"cadreId": cadre}]
        refused = await own.errors(
            "query($c: ID!) { enrolments(cadreId: $c) { id } }", {"c": other}
        )
        assert refused[0]["extensions"]["code"] == "FORBIDDEN"
        nameless = await own.errors("{ enrolments { id } }", bearer=token(stack, Role.CADRE))
        assert nameless[0]["extensions"]["code"] == "FORBIDDEN"
        assert await assessor.execute(
            "query($p: ID!) { enrolments(programmeId: $p) { id } }", {"p": programme}
        )
        denied = await assessor.errors(
            ENROL, {"c": cadre, "p": programme, "k": None, "reason": "no"}
        )
        assert denied[0]["extensions"]["code"] == "FORBIDDEN"
        retrain = await GraphQLClient(
            stack.development_url, bearer=token(stack, Role.TRAINER)
        ).errors("mutation { retrainClustering { id } }")
        assert retrain[0]["extensions"]["code"] == "FORBIDDEN"
    finally:
        await own.aclose()
        await assessor.aclose()
