"""What a request to /graphql must be before anything reads it: a JSON POST of bounded size.

Only `application/json` POSTs reach the GraphQL endpoint (and GraphiQL's GET page in development):
a cross-site page can send a form or text/plain POST without asking, but not JSON, which needs a
CORS preflight that origins not configured in CORS_ALLOWED_ORIGINS fail. That is the platform's
CSRF defence, the same at the gateway. The body is read here up to the limit and refused past it,
so a subgraph never holds more than MAX_BODY_BYTES of one request.
"""

from __future__ import annotations

import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class RequestGuardMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int, allow_ide: bool):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.allow_ide = allow_ide

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/graphql":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        method = scope["method"]
        if method == "GET":
            if self.allow_ide and "text/html" in headers.get("accept", ""):
                return await self.app(scope, receive, send)
            return await refuse(
                send, 405, "METHOD_NOT_ALLOWED", "GraphQL requests are POSTs with a JSON body."
            )
        if method != "POST":
            return await refuse(send, 405, "METHOD_NOT_ALLOWED", "Only POST is served here.")
        media_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return await refuse(
                send,
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "GraphQL requests must have Content-Type: application/json.",
            )
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body_bytes):
            return await self._too_large(send)
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            body.extend(message.get("body", b""))
            if len(body) > self.max_body_bytes:
                return await self._too_large(send)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(bytes(body), receive), send)

    async def _too_large(self, send: Send) -> None:
        await refuse(
            send,
            413,
            "PAYLOAD_TOO_LARGE",
            f"The request body is larger than {self.max_body_bytes} bytes.",
        )


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def refuse(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
