"""Packaging, pre-commit and README checks (slower: they build and install)."""
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

VENV_BIN = os.path.dirname(sys.executable)


def test_wheel_ships_the_rule_packs_and_a_plain_install_finds_them(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "w"), ROOT],
                   check=True, capture_output=True)
    wheel = next((tmp_path / "w").glob("newslint-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "newslint/builtin_packs/typos.yaml" in names
    assert not any(n.startswith(("linter/", "rules/")) for n in names), "no top-level linter/ or rules/ package"
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    code = "import newslint, sys; from newslint.engine import lint_text; print(newslint.__file__); print([f.rule for f in lint_text('adn')])"
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert str(target) in out.stdout and "NL101" in out.stdout


def test_editable_install_finds_the_packs():
    from newslint.packs import builtin_pack_paths

    assert any(p.endswith("typos.yaml") for p in builtin_pack_paths())


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_try_repo_fails_on_a_bad_article(tmp_path):
    precommit = os.path.join(VENV_BIN, "pre-commit")
    if not os.path.exists(precommit):
        pytest.skip("pre-commit not installed (pip install -e '.[test]')")
    repo = tmp_path / "newsroom"
    repo.mkdir()
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    (repo / "story.md").write_text("The minister left adn did not return.\n")
    (repo / "clean.md").write_text("The minister left and did not return.\n")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    r = subprocess.run([precommit, "try-repo", ROOT, "newslint", "--all-files"], cwd=repo, env=env,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "story.md:1:19: error NL101 [known-typo]" in r.stdout


def test_readme_rule_table_is_current():
    from newslint.commands import rules_markdown
    from newslint.registry import build_registry

    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    m = re.search(r"<!-- rules-table-start -->\n(.*?)<!-- rules-table-end -->", readme, re.S)
    assert m, "README.md lacks the rules table markers"
    assert m.group(1) == rules_markdown(build_registry().rules), (
        "README rule table is stale: regenerate with `newslint rules --format markdown`"
    )


def test_readme_setup_commands_match_ci():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    ci = open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8").read()
    install = re.search(r"```sh\n(python3 -m venv .*?)\n```", readme).group(1)
    assert install.split(" && ")[0] in ci and "pip install -e '.[test]'" in install
    assert ".venv/bin/python -m pytest" in readme and ".venv/bin/python -m pytest" in ci
