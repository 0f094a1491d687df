"""ASGI middleware: correlation ids, request metrics, and the subgraph's own token check."""

from __future__ import annotations

import json
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.common.auth import TokenVerifier
from services.common.errors import ClientError, IdentityProviderUnavailable
from services.common.log import correlation_id_var, new_correlation_id
from services.common.metrics import HTTP_LATENCY, HTTP_REQUESTS

CORRELATION_HEADER = "x-correlation-id"
_KNOWN_PATHS = {"/graphql", "/healthz", "/readyz", "/metrics"}


class CorrelationMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        correlation_id = Headers(scope=scope).get(CORRELATION_HEADER) or new_correlation_id()
        token = correlation_id_var.set(correlation_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append(CORRELATION_HEADER, correlation_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            correlation_id_var.reset(token)


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, service: str):
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope["path"] if scope["path"] in _KNOWN_PATHS else "other"
        status = {"code": 500}
        started = time.perf_counter()

        async def record_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            HTTP_LATENCY.labels(self.service, path).observe(time.perf_counter() - started)
            HTTP_REQUESTS.labels(self.service, path, str(status["code"])).inc()


class AuthenticationMiddleware:
    """Every GraphQL request must carry a valid token, even one that did not come through the gateway."""

    def __init__(self, app: ASGIApp, verifier: TokenVerifier, allow_ide: bool):
        self.app = app
        self.verifier = verifier
        self.allow_ide = allow_ide

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/graphql":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        if self.allow_ide and scope["method"] == "GET" and "text/html" in headers.get("accept", ""):
            return await self.app(scope, receive, send)
        try:
            principal = await self.verifier.verify_header_off_loop(headers.get("authorization"))
        except IdentityProviderUnavailable as error:
            return await _refused(send, 503, error.code, str(error))
        except ClientError as error:
            return await _refused(send, 401, "UNAUTHENTICATED", str(error))
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)


async def _refused(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers.append((b"www-authenticate", b"Bearer") if status == 401 else (b"retry-after", b"5"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
