"""Unit categories: the nine "horizontal" classes units are assessed in.

Seven are fixed by the reform; the department configures the remaining two. Categories are data
(a table seeded with these nine), so a configured one is as real as a fixed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem, ValidationFailed

CATEGORY_COUNT = 9
CONFIGURABLE_COUNT = 2
_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


@dataclass(frozen=True)
class UnitCategory:
    code: str
    name: str
    name_en: str
    configurable: bool = False

    def problems(self) -> list[FieldProblem]:
        found = []
        if not _CODE.match(self.code):
            found.append(
                FieldProblem(
                    "code",
                    RuleCode.format,
                    "lower-case letters, digits and _ (2-40), starting with a letter",
                    self.code,
                )
            )
        if not self.name.strip():
            found.append(
                FieldProblem("name", RuleCode.required, "a category needs a name", self.name)
            )
        if not self.name_en.strip():
            found.append(
                FieldProblem(
                    "nameEn", RuleCode.required, "a category needs an English name", self.name_en
                )
            )
        return found


DEFAULT_CATEGORIES = (
    UnitCategory("township", "乡镇", "township"),
    UnitCategory("street_office", "街道", "street office"),
    UnitCategory("state_owned_enterprise", "国有企业", "state-owned enterprise"),
    UnitCategory("development_zone", "开发区", "development zone"),
    UnitCategory("municipal_department", "市直部门", "municipal department"),
    UnitCategory("education", "教育", "education"),
    UnitCategory("health", "卫生健康", "health"),
    UnitCategory("public_institution", "事业单位", "public institution", configurable=True),
    UnitCategory("task_force", "临时机构", "task force", configurable=True),
)


def check_configuration(wanted: UnitCategory, existing: dict[str, UnitCategory]) -> None:
    """A configurable category may be renamed or added while the nine slots allow it."""
    problems = wanted.problems()
    current = existing.get(wanted.code)
    if current is not None and not current.configurable:
        problems.append(
            FieldProblem(
                "code",
                RuleCode.fixed,
                "this category is fixed by the reform and cannot be changed",
                wanted.code,
            )
        )
    configurable = sum(1 for c in existing.values() if c.configurable)
    if current is None and configurable >= CONFIGURABLE_COUNT:
        problems.append(
            FieldProblem(
                "code",
                RuleCode.max_configurable,
                f"only {CONFIGURABLE_COUNT} categories are configurable ({CATEGORY_COUNT} in all); "
                "rename or remove an unused configurable one first",
                wanted.code,
            )
        )
    if problems:
        raise ValidationFailed(problems)
