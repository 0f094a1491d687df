"""List versions: drafted, published (immutable), then superseded by a newer version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from services.common.errors import FieldProblem

DRAFT, PUBLISHED = "draft", "published"  # then "superseded" once a newer version is published


@dataclass(frozen=True)
class VersionHeader:
    list_id: str
    unit_id: str
    year: int
    version: int
    status: str
    effective_from: date | None = None


@dataclass(frozen=True)
class Publication:
    """What publishing a version changes: its dates, and the version it ends."""

    version: int
    effective_from: date
    supersedes: VersionHeader | None

    @property
    def superseded_until(self) -> date | None:
        return self.effective_from - timedelta(days=1) if self.supersedes else None


def year_problem(year: int) -> FieldProblem | None:
    if 2000 <= year <= 2100:
        return None
    return FieldProblem("year", "range", "an assessment year lies between 2000 and 2100", year)


def default_effective_from(year: int, today: date, in_force: VersionHeader | None) -> date:
    """From the start of the year, or today within it, and always after the version in force."""
    start = today if today.year == year else date(year, 1, 1)
    if (
        in_force is not None
        and in_force.effective_from is not None
        and start <= in_force.effective_from
    ):
        start = in_force.effective_from + timedelta(days=1)
    return start


def plan_publication(
    year: int,
    version: int,
    effective_from: date | None,
    in_force: VersionHeader | None,
    today: date,
    row: int | None = None,
) -> tuple[Publication | None, list[FieldProblem]]:
    """Dates for publishing `version`; problems when the requested start does not fit."""
    start = effective_from or default_effective_from(year, today, in_force)
    problems = []
    if not date(year, 1, 1) <= start <= date(year, 12, 31):
        problems.append(
            FieldProblem(
                "effectiveFrom",
                "within_year",
                f"a {year} list takes effect within {year}",
                start.isoformat(),
                row,
            )
        )
    if (
        in_force is not None
        and in_force.effective_from is not None
        and start <= in_force.effective_from
    ):
        problems.append(
            FieldProblem(
                "effectiveFrom",
                "after_version_in_force",
                f"version {in_force.version} is in force from {in_force.effective_from.isoformat()}; a newer version starts later",
                start.isoformat(),
                row,
            )
        )
    if problems:
        return None, problems
    return Publication(version=version, effective_from=start, supersedes=in_force), []
