"""The indicator service's settings: the platform's, plus the size of catalogue files it accepts."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field

from services.common.settings import PlatformSettings


class IndicatorSettings(PlatformSettings):
    # Files travel base64-encoded inside a GraphQL request; larger ones are refused before decoding.
    indicator_max_file_bytes: int = Field(default=64 * 1024 * 1024, ge=1024)


@lru_cache
def get_indicator_settings() -> IndicatorSettings:
    return IndicatorSettings()
