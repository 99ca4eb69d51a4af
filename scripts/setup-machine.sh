#!/usr/bin/env bash
# Installs and starts what volback's tests and demo need on a fresh Debian machine (run as root).
# Idempotent: what is already installed or running is left alone.
set -euo pipefail

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

need_pkgs=()
command -v java >/dev/null || need_pkgs+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need_pkgs+=(maven)
command -v dockerd >/dev/null || need_pkgs+=(docker.io)
# The tests build a runnable image from Debian's static busybox (a dynamic one would not run in it).
installed busybox-static || need_pkgs+=(busybox-static)
# setfattr/getfattr for the xattr interop tests.
command -v setfattr >/dev/null || need_pkgs+=(attr)
# The benchmark's smoke test runs restic beside volback, measured with GNU time.
command -v restic >/dev/null || need_pkgs+=(restic)
[ -x /usr/bin/time ] || need_pkgs+=(time)
# The base of the test images (volback's image, the drills' database image): scripts/make-base-image.sh.
command -v debootstrap >/dev/null || need_pkgs+=(debootstrap)
# strace proves that export fsyncs; chattr makes a repository folder read-only in a safety test.
command -v strace >/dev/null || need_pkgs+=(strace)
command -v chattr >/dev/null || need_pkgs+=(e2fsprogs)
# VersionAndGenerateTest renders the generated man pages; OutputConventionsTest runs under a pty.
command -v groff >/dev/null || need_pkgs+=(groff-base)
command -v man >/dev/null || need_pkgs+=(man-db)
command -v script >/dev/null || need_pkgs+=(bsdutils)
# The server's tests parse /metrics with the Prometheus project's own Python parser.
installed python3-prometheus-client || need_pkgs+=(python3-prometheus-client)
if ((${#need_pkgs[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

# Two Docker engines: A on the default socket, B stands for "another host" (own data and exec roots).
engine_flags=(--storage-driver=vfs --iptables=false --bridge=none)

answers() { timeout 10 docker -H "$1" version >/dev/null 2>&1; }

start_engine() { # name socket-url log extra-flags...
  local name=$1 host=$2 log=$3
  shift 3
  if answers "$host"; then
    echo "docker engine $name already answers on $host"
    return
  fi
  echo "starting docker engine $name on $host (log $log)"
  setsid nohup dockerd "${engine_flags[@]}" "$@" >>"$log" 2>&1 </dev/null &
}

wait_for_engine() { # name socket-url log
  local name=$1 host=$2 log=$3 deadline=$((SECONDS + 60))
  until answers "$host"; do
    if ((SECONDS >= deadline)); then
      echo "docker engine $name did not answer on $host within 60 s; last lines of $log:" >&2
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
    sleep 1
  done
  echo "docker engine $name is up on $host"
}

start_engine A unix:///var/run/docker.sock /var/log/volback-dockerd-a.log
# Docker 20.10 derives the engine ID from its key file (/etc/docker/key.json): a second engine
# needs its own, as a second machine has, or both report the same ID. The key path is only a
# daemon.json setting.
mkdir -p /etc/docker2
echo '{"deprecated-key-path": "/etc/docker2/key.json"}' >/etc/docker2/daemon.json
start_engine B unix:///var/run/docker2.sock /var/log/volback-dockerd-b.log \
  --data-root /var/lib/docker2 --exec-root /var/run/docker2 \
  -H unix:///var/run/docker2.sock --pidfile /var/run/docker2.pid \
  --config-file /etc/docker2/daemon.json
wait_for_engine A unix:///var/run/docker.sock /var/log/volback-dockerd-a.log
wait_for_engine B unix:///var/run/docker2.sock /var/log/volback-dockerd-b.log

# The base image of the test images, made locally (no registry here) and cached outside the clone
# (~8 minutes the first time, instant after), imported on both engines when they lack it.
make_base=$(dirname "$(readlink -f "$0")")/make-base-image.sh
"$make_base"
base_id=$("$make_base" --id)
base_tar=$("$make_base" --path)
for host in unix:///var/run/docker.sock unix:///var/run/docker2.sock; do
  docker -H "$host" image inspect "volback-test-base:$base_id" >/dev/null 2>&1 || {
    echo "importing volback-test-base:$base_id on $host"
    docker -H "$host" import "$base_tar" "volback-test-base:$base_id" >/dev/null
  }
done

# PostgreSQL for the clustered scheduler's tests (issue 12): Debian's server on 127.0.0.1:5432, a
# role volback/volback that may create databases (each test class creates and drops its own, so
# parallel runs never share tables) and a database volback_test (testsupport/TestPostgres).
installed postgresql || {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}
pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$pg_version main" ||
  pg_createcluster "$pg_version" main --port 5432 >/dev/null
# Loopback only; two clustered instances per test plus parallel runs need more than 100 connections.
cat >/etc/postgresql/"$pg_version"/main/conf.d/volback.conf <<'CONF'
listen_addresses = '127.0.0.1'
port = 5432
max_connections = 300
CONF
pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" {print $4}' | grep -qx online ||
  pg_ctlcluster "$pg_version" main start
pg_deadline=$((SECONDS + 60))
until pg_isready -q -h 127.0.0.1 -p 5432; do
  if ((SECONDS >= pg_deadline)); then
    echo "postgresql did not answer on 127.0.0.1:5432 within 60 s" >&2
    tail -n 20 /var/log/postgresql/postgresql-"$pg_version"-main.log >&2 || true
    exit 1
  fi
  sleep 1
done
as_postgres() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAc "$1"; }
[ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = 'volback'")" = 1 ] ||
  as_postgres "CREATE ROLE volback LOGIN CREATEDB PASSWORD 'volback'"
[ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname = 'volback_test'")" = 1 ] ||
  as_postgres "CREATE DATABASE volback_test OWNER volback"
echo "postgresql $pg_version is up on 127.0.0.1:5432 (role volback, database volback_test)"
