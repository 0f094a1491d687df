"""Composes the scoring service."""

from services.common.app import ServiceSpec
from services.common.settings import PlatformSettings, get_settings
from services.scoring.adapters.tables import metadata
from services.scoring.entrypoints.consumers import subscription
from services.scoring.entrypoints.graphql.schema import build_schema


def service_spec(settings: PlatformSettings | None = None) -> ServiceSpec:
    settings = settings or get_settings()
    return ServiceSpec(
        name="scoring",
        schema=build_schema(settings),
        metadata=metadata,
        subscription=subscription(),
    )
