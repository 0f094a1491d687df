"""Builds a service: its Starlette app, database, Kafka producer, outbox relay and consumers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
import strawberry
from aiokafka import AIOKafkaProducer
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from schemas.envelope import EventPayload
from services.common import migrations
from services.common.auth import TokenVerifier
from services.common.consumer import BatchHandler, ConsumerRunner, Handler
from services.common.db import database_ssl, make_engine, make_session_factory
from services.common.graphql import SubgraphEndpoint
from services.common.kafka import make_producer
from services.common.limits import MAX_BODY_BYTES
from services.common.log import configure_logging
from services.common.middleware import (
    AuthenticationMiddleware,
    CorrelationMiddleware,
    MetricsMiddleware,
)
from services.common.outbox_relay import OutboxRelay
from services.common.personal_data.store import PostgresAccessLog
from services.common.request_guard import RequestGuardMiddleware
from services.common.settings import PlatformSettings, get_settings
from services.common.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


@dataclass
class Subscription:
    """A consumer group's topics and the handler of each event type it reacts to.

    `batch_handlers` take all new events of their type in a consumed batch at once (high-volume
    feeds); `batch_size` overrides the platform's consumer batch size for this group.
    """

    topics: list[str]
    handlers: dict[type[EventPayload], Handler]
    batch_handlers: dict[type[EventPayload], BatchHandler] = field(default_factory=dict)
    batch_size: int | None = None


@dataclass
class ServiceSpec:
    name: str
    schema: strawberry.federation.Schema
    metadata: sa.MetaData
    subscription: Subscription | None = None
    on_started: Callable[[Platform], Awaitable[None]] | None = None


@dataclass
class Platform:
    """What handlers and resolvers of one service need at run time."""

    name: str
    settings: PlatformSettings
    metadata: sa.MetaData
    engine: sa.ext.asyncio.AsyncEngine = None
    session_factory: sa.ext.asyncio.async_sessionmaker = None
    producer: AIOKafkaProducer | None = None
    consumer: ConsumerRunner | None = None
    tasks: dict[str, asyncio.Task] = field(default_factory=dict)

    @property
    def outbox(self) -> sa.Table:
        return self.metadata.tables["outbox"]

    @property
    def processed(self) -> sa.Table:
        return self.metadata.tables["processed_events"]

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory, self.name, self.outbox)

    @property
    def access_log(self) -> PostgresAccessLog:
        return PostgresAccessLog(self.engine)

    @property
    def database_url(self) -> str:
        return self.settings.database_url(self.name)


async def _supervise(name: str, run: Callable[[], Awaitable[None]]) -> None:
    """Keeps a background loop alive: a crash is logged and the loop restarts with backoff."""
    backoff = 0.5
    while True:
        try:
            await run()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception(
                "background task crashed; restarting", extra={"task": name, "retry_in_s": backoff}
            )
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 15.0)


async def _start_producer(settings: PlatformSettings, client_id: str) -> AIOKafkaProducer:
    deadline = asyncio.get_running_loop().time() + 60
    while True:
        producer = make_producer(settings, client_id)
        try:
            await producer.start()
            return producer
        except Exception as error:
            await producer.stop()
            if asyncio.get_running_loop().time() > deadline:
                raise RuntimeError(
                    f"Kafka unreachable at {settings.kafka_bootstrap_servers}: {error}"
                ) from error
            log.warning("waiting for Kafka", extra={"error": str(error)})
            await asyncio.sleep(1)


@contextlib.asynccontextmanager
async def running(platform: Platform, spec: ServiceSpec) -> AsyncIterator[Platform]:
    """Starts everything the service needs, and stops it in reverse order."""
    settings = platform.settings
    await asyncio.to_thread(migrations.upgrade, spec.name, platform.database_url, settings)
    platform.engine = make_engine(platform.database_url, settings.database_pool_size, settings)
    platform.session_factory = make_session_factory(platform.engine)
    platform.producer = await _start_producer(settings, f"{spec.name}-producer")
    relay = OutboxRelay(
        spec.name,
        platform.database_url,
        platform.producer,
        settings.outbox_batch_size,
        settings.outbox_poll_seconds,
        ssl=database_ssl(settings),
    )
    platform.tasks["outbox-relay"] = asyncio.create_task(_supervise("outbox-relay", relay.run))
    if spec.subscription:
        platform.consumer = ConsumerRunner(
            service=spec.name,
            group=spec.name,
            topics=spec.subscription.topics,
            handlers=spec.subscription.handlers,
            batch_handlers=spec.subscription.batch_handlers,
            session_factory=platform.session_factory,
            outbox=platform.outbox,
            processed=platform.processed,
            producer=platform.producer,
            bootstrap_servers=settings,
            batch_size=spec.subscription.batch_size or settings.consumer_batch_size,
            max_retries=settings.consumer_max_retries,
            retry_base_seconds=settings.consumer_retry_base_seconds,
        )
        platform.tasks["consumer"] = asyncio.create_task(
            _supervise("consumer", platform.consumer.run)
        )
    if spec.on_started:
        await spec.on_started(platform)
    try:
        yield platform
    finally:
        for task in platform.tasks.values():
            task.cancel()
        await asyncio.gather(*platform.tasks.values(), return_exceptions=True)
        await platform.producer.stop()
        await platform.engine.dispose()


def create_app(spec: ServiceSpec, settings: PlatformSettings | None = None) -> Starlette:
    settings = settings or get_settings()
    configure_logging(spec.name, settings.log_level)
    platform = Platform(name=spec.name, settings=settings, metadata=spec.metadata)

    async def healthz(request: Request) -> Response:
        dead = [name for name, task in platform.tasks.items() if task.done()]
        if dead:
            return JSONResponse({"status": "failing", "stopped": dead}, status_code=503)
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        checks = await _readiness(platform)
        ready = all(value == "ok" for value in checks.values())
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    async def metrics(request: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with running(platform, spec):
            yield

    app = Starlette(
        routes=[
            Route(
                "/graphql",
                SubgraphEndpoint(spec.schema, settings, platform),
                methods=["GET", "POST"],
            ),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
        ],
        lifespan=lifespan,
    )
    # Starlette runs the middleware added last first: the token is checked before the body is read,
    # and CORS answers preflights before the token check would refuse them.
    app.add_middleware(
        RequestGuardMiddleware, max_body_bytes=MAX_BODY_BYTES, allow_ide=settings.development_mode
    )
    app.add_middleware(
        AuthenticationMiddleware,
        verifier=TokenVerifier(settings),
        allow_ide=settings.development_mode,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["POST"],
            allow_headers=["authorization", "content-type", "x-correlation-id"],
            allow_credentials=True,
        )
    app.add_middleware(MetricsMiddleware, service=spec.name)
    app.add_middleware(CorrelationMiddleware)
    app.state.platform = platform
    return app


async def _readiness(platform: Platform) -> dict[str, str]:
    checks: dict[str, str] = {}
    try:
        async with platform.engine.connect() as connection:
            await asyncio.wait_for(connection.execute(sa.text("SELECT 1")), 2)
        checks["database"] = "ok"
    except Exception as error:
        checks["database"] = f"unreachable: {type(error).__name__}"
    try:
        await asyncio.wait_for(platform.producer.client.fetch_all_metadata(), 2)
        checks["kafka"] = "ok"
    except Exception as error:
        checks["kafka"] = f"unreachable: {type(error).__name__}"
    if platform.consumer is not None:
        checks["consumer"] = "ok" if platform.consumer.ready.is_set() else "not running"
    return checks
