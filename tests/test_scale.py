"""Large files are linted in pieces (newslint.chunked): the same findings at the same file
positions as one whole-file run, for findings that lie inside a piece; --fix and --diff
through pieces; suppressions across pieces."""
import json

import pytest

from newslint import chunked
from newslint.cli import main

PARA = (
    "The council voted on Tuesday adn the mayor said the plan would go ahead.\n"
    "Reports suggest the budget will rise,with a new levy on parking.\n"
    "\n"
)


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(chunked, "LARGE_FILE_BYTES", 2_000)
    monkeypatch.setattr(chunked, "CHUNK_CHARS", 700)


def report(capsys, *args):
    code = main(["--no-cache", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def positions(rep):
    return sorted(
        (f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["text"])
        for f in rep["files"][0]["findings"]
    )


def test_pieces_cut_at_blank_lines_and_keep_every_character():
    text = PARA * 50
    import io

    got = list(chunked.pieces(io.StringIO(text, newline=""), chunk_chars=500))
    assert len(got) > 5
    assert "".join(p.text for p in got) == text
    for p in got:
        assert p.text.endswith("\n\n")  # a paragraph boundary
        assert text[p.offset : p.offset + len(p.text)] == p.text
        assert text.count("\n", 0, p.offset) == p.line_offset


def test_chunked_findings_equal_whole_file_findings(tmp_path, capsys, monkeypatch):
    f = tmp_path / "big.txt"
    f.write_text("Council Votes on Parking Levy\n\n" + PARA * 60, encoding="utf-8")
    _, whole = report(capsys, str(f))
    monkeypatch.setattr(chunked, "LARGE_FILE_BYTES", 2_000)
    monkeypatch.setattr(chunked, "CHUNK_CHARS", 700)
    _, pieces = report(capsys, str(f))
    want = [x for x in positions(whole) if x[0] not in ("NL705", "NL302")]  # repeated text spans pieces
    got = [x for x in positions(pieces) if x[0] not in ("NL705", "NL302")]
    assert got == want
    assert max(x[1] for x in got) > 150  # findings far past the first piece
    assert pieces["files"][0]["statistics"]["words"] == whole["files"][0]["statistics"]["words"]


def test_chunked_fix_equals_whole_file_fix(tmp_path, capsys, monkeypatch):
    body = "Council Votes on Parking Levy\n\n" + PARA * 60
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(body, encoding="utf-8")
    b.write_text(body, encoding="utf-8")
    main(["--no-cache", "--fix", str(a)])
    monkeypatch.setattr(chunked, "LARGE_FILE_BYTES", 2_000)
    monkeypatch.setattr(chunked, "CHUNK_CHARS", 700)
    main(["--no-cache", "--fix", str(b)])
    capsys.readouterr()
    assert b.read_bytes() == a.read_bytes() != body.encode()
    assert "adn" not in b.read_text(encoding="utf-8")


def test_chunked_diff_has_file_line_numbers(tmp_path, capsys, small_pieces):
    f = tmp_path / "a.txt"
    f.write_text(PARA * 60, encoding="utf-8")
    main(["--no-cache", "--diff", str(f)])
    out = capsys.readouterr().out
    assert out.count("--- a/") == 1
    hunks = [int(h.split()[1].split(",")[0][1:]) for h in out.splitlines() if h.startswith("@@")]
    assert hunks == sorted(hunks) and hunks[-1] > 150
    assert f.read_text(encoding="utf-8") == PARA * 60  # --diff changes nothing


def test_disable_file_applies_to_every_piece(tmp_path, capsys, small_pieces):
    f = tmp_path / "a.txt"
    f.write_text(PARA * 30 + "<!-- newslint-disable-file NL101 -->\n\n" + PARA * 30, encoding="utf-8")
    _, rep = report(capsys, str(f))
    rules = {x["rule"] for x in rep["files"][0]["findings"]}
    assert "NL101" not in rules and "NL501" in rules


def test_region_is_not_cut(tmp_path, capsys, small_pieces):
    f = tmp_path / "a.txt"
    # the region (12 paragraphs) is longer than a piece (700 characters) but is kept whole
    f.write_text(PARA * 5 + "<!-- newslint-disable NL101 -->\n\n" + PARA * 12 + "<!-- newslint-enable NL101 -->\n\n" + PARA * 5, encoding="utf-8")
    _, rep = report(capsys, str(f))
    lines = sorted(x["line"] for x in rep["files"][0]["findings"] if x["rule"] == "NL101")
    assert lines == [1, 4, 7, 10, 13, 56, 59, 62, 65, 68]  # none inside the region


def test_text_output_shows_source_lines_of_late_findings(tmp_path, capsys, small_pieces):
    f = tmp_path / "a.txt"
    f.write_text(PARA * 60, encoding="utf-8")
    main(["--no-cache", "--select", "NL101", str(f)])
    out = capsys.readouterr().out
    assert f"a.txt:{3 * 59 + 1}:" in out
    assert out.count("The council voted on Tuesday adn the mayor") == 60


def test_bad_bytes_in_a_large_file_are_a_clear_error(tmp_path, capsys, small_pieces):
    f = tmp_path / "a.txt"
    f.write_bytes((PARA * 30).encode() + b"caf\xe9\n" + (PARA * 30).encode())
    code = main(["--no-cache", str(f)])
    err = capsys.readouterr().err
    assert code == 2 and "not valid utf-8" in err and "Traceback" not in err


# --- suppressions that reach past a piece; lines longer than a piece; streaming output -------
CLEAN = "The council met on Tuesday and the mayor spoke.\n\n"
DISABLE = "<!-- newslint-disable NL101 -->\n\n"
ENABLE = "<!-- newslint-enable NL101 -->\n\n"


def whole_and_pieces(tmp_path, capsys, monkeypatch, text, name="a.txt"):
    """(whole-file positions, positions through pieces), all rules but the repeated-text ones,
    NL900 (unused suppression) included."""
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    _, whole = report(capsys, str(f))
    monkeypatch.setattr(chunked, "LARGE_FILE_BYTES", 2_000)
    monkeypatch.setattr(chunked, "CHUNK_CHARS", 700)
    _, pieces = report(capsys, str(f))
    monkeypatch.undo()
    keep = lambda rep: [x for x in positions(rep) if x[0] not in ("NL705", "NL302")]  # noqa: E731
    return keep(whole), keep(pieces)


@pytest.mark.parametrize(
    "text",
    [
        # a region longer than four pieces: cut, and carried on until its enable
        PARA * 3 + DISABLE + PARA * 60 + ENABLE + PARA * 10,
        # a region without an enable runs to the end of the file
        "<!-- newslint-disable -->\n\n" + PARA * 60,
        # a region that suppresses nothing in its own piece is not reported unused
        PARA * 3 + DISABLE + CLEAN * 60 + PARA * 5 + ENABLE + PARA * 3,
        # an enable without rules closes every region
        DISABLE + PARA * 50 + "<!-- newslint-enable -->\n\n" + PARA * 10,
        # a disable-file comment that suppresses nothing in its own piece
        CLEAN * 40 + "<!-- newslint-disable-file NL101 -->\n\n" + CLEAN * 40 + PARA * 20,
    ],
    ids=["long-region", "unterminated", "used-only-later", "enable-all", "disable-file-elsewhere"],
)
def test_suppressions_reach_across_pieces(tmp_path, capsys, monkeypatch, text):
    whole, pieces = whole_and_pieces(tmp_path, capsys, monkeypatch, text)
    assert pieces == whole
    assert len(text) > 6 * 700  # several pieces


def test_disable_next_line_at_the_end_of_a_piece(tmp_path, capsys, monkeypatch):
    import io

    comment = "<!-- newslint-disable-next-line NL101 -->\n"
    head = PARA * 3
    head += "Word " * ((700 - len(comment) - len(head)) // 5 + 1) + "\n"
    text = head + comment + "\n" + PARA * 20
    first = next(chunked.pieces(io.StringIO(text, newline=""), chunk_chars=700))
    assert first.text.endswith(comment + "\n")  # the line it names is in the next piece
    whole, pieces = whole_and_pieces(tmp_path, capsys, monkeypatch, text)
    assert pieces == whole
    assert not any(x[0] == "NL900" for x in pieces)
    assert ("NL101", 13, 30, 13, 33, "adn") not in pieces


def test_bounded_lines_cut_long_lines_only():
    import io

    from newslint.chunked import _bounded_lines

    text = "Short line.\n" + "The mayor spoke. " * 300 + "\n" + "x" * 2_500 + "\r\nend"
    got = list(_bounded_lines(io.StringIO(text, newline=""), 700))
    assert "".join(got) == text
    assert got[0] == "Short line.\n" and got[-1] == "end"
    assert all(len(s) <= 700 for s in got)
    assert all(s.endswith(". ") for s in got[1:4])  # cut after a sentence end, no word split
    assert len(got) == 1 + 8 + 4 + 1


def test_a_line_longer_than_a_piece_keeps_exact_columns(tmp_path, capsys, monkeypatch):
    sentence = "The council voted on Tuesday adn the mayor said the plan would go ahead. "
    text = "Council Votes\n\n" + sentence * 150 + "\n\nReports suggest the budget will rise,with a levy.\n"
    whole, pieces = whole_and_pieces(tmp_path, capsys, monkeypatch, text)
    assert pieces == whole
    adn = [x for x in pieces if x[0] == "NL101"]
    assert len(adn) == 150 and adn[-1][2] > 10_000  # far along one line


def test_text_output_streams_file_by_file(tmp_path, monkeypatch, capsys):
    """Each file's findings are written as soon as it is linted, before later files are read."""
    from newslint import runner

    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(PARA, encoding="utf-8")
    linted: list[str] = []
    real = runner.lint_one

    def counting(session, path):
        linted.append(path)
        return real(session, path)

    monkeypatch.setattr(runner, "lint_one", counting)
    seen_at: dict[str, int] = {}

    class Recorder:
        def write(self, s):
            for i in range(6):
                if f"{i}.txt:" in s:
                    seen_at.setdefault(f"{i}.txt", len(linted))
            return len(s)

        def flush(self):
            pass

        def isatty(self):
            return False

    monkeypatch.setattr("sys.stdout", Recorder())
    main(["--no-cache", "--jobs", "1", "--format", "text", str(tmp_path)])
    assert len(linted) == 6
    assert seen_at["0.txt"] == 1 and seen_at["5.txt"] == 6  # no file waits for the others


# --- many files: lazy discovery, workers, formats that hold the whole run ---------------------
def test_discovery_is_lazy_and_in_sorted_path_order(tmp_path):
    """The same files in the same order as sorting every path found by os.walk."""
    import os

    from newslint.runner import LINT_SUFFIXES, SKIP_DIRS, discover

    names = ["a.txt", "a.b.txt", "ab.md", "a b.txt", "A.TXT", "zz.markdown", "a/1.txt", "a/a.txt", "a.b/q.txt",
             "ab/r.md", ".hidden/h.txt", "node_modules/n.txt", "x/y/z/deep.txt", "x/y.txt", "a b/c.txt", "A/up.txt",
             "skip.py"]
    for n in names:
        (tmp_path / n).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / n).write_text("Hello.\n", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "x")  # a symlinked folder is not walked
    found = []
    for root, dirs, files in os.walk(tmp_path):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        found += [os.path.join(root, n) for n in files if n.lower().endswith(LINT_SUFFIXES)]
    got = discover([str(tmp_path), str(tmp_path / "missing")])
    assert not isinstance(got, list)
    got = list(got)
    assert got[:-1] == [(p, None) for p in sorted(found)]
    assert got[-1][1] and "no such file" in got[-1][1]
    assert len(got) == 15


def test_workers_send_back_a_large_file_in_pieces(tmp_path, capsys, small_pieces):
    """A large file linted in a worker process: packed findings travel back whole."""
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(PARA, encoding="utf-8")
    (tmp_path / "big.txt").write_text("Council Votes\n\n" + PARA * 80, encoding="utf-8")
    _, one = report(capsys, "--jobs", "1", str(tmp_path))
    _, two = report(capsys, "--jobs", "2", str(tmp_path))
    assert one == two
    big = next(f for f in one["files"] if f["path"].endswith("big.txt"))
    assert len(big["findings"]) > 200


def test_baseline_of_a_large_file(tmp_path, capsys, small_pieces):
    f = tmp_path / "big.txt"
    f.write_text("Council Votes\n\n" + PARA * 80, encoding="utf-8")
    base = tmp_path / "baseline.json"
    assert main(["--no-cache", "--write-baseline", str(base), str(f)]) == 0
    capsys.readouterr()
    code, rep = report(capsys, "--baseline", str(base), str(f))
    assert code == 0 and rep["files"][0]["findings"] == [] and rep["summary"]["baseline_hidden"] > 200
    f.write_text("Council Votes\n\n" + PARA * 80 + "The mayor recieved it.\n", encoding="utf-8")
    code, rep = report(capsys, "--baseline", str(base), str(f))
    assert [x["text"] for x in rep["files"][0]["findings"]] == ["recieved"]


def test_sarif_results_pass_through_a_temporary_file(tmp_path, capsys):
    """SARIF is laid out exactly as json.dump(indent=1) of the whole log would lay it out."""
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(PARA, encoding="utf-8")
    main(["--no-cache", "--format", "sarif", "--jobs", "1", str(tmp_path)])
    out = capsys.readouterr().out
    log = json.loads(out)
    assert out == json.dumps(log, ensure_ascii=False, indent=1) + "\n"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) > 6
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_a_linted_document_is_freed_without_the_garbage_collector():
    """Shared analyses live in the document's memo; one that refers back to the document makes
    a reference cycle, and then every document of a run (or every piece of a large file) stays
    in memory until a full collection: a 10 MB file once peaked at 109 MB instead of 60."""
    import gc
    import glob
    import weakref

    from newslint.document import Document
    from newslint.engine import default_linter

    linter = default_linter()
    paths = sorted(glob.glob("fixtures/**/*.txt", recursive=True) + glob.glob("fixtures/**/*.md", recursive=True))
    paths += sorted(glob.glob("seeds/*.txt"))
    kept = []
    gc.disable()
    try:
        for p in paths:
            doc = Document(open(p, encoding="utf-8").read(), p)
            linter.lint(doc)
            ref = weakref.ref(doc)
            del doc
            if ref() is not None:
                kept.append(p)
    finally:
        gc.enable()
    assert kept == []


# --- suppressions across pieces hide only the rules they name (one parser: newslint.suppress) --
CLAIM_PARA = "Analysts say the ferry adn the bridge will reopen in spring.[^1]\n\n"


def test_a_carried_region_hides_only_the_rules_it_names(tmp_path, capsys, monkeypatch):
    import io

    # the NL101 region runs over several pieces; an enable naming another rule does not end it
    other_enable = "<!-- newslint-enable NL501 -->\n\n"
    text = (
        CLAIM_PARA * 3 + DISABLE + CLAIM_PARA * 30 + other_enable
        + CLAIM_PARA * 30 + ENABLE + CLAIM_PARA * 3 + "[^1]: A footnote.\n"
    )
    region = (text.index(DISABLE), text.index(ENABLE))
    cuts = [p.offset for p in chunked.pieces(io.StringIO(text, newline=""), chunk_chars=700)]
    assert sum(region[0] < c < region[1] for c in cuts) >= 2  # the region is cut and carried
    whole, pieces = whole_and_pieces(tmp_path, capsys, monkeypatch, text, name="a.md")
    keep = ("NL101", "NL501", "NL900", "NL901")  # the repeated paragraphs are compared within a piece
    whole, pieces = [x for x in whole if x[0] in keep], [x for x in pieces if x[0] in keep]
    assert pieces == whole
    after = text[: region[1]].count("\n") + 3
    assert [x[1] for x in pieces if x[0] == "NL101"] == [1, 3, 5, after, after + 2, after + 4]
    assert len([x for x in pieces if x[0] == "NL501"]) == 66  # every claim, in the region too
    assert not any(x[0] == "NL900" for x in pieces)  # the region hid NL101 findings in later pieces


def test_disable_next_line_carried_over_a_blank_piece(tmp_path, capsys, monkeypatch):
    import io

    comment = "<!-- newslint-disable-next-line NL101 -->\n"
    head = PARA * 3
    head += "Word " * ((700 - len(comment) - len(head)) // 5 + 1) + "\n" + comment
    text = head + "\n" * 800 + "The mayor adn the council met.\n\n" + PARA * 3
    got = list(chunked.pieces(io.StringIO(text, newline=""), chunk_chars=700))
    assert any(not p.text.strip() for p in got)  # a piece of blank lines between
    whole, pieces = whole_and_pieces(tmp_path, capsys, monkeypatch, text)
    assert pieces == whole
    assert not any(x[0] == "NL900" for x in pieces)
    assert not any(x[0] == "NL101" and x[1] == head.count("\n") + 801 for x in pieces)


@pytest.mark.parametrize("n", [1, 5, 100, 256, 257, 1000, 5000])
@pytest.mark.parametrize("jobs", [2, 4])
def test_worker_tasks_keep_the_order_and_shrink_towards_the_end(n, jobs):
    """Workers get the paths in order, in tasks of at most _TASK_MAX files while more are coming,
    and in small tasks at the end (so no worker is left alone with a large last task)."""
    from newslint.runner import _TASK_MAX, _tasks

    paths = [f"{i}.txt" for i in range(n)]
    it = iter(paths)
    head = [next(it) for _ in range(min(n, jobs * 8 * 16))]
    tasks = list(_tasks(head, it, jobs))
    assert [p for t in tasks for p in t] == paths
    assert all(1 <= len(t) <= _TASK_MAX for t in tasks)
    assert len(tasks[-1]) <= 2
    if n <= jobs * 8 * 16:  # the whole set known at once: no task takes more than a sixth of it
        assert max(map(len, tasks)) <= max(2, n // (jobs * 3))
