"""Rules every argument of every subgraph obeys, checked once before any resolver runs.

Resolvers then never see a negative offset, a page of two billion rows, an `_entities` call of
any size or a string that PostgreSQL cannot store (NUL) or a terminal would act on (other control
characters); each is refused with VALIDATION_FAILED naming the argument and the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    ListValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
    VariableNode,
    Visitor,
    visit,
)
from graphql.language import IntValueNode

from services.common.errors import FieldProblem
from services.common.limits import (
    MAX_ENTITY_REPRESENTATIONS,
    MAX_PAGE_SIZE,
    PAGE_SIZE_ARGUMENTS,
    PAGE_START_ARGUMENTS,
)

# C0 controls and DEL, except tab, line feed and carriage return, which text may hold.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def argument_problems(
    document: DocumentNode, variables: dict[str, Any] | None
) -> list[FieldProblem]:
    collector = _Arguments(variables or {})
    visit(document, collector)
    return collector.problems


class _Arguments(Visitor):
    def __init__(self, variables: dict[str, Any]):
        super().__init__()
        self.variables = variables
        self.problems: list[FieldProblem] = []

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        for argument in node.arguments or ():
            name = f"{node.name.value}.{argument.name.value}"
            value = _value(argument.value, self.variables)
            self.problems.extend(_check(node.name.value, argument.name.value, name, value))


def _value(node: ValueNode, variables: dict[str, Any]) -> Any:
    """The argument as the resolver would get it, before type coercion (which comes later)."""
    if isinstance(node, VariableNode):
        return variables.get(node.name.value)
    if isinstance(node, IntValueNode):
        try:
            return int(node.value)
        except ValueError:
            return None
    if isinstance(node, StringValueNode):
        return node.value
    if isinstance(node, ListValueNode):
        return [_value(item, variables) for item in node.values]
    if isinstance(node, ObjectValueNode):
        return {field.name.value: _value(field.value, variables) for field in node.fields}
    return None


def _check(field: str, argument: str, name: str, value: Any) -> Iterator[FieldProblem]:
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if argument in PAGE_SIZE_ARGUMENTS and is_int and not 1 <= value <= MAX_PAGE_SIZE:
        yield FieldProblem(
            name, "page_size", f"{argument} must be from 1 to {MAX_PAGE_SIZE}", value
        )
    if argument in PAGE_START_ARGUMENTS and is_int and value < 0:
        yield FieldProblem(name, "page_start", f"{argument} must be 0 or more", value)
    if field == "_entities" and isinstance(value, list) and len(value) > MAX_ENTITY_REPRESENTATIONS:
        yield FieldProblem(
            name,
            "max_entities",
            f"at most {MAX_ENTITY_REPRESENTATIONS} representations in one call",
            len(value),
        )
    for path, text in _strings(name, value):
        found = _CONTROL_CHARACTER.search(text)
        if found:
            code = f"U+{ord(found.group()):04X}"
            yield FieldProblem(
                path, "control_character", f"must not contain control characters ({code})"
            )
            return


def _strings(path: str, value: Any) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(f"{path}.{key}", item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(f"{path}[{index}]", item)
