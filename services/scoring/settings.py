"""The scoring service's settings: the platform's, plus the size of the feed's consumer batches.

(The assessment settings an admin edits, such as the weakness threshold, are data of the domain:
domain/settings.py, not configuration.)
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field

from services.common.settings import PlatformSettings


class ScoringSettings(PlatformSettings):
    # The feed is the high-volume topic: bigger batches mean fewer round trips per observation.
    scoring_feed_batch_size: int = Field(default=5000, ge=1)


@lru_cache
def get_scoring_settings() -> ScoringSettings:
    return ScoringSettings()
