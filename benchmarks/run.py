#!/usr/bin/env python3
"""Time newslint against codespell and proselint on the same corpus, alternating the tools in
one run, and report median wall time, throughput, peak RSS and the ratios to the targets.

    .venv/bin/python benchmarks/run.py [--rounds 3] [--skip-proselint] [--big] [--profile]

Peers are installed once into benchmarks/.venv-peers (from PyPI). Peak RSS comes from
os.wait4 on each child; newslint's --jobs workers are grandchildren and are not included, so
newslint is also timed with --jobs 1, whose RSS is the whole story.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEERS = os.path.join(HERE, ".venv-peers")
NEWSLINT = os.path.join(ROOT, ".venv", "bin", "newslint")


def ensure_peers() -> None:
    if not os.path.exists(os.path.join(PEERS, "bin", "proselint")):
        subprocess.run([sys.executable, "-m", "venv", PEERS], check=True)
        subprocess.run([os.path.join(PEERS, "bin", "pip"), "install", "-q", "codespell", "proselint"], check=True)


def ensure_corpus(path: str, big: bool = False) -> None:
    if not os.path.isdir(path) or not os.listdir(path):
        cmd = [sys.executable, os.path.join(HERE, "make_corpus.py"), "--out", path]
        if big:
            cmd += ["--big", "50"]
        subprocess.run(cmd, check=True)


def timed(cmd: list[str]) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in KB of the child, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, proc.returncode


def corpus_files(path: str) -> list[str]:
    return sorted(os.path.join(path, f) for f in os.listdir(path))


def main() -> int:
    ap = argparse.ArgumentParser(description="newslint vs codespell and proselint")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--corpus", default=os.path.join(HERE, "corpus"))
    ap.add_argument("--skip-proselint", action="store_true")
    ap.add_argument("--big", action="store_true", help="also lint one ~50 MB file with --jobs 1")
    ap.add_argument("--profile", action="store_true", help="profile newslint in-process over the corpus and exit")
    ap.add_argument("--out", default=os.path.join(HERE, "last-run.json"))
    args = ap.parse_args()
    ensure_corpus(args.corpus)
    files = corpus_files(args.corpus)
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    if args.profile:
        return profile(args.corpus)
    ensure_peers()
    one = files[1]
    bin_ = os.path.join(PEERS, "bin")
    tools = {
        "newslint": [NEWSLINT, "--format", "json", "--no-cache", args.corpus],
        "newslint -j1": [NEWSLINT, "--format", "json", "--no-cache", "--jobs", "1", args.corpus],
        "newslint (cache warm)": [NEWSLINT, "--format", "json", args.corpus],
        "codespell": [os.path.join(bin_, "codespell"), args.corpus],
        "newslint 1 file": [NEWSLINT, "--no-cache", one],
        "codespell 1 file": [os.path.join(bin_, "codespell"), one],
    }
    if not args.skip_proselint:
        tools["proselint"] = [os.path.join(bin_, "proselint"), "check", *files]
    subprocess.run(tools["newslint (cache warm)"], stdout=subprocess.DEVNULL)  # fill the cache once
    runs: dict[str, list[tuple[float, int]]] = {k: [] for k in tools}
    for _ in range(args.rounds):
        for name, cmd in tools.items():  # alternate the tools within each round
            wall, rss, code = timed(cmd)
            runs[name].append((wall, rss))
    result = {"corpus_mb": round(mb, 2), "files": len(files), "rounds": args.rounds, "tools": {}}
    print(f"corpus: {len(files)} files, {mb:.2f} MB; {args.rounds} rounds, median wall time\n")
    print(f"{'tool':24s} {'wall s':>8s} {'MB/s':>8s} {'peak RSS MB':>12s}")
    for name, rs in runs.items():
        wall = statistics.median(w for w, _ in rs)
        rss = max(r for _, r in rs) / 1024
        size = mb if "1 file" not in name else os.path.getsize(one) / 1e6
        result["tools"][name] = {"wall_s": round(wall, 3), "mb_per_s": round(size / wall, 2), "peak_rss_mb": round(rss, 1)}
        print(f"{name:24s} {wall:8.3f} {size / wall:8.2f} {rss:12.1f}")
    t = result["tools"]
    checks = [
        ("whole set <= 3 x codespell", t["newslint"]["wall_s"] / t["codespell"]["wall_s"], 3.0),
        ("cold start <= 2 x codespell", t["newslint 1 file"]["wall_s"] / t["codespell 1 file"]["wall_s"], 2.0),
        ("peak RSS (-j1) <= 150 MB", t["newslint -j1"]["peak_rss_mb"] / 150, 1.0),
    ]
    if "proselint" in t:
        checks.insert(0, ("whole set <= 0.25 x proselint", t["newslint"]["wall_s"] / t["proselint"]["wall_s"], 0.25))
    print()
    for label, ratio, target in checks:
        print(f"{label:32s} ratio {ratio:6.2f}  {'ok' if ratio <= target else 'MISSED'}")
    result["checks"] = {label: {"ratio": round(ratio, 3), "target": target} for label, ratio, target in checks}
    if args.big:
        big_dir = os.path.join(HERE, "big")
        ensure_corpus(big_dir, big=True)
        wall, rss, _ = timed([NEWSLINT, "--format", "json", "--no-cache", "--jobs", "1", big_dir])
        big_mb = sum(os.path.getsize(f) for f in corpus_files(big_dir)) / 1e6
        result["big"] = {"mb": round(big_mb, 1), "wall_s": round(wall, 2), "peak_rss_mb": round(rss / 1024, 1)}
        print(f"\none {big_mb:.0f} MB file: {wall:.1f} s, peak RSS {rss / 1024:.0f} MB")
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=1)
    print(f"\nwrote {args.out}")
    return 0


def profile(corpus: str) -> int:
    import contextlib
    import cProfile
    import io
    import pstats

    sys.path.insert(0, ROOT)
    from newslint.cli import main as newslint_main

    prof = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()):
        prof.enable()
        newslint_main(["--format", "json", "--no-cache", "--jobs", "1", corpus])
        prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
