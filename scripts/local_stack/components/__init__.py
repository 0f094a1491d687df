"""One module per component. A module names its component classes in `COMPONENTS`; a new
component is a new module here and nothing else (see base.py for what a class declares)."""

from __future__ import annotations

import importlib
import pkgutil

from scripts.local_stack.components.base import Component


def discover() -> list[type[Component]]:
    """Every class named by the `COMPONENTS` of a module of this package."""
    found: list[type[Component]] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        declared = getattr(importlib.import_module(f"{__name__}.{module.name}"), "COMPONENTS", ())
        found.extend(declared)
    return found
