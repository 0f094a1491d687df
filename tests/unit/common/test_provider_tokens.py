"""The subgraphs' check of an OpenID Connect provider's tokens, against a JWKS file served on a
loopback port: its own key and audience only, key rotation, mapped claims. (The real provider is
tried in tests/integration/identity.)"""

from __future__ import annotations

import asyncio
import functools
import json
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from services.common.auth import Principal, Role, TokenVerifier, mint_token
from services.common.errors import AuthenticationFailed, IdentityProviderUnavailable
from services.common.settings import PlatformSettings

ISSUER = "https://login.example.org/cadre"
SECRET = "unit-test-secret-of-a-decent-length-0123456789"


class Keys:
    """The provider's signing keys and the JWKS file it publishes them in."""

    def __init__(self, folder: Path, base_url: str):
        self.file = folder / "jwks.json"
        self.url = f"{base_url}/jwks.json"
        self.private: dict[str, rsa.RSAPrivateKey] = {}

    def add(self, kid: str) -> None:
        self.private[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        published = [
            {
                **json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(k.public_key())),
                "kid": kid,
                "alg": "RS256",
            }
            for kid, k in self.private.items()
        ]
        self.file.write_text(json.dumps({"keys": published}))

    def token(self, kid: str, **claims: object) -> str:
        now = int(time.time())
        body = {
            "sub": "p-1",
            "iss": ISSUER,
            "aud": "cadre-platform-api",
            "iat": now,
            "exp": now + 60,
        }
        return jwt.encode(
            {**body, **claims}, self.private[kid], algorithm="RS256", headers={"kid": kid}
        )


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """No access log in the test output."""


@pytest.fixture
def keys(tmp_path: Path) -> Iterator[Keys]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
    found = Keys(tmp_path, f"http://127.0.0.1:{server.server_port}")
    found.add("k1")
    yield found
    server.shutdown()
    server.server_close()


def verifier(keys: Keys, **settings: object) -> TokenVerifier:
    return TokenVerifier(
        PlatformSettings(
            **{
                "jwt_secret": SECRET,
                "oidc_issuer": ISSUER,
                "oidc_jwks_url": keys.url,
                "oidc_jwks_refetch_seconds": 0,
                **settings,
            },
        )
    )


def test_a_provider_token_becomes_a_principal_through_its_groups(keys):
    token = keys.token("k1", groups=["cadre-platform-cadres", "cadre-platform-cadre:C-9"])
    assert verifier(keys).verify(token) == Principal(subject="p-1", role=Role.CADRE, cadre_id="C-9")


def test_a_provider_token_cannot_carry_a_role_of_its_own(keys):
    token = keys.token("k1", role="admin", groups=["mail-users"])
    with pytest.raises(AuthenticationFailed, match="no group of the token grants a platform role"):
        verifier(keys).verify(token)


def test_platform_tokens_still_pass_beside_the_provider(keys):
    check = verifier(keys)
    platform = mint_token(PlatformSettings(jwt_secret=SECRET), Role.ADMIN)
    assert check.verify(platform).role is Role.ADMIN


def test_a_key_added_by_a_rotation_is_fetched_and_the_old_key_still_verifies(keys):
    check = verifier(keys)
    old = keys.token("k1", groups=["cadre-platform-admins"])
    assert check.verify(old).role is Role.ADMIN
    keys.add("k2")
    new = keys.token("k2", groups=["cadre-platform-trainers"])
    assert check.verify(new).role is Role.TRAINER
    assert check.verify(old).role is Role.ADMIN


@pytest.mark.parametrize(
    "forge, reason",
    [
        pytest.param(
            lambda keys: jwt.encode(
                {"sub": "x", "iss": ISSUER, "aud": "cadre-platform-api", "exp": time.time() + 60},
                SECRET,
                algorithm="HS256",
                headers={"kid": "k1"},
            ),
            "alg value is not allowed",
            id="provider-issuer-signed-with-the-platform-secret",
        ),
        pytest.param(
            lambda keys: jwt.encode(
                {"sub": "x", "iss": ISSUER, "aud": "cadre-platform-api", "exp": time.time() + 60},
                SECRET,
                algorithm="HS256",
            ),
            "must name its key",
            id="provider-issuer-without-kid",
        ),
        pytest.param(
            lambda keys: keys.token("k1", aud="cadre-platform", groups=["cadre-platform-admins"]),
            "(?i)audience",
            id="platform-audience-on-a-provider-token",
        ),
        pytest.param(
            lambda keys: keys.token("k1", iss="cadre-platform", aud="cadre-platform", role="admin"),
            "alg value is not allowed",
            id="provider-key-on-a-platform-token",
        ),
        pytest.param(
            lambda keys: keys.token(
                "k1", exp=int(time.time()) - 5, groups=["cadre-platform-admins"]
            ),
            "expired",
            id="expired",
        ),
    ],
)
def test_each_issuer_is_held_to_its_own_key_and_audience(keys, forge, reason):
    with pytest.raises(AuthenticationFailed, match=reason):
        verifier(keys).verify(forge(keys))


def test_an_unreachable_jwks_is_a_retryable_outage_not_a_bad_token(keys):
    token = keys.token("k1", groups=["cadre-platform-admins"])
    check = verifier(keys, oidc_jwks_url=keys.url.replace("jwks.json", "absent.json"))
    with pytest.raises(IdentityProviderUnavailable, match="retry"):
        check.verify(token)


def test_the_provider_needs_its_jwks_url():
    with pytest.raises(ValueError, match="OIDC_JWKS_URL"):
        # Explicitly none: a stack's environment would otherwise supply its provider's.
        PlatformSettings(oidc_issuer=ISSUER, oidc_jwks_url=None)


class _Slow(_Quiet):
    def do_GET(self) -> None:
        time.sleep(1.0)
        super().do_GET()


async def test_a_slow_jwks_holds_up_the_provider_tokens_only_never_the_event_loop(keys, tmp_path):
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Slow, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
    try:
        check = verifier(keys, oidc_jwks_url=f"http://127.0.0.1:{server.server_port}/jwks.json")
        token = keys.token("k1", groups=["cadre-platform-admins"])
        platform = mint_token(PlatformSettings(jwt_secret=SECRET), Role.ADMIN)
        assert not check._may_fetch_keys(f"Bearer {platform}")
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.05)

        ticker = asyncio.create_task(tick())
        principal = await check.verify_header_off_loop(f"Bearer {token}")
        ticker.cancel()
        assert principal.role is Role.ADMIN
        # About 20 ticks in the second the JWKS took; none if the fetch had blocked the loop.
        assert ticks >= 10
    finally:
        server.shutdown()
        server.server_close()
