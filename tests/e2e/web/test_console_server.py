"""The console's own server: one origin with the gateway, a strict policy, and a token endpoint
that exists only in development."""

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from email.message import Message

from services.common.auth import Role, TokenVerifier
from services.common.settings import PlatformSettings
from tests.e2e.web.browser import ROOT

SERVER = ROOT / "web" / "server" / "main.mjs"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def console_server(**env: str):
    port = free_port()
    process = subprocess.Popen(
        ["node", str(SERVER)],
        env={**os.environ, "WEB_HOST": "127.0.0.1", "WEB_PORT": str(port), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        yield process, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def request(url: str, body: dict | None = None) -> tuple[int, Message, bytes]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, headers={"content-type": "application/json"})
    try:
        with NO_PROXY.open(req, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_pages_carry_a_strict_content_security_policy(console) -> None:
    status, headers, body = request(console)
    assert status == 200 and b'<div id="root">' in body
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy and "frame-ancestors 'none'" in policy
    assert b"<script>" not in body, "no inline script: the policy would refuse it"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_graphql_goes_to_the_gateway_on_the_same_origin(console, admin_token) -> None:
    req = urllib.request.Request(
        console.rstrip("/") + "/graphql",
        data=json.dumps({"query": "{ scoringRosterSize }"}).encode(),
        headers={"content-type": "application/json", "authorization": f"Bearer {admin_token}"},
    )
    with NO_PROXY.open(req, timeout=30) as response:
        assert "scoringRosterSize" in json.loads(response.read())["data"]
    status, _, _ = request(console.rstrip("/") + "/graphql", {"query": "{ scoringRosterSize }"})
    assert status == 401, "without a token the gateway refuses, and the console says so"


def test_the_development_token_carries_the_platforms_claims(console) -> None:
    status, _, body = request(
        console.rstrip("/") + "/dev/token", {"role": "cadre", "cadreId": "C-0001"}
    )
    assert status == 200
    principal = TokenVerifier(PlatformSettings()).verify(json.loads(body)["token"])
    assert (principal.role, principal.cadre_id, principal.subject) == (
        Role.CADRE,
        "C-0001",
        "C-0001",
    )
    status, _, body = request(console.rstrip("/") + "/dev/token", {"role": "root"})
    assert status == 400 and b"unknown role" in body


def test_production_has_no_token_endpoint() -> None:
    oidc = {
        "APP_ENV": "production",
        "OIDC_ISSUER": "https://login.example.org/realms/city",
        "OIDC_CLIENT_ID": "console",
        "OIDC_REDIRECT_URI": "https://console.example.org/",
    }
    with console_server(**oidc) as (_process, url):
        status, _, _ = request(url + "/dev/token", {"role": "admin"})
        assert status == 405, "in production /dev/token is one of the console's pages, GET only"
        _, headers, body = request(url + "/config.json")
        config = json.loads(body)
        assert config["devSignIn"] is False and config["oidc"]["clientId"] == "console"
        assert "https://login.example.org" in headers["Content-Security-Policy"]


def test_production_without_an_identity_provider_refuses_to_start() -> None:
    # The stack's environment names its own provider; this console is given none.
    no_provider = {"OIDC_ISSUER": "", "OIDC_CLIENT_ID": "", "OIDC_REDIRECT_URI": ""}
    with console_server(APP_ENV="production", **no_provider) as (process, _):
        process.wait(timeout=10)
        assert process.returncode != 0
        assert "OIDC_ISSUER" in process.stdout.read()
