"""A cohort's line: whoever joined it first gets the next freed seat."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from services.development.domain.enrolments import WAITLISTED, Enrolment


def line_order(enrolment: Enrolment) -> tuple[datetime, str]:
    """Joined earlier first; the id decides between cadres who joined at the same instant."""
    if enrolment.waitlisted_at is None:
        raise ValueError(f"enrolment {enrolment.id} is in line without a time it joined")
    return enrolment.waitlisted_at, enrolment.id


def first_in_line(waiting: Iterable[Enrolment], seats: int) -> list[Enrolment]:
    """The cadres in line who get the seats, in the order they get them."""
    if seats <= 0:
        return []
    in_line = sorted((e for e in waiting if e.status == WAITLISTED), key=line_order)
    return in_line[:seats]
