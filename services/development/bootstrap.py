"""Composes the development service."""

from schemas import topics
from services.common.app import ServiceSpec, Subscription
from services.common.roster import RosterHandlers
from services.common.settings import PlatformSettings, get_settings
from services.development.adapters.tables import metadata
from services.development.entrypoints.graphql import build_schema


def service_spec(settings: PlatformSettings | None = None) -> ServiceSpec:
    settings = settings or get_settings()
    handlers = {**RosterHandlers(metadata).handlers()}
    return ServiceSpec(
        name="development",
        schema=build_schema(settings),
        metadata=metadata,
        subscription=Subscription(topics=[topics.UNITS], handlers=handlers),
    )
