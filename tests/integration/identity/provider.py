"""Signing in at the stack's OpenID Connect provider the way a browser does, over HTTP: its real
login and consent pages, the authorization code flow with PKCE, the token exchange."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urljoin, urlparse

import httpx

FORM_ACTION = re.compile(r'<form[^>]*action="([^"]+)"')


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    redirect_uri: str

    @classmethod
    def of_stack(cls) -> Provider:
        missing = [
            v
            for v in ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_REDIRECT_URI")
            if not os.environ.get(v)
        ]
        assert not missing, (
            f"{', '.join(missing)} unset: run the tests with `make test` (its stack starts the "
            "identity provider) or export a stack's environment with `python3 scripts/stack.py env`"
        )
        return cls(
            os.environ["OIDC_ISSUER"], os.environ["OIDC_CLIENT_ID"], os.environ["OIDC_REDIRECT_URI"]
        )

    async def sign_in(self, login: str, password: str = "demo") -> str:
        """The access token the provider issues to `login` for the console."""
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(
            b"="
        )
        state = secrets.token_urlsafe(16)
        async with httpx.AsyncClient(base_url=self.issuer, timeout=30) as browser:
            page = await browser.get(
                "/auth",
                params={
                    "response_type": "code",
                    "client_id": self.client_id,
                    "redirect_uri": self.redirect_uri,
                    "scope": "openid",
                    "state": state,
                    "code_challenge": challenge.decode(),
                    "code_challenge_method": "S256",
                },
            )
            callback = await self._through_pages(browser, page, login, password)
            answer = parse_qs(urlparse(callback).query)
            assert answer.get("state") == [state], f"state not returned: {callback}"
            exchanged = await browser.post(
                "/token",
                data={
                    "grant_type": "authorization_code",
                    "code": answer["code"][0],
                    "redirect_uri": self.redirect_uri,
                    "client_id": self.client_id,
                    "code_verifier": verifier,
                },
            )
            assert exchanged.status_code == 200, exchanged.text
            return str(exchanged.json()["access_token"])

    async def _through_pages(
        self, browser: httpx.AsyncClient, page: httpx.Response, login: str, password: str
    ) -> str:
        """Follows redirects, filling the login page and confirming the consent page, until the
        provider redirects to the console with the code."""
        for _ in range(12):
            if page.is_redirect:
                target = urljoin(str(page.url), page.headers["location"])
                if target.startswith(self.redirect_uri):
                    return target
                page = await browser.get(target)
                continue
            assert page.status_code == 200, f"{page.status_code} at {page.url}: {page.text[:300]}"
            action = urljoin(str(page.url), FORM_ACTION.search(page.text).group(1))  # type: ignore[union-attr]
            if 'name="login"' in page.text:
                page = await browser.post(
                    action, data={"prompt": "login", "login": login, "password": password}
                )
            else:
                page = await browser.post(action, data={"prompt": "consent"})
        raise AssertionError("the provider never redirected back to the console")

    async def rotate_signing_key(self) -> dict:
        async with httpx.AsyncClient(timeout=30) as client:
            response = await client.post(f"{self.issuer}/-/rotate-signing-key")
        assert response.status_code == 200, response.text
        return dict(response.json())


def header(token: str) -> dict:
    return dict(json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "==")))
