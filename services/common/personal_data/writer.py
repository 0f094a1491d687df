"""Writes a request's reads of personal data to the access log once the operation has run.

Every subgraph's schema carries this extension (services.common.graphql); it writes only when a
resolver noted a read of someone else's data, so a service without personal data never writes.
The log is written before the response leaves, and a read that cannot be logged is not
answered: the data is withheld and the client gets a retryable SERVICE_UNAVAILABLE.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from services.common.errors import ClientError, invalid
from services.common.outage import SERVICE_UNAVAILABLE
from services.common.personal_data.reads import entry_of

log = logging.getLogger(__name__)

# Why the caller reads, in their words (optional; the operation name is always recorded).
PURPOSE_HEADER = "x-access-purpose"
MAX_PURPOSE_CHARS = 200


class AccessLogUnavailable(ClientError):
    code = SERVICE_UNAVAILABLE

    @property
    def extensions(self) -> dict:
        return {"code": self.code, "retryable": True}


def stated_purpose(headers: object) -> str | None:
    """The purpose header, checked like any other text argument; None when absent or blank."""
    raw = headers.get(PURPOSE_HEADER) if headers is not None else None  # type: ignore[attr-defined]
    purpose = (raw or "").strip()
    if not purpose:
        return None
    if len(purpose) > MAX_PURPOSE_CHARS:
        raise invalid(
            PURPOSE_HEADER, "max_length", f"at most {MAX_PURPOSE_CHARS} characters", len(purpose)
        )
    if any(ord(c) < 32 or ord(c) == 127 for c in purpose):
        raise invalid(PURPOSE_HEADER, "control_character", "no control characters")
    return purpose


def _refuse(error: ClientError) -> GraphQLExecutionResult:
    return GraphQLExecutionResult(
        data=None, errors=[GraphQLError(str(error), original_error=error)]
    )


class AccessLogWriter(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:  # type: ignore[override]
        context = self.execution_context
        request = getattr(context.context, "request", None)
        try:
            purpose = stated_purpose(getattr(request, "headers", None))
        except ClientError as error:
            if context.result is None:
                context.result = _refuse(error)
            purpose = None
        yield
        reads = getattr(context.context, "personal_data_reads", None)
        if reads is None:
            return
        entry = entry_of(
            reads,
            context.context.principal,
            context.operation_name,
            purpose,
            datetime.now(UTC),
        )
        if entry is None or context.result is None:
            return
        try:
            await context.context.platform.access_log.append(entry)
        except Exception:
            log.exception("access log not written; the read is withheld")
            withheld = AccessLogUnavailable(
                "the read could not be recorded in the access log, so nothing was returned; "
                "retry later"
            )
            context.result.data = None
            context.result.errors = [
                *(context.result.errors or []),
                GraphQLError(str(withheld), original_error=withheld),
            ]
