#!/usr/bin/env bash
# Makes the base image of volback's test images without a registry: a Debian bookworm root file
# system (debootstrap minbase from the machine's apt source) with a Java 17 runtime, OpenSSL 3
# (volback's fast scrypt), CA certificates and PostgreSQL 15 (the drills' database image shares
# this base), for tests only (the packages of the bookworm point release; no security suite),
# packed as a tar that `docker import` takes:
#   /var/cache/volback-test/base-<recipe-id>.tar
# The recipe id is a hash of the recipe below (testsupport/TestBaseImage computes the same), so a
# changed recipe makes a new base. The cache lives outside any clone, so a fresh clone reuses it.
# Idempotent and instant when the tar exists; built in a temporary directory and renamed into
# place, so a killed run leaves no half base. Needs root and debootstrap.
#   --id     prints the recipe id and exits
#   --path   prints the tar's path and exits
set -euo pipefail

script=$(readlink -f "$0")
cache=${VOLBACK_TEST_CACHE:-/var/cache/volback-test}
recipe_id=$(sed -n '/^# --- recipe ---$/,/^# --- end of recipe ---$/p' "$script" | sed '1d;$d' |
  sha256sum | cut -c1-12)
target=$cache/base-$recipe_id.tar

case ${1:-} in
  --id) echo "$recipe_id"; exit 0 ;;
  --path) echo "$target"; exit 0 ;;
  '') ;;
  *) echo "usage: $0 [--id|--path]" >&2; exit 2 ;;
esac

if [ -f "$target" ]; then
  echo "base image tar $target is there"
  exit 0
fi
command -v debootstrap >/dev/null || {
  echo "debootstrap is missing: apt-get install debootstrap (scripts/setup-machine.sh does)" >&2
  exit 1
}
mkdir -p "$cache"
work=$(mktemp -d "$cache/.base-$recipe_id.XXXXXX")
cleanup() {
  for fs in proc sys dev/pts; do
    umount "$work/root/$fs" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
root=$work/root
started=$SECONDS

# --- recipe ---
suite=bookworm
mirror=http://deb.debian.org/debian
packages=openjdk-17-jre-headless,libssl3,ca-certificates,postgresql-15
debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  exit 1
}
# The package made a cluster "main": images make their own data directories.
rm -rf "$root"/etc/postgresql/15/main "$root"/var/lib/postgresql/15/main
# No apt lists, caches, logs, documentation or manual pages in an image.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
  "$root"/var/log/* "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
  "$root"/tmp/* "$root"/root/.cache
# Smaller is faster here: the engines' vfs driver copies the whole file system for every container.
# PostgreSQL's JIT (LLVM and its solver, ~150 MB; without its provider PostgreSQL quietly runs
# without JIT), message translations and locale sources (~70 MB) go.
rm -rf "$root"/usr/lib/postgresql/15/lib/llvmjit* "$root"/usr/lib/postgresql/15/lib/bitcode \
  "$root"/usr/lib/x86_64-linux-gnu/libLLVM-14.so* "$root"/usr/lib/llvm-14 \
  "$root"/usr/lib/x86_64-linux-gnu/libz3.so* "$root"/usr/share/locale/* "$root"/usr/share/i18n
# --- end of recipe ---

tar --numeric-owner --xattrs -C "$root" -cf "$work/base.tar" .
mv "$work/base.tar" "$target"
echo "made $target ($(du -m "$target" | cut -f1) MB) in $((SECONDS - started)) s"
