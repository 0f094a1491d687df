"""What the development tests share: unique programmes, cadres and events on the real stack."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from schemas.events import CadreRegistered, WeaknessFlagged
from services.common.settings import PlatformSettings
from tests.support import GraphQLClient, TopicReader, eventually, publish, unique

ENROLMENT_FIELDS = """
    id cadreId programmeId cohortId status source capability period reason fullTime offPost waitlistPosition
    cancelReason cancelledBy completedOn attendanceRate resultScore passed evaluationScore evaluationPassed
    returnedToPostAt
"""


def capability() -> str:
    """A capability no other test (nor the demo data) has a programme for."""
    return f"cap_{uuid.uuid4().hex[:12]}"


def in_days(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


async def create_programme(
    client: GraphQLClient,
    *,
    capabilities: list[str],
    kind: str = "camp",
    priority: int = 1,
    full_time: bool = False,
    levels: list[str] | None = None,
    categories: list[str] | None = None,
) -> str:
    programme_id = unique("prog")
    await client.execute(
        "mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }",
        {
            "input": {
                "id": programme_id,
                "name": f"Programme {programme_id}",
                "kind": kind,
                "capabilities": capabilities,
                "priority": priority,
                "fullTime": full_time,
                "positionLevels": levels or [],
                "unitCategories": categories or [],
            }
        },
    )
    return programme_id


async def add_cohort(
    client: GraphQLClient,
    programme_id: str,
    *,
    capacity: int,
    starts_in: int = 30,
    cohort_id: str | None = None,
) -> str:
    data = await client.execute(
        "mutation($input: CohortInput!) { addCohort(input: $input) { id } }",
        {
            "input": {
                "id": cohort_id or unique("cohort"),
                "programmeId": programme_id,
                "name": "Cohort",
                "startsOn": in_days(starts_in),
                "endsOn": in_days(starts_in + 20),
                "capacity": capacity,
            }
        },
    )
    return data["addCohort"]["id"]


def weakness(
    cadre_id: str,
    capability_name: str,
    *,
    period: str = "2025",
    level: str = "deputy",
    category: str = "township",
    score: float = 41.5,
) -> WeaknessFlagged:
    return WeaknessFlagged(
        cadre_id=cadre_id,
        capability=capability_name,
        severity="high",
        period=period,
        score=score,
        threshold=60,
        peer_percentile=8,
        unit_category=category,
        position_level=level,
    )


async def register_cadre(
    settings: PlatformSettings,
    client: GraphQLClient,
    cadre_id: str,
    *,
    level: str = "deputy",
    category: str = "township",
) -> None:
    """Registers a cadre as the indicator service would, and waits until development has it on its roster."""
    await publish(
        settings,
        CadreRegistered(
            cadre_id=cadre_id,
            name=f"Cadre {cadre_id}",
            unit_id=unique("unit"),
            unit_category=category,
            position_level=level,
        ),
        key=cadre_id,
        producer="indicator",
    )

    async def rostered() -> bool:
        data = await client.execute(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Cadre { developmentRosteredAt } } }",
            {"r": [{"__typename": "Cadre", "id": cadre_id}]},
        )
        return data["_entities"][0]["developmentRosteredAt"] is not None

    await eventually(rostered)


async def enrolments_of(client: GraphQLClient, cadre_id: str) -> list[dict]:
    data = await client.execute(
        f"query($c: ID!) {{ enrolments(cadreId: $c) {{ {ENROLMENT_FIELDS} }} }}", {"c": cadre_id}
    )
    return data["enrolments"]


def payload_of(cadre_id: str, event_type: str):
    """A TopicReader predicate: the first message of that type about that cadre."""
    return lambda value, headers: (
        value.get("event_type") == event_type and value["payload"]["cadre_id"] == cadre_id
    )


async def collect(
    reader: TopicReader, event_type: str, cadre_ids: list[str], timeout: float = 15
) -> dict[str, dict]:
    """Waits for one message of that type about each cadre, whatever order they arrive in."""
    found: dict[str, dict] = {}

    def match(value: dict, headers: dict) -> bool:
        cadre_id = value.get("payload", {}).get("cadre_id")
        if value.get("event_type") == event_type and cadre_id in cadre_ids:
            found.setdefault(cadre_id, value)
        return len(found) == len(cadre_ids)

    await reader.wait_for(match, timeout)
    return found


async def handled_after(
    settings: PlatformSettings, client: GraphQLClient, reader: TopicReader, cadre_id: str
) -> None:
    """Returns once every finding published so far about the cadre has been handled.

    It publishes one more finding, for a programme of its own, with the same key (so on the same
    partition of the findings topic, behind the others) and waits for its enrolment.
    """
    gap = capability()
    await add_cohort(client, await create_programme(client, capabilities=[gap]), capacity=1)
    await publish(settings, weakness(cadre_id, gap), key=cadre_id, producer="scoring")
    await reader.wait_for(
        lambda v, h: (
            payload_of(cadre_id, "EnrolmentCreated")(v, h) and v["payload"]["capability"] == gap
        )
    )
