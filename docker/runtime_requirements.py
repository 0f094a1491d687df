"""Print the pins of requirements.lock that the services need at run time.

The lock also pins the `dev` extra (pytest, kubernetes-validate, ...). A package stays when the
lock's `# via` notes connect it to one of pyproject.toml's [project].dependencies; whatever only the
extras pull in is left out of the image.

    python docker/runtime_requirements.py requirements.lock pyproject.toml > runtime.txt

Standard library only: it runs in the bare Python image before anything is installed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
VIA_INLINE = re.compile(r"^\s+#\s+via\s+(\S.*)$")
VIA_HEADER = re.compile(r"^\s+#\s+via\s*$")
VIA_ITEM = re.compile(r"^\s+#\s{2,}(\S.*)$")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if not match:
        raise ValueError(f"cannot read a package name from {requirement!r}")
    return canonical(match.group(1))


def parse_lock(text: str) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    """The pins in order, and for each package the packages it is required `via`."""
    pins: list[tuple[str, str]] = []
    via: dict[str, set[str]] = defaultdict(set)
    current: str | None = None
    in_via_list = False
    for line in text.splitlines():
        pin = PIN.match(line)
        if pin:
            current = canonical(pin.group(1))
            pins.append((current, line.strip()))
            in_via_list = False
            continue
        if current is None:
            continue
        inline = VIA_INLINE.match(line)
        if inline:
            via[current].add(inline.group(1).strip())
            in_via_list = False
        elif VIA_HEADER.match(line):
            in_via_list = True
        elif in_via_list and VIA_ITEM.match(line):
            via[current].add(VIA_ITEM.match(line).group(1).strip())
        else:
            in_via_list = False
    return pins, via


def runtime_pins(lock_text: str, pyproject_text: str) -> list[str]:
    project = tomllib.loads(pyproject_text)["project"]
    roots = {requirement_name(r) for r in project.get("dependencies", [])}
    pins, via = parse_lock(lock_text)
    locked = {name for name, _ in pins}
    missing = sorted(roots - locked)
    if missing:
        raise SystemExit(f"requirements.lock does not pin {', '.join(missing)}; recompile the lock")

    children: dict[str, set[str]] = defaultdict(set)
    for child, parents in via.items():
        for parent in parents:
            if "(" not in parent:
                children[canonical(parent)].add(child)
    keep = set(roots)
    pending = list(roots)
    while pending:
        for child in children[pending.pop()]:
            if child not in keep:
                keep.add(child)
                pending.append(child)
    return [line for name, line in pins if name in keep]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    lock, pyproject = (Path(arg).read_text(encoding="utf-8") for arg in argv)
    print("\n".join(runtime_pins(lock, pyproject)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
