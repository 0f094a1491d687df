"""Assessment schemes: named sets of lists that run side by side (Jishou runs five)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem, ValidationFailed
from services.indicator.domain.vocabulary import DIMENSIONS

_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


@dataclass(frozen=True)
class Scheme:
    code: str
    name: str
    name_en: str
    description: str = ""
    # The least share of a list's weight a dimension must get (township lists: economy over 50%).
    dimension_minimums: dict[str, float] = field(default_factory=dict)

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
                FieldProblem("name", RuleCode.required, "a scheme needs a name", self.name)
            )
        for dimension, share in self.dimension_minimums.items():
            if dimension not in DIMENSIONS:
                found.append(
                    FieldProblem(
                        "dimensionMinimums",
                        RuleCode.one_of,
                        f"dimension must be one of {DIMENSIONS.describe()}",
                        dimension,
                    )
                )
            elif not (math.isfinite(share) and 0 < share <= 100):
                found.append(
                    FieldProblem(
                        "dimensionMinimums",
                        RuleCode.range,
                        f"a minimum share is above 0 and at most 100 ({dimension})",
                        share,
                    )
                )
        if sum(self.dimension_minimums.values()) > 100:
            found.append(
                FieldProblem(
                    "dimensionMinimums",
                    RuleCode.sum_at_most_100,
                    "minimum shares add up to more than 100",
                    sum(self.dimension_minimums.values()),
                )
            )
        return found

    def check(self) -> None:
        if problems := self.problems():
            raise ValidationFailed(problems)
