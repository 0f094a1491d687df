"""Composes the indicator service."""

from services.common.app import ServiceSpec
from services.common.settings import PlatformSettings, get_settings
from services.indicator.adapters.tables import metadata
from services.indicator.entrypoints.graphql import build_schema


def service_spec(settings: PlatformSettings | None = None) -> ServiceSpec:
    settings = settings or get_settings()
    return ServiceSpec(name="indicator", schema=build_schema(settings), metadata=metadata)
