"""Scale scenarios of the benchmark (issue 14): `bench/run.sh --scenario small-files|big-file|mixed`.

Each scenario generates a seeded data set into a Docker volume on engine A and runs volback (through
the same launcher as the default run) and restic on it against the same S3Proxy, one tool after
the other, each with a bucket of its own that is dropped after the tool's last step (so the disk
holds the source, one repository and at most one restore at a time). Every command runs under
/usr/bin/time -v. A failing command is recorded in its row (and ends that tool's steps) instead of
ending the run, so that e.g. a heap exhausted on 100,000 files shows up in the table.
See bench/README.md, "Scale scenarios".
"""
import array
import json
import os
import random
import shutil
import time
from pathlib import Path

import bench as b

MIB, GIB = b.MIB, 1 << 30
BLOCK = 4096
SCALE_SCENARIOS = ["small-files", "big-file", "mixed"]
# Defaults per scenario: full size, --smoke size. (size in bytes, files)
DEFAULTS = {
    "small-files": {"full": (None, 100_000), "smoke": (None, 300)},
    "big-file": {"full": (8 * GIB, 1), "smoke": (16 * MIB, 1)},
    "mixed": {"full": (4 * GIB, 2000), "smoke": (8 * MIB, 50)},
}
SMALL_MIN, SMALL_MAX = 1024, 16 * 1024
# The big file repeats a seeded random pool larger than either tool's largest chunk (volback 4 MiB,
# restic 8 MiB) and than zstd's window at their levels, so no chunk repeats and none compresses.
BIG_POOL = 16 * MIB


# ---------------------------------------------------------------------------------------------
# Data sets

def text_pool(rng, size):
    words = b.make_words(rng)
    out, left = [], size
    while left > 0:
        block = " ".join(rng.choices(words[0], cum_weights=words[1], k=200_000)).encode()
        out.append(block[:left])
        left -= min(left, len(block))
    return b"".join(out)


def small_file_path(i):
    # 3 levels: 50 x 10 x 10 directories of 20 files at 100,000 files
    return f"a{i // 2000:02d}/b{i // 200 % 10}/c{i // 20 % 10}/f{i:06d}"


def generate_small_files(root, files, seed, text_fraction):
    """files files of 1-16 KiB (uniform), a text_fraction of them text slices of a shared pool at
    seeded offsets (compressible, never identical), the rest random."""
    rng = random.Random(seed)
    pool = text_pool(random.Random(seed + 1), 2 * MIB)
    total = text = 0
    made_dirs = set()
    for i in range(files):
        rel = small_file_path(i)
        parent = (root / rel).parent
        if parent not in made_dirs:
            parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(parent)
        n = rng.randint(SMALL_MIN, SMALL_MAX)
        if rng.random() < text_fraction:
            off = rng.randrange(0, len(pool) - n)
            data = pool[off:off + n]
            text += n
        else:
            data = rng.randbytes(n)
        (root / rel).write_bytes(data)
        total += n
    return {"files": files, "bytes": total, "textBytes": text, "directories": len(made_dirs),
            "seed": seed}


def generate_big_file(path, size, seed):
    """One file of size bytes: the seeded random pool repeated, every 4 KiB block starting with
    its block index (8 bytes, unique in the file) and a seeded hash of its place in the pool."""
    rng = random.Random(seed)
    pool = bytearray(rng.randbytes(min(BIG_POOL, -(-size // BLOCK) * BLOCK)))
    blocks_per_pass = len(pool) // BLOCK
    words = memoryview(pool).cast("Q")
    step = BLOCK // 8
    words[1::step] = memoryview(array.array("Q", (rng.getrandbits(64) for _ in range(blocks_per_pass))))
    written, index = 0, 0
    with open(path, "wb") as f:
        while written < size:
            words[0::step] = memoryview(array.array("Q", range(index, index + blocks_per_pass)))
            n = min(len(pool), size - written)
            f.write(memoryview(pool)[:n])
            written += n
            index += blocks_per_pass
    return {"files": 1, "bytes": size, "textBytes": 0, "seed": seed, "poolBytes": len(pool)}


def rewrite_blocks(path, size, seed, saved):
    """Overwrites 1% of the file's 4 KiB blocks in place with seeded random data (size kept);
    returns (blocks, bytes) and fills saved with the originals for undo_rewrite()."""
    rng = random.Random(seed * 7919 + 23)
    nblocks = size // BLOCK
    picks = sorted(rng.sample(range(nblocks), max(1, nblocks // 100)))
    with open(path, "r+b") as f:
        for blk in picks:
            f.seek(blk * BLOCK)
            saved[blk] = f.read(BLOCK)
            f.seek(blk * BLOCK)
            f.write(rng.randbytes(BLOCK))
    return len(picks), len(picks) * BLOCK


def undo_rewrite(path, saved):
    with open(path, "r+b") as f:
        for blk, data in saved.items():
            f.seek(blk * BLOCK)
            f.write(data)
    saved.clear()


# ---------------------------------------------------------------------------------------------
# Running the steps

def loadavg():
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def need_disk(where, nbytes, scenario):
    free = shutil.disk_usage(where).free
    if free < nbytes:
        raise b.BenchError(f"{scenario}: needs ~{nbytes / GIB:.1f} GiB free in {where}, "
                           f"{free / GIB:.1f} GiB are free")


class Steps:
    """Collects one row per (step, tool); a failed step ends the tool's remaining steps."""

    def __init__(self, runner, s3, data_bytes):
        self.runner, self.s3, self.data_bytes = runner, s3, data_bytes
        self.rows = []

    def run(self, step, tool, fn, added_in=None):
        load = loadavg()
        before = self.s3.bucket_bytes(added_in) if added_in else None
        try:
            r = fn()
        except b.BenchError as e:
            b.log(f"{step}, {tool.name}: FAILED")
            self.rows.append({"step": step, "tool": tool.name, "error": str(e)[:4000],
                              "loadavg": load})
            raise
        row = {"step": step, "tool": tool.name, "wall": r["wall"], "cpu": r["cpu"],
               "s3cpu": r["s3cpu"], "rssMiB": r["rssMiB"], "loadavg": load,
               "secondsPerGiB": r["wall"] / (self.data_bytes / GIB),
               "mibps": self.data_bytes / MIB / r["wall"]}
        if added_in:
            row["bytesAdded"] = self.s3.bucket_bytes(added_in) - before
            row["repositoryBytes"] = before + row["bytesAdded"]
        self.rows.append(row)
        return r


def check_restore(tool_name, restored, source, expected, smoke):
    got = b.tree_summary(restored)
    if got != expected:
        raise b.BenchError(f"{tool_name}: restore has {got} (files, bytes), the source {expected}")
    if smoke and not b.same_tree(source, restored):
        raise b.BenchError(f"{tool_name}: restored tree differs from the source")


def per_tool(tools, s3, volumes, scenario, steps_for_tool):
    """Runs steps_for_tool(tool, bucket) for each tool in turn, each in a fresh bucket."""
    for tool in tools:
        bucket = s3.bucket(f"{scenario}-{tool.name}".lower().replace(" ", "-").replace("/", "-"))
        try:
            tool.init(bucket)
            steps_for_tool(tool, bucket)
        except b.BenchError as e:
            b.log(f"{scenario}, {tool.name}: stopped: {str(e).splitlines()[0]}")
        finally:
            s3.drop_bucket(bucket)


def backup_step(steps, tool, step, bucket, src, mp):
    """Runs one measured backup of tool into bucket; returns its row."""
    return steps.run(step, tool,
                     lambda: tool.backup(steps.runner, f"{tool.name}: {step}", bucket, src, mp),
                     added_in=bucket)


def restore_step(steps, vols, tool, bucket, snap, mp, expected, smoke):
    """Restores snap into a fresh volume, checks it against the source, removes the volume."""
    dst = vols.create(f"restore-{len(steps.rows)}")
    try:
        def restore():
            r, restored = tool.restore(steps.runner, f"{tool.name}: full restore", bucket, snap,
                                       dst, vols.mountpoint(dst), mp)
            check_restore(tool.name, restored, mp, expected, smoke)
            return r
        steps.run("full restore", tool, restore)
    finally:
        vols.remove(dst)


def small_files(ctx):
    vols, s3, steps, src, mp, smoke = ctx["volumes"], ctx["s3"], ctx["steps"], ctx["src"], ctx["mp"], ctx["smoke"]
    expected = b.tree_summary(mp)

    def for_tool(tool, bucket):
        snap = backup_step(steps, tool, "first backup", bucket, src, mp)["snapshot"]
        backup_step(steps, tool, "unchanged backup", bucket, src, mp)
        restore_step(steps, vols, tool, bucket, snap, mp, expected, smoke)

    per_tool(ctx["tools"], s3, vols, "small-files", for_tool)


def big_file(ctx):
    vols, s3, steps, src, mp, args = ctx["volumes"], ctx["s3"], ctx["steps"], ctx["src"], ctx["mp"], ctx["args"]
    path = mp / "big.bin"
    size = ctx["dataset"]["bytes"]

    def for_tool(tool, bucket):
        backup_step(steps, tool, "first backup", bucket, src, mp)
        saved = {}
        blocks, nbytes = rewrite_blocks(path, size, args.seed, saved)
        ctx["dataset"]["changedBlocks"], ctx["dataset"]["changedBytes"] = blocks, nbytes
        try:
            steps.run("1% blocks rewritten, backup", tool,
                      lambda: tool.backup(steps.runner, f"{tool.name}: 1% blocks rewritten backup",
                                          bucket, src, mp),
                      added_in=bucket)
        finally:
            undo_rewrite(path, saved)  # the next tool starts from the same file

    per_tool(ctx["tools"], s3, vols, "big-file", for_tool)


def mixed(ctx):
    vols, s3, steps, src, mp, smoke = ctx["volumes"], ctx["s3"], ctx["steps"], ctx["src"], ctx["mp"], ctx["smoke"]
    expected = b.tree_summary(mp)

    def for_tool(tool, bucket):
        snap = backup_step(steps, tool, "first backup", bucket, src, mp)["snapshot"]
        restore_step(steps, vols, tool, bucket, snap, mp, expected, smoke)

    per_tool(ctx["tools"], s3, vols, "mixed", for_tool)


RUNNERS = {"small-files": small_files, "big-file": big_file, "mixed": mixed}


def generate(scenario, args, mp):
    size, files = sizes(scenario, args)
    if scenario == "small-files":
        return generate_small_files(mp, files, args.seed, args.text_fraction)
    if scenario == "big-file":
        return generate_big_file(mp / "big.bin", size, args.seed)
    dataset, _ = b.generate_dataset(mp, size, files, args.seed, args.text_fraction)
    return dataset


def sizes(scenario, args):
    size, files = DEFAULTS[scenario]["smoke" if args.smoke else "full"]
    return (args.size or size), (args.files or files)


def disk_needed(scenario, args):
    size, files = sizes(scenario, args)
    if scenario == "small-files":
        size = files * (SMALL_MIN + SMALL_MAX) // 2 + files * BLOCK  # data + file system overhead
    # source + one repository (the big file's grows by ~2x with its re-backup) + one restore
    factor = {"small-files": 3.2, "big-file": 3.2, "mixed": 3.2}[scenario]
    return int(size * factor) + GIB


# ---------------------------------------------------------------------------------------------

def run(args, workdir, out, java, launcher, s3_classpath, logfile, machine):
    """Runs the scenarios named in args.scenarios; writes scale-<scenario>.json/.txt into out."""
    volumes = b.Volumes(f"{os.getpid()}")
    s3 = None
    results = []
    try:
        for scenario in args.scenarios:
            need_disk(workdir, disk_needed(scenario, args), scenario)
        s3 = b.S3Server(java, s3_classpath, workdir)
        env = dict(os.environ, AWS_ACCESS_KEY_ID=b.ACCESS_KEY, AWS_SECRET_ACCESS_KEY=b.SECRET_KEY,
                   VOLBACK_PASSWORD=b.PASSWORD, RESTIC_PASSWORD=b.PASSWORD,
                   VOLBACK_CACHE_DIR=str(workdir / "volback-cache"))
        for k in ["VOLBACK_REPOSITORY", "VOLBACK_PASSWORD_FILE", "VOLBACK_S3_ENDPOINT", "DOCKER_HOST",
                  "VOLBACK_VOLUMES_DIR", "RESTIC_REPOSITORY", "RESTIC_PASSWORD_FILE"]:
            env.pop(k, None)
        runner = b.Runner(args, s3, env, logfile)
        tools = [b.Volback("volback mountpoint", launcher, "mountpoint", "mountpoint", s3, env)]
        if not os.environ.get("VOLBACK_CLASSPATH"):
            # Untimed: bin/volback writes its class-data archive at the end of its first run.
            warm = volumes.create("warmup")
            (volumes.mountpoint(warm) / "f").write_bytes(b"warm-up")
            s3.bucket("warmup")
            tools[0].init("warmup")
            b.sh(*tools[0].cmd("warmup", "backup", warm), env=env)
            s3.drop_bucket("warmup")
            volumes.remove(warm)
        if not args.no_restic:
            tools.append(b.Restic(s3, workdir / "restic-cache", env))

        for scenario in args.scenarios:
            src = volumes.create(f"{scenario}-src")
            mp = volumes.mountpoint(src)
            size, files = sizes(scenario, args)
            b.log(f"{scenario}: generating (seed {args.seed}) into {src}")
            t0 = time.monotonic()
            dataset = generate(scenario, args, mp)
            b.sh("sync")
            dataset["generateSeconds"] = round(time.monotonic() - t0, 1)
            b.log(f"{scenario}: {dataset['files']} files, {dataset['bytes'] / MIB:.1f} MiB ready "
                  f"in {dataset['generateSeconds']} s")
            steps = Steps(runner, s3, dataset["bytes"])
            ctx = {"volumes": volumes, "s3": s3, "steps": steps, "src": src, "mp": mp,
                   "smoke": args.smoke, "args": args, "tools": tools, "dataset": dataset}
            for rep in range(args.repeat or 1):
                RUNNERS[scenario](ctx)
            shutil.rmtree(workdir / "restic-cache", ignore_errors=True)
            shutil.rmtree(workdir / "volback-cache", ignore_errors=True)
            volumes.remove(src)
            result = {"scenario": scenario, "machine": machine, "dataset": dataset,
                      "repeat": args.repeat or 1,
                      "options": {k: (str(v) if isinstance(v, Path) else v)
                                  for k, v in vars(args).items()},
                      "rows": with_ratios(steps.rows)}
            (out / f"scale-{scenario}.json").write_text(json.dumps(result, indent=2) + "\n")
            text = table(result)
            (out / f"scale-{scenario}.txt").write_text(text + "\n")
            print(text + "\n", flush=True)
            results.append(result)
    finally:
        volumes.remove_all()  # first: a SIGTERM'd run may be killed before S3Proxy has stopped
        if s3:
            s3.stop()
    failed = [f"{r['scenario']}: {row['step']}, {row['tool']}" for r in results
              for row in r["rows"] if "error" in row]
    if failed:
        raise b.BenchError("failed steps (see the tables and commands.log): " + "; ".join(failed))
    return results


def with_ratios(rows):
    for row in rows:
        base = next((r for r in rows if r["step"] == row["step"] and r["tool"] == "restic"
                     and "error" not in r), None)
        if base and row["tool"] != "restic" and "error" not in row:
            row["timeRatio"] = row["wall"] / base["wall"]
            if "bytesAdded" in row and base.get("bytesAdded"):
                row["bytesAddedRatio"] = row["bytesAdded"] / base["bytesAdded"]
    return rows


def table(result):
    ds, m = result["dataset"], result["machine"]
    desc = {
        "small-files": f"{ds['files']} files of 1-16 KiB in {ds.get('directories', '?')} directories",
        "big-file": f"one file, 4 KiB blocks each with a unique header over a "
                    f"{ds.get('poolBytes', 0) / MIB:.0f} MiB random pool; re-backup after "
                    f"{ds.get('changedBlocks', 0)} blocks ({ds.get('changedBytes', 0) / MIB:.1f} MiB) "
                    f"rewritten in place",
        "mixed": f"{ds['files']} files, the default run's generator",
    }[result["scenario"]]
    lines = [
        f"volback scale scenario {result['scenario']}  {time.strftime('%Y-%m-%d %H:%M')}  "
        f"volback {m['volbackCommit']}, {m['restic']}",
        f"machine: {m['cores']} cores, {m['memGiB']} GiB, load at start {' '.join(m['loadavg'])}; "
        f"{m['java']}",
        f"data set: {desc}; {ds['bytes'] / MIB:.1f} MiB ({ds['textBytes'] / MIB:.1f} MiB text), "
        f"seed {ds['seed']}, generated in {ds['generateSeconds']} s",
        "",
    ]
    head = (f"{'step':<30}{'tool':<20}{'wall s':>8}{'s/GiB':>9}{'MiB/s':>8}{'CPU s':>8}"
            f"{'S3 CPU':>8}{'RSS MiB':>9}{'added MiB':>11}{'time x':>8}{'added x':>8}{'load':>6}")
    lines += [head, "-" * len(head)]
    for row in result["rows"]:
        if "error" in row:
            lines.append(f"{row['step']:<30}{row['tool']:<20}FAILED: "
                         f"{row['error'].splitlines()[0][:80]}")
            continue
        added = row.get("bytesAdded")
        lines.append(
            f"{row['step']:<30}{row['tool']:<20}{row['wall']:8.2f}{row['secondsPerGiB']:9.2f}"
            f"{row['mibps']:8.1f}{row['cpu']:8.2f}{row['s3cpu']:8.2f}{row['rssMiB']:9.0f}"
            f"{b.fmt(added / MIB if added is not None else None, '11.1f')}"
            f"{b.fmt(row.get('timeRatio'), '8.2f')}{b.fmt(row.get('bytesAddedRatio'), '8.2f')}"
            f"{row['loadavg'][0]:6.1f}")
    lines += ["", "time x = volback wall / restic wall; added = bucket growth during the command "
              "(added x = volback / restic); CPU s = user+sys of the command, S3 CPU = S3Proxy's; "
              "load = 1-min load average at the command's start."]
    return "\n".join(lines)
