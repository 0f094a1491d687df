#!/usr/bin/env python3
"""The web console as a component of a local stack (see scripts/stack.py), and its cached build.

    python3 scripts/stack_web.py build    build web/dist unless its sources are unchanged

Standard library only, like stack.py: it runs before the virtualenv exists.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
WEB_DIR = ROOT / "web"
WEB_SERVER = WEB_DIR / "server" / "main.mjs"
DIST = WEB_DIR / "dist"
BUILD_STAMP = DIST / ".build-stamp"
VITE = WEB_DIR / "node_modules" / "vite"
PORT_OFFSET = 5
# What the build reads; a change to any of them means a new build.
BUILD_INPUTS = (
    "src",
    "public",
    "index.html",
    "vite.config.ts",
    "tsconfig.json",
    "package-lock.json",
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


def web_url(base: int) -> str:
    return f"http://127.0.0.1:{base + PORT_OFFSET}/"


def web_component(stack: ModuleType) -> type:
    """The console's Component class, built on stack.py's (passed in to avoid a circular import)."""

    class WebConsole(stack.Component):
        name = "web"
        ready_timeout = 60.0

        @property
        def marker(self) -> str:
            return str(WEB_SERVER)

        def owns(self, pid: int) -> bool:
            """Every stack runs the same command; the port in its environment tells them apart."""
            return stack.is_alive(pid, self.marker) and (
                f"WEB_PORT={self.port}" in stack.process_environment(pid)
            )

        @property
        def address(self) -> str:
            return f"http://127.0.0.1:{self.port}/"

        def problem(self) -> str | None:
            if shutil.which("node") is None:
                return "web: `node` is not on PATH (Node 20 serves the console)"
            if not WEB_SERVER.exists():
                return f"web: {WEB_SERVER.relative_to(ROOT)} is missing"
            if not VITE.is_dir():
                return f"web: {VITE.relative_to(ROOT)} is missing (run scripts/bootstrap.sh)"
            return None

        def start(self) -> None:
            try:
                if build(self.stack.log(self.name)):
                    print(f"  {self.name:<12} built web/dist")
            except RuntimeError as error:
                raise stack.StackError(
                    f"{error}\n{stack.log_tail(self.stack.log(self.name))}"
                ) from None
            env = stack.process_env(
                self.stack, {"WEB_HOST": "127.0.0.1", "WEB_PORT": str(self.port)}
            )
            stack.spawn(self.stack, self.name, ["node", str(WEB_SERVER)], env)

        def ready(self) -> bool:
            return stack.http_ok(f"http://127.0.0.1:{self.port}/healthz")

    return WebConsole


def main(argv: list[str]) -> int:
    if argv != ["build"]:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    try:
        built = build()
    except RuntimeError as error:
        print(f"stack_web: error: {error}", file=sys.stderr)
        return 1
    print("web console built" if built else "web console build is current")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
