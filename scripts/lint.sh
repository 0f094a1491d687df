#!/usr/bin/env bash
# The lint `make lint` runs and `make test` runs before pytest: ruff's rules, ruff's formatting and
# mypy, each as pyproject.toml configures it. Stops at the first step that finds something and
# names it, so a test run does not start a stack for code that would not pass review.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/.cache/venv/bin"

say() { printf 'lint: %s\n' "$*"; }
fail() { printf 'lint: FAILED: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

for tool in ruff mypy; do
  [[ -x "$BIN/$tool" ]] || fail "$BIN/$tool is missing; run scripts/bootstrap.sh (it is in the dev extras)"
done
cd "$ROOT"

started="$(now)"
if ! "$BIN/ruff" check --output-format concise --quiet .; then
  fail "ruff check found the problems listed above; \`.cache/venv/bin/ruff check --fix .\` fixes some"
fi
say "ruff check: passed ($(since "$started"))"

started="$(now)"
if ! unformatted="$("$BIN/ruff" format --check --quiet . 2>&1)"; then
  printf '%s\n' "$unformatted" >&2
  fail "ruff format would reformat the files listed above; run \`.cache/venv/bin/ruff format .\`"
fi
say "ruff format: passed ($(since "$started"))"

started="$(now)"
# mypy's own summary line ("Found N errors in M files") ends its output.
if ! report="$("$BIN/mypy" 2>&1)"; then
  printf '%s\n' "$report" >&2
  fail "mypy: $(printf '%s\n' "$report" | tail -n 1)"
fi
say "mypy: passed ($(since "$started")): $(printf '%s\n' "$report" | tail -n 1)"
