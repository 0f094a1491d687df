"""Errors a client caused and may see in full; anything else is masked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldProblem:
    """One broken rule: which field, which rule, the offending value."""

    field: str
    rule: str
    message: str
    value: Any = None
    row: int | None = None

    def as_dict(self) -> dict[str, Any]:
        data = {
            "field": self.field,
            "rule": self.rule,
            "message": self.message,
            "value": self.value,
        }
        if self.row is not None:
            data["row"] = self.row
        return data


class ClientError(Exception):
    """Base of errors shown to the client; `code` goes into the GraphQL error extensions."""

    code = "BAD_REQUEST"

    @property
    def extensions(self) -> dict[str, Any]:
        # graphql-core copies an original error's `extensions` dict into the GraphQL error.
        return {"code": self.code}


class ValidationFailed(ClientError):
    code = "VALIDATION_FAILED"

    def __init__(self, problems: list[FieldProblem] | FieldProblem):
        self.problems = problems if isinstance(problems, list) else [problems]
        first = self.problems[0]
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"{first.field}: {first.message}{more}")

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, "problems": [p.as_dict() for p in self.problems]}


def invalid(field: str, rule: str, message: str, value: Any = None) -> ValidationFailed:
    return ValidationFailed(FieldProblem(field=field, rule=rule, message=message, value=value))


class NotFound(ClientError):
    code = "NOT_FOUND"


class Conflict(ClientError):
    code = "CONFLICT"


class AuthenticationFailed(ClientError):
    code = "UNAUTHENTICATED"


class PermissionDenied(ClientError):
    code = "FORBIDDEN"


class IdentityProviderUnavailable(ClientError):
    """The provider's keys cannot be fetched: the caller should retry, not sign in again."""

    code = "SERVICE_UNAVAILABLE"

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, "retryable": True}
