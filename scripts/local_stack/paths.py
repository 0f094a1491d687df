"""Where the repository, its caches and the stacks' data folders are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache"
VENV_PYTHON = CACHE / "venv" / "bin" / "python"
BOOTSTRAP = ROOT / "scripts" / "bootstrap.sh"
# Each stack keeps its data in LOCAL/<name>/.
LOCAL = ROOT / ".local"


def shown(path: Path) -> str:
    """A path as the user reads it: relative to the repository when it lies inside."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)
