#!/usr/bin/env python3
"""Throughput and memory of ``newslint archive`` (issue 20), and its agreement with the CLI.

    .venv/bin/python benchmarks/archive.py --count 100000            # 1 and 2 workers on N articles
    .venv/bin/python benchmarks/archive.py --count 10000 --workers 2  # one configuration
    .venv/bin/python benchmarks/archive.py --check-corpus            # the 1,000-article corpus vs --format json

N articles are generated with make_corpus.py's generator (seeded, about 4.6 KB each, one in 25
Markdown, named by a filename column) into one JSONL file under --work (made once per N and
seed). Each worker count runs the archive code path of ``newslint archive`` (Plan.make and run)
on a LocalCluster configured as the command configures it (worker processes, one thread each,
a memory limit), in this process; the cluster's start is timed apart from the run. Reported:
wall time, articles/s, the scaling from 1 to 2 workers, and each worker process's peak RSS
(``ru_maxrss``, asked of every worker after the run) and the client's.

``--check-corpus`` lints benchmarks/corpus (made by make_corpus.py if missing) with
``newslint --format json --no-cache`` and with the archive, and compares every finding (path,
rule, positions, message, severity, text, suggestions): they must be equal.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)


def generate(path: str, count: int, seed: int) -> None:
    import make_corpus

    r = random.Random(seed)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        for i in range(count):
            md = r.random() < 0.04
            text = make_corpus.article(r, int(r.gauss(4600 - 70, 450)), markdown=md)
            fh.write(json.dumps({"id": f"a{i:07d}", "filename": f"article_{i:07d}{'.md' if md else '.txt'}", "text": text}, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def _peak_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_archive(inputs: list[str], out: str, workers: int, memory_limit: str, **options) -> dict:
    import logging

    from distributed import Client, LocalCluster

    from newslint import archive

    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    plan = archive.Plan.make(inputs, out, archive.Options(**options))
    planned = time.perf_counter() - t0
    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=memory_limit,
                           host="127.0.0.1", dashboard_address=":0", silence_logs=logging.ERROR)
    client = Client(cluster)
    started = time.perf_counter() - t0
    try:
        report = archive.run(plan, client)
        peaks = client.run(_peak_rss_kb)
    finally:
        client.close()
        cluster.close()
    return {
        "workers": workers,
        "articles": report.articles,
        "findings": report.findings,
        "errors": report.errors,
        "failed_partitions": len(report.failures),
        "partitions": report.partitions,
        "plan_s": round(planned, 2),
        "cluster_start_s": round(started, 2),
        "run_s": round(report.seconds, 2),
        "articles_per_s": round(report.linted / report.seconds, 1) if report.seconds else 0.0,
        "worker_peak_rss_mb": sorted(round(kb / 1024, 1) for kb in peaks.values()),
        "client_peak_rss_mb": round(_peak_rss_kb() / 1024, 1),
    }


def check_corpus(work: str, workers: int) -> bool:
    import pyarrow.parquet as pq

    corpus = os.path.join(HERE, "corpus")
    if not os.path.isdir(corpus) or len([n for n in os.listdir(corpus) if n.startswith("article_")]) != 1000:
        subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), "--out", corpus], check=True)
    t0 = time.perf_counter()
    cli = subprocess.run([sys.executable, "-m", "newslint", "--format", "json", "--no-cache", corpus], capture_output=True, text=True)
    cli_s = time.perf_counter() - t0
    data = json.loads(cli.stdout)
    want = sorted(
        (f["path"], x["rule"], x["name"], x["category"], x["severity"], x["line"], x["column"], x["end_line"], x["end_column"], x["message"], x["text"], tuple(x["suggestions"]))
        for f in data["files"] for x in f["findings"]
    )
    out = os.path.join(work, "corpus-check")
    res = run_archive([corpus], out, workers, "2GiB")
    rows = pq.read_table(os.path.join(out, "findings")).to_pylist()
    got = sorted(
        (r["article"], r["rule"], r["name"], r["category"], r["severity"], r["line"], r["column"], r["end_line"], r["end_column"], r["message"], r["text"], tuple(r["suggestions"]))
        for r in rows
    )
    summary = pq.read_table(os.path.join(out, "summary")).num_rows
    same = got == want and summary == len(data["files"])
    print(f"corpus check: newslint --format json {len(want)} findings in {len(data['files'])} files ({cli_s:.1f} s); "
          f"archive {len(got)} findings, {summary} summary rows ({res['run_s']} s run, {res['workers']} workers): "
          f"{'EQUAL' if same else 'DIFFERENT'}")
    if not same:
        missing, extra = set(want) - set(got), set(got) - set(want)
        print(f"  only in the CLI: {len(missing)}, only in the archive: {len(extra)}; e.g. {sorted(missing or extra)[:3]}")
    return same


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=100_000, help="articles to generate (default 100,000)")
    ap.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated (default 1,2)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--memory-limit", default="2GiB")
    ap.add_argument("--work", default="/tmp/newslint-archive-bench", help="where the JSONL and the outputs go")
    ap.add_argument("--check-corpus", action="store_true", help="only compare the 1,000-article corpus with --format json")
    ap.add_argument("--out", default=os.path.join(HERE, "archive-last-run.json"), help="results file")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if args.check_corpus:
        return 0 if check_corpus(args.work, 2) else 1
    data = os.path.join(args.work, f"articles-{args.count}-{args.seed}.jsonl")
    if not os.path.exists(data):
        t0 = time.perf_counter()
        generate(data, args.count, args.seed)
        print(f"generated {args.count:,} articles ({os.path.getsize(data) / 1e6:.0f} MB of JSONL) in {time.perf_counter() - t0:.0f} s -> {data}")
    rows = []
    for w in [int(x) for x in args.workers.split(",")]:
        res = run_archive([data], os.path.join(args.work, f"out-{w}"), w, args.memory_limit, isolated=True, filename_column="filename")
        rows.append(res)
        print(f"{w} worker{'s' if w > 1 else ' '}: {res['articles']:,} articles, {res['findings']:,} findings, {res['errors']} errors, "
              f"{res['run_s']} s ({res['articles_per_s']} articles/s; cluster start {res['cluster_start_s']} s, plan {res['plan_s']} s); "
              f"worker peak RSS {res['worker_peak_rss_mb']} MB, client {res['client_peak_rss_mb']} MB", flush=True)
    if len(rows) > 1 and rows[0]["articles_per_s"]:
        print(f"scaling {rows[0]['workers']} -> {rows[-1]['workers']} workers: x{rows[-1]['articles_per_s'] / rows[0]['articles_per_s']:.2f}")
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump({"count": args.count, "seed": args.seed, "cores": os.cpu_count(), "runs": rows}, fh, indent=1)
        fh.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
