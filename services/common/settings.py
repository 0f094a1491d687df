"""Settings from environment variables, with defaults that work against the local `dev` stack."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SERVICE_NAMES = ("indicator", "scoring", "development")
LOCAL_JWT_SECRET = "local-development-secret-not-for-production-use"


def _local_database_url(service: str) -> str:
    return f"postgresql+asyncpg://{service}:{service}@127.0.0.1:4032/{service}"


class PlatformSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    app_env: Literal["development", "production"] = "development"
    log_level: str = "INFO"

    kafka_bootstrap_servers: str = "127.0.0.1:4092"
    # Transport to Kafka (services/common/kafka.py turns these into client options): PLAINTEXT on a
    # developer's machine, SASL_SSL with SCRAM-SHA-512 and the cluster's CA in production.
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: Literal["SCRAM-SHA-512", "SCRAM-SHA-256"] = "SCRAM-SHA-512"
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: str | None = None

    indicator_database_url: str = _local_database_url("indicator")
    scoring_database_url: str = _local_database_url("scoring")
    development_database_url: str = _local_database_url("development")
    database_pool_size: int = Field(default=10, ge=1)
    # Transport to PostgreSQL (services/common/db.py): unset means verify-full in production (the
    # server's certificate must chain to DATABASE_SSLROOTCERT, else to the system's CAs, and name
    # the host) and asyncpg's `prefer` in development.
    database_sslmode: (
        Literal["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] | None
    ) = None
    database_sslrootcert: str | None = None

    indicator_url: str = "http://127.0.0.1:4001"
    scoring_url: str = "http://127.0.0.1:4002"
    development_url: str = "http://127.0.0.1:4003"
    gateway_url: str = "http://127.0.0.1:4000/graphql"

    jwt_algorithm: Literal["HS256", "RS256"] = "HS256"
    jwt_secret: str = LOCAL_JWT_SECRET
    jwt_public_key: str | None = None
    jwt_jwks_url: str | None = None
    jwt_issuer: str = "cadre-platform"
    jwt_audience: str = "cadre-platform"
    # People's tokens from an OpenID Connect provider (docs/identity.md): RS256, verified against
    # its JWKS and mapped to platform claims; the platform's own tokens above stay accepted.
    oidc_issuer: str | None = None
    oidc_audience: str = "cadre-platform-api"
    oidc_jwks_url: str | None = None
    oidc_claim_mapping: str = ""
    # A token with an unknown key id makes the JWKS be fetched again, at most this often, so that
    # forged key ids cannot turn every request into a call to the provider.
    oidc_jwks_refetch_seconds: float = Field(default=5.0, ge=0, le=300)

    service_host: str = "127.0.0.1"
    service_port: int | None = None

    graphql_max_depth: int = 12
    graphql_max_aliases: int = 15
    graphql_max_tokens: int = 2000
    # Browser origins allowed to call with credentials, comma-separated; empty: none (the console
    # is served from the gateway's own origin and needs no CORS).
    cors_allowed_origins: str = ""
    # How far in the future a token's `iat` may lie (clock skew between issuer and platform).
    jwt_leeway_seconds: int = Field(default=30, ge=0, le=300)

    outbox_poll_seconds: float = 1.0
    outbox_batch_size: int = 500
    consumer_batch_size: int = 500
    consumer_max_retries: int = 3
    consumer_retry_base_seconds: float = 0.05

    @model_validator(mode="after")
    def _no_public_secret_in_production(self) -> PlatformSettings:
        if (
            self.app_env == "production"
            and self.jwt_algorithm == "HS256"
            and self.jwt_secret == LOCAL_JWT_SECRET
        ):
            raise ValueError(
                "APP_ENV=production with HS256 needs JWT_SECRET: the built-in secret is public"
            )
        return self

    @model_validator(mode="after")
    def _provider_needs_its_keys(self) -> PlatformSettings:
        if self.oidc_issuer and not self.oidc_jwks_url:
            raise ValueError(
                "OIDC_ISSUER needs OIDC_JWKS_URL: the provider's keys verify its tokens"
            )
        return self

    @property
    def database_sslmode_in_effect(self) -> str:
        if self.database_sslmode is not None:
            return self.database_sslmode
        return "verify-full" if self.app_env == "production" else "prefer"

    @property
    def cors_origins(self) -> tuple[str, ...]:
        return tuple(o.strip() for o in self.cors_allowed_origins.split(",") if o.strip())

    @property
    def development_mode(self) -> bool:
        return self.app_env == "development"

    def database_url(self, service: str) -> str:
        if service not in SERVICE_NAMES:
            raise ValueError(f"unknown service {service!r}; expected one of {SERVICE_NAMES}")
        return getattr(self, f"{service}_database_url")

    def service_url(self, service: str) -> str:
        return getattr(self, f"{service}_url")


@lru_cache
def get_settings() -> PlatformSettings:
    return PlatformSettings()
