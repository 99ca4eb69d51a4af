#!/usr/bin/env bash
# Installs and starts what volback's tests and demo need on a fresh Debian machine (run as root).
# Idempotent: what is already installed or running is left alone.
set -euo pipefail

need_pkgs=()
command -v java >/dev/null || need_pkgs+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need_pkgs+=(maven)
if ((${#need_pkgs[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi
