"""Assessment periods as scoring names them: 2025 (annual), 2025-Q1 (quarterly), 2025-03 (monthly)."""

from __future__ import annotations

from pydantic import TypeAdapter, ValidationError

from schemas.events.common import Period
from services.common.errors import invalid

_PERIOD = TypeAdapter(Period)


def check_period(field: str, value: str) -> str:
    try:
        return _PERIOD.validate_python(value)
    except ValidationError:
        raise invalid(
            field, "period", "a period looks like 2025, 2025-Q1 or 2025-03", value
        ) from None
