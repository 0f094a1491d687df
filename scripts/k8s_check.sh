#!/usr/bin/env bash
# Offline checks of deploy/k8s, what `make k8s-check` runs (and tests/deploy through pytest):
#   1. installs its tools into .cache/ when missing: kustomize (Go module proxy), checkov (PyPI, its
#      own virtualenv), the Strimzi CRDs (Maven Central) and the CloudNativePG CRDs (Go modules);
#   2. renders every overlay in deploy/k8s/overlays with kustomize;
#   3. validates every rendered object against the Kubernetes JSON schemas (kubernetes-validate)
#      and every custom resource against its CRD's schema;
#   4. checks the platform's own rules (deploy/k8s/check.py policy) and the KafkaTopic file;
#   5. runs checkov.
# No cluster and, once .cache/ is filled, no network. Every step runs even when an earlier one
# failed, so one run shows every problem; the exit status is non-zero if any failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
K8S="$ROOT/deploy/k8s"
CACHE="$ROOT/.cache"
# Tools and downloads; overridable so that a first run can be timed without touching .cache/.
TOOLS="${K8S_TOOLS_DIR:-$CACHE/k8s-tools}"
OUT="$CACHE/k8s-check"
PYTHON="$CACHE/venv/bin/python"

# shellcheck source=../deploy/k8s/tools/versions.env
source "$K8S/tools/versions.env"

export GOMODCACHE="$TOOLS/go/mod"
export GOCACHE="$TOOLS/go/build"
export GOFLAGS=-mod=mod
export GOTOOLCHAIN=local
export UV_CACHE_DIR="$CACHE/uv"
export UV_PYTHON_DOWNLOADS=never
export CKV_SKIP_PACKAGE_UPDATE_CHECK=true
export BC_SKIP_MAPPING=TRUE
export CKV_PARSE_ERROR_FAIL=true
export CKV_CACHE_DIR="$TOOLS/checkov-cache"

KUSTOMIZE="$TOOLS/bin/kustomize"
CHECKOV_VENV="$TOOLS/checkov-venv"
CRDS="$TOOLS/crds"
MAVEN_REPO="$CACHE/m2"

say() { printf 'k8s-check: %s\n' "$*"; }
fail() { printf 'k8s-check: error: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
fingerprint() { cat "$@" | sha256sum | cut -d' ' -f1; }
stamp_matches() { [[ -f "$1" && "$(cat "$1")" == "$2" ]]; }

ensure_python() {
  [[ -x "$PYTHON" ]] || fail "the project virtualenv .cache/venv is missing; run scripts/bootstrap.sh first"
  "$PYTHON" -c 'import yaml, jsonschema, kubernetes_validate' 2>/dev/null \
    || fail ".cache/venv lacks pyyaml, jsonschema or kubernetes-validate; run scripts/bootstrap.sh (they are in requirements.lock)"
}

ensure_kustomize() {
  if [[ -x "$KUSTOMIZE" ]] && [[ "$("$KUSTOMIZE" version 2>/dev/null)" == "$KUSTOMIZE_VERSION" ]]; then
    return
  fi
  command -v go >/dev/null || fail "go is not on PATH; it builds kustomize $KUSTOMIZE_VERSION from the Go module proxy"
  local started; started="$(now)"
  mkdir -p "$TOOLS/bin"
  GOBIN="$TOOLS/bin" go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" \
    || fail "go install of kustomize $KUSTOMIZE_VERSION failed (needs the Go module proxy on a first run)"
  say "built kustomize $KUSTOMIZE_VERSION ($(since "$started"))"
}

uv_binary() {
  if [[ -x "$CACHE/uv-tool/bin/uv" ]]; then
    echo "$CACHE/uv-tool/bin/uv"
  elif command -v uv >/dev/null; then
    command -v uv
  fi
}

ensure_checkov() {
  local lock="$K8S/tools/checkov.lock" stamp="$CHECKOV_VENV/.k8s-check-stamp" wanted
  wanted="$(fingerprint "$lock")"
  if stamp_matches "$stamp" "$wanted" && [[ -x "$CHECKOV_VENV/bin/checkov" ]]; then
    return
  fi
  local python uv started; started="$(now)"
  python="$(command -v python3.11)" || fail "python3.11 is not on PATH; checkov runs in a virtualenv of its own"
  uv="$(uv_binary)"
  rm -rf "$CHECKOV_VENV"
  if [[ -n "$uv" ]]; then
    "$uv" venv --quiet --python "$python" "$CHECKOV_VENV" || fail "could not create $CHECKOV_VENV"
    { "$uv" pip sync --quiet --offline --python "$CHECKOV_VENV/bin/python" "$lock" 2>/dev/null \
      || "$uv" pip sync --quiet --python "$CHECKOV_VENV/bin/python" "$lock"; } \
      || fail "installing checkov from deploy/k8s/tools/checkov.lock failed (needs PyPI on a first run)"
  else
    "$python" -m venv "$CHECKOV_VENV" || fail "could not create $CHECKOV_VENV"
    "$CHECKOV_VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$lock" \
      || fail "installing checkov from deploy/k8s/tools/checkov.lock failed (needs PyPI on a first run)"
  fi
  echo "$wanted" > "$stamp"
  say "installed checkov from deploy/k8s/tools/checkov.lock ($(since "$started"))"
}

# The CRDs of one Go module version, copied out of the module's source tree.
fetch_go_module_crds() {
  local module="$1" version="$2" target="$3" dir
  dir="$(cd "$TOOLS" && go mod download -json "$module@$version" | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin).get("Dir", ""))')" \
    || fail "go mod download $module@$version failed (needs the Go module proxy on a first run)"
  [[ -d "$dir/config/crd/bases" ]] || fail "$module@$version has no config/crd/bases"
  mkdir -p "$target"
  cp "$dir"/config/crd/bases/*.yaml "$target/"
}

fetch_strimzi_crds() {
  local target="$1" jar_dir="$TOOLS/strimzi-jar"
  command -v mvn >/dev/null || fail "mvn is not on PATH; it fetches Strimzi's CRDs from Maven Central"
  local maven=(mvn -B -q -Dmaven.repo.local="$MAVEN_REPO" dependency:copy
               "-Dartifact=io.strimzi:api:$STRIMZI_API_VERSION:jar:tests" "-DoutputDirectory=$jar_dir")
  if ! "${maven[@]}" -o >/dev/null 2>&1; then
    "${maven[@]}" > "$TOOLS/maven.log" 2>&1 || {
      tail -20 "$TOOLS/maven.log" >&2
      fail "Maven could not fetch io.strimzi:api:$STRIMZI_API_VERSION:tests (needs Maven Central on a first run)"
    }
  fi
  mkdir -p "$target"
  "$PYTHON" - "$jar_dir/api-$STRIMZI_API_VERSION-tests.jar" "$target" <<'EOF'
import sys, zipfile
from pathlib import Path

jar, target = sys.argv[1], Path(sys.argv[2])
with zipfile.ZipFile(jar) as archive:
    names = [n for n in archive.namelist() if n.startswith("crds/v1/") and n.endswith(".yaml")]
    if not names:
        sys.exit(f"{jar} holds no crds/v1/*.yaml")
    for name in names:
        (target / Path(name).name).write_bytes(archive.read(name))
EOF
}

ensure_crds() {
  local stamp="$CRDS/.k8s-check-stamp" wanted="strimzi-$STRIMZI_API_VERSION cnpg-$CNPG_VERSION barman-$BARMAN_CLOUD_PLUGIN_VERSION"
  if stamp_matches "$stamp" "$wanted"; then
    return
  fi
  command -v go >/dev/null || fail "go is not on PATH; it fetches the CloudNativePG CRDs from the Go module proxy"
  local started; started="$(now)"
  rm -rf "$CRDS.partial"
  mkdir -p "$CRDS.partial"
  fetch_strimzi_crds "$CRDS.partial/strimzi-$STRIMZI_API_VERSION"
  fetch_go_module_crds github.com/cloudnative-pg/cloudnative-pg "$CNPG_VERSION" "$CRDS.partial/cloudnative-pg-$CNPG_VERSION"
  fetch_go_module_crds github.com/cloudnative-pg/plugin-barman-cloud "$BARMAN_CLOUD_PLUGIN_VERSION" \
    "$CRDS.partial/plugin-barman-cloud-$BARMAN_CLOUD_PLUGIN_VERSION"
  echo "$wanted" > "$CRDS.partial/.k8s-check-stamp"
  rm -rf "$CRDS"
  mv "$CRDS.partial" "$CRDS"
  say "fetched the CRDs of Strimzi $STRIMZI_API_VERSION, CloudNativePG $CNPG_VERSION and its Barman Cloud plugin $BARMAN_CLOUD_PLUGIN_VERSION ($(since "$started"))"
}

FAILED=()
step() {
  local name="$1"; shift
  local started; started="$(now)"
  if "$@"; then
    say "$name: passed ($(since "$started"))"
  else
    say "$name: FAILED ($(since "$started"))"
    FAILED+=("$name")
  fi
}

render_overlays() {
  rm -rf "$OUT/rendered"
  mkdir -p "$OUT/rendered"
  local overlay name ok=0 count=0
  for overlay in "$K8S"/overlays/*/; do
    name="$(basename "$overlay")"
    count=$((count + 1))
    if "$KUSTOMIZE" build "$overlay" > "$OUT/rendered/$name.yaml"; then
      echo "  $name: $(grep -c '^kind: ' "$OUT/rendered/$name.yaml") objects -> ${OUT#"$ROOT"/}/rendered/$name.yaml"
    else
      echo "  $name: kustomize build failed"
      rm -f "$OUT/rendered/$name.yaml"
      ok=1
    fi
  done
  [[ "$count" -gt 0 ]] || { echo "  no overlays in deploy/k8s/overlays"; return 1; }
  return "$ok"
}

run_checkov() {
  local status=0
  (cd "$OUT" && "$CHECKOV_VENV/bin/checkov" --config-file "$K8S/tools/checkov.yaml" -d rendered -o json) \
    > "$OUT/checkov.json" 2> "$OUT/checkov.log" || status=$?
  # checkov exits 1 when a check fails; anything else means it could not run.
  if [[ "$status" -gt 1 ]]; then
    echo "  checkov could not run (exit $status):"
    sed 's/^/    /' "$OUT/checkov.log" | tail -20
    return 1
  fi
  "$PYTHON" "$K8S/check.py" checkov-report "$OUT/checkov.json" --config "$K8S/tools/checkov.yaml"
}

main() {
  local started; started="$(now)"
  mkdir -p "$CACHE" "$TOOLS" "$OUT"
  # `make k8s-check` and the tests may run at once; they share the tools and the output folder.
  exec 8>"$CACHE/k8s-check.lock"
  flock 8
  ensure_python
  ensure_kustomize
  ensure_checkov
  ensure_crds

  local versions=() version
  for version in $KUBERNETES_VERSIONS; do versions+=(--kubernetes "$version"); done

  step "render (kustomize $KUSTOMIZE_VERSION)" render_overlays
  step "KafkaTopics match schemas/topics.py" "$PYTHON" "$K8S/check.py" topics
  if [[ -n "$(ls -A "$OUT/rendered" 2>/dev/null)" ]]; then
    step "schemas" "$PYTHON" "$K8S/check.py" validate "$OUT/rendered" --crds "$CRDS" "${versions[@]}"
    step "platform policies" "$PYTHON" "$K8S/check.py" policy "$OUT/rendered"
    step "image commands" "$PYTHON" "$K8S/check.py" commands "$OUT/rendered"
    step "checkov" run_checkov
  fi

  if [[ "${#FAILED[@]}" -gt 0 ]]; then
    say "FAILED: ${FAILED[*]} ($(since "$started"))"
    exit 1
  fi
  say "all checks passed ($(since "$started"))"
}

main "$@"
