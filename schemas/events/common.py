"""Value types shared by several event payloads."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

Identifier = Annotated[str, StringConstraints(min_length=1, max_length=64, strip_whitespace=True)]
# "2025" (annual), "2025-Q1" (quarterly), "2025-03" (monthly)
Period = Annotated[str, StringConstraints(pattern=r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")]
PositionLevel = Literal["principal", "deputy", "grassroots"]
Capability = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,63}$")]
Score = Annotated[float, Field(ge=0, le=100)]
