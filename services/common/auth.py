"""JWT authentication and roles, checked by the gateway and again by every subgraph."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

import anyio.to_thread
import jwt

from services.common.claim_mapping import ClaimMapping, ClaimMappingError
from services.common.errors import (
    AuthenticationFailed,
    IdentityProviderUnavailable,
    PermissionDenied,
)
from services.common.settings import PlatformSettings


class Role(str, Enum):  # noqa: UP042 (kept as a str mixin: its str() is part of existing log lines)
    ADMIN = "admin"  # organisation department
    ASSESSOR = "assessor"
    UNIT_REPORTER = "unit_reporter"  # only their own unit
    CADRE = "cadre"  # only their own records
    TRAINER = "trainer"  # programmes and enrolments
    PUBLIC_EVALUATOR = "public_evaluator"  # submits satisfaction only


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role
    unit_id: str | None = None
    cadre_id: str | None = None

    def require_role(self, *roles: Role) -> None:
        if self.role not in roles:
            allowed = ", ".join(r.value for r in roles)
            raise PermissionDenied(f"role {self.role.value!r} may not do this (allowed: {allowed})")

    def require_unit(self, unit_id: str) -> None:
        """Unit reporters act for their own unit only; other roles are checked elsewhere."""
        if self.role is Role.UNIT_REPORTER and self.unit_id != unit_id:
            raise PermissionDenied(
                f"a unit reporter of unit {self.unit_id!r} may not act for unit {unit_id!r}"
            )

    def require_cadre(self, cadre_id: str) -> None:
        """Cadres see their own records only."""
        if self.role is Role.CADRE and self.cadre_id != cadre_id:
            raise PermissionDenied("a cadre may only see their own records")


class TokenVerifier:
    """Two issuers: the platform's own (`JWT_*`, claims already in platform form) and, when
    configured, the people's OpenID Connect provider (`OIDC_*`, RS256 only, groups mapped by
    services/common/claim_mapping.py). A token's `iss` picks the issuer; the key, algorithm and
    audience then come from that issuer alone, so one issuer's key never vouches for the other."""

    def __init__(self, settings: PlatformSettings):
        self._settings = settings

    @cached_property
    def _jwks(self) -> jwt.PyJWKClient | None:
        return jwt.PyJWKClient(self._settings.jwt_jwks_url) if self._settings.jwt_jwks_url else None

    @cached_property
    def _provider_jwks(self) -> jwt.PyJWKClient:
        # A key id not in the cached set makes PyJWT fetch the set again (a rotated key), at most
        # once per cooldown; the short timeout bounds how long a request waits on the provider.
        assert self._settings.oidc_jwks_url is not None
        return jwt.PyJWKClient(
            self._settings.oidc_jwks_url,
            timeout=5,
            cooldown_duration=self._settings.oidc_jwks_refetch_seconds,
        )

    @cached_property
    def _claim_mapping(self) -> ClaimMapping:
        return ClaimMapping.load(self._settings.oidc_claim_mapping)

    def _key(self, token: str) -> str:
        s = self._settings
        if s.jwt_algorithm == "HS256":
            return s.jwt_secret
        if self._jwks is not None:
            return self._jwks.get_signing_key_from_jwt(token).key
        if s.jwt_public_key:
            return s.jwt_public_key
        raise AuthenticationFailed("RS256 needs JWT_PUBLIC_KEY or JWT_JWKS_URL")

    def _from_provider(self, token: str) -> bool:
        issuer = self._settings.oidc_issuer
        if not issuer:
            return False
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as error:
            raise AuthenticationFailed(f"invalid token: {error}") from None
        return unverified.get("iss") == issuer

    def verify(self, token: str) -> Principal:
        s = self._settings
        from_provider = self._from_provider(token)
        try:
            if from_provider:
                if not jwt.get_unverified_header(token).get("kid"):
                    raise jwt.InvalidTokenError(
                        "a token of the identity provider must name its key (kid)"
                    )
                key, algorithm = self._provider_jwks.get_signing_key_from_jwt(token).key, "RS256"
                audience, issuer = s.oidc_audience, s.oidc_issuer
            else:
                key, algorithm = self._key(token), s.jwt_algorithm
                audience, issuer = s.jwt_audience, s.jwt_issuer
            claims = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=audience,
                issuer=issuer,
                options={"require": ["exp", "sub", "iss", "aud"], "verify_iat": False},
            )
            _check_issued_at(claims, s.jwt_leeway_seconds)
        except jwt.PyJWKClientConnectionError:
            raise IdentityProviderUnavailable(
                "the identity provider's keys cannot be fetched; retry shortly"
            ) from None
        except jwt.PyJWTError as error:
            raise AuthenticationFailed(f"invalid token: {error}") from None
        if from_provider:
            try:
                claims = {"sub": claims["sub"], **self._claim_mapping.platform_claims(claims)}
            except ClaimMappingError as error:
                raise AuthenticationFailed(f"invalid token: {error}") from None
        return _principal(claims)

    def verify_header(self, authorization: str | None) -> Principal:
        if not authorization:
            raise AuthenticationFailed(
                "authentication required: send 'Authorization: Bearer <token>'"
            )
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationFailed(
                "authentication required: the Authorization header must be 'Bearer <token>'"
            )
        return self.verify(token.strip())

    async def verify_header_off_loop(self, authorization: str | None) -> Principal:
        """As verify_header; a token whose key may have to be fetched (a JWKS, read with a
        blocking client) is checked in a worker thread, so that a slow or unreachable provider
        holds up only the requests that need it, never the event loop and `/healthz`."""
        if not self._may_fetch_keys(authorization):
            return self.verify_header(authorization)
        return await anyio.to_thread.run_sync(self.verify_header, authorization)

    def _may_fetch_keys(self, authorization: str | None) -> bool:
        if self._settings.jwt_algorithm == "RS256" and self._jwks is not None:
            return True
        token = (authorization or "").partition(" ")[2].strip()
        try:
            return bool(token) and self._from_provider(token)
        except AuthenticationFailed:
            return False


def _principal(claims: dict) -> Principal:
    try:
        role = Role(claims.get("role"))
    except ValueError:
        raise AuthenticationFailed(f"invalid token: unknown role {claims.get('role')!r}") from None
    return Principal(
        subject=str(claims["sub"]),
        role=role,
        unit_id=claims.get("unit_id"),
        cadre_id=claims.get("cadre_id"),
    )


def _check_issued_at(claims: dict, leeway_seconds: int) -> None:
    """A token issued in the future (beyond the clock skew allowed) is refused, as at the gateway
    (gateway/gateway.config.ts, same JWT_LEEWAY_SECONDS); `exp` has no leeway at either."""
    issued_at = claims.get("iat")
    if issued_at is None:
        return
    if not isinstance(issued_at, (int, float)) or isinstance(issued_at, bool):
        raise jwt.InvalidIssuedAtError("Issued At claim (iat) must be a number.")
    if issued_at > time.time() + leeway_seconds:
        raise jwt.ImmatureSignatureError("The token is not yet valid (iat)")


def mint_token(
    settings: PlatformSettings,
    role: Role | str,
    subject: str | None = None,
    unit_id: str | None = None,
    cadre_id: str | None = None,
    ttl_seconds: int = 8 * 3600,
    private_key: str | None = None,
) -> str:
    """Issues a token the platform accepts (HS256 with the configured secret, or RS256 with a key)."""
    role = Role(role)
    now = int(time.time())
    claims = {
        "sub": subject or cadre_id or unit_id or f"local-{role.value}",
        "role": role.value,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + ttl_seconds,
    }
    if unit_id:
        claims["unit_id"] = unit_id
    if cadre_id:
        claims["cadre_id"] = cadre_id
    if settings.jwt_algorithm == "RS256":
        if not private_key:
            raise ValueError("minting an RS256 token needs the private key")
        return jwt.encode(claims, private_key, algorithm="RS256")
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")
