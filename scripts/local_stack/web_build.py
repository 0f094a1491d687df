"""The web console's cached build: web/dist is rebuilt only when its sources changed.

    python3 -m scripts.local_stack.web_build     build web/dist unless its sources are unchanged

Standard library only, like the rest of the stack: bootstrap runs it before the virtualenv exists.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from scripts.local_stack.paths import ROOT

WEB_DIR = ROOT / "web"
WEB_SERVER = WEB_DIR / "server" / "main.mjs"
DIST = WEB_DIR / "dist"
BUILD_STAMP = DIST / ".build-stamp"
VITE = WEB_DIR / "node_modules" / "vite"
# What the build reads; a change to any of them means a new build.
BUILD_INPUTS = (
    "src",
    "public",
    "index.html",
    "vite.config.ts",
    "tsconfig.json",
    "package-lock.json",
    # The console maps provider tokens with the gateway's rules (docs/identity.md).
    "../schemas/identity",
)


def source_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in BUILD_INPUTS:
        path = WEB_DIR / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.exists():
                digest.update(str(file.relative_to(WEB_DIR)).encode() + b"\0")
                digest.update(file.read_bytes())
    return digest.hexdigest()


def build_is_current() -> bool:
    try:
        return BUILD_STAMP.read_text().strip() == source_fingerprint()
    except OSError:
        return False


def build(log: Path | None = None) -> bool:
    """Builds web/dist when its sources changed; returns whether it built."""
    if build_is_current():
        return False
    wanted = source_fingerprint()
    argv = ["npm", "run", "--silent", "--prefix", str(WEB_DIR), "build"]
    if log is None:
        result = subprocess.run(argv, cwd=ROOT, stdin=subprocess.DEVNULL)
    else:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "ab") as out:
            result = subprocess.run(
                argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT
            )
    if result.returncode != 0:
        raise RuntimeError(f"building the web console failed (exit {result.returncode})")
    BUILD_STAMP.write_text(wanted + "\n")
    return True


def main(argv: list[str]) -> int:
    if argv:
        print("usage: python3 -m scripts.local_stack.web_build", file=sys.stderr)
        return 2
    try:
        built = build()
    except RuntimeError as error:
        print(f"web_build: error: {error}", file=sys.stderr)
        return 1
    print("web console built" if built else "web console build is current")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
