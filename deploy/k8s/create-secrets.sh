#!/usr/bin/env bash
# Creates the Secrets the manifests refer to, in the cluster kubectl points at. A Secret that
# already exists is left alone, so running it again never rotates anything by surprise.
#
#   deploy/k8s/create-secrets.sh NAMESPACE --jwt-public-key FILE [--ledger-key FILE]   (production)
#   deploy/k8s/create-secrets.sh NAMESPACE --dev                                        (dev overlay)
#
# Creates:
#   indicator-database, scoring-database, development-database
#       kubernetes.io/basic-auth, username = the service, a random password. CloudNativePG sets each
#       role's password from it and the service builds its database URL from it.
#   platform-jwt
#       JWT_PUBLIC_KEY: the PEM that verifies RS256 tokens (--jwt-public-key), or, with --dev,
#       JWT_SECRET: a random HS256 secret that a developer also uses to mint tokens.
#   scoring-ledger-key
#       the Ed25519 key that signs evidence-ledger checkpoints (--ledger-key, or a new one).
#   platform-db-backup-credentials (only when PLATFORM_DB_BACKUP_ACCESS_KEY_ID and
#       PLATFORM_DB_BACKUP_SECRET_ACCESS_KEY are set): the object-store keys of the backups.
#
# Values never pass through the command line of any process: they are written to files in a
# private temporary folder and handed to kubectl with --from-file.
set -euo pipefail

usage() {
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
NAMESPACE="$1"
shift
JWT_PUBLIC_KEY_FILE=""
LEDGER_KEY_FILE=""
DEV=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jwt-public-key) JWT_PUBLIC_KEY_FILE="${2:?}"; shift 2 ;;
    --ledger-key) LEDGER_KEY_FILE="${2:?}"; shift 2 ;;
    --dev) DEV=true; shift ;;
    *) usage ;;
  esac
done
if [[ "$DEV" == false && -z "$JWT_PUBLIC_KEY_FILE" ]]; then
  echo "create-secrets: give --jwt-public-key FILE (production) or --dev" >&2
  exit 2
fi

command -v kubectl >/dev/null || { echo "create-secrets: kubectl is not on PATH" >&2; exit 1; }
command -v openssl >/dev/null || { echo "create-secrets: openssl is not on PATH" >&2; exit 1; }

umask 077
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

exists() { kubectl get secret "$1" --namespace "$NAMESPACE" >/dev/null 2>&1; }

# Hex only: the services put the password into a database URL, where it must not need escaping.
random_hex() { openssl rand -hex "$1"; }

for service in indicator scoring development; do
  name="$service-database"
  if exists "$name"; then
    echo "create-secrets: $name exists, kept"
    continue
  fi
  random_hex 32 | tr -d '\n' > "$WORK/password"
  kubectl create secret generic "$name" --namespace "$NAMESPACE" --type kubernetes.io/basic-auth \
    --from-literal "username=$service" --from-file "password=$WORK/password" >/dev/null
  # CloudNativePG re-reads a labelled Secret when it changes, so a rotated password takes effect.
  kubectl label secret "$name" --namespace "$NAMESPACE" cnpg.io/reload=true >/dev/null
  echo "create-secrets: created $name"
done

if exists platform-jwt; then
  echo "create-secrets: platform-jwt exists, kept"
elif [[ "$DEV" == true ]]; then
  random_hex 48 | tr -d '\n' > "$WORK/jwt-secret"
  kubectl create secret generic platform-jwt --namespace "$NAMESPACE" \
    --from-file "JWT_SECRET=$WORK/jwt-secret" >/dev/null
  echo "create-secrets: created platform-jwt with a random HS256 JWT_SECRET"
else
  [[ -f "$JWT_PUBLIC_KEY_FILE" ]] || { echo "create-secrets: $JWT_PUBLIC_KEY_FILE is not a file" >&2; exit 1; }
  kubectl create secret generic platform-jwt --namespace "$NAMESPACE" \
    --from-file "JWT_PUBLIC_KEY=$JWT_PUBLIC_KEY_FILE" >/dev/null
  echo "create-secrets: created platform-jwt from $JWT_PUBLIC_KEY_FILE"
fi

if exists scoring-ledger-key; then
  echo "create-secrets: scoring-ledger-key exists, kept"
else
  if [[ -n "$LEDGER_KEY_FILE" ]]; then
    cp "$LEDGER_KEY_FILE" "$WORK/ledger.pem"
  else
    openssl genpkey -algorithm ed25519 -out "$WORK/ledger.pem"
  fi
  kubectl create secret generic scoring-ledger-key --namespace "$NAMESPACE" \
    --from-file "ledger-checkpoint-ed25519.pem=$WORK/ledger.pem" >/dev/null
  echo "create-secrets: created scoring-ledger-key (keep a copy: checkpoints signed with it are verified with its public half)"
fi

if [[ -n "${PLATFORM_DB_BACKUP_ACCESS_KEY_ID:-}" && -n "${PLATFORM_DB_BACKUP_SECRET_ACCESS_KEY:-}" ]]; then
  if exists platform-db-backup-credentials; then
    echo "create-secrets: platform-db-backup-credentials exists, kept"
  else
    printf '%s' "$PLATFORM_DB_BACKUP_ACCESS_KEY_ID" > "$WORK/access-key-id"
    printf '%s' "$PLATFORM_DB_BACKUP_SECRET_ACCESS_KEY" > "$WORK/secret-access-key"
    kubectl create secret generic platform-db-backup-credentials --namespace "$NAMESPACE" \
      --from-file "ACCESS_KEY_ID=$WORK/access-key-id" --from-file "ACCESS_SECRET_KEY=$WORK/secret-access-key" >/dev/null
    echo "create-secrets: created platform-db-backup-credentials"
  fi
fi
