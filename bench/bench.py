#!/usr/bin/env python3
"""volback vs restic benchmark harness (issue #4). Start it through bench/run.sh; see bench/README.md.

Flow: generate a seeded data set into a Docker volume on engine A, start S3Proxy on loopback, then
per repeat: reference rows (tar read / tar write), and for every tool a fresh bucket with first
backup, unchanged backup, backup after changing ~1% of the files, full restore into a fresh volume,
repository size. Every command runs under /usr/bin/time -v; medians over the repeats go into a table,
bench/out/results.json and bench/out/results.csv.
"""
import argparse
import csv
import filecmp
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
MIB = 1 << 20
ACCESS_KEY = "volback-bench-access-key"
SECRET_KEY = "volback-bench-secret-key-0123456789"
PASSWORD = "volback-bench-password"
LABEL = "io.volback.bench=true"

SCENARIOS = ["first backup", "unchanged backup", "forced re-read", "1% changed backup",
             "full restore",
             "list snapshots (fixed cost)", "repository size"]
NO_THROUGHPUT = {"list snapshots (fixed cost)", "repository size"}
REFERENCE = ["read: tar -cf - . | cat", "write: tar -c | tar -xp"]
WARM_TOOL = "volback mountpoint, warm JVM"
WARM_RUNS = 3
# bin/volback's JVM options, for the warm-JVM rows (which cannot go through the launcher).
LAUNCHER_JVM_OPTS = ["-XX:+UseSerialGC", "-Xmx128m", "-Xss512k", "-Djdk.nio.maxCachedBufferSize=1048576",
                     "-XX:ReservedCodeCacheSize=48m"]


class BenchError(Exception):
    pass


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def parse_size(text):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT]?)(i?B)?", text.strip(), re.I)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 1G, 512M, 8M)")
    return int(float(m.group(1)) * 1024 ** "_KMGT".index(m.group(2).upper() or "_"))


def show(argv):
    """The command line for messages, with class paths shortened."""
    return " ".join("<classpath>" if len(str(a)) > 200 else str(a) for a in argv)


def sh(*argv, capture=True, check=True, env=None):
    p = subprocess.run(argv, text=True, capture_output=capture, env=env)
    if check and p.returncode != 0:
        raise BenchError(f"command failed ({p.returncode}): {show(argv)}\n"
                         f"{(p.stderr or '')[-3000:]}")
    return (p.stdout or "").strip()


# ---------------------------------------------------------------------------------------------
# Docker volumes (engine A), all named volback-bench-<run>-..., labelled io.volback.bench=true

class Volumes:
    def __init__(self, run_id):
        self.run_id = run_id
        self.docker = ["docker", "-H", "unix:///var/run/docker.sock"]

    def create(self, suffix):
        name = f"volback-bench-{self.run_id}-{suffix}"
        sh(*self.docker, "volume", "create", "--label", LABEL,
           "--label", f"io.volback.bench.run={self.run_id}", name)
        return name

    def mountpoint(self, name):
        return Path(sh(*self.docker, "volume", "inspect", "-f", "{{.Mountpoint}}", name))

    def remove(self, name):
        sh(*self.docker, "volume", "rm", "-f", name, check=False)

    def remove_all(self):
        names = sh(*self.docker, "volume", "ls", "-q", "--filter",
                   f"label=io.volback.bench.run={self.run_id}", check=False).split()
        for name in names:
            if name.startswith("volback-bench-"):
                self.remove(name)


# ---------------------------------------------------------------------------------------------
# The data set: seeded, half random and half compressible text by bytes (--text-fraction);
# 1 of 200 files is large and the large ones hold half the bytes, the rest are small files with
# log-uniform sizes in a two-level directory tree.

def make_words(rng):
    words = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 10)))
             for _ in range(4096)]
    words.append("\n")
    # Zipf-like frequencies, newline about every 12 words.
    weights = [1.0 / (i + 1) for i in range(len(words) - 1)]
    weights.append(sum(weights) / 11)
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    return words, cum


def write_text(f, rng, words, size):
    left = size
    while left > 0:
        block = " ".join(rng.choices(words[0], cum_weights=words[1], k=200_000)).encode()
        f.write(block[:left])
        left -= min(left, len(block))


def write_random(f, rng, size):
    left = size
    while left > 0:
        n = min(left, MIB)
        f.write(rng.randbytes(n))
        left -= n


def plan_dataset(size, files, seed, text_fraction):
    rng = random.Random(seed)
    n_large = max(1, files // 200)
    n_small = files - n_large
    large_bytes = size // 2 if n_small else size
    raw = [rng.uniform(9, 21) for _ in range(n_small)]  # log2 of 512 B .. 2 MiB
    raw = [2 ** r for r in raw]
    scale = (size - large_bytes) / sum(raw) if raw else 0
    sizes = [max(1, int(r * scale)) for r in raw] + [large_bytes // n_large] * n_large
    paths = [f"d{i // 100:03d}/s{i // 10 % 10}/f{i:05d}" for i in range(n_small)]
    paths += [f"large/big{i:03d}" for i in range(n_large)]
    order = list(range(files))
    rng.shuffle(order)
    plan, text_bytes, assigned = [None] * files, 0, 0
    for i in order:
        is_text = text_bytes < text_fraction * (assigned + sizes[i] / 2)
        text_bytes += sizes[i] if is_text else 0
        assigned += sizes[i]
        plan[i] = (paths[i] + (".txt" if is_text else ".bin"), sizes[i], is_text)
    return plan


def generate_dataset(root, size, files, seed, text_fraction):
    plan = plan_dataset(size, files, seed, text_fraction)
    rng = random.Random(seed + 1)
    words = make_words(rng)
    for rel, n, is_text in plan:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            if is_text:
                write_text(f, rng, words, n)
            else:
                write_random(f, rng, n)
    total = sum(n for _, n, _ in plan)
    text = sum(n for _, n, t in plan if t)
    return {"files": len(plan), "bytes": total, "textBytes": text, "seed": seed,
            "largeFiles": sum(1 for r, _, _ in plan if r.startswith("large/"))}, [r for r, _, _ in plan]


def change_files(root, rels, seed, saved_dir):
    """Overwrites 4 KiB at a seeded offset in ~1% of the files (size kept, mtime now); the
    originals go to saved_dir so that restore_changed() puts the data set back."""
    rng = random.Random(seed * 7919 + 17)
    picks = sorted(rng.sample(rels, max(1, round(len(rels) / 100))))
    changed_bytes = 0
    for rel in picks:
        path = root / rel
        dst = saved_dir / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dst)
        size = path.stat().st_size
        n = min(4096, size)
        with open(path, "r+b") as f:
            f.seek(rng.randrange(0, size - n + 1))
            f.write(rng.randbytes(n))
        changed_bytes += size
    return picks, changed_bytes


def restore_changed(root, picks, saved_dir):
    for rel in picks:
        shutil.copy2(saved_dir / rel, root / rel)


def tree_summary(root):
    files, total = 0, 0
    for dirpath, _, names in os.walk(root):
        for name in names:
            st = os.lstat(os.path.join(dirpath, name))
            files += 1
            total += st.st_size
    return files, total


def same_tree(a, b):
    cmp = filecmp.dircmp(a, b)
    stack = [cmp]
    while stack:
        c = stack.pop()
        if c.left_only or c.right_only or c.funny_files:
            return False
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        if mismatch or errors:
            return False
        stack.extend(c.subdirs.values())
    return True


def dir_bytes(root):
    return tree_summary(root)[1] if root.exists() else 0


def proc_cpu_seconds(pid):
    """User + system CPU seconds a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def dockerd_pid():
    try:
        return int(Path("/var/run/docker.pid").read_text().strip())
    except (OSError, ValueError):
        return None


# ---------------------------------------------------------------------------------------------
# S3Proxy on loopback, filesystem backend, AWS v4 auth, logging at WARN

class S3Server:
    def __init__(self, java, classpath, workdir):
        self.basedir = workdir / "s3"
        self.basedir.mkdir()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"
        props = workdir / "s3proxy.properties"
        props.write_text(
            f"s3proxy.endpoint={self.endpoint}\n"
            "s3proxy.authorization=aws-v2-or-v4\n"
            f"s3proxy.identity={ACCESS_KEY}\n"
            f"s3proxy.credential={SECRET_KEY}\n"
            "jclouds.provider=filesystem\n"
            f"jclouds.filesystem.basedir={self.basedir}\n")
        self.log_path = workdir / "s3proxy.log"
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [java, "-Xmx1g", f"-Dlogback.configurationFile={BENCH / 's3proxy-logback.xml'}",
             "-cp", classpath, "org.gaul.s3proxy.Main", "--properties", str(props)],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise BenchError(f"S3Proxy exited with {self.proc.returncode}; see {self.log_path}:\n"
                                 + self.log_path.read_text()[-3000:])
            try:
                urllib.request.urlopen(self.endpoint + "/", timeout=2)
                break
            except urllib.error.HTTPError:
                break  # 403 without credentials: it answers
            except OSError:
                if time.monotonic() > deadline:
                    raise BenchError(f"S3Proxy did not answer on {self.endpoint} within 60 s")
                time.sleep(0.3)
        log(f"S3Proxy up on {self.endpoint} (pid {self.proc.pid}, data {self.basedir})")

    def cpu_seconds(self):
        return proc_cpu_seconds(self.proc.pid)

    def bucket(self, name):
        (self.basedir / name).mkdir()  # the filesystem backend's bucket is a folder
        return name

    def bucket_bytes(self, name):
        return dir_bytes(self.basedir / name)

    def drop_bucket(self, name):
        shutil.rmtree(self.basedir / name, ignore_errors=True)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


# ---------------------------------------------------------------------------------------------
# Measuring one command

TIME_FIELDS = {"Maximum resident set size (kbytes)": "rssKiB", "User time (seconds)": "user",
               "System time (seconds)": "sys"}


class Runner:
    def __init__(self, args, s3, env, logfile):
        self.cold = args.cold
        self.s3 = s3
        self.dockerd = dockerd_pid()
        self.env = env
        self.logfile = logfile

    def run(self, label, argv, env=None):
        """Runs argv under /usr/bin/time -v; returns its figures; fails loudly on a non-zero exit."""
        if self.cold:
            sh("sync")
            Path("/proc/sys/vm/drop_caches").write_text("3\n")
        with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
            s3_before = self.s3.cpu_seconds() if self.s3 else 0
            dockerd_before = proc_cpu_seconds(self.dockerd) if self.dockerd else 0
            start = time.monotonic()
            p = subprocess.run(["/usr/bin/time", "-v", "-o", tf.name, *argv], text=True,
                               capture_output=True, env=env or self.env)
            wall = time.monotonic() - start
            s3_cpu = (self.s3.cpu_seconds() - s3_before) if self.s3 else 0
            dockerd_cpu = (proc_cpu_seconds(self.dockerd) - dockerd_before) if self.dockerd else None
            figures = {}
            for line in tf.read().splitlines():
                key, _, value = line.strip().rpartition(": ")
                if key in TIME_FIELDS:
                    figures[TIME_FIELDS[key]] = float(value)
        self.logfile.write(f"== {label}: {show(argv)}\n   exit {p.returncode}, "
                           f"{wall:.2f} s\n{p.stdout[-2000:]}{p.stderr[-4000:]}\n")
        self.logfile.flush()
        if p.returncode != 0:
            raise BenchError(f"{label} failed with exit {p.returncode}: {show(argv)}\n"
                             f"stdout: {p.stdout[-2000:]}\nstderr: {p.stderr[-4000:]}")
        log(f"{label}: {wall:.2f} s, peak RSS {figures.get('rssKiB', 0) / 1024:.0f} MiB")
        return {"wall": wall, "cpu": figures.get("user", 0) + figures.get("sys", 0),
                "s3cpu": s3_cpu, "dockerdCpu": dockerd_cpu, "rssMiB": figures.get("rssKiB", 0) / 1024, "stdout": p.stdout}


# ---------------------------------------------------------------------------------------------
# The tools

class Volback:
    """volback run through `command` (bin/volback, `java -jar`, or the test class path)."""

    def __init__(self, name, command, read_path, write_path, s3, env):
        self.name, self.command, self.env = name, command, env
        self.read_path, self.write_path, self.s3 = read_path, write_path, s3

    def cmd(self, bucket, *args):
        return [*self.command, "-r", f"s3://{bucket}", "--s3-endpoint",
                self.s3.endpoint, "--s3-path-style", *args]

    def init(self, bucket):
        sh(*self.cmd(bucket, "init"), env=self.env)

    def backup(self, runner, label, bucket, volume, mountpoint, force=False):
        r = runner.run(label, self.cmd(bucket, "--json", "backup", volume, "--read-path",
                                       self.read_path, *(["--force"] if force else [])))
        # JSON lines (docs/json.md): status lines, then one summary line; errors go to stderr
        lines = [json.loads(line) for line in r["stdout"].splitlines() if line.strip()]
        summaries = [line for line in lines if line.get("message_type") == "summary"]
        if len(summaries) != 1:
            raise BenchError(f"{label}: volback printed no summary line: {r['stdout'][-500:]}")
        r["snapshot"] = summaries[0]["snapshot_id"]
        r["stats"] = summaries[0]
        return r

    def list_snapshots(self, runner, label, bucket):
        return runner.run(label, self.cmd(bucket, "--json", "snapshots"))

    def restore(self, runner, label, bucket, snapshot, volume, mountpoint, source_volume):
        r = runner.run(label, self.cmd(bucket, "restore", snapshot, "--to", volume,
                                       "--write-path", self.write_path))
        return r, mountpoint


class Restic:
    name = "restic"

    def __init__(self, s3, cache_dir, env):
        self.s3, self.cache, self.env = s3, cache_dir, env

    def cmd(self, bucket, *args):
        return ["restic", "-r", f"s3:{self.s3.endpoint}/{bucket}", "--cache-dir", str(self.cache),
                "-q", *args]

    def init(self, bucket):
        sh(*self.cmd(bucket, "init"), env=self.env)

    def backup(self, runner, label, bucket, volume, mountpoint, force=False):
        r = runner.run(label, self.cmd(bucket, "backup", *(["--force"] if force else []),
                                       str(mountpoint)))
        r["snapshot"] = "latest"
        return r

    def list_snapshots(self, runner, label, bucket):
        return runner.run(label, self.cmd(bucket, "snapshots"))

    def restore(self, runner, label, bucket, snapshot, volume, mountpoint, source_mountpoint):
        r = runner.run(label, self.cmd(bucket, "restore", snapshot, "--target", str(mountpoint)))
        # restic restores the absolute source path below the target
        return r, mountpoint / str(source_mountpoint).lstrip("/")


# ---------------------------------------------------------------------------------------------

def machine_info(java):
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.*)$", cpuinfo, re.M)
    flags = set(re.search(r"^flags\s*:\s*(.*)$", cpuinfo, re.M).group(1).split())
    mem = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1)
    java_version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    restic = subprocess.run(["restic", "version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    return {
        "cores": os.cpu_count(), "model": model.group(1) if model else "?",
        "flags": {f: f in flags for f in ["aes", "sha_ni", "avx2", "avx512f", "pclmulqdq"]},
        "memGiB": round(int(mem) / 1024 / 1024, 1), "kernel": platform.release(),
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
        "java": java_version.splitlines()[0] if java_version else "?", "restic": restic,
        "volbackCommit": commit,
        "dockerStorageDriver": sh("docker", "info", "-f", "{{.Driver}}", check=False),
    }


def median_row(samples):
    keys = ["wall", "mibps", "cpu", "s3cpu", "dockerdCpu", "rssMiB", "bytes"]
    row = {}
    for k in keys:
        values = [s[k] for s in samples if s.get(k) is not None]
        row[k] = statistics.median(values) if values else None
    row["walls"] = [round(s["wall"], 3) for s in samples if s.get("wall") is not None]
    return row


def fmt(v, spec):
    return "-".rjust(int(re.match(r"\d+", spec).group())) if v is None else format(v, spec)


def print_table(result, out):
    ds = result["dataset"]
    m = result["machine"]
    lines = [
        f"volback benchmark  {time.strftime('%Y-%m-%d %H:%M')}  volback {m['volbackCommit']}, "
        f"{m['restic']}",
        f"machine: {m['cores']} cores, {m['model']}, {m['memGiB']} GiB, flags "
        + " ".join(f"{k}={'yes' if v else 'no'}" for k, v in m["flags"].items())
        + f", load {' '.join(m['loadavg'])}, docker {m['dockerStorageDriver']}",
        f"{m['java']}; S3Proxy 2.6.0 filesystem backend on loopback (same machine)",
        f"data set: {ds['files']} files, {ds['bytes'] / MIB:.1f} MiB ({ds['textBytes'] / MIB:.1f} MiB "
        f"text), seed {ds['seed']}; 1% change: {ds['changedFiles']} files, "
        f"{ds['changedFileBytes'] / MIB:.1f} MiB in them; cache {result['cache']}; "
        f"median of {result['repeat']} repeat(s)",
        "",
    ]
    head = (f"{'scenario':<28}{'tool':<30}{'wall s':>8}{'MiB/s':>9}{'CPU s':>8}{'S3 CPU':>8}"
            f"{'dockerd':>8}"
            f"{'RSS MiB':>9}{'stored MiB':>11}{'time x':>8}{'thru x':>8}")
    lines += [head, "-" * len(head)]
    for row in result["rows"]:
        ratio_t, ratio_b = row.get("timeRatio"), row.get("throughputRatio")
        if row["scenario"] == "repository size":
            ratio_t, ratio_b = row.get("bytesRatio"), None
        lines.append(
            f"{row['scenario']:<28}{row['tool']:<30}{fmt(row['wall'], '8.2f')}"
            f"{fmt(row['mibps'], '9.1f')}{fmt(row['cpu'], '8.2f')}{fmt(row['s3cpu'], '8.2f')}"
            f"{fmt(row['dockerdCpu'], '8.2f')}"
            f"{fmt(row['rssMiB'], '9.0f')}"
            f"{fmt(row['bytes'] / MIB if row['bytes'] is not None else None, '11.1f')}"
            f"{fmt(ratio_t, '8.2f')}{fmt(ratio_b, '8.2f')}")
    lines += ["", "time x = volback time / restic time (repository size: volback bytes / restic "
              "bytes);", "thru x = volback MiB/s / restic MiB/s. CPU s = user+sys of the command; "
              "S3 CPU / dockerd = CPU s of S3Proxy / of Docker engine A during it."]
    tar_read = next((r for r in result["rows"] if r["scenario"] == REFERENCE[0]), None)
    for row in result["rows"]:
        if row["scenario"] == "forced re-read" and tar_read and tar_read["mibps"] and row["mibps"]:
            lines.append(f"forced re-read, {row['tool']}: {100 * row['mibps'] / tar_read['mibps']:.0f}% "
                         "of the tar read limit's MiB/s")
    if result.get("stages"):
        lines += ["", "hot-path stages, one thread (MiB/s per core), 1 MiB units:",
                  f"{'stage':<60}{'input':<8}{'MiB/s':>9}{'out/in':>8}{'core-s/GiB':>11}"]
        for s in result["stages"]["stages"]:
            lines.append(f"{s['name']:<60}{s['input']:<8}{s['mibPerSec']:9.1f}"
                         f"{s['outputRatio']:8.3f}{1024 / s['mibPerSec']:11.2f}")
    text = "\n".join(lines)
    print(text)
    (out / "results.txt").write_text(text + "\n")


def write_outputs(result, out):
    (out / "results.json").write_text(json.dumps(result, indent=2) + "\n")
    with open(out / "results.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["scenario", "tool", "wall_s", "mib_per_s", "cpu_s", "s3_cpu_s", "dockerd_cpu_s",
                    "peak_rss_mib",
                    "stored_bytes", "time_ratio", "throughput_ratio", "bytes_ratio", "walls"])
        for r in result["rows"]:
            w.writerow([r["scenario"], r["tool"], r["wall"], r["mibps"], r["cpu"], r["s3cpu"],
                        r["dockerdCpu"],
                        r["rssMiB"], r["bytes"], r.get("timeRatio"), r.get("throughputRatio"),
                        r.get("bytesRatio"), " ".join(map(str, r["walls"]))])


def run_stages(java, classpath, smoke):
    args = ["--seconds", "0.1", "--warmup", "0.1", "--warmup-mib", "0", "--input-mib", "8",
            "--cold-mib", "8"] if smoke else []
    log("stage micro-benchmark (one thread)" + (" (smoke: 0.1 s per stage)" if smoke else ""))
    p = subprocess.run([java, "-Xmx1g", "-cp", classpath, "io.volback.bench.StageBench", *args],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise BenchError(f"StageBench failed ({p.returncode}):\n{p.stderr[-3000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def warm_runs(runner, java, classpath, commands):
    """Runs volback commands WARM_RUNS times in one JVM (io.volback.bench.WarmRuns); returns the
    process figures and, per command, the wall time of its last run."""
    argv = [java, *LAUNCHER_JVM_OPTS, "-cp", classpath, "io.volback.bench.WarmRuns", str(WARM_RUNS)]
    for command in commands:
        argv += ["--", *command]
    r = runner.run(f"{WARM_TOOL}: {WARM_RUNS} runs of {len(commands)} commands", argv)
    walls = [None] * len(commands)
    lines = [l for l in r["stdout"].splitlines() if l.startswith("run ")]
    for i, line in enumerate(lines):
        walls[i % len(commands)] = float(line.split()[2])
    if None in walls:
        raise BenchError(f"WarmRuns printed {len(lines)} runs:\n{r['stdout']}")
    return r, walls


def benchmark(args, workdir, out, java, volback_launcher, s3_classpath, warm_classpath, logfile):
    run_id = f"{os.getpid()}"
    volumes = Volumes(run_id)
    s3 = None
    try:
        src = volumes.create("src")
        src_mp = volumes.mountpoint(src)
        log(f"generating {args.size / MIB:.0f} MiB in {args.files} files (seed {args.seed}) into {src}")
        t0 = time.monotonic()
        dataset, rels = generate_dataset(src_mp, args.size, args.files, args.seed, args.text_fraction)
        sh("sync")
        log(f"data set ready in {time.monotonic() - t0:.1f} s")

        s3 = S3Server(java, s3_classpath, workdir)
        env = dict(os.environ, AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY,
                   VOLBACK_PASSWORD=PASSWORD, RESTIC_PASSWORD=PASSWORD,
                   # A metadata cache of its own in the work dir, as restic's --cache-dir below.
                   VOLBACK_CACHE_DIR=str(workdir / "volback-cache"))
        for k in ["VOLBACK_REPOSITORY", "VOLBACK_PASSWORD_FILE", "VOLBACK_S3_ENDPOINT", "DOCKER_HOST",
                  "VOLBACK_VOLUMES_DIR", "RESTIC_REPOSITORY", "RESTIC_PASSWORD_FILE"]:
            env.pop(k, None)
        runner = Runner(args, s3, env, logfile)

        def vb(name, read, write, command=volback_launcher):
            return Volback(name, command, read, write, s3, env)

        tools = [vb("volback read/write mountpoint", "mountpoint", "mountpoint"),
                 vb("volback read/write api", "api", "api")]
        # One untimed backup first: bin/volback writes its class-data-sharing archive at the end
        # of its first run, which is not what the timed runs should pay for.
        warm = volumes.create("warmup")
        (volumes.mountpoint(warm) / "f").write_bytes(b"warm-up")
        s3.bucket("warmup")
        tools[0].init("warmup")
        sh(*tools[0].cmd("warmup", "backup", warm), env=env)
        if not args.no_restic:
            tools.append(Restic(s3, workdir / "restic-cache", env))
        # bin/volback is how volback is meant to run; plain `java -jar` shows what the JVM's
        # defaults (a heap sized from the machine's memory, no CDS archive) cost.
        jvm_variants = [] if args.smoke or args.no_jvm_variants else [
            vb("volback mountpoint, java -jar", "mountpoint", "mountpoint",
               [java, "-jar", str(ROOT / "target" / "volback.jar")])]
        if args.first_backup_only:
            tools = [t for t in tools if t.name in ("restic", "volback read/write mountpoint")]
            jvm_variants = []

        samples = {}

        def add(scenario, tool, r, nbytes=None):
            s = dict(r)
            s.pop("stdout", None)
            if nbytes is None and s.get("wall") and scenario not in NO_THROUGHPUT:
                s["mibps"] = dataset["bytes"] / MIB / s["wall"]
            if nbytes is not None:
                s["bytes"] = nbytes
            samples.setdefault((scenario, tool), []).append(s)

        saved = workdir / "changed-originals"
        for rep in range(1, args.repeat + 1):
            log(f"--- repeat {rep}/{args.repeat}")
            if not args.first_backup_only:
                add(REFERENCE[0], "tar (physical limit)",
                    runner.run("read reference", ["bash", "-c",
                                                  f"cd '{src_mp}' && tar -cf - . | cat > /dev/null"]))
                dst = volumes.create(f"tarw{rep}")
                dst_mp = volumes.mountpoint(dst)
                add(REFERENCE[1], "tar (physical limit)",
                    runner.run("write reference", ["bash", "-c",
                                                   f"tar -C '{src_mp}' -cf - . | tar -C '{dst_mp}' -xpf -"]))
                volumes.remove(dst)

            buckets = {}
            for tool in tools + jvm_variants:
                bucket = s3.bucket(re.sub(r"[^a-z0-9]+", "-", f"r{rep}-{tool.name}".lower()).strip("-"))
                buckets[tool.name] = bucket
                tool.init(bucket)
                r = tool.backup(runner, f"{tool.name}: first backup", bucket, src, src_mp)
                add("first backup", tool.name, r)
                if tool in jvm_variants or args.first_backup_only:
                    continue
                r = tool.backup(runner, f"{tool.name}: unchanged backup", bucket, src, src_mp)
                add("unchanged backup", tool.name, r)
                # Every file read again (cached), nothing new to store: the read path's speed
                # against the tar read limit. The API path re-reads everything anyway.
                if tool.name != "volback read/write api":
                    r = tool.backup(runner, f"{tool.name}: forced re-read", bucket, src, src_mp,
                                    force=True)
                    add("forced re-read", tool.name, r)
            if args.first_backup_only:
                for tool in tools:
                    s3.drop_bucket(buckets[tool.name])
                continue

            picks, changed_bytes = change_files(src_mp, rels, args.seed, saved)
            dataset["changedFiles"], dataset["changedFileBytes"] = len(picks), changed_bytes
            snapshots = {}
            try:
                for tool in tools:
                    r = tool.backup(runner, f"{tool.name}: 1% changed backup", buckets[tool.name],
                                    src, src_mp)
                    snapshots[tool.name] = r["snapshot"]
                    add("1% changed backup", tool.name, r)
                expected = tree_summary(src_mp)
                for tool in tools + jvm_variants:
                    source_tool = tool if tool in tools else tools[0]
                    snapshot = snapshots[source_tool.name]
                    dst = volumes.create(f"restore{rep}")
                    dst_mp = volumes.mountpoint(dst)
                    r, restored = tool.restore(runner, f"{tool.name}: full restore",
                                               buckets[source_tool.name], snapshot, dst, dst_mp,
                                               src_mp)
                    got = tree_summary(restored)
                    if got != expected:
                        raise BenchError(f"{tool.name}: restore has {got} (files, bytes), the "
                                         f"source {expected}")
                    if args.smoke and not same_tree(src_mp, restored):
                        raise BenchError(f"{tool.name}: restored tree differs from the source")
                    add("full restore", tool.name, r)
                    volumes.remove(dst)
            finally:
                restore_changed(src_mp, picks, saved)
            for tool in tools:
                add("list snapshots (fixed cost)", tool.name,
                    tool.list_snapshots(runner, f"{tool.name}: list snapshots", buckets[tool.name]))
                add("repository size", tool.name, {}, s3.bucket_bytes(buckets[tool.name]))
            # The same commands in a JVM that has run them before, as in the scheduler service:
            # what volback costs without JVM start-up and JIT warm-up.
            vb0 = tools[0]
            dst = volumes.create(f"warm{rep}")
            bucket = buckets[vb0.name]
            strip = len(vb0.command)
            r, walls = warm_runs(runner, java, warm_classpath, [
                vb0.cmd(bucket, "backup", src, "--read-path", "mountpoint")[strip:],
                vb0.cmd(bucket, "restore", snapshots[vb0.name], "--to", dst, "--write-path",
                        "mountpoint", "--overwrite")[strip:],
                vb0.cmd(bucket, "snapshots")[strip:]])
            got = tree_summary(volumes.mountpoint(dst))
            if got != expected:
                raise BenchError(f"{WARM_TOOL}: restore has {got} (files, bytes), the source {expected}")
            volumes.remove(dst)
            for scenario, wall in zip(["unchanged backup", "full restore",
                                       "list snapshots (fixed cost)"], walls):
                add(scenario, WARM_TOOL, {"wall": wall, "cpu": None, "s3cpu": None,
                                          "dockerdCpu": None, "rssMiB": r["rssMiB"]})
            for bucket in buckets.values():
                s3.drop_bucket(bucket)

        dataset.setdefault("changedFiles", 0)
        dataset.setdefault("changedFileBytes", 0)
        rows = []
        order = REFERENCE + SCENARIOS
        tool_order = ["tar (physical limit)"] + [t.name for t in tools + jvm_variants] + [WARM_TOOL]
        for scenario in order:
            for tool in tool_order:
                if (scenario, tool) in samples:
                    row = {"scenario": scenario, "tool": tool,
                           **median_row(samples[(scenario, tool)]),
                           "samples": samples[(scenario, tool)]}
                    if scenario != "repository size":
                        row["bytes"] = None
                    rows.append(row)
        for row in rows:
            base = next((r for r in rows if r["scenario"] == row["scenario"]
                         and r["tool"] == "restic"), None)
            if base and row["tool"].startswith("volback"):
                if row["scenario"] == "repository size":
                    row["bytesRatio"] = row["bytes"] / base["bytes"]
                else:
                    row["timeRatio"] = row["wall"] / base["wall"]
                    if row["mibps"] and base["mibps"]:
                        row["throughputRatio"] = row["mibps"] / base["mibps"]
        return dataset, rows
    finally:
        volumes.remove_all()  # first: a SIGTERM'd run may be killed before S3Proxy has stopped
        if s3:
            s3.stop()


def main():
    ap = argparse.ArgumentParser(description="volback vs restic benchmark (see bench/README.md)")
    ap.add_argument("--scenario", default="default",
                    help="default, or a comma-separated list of scale scenarios: small-files, "
                         "big-file, mixed (see bench/README.md)")
    ap.add_argument("--size", type=parse_size, default=None,
                    help="data set size (default run 1G; big-file 8G; mixed 4G)")
    ap.add_argument("--files", type=int, default=None,
                    help="number of files (default run and mixed 2000; small-files 100000)")
    ap.add_argument("--repeat", type=int, default=None, help="repeats (default run 3; scale 1)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--text-fraction", type=float, default=0.5)
    ap.add_argument("--cold", action="store_true", help="drop the page cache before every command")
    ap.add_argument("--no-restic", action="store_true")
    ap.add_argument("--no-jvm-variants", action="store_true")
    ap.add_argument("--first-backup-only", action="store_true",
                    help="only first backups (volback mountpoint, restic): for peak RSS on big sets")
    ap.add_argument("--stages", action="store_true", help="run the stage micro-benchmark only")
    ap.add_argument("--with-stages", action="store_true", help="also run the stage micro-benchmark")
    ap.add_argument("--smoke", action="store_true",
                    help="tiny CI run: 8 MiB, 50 files, repeat 1, volback from $VOLBACK_CLASSPATH")
    ap.add_argument("--out", type=Path, default=BENCH / "out")
    args = ap.parse_args()
    import scale  # bench/scale.py; it imports this module as "bench"
    args.scenarios = [] if args.scenario == "default" else args.scenario.split(",")
    unknown = [s for s in args.scenarios if s not in scale.SCALE_SCENARIOS]
    if unknown:
        ap.error(f"--scenario: unknown {', '.join(unknown)} (default, or any of "
                 f"{', '.join(scale.SCALE_SCENARIOS)})")
    if args.scenarios and (args.stages or args.with_stages or args.first_backup_only):
        ap.error("--scenario small-files|big-file|mixed runs neither stages nor --first-backup-only")
    if args.scenarios and args.repeat is not None and args.repeat < 1:
        ap.error("--repeat must be >= 1")
    if not args.scenarios:
        args.size = args.size or parse_size("1G")
        args.files = args.files or 2000
        args.repeat = args.repeat or 3
    if args.smoke and not args.scenarios:
        args.size, args.files, args.repeat, args.with_stages = 8 * MIB, 50, 1, True
    if not args.scenarios and (args.repeat < 1 or args.files < 2):
        ap.error("--repeat must be >= 1 and --files >= 2")

    java = os.environ.get("JAVA", "java")
    classpath = os.environ.get("VOLBACK_CLASSPATH")
    if classpath:
        launcher = [java, "-cp", classpath, "io.volback.cli.Main"]
        s3_classpath = stage_classpath = warm_classpath = classpath
    else:
        if args.smoke:
            raise BenchError("--smoke runs volback from $VOLBACK_CLASSPATH (the test class path)")
        jar = ROOT / "target" / "volback.jar"
        log("building target/volback.jar and the test classes (mvn package -DskipTests)")
        sh("mvn", "-B", "-q", "-f", str(ROOT / "pom.xml"), "package", "-DskipTests", capture=False)
        cp_file = args.out / "test-classpath.txt"
        args.out.mkdir(parents=True, exist_ok=True)
        sh("mvn", "-B", "-q", "-f", str(ROOT / "pom.xml"), "dependency:build-classpath",
           "-Dmdep.includeScope=test", f"-Dmdep.outputFile={cp_file}", capture=False)
        deps = cp_file.read_text().strip()
        launcher = [str(ROOT / "bin" / "volback")]
        s3_classpath = deps
        stage_classpath = f"{ROOT / 'target' / 'test-classes'}:{ROOT / 'target' / 'classes'}:{deps}"
        warm_classpath = stage_classpath

    args.out.mkdir(parents=True, exist_ok=True)
    result = {"machine": machine_info(java), "repeat": args.repeat,
              "cache": "cold (drop_caches before each command)" if args.cold else "warm",
              "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
              "rows": []}
    if args.scenarios:
        workdir = Path(tempfile.mkdtemp(prefix="volback-bench-"))
        try:
            with open(args.out / "commands.log", "w") as logfile:
                scale.run(args, workdir, args.out, java, launcher, s3_classpath, logfile,
                          result["machine"])
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        log(f"results in {args.out}/scale-*.json, scale-*.txt; commands.log")
        return
    if args.stages or args.with_stages:
        result["stages"] = run_stages(java, stage_classpath, args.smoke)
    if not args.stages:
        workdir = Path(tempfile.mkdtemp(prefix="volback-bench-"))
        try:
            with open(args.out / "commands.log", "w") as logfile:
                result["dataset"], result["rows"] = benchmark(
                    args, workdir, args.out, java, launcher, s3_classpath, warm_classpath, logfile)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    else:
        result["dataset"] = {"files": 0, "bytes": 0, "textBytes": 0, "seed": args.seed,
                             "changedFiles": 0, "changedFileBytes": 0}
    write_outputs(result, args.out)
    print_table(result, args.out)
    log(f"results in {args.out}/results.json, results.csv, results.txt; commands.log")


if __name__ == "__main__":
    sys.modules.setdefault("bench", sys.modules["__main__"])  # one BenchError for bench/scale.py
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        main()
    except BenchError as e:
        print(f"bench: FAILED: {e}", file=sys.stderr)
        sys.exit(1)
