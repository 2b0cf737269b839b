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
