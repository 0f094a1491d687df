"""The platform's rule codes (schemas.rule_codes) as the GraphQL enum `RuleCode`, and a query that
documents them."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types import Info

from schemas.rule_codes import RuleCode
from services.common.graphql import roles
from services.indicator.domain import access

# The values keep the codes' own text (sum_100): the text clients already read in errors.
RuleCodeEnum = strawberry.enum(
    Enum(  # type: ignore[misc]
        "RuleCode",
        {c.name: strawberry.enum_value(c.value, description=c.description) for c in RuleCode},
    ),
    description=(
        "A rule a value broke: in import reports here, and as `extensions.problems[].rule` of "
        "VALIDATION_FAILED errors from every subgraph."
    ),
)


@strawberry.type(description="A rule code with what it asks of a value.")
class RuleCodeDescription:
    code: RuleCodeEnum
    description: str


@strawberry.type
class RuleCodeQueries:
    @strawberry.field(
        extensions=roles(*access.ANYONE),
        description="Every rule code the platform reports, with what each rule asks.",
    )
    def rule_codes(self, info: Info) -> list[RuleCodeDescription]:
        return [RuleCodeDescription(code=c, description=c.description) for c in RuleCode]
