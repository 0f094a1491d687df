"""PostgreSQL idioms the repositories share."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY


def any_of(column: sa.ColumnElement, values: Iterable) -> sa.ColumnElement[bool]:
    """`column = ANY($1)` with one array parameter: one plan however many values (units of a city)."""
    return column == sa.any_(sa.bindparam(None, sorted(set(values)), type_=ARRAY(column.type)))
