"""People's tokens from the stack's real OpenID Connect provider, at the gateway and at a subgraph
reached directly: verified against the provider's JWKS, groups mapped to the platform's role,
unit and cadre, forged variants refused, and a key rotation survived by old and new tokens."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.integration.identity.provider import Provider, header

WHERE = ("gateway", "indicator")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def provider() -> Provider:
    return Provider.of_stack()


def url(stack, where: str) -> str:
    return (
        stack.gateway_url
        if where == "gateway"
        else stack.service_url(where).rstrip("/") + "/graphql"
    )


async def ask(stack, where: str, token: str, query: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=30) as client:
        return await client.post(
            url(stack, where),
            json={"query": query},
            headers={"authorization": f"Bearer {token}", "content-type": "application/json"},
        )


def error_codes(response: httpx.Response) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in response.json().get("errors", [])]


async def test_the_provider_serves_discovery_and_an_rs256_jwks(stack, provider):
    async with httpx.AsyncClient(timeout=30) as client:
        discovery = (await client.get(f"{provider.issuer}/.well-known/openid-configuration")).json()
        keys = (await client.get(discovery["jwks_uri"])).json()["keys"]
    assert discovery["issuer"] == provider.issuer
    assert discovery["jwks_uri"] == stack.oidc_jwks_url
    assert discovery["code_challenge_methods_supported"] == ["S256"]
    assert keys and all(k["kty"] == "RSA" and k["alg"] == "RS256" and k["kid"] for k in keys)
    assert all("d" not in k for k in keys), "the JWKS must publish public keys only"


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize(
    "login, allowed, refused",
    [
        pytest.param("admin", "{ units(limit: 1) { id } }", None, id="admin"),
        pytest.param(
            "cadre",
            '{ cadre(id: "C-0001") { id } }',
            "{ units(limit: 1) { id } }",
            id="cadre-C-0001",
        ),
        pytest.param(
            "reporter",
            '{ cadres(unitId: "JS-MAJINGAO", limit: 5) { id unitId } }',
            "{ units(limit: 1) { id } }",
            id="unit-reporter-JS-MAJINGAO",
        ),
    ],
)
async def test_a_person_acts_with_the_role_and_scope_their_groups_map_to(
    stack, provider, where, login, allowed, refused
):
    token = await provider.sign_in(login)
    assert header(token)["alg"] == "RS256"
    answer = await ask(stack, where, token, allowed)
    assert answer.status_code == 200 and "errors" not in answer.json(), answer.text
    data = answer.json()["data"]
    if login == "reporter":
        assert data["cadres"] and {c["unitId"] for c in data["cadres"]} == {"JS-MAJINGAO"}
    if refused:
        refusal = await ask(stack, where, token, refused)
        assert error_codes(refusal) == ["FORBIDDEN"], refusal.text


@pytest.mark.parametrize("where", WHERE)
async def test_a_person_in_no_platform_group_is_refused(stack, provider, where):
    token = await provider.sign_in("outsider")
    answer = await ask(stack, where, token, "{ units(limit: 1) { id } }")
    assert answer.status_code == 401, answer.text
    assert error_codes(answer) == ["UNAUTHENTICATED"]
    assert "no group of the token grants a platform role" in answer.text


def _provider_claims(stack, **overrides) -> dict:
    now = int(time.time())
    return {
        "sub": "admin",
        "iss": stack.oidc_issuer,
        "aud": stack.oidc_audience,
        "iat": now,
        "exp": now + 300,
        "groups": ["cadre-platform-admins"],
        **overrides,
    }


def _foreign_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


async def forged_tokens(stack, provider) -> dict[str, str]:
    real = await provider.sign_in("admin")
    kid = header(real)["kid"]
    foreign = _foreign_key()
    return {
        "foreign key, the provider's kid": jwt.encode(
            _provider_claims(stack), foreign, algorithm="RS256", headers={"kid": kid}
        ),
        "foreign key, unknown kid": jwt.encode(
            _provider_claims(stack),
            foreign,
            algorithm="RS256",
            headers={"kid": "not-a-provider-key"},
        ),
        "the provider's issuer on an HS256 platform token": jwt.encode(
            _provider_claims(stack), stack.jwt_secret, algorithm="HS256"
        ),
        "the provider's issuer with the platform's audience": jwt.encode(
            _provider_claims(stack, aud=stack.jwt_audience), stack.jwt_secret, algorithm="HS256"
        ),
        "the provider's token with a changed group": _with_payload(
            real, _provider_claims(stack, groups=["cadre-platform-admins", "x"])
        ),
    }


def _with_payload(token: str, claims: dict) -> str:
    """The provider's header and signature around another payload."""
    head, _, signature = token.split(".")
    body = jwt.utils.base64url_encode(jwt.api_jws.json.dumps(claims).encode()).decode()
    return f"{head}.{body}.{signature}"


@pytest.mark.parametrize("where", WHERE)
async def test_forged_provider_tokens_are_refused(stack, provider, where):
    for name, token in (await forged_tokens(stack, provider)).items():
        answer = await ask(stack, where, token, "{ units(limit: 1) { id } }")
        assert answer.status_code == 401, f"{name}: {answer.status_code} {answer.text}"
        assert answer.json().get("errors") and not answer.json().get("data"), (
            f"{name}: {answer.text}"
        )


def _provider_signing_key() -> tuple[str, object]:
    """The provider's current private key, from the stack's folder (the test provider keeps it
    there): what an attacker would need to pass a provider key off for the platform's."""
    keys_file = ROOT / ".local" / os.environ["STACK"] / "oidc-provider" / "keys.json"
    jwk = json.loads(keys_file.read_text())["keys"][0]["jwk"]
    return jwk["kid"], jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(jwk))


@pytest.mark.parametrize("where", WHERE)
async def test_the_providers_key_never_vouches_for_a_platform_token(stack, where):
    kid, key = _provider_signing_key()
    now = int(time.time())
    claims = {
        "sub": "x",
        "role": "admin",
        "iss": stack.jwt_issuer,
        "aud": stack.jwt_audience,
        "iat": now,
        "exp": now + 300,
    }
    token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})
    answer = await ask(stack, where, token, "{ units(limit: 1) { id } }")
    assert answer.status_code == 401, answer.text
    assert answer.json().get("errors") and not answer.json().get("data"), answer.text


async def test_old_and_new_tokens_pass_after_the_provider_rotates_its_key(stack, provider):
    before = await provider.sign_in("admin")
    for where in WHERE:
        answer = await ask(stack, where, before, "{ units(limit: 1) { id } }")
        assert answer.status_code == 200 and "errors" not in answer.json(), answer.text

    rotated = await provider.rotate_signing_key()
    after = await provider.sign_in("admin")
    assert header(after)["kid"] == rotated["signing_kid"] != header(before)["kid"]
    assert header(before)["kid"] in rotated["published_kids"]
    # The subgraphs fetch the JWKS again for an unknown kid at most once per this many seconds.
    await asyncio.sleep(stack.oidc_jwks_refetch_seconds + 0.5)

    for where in WHERE:
        for which, token in (("new", after), ("old", before)):
            answer = await ask(stack, where, token, "{ units(limit: 1) { id } }")
            assert answer.status_code == 200 and "errors" not in answer.json(), (
                f"{which} token at {where}: {answer.text}"
            )
