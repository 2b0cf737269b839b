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


# --- the README's pre-commit snippet and an editorial repository (issue 17) ---------------------
def _git_env(tmp_path):
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t", NEWSLINT_CACHE_DIR=str(tmp_path / "nlcache"))
    env["PATH"] = VENV_BIN + os.pathsep + env.get("PATH", "")  # newslint installed, as the README asks
    env.pop("GITHUB_ACTIONS", None)
    return env


def _readme_snippet():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    m = re.search(r"<!-- pre-commit-snippet-start -->\n```yaml\n(.*?)```\n<!-- pre-commit-snippet-end -->", readme, re.S)
    assert m, "README.md lacks the pre-commit snippet markers"
    return m.group(1)


def _editorial_repo(tmp_path, env):
    repo = tmp_path / "site"
    shutil.copytree(os.path.join(ROOT, "fixtures", "editorial-repo"), repo)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    (repo / ".pre-commit-config.yaml").write_text(_readme_snippet())
    return repo


def _git(repo, env, *args):
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600)


CLEAN = ["hugo/content/posts/library-hours.md", "hugo/content/posts/ferry-fares.md",
         "jekyll/_posts/2025-03-10-bridge-reopens.md", "wire/harbour-strike.txt"]
DEFECTS = {
    "hugo/content/posts/budget-vote.md": {(2, 31, "NL101"), (5, 31, "NL501"), (8, 44, "NL101"), (10, 1, "NL501")},
    "jekyll/_posts/2025-03-12-school-meals.md": {(11, 12, "NL501"), (13, 1, "NL501"), (13, 59, "NL101")},
    "wire/ferry-talks.txt": {(8, 1, "NL501"), (9, 32, "NL101")},
}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_readme_pre_commit_snippet_gates_an_editorial_repo(tmp_path):
    precommit = os.path.join(VENV_BIN, "pre-commit")
    if not os.path.exists(precommit):
        pytest.skip("pre-commit not installed (pip install -e '.[test]')")
    env = _git_env(tmp_path)
    repo = _editorial_repo(tmp_path, env)
    subprocess.run([precommit, "install"], cwd=repo, env=env, check=True, capture_output=True)
    # the configuration, the site's settings and the clean articles are committed through the hook
    r = _git(repo, env, "add", ".pre-commit-config.yaml", "pyproject.toml", "hugo/hugo.toml", "jekyll/_config.yml",
             "jekyll/_includes/byline.html", *CLEAN)
    r = _git(repo, env, "commit", "-q", "-m", "clean articles")
    assert r.returncode == 0, r.stdout + r.stderr
    # each defective article is blocked, with its planted findings and no others
    for path, want in DEFECTS.items():
        _git(repo, env, "add", path)
        r = _git(repo, env, "commit", "-q", "-m", "defective")
        assert r.returncode != 0, path
        got = {(int(a), int(b), c) for a, b, c in re.findall(re.escape(path) + r":(\d+):(\d+): \w+ (NL\d+)", r.stdout + r.stderr)}
        assert got == want, (path, r.stdout + r.stderr)
        _git(repo, env, "reset", "-q", path)


def test_fix_leaves_front_matter_shortcodes_and_embeds_byte_identical(tmp_path):
    from newslint.cli import main

    repo = tmp_path / "site"
    shutil.copytree(os.path.join(ROOT, "fixtures", "editorial-repo"), repo)
    from newslint.document import Document

    before = {}
    for path in [*CLEAN, *DEFECTS]:
        text = (repo / path).read_text(encoding="utf-8")
        doc = Document(text, path)
        fm = doc.front_matter
        before[path] = (text[: fm.span.end] if fm else "", [text[s.start : s.end] for s in doc.template_spans], text)
    main(["--no-cache", "--fix", "-q", "--jobs", "1", str(repo)])
    changed = set()
    for path, (front, spans, text) in before.items():
        fixed = (repo / path).read_text(encoding="utf-8")
        assert fixed.startswith(front), path
        pos = 0
        for chunk in spans:  # every shortcode, template tag and embed, in order, unchanged
            i = fixed.find(chunk, pos)
            assert i >= 0, (path, chunk)
            pos = i + len(chunk)
        if fixed != text:
            changed.add(path)
    assert changed == set(DEFECTS)  # the clean articles are not touched; the typos are fixed


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pinned_form_works_with_an_existing_rev_from_a_fresh_clone(tmp_path):
    """The README's second form: repo + a rev that exists there (here: a fresh clone of this
    repository and its HEAD commit)."""
    precommit = os.path.join(VENV_BIN, "pre-commit")
    if not os.path.exists(precommit):
        pytest.skip("pre-commit not installed (pip install -e '.[test]')")
    env = _git_env(tmp_path)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("not a git checkout")
    clone = tmp_path / "newslint"
    r = subprocess.run(["git", "clone", "-q", ROOT, str(clone)], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip("cannot clone: " + r.stderr)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True, text=True, check=True).stdout.strip()
    repo = tmp_path / "newsroom"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone.as_uri()}\n    rev: {rev}\n    hooks:\n      - id: newslint\n"
    )
    (repo / "story.md").write_text("---\ntitle: A story\nslug: teh-story\n---\n\nThe minister left adn did not return.\n")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    r = subprocess.run([precommit, "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "story.md:6:19: error NL101 [known-typo]" in r.stdout and "teh-story" not in r.stdout
