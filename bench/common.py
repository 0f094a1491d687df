"""What every benchmark shares: the stack it measures, percentiles, and the report format.

Each script prints a readable report and ends with ONE line: a JSON object of its figures.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from services.common.settings import PlatformSettings  # noqa: E402


def stack_settings() -> PlatformSettings:
    """The stack named by the environment (`scripts/stack.py env`), the `dev` stack by default."""
    return PlatformSettings()


def percentile_ms(samples_seconds, q: float) -> float:
    values = np.asarray(samples_seconds, dtype=float)
    if values.size == 0:
        return float("nan")
    return round(float(np.percentile(values, q)) * 1000, 2)


def heading(title: str) -> None:
    print(f"\n== {title} ==")
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}")


def line(label: str, value: object, unit: str = "") -> None:
    print(f"  {label:<44} {value}{(' ' + unit) if unit else ''}")


def emit_figures(figures: dict) -> None:
    """The last line of every benchmark's output."""
    sys.stdout.flush()
    print(json.dumps(figures, ensure_ascii=False))
