"""The indicator service's settings: the platform's, plus the size of catalogue files it accepts."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field

from services.common.limits import MAX_FILE_BYTES
from services.common.settings import PlatformSettings


class IndicatorSettings(PlatformSettings):
    # Files travel base64-encoded inside a GraphQL request; larger ones are refused before decoding.
    # The platform's edge limit (services.common.limits) is the ceiling: a larger file never arrives.
    indicator_max_file_bytes: int = Field(default=MAX_FILE_BYTES, ge=1024, le=MAX_FILE_BYTES)


@lru_cache
def get_indicator_settings() -> IndicatorSettings:
    return IndicatorSettings()
