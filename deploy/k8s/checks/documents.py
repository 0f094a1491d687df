"""The rendered overlays: one `<overlay>.yaml` per overlay, as `kustomize build` printed it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

# The CRDs run to megabytes; libyaml parses them in a fraction of the pure-Python time.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_documents(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [doc for doc in yaml.load_all(handle, Loader=_LOADER) if doc]


def load_rendered(rendered_dir: Path) -> dict[str, list[dict]]:
    """Overlay name -> its objects."""
    files = sorted(rendered_dir.glob("*.yaml"))
    if not files:
        raise SystemExit(f"no rendered overlays (*.yaml) in {rendered_dir}")
    return {file.stem: load_documents(file) for file in files}


def ref(doc: dict) -> str:
    meta = doc.get("metadata", {})
    return f"{doc.get('kind')}/{meta.get('name')}"


def by_kind(docs: Iterable[dict], kind: str) -> list[dict]:
    return [doc for doc in docs if doc.get("kind") == kind]


def namespace_of(docs: list[dict]) -> str:
    for doc in docs:
        if doc.get("kind") == "Namespace":
            return doc["metadata"]["name"]
    return ""
