"""The development service's settings: the platform's, plus clustering and model storage."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field

from services.common.settings import PlatformSettings


class DevelopmentSettings(PlatformSettings):
    # Clustering of capability gaps. k is chosen in [k_min, k_max] by silhouette on a sample.
    development_clustering_k_min: int = Field(default=2, ge=2)
    development_clustering_k_max: int = Field(default=10, ge=2)
    development_clustering_fit_sample: int = Field(default=6_000, ge=100)
    development_clustering_silhouette_sample: int = Field(default=3_000, ge=100)
    development_clustering_random_state: int = 42
    development_clustering_min_cadres: int = Field(default=30, ge=3)
    # BLAS/OpenMP threads of the final fit on all vectors; sample fits always run on one thread.
    development_clustering_threads: int = Field(default=1, ge=1)
    # A capability is a common gap at a position level when at least this share of the level's
    # cadres with a score and a target in it are below target, and at least this many are judged.
    development_common_gap_share: float = Field(default=0.7, gt=0, le=1)
    development_common_gap_min_cadres: int = Field(default=10, ge=1)
    # Where fitted models go: unset keeps them in PostgreSQL (bytes); a folder path keeps them as files.
    development_model_folder: str | None = None


@lru_cache
def get_development_settings() -> DevelopmentSettings:
    return DevelopmentSettings()
