"""``newslint archive``: an archive linted on a Dask cluster into a Parquet dataset (issue 20).

The archive's findings must be exactly those of ``newslint --format json`` on the same articles,
whatever the input form (files, JSONL, Parquet); a rerun skips finished partitions and redoes
changed ones; a partition run twice (a retried task, a lost worker) never duplicates rows; bad
articles become errors in the summary. The tests share one LocalCluster of two worker threads
(``processes=False``: fast to start); one test runs the whole command with worker processes.
"""
from __future__ import annotations

import importlib.util
import json
import os
import random

import pytest

from newslint import archive

NEEDS_EXTRA = pytest.mark.skipif(bool(archive.missing_extra()), reason="needs the archive extra (dask, distributed, pyarrow)")

# --- a small archive, written for these tests ----------------------------------------------------
_LEADS = [
    "The {town} council voted on {day} to close the old swimming baths on Mill Lane after engineers found cracks in the roof.",
    "Bus fares in {town} will rise by {n} pence from next month, the regional transport authority said on {day}.",
    "A volunteer group in {town} has planted {n} fruit trees along the canal towpath since the spring.",
    "Police in {town} said on {day} that a footbridge over the ring road would stay shut while it is inspected.",
    "The library in {town} will open on Sundays from March, its trustees announced on {day}.",
    "Farmers near {town} say a wet autumn has delayed the sugar beet harvest by about {n} days.",
]
_MIDDLES = [
    "\"We looked at every option before we made this choice,\" said {name}, who chairs the committee.",
    "The plan was first put forward two years ago but stalled when the funding bid failed.",
    "{name}, a spokesperson for the operator, said the change would pay for newer vehicles.",
    "Residents who spoke at the meeting were split, with several asking for a public consultation.",
    "According to figures published by the council, {n} people used the service last year.",
    "The work is expected to cost about {n},000 pounds and should be finished before the summer.",
]
_ENDS = [
    "A final decision is due at the next full meeting of the council.",
    "The authority said it would publish the full timetable online next week.",
    "Anyone who wants to help can contact the group through the community centre.",
    "Reporting by {name}; editing by the regional desk.",
]
_TOWNS = ["Ashford", "Kelso", "Bridport", "Ludlow", "Morpeth", "Settle", "Wells", "Ripon"]
_NAMES = ["Maya Lindgren", "Tobias Okoro", "Ruth Callaghan", "Idris Bell", "Nora Szabo", "Felix Amadi"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

#: an article with a common typo ("recieved") that the spelling rules report
TYPO = (
    "The harbour trust recieved a grant of 40,000 pounds on Tuesday to repair the north pier.\n\n"
    "\"The pier has needed this work for a decade,\" said Alma Reyes, the trust's secretary.\n\n"
    "Repairs start in April and should take about six weeks.\n"
)
#: an article in the voice of a content farm (stock phrasing, template framing): NL604's verdict
GENERATED = (
    "In today's fast-paced world, the humble allotment has emerged as a beacon of community resilience. "
    "This article will delve into the intricate tapestry of local gardening and explore its multifaceted impact.\n\n"
    "Moreover, the allotment movement underscores the pivotal role of green spaces in the realm of urban life. "
    "It is a testament to the vibrant spirit of the town, and it showcases the meticulous care of its growers. "
    "Furthermore, the bustling plots serve as a melting pot of ideas, fostering collaboration and innovation.\n\n"
    "Key Takeaways:\n\n"
    "- Allotments play a crucial role in fostering community.\n"
    "- They navigate the complex landscape of modern living.\n\n"
    "In conclusion, the allotment stands as a testament to the enduring power of community. "
    "As the world watches closely, only time will tell how this evolving landscape will unfold. "
    "What do you think about allotments? Share your thoughts in the comments below!\n"
)
MARKDOWN = (
    "# Ferry timetable changes\n\n"
    "The island ferry will run two extra crossings on Saturdays from May, the operator said on Monday.\n\n"
    "| Day | Crossings |\n| --- | --- |\n| Saturday | 8 |\n| Sunday | 6 |\n\n"
    "- Tickets go on sale next week.\n- Season passes keep their price.\n"
)
#: not valid UTF-8 (a Latin-1 e acute)
UNDECODABLE = "The caf\u00e9 on the square reopened on Friday after a refit.\n".encode("latin-1")


def make_articles(count: int = 30, seed: int = 20) -> dict[str, str | bytes]:
    """name -> text (bytes for the undecodable one): ``count`` small stories plus the special ones."""
    r = random.Random(seed)
    out: dict[str, str | bytes] = {}
    for i in range(count):
        fill = dict(town=r.choice(_TOWNS), day=r.choice(_DAYS), n=r.randint(3, 90), name=r.choice(_NAMES))
        paras = [r.choice(_LEADS).format(**fill)] + [m.format(**fill) for m in r.sample(_MIDDLES, 3)] + [r.choice(_ENDS).format(**fill)]
        if i % 7 == 3:  # a defect now and then: a missing space after a comma, a doubled word
            paras[1] = paras[1].replace(", ", ",", 1)
        if i % 9 == 4:
            paras[2] = paras[2].replace(" the ", " the the ", 1)
        out[f"story_{i:03d}.txt"] = "\n\n".join(paras) + "\n"
    out["typo.txt"] = TYPO
    out["generated.txt"] = GENERATED
    out["ferry.md"] = MARKDOWN
    out["broken.txt"] = UNDECODABLE
    return out


@pytest.fixture(scope="module")
def articles():
    return make_articles()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, articles):
    d = tmp_path_factory.mktemp("corpus")
    for name, text in articles.items():
        (d / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return d


@pytest.fixture(scope="module")
def cli_json(corpus):
    """``newslint --format json --isolated --no-cache`` on the corpus: path -> file object."""
    import contextlib
    import io

    from newslint.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
        code = main(["--format", "json", "--isolated", "--no-cache", "--jobs", "1", str(corpus)])
    assert code == 2  # the undecodable file
    return {f["path"]: f for f in json.loads(buf.getvalue())["files"]}


@pytest.fixture(scope="module")
def client():
    if archive.missing_extra():
        pytest.skip("needs the archive extra (dask, distributed, pyarrow)")
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0", silence_logs=40)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def _key(f: dict) -> tuple:
    return (f["rule"], f["name"], f["category"], f["severity"], f["line"], f["column"], f["end_line"], f["end_column"], f["message"], f["text"], tuple(f["suggestions"]))


def _archive_findings(out) -> dict[str, list[tuple]]:
    by: dict[str, list[tuple]] = {}
    for row in archive.read_findings(str(out)).to_pylist():
        by.setdefault(row["article"], []).append(_key(row))
    return {k: sorted(v) for k, v in by.items()}


def _summary(out) -> dict[str, dict]:
    rows = archive.read_summary(str(out)).to_pylist()
    ids = [r["article"] for r in rows]
    assert len(ids) == len(set(ids)), "an article has two summary rows"
    return {r["article"]: r for r in rows}


def _run(client, inputs, out, **options):
    plan = archive.Plan.make([str(i) for i in inputs], str(out), archive.Options(isolated=True, **options))
    return plan, archive.run(plan, client)


# --- without the extra ---------------------------------------------------------------------------
def test_without_the_extra_it_says_how_to_install(run_cli, monkeypatch, tmp_path):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name in archive.EXTRA_MODULES else real(name, *a))
    code, out, err = run_cli("archive", str(tmp_path), "--output", str(tmp_path / "out"))
    assert code == 2
    assert "pip install 'newslint[archive]'" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_the_plain_command_does_not_import_dask():
    """The lint command's start-up is unchanged: neither dask nor pyarrow is imported."""
    import subprocess
    import sys

    code = "import sys, newslint.cli; newslint.cli.lint_parser(); print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'pyarrow')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- files ---------------------------------------------------------------------------------------
@NEEDS_EXTRA
def test_files_give_exactly_the_findings_of_the_json_output(client, corpus, cli_json, tmp_path):
    out = tmp_path / "out"
    plan, report = _run(client, [corpus], out, partition_size=7)
    assert len(plan.partitions) == 5 and not report.failures
    got = _archive_findings(out)
    want = {p: sorted(_key(f) for f in obj["findings"]) for p, obj in cli_json.items() if obj["findings"]}
    assert got == want
    assert report.findings == sum(len(v) for v in want.values()) >= 12
    summary = _summary(out)
    assert set(summary) == set(cli_json)
    for path, obj in cli_json.items():
        row = summary[path]
        assert row["findings"] == len(obj["findings"])
        assert row["error"] == obj.get("error")
    broken = summary[str(corpus / "broken.txt")]
    assert "not valid utf-8" in broken["error"] and broken["reads_as_generated"] is None
    typo = [f for f in got[str(corpus / "typo.txt")] if f[9] == "recieved"]
    assert typo and typo[0][4:8] == (1, 19, 1, 27) and "received" in typo[0][10]
    assert summary[str(corpus / "generated.txt")]["reads_as_generated"] is True
    assert summary[str(corpus / "generated.txt")]["ai_content"] >= 3
    assert summary[str(corpus / "story_000.txt")]["reads_as_generated"] is False
    assert report.errors == 1 and report.articles == len(cli_json)


@NEEDS_EXTRA
def test_rule_selection_applies(client, corpus, tmp_path):
    out = tmp_path / "out"
    _run(client, [corpus], out, select=["spelling"])
    rows = archive.read_findings(str(out)).to_pylist()
    assert rows and {r["category"] for r in rows} == {"spelling"}
    summary = _summary(out)
    assert all(r["reads_as_generated"] is None for r in summary.values())  # NL604 did not run


# --- records -------------------------------------------------------------------------------------
def _records(articles):
    recs = []
    for i, (name, text) in enumerate(sorted(articles.items())):
        if isinstance(text, bytes):
            continue
        recs.append({"uid": f"a{i}", "body": text, "file": name, "desk": "regional"})
    return recs


@NEEDS_EXTRA
def test_jsonl_records_match_the_files_and_bad_lines_become_errors(client, articles, cli_json, corpus, tmp_path):
    recs = _records(articles)
    lines = [json.dumps(r).encode() for r in recs]
    lines.insert(5, b'{"uid": "latin", "body": "caf\xe9"}')  # not UTF-8
    lines.insert(9, b"{not json")
    lines.insert(12, b"")  # a blank line is skipped
    lines.append(json.dumps({"uid": "huge", "body": "word " * 3000}).encode())
    lines.append(json.dumps({"uid": "empty-text"}).encode())
    lines.append(json.dumps({"uid": "surrogate", "body": "Lone \ud800 half"}).encode())
    src = tmp_path / "news.jsonl"
    src.write_bytes(b"\n".join(lines))  # no newline after the last line
    out = tmp_path / "out"
    plan, report = _run(client, [src], out, partition_size=8, id_column="uid", text_column="body", filename_column="file", max_bytes=10_000)
    assert [p.first_line for p in plan.partitions] == [1, 9, 17, 25, 33]
    assert sum(p.articles for p in plan.partitions) == len(lines)
    summary = _summary(out)
    assert len(summary) == len(lines) - 1  # every line but the blank one, once
    got = _archive_findings(out)
    for rec in recs:  # the record's findings are the file's (the file name makes .md Markdown)
        want = sorted(_key(f) for f in cli_json[str(corpus / rec["file"])]["findings"])
        assert got.get(rec["uid"], []) == want, rec["file"]
        assert summary[rec["uid"]]["filename"] == rec["file"]
    assert "not valid UTF-8 (byte 0xe9" in summary[f"{src}:6"]["error"]
    assert "not valid JSON" in summary[f"{src}:10"]["error"]
    assert "too large" in summary["huge"]["error"] and "huge" not in got
    assert summary["empty-text"]["error"] == "empty-text: no 'body'"
    assert "lone surrogate U+D800" in summary["surrogate"]["error"]
    assert report.errors == 5


@NEEDS_EXTRA
def test_parquet_records_across_row_groups(client, articles, cli_json, corpus, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = _records(articles)
    table = pa.table({"uid": [r["uid"] for r in recs], "body": [r["body"].encode() for r in recs], "file": [r["file"] for r in recs]})
    table = pa.concat_tables([table, pa.table({"uid": ["bad-bytes"], "body": [b"caf\xe9 au lait"], "file": ["x.txt"]})])
    src = tmp_path / "news.parquet"
    pq.write_table(table, src, row_group_size=5)  # partitions of 7 rows straddle the row groups
    out = tmp_path / "out"
    plan, report = _run(client, [src], out, partition_size=7, id_column="uid", text_column="body", filename_column="file")
    assert [(p.start, p.stop) for p in plan.partitions][:2] == [(0, 7), (7, 14)]
    summary = _summary(out)
    assert set(summary) == {r["uid"] for r in recs} | {"bad-bytes"}
    got = _archive_findings(out)
    for rec in recs:
        assert got.get(rec["uid"], []) == sorted(_key(f) for f in cli_json[str(corpus / rec["file"])]["findings"])
    assert "not valid UTF-8" in summary["bad-bytes"]["error"]
    assert report.errors == 1


@NEEDS_EXTRA
def test_a_missing_column_is_a_one_line_error(run_cli, tmp_path):
    src = tmp_path / "news.jsonl"
    src.write_text(json.dumps({"id": 1, "content": "Text."}) + "\n")
    code, _, err = run_cli("archive", str(src), "--output", str(tmp_path / "out"), "--isolated")
    assert code == 2
    assert err.strip().splitlines()[-1] == f"newslint: error: {src}: no column 'text' (it has: id, content); name the right one with --text-column"


@NEEDS_EXTRA
def test_an_output_directory_it_did_not_write_is_refused(run_cli, corpus, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine")
    code, _, err = run_cli("archive", str(corpus), "--output", str(tmp_path / "out"))
    assert code == 2 and "did not write" in err
    assert (tmp_path / "out" / "notes.txt").read_text() == "mine"


# --- restarts and retries ------------------------------------------------------------------------
def _parts(out):
    return {(t, n): os.stat(out / t / n).st_mtime_ns for t in ("findings", "summary") for n in os.listdir(out / t)}


@NEEDS_EXTRA
def test_a_rerun_skips_finished_partitions_and_redoes_changed_ones(client, articles, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name, text in articles.items():
        (src / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    out = tmp_path / "out"
    _, first = _run(client, [src], out, partition_size=10)
    before = _parts(out)
    assert len(before) == 8 and first.skipped == 0

    _, again = _run(client, [src], out, partition_size=10)
    assert again.skipped == 4 and again.linted == 0
    assert (again.articles, again.findings, again.errors) == (first.articles, first.findings, first.errors)
    assert _parts(out) == before

    # an article changed: only its partition (the sorted paths' first ten hold ferry.md) runs again
    (src / "ferry.md").write_text(MARKDOWN + "\nThe the ferry leaves at noon.\n")
    _, changed = _run(client, [src], out, partition_size=10)
    assert changed.skipped == 3 and changed.linted == 10
    after = _parts(out)
    assert [k for k in before if after[k] != before[k]] == [("findings", "part-00000.parquet"), ("summary", "part-00000.parquet")]
    assert changed.findings > first.findings

    # other settings: everything again; fewer articles: the stale last partition goes
    for name in sorted(os.listdir(src))[-10:]:
        os.remove(src / name)
    _, fewer = _run(client, [src], out, partition_size=10, ignore=["NL1"])
    assert fewer.skipped == 0 and fewer.partitions == 3
    assert sorted(n for t, n in _parts(out) if t == "findings") == [f"part-0000{i}.parquet" for i in range(3)]
    assert len(_summary(out)) == fewer.articles == len(articles) - 10


@NEEDS_EXTRA
def test_a_partition_run_twice_writes_its_rows_once(articles, tmp_path):
    """What a retried task or a lost worker does: the same partition again, replacing its parts."""
    src = tmp_path / "news.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _records(articles)))
    out = tmp_path / "out"
    plan = archive.Plan.make([str(src)], str(out), archive.Options(isolated=True, id_column="uid", text_column="body", partition_size=20))
    part = plan.partitions[0]
    first = archive.run_partition(plan.options, part, plan.out)
    rows = archive.read_findings(str(out)).num_rows
    # a worker killed while writing leaves a hidden temporary file: readers skip it
    (out / "findings" / ".part-00000.999.dead.tmp").write_bytes(b"half a parquet file")
    second = archive.run_partition(plan.options, part, plan.out)
    assert first["findings"] == second["findings"] == rows > 0
    assert archive.read_findings(str(out)).num_rows == rows
    assert archive.read_summary(str(out)).num_rows == 20
    assert sorted(os.listdir(out / "findings")) == [".part-00000.999.dead.tmp", "part-00000.parquet"]


@NEEDS_EXTRA
def test_the_command_on_worker_processes(run_cli, corpus, cli_json, tmp_path):
    """The whole command: a LocalCluster of two worker processes, a rerun that skips everything."""
    out = tmp_path / "out"
    code, stdout, err = run_cli("archive", str(corpus), "--output", str(out), "--workers", "2", "--partition-size", "12", "--isolated")
    assert code == 0, err
    last = err.strip().splitlines()[-1]
    total = sum(len(f["findings"]) for f in cli_json.values())
    assert last.startswith(f"newslint archive: {len(cli_json)} articles in 3 partitions, {total} findings, 1 article with errors; linted {len(cli_json)} in ")
    assert _archive_findings(out) == {p: sorted(_key(f) for f in o["findings"]) for p, o in cli_json.items() if o["findings"]}
    manifest = json.loads((out / archive.MANIFEST).read_text())
    assert sorted(manifest["partitions"]) == ["part-00000", "part-00001", "part-00002"]
    code, _, err = run_cli("archive", str(corpus), "--output", str(out), "--workers", "1", "--partition-size", "12", "--isolated")
    assert code == 0 and "(3 already done)" in err and f"linted 0 in" in err
