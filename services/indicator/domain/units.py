"""Units and the cadres who hold positions in them."""

from __future__ import annotations

from dataclasses import dataclass

from services.common.errors import FieldProblem, ValidationFailed

# "Three horizontal, three vertical": nine unit categories crossed with three position levels.
UNIT_CATEGORIES = (
    "township",
    "street_office",
    "state_owned_enterprise",
    "development_zone",
    "municipal_department",
    "education",
    "health",
    "public_institution",
    "task_force",
)
POSITION_LEVELS = ("principal", "deputy", "grassroots")


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
            problems.append(FieldProblem("id", "required", "a unit needs an id", self.id))
        if not self.name.strip():
            problems.append(FieldProblem("name", "required", "a unit needs a name", self.name))
        if self.category not in UNIT_CATEGORIES:
            problems.append(
                FieldProblem("category", "one_of", f"must be one of {', '.join(UNIT_CATEGORIES)}", self.category)
            )
        if self.parent_id == self.id:
            problems.append(FieldProblem("parentId", "not_self", "a unit cannot be its own parent", self.parent_id))
        if problems:
            raise ValidationFailed(problems)


@dataclass(frozen=True)
class Cadre:
    id: str
    name: str
    unit_id: str
    position_level: str

    def __post_init__(self) -> None:
        problems = []
        if not self.id.strip():
            problems.append(FieldProblem("id", "required", "a cadre needs an id", self.id))
        if not self.name.strip():
            problems.append(FieldProblem("name", "required", "a cadre needs a name", self.name))
        if self.position_level not in POSITION_LEVELS:
            problems.append(
                FieldProblem(
                    "positionLevel", "one_of", f"must be one of {', '.join(POSITION_LEVELS)}", self.position_level
                )
            )
        if problems:
            raise ValidationFailed(problems)
