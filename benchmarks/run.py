#!/usr/bin/env python3
"""Benchmark newslint against codespell and proselint on the same corpus, in one run.

    .venv/bin/python benchmarks/run.py                    # 5 rounds, all tools, writes benchmarks/last-run.json
    .venv/bin/python benchmarks/run.py --rounds 3 --skip-proselint
    .venv/bin/python benchmarks/run.py --cache            # also a warm run with newslint's results cache
    .venv/bin/python benchmarks/run.py --big              # also one ~50 MB file with --jobs 1 (linear time?)
    .venv/bin/python benchmarks/run.py --profile          # cProfile of newslint in-process, --jobs 1, top 25
    .venv/bin/python benchmarks/run.py --many 100000      # whole-tree peak RSS over 10,000 and 100,000 files

What it does:
- creates benchmarks/.venv-peers once (codespell and proselint from PyPI) and the corpus
  (benchmarks/make_corpus.py, 1,000 articles, about 4.6 MB) when they are missing;
- runs every command once per round, in turn (newslint, codespell, proselint, newslint, ...), so
  that machine noise (other processes, thermal state) falls on all of them alike, after one untimed
  warm-up run of each fast command (page cache, bytecode);
- reports for each the median wall time, throughput (MB/s) and peak RSS, and the ratios of newslint
  to each peer against the targets of issue 8.

Peak RSS is the child's ``ru_maxrss`` from ``os.wait4``. With ``--jobs N`` newslint's workers are
grandchildren and are not included in it, so newslint is also run with ``--jobs 1`` (whose RSS is the
whole story), and once, untimed, under a psutil poll of the whole process tree when psutil is installed.

Bytecode: children run with their own ``PYTHONPYCACHEPREFIX`` and without ``PYTHONDONTWRITEBYTECODE``,
so every tool starts from cached bytecode as an installed tool would (pip compiles the peers' .pyc at
install time; an editable newslint with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module
on every start). The cost of a start without bytecode is reported on its own row.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEERS = os.path.join(HERE, ".venv-peers")
PEER_BIN = os.path.join(PEERS, "bin")
VENV_PY = os.path.join(ROOT, ".venv", "bin", "python")
PYCACHE = os.path.join(tempfile.gettempdir(), "newslint-bench-pycache")
TARGETS = {  # issue 8, on a 2-core machine
    "whole set vs proselint": 0.25,
    "whole set vs codespell": 3.0,
    "cold start vs codespell": 2.0,
    "peak RSS MB": 150.0,
}


def newslint_bin() -> str:
    exe = os.path.join(ROOT, ".venv", "bin", "newslint")
    return exe if os.path.exists(exe) else (shutil.which("newslint") or exe)


def child_env(bytecode: bool = True, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = PYCACHE
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    env.update(extra)
    return env


# --- setup -----------------------------------------------------------------------------------
def ensure_peers() -> dict[str, str]:
    """Install codespell and proselint into their own venv once; return their versions."""
    if not all(os.path.exists(os.path.join(PEER_BIN, t)) for t in ("codespell", "proselint")):
        print(f"creating {PEERS} (codespell, proselint from PyPI) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", PEERS], check=True)
        subprocess.run([os.path.join(PEER_BIN, "python"), "-m", "pip", "install", "-q", "codespell", "proselint"],
                       check=True)
    out = subprocess.run([os.path.join(PEER_BIN, "python"), "-c",
                          "import importlib.metadata as m; print(m.version('codespell'), m.version('proselint'))"],
                         capture_output=True, text=True, check=True).stdout.split()
    return {"codespell": out[0], "proselint": out[1]}


def ensure_corpus(path: str, seed: int, big: float | None = None) -> None:
    """Generate the corpus unless the one there was made by this make_corpus.py (its manifest says)."""
    manifest = os.path.join(path, ".manifest.json")
    try:
        with open(manifest, encoding="utf-8") as fh:
            have = json.load(fh)
        with open(os.path.join(HERE, "make_corpus.py"), "rb") as fh:
            if have.get("generator") == hashlib.sha256(fh.read()).hexdigest()[:16] and \
                    (have.get("big") if big else have.get("seed") == seed and not have.get("big")):
                return
    except (OSError, ValueError):
        pass
    cmd = [sys.executable, os.path.join(HERE, "make_corpus.py"), "--out", path, "--seed", str(seed)]
    if big:
        cmd += ["--big", str(big)]
    subprocess.run(cmd, check=True)


def corpus_files(path: str) -> list[str]:
    return sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith((".txt", ".md")))


def proselint_command(corpus: str, files: list[str]) -> list[str]:
    """proselint 0.16 lints with ``proselint check PATH...`` (files or directories, recursively);
    releases before 0.14 took ``proselint FILE...``. Ask its --help which form this one has."""
    exe = os.path.join(PEER_BIN, "proselint")
    helptext = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
    if re.search(r"^\s+check\s", helptext, re.M):
        return [exe, "check", corpus]
    return [exe, *files]


def newslint_has_cache() -> bool:
    helptext = subprocess.run([newslint_bin(), "--help"], capture_output=True, text=True, env=child_env()).stdout
    return "--no-cache" in helptext


# --- measuring -------------------------------------------------------------------------------
def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(wall seconds, peak RSS of the child in MB, exit code). Output goes to /dev/null."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or child_env())
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode  # ru_maxrss is in KB on Linux


def tree_peak_rss(cmd: list[str], env: dict[str, str] | None = None, interval: float = 0.005) -> float | None:
    """Peak of the summed RSS of a command and all its descendants (MB), by polling; None without psutil."""
    try:
        import psutil
    except ImportError:
        return None
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or child_env())
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        total = 0
        try:
            for p in [ps, *ps.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(interval)
    return peak / 2**20


def tree_rss_run(cmd: list[str], env: dict[str, str] | None = None, interval: float = 0.05) -> dict | None:
    """Run a command with its output thrown away, polling the RSS of it and all its descendants
    (newslint's --jobs workers): wall time, peak of the summed RSS, the parent's own peak and the
    largest single worker's, in MB, and the exit code. None without psutil.

    Forked workers share the parent's pages (the lexicon, compiled patterns) until they write
    them, and the summed RSS counts those pages once per process; the summed PSS (each shared
    page divided among the processes sharing it, from /proc/PID/smaps_rollup on Linux) is the
    tree's real footprint and is reported beside it when the system provides it."""
    try:
        import psutil
    except ImportError:
        return None
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or child_env())
    ps = psutil.Process(proc.pid)
    peak = parent = worker = pss_peak = 0
    samples = []

    def pss(p) -> int:
        try:
            with open(f"/proc/{p.pid}/smaps_rollup", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        return int(line.split()[1]) * 1024
        except (OSError, ValueError):
            pass
        return 0

    while proc.poll() is None:
        total = total_pss = 0
        try:
            mine = ps.memory_info().rss
            total += mine
            total_pss += pss(ps)
            parent = max(parent, mine)
            for p in ps.children(recursive=True):
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                total_pss += pss(p)
                worker = max(worker, rss)
        except psutil.Error:
            pass
        peak = max(peak, total)
        pss_peak = max(pss_peak, total_pss)
        samples.append(total)
        time.sleep(interval)
    wall = time.perf_counter() - start
    mb = 2**20
    return {"wall_s": round(wall, 2), "peak_tree_rss_mb": round(peak / mb, 1),
            "median_tree_rss_mb": round(statistics.median(samples) / mb, 1) if samples else 0.0,
            "peak_tree_pss_mb": round(pss_peak / mb, 1) if pss_peak else None,
            "peak_parent_rss_mb": round(parent / mb, 1), "peak_worker_rss_mb": round(worker / mb, 1),
            "exit_code": proc.returncode}


def many_files_tree(corpus: str, files: list[str], n: int) -> list[str]:
    """``ceil(n / len(files))`` copies of the corpus as hard links (cheap: no data is copied), in
    /tmp/newslint-bench-many/dNNN/, made once and reused; returns the copies' folders."""
    root = os.path.join(tempfile.gettempdir(), "newslint-bench-many")
    copies = -(-n // len(files))
    dirs = []
    for i in range(copies):
        d = os.path.join(root, f"d{i:03d}")
        dirs.append(d)
        if os.path.isdir(d) and len(os.listdir(d)) == len(files):
            continue
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for f in files:
            target = os.path.join(d, os.path.basename(f))
            try:
                os.link(f, target)
            except OSError:  # another file system: copy
                shutil.copyfile(f, target)
    return dirs


def many(args: argparse.Namespace, files: list[str]) -> int:
    """Peak RSS (the whole process tree: parent and --jobs workers) over N files and over N/10,
    for each output format: it should not grow with the number of files for a format that can
    stream (text, github, json); SARIF is written at the end, so it holds every result."""
    n = args.many
    small = max(len(files), n // 10)
    dirs = many_files_tree(args.corpus, files, n)
    per = len(files)
    formats = [f.strip() for f in args.many_formats.split(",") if f.strip()]
    jobs = str(args.jobs or 2)
    nl = newslint_bin()
    print(f"{n:,} files: {len(dirs)} hard-linked copies of {args.corpus} ({per} files each) in "
          f"{os.path.dirname(dirs[0])}; newslint --no-cache --jobs {jobs}; output to /dev/null; "
          f"load average {os.getloadavg()[0]:.2f}")
    rows = []
    print("\npeak RSS summed over the process tree (and its median over the run), peak summed PSS, "
          "the parent's and the largest worker's peak RSS, in MB")
    print(f"\n{'format':8s} {'files':>8s} {'wall s':>8s} {'tree RSS':>9s} {'median':>7s} {'tree PSS':>9s} "
          f"{'parent':>7s} {'worker':>7s} {'exit':>5s}")
    for fmt in formats:
        # FORMAT+cache: with the results cache, in a fresh folder: a first (cold) run, then a
        # second (warm) one over the same files
        name, _, cached = fmt.partition("+")
        for count in (small, n) if small < n else (n,):
            for run in ("cold", "warm") if cached else ("",):
                paths = dirs[: -(-count // per)]
                if cached:
                    if run == "cold":
                        cache = tempfile.mkdtemp(prefix="newslint-bench-cache-")
                    got = tree_rss_run([nl, "--format", name, "--jobs", jobs, *paths], env=child_env(NEWSLINT_CACHE_DIR=cache))
                    if run == "warm":
                        shutil.rmtree(cache, ignore_errors=True)
                else:
                    got = tree_rss_run([nl, "--no-cache", "--format", fmt, "--jobs", jobs, *paths])
                if got is None:
                    print("psutil is not installed: --many needs it (pip install psutil)", file=sys.stderr)
                    return 2
                got.update(format=f"{name} {run}" if run else fmt, files=len(paths) * per)
                fmt_shown = got["format"]
                rows.append(got)
                pss_mb = f"{got['peak_tree_pss_mb']:9.1f}" if got["peak_tree_pss_mb"] else f"{'-':>9s}"
                print(f"{fmt_shown:8s} {got['files']:8,d} {got['wall_s']:8.1f} {got['peak_tree_rss_mb']:9.1f} "
                      f"{got['median_tree_rss_mb']:7.1f} {pss_mb} {got['peak_parent_rss_mb']:7.1f} "
                      f"{got['peak_worker_rss_mb']:7.1f} {got['exit_code']:5d}", flush=True)
    out = args.out or os.path.join(HERE, "last-many.json")
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cores": os.cpu_count(),
                   "jobs": int(jobs), "runs": rows}, fh, indent=1)
        fh.write("\n")
    print(f"\nwrote {os.path.relpath(out)}")
    return 0


def findings_summary(cmd: list[str]) -> dict:
    """Run newslint once with its JSON output captured: how much work the corpus gives it."""
    out = subprocess.run(cmd, capture_output=True, text=True, env=child_env()).stdout
    try:
        data = json.loads(out)
    except ValueError:
        return {}
    by_rule: dict[str, int] = {}
    n = 0
    for f in data.get("files", []):
        for x in f.get("findings", []):
            by_rule[x.get("rule", "?")] = by_rule.get(x.get("rule", "?"), 0) + 1
            n += 1
    return {"findings": n, "files_with_findings": sum(1 for f in data.get("files", []) if f.get("findings")),
            "by_rule": dict(sorted(by_rule.items(), key=lambda kv: -kv[1]))}


# --- main ------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark newslint against codespell and proselint (issue 8).")
    ap.add_argument("--rounds", type=int, default=5, help="timed runs of every command, alternated (default 5)")
    ap.add_argument("--corpus", default=os.path.join(HERE, "corpus"), help="directory of articles")
    ap.add_argument("--seed", type=int, default=7, help="seed for a corpus that has to be generated")
    ap.add_argument("--skip-proselint", action="store_true", help="leave proselint out (about 12 s a run)")
    ap.add_argument("--jobs", type=int, help="newslint --jobs for the whole-set run (default: newslint's own)")
    ap.add_argument("--cache", action="store_true", help="also time a warm run with newslint's results cache")
    ap.add_argument("--big", action="store_true", help="also lint one ~50 MB file with --jobs 1")
    ap.add_argument("--no-warmup", action="store_true", help="skip the untimed warm-up run of each command")
    ap.add_argument("--profile", action="store_true", help="profile newslint in-process over the corpus and exit")
    ap.add_argument("--profile-tool", choices=["cprofile", "pyinstrument"], default="cprofile")
    ap.add_argument("--top", type=int, default=25, help="profile entries to print (default 25)")
    ap.add_argument("--many", type=int, metavar="N",
                    help="only measure whole-tree peak RSS over N files and N/10 (hard-linked copies of the corpus)")
    ap.add_argument("--many-formats", default="text,json",
                    help="output formats for --many, comma-separated (default text,json; also github, sarif; "
                         "FORMAT+cache: with the results cache, a cold then a warm run)")
    ap.add_argument("--out", help="JSON results file (default benchmarks/last-run.json; last-many.json with --many)")
    args = ap.parse_args(argv)

    ensure_corpus(args.corpus, args.seed)
    files = corpus_files(args.corpus)
    if not files:
        print(f"no .txt/.md files in {args.corpus}", file=sys.stderr)
        return 2
    if args.profile:
        return profile(args.corpus, args.profile_tool, args.top)
    if args.many:
        return many(args, files)
    args.out = args.out or os.path.join(HERE, "last-run.json")

    versions = ensure_peers()
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    one = files[1]
    one_mb = os.path.getsize(one) / 1e6
    nl = newslint_bin()
    cs = os.path.join(PEER_BIN, "codespell")
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    # (name, command, environment, size in MB); the order is the order within a round
    tools: list[tuple[str, list[str], dict[str, str], float]] = [
        (f"newslint (jobs={args.jobs or os.cpu_count()})", [nl, "--format", "json", "--no-cache", *jobs, args.corpus],
         child_env(), mb),
        ("codespell", [cs, args.corpus], child_env(), mb),
    ]
    if not args.skip_proselint:
        tools.append(("proselint", proselint_command(args.corpus, files), child_env(), mb))
    tools += [
        ("newslint --jobs 1", [nl, "--format", "json", "--no-cache", "--jobs", "1", args.corpus], child_env(), mb),
        ("newslint 1 file", [nl, "--format", "json", "--no-cache", one], child_env(), one_mb),
        ("codespell 1 file", [cs, one], child_env(), one_mb),
    ]
    if not args.skip_proselint:
        tools.append(("proselint 1 file", proselint_command(one, [one]), child_env(), one_mb))
    tools.append(("newslint 1 file, no .pyc", [nl, "--format", "json", "--no-cache", one], child_env(bytecode=False),
                  one_mb))
    cache_dir = None
    cache_fill = None
    if args.cache:
        if newslint_has_cache():
            cache_dir = tempfile.mkdtemp(prefix="newslint-bench-cache-")
            env = child_env(NEWSLINT_CACHE_DIR=cache_dir)
            cmd = [nl, "--format", "json", *jobs, args.corpus]
            cache_fill = timed(cmd, env)  # the first run fills the cache
            tools.append(("newslint warm cache", cmd, env, mb))
        else:
            print("newslint has no results cache (no --no-cache in --help): --cache skipped")

    load_before = os.getloadavg()
    print(f"corpus: {len(files)} files, {mb:.2f} MB ({args.corpus}); one article: {os.path.basename(one)} "
          f"({one_mb * 1e3:.1f} KB)")
    print(f"peers: codespell {versions['codespell']}, proselint {versions['proselint']}; "
          f"{os.cpu_count()} cores; load average {load_before[0]:.2f}")
    if load_before[0] > 0.5:
        print("note: the machine is busy (load > 0.5); the alternation spreads the noise, but expect it")
    if not args.no_warmup:
        for name, cmd, env, _ in tools:
            if not name.startswith("proselint"):
                timed(cmd, env)
    summary = findings_summary(tools[0][1])
    runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name, *_ in tools}
    t0 = time.perf_counter()
    for rnd in range(args.rounds):
        for name, cmd, env, _ in tools:  # alternate the tools within each round
            runs[name].append(timed(cmd, env))
        print(f"  round {rnd + 1}/{args.rounds} done ({time.perf_counter() - t0:.0f} s)", flush=True)
    tree_rss = tree_peak_rss(tools[0][1])
    load_after = os.getloadavg()

    rows: dict[str, dict] = {}
    for name, cmd, _, size in tools:
        walls = [w for w, _, _ in runs[name]]
        wall = statistics.median(walls)
        rows[name] = {
            "command": " ".join(os.path.relpath(c, ROOT) if os.path.isabs(c) else c for c in cmd[:6])
            + (" ..." if len(cmd) > 6 else ""),
            "wall_s": round(wall, 4), "min_s": round(min(walls), 4), "max_s": round(max(walls), 4),
            "mb_per_s": round(size / wall, 3), "peak_rss_mb": round(max(r for _, r, _ in runs[name]), 1),
            "exit_codes": sorted({c for _, _, c in runs[name]}),
        }
    whole, j1 = tools[0][0], "newslint --jobs 1"
    checks = []
    if "proselint" in rows:
        checks.append(("whole set vs proselint", rows[whole]["wall_s"] / rows["proselint"]["wall_s"],
                       TARGETS["whole set vs proselint"], "x"))
    checks.append(("whole set vs codespell", rows[whole]["wall_s"] / rows["codespell"]["wall_s"],
                   TARGETS["whole set vs codespell"], "x"))
    checks.append(("cold start vs codespell", rows["newslint 1 file"]["wall_s"] / rows["codespell 1 file"]["wall_s"],
                   TARGETS["cold start vs codespell"], "x"))
    checks.append(("peak RSS MB (--jobs 1)", rows[j1]["peak_rss_mb"], TARGETS["peak RSS MB"], "MB"))
    if tree_rss is not None:
        checks.append((f"peak RSS MB ({whole}, whole tree)", tree_rss, TARGETS["peak RSS MB"], "MB"))
    info = [(f"{j1} vs codespell", rows[j1]["wall_s"] / rows["codespell"]["wall_s"])]
    if "proselint" in rows:
        info += [(f"{j1} vs proselint", rows[j1]["wall_s"] / rows["proselint"]["wall_s"]),
                 ("cold start vs proselint", rows["newslint 1 file"]["wall_s"] / rows["proselint 1 file"]["wall_s"]),
                 ("codespell vs proselint", rows["codespell"]["wall_s"] / rows["proselint"]["wall_s"])]

    print(f"\n{args.rounds} rounds, alternated; median wall time (min-max), throughput at the median, peak RSS "
          f"(os.wait4, the process itself)\n")
    print(f"{'command':34s} {'wall s':>8s} {'min-max s':>15s} {'MB/s':>8s} {'RSS MB':>7s} {'exit':>5s}")
    for name, row in rows.items():
        print(f"{name:34s} {row['wall_s']:8.3f} {row['min_s']:7.3f}-{row['max_s']:<7.3f} {row['mb_per_s']:8.2f} "
              f"{row['peak_rss_mb']:7.1f} {','.join(map(str, row['exit_codes'])):>5s}")
    if cache_fill:
        print(f"{'(newslint cache fill, once)':34s} {cache_fill[0]:8.3f}")
    print(f"\n{'target (issue 8)':44s} {'measured':>10s} {'target':>10s}")
    for label, value, target, unit in checks:
        print(f"{label:44s} {value:7.2f} {unit:2s} {target:7.2f} {unit:2s}  {'ok' if value <= target else 'MISSED'}")
    for label, value in info:
        print(f"{label:44s} {value:7.2f} x   (for information)")
    if summary:
        top = ", ".join(f"{k} {v}" for k, v in list(summary["by_rule"].items())[:8])
        print(f"\nnewslint found {summary['findings']} problems in {summary['files_with_findings']} files ({top})")
    print(f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")

    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_before": round(load_before[0], 2), "load_after": round(load_after[0], 2)},
        "peers": versions,
        "corpus": {"path": os.path.relpath(args.corpus, ROOT), "files": len(files), "mb": round(mb, 3),
                   "one_article": os.path.basename(one), "one_article_kb": round(one_mb * 1e3, 2)},
        "rounds": args.rounds,
        "tools": rows,
        "targets": {label: {"measured": round(v, 3), "target": t, "unit": u, "ok": v <= t}
                    for label, v, t, u in checks},
        "ratios": {label: round(v, 3) for label, v in info},
        "newslint_findings": summary,
    }
    if cache_fill:
        result["cache_fill_s"] = round(cache_fill[0], 4)
    if cache_dir:
        shutil.rmtree(cache_dir, ignore_errors=True)
    if args.big:
        big_dir = os.path.join(tempfile.gettempdir(), "newslint-bench-big")
        ensure_corpus(big_dir, args.seed, big=50)
        big_file = os.path.join(big_dir, "big.txt")
        big_mb = os.path.getsize(big_file) / 1e6
        wall, rss, code = timed([nl, "--format", "json", "--no-cache", "--jobs", "1", big_file])
        result["big"] = {"mb": round(big_mb, 1), "wall_s": round(wall, 2), "mb_per_s": round(big_mb / wall, 3),
                         "peak_rss_mb": round(rss, 1), "exit_code": code}
        print(f"\none {big_mb:.0f} MB file, --jobs 1: {wall:.1f} s ({big_mb / wall:.2f} MB/s; the corpus with "
              f"--jobs 1 ran at {rows[j1]['mb_per_s']:.2f} MB/s), peak RSS {rss:.0f} MB")
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=1)
        fh.write("\n")
    print(f"\nwrote {os.path.relpath(args.out)}")
    return 0


# --- profile ---------------------------------------------------------------------------------
def profile(corpus: str, tool: str, top: int) -> int:
    """Run newslint's CLI in this process (--jobs 1, --no-cache) under a profiler; print the top entries."""
    try:
        from newslint.cli import main as newslint_main
    except ImportError:  # run with another interpreter: use the project's venv
        if os.path.exists(VENV_PY) and os.path.realpath(sys.executable) != os.path.realpath(VENV_PY):
            return subprocess.call([VENV_PY, os.path.abspath(__file__), "--profile", "--profile-tool", tool,
                                    "--top", str(top), "--corpus", corpus])
        raise
    import contextlib
    import io

    argv = ["--format", "json", "--no-cache", "--jobs", "1", corpus]
    sink = io.StringIO()
    if tool == "pyinstrument":
        try:
            from pyinstrument import Profiler
        except ImportError:
            print("pyinstrument is not installed (pip install pyinstrument); using cProfile")
            tool = "cprofile"
        else:
            prof = Profiler(interval=0.001)
            with contextlib.redirect_stdout(sink):
                prof.start()
                newslint_main(argv)
                prof.stop()
            print(prof.output_text(unicode=True, color=False, show_all=False))
            return 0
    import cProfile
    import pstats

    prof = cProfile.Profile()
    start = time.perf_counter()
    with contextlib.redirect_stdout(sink):
        prof.enable()
        newslint_main(argv)
        prof.disable()
    wall = time.perf_counter() - start
    path = os.path.join(tempfile.gettempdir(), "newslint-bench.prof")
    prof.dump_stats(path)
    print(f"newslint {' '.join(argv)}: {wall:.2f} s under cProfile (profiling overhead included); "
          f"stats in {path} (python -m pstats {path})\n")
    for key, label in (("cumulative", "cumulative time"), ("tottime", "own time")):
        print(f"=== top {top} by {label} ===")
        out = io.StringIO()
        pstats.Stats(prof, stream=out).strip_dirs().sort_stats(key).print_stats(top)
        text = out.getvalue()
        print(text[text.find("   ncalls"):].rstrip() + "\n")
    rule_times(newslint_main, argv, top)
    import_times(corpus, top)
    return 0


def import_times(corpus: str, top: int) -> None:
    """Cold start: ``python -X importtime`` of newslint on one article; the slowest imports (cumulative)."""
    one = corpus_files(corpus)[1]
    start = time.perf_counter()
    proc = subprocess.run([VENV_PY if os.path.exists(VENV_PY) else sys.executable, "-X", "importtime", "-m",
                           "newslint", "--format", "json", "--no-cache", one], capture_output=True, text=True,
                          env=child_env())
    wall = time.perf_counter() - start
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), len(m.group(3)) // 2, m.group(4)))
    total = sum(own for _, own, _, _ in rows)
    print(f"\n=== cold start: top {top} imports by cumulative time (python -X importtime, one article) ===")
    print(f"run {wall:.3f} s; all imports {total / 1e6:.3f} s")
    for cum, own, depth, name in sorted(rows, reverse=True)[:top]:
        print(f"{cum / 1e3:8.1f} ms cumulative {own / 1e3:7.1f} ms own  {'  ' * depth}{name}")


def rule_times(newslint_main, argv: list[str], top: int) -> None:
    """A second pass, without the profiler: wall time spent in each rule's check(), by wrapping the
    rule instances the engine hands out (in this process only; nothing on disk changes). Analyses
    shared through doc.memo or lazy Document properties are charged to the first rule that asks."""
    import contextlib
    import io
    from collections import defaultdict

    from newslint import engine

    spent: dict[tuple[str, str], float] = defaultdict(float)
    original = engine.Linter.rules_for

    def rules_for(self, path):
        rules = original(self, path)
        for r in rules:
            if "check" not in vars(r):
                def check(doc, ctx, _check=r.check, _key=(r.code, r.name)):
                    t = time.perf_counter()
                    out = list(_check(doc, ctx))
                    spent[_key] += time.perf_counter() - t
                    return out
                r.check = check
        return rules

    engine.Linter.rules_for = rules_for
    try:
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            newslint_main(argv)
        wall = time.perf_counter() - start
    finally:
        engine.Linter.rules_for = original
    total = sum(spent.values())
    print(f"=== top {top} rules by time in check() (second pass, imports warm, no profiler) ===")
    print(f"whole run {wall:.2f} s; in rules' check() {total:.2f} s; rest (reading, Document, engine, output) "
          f"{wall - total:.2f} s")
    for (code, name), t in sorted(spent.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{code:8s} {name:36s} {t:7.3f} s {100 * t / wall:5.1f}%")


if __name__ == "__main__":
    raise SystemExit(main())
