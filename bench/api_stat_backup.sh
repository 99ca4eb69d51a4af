#!/usr/bin/env bash
# Unchanged re-backup through the Docker API path: full read against stat scan, same volume, same
# repository, each under /usr/bin/time (wall, user+sys of the volback process; dockerd's CPU from
# /proc). Usage: bench/api_stat_backup.sh [SIZE] [FILES] [REPEATS]   (default 1G 2000 3)
# Runs volback from target/classes with the JVM options of bin/volback (no jar needed); the volume
# is labelled io.volback.test=true and removed at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-1G} files=${2:-2000} repeats=${3:-3}
cp=$here/target/classes:$(cd "$here" && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
work=$(mktemp -d)
vol=volback-apistat-bench-$$
trap 'docker volume rm -f $vol >/dev/null; rm -rf "$work"' EXIT
docker volume create --label io.volback.test=true "$vol" >/dev/null
mp=$(docker volume inspect -f '{{.Mountpoint}}' "$vol")
BENCH_DIR=$here/bench python3 - "$mp" "$size" "$files" <<'PY'
import os, pathlib, sys
sys.path.insert(0, os.environ["BENCH_DIR"])
import bench
root, size, files = pathlib.Path(sys.argv[1]), bench.parse_size(sys.argv[2]), int(sys.argv[3])
print(bench.generate_dataset(root, size, files, 1, 0.5)[0])
PY
# No entry in the racy second of the first backup.
find "$mp" -depth -exec touch -h -d '2024-05-06 07:08:09' {} +
echo pw > "$work/pw"
volback() {
  java -XX:+UseSerialGC -Xmx128m -Xss512k -Djdk.nio.maxCachedBufferSize=1048576 \
    -XX:ReservedCodeCacheSize=48m -Xlog:disable -Xlog:all=error:stderr -cp "$cp" io.volback.cli.Main \
    -r "$work/repo" --password-file "$work/pw" "$@"
}
dockerd_cpu() { awk '{print $14 + $15}' /proc/"$(cat /var/run/docker.pid)"/stat; }
volback init >/dev/null
volback -q backup --read-path api "$vol"
for i in $(seq "$repeats"); do
  for mode in full stat; do
    d0=$(dockerd_cpu)
    /usr/bin/time -f "$mode: wall %e s user %U s sys %S s rss %M KiB" \
      env VOLBACK_API_READ=$mode bash -c "$(declare -f volback); cp='$cp' work='$work' volback -q backup --read-path api $vol" 2>&1 | tail -1
    d1=$(dockerd_cpu)
    echo "  dockerd cpu $(( (d1 - d0) ))/$(getconf CLK_TCK) s, load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
