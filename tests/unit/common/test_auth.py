import time

import jwt
import pytest

from services.common.auth import Principal, Role, TokenVerifier, mint_token
from services.common.errors import AuthenticationFailed, PermissionDenied
from services.common.settings import PlatformSettings

SETTINGS = PlatformSettings(
    jwt_secret="unit-test-secret-of-a-decent-length-0123456789", jwt_algorithm="HS256"
)


def test_minted_token_verifies_with_its_claims():
    token = mint_token(SETTINGS, Role.CADRE, cadre_id="C-7")
    principal = TokenVerifier(SETTINGS).verify_header(f"Bearer {token}")
    assert principal == Principal(subject="C-7", role=Role.CADRE, cadre_id="C-7")


@pytest.mark.parametrize(
    "header, reason",
    [
        (None, "authentication required"),
        ("Basic abc", "Bearer"),
        ("Bearer not-a-jwt", "invalid token"),
    ],
)
def test_missing_or_malformed_headers_are_refused(header, reason):
    with pytest.raises(AuthenticationFailed, match=reason):
        TokenVerifier(SETTINGS).verify_header(header)


def _signed(claims: dict, secret: str = "unit-test-secret-of-a-decent-length-0123456789") -> str:
    base = {
        "sub": "x",
        "iss": "cadre-platform",
        "aud": "cadre-platform",
        "exp": int(time.time()) + 24 * 3600,
        "role": "admin",
    }
    return jwt.encode({**base, **claims}, secret, algorithm="HS256")


@pytest.mark.parametrize(
    "token, reason",
    [
        (_signed({}, secret="another-secret-of-a-decent-length-0123456789"), "Signature"),
        (_signed({"exp": int(time.time()) - 10}), "expired"),
        (_signed({"aud": "someone-else"}), "(?i)audience"),
        (_signed({"iss": "someone-else"}), "issuer"),
        (_signed({"role": "emperor"}), "unknown role"),
    ],
)
def test_tokens_that_are_not_ours_are_refused(token, reason):
    with pytest.raises(AuthenticationFailed, match=reason):
        TokenVerifier(SETTINGS).verify(token)


def test_rs256_tokens_verify_with_the_public_key_only():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public_pem = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    settings = PlatformSettings(jwt_algorithm="RS256", jwt_public_key=public_pem)
    token = mint_token(settings, Role.ASSESSOR, private_key=private_pem)
    assert TokenVerifier(settings).verify(token).role is Role.ASSESSOR
    forged = mint_token(
        PlatformSettings(jwt_secret="a-guessed-secret-of-a-decent-length-01234"), Role.ADMIN
    )
    with pytest.raises(AuthenticationFailed):
        TokenVerifier(settings).verify(forged)


def test_scoping_rules_of_unit_reporters_and_cadres():
    reporter = Principal(subject="r", role=Role.UNIT_REPORTER, unit_id="U-1")
    reporter.require_unit("U-1")
    with pytest.raises(PermissionDenied, match="U-2"):
        reporter.require_unit("U-2")
    cadre = Principal(subject="c", role=Role.CADRE, cadre_id="C-1")
    cadre.require_cadre("C-1")
    with pytest.raises(PermissionDenied):
        cadre.require_cadre("C-2")
    admin = Principal(subject="a", role=Role.ADMIN)
    admin.require_unit("anything")
    admin.require_cadre("anyone")
    with pytest.raises(PermissionDenied, match="allowed: admin"):
        cadre.require_role(Role.ADMIN)


def test_production_refuses_the_public_development_secret():
    with pytest.raises(ValueError, match="JWT_SECRET"):
        PlatformSettings(app_env="production")
    assert (
        PlatformSettings(
            app_env="production", jwt_secret="a-real-secret-from-a-kubernetes-secret-0123"
        ).development_mode
        is False
    )


def test_a_token_issued_in_the_future_is_refused_beyond_the_leeway():
    now = int(time.time())
    leeway = SETTINGS.jwt_leeway_seconds
    assert TokenVerifier(SETTINGS).verify(_signed({"iat": now + leeway - 5})).role is Role.ADMIN
    with pytest.raises(AuthenticationFailed, match=r"not yet valid \(iat\)"):
        TokenVerifier(SETTINGS).verify(_signed({"iat": now + leeway + 60}))
    with pytest.raises(AuthenticationFailed, match="iat"):
        TokenVerifier(SETTINGS).verify(_signed({"iat": "yesterday"}))
