"""Training effect as a difference in differences within peer groups.

For one capability, the change of score from a period before to a period after is compared
between cadres enrolled in the programme and cadres of the same peer group (unit category and
position level) who were not. Peer groups without both kinds of cadre cannot be compared and
are left out of the overall figure, which weights each group by its enrolled cadres.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean


@dataclass(frozen=True)
class ScoreChange:
    cadre_id: str
    peer_group: tuple[str, str]  # (unit category, position level) in the period before
    enrolled: bool
    before: float
    after: float


@dataclass(frozen=True)
class GroupEffect:
    unit_category: str
    position_level: str
    enrolled_count: int
    comparison_count: int
    enrolled_before: float | None
    enrolled_after: float | None
    comparison_before: float | None
    comparison_after: float | None

    @property
    def comparable(self) -> bool:
        return self.enrolled_count > 0 and self.comparison_count > 0

    @property
    def difference_in_differences(self) -> float | None:
        # A comparable group has cadres of both kinds, so then every mean is there.
        enrolled_before, enrolled_after = self.enrolled_before, self.enrolled_after
        comparison_before, comparison_after = self.comparison_before, self.comparison_after
        if (
            not self.comparable
            or enrolled_before is None
            or enrolled_after is None
            or comparison_before is None
            or comparison_after is None
        ):
            return None
        return (enrolled_after - enrolled_before) - (comparison_after - comparison_before)


@dataclass(frozen=True)
class CapabilityEffect:
    capability: str
    groups: tuple[GroupEffect, ...]

    @property
    def enrolled_count(self) -> int:
        return sum(g.enrolled_count for g in self.groups if g.comparable)

    @property
    def comparison_count(self) -> int:
        return sum(g.comparison_count for g in self.groups if g.comparable)

    @property
    def unmatched_enrolled_count(self) -> int:
        """Enrolled cadres with no comparable cadre in their peer group."""
        return sum(g.enrolled_count for g in self.groups if not g.comparable)

    @property
    def difference_in_differences(self) -> float | None:
        weighted = [
            (g.enrolled_count, difference)
            for g in self.groups
            if (difference := g.difference_in_differences) is not None
        ]
        total = sum(n for n, _ in weighted)
        return sum(n * d for n, d in weighted) / total if total else None


def _mean(values: list[float]) -> float | None:
    return fmean(values) if values else None


def capability_effect(capability: str, changes: Iterable[ScoreChange]) -> CapabilityEffect:
    by_group: dict[tuple[str, str], list[ScoreChange]] = defaultdict(list)
    for change in changes:
        by_group[change.peer_group].append(change)
    groups = []
    for (category, level), members in sorted(by_group.items()):
        enrolled = [c for c in members if c.enrolled]
        others = [c for c in members if not c.enrolled]
        groups.append(
            GroupEffect(
                unit_category=category,
                position_level=level,
                enrolled_count=len(enrolled),
                comparison_count=len(others),
                enrolled_before=_mean([c.before for c in enrolled]),
                enrolled_after=_mean([c.after for c in enrolled]),
                comparison_before=_mean([c.before for c in others]),
                comparison_after=_mean([c.after for c in others]),
            )
        )
    return CapabilityEffect(capability=capability, groups=tuple(groups))
