#!/usr/bin/env bash
# volback vs restic benchmark; see bench/README.md. Run as root on a machine set up by
# scripts/setup-machine.sh (Docker engine A on /var/run/docker.sock).
set -euo pipefail
cd "$(dirname "$0")/.."

# restic and GNU time are the only extra tools; install them when missing.
missing=()
command -v restic >/dev/null || missing+=(restic)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
  echo "bench: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! timeout 10 docker -H unix:///var/run/docker.sock version >/dev/null 2>&1; then
  echo "bench: Docker engine A does not answer on /var/run/docker.sock (run scripts/setup-machine.sh)" >&2
  exit 1
fi
exec python3 bench/bench.py "$@"
