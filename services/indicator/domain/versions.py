"""List versions: drafted, published (immutable), then superseded by a newer version."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from schemas.rule_codes import RuleCode
from services.common.errors import Conflict, FieldProblem
from services.indicator.domain.lists import Item

DRAFT, PUBLISHED, SUPERSEDED = "draft", "published", "superseded"


@dataclass(frozen=True)
class VersionHeader:
    list_id: str
    unit_id: str
    year: int
    version: int
    status: str
    effective_from: date | None = None
    effective_to: date | None = None

    def superseded(self, until: date | None) -> VersionHeader:
        """The version in force ends (the day before its successor starts); only it can end."""
        if self.status != PUBLISHED:
            raise Conflict(
                f"version {self.version} of unit {self.unit_id!r}'s {self.year} list is {self.status}, "
                "not in force: it cannot be superseded"
            )
        return replace(self, status=SUPERSEDED, effective_to=until)


@dataclass(frozen=True)
class ListVersion:
    """A version of a unit's annual list: a draft, then published (frozen in its snapshot), then
    superseded by a newer version. Each step is a method; a version never goes back."""

    id: str
    unit_id: str
    year: int
    version: int
    status: str
    scheme_code: str | None
    # A draft's editable items; a published version keeps its items in the snapshot.
    items: tuple[Item, ...] = ()
    effective_from: date | None = None
    effective_to: date | None = None
    supersedes_version: int | None = None
    # The published payload (IndicatorListPublished as a dict): what scoring scores against.
    snapshot: dict[str, Any] | None = None
    created_at: datetime | None = field(default=None, compare=False)
    published_at: datetime | None = None

    @classmethod
    def drafted(
        cls,
        list_id: str,
        unit_id: str,
        year: int,
        version: int,
        scheme_code: str | None,
        items: Sequence[Item],
    ) -> ListVersion:
        return cls(list_id, unit_id, year, version, DRAFT, scheme_code, tuple(items))

    def published(
        self, publication: Publication, snapshot: dict[str, Any], at: datetime
    ) -> ListVersion:
        """The draft made immutable: from now on scoring scores against its snapshot."""
        if self.status != DRAFT:
            raise Conflict(
                f"version {self.version} of unit {self.unit_id!r}'s {self.year} list is {self.status}; "
                "only a draft is published"
            )
        return replace(
            self,
            status=PUBLISHED,
            effective_from=publication.effective_from,
            supersedes_version=publication.supersedes.version if publication.supersedes else None,
            snapshot=snapshot,
            published_at=at,
        )

    @property
    def header(self) -> VersionHeader:
        return VersionHeader(
            self.id,
            self.unit_id,
            self.year,
            self.version,
            self.status,
            self.effective_from,
            self.effective_to,
        )

    @property
    def snapshot_items(self) -> list[dict[str, Any]]:
        return list(self.snapshot["items"]) if self.snapshot is not None else []


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
    return FieldProblem(
        "year", RuleCode.range, "an assessment year lies between 2000 and 2100", year
    )


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
                RuleCode.within_year,
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
                RuleCode.after_version_in_force,
                f"version {in_force.version} is in force from {in_force.effective_from.isoformat()}; a newer version starts later",
                start.isoformat(),
                row,
            )
        )
    if problems:
        return None, problems
    return Publication(version=version, effective_from=start, supersedes=in_force), []
