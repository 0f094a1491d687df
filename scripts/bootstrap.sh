#!/usr/bin/env bash
# Installs what the local stack runs on into .cache/: the Python virtualenv, the Kafka jars, the
# gateway's, the test identity provider's and the web console's node modules and the console's build (and the PostgreSQL,
# Chromium and CJK font packages when the machine lacks them).
# Every step is skipped when its inputs have not changed, so a second run is quick and offline.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
VENV="$CACHE/venv"
UV_VERSION="0.13.9"
UV_DIR="$CACHE/uv-tool"
UV="$UV_DIR/bin/uv"
KAFKA_LIBS="$CACHE/kafka-libs"
KAFKA_POM="$ROOT/scripts/kafka/pom.xml"
GATEWAY="$ROOT/gateway"
WEB="$ROOT/web"
OIDC_PROVIDER="$ROOT/tools/oidc-provider"

export UV_CACHE_DIR="$CACHE/uv"
export UV_PYTHON_DOWNLOADS=never
export PIP_CACHE_DIR="$CACHE/pip"

say() { printf 'bootstrap: %s\n' "$*"; }
fail() { printf 'bootstrap: error: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
fingerprint() { cat "$@" | sha256sum | cut -d' ' -f1; }

# A stamp file holds a hash of everything a step depends on; an unchanged hash means nothing to do.
stamp_matches() { [[ -f "$1" && "$(cat "$1")" == "$2" ]]; }

ensure_venv() {
  local python
  python="$(command -v python3.11)" || fail "python3.11 is not on PATH"
  if [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    return
  fi
  say "creating the virtualenv in .cache/venv"
  rm -rf "$VENV"
  "$python" -m venv --without-pip "$VENV"
}

# uv lives outside the virtualenv so that `uv pip sync` cannot uninstall it.
ensure_uv() {
  if [[ -x "$UV" ]] && [[ "$("$UV" --version 2>/dev/null)" == "uv $UV_VERSION"* ]]; then
    return
  fi
  local started; started="$(now)"
  rm -rf "$UV_DIR"
  python3.11 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --target "$UV_DIR" "uv==$UV_VERSION" \
    || fail "could not install uv $UV_VERSION from PyPI"
  say "installed uv $UV_VERSION ($(since "$started"))"
}

uv_quietly_offline_or_online() {
  "$UV" "$@" --offline --quiet 2>/dev/null || "$UV" "$@" --quiet
}

sync_python_packages() {
  local stamp="$VENV/.bootstrap-stamp" wanted
  wanted="$(fingerprint "$ROOT/requirements.lock" "$ROOT/pyproject.toml") uv-$UV_VERSION"
  if stamp_matches "$stamp" "$wanted"; then
    return
  fi
  local started; started="$(now)"
  rm -f "$stamp"
  uv_quietly_offline_or_online pip sync "$ROOT/requirements.lock" --python "$VENV/bin/python" \
    || fail "uv pip sync requirements.lock failed"
  (cd "$ROOT" && uv_quietly_offline_or_online pip install --no-deps -e . --python "$VENV/bin/python") \
    || fail "uv pip install -e . failed"
  echo "$wanted" > "$stamp"
  say "Python packages synced with requirements.lock ($(since "$started"))"
}

fetch_kafka_jars() {
  local target="$1"
  local maven=(mvn -B -q -f "$KAFKA_POM" -Dmaven.repo.local="$CACHE/m2" dependency:copy-dependencies
               -DoutputDirectory="$target")
  if [[ -d "$CACHE/m2" ]] && "${maven[@]}" -o >/dev/null 2>&1; then
    return
  fi
  if ! "${maven[@]}" >"$CACHE/maven.log" 2>&1; then
    tail -n 30 "$CACHE/maven.log" >&2
    fail "Maven could not download the Kafka jars (needs Maven Central; full output in .cache/maven.log)"
  fi
}

ensure_kafka_jars() {
  local stamp="$KAFKA_LIBS/.bootstrap-stamp" wanted
  wanted="$(fingerprint "$KAFKA_POM")"
  if stamp_matches "$stamp" "$wanted"; then
    return
  fi
  command -v java >/dev/null || fail "java is not on PATH (Java 17 runs Kafka)"
  command -v mvn >/dev/null || fail "mvn is not on PATH (Maven downloads Kafka)"
  local started; started="$(now)"
  # Into a fresh folder first, so an interrupted download never looks complete.
  rm -rf "$KAFKA_LIBS.partial"
  fetch_kafka_jars "$KAFKA_LIBS.partial"
  echo "$wanted" > "$KAFKA_LIBS.partial/.bootstrap-stamp"
  rm -rf "$KAFKA_LIBS"
  mv "$KAFKA_LIBS.partial" "$KAFKA_LIBS"
  say "Kafka jars in .cache/kafka-libs ($(ls "$KAFKA_LIBS"/*.jar | wc -l) jars, $(since "$started"))"
}

ensure_gateway_modules() {
  if [[ ! -f "$GATEWAY/package.json" ]]; then
    say "warning: gateway/package.json not found; the gateway cannot start until it exists"
    return
  fi
  if [[ ! -f "$GATEWAY/package-lock.json" ]]; then
    say "warning: gateway/package-lock.json not found; gateway modules not installed"
    return
  fi
  local stamp="$GATEWAY/node_modules/.bootstrap-stamp" wanted
  wanted="$(fingerprint "$GATEWAY/package-lock.json")"
  if stamp_matches "$stamp" "$wanted"; then
    return
  fi
  command -v npm >/dev/null || fail "npm is not on PATH (Node 20 runs the gateway)"
  local started; started="$(now)"
  npm ci --prefix "$GATEWAY" --cache "$CACHE/npm" --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null \
    || fail "npm ci in gateway/ failed"
  echo "$wanted" > "$stamp"
  say "gateway node modules installed ($(since "$started"))"
}

# The OpenID Connect provider the local stack starts for sign-in tests (tools/oidc-provider/).
ensure_oidc_provider_modules() {
  local stamp="$OIDC_PROVIDER/node_modules/.bootstrap-stamp" wanted
  wanted="$(fingerprint "$OIDC_PROVIDER/package-lock.json")"
  if stamp_matches "$stamp" "$wanted"; then
    return
  fi
  command -v npm >/dev/null || fail "npm is not on PATH (Node 20 runs the identity provider)"
  local started; started="$(now)"
  npm ci --prefix "$OIDC_PROVIDER" --cache "$CACHE/npm" --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null \
    || fail "npm ci in tools/oidc-provider/ failed"
  echo "$wanted" > "$stamp"
  say "identity provider node modules installed ($(since "$started"))"
}

ensure_postgresql() {
  if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    return
  fi
  [[ "$(id -u)" == 0 ]] || fail "PostgreSQL is not installed; run: sudo apt-get install -y postgresql"
  local started; started="$(now)"
  say "installing PostgreSQL with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
    || fail "apt-get install postgresql failed"
  say "PostgreSQL installed ($(since "$started"))"
}

ensure_web_console() {
  [[ -f "$WEB/package-lock.json" ]] || return 0
  local stamp="$WEB/node_modules/.bootstrap-stamp" wanted
  wanted="$(fingerprint "$WEB/package-lock.json")"
  if ! stamp_matches "$stamp" "$wanted"; then
    command -v npm >/dev/null || fail "npm is not on PATH (Node 20 builds the web console)"
    local started; started="$(now)"
    npm ci --prefix "$WEB" --cache "$CACHE/npm" --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null \
      || fail "npm ci in web/ failed"
    echo "$wanted" > "$stamp"
    say "web console node modules installed ($(since "$started"))"
  fi
  # Skipped inside when web/dist was built from the same sources.
  (cd "$ROOT" && python3 -m scripts.local_stack.web_build) >/dev/null || fail "building the web console failed (npm --prefix web run build)"
}

# The browser tests drive Debian's Chromium; without the CJK fonts Chinese renders as boxes.
ensure_browser_packages() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -d /usr/share/fonts/opentype/noto ]] && compgen -G '/usr/share/fonts/opentype/noto/NotoSansCJK*' >/dev/null || missing+=(fonts-noto-cjk)
  (( ${#missing[@]} )) || return 0
  if [[ "$(id -u)" != 0 ]]; then
    say "warning: ${missing[*]} missing (the browser tests need them); run: sudo apt-get install -y ${missing[*]}"
    return 0
  fi
  local started; started="$(now)"
  say "installing ${missing[*]} with apt-get"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || fail "apt-get install ${missing[*]} failed"
  fi
  say "${missing[*]} installed ($(since "$started"))"
}

main() {
  local started; started="$(now)"
  mkdir -p "$CACHE"
  # Several shells may run make targets at once; they share one virtualenv and one jar folder.
  exec 9>"$CACHE/bootstrap.lock"
  flock 9
  ensure_venv
  ensure_uv
  sync_python_packages
  ensure_kafka_jars
  ensure_gateway_modules
  ensure_oidc_provider_modules
  ensure_web_console
  ensure_postgresql
  ensure_browser_packages
  say "ready ($(since "$started"))"
}

main "$@"
