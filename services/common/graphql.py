"""Hardened federation schemas and the GraphQL endpoint every subgraph serves."""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import strawberry
from cross_web import HTTPException
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError
from starlette.requests import Request
from strawberry.asgi import GraphQL
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.types import Info

from services.common.argument_rules import argument_problems
from services.common.auth import Principal, Role
from services.common.errors import ClientError, PermissionDenied, ValidationFailed
from services.common.outage import SERVICE_UNAVAILABLE, DependencyOutage, is_unavailable
from services.common.personal_data.reads import RequestReads
from services.common.personal_data.writer import AccessLogWriter
from services.common.settings import PlatformSettings

FEDERATION_VERSION = "2.9"

log = logging.getLogger(__name__)


@dataclass
class RequestContext:
    request: Request
    principal: Principal
    platform: Any  # services.common.app.Platform; typed loosely to keep this module import-light
    # Reads of cadres' personal data by this request, written to the access log at the end.
    personal_data_reads: RequestReads = field(default_factory=RequestReads)


def principal_of(info: Info) -> Principal:
    return info.context.principal


def _is_client_error(error: GraphQLError) -> bool:
    # No original error: a syntax or validation error about the query itself, safe to show. An
    # error raised before execution (no path) while coercing a variable (a Decimal that is not a
    # number, an integer a Float cannot hold exactly) is the client's value, not a fault.
    original = error.original_error
    if original is None or isinstance(original, ClientError):
        return True
    return error.path is None and isinstance(original, GraphQLError)


class RememberValidQueries(SchemaExtension):
    """Validates a query text once per schema: clients send the same few texts again and again.

    Every validation rule here looks at the document only (the limits come from settings), so a
    text found valid stays valid; invalid texts are checked every time and never remembered.
    """

    def __init__(self, remembered: OrderedDict[str, None], size: int):
        super().__init__()
        self._remembered = remembered
        self._size = size

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.query in self._remembered:
            self._remembered.move_to_end(context.query)
            context.pre_execution_errors = []
            yield
            return
        yield
        if context.query and not context.pre_execution_errors:
            self._remembered[context.query] = None
            if len(self._remembered) > self._size:
                self._remembered.popitem(last=False)


class ArgumentRules(SchemaExtension):
    """Refuses the operation before execution when an argument breaks a platform-wide rule
    (services.common.argument_rules); it runs per request, since variables change."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            problems = argument_problems(context.graphql_document, context.variables)
            if problems:
                refused = ValidationFailed(problems)
                context.result = GraphQLExecutionResult(
                    data=None, errors=[GraphQLError(str(refused), original_error=refused)]
                )
        yield


def hardening_extensions(settings: PlatformSettings) -> list:
    remembered: OrderedDict[str, None] = OrderedDict()
    # Factories, so that every request gets fresh extension instances.
    extensions = [
        lambda: RememberValidQueries(remembered, size=512),
        ArgumentRules,
        AccessLogWriter,
        lambda: QueryDepthLimiter(max_depth=settings.graphql_max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases),
        lambda: MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
        lambda: MaskErrors(
            should_mask_error=lambda error: not _is_client_error(error),
            error_message="Internal error.",
        ),
    ]
    if not settings.development_mode:
        extensions.append(DisableIntrospection)
    return extensions


class SubgraphSchema(strawberry.federation.Schema):
    """Logs client mistakes briefly and only unexpected failures with their traceback.

    A database that cannot be reached is neither: the error becomes a retryable
    SERVICE_UNAVAILABLE (HTTP 503, see SubgraphEndpoint) and the outage is logged once.
    In production, "Did you mean ...?" hints are cut from every message: they spell out the schema
    that introspection is off to hide.
    """

    hide_suggestions = False
    outage = DependencyOutage("database")

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        if self.hide_suggestions:
            for error in errors:
                error.message = _without_suggestion(error.message)
        unavailable = [error for error in errors if is_unavailable(error.original_error)]
        for error in unavailable:
            self.outage.failed(error.original_error)
            _mark_unavailable(error)
        unexpected = [error for error in errors if not _is_client_error(error)]
        for error in errors:
            if _is_client_error(error) and error not in unavailable:
                log.info("request refused", extra={"error": error.message, "path": error.path})
        if unexpected:
            super().process_errors(unexpected, execution_context)


class _Unavailable(ClientError):
    code = SERVICE_UNAVAILABLE

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, "retryable": True}


def _mark_unavailable(error: GraphQLError) -> None:
    replacement = _Unavailable("the service cannot reach its database just now; retry later")
    error.message = str(replacement)
    error.original_error = replacement
    error.extensions = replacement.extensions


def _without_suggestion(message: str) -> str:
    head, found, _ = message.partition(" Did you mean")
    return head if found else message


def federation_schema(
    settings: PlatformSettings,
    query: type,
    mutation: type | None = None,
    types: Iterable[type] = (),
) -> strawberry.federation.Schema:
    schema = SubgraphSchema(
        query=query,
        mutation=mutation,
        types=list(types),
        federation_version=FEDERATION_VERSION,
        extensions=hardening_extensions(settings),
    )
    schema.hide_suggestions = not settings.development_mode
    return schema


class _RolesAllowed(BasePermission):
    error_class = PermissionDenied

    def __init__(self, roles: tuple[Role, ...]):
        self.roles = roles
        self.message = "forbidden: allowed roles are " + ", ".join(r.value for r in roles)

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return principal_of(info).role in self.roles


def roles(*allowed: Role) -> list[PermissionExtension]:
    """Field extensions that refuse any other role: `@strawberry.field(extensions=roles(Role.ADMIN))`."""
    return [
        PermissionExtension(
            permissions=[_RolesAllowed(allowed)], fail_silently=False, use_directives=False
        )
    ]


class SubgraphEndpoint(GraphQL):
    """Strawberry's ASGI endpoint with the platform's request context."""

    def __init__(
        self, schema: strawberry.federation.Schema, settings: PlatformSettings, platform: Any
    ):
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.development_mode else None,
            allow_queries_via_get=False,
        )
        self._platform = platform

    async def get_context(self, request: Request, response: Any) -> RequestContext:
        return RequestContext(
            request=request, principal=request.state.principal, platform=self._platform
        )

    def decode_json(self, data: str | bytes) -> object:
        # A body that is not a GraphQL request object is the client's mistake, never a 500.
        try:
            body = json.loads(data)
        except RecursionError:
            raise HTTPException(400, "The request body is JSON nested too deeply.") from None
        if not isinstance(body, (dict, list)):
            raise HTTPException(
                400, "The request body must be a JSON object with `query` and `variables`."
            )
        return body

    def create_response(self, response_data: Any, sub_response: Any) -> Any:
        response = super().create_response(response_data, sub_response)
        errors = response_data.get("errors") if isinstance(response_data, dict) else None
        if errors and any(
            (error.get("extensions") or {}).get("code") == SERVICE_UNAVAILABLE for error in errors
        ):
            response.status_code = 503
            response.headers["retry-after"] = "5"
        elif isinstance(response_data, dict) and response_data.get("data") is not None:
            self.schema.outage.succeeded()
        return response
