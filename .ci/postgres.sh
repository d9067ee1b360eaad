#!/usr/bin/env bash
# PostgreSQL server binaries for the store tests (Debian's package), installed when missing.
# Only the binaries: the tests run initdb and start their own throwaway cluster, so the
# package's own service is neither needed nor started. Without root it only says what is missing
# (the PostgreSQL tests then skip, with the reason).
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "postgres.sh: PostgreSQL is not installed and this is not root; its tests will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
