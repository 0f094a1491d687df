"""Composes the development service."""

from services.common.app import ServiceSpec
from services.common.settings import PlatformSettings
from services.development.adapters.tables import metadata
from services.development.entrypoints.consumers import subscription
from services.development.entrypoints.graphql import build_schema
from services.development.settings import get_development_settings


def service_spec(settings: PlatformSettings | None = None) -> ServiceSpec:
    settings = settings or get_development_settings()
    return ServiceSpec(
        name="development",
        schema=build_schema(settings),
        metadata=metadata,
        subscription=subscription(),
    )
