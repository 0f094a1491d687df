"""Composes the development service: the one place its dependencies are put together.

`bootstrap(...)` takes a unit-of-work factory (PostgreSQL in the service, in-memory fakes in the
unit tests) and returns the composed service that resolvers and the retrain job work through;
`service_spec(...)` is what services.common.app runs: the schema, tables and consumer group.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Concatenate, ParamSpec, TypeVar

from services.common.app import Platform, ServiceSpec
from services.common.settings import PlatformSettings
from services.common.unit_of_work import UnitOfWork
from services.development.adapters.skops_files import ModelStore as SkopsModelStore
from services.development.adapters.tables import metadata, outbox
from services.development.service_layer.clustering_runs import ModelStore, run_clustering
from services.development.service_layer.handlers import EVENT_HANDLERS, Batched, EventHandler
from services.development.service_layer.unit_of_work import DevelopmentUnitOfWork, SqlUnitOfWork
from services.development.settings import DevelopmentSettings, get_development_settings

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Development:
    """The service composed: how to open a unit of work, where models go, and the handler table."""

    unit_of_work: Callable[[], DevelopmentUnitOfWork]
    settings: DevelopmentSettings
    model_store: ModelStore
    event_handlers: Mapping[type, EventHandler | Batched] = field(
        default_factory=lambda: EVENT_HANDLERS
    )

    async def execute(
        self,
        command: Callable[Concatenate[DevelopmentUnitOfWork, P], Awaitable[T]],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Runs a command handler in a unit of work of its own: all of it commits, or none."""
        async with self.unit_of_work() as uow:
            return await command(uow, *args, **kwargs)

    async def handle(self, *events: Any) -> None:
        """Handles events of one type as the consumer would, in one unit of work."""
        handler = self.event_handlers[type(events[0])]
        async with self.unit_of_work() as uow:
            if isinstance(handler, Batched):
                await handler.handle(uow, list(events))
            else:
                for event in events:
                    await handler(uow, event)

    async def retrain_clustering(self, period: str | None, requested_by: str) -> str:
        return await run_clustering(
            self.unit_of_work, self.settings, self.model_store, period, requested_by
        )


def bootstrap(
    unit_of_work: Callable[[], DevelopmentUnitOfWork],
    settings: DevelopmentSettings | None = None,
    model_store: ModelStore | None = None,
) -> Development:
    settings = settings or get_development_settings()
    return Development(
        unit_of_work=unit_of_work,
        settings=settings,
        model_store=model_store or SkopsModelStore(settings.development_model_folder),
    )


def _development_settings(settings: PlatformSettings) -> DevelopmentSettings:
    return settings if isinstance(settings, DevelopmentSettings) else get_development_settings()


def for_platform(platform: Platform) -> Development:
    """The service on a running platform's database (its outbox takes the events)."""
    return bootstrap(
        lambda: SqlUnitOfWork(platform.unit_of_work()), _development_settings(platform.settings)
    )


def for_session_factory(session_factory: Any, settings: DevelopmentSettings) -> Development:
    """The service outside the web process (the retrain job, the seed)."""
    return bootstrap(
        lambda: SqlUnitOfWork(UnitOfWork(session_factory, "development", outbox)), settings
    )


def service_spec(settings: PlatformSettings | None = None) -> ServiceSpec:
    # Imported here: the entry points work through this module's composition, so they import it.
    from services.development.entrypoints.consumers import subscription
    from services.development.entrypoints.graphql.schema import build_schema

    settings = settings or get_development_settings()
    return ServiceSpec(
        name="development",
        schema=build_schema(settings),
        metadata=metadata,
        subscription=subscription(EVENT_HANDLERS, SqlUnitOfWork.joining),
    )
