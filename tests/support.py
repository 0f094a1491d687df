"""What the tests share: the stack's settings, clients for GraphQL and Kafka, waiting, and the
lock that keeps scoring's assessment settings still while a test depends on them.

Tests talk to the real components of a running stack (`make test` starts the `test` stack and
exports its environment). A component that is not reachable fails the test with its name.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlparse

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from schemas.envelope import Envelope, EventPayload
from services.common.auth import Role, mint_token
from services.common.kafka import connection_options, envelope_headers
from services.common.settings import PlatformSettings


def stack_settings() -> PlatformSettings:
    return PlatformSettings()


def require_port(what: str, host: str, port: int) -> None:
    try:
        with socket.create_connection((host, port), timeout=2):
            return
    except OSError as error:
        raise AssertionError(
            f"{what} is not reachable at {host}:{port} ({error}); start the stack with `make test` "
            f"or `make up`, or export its environment with `python3 scripts/stack.py env`"
        ) from None


def require_url(what: str, url: str) -> None:
    parsed = urlparse(url)
    require_port(what, parsed.hostname or "127.0.0.1", parsed.port or 80)


def require_stack(settings: PlatformSettings) -> None:
    host, _, port = settings.kafka_bootstrap_servers.split(",")[0].rpartition(":")
    require_port("Kafka", host, int(port))
    for service in ("indicator", "scoring", "development"):
        require_url(
            f"PostgreSQL ({service} database)",
            settings.database_url(service).replace("+asyncpg", ""),
        )
        require_url(f"the {service} service", settings.service_url(service))
    require_url("the gateway", settings.gateway_url)


def token(settings: PlatformSettings, role: Role | str, **claims: Any) -> str:
    return mint_token(settings, role, **claims)


class GraphQLClient:
    """Posts GraphQL to one endpoint (the gateway or a subgraph) over a real socket."""

    def __init__(self, url: str, bearer: str | None = None, timeout: float = 30):
        self.url = url if url.endswith("/graphql") else url.rstrip("/") + "/graphql"
        self.bearer = bearer
        self._client = httpx.AsyncClient(timeout=timeout)

    async def post(
        self,
        query: str,
        variables: dict | None = None,
        bearer: str | None = ...,
        headers: dict | None = None,
    ) -> httpx.Response:
        bearer = self.bearer if bearer is ... else bearer
        headers = {
            "content-type": "application/json",
            "accept": "application/json",
            **(headers or {}),
        }
        if bearer:
            headers["authorization"] = f"Bearer {bearer}"
        return await self._client.post(
            self.url, json={"query": query, "variables": variables or {}}, headers=headers
        )

    async def execute(
        self, query: str, variables: dict | None = None, bearer: str | None = ...
    ) -> dict:
        """Returns `data`; fails the test on any GraphQL error."""
        response = await self.post(query, variables, bearer)
        body = response.json()
        assert response.status_code == 200 and not body.get("errors"), (
            f"{response.status_code}: {body}"
        )
        return body["data"]

    async def errors(
        self, query: str, variables: dict | None = None, bearer: str | None = ...
    ) -> list[dict]:
        """Returns the errors of a request expected to fail."""
        response = await self.post(query, variables, bearer)
        body = response.json()
        assert body.get("errors"), f"expected errors, got {response.status_code}: {body}"
        return body["errors"]

    async def aclose(self) -> None:
        await self._client.aclose()


async def eventually(
    check: Callable[[], Awaitable[Any]], timeout: float = 15, interval: float = 0.1
) -> Any:
    """Retries `check` until it returns a truthy value; fails with the last result or error."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while True:
        try:
            last = await check()
            if last:
                return last
        except AssertionError as error:
            last = error
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s; last result: {last!r}")
        await asyncio.sleep(interval)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def publish(
    settings: PlatformSettings,
    payload: EventPayload,
    key: str,
    producer: str = "tests",
    envelope: Envelope | None = None,
) -> Envelope:
    """Publishes one event exactly as a service's outbox relay would (`envelope`: send that one again)."""
    envelope = envelope or Envelope.wrap(payload, producer=producer, correlation_id=unique("test"))
    return (await publish_many(settings, [(payload, key)], envelopes=[envelope]))[0]


async def publish_many(
    settings: PlatformSettings,
    events: list[tuple[EventPayload, str]],
    producer: str = "tests",
    envelopes: list[Envelope] | None = None,
) -> list[Envelope]:
    """Publishes many (payload, key) events through one producer, each as an outbox relay would."""
    envelopes = envelopes or [
        Envelope.wrap(payload, producer=producer, correlation_id=unique("test"))
        for payload, _ in events
    ]
    kafka = AIOKafkaProducer(**connection_options(settings), enable_idempotence=True)
    await kafka.start()
    try:
        for (payload, key), envelope in zip(events, envelopes):
            await kafka.send(
                payload.topic,
                value=envelope.model_dump_json().encode(),
                key=key.encode(),
                headers=envelope_headers(envelope),
            )
        await kafka.flush()
    finally:
        await kafka.stop()
    return envelopes


async def publish_raw(
    settings: PlatformSettings, topic: str, value: bytes, key: bytes | None = None
) -> None:
    kafka = AIOKafkaProducer(**connection_options(settings))
    await kafka.start()
    try:
        await kafka.send_and_wait(topic, value=value, key=key)
    finally:
        await kafka.stop()


class TopicReader:
    """Reads a topic from the offsets it had when the reader was opened (no consumer group)."""

    def __init__(self, settings: PlatformSettings, topic: str):
        self.settings = settings
        self.topic = topic
        self._consumer: AIOKafkaConsumer | None = None

    async def __aenter__(self) -> TopicReader:
        self._consumer = AIOKafkaConsumer(
            self.topic,
            **connection_options(self.settings),
            enable_auto_commit=False,
        )
        await self._consumer.start()
        deadline = time.monotonic() + 10
        while not self._consumer.assignment():
            if time.monotonic() > deadline:
                await self._consumer.stop()
                raise AssertionError(
                    f"topic {self.topic} has no partitions on {self.settings.kafka_bootstrap_servers}"
                )
            await asyncio.sleep(0.05)
        await self._consumer.seek_to_end()
        for partition in self._consumer.assignment():
            await self._consumer.position(partition)  # resolve "end" now, not at the first fetch
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self._consumer.stop()

    async def wait_for(
        self, predicate: Callable[[dict, dict], bool], timeout: float = 15
    ) -> tuple[dict, dict]:
        """The first message (envelope dict, headers dict) matching `predicate`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            batches = await self._consumer.getmany(timeout_ms=200)
            for records in batches.values():
                for record in records:
                    headers = {k: v.decode() for k, v in record.headers or ()}
                    try:
                        value = json.loads(record.value)
                    except ValueError:
                        value = {"raw": record.value.decode(errors="replace")}
                    if predicate(value, headers):
                        return value, headers
        raise AssertionError(f"no matching message on {self.topic} within {timeout}s")


async def database(settings: PlatformSettings, service: str):
    """A raw asyncpg connection to one service's database (close it when done)."""
    import asyncpg

    from services.common.db import asyncpg_dsn, database_ssl

    return await asyncpg.connect(
        asyncpg_dsn(settings.database_url(service)), ssl=database_ssl(settings)
    )


# Any fixed number will do; it names the advisory lock the tests take on scoring's one settings row.
ASSESSMENT_SETTINGS_LOCK = 7_302_118
_SETTINGS_LOCK_WAIT = "120s"
_NESTED_SETTINGS = {
    "weights": "{ work area own daily annual term }",
    "schemeWeights": "{ schemeCode weights { work area own daily annual term } }",
    "contradictions": "{ name spendingIndicator satisfactionIndicator }",
}
CONFIGURE_ASSESSMENT = (
    "mutation($c: AssessmentSettingsChanges!) { configureAssessment(changes: $c) { __typename } }"
)


@asynccontextmanager
async def assessment_settings_lock(
    settings: PlatformSettings, *, exclusive: bool
) -> AsyncIterator[None]:
    """Holds the tests' advisory lock on the settings row: shared to read, exclusive to change.

    The lock belongs to its own connection, so a test process that dies releases it.
    """
    import asyncpg

    conn = await database(settings, "scoring")
    try:
        await conn.execute(f"SET lock_timeout = '{_SETTINGS_LOCK_WAIT}'")
        take = "pg_advisory_lock" if exclusive else "pg_advisory_lock_shared"
        try:
            await conn.execute(f"SELECT {take}($1)", ASSESSMENT_SETTINGS_LOCK)
        except asyncpg.exceptions.LockNotAvailableError as error:
            raise AssertionError(
                f"the assessment settings lock ({'exclusive' if exclusive else 'shared'}) was not "
                f"granted within {_SETTINGS_LOCK_WAIT}: another test process holds it ({error})"
            ) from None
        yield
    finally:
        await conn.close()


async def read_assessment_settings(client: GraphQLClient, names: list[str]) -> dict:
    """The named settings (GraphQL names) as `configureAssessment` takes them back."""
    selection = " ".join(f"{name} {_NESTED_SETTINGS.get(name, '')}" for name in names)
    return (await client.execute(f"{{ assessmentSettings {{ {selection} }} }}"))[
        "assessmentSettings"
    ]


class AssessmentSettingsChange:
    """Changes settings for one test and puts back what it changed (see the fixture)."""

    def __init__(self, client: GraphQLClient):
        self.client = client
        self.before: dict = {}

    async def __call__(self, changes: dict) -> dict:
        """Applies `changes` (GraphQL names); returns the settings as they were before."""
        if fresh := [name for name in changes if name not in self.before]:
            self.before.update(await read_assessment_settings(self.client, fresh))
        await self.client.execute(CONFIGURE_ASSESSMENT, {"c": changes})
        return {name: self.before[name] for name in changes}

    async def restore(self) -> None:
        if not self.before:
            return
        await self.client.execute(CONFIGURE_ASSESSMENT, {"c": self.before})
        after = await read_assessment_settings(self.client, list(self.before))
        assert after == self.before, f"settings not restored: {after} instead of {self.before}"
