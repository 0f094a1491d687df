"""Fitted clustering models, saved with skops: in PostgreSQL by default, or as files in a folder.

Loading accepts only the types skops trusts by default (scikit-learn estimators, numpy arrays);
a stored model naming anything else is refused rather than executed.
"""

from __future__ import annotations

from pathlib import Path

import skops.io as sio
from sklearn.pipeline import Pipeline


class UntrustedModel(ValueError):
    pass


def dump_model(pipeline: Pipeline) -> bytes:
    return sio.dumps(pipeline)


def load_model(data: bytes) -> Pipeline:
    untrusted = sio.get_untrusted_types(data=data)
    if untrusted:
        raise UntrustedModel(f"the stored model names types that are not trusted: {untrusted}")
    return sio.loads(data)


class ModelStore:
    """Where a run's model goes: returns (bytes for the row, location) for `save`, bytes for `read`."""

    def __init__(self, folder: str | None):
        self.folder = Path(folder) if folder else None

    def save_model(self, run_id: str, pipeline: Pipeline) -> tuple[bytes | None, str | None]:
        return self.save(run_id, dump_model(pipeline))

    def save(self, run_id: str, data: bytes) -> tuple[bytes | None, str | None]:
        if self.folder is None:
            return data, None
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{run_id}.skops"
        temporary = path.with_suffix(".part")
        temporary.write_bytes(data)
        temporary.replace(path)
        return None, str(path)

    @staticmethod
    def read(stored: bytes | None, location: str | None) -> bytes | None:
        if stored is not None:
            return stored
        if location and Path(location).exists():
            return Path(location).read_bytes()
        return None
