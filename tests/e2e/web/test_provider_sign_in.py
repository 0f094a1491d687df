"""Signing in to the console at the stack's real OpenID Connect provider: its login and consent
pages, the authorization code flow with PKCE, the cadre's own page read through the gateway with
the provider's token, and the console signing out when that token expires."""

from __future__ import annotations

import base64
import json
import os

from playwright.async_api import Page, expect

from tests.e2e.web.browser import screenshot

PROVIDER = os.environ.get("OIDC_ISSUER", "")
ME = "C-0001"


def claims_of(token: str) -> dict:
    return dict(json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "==")))


async def test_a_cadre_signs_in_at_the_provider_reads_their_page_and_is_signed_out_on_expiry(
    stack, console, demo_city, desktop: Page
):
    assert PROVIDER, "OIDC_ISSUER unset: the stack's identity provider is not configured"
    # A page clock that the test can move to the token's expiry; it starts at the real time.
    await desktop.clock.install()
    sent: list[str | None] = []
    desktop.on(
        "request",
        lambda r: (
            sent.append(r.headers.get("authorization")) if r.url.endswith("/graphql") else None
        ),
    )
    await desktop.goto(console)
    await desktop.get_by_role("button", name="通过统一身份认证登录").click()

    await desktop.wait_for_url(f"{PROVIDER}/interaction/**")
    await desktop.locator("input[name=login]").fill("cadre")
    await desktop.locator("input[name=password]").fill("demo")
    await screenshot(desktop, "provider-login")
    await desktop.get_by_role("button", name="Sign-in").click()
    # The console exchanges the code at the provider's token endpoint after the redirect back.
    async with desktop.expect_response(f"{PROVIDER}/token") as exchange:
        await desktop.get_by_role("button", name="Continue").click()
    token = (await (await exchange.value).json())["access_token"]

    await desktop.wait_for_url(f"{console}**")
    await expect(desktop.get_by_role("button", name="退出")).to_be_visible()
    assert "code=" not in desktop.url, "the console must drop the code from its address"
    claims = claims_of(token)
    assert claims["iss"] == PROVIDER and claims["aud"] == stack.oidc_audience
    assert "cadre-platform-cadre:C-0001" in claims["groups"] and "role" not in claims

    # The cadre's own page, read through the gateway with the provider's token.
    await expect(desktop.get_by_test_id("cadre-total")).not_to_be_empty()
    await expect(desktop.get_by_role("table", name="构成").locator("tbody tr")).not_to_have_count(0)
    await screenshot(desktop, "provider-cadre-page")
    assert sent and set(sent) == {f"Bearer {token}"}, (
        "every GraphQL call carries the provider's token"
    )
    stored = await desktop.evaluate("() => JSON.stringify([localStorage, sessionStorage])")
    assert "eyJ" not in stored, "the token must stay in memory, never in storage"

    lifetime = claims["exp"] - claims["iat"]
    await desktop.clock.fast_forward(lifetime * 1000 + 1000)
    await expect(desktop.get_by_role("alert").filter(has_text="登录已过期")).to_be_visible()
    await expect(desktop.get_by_role("button", name="通过统一身份认证登录")).to_be_visible()
    await expect(desktop.get_by_test_id("cadre-total")).to_have_count(0)
    await screenshot(desktop, "provider-session-expired")
