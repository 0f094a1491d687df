"""Composes the scoring service."""

from schemas import topics
from services.common.app import ServiceSpec, Subscription
from services.common.roster import RosterHandlers
from services.common.settings import PlatformSettings, get_settings
from services.scoring.adapters.tables import metadata
from services.scoring.entrypoints.graphql import build_schema


def service_spec(settings: PlatformSettings | None = None) -> ServiceSpec:
    settings = settings or get_settings()
    handlers = {**RosterHandlers(metadata).handlers()}
    return ServiceSpec(
        name="scoring",
        schema=build_schema(settings),
        metadata=metadata,
        subscription=Subscription(topics=[topics.UNITS], handlers=handlers),
    )
