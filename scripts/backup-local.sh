#!/usr/bin/env bash
# volback's main job on the embedded default: back up every named volume of the local Docker engine
# into a local folder repository. Creates the repository (and a random password file) on first use.
#   VOLBACK_REPOSITORY      repository folder   (default /var/backups/volback)
#   VOLBACK_PASSWORD_FILE   password file       (default /etc/volback/password, created 0600)
set -euo pipefail
cd "$(dirname "$0")/.."

export VOLBACK_REPOSITORY=${VOLBACK_REPOSITORY:-/var/backups/volback}
export VOLBACK_PASSWORD_FILE=${VOLBACK_PASSWORD_FILE:-/etc/volback/password}
volback() { bin/volback "$@"; }

if [ ! -f "$VOLBACK_PASSWORD_FILE" ]; then
  mkdir -p "$(dirname "$VOLBACK_PASSWORD_FILE")"
  (umask 077 && head -c 32 /dev/urandom | base64 > "$VOLBACK_PASSWORD_FILE")
  echo "created a random repository password in $VOLBACK_PASSWORD_FILE: keep a copy somewhere safe"
fi
if [ ! -f "$VOLBACK_REPOSITORY/config" ]; then
  volback init
fi
volback volumes
volback backup --all
volback snapshots
