"""Composes the indicator service: the one place its dependencies are chosen.

`bootstrap(...)` builds the service from a unit-of-work factory and a factory of read access;
tests call it with in-memory fakes. `service_spec()` builds the real one on PostgreSQL: the
database engine exists only once the app has started, so the factories bind to it then.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from schemas.envelope import EventPayload
from services.common.app import Platform, ServiceSpec
from services.common.settings import PlatformSettings
from services.common.sheet_worker import start_reader
from services.indicator.adapters.catalogue_queries import catalogue_queries
from services.indicator.adapters.tables import metadata
from services.indicator.entrypoints.consumers import subscription
from services.indicator.entrypoints.graphql.schema import build_schema
from services.indicator.service_layer.handlers import EVENT_HANDLERS, EventHandler
from services.indicator.service_layer.unit_of_work import (
    CatalogueReads,
    IndicatorUnitOfWork,
    SqlIndicatorUnitOfWork,
)
from services.indicator.settings import IndicatorSettings, get_indicator_settings


@dataclass(frozen=True)
class IndicatorService:
    """What resolvers and consumers run against."""

    settings: IndicatorSettings
    unit_of_work: Callable[[], IndicatorUnitOfWork]
    reads: Callable[[], AbstractAsyncContextManager[CatalogueReads]]
    event_handlers: Mapping[type[EventPayload], EventHandler]


def bootstrap(
    unit_of_work: Callable[[], IndicatorUnitOfWork],
    reads: Callable[[], AbstractAsyncContextManager[CatalogueReads]],
    settings: IndicatorSettings | None = None,
    event_handlers: Mapping[type[EventPayload], EventHandler] = EVENT_HANDLERS,
) -> IndicatorService:
    return IndicatorService(
        settings=settings or get_indicator_settings(),
        unit_of_work=unit_of_work,
        reads=reads,
        event_handlers=event_handlers,
    )


class _Database:
    """The running platform's sessions, known once the app has started."""

    def __init__(self) -> None:
        self._platform: Platform | None = None

    async def bind(self, platform: Platform) -> None:
        self._platform = platform

    def _sessions(self):
        if self._platform is None or self._platform.session_factory is None:
            raise RuntimeError("the indicator service has not started: no database yet")
        return self._platform.session_factory

    def unit_of_work(self) -> IndicatorUnitOfWork:
        return SqlIndicatorUnitOfWork(self._sessions())

    def reads(self) -> AbstractAsyncContextManager[CatalogueReads]:
        return catalogue_queries(self._sessions())


def _started(database: _Database) -> Callable[[Platform], Awaitable[None]]:
    async def started(platform: Platform) -> None:
        await database.bind(platform)
        # Catalogue files are read in a child process; its fork server starts with the service.
        start_reader()

    return started


def _indicator_settings(settings: PlatformSettings | None) -> IndicatorSettings:
    if settings is None:
        return get_indicator_settings()
    if isinstance(settings, IndicatorSettings):
        return settings
    return IndicatorSettings(**settings.model_dump())


def service_spec(settings: PlatformSettings | None = None) -> ServiceSpec:
    indicator_settings = _indicator_settings(settings)
    database = _Database()
    service = bootstrap(database.unit_of_work, database.reads, indicator_settings)
    return ServiceSpec(
        name="indicator",
        schema=build_schema(indicator_settings, service),
        metadata=metadata,
        subscription=subscription(service.event_handlers),
        on_started=_started(database),
    )
