"""The competency model: the capabilities a cadre is assessed on, the level each position level is
expected to reach, and how much each source of individual evidence counts towards each capability.

The model is data an administrator edits, versioned like indicator lists: a draft is edited freely,
publishing it puts it in force and supersedes the version in force before; a published or superseded
version never changes, so an old portrait stays explained by the model it was computed with.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Any

from services.common.errors import FieldProblem, ValidationFailed

POSITION_LEVELS = ("principal", "deputy", "grassroots")
# Where individual evidence comes from (DOMAIN.md: area in charge, daily records, 360 competence
# evaluation, trainers' results, term results).
SOURCES = ("portfolio", "daily", "evaluation", "training", "term")
STATUSES = ("draft", "published", "superseded")
CODE = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


@dataclass(frozen=True)
class CapabilitySpec:
    code: str
    name_zh: str
    name_en: str
    targets: dict[str, float]  # position level -> expected score 0-100
    sources: dict[str, float]  # source -> weight (0 or more; at least one above 0)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "targets": dict(self.targets),
            "sources": dict(self.sources),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CapabilitySpec:
        return cls(
            code=data["code"],
            name_zh=data["name_zh"],
            name_en=data["name_en"],
            targets={k: float(v) for k, v in data["targets"].items()},
            sources={k: float(v) for k, v in data["sources"].items()},
        )


@dataclass(frozen=True)
class CompetencyModel:
    version: int
    status: str
    capabilities: tuple[CapabilitySpec, ...]

    def get(self, code: str) -> CapabilitySpec | None:
        return next((c for c in self.capabilities if c.code == code), None)


def tag_only(code: str, threshold: float) -> CapabilitySpec:
    """A capability that list items are tagged with but the model does not name: it is judged from
    the portfolio alone against the weakness threshold, so an unmodelled tag still reaches the
    cadres who answer for the items (and never through anything else)."""
    return CapabilitySpec(
        code=code,
        name_zh=code,
        name_en=code,
        targets=dict.fromkeys(POSITION_LEVELS, threshold),
        sources={"portfolio": 1.0},
    )


def _finite_in(value: Any, low: float, high: float) -> bool:
    return isinstance(value, int | float) and math.isfinite(value) and low <= value <= high


def check_capabilities(specs: list[CapabilitySpec]) -> None:
    """Refuses a model that cannot be computed with, naming each field and its rule."""
    problems: list[FieldProblem] = []
    if not specs:
        problems.append(
            FieldProblem("capabilities", "required", "a model needs at least one capability", [])
        )
    seen: set[str] = set()
    for i, spec in enumerate(specs):
        at = f"capabilities[{i}]"
        if not CODE.match(spec.code):
            problems.append(
                FieldProblem(
                    f"{at}.code", "pattern", "lower-case letters, digits and _, 2-64", spec.code
                )
            )
        elif spec.code in seen:
            problems.append(FieldProblem(f"{at}.code", "distinct", "appears twice", spec.code))
        seen.add(spec.code)
        for name in ("name_zh", "name_en"):
            if not getattr(spec, name).strip():
                problems.append(FieldProblem(f"{at}.{name}", "required", "must not be blank", ""))
        for level in spec.targets:
            if level not in POSITION_LEVELS:
                problems.append(
                    FieldProblem(
                        f"{at}.targets.{level}",
                        "one_of",
                        f"must be one of {', '.join(POSITION_LEVELS)}",
                        level,
                    )
                )
        for level in POSITION_LEVELS:
            value = spec.targets.get(level)
            if value is None:
                problems.append(
                    FieldProblem(
                        f"{at}.targets.{level}", "required", "every level needs a target", None
                    )
                )
            elif not _finite_in(value, 0, 100):
                problems.append(
                    FieldProblem(
                        f"{at}.targets.{level}", "range", "must be between 0 and 100", value
                    )
                )
        for source, weight in spec.sources.items():
            if source not in SOURCES:
                problems.append(
                    FieldProblem(
                        f"{at}.sources.{source}",
                        "one_of",
                        f"must be one of {', '.join(SOURCES)}",
                        source,
                    )
                )
            elif not _finite_in(weight, 0, 1000):
                problems.append(
                    FieldProblem(
                        f"{at}.sources.{source}", "range", "must be between 0 and 1000", weight
                    )
                )
        if not any(
            _finite_in(w, 0, 1000) and w > 0 for s, w in spec.sources.items() if s in SOURCES
        ):
            problems.append(
                FieldProblem(
                    f"{at}.sources",
                    "required",
                    "at least one source must have a weight above 0",
                    {},
                )
            )
    if problems:
        raise ValidationFailed(problems)


def publish(
    draft: CompetencyModel, in_force: CompetencyModel | None
) -> tuple[CompetencyModel, CompetencyModel | None]:
    """The draft put in force, and the version it supersedes."""
    if draft.status != "draft":
        raise ValidationFailed(
            [
                FieldProblem(
                    "version", "draft", f"version {draft.version} is {draft.status}", draft.version
                )
            ]
        )
    check_capabilities(list(draft.capabilities))
    superseded = replace(in_force, status="superseded") if in_force else None
    return replace(draft, status="published"), superseded
