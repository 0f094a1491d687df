"""Units and the cadres who hold positions in them."""

from __future__ import annotations

from dataclasses import dataclass

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem, ValidationFailed

# "Three horizontal, three vertical": unit categories (data, see categories.py) crossed with
# three position levels.
POSITION_LEVELS = ("principal", "deputy", "grassroots")
# A cadre leads the unit where they hold one of these positions.
LEADING_LEVELS = ("principal", "deputy")


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    category: str
    district: str | None = None
    parent_id: str | None = None
    temporary: bool = False

    def __post_init__(self) -> None:
        problems = []
        if not self.id.strip():
            problems.append(FieldProblem("id", RuleCode.required, "a unit needs an id", self.id))
        if not self.name.strip():
            problems.append(
                FieldProblem("name", RuleCode.required, "a unit needs a name", self.name)
            )
        if not self.category.strip():
            problems.append(
                FieldProblem(
                    "category", RuleCode.required, "a unit needs a category", self.category
                )
            )
        if self.parent_id == self.id:
            problems.append(
                FieldProblem(
                    "parentId", RuleCode.not_self, "a unit cannot be its own parent", self.parent_id
                )
            )
        if problems:
            raise ValidationFailed(problems)


def unknown_category(
    category: str, known: list[str] | tuple[str, ...] | set[str]
) -> FieldProblem | None:
    if category in known:
        return None
    return FieldProblem(
        "category", RuleCode.one_of, f"must be one of {', '.join(sorted(known))}", category
    )


@dataclass(frozen=True)
class Cadre:
    id: str
    name: str
    unit_id: str
    position_level: str

    def __post_init__(self) -> None:
        problems = []
        if not self.id.strip():
            problems.append(FieldProblem("id", RuleCode.required, "a cadre needs an id", self.id))
        if not self.name.strip():
            problems.append(
                FieldProblem("name", RuleCode.required, "a cadre needs a name", self.name)
            )
        if self.position_level not in POSITION_LEVELS:
            problems.append(
                FieldProblem(
                    "positionLevel",
                    RuleCode.one_of,
                    f"must be one of {', '.join(POSITION_LEVELS)}",
                    self.position_level,
                )
            )
        if problems:
            raise ValidationFailed(problems)

    def leads(self, unit_id: str) -> bool:
        return self.unit_id == unit_id and self.position_level in LEADING_LEVELS
