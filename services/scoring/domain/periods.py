"""Assessment periods: "2025" (annual), "2025-Q1" (quarterly), "2025-03" (monthly).

Scoring works on months of one year: a period's data are the observations up to its last month
(a quarterly review looks back over the year to date, the annual evaluation over all of it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_PATTERN = re.compile(r"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$")

# Which period shapes an indicator of each reporting frequency accepts; daily data are reported monthly.
SHAPES_BY_FREQUENCY = {
    "daily": ("monthly",),
    "monthly": ("monthly",),
    "quarterly": ("quarterly",),
    "annual": ("annual",),
}


@dataclass(frozen=True)
class Period:
    text: str
    year: int
    shape: str  # "annual" | "quarterly" | "monthly"
    first_month: int
    last_month: int

    def __str__(self) -> str:
        return self.text

    def contains_month(self, month: int) -> bool:
        return self.first_month <= month <= self.last_month


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Raises ValueError naming the accepted shapes when `text` is not a period (a feed names the
    same few periods again and again, hence the cache)."""
    match = _PATTERN.match(text or "")
    if not match:
        raise ValueError(f"{text!r} is not a period: use 2025, 2025-Q1 or 2025-03")
    year, quarter, month = int(match.group(1)), match.group(2), match.group(3)
    if quarter:
        last = int(quarter) * 3
        return Period(text, year, "quarterly", last - 2, last)
    if month:
        return Period(text, year, "monthly", int(month), int(month))
    return Period(text, year, "annual", 1, 12)


def month_period(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def covered_periods(period: Period) -> tuple[str, ...]:
    """The period and every period inside it (a year's quarters and months, a quarter's months):
    what a lock on it freezes."""
    months = tuple(
        month_period(period.year, m) for m in range(period.first_month, period.last_month + 1)
    )
    if period.shape == "monthly":
        return months
    quarters = (
        tuple(f"{period.year}-Q{q}" for q in range(1, 5) if period.contains_month(q * 3))
        if period.shape == "annual"
        else ()
    )
    return (period.text, *quarters, *months)
