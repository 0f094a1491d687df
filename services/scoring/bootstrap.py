"""Composes the scoring service: the one place its dependencies are chosen.

`bootstrap(...)` builds the service from a unit-of-work factory and the table of event handlers;
tests call it with in-memory fakes (tests/unit/scoring/fakes.py). `service_spec()` builds the real
one on PostgreSQL for `services.common.app`: the schema, the tables and the consumer subscription.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from schemas.envelope import EventPayload
from services.common.app import Platform, ServiceSpec
from services.common.settings import PlatformSettings
from services.common.sheet_worker import start_reader
from services.scoring.adapters.tables import metadata
from services.scoring.entrypoints.consumers import subscription
from services.scoring.entrypoints.graphql.schema import build_schema
from services.scoring.service_layer.handlers import EVENT_HANDLERS, EventHandler
from services.scoring.service_layer.unit_of_work import ScoringUnitOfWork
from services.scoring.settings import ScoringSettings, get_scoring_settings


@dataclass(frozen=True)
class ScoringService:
    """What resolvers and consumers run against."""

    settings: ScoringSettings
    unit_of_work: Callable[[], ScoringUnitOfWork]
    event_handlers: Mapping[type[EventPayload], EventHandler]

    async def handle(self, event: EventPayload, envelope: object) -> object:
        """Handles one consumed event in a unit of work of its own (as the consumer would)."""
        async with self.unit_of_work() as uow:
            return await self.event_handlers[type(event)](uow, event, envelope)


def bootstrap(
    unit_of_work: Callable[[], ScoringUnitOfWork],
    settings: ScoringSettings | None = None,
    event_handlers: Mapping[type[EventPayload], EventHandler] = EVENT_HANDLERS,
) -> ScoringService:
    return ScoringService(
        settings=settings or get_scoring_settings(),
        unit_of_work=unit_of_work,
        event_handlers=event_handlers,
    )


def _scoring_settings(settings: PlatformSettings | None) -> ScoringSettings:
    if settings is None:
        return get_scoring_settings()
    if isinstance(settings, ScoringSettings):
        return settings
    return ScoringSettings(**settings.model_dump())


async def _start_reader(platform: Platform) -> None:
    # Observation files are read in a child process; its fork server starts with the service.
    start_reader()


def service_spec(settings: PlatformSettings | None = None) -> ServiceSpec:
    scoring = _scoring_settings(settings)
    return ServiceSpec(
        name="scoring",
        schema=build_schema(scoring),
        metadata=metadata,
        subscription=subscription(scoring, EVENT_HANDLERS),
        on_started=_start_reader,
    )
