#!/usr/bin/env python3
"""Measures whether a stat-based incremental API read can beat the full archive GET.

For an unchanged volume, a stat-based backup must at least stat every file (a file's content can
change without its directory's mtime changing), one HEAD /containers/{id}/archive?path=P each.
This tool times, on a never-started helper container (as volback uses): one HEAD (median), a HEAD
of every file and directory, and the full GET of the archive read to its end (Accept-Encoding:
identity, as volback asks). Wall time, this process's CPU and dockerd's CPU (from /proc) are
printed with the load average.

  python3 bench/api_stat_probe.py --size 1G --files 2000
  python3 bench/api_stat_probe.py --size 400M --files 100000

The volume is labelled io.volback.test=true and removed at the end.
"""
import argparse
import base64
import http.client
import json
import os
import pathlib
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import bench  # noqa: E402  (the data-set generator of bench/run.sh)

SOCK = "/var/run/docker.sock"
CLK = os.sysconf("SC_CLK_TCK")


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost")
        self.unix_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.unix_path)


def dockerd_pid():
    out = subprocess.run(["cat", "/var/run/docker.pid"], capture_output=True, text=True).stdout
    return int(out.strip())


def proc_cpu(pid):
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def measure(label, fn, dpid):
    t0, c0, d0 = time.monotonic(), time.process_time(), proc_cpu(dpid)
    result = fn()
    wall = time.monotonic() - t0
    cpu = time.process_time() - c0
    dcpu = proc_cpu(dpid) - d0
    load = os.getloadavg()[0]
    print(f"{label:44s} wall {wall:7.2f} s  client cpu {cpu:6.2f} s  dockerd cpu {dcpu:6.2f} s"
          f"  load {load:.2f}", flush=True)
    return result, wall


def head(conn, cid, path):
    conn.request("HEAD", f"/containers/{cid}/archive?path=" + urllib.parse.quote(path))
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        raise SystemExit(f"HEAD {path}: {r.status}")
    return json.loads(base64.b64decode(r.getheader("X-Docker-Container-Path-Stat")))


def full_get(cid):
    conn = UnixConnection(SOCK)
    conn.request("GET", f"/containers/{cid}/archive?path=/data",
                 headers={"Accept-Encoding": "identity"})
    r = conn.getresponse()
    n = 0
    while True:
        b = r.read(1 << 20)
        if not b:
            break
        n += len(b)
    conn.close()
    return n


def small_files(root, files, seed):
    import random
    rng = random.Random(seed)
    rels, total = [], 0
    for i in range(files):
        rel = f"d{i // 10000:02d}/s{i // 100 % 100:02d}/f{i:06d}.bin"
        n = rng.randint(1024, 16384)
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(n))
        rels.append(rel)
        total += n
    return {"files": files, "bytes": total}, rels


def docker(*args):
    return subprocess.run(["docker", *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", type=bench.parse_size, default=bench.parse_size("1G"))
    p.add_argument("--files", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--small", action="store_true",
                   help="100k-style set: random 1-16 KiB files, 100 per directory (fast to write)")
    p.add_argument("--single", type=int, default=200, help="HEADs timed for the per-request cost")
    a = p.parse_args()
    vol = f"volback-apistat-{os.getpid()}"
    docker("volume", "create", "--label", "io.volback.test=true", vol)
    cid = None
    try:
        mp = pathlib.Path(docker("volume", "inspect", "-f", "{{.Mountpoint}}", vol))
        if a.small:
            info, rels = small_files(mp, a.files, a.seed)
        else:
            info, rels = bench.generate_dataset(mp, a.size, a.files, a.seed, 0.5)
        dirs = sorted({str(pathlib.PurePosixPath(r).parent) for r in rels} - {"."})
        dirs = sorted({str(pathlib.PurePosixPath(*pathlib.PurePosixPath(d).parts[:i + 1]))
                       for d in dirs for i in range(len(pathlib.PurePosixPath(d).parts))})
        print(f"volume {vol}: {info['files']} files, {len(dirs)} directories, "
              f"{info['bytes'] / 2**20:.0f} MiB; cores {os.cpu_count()}", flush=True)
        cid = docker("create", "--label", "io.volback.test=true", "--network", "none",
                     "-v", f"{vol}:/data:ro", "volback-helper:1", "/nonexistent")
        subprocess.run(["sync"])
        dpid = dockerd_pid()
        conn = UnixConnection(SOCK)
        head(conn, cid, "/data")  # warm-up: connection, container mount
        one = []
        for i in range(a.single):
            t = time.monotonic()
            head(conn, cid, "/data/" + rels[i % len(rels)])
            one.append(time.monotonic() - t)
        print(f"one HEAD: median {statistics.median(one) * 1000:.2f} ms, "
              f"p90 {sorted(one)[int(len(one) * 0.9)] * 1000:.2f} ms over {a.single}", flush=True)
        paths = ["/data/" + d for d in dirs] + ["/data/" + r for r in rels]
        measure(f"HEAD of {len(paths)} files+dirs (1 connection)",
                lambda: [head(conn, cid, x) for x in paths], dpid)
        conn.close()
        full_get(cid)  # warm the page cache like an unchanged re-backup finds it
        n, _ = measure("full GET ?path=/data (cached)", lambda: full_get(cid), dpid)
        print(f"  archive bytes {n / 2**20:.0f} MiB", flush=True)
    finally:
        if cid:
            docker("rm", "-f", cid)
        docker("volume", "rm", "-f", vol)


if __name__ == "__main__":
    main()
