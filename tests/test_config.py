import textwrap

import pytest

from newslint.config import ConfigError, Settings, find_config, parse_settings, read_config_file
from newslint.document import Document
from newslint.engine import Linter
from newslint.finding import Severity
from newslint.runner import Overrides, Session

TYPO = "He left adn did not return.\n"


def codes(linter, text=TYPO, path="a.txt"):
    findings, errors = linter.lint(Document(text, path))
    assert not errors
    return [f.rule for f in findings]


def write(tmp_path, name, text):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


@pytest.mark.parametrize("selector", ["NL101", "NL1", "known-typo", "spelling", "ALL"])
def test_select_by_code_prefix_name_category(selector):
    assert "NL101" in codes(Linter(Settings(select=[selector])))


@pytest.mark.parametrize("selector", ["NL101", "known-typo", "spelling"])
def test_ignore_removes_a_rule(selector):
    assert "NL101" not in codes(Linter(Settings(ignore=[selector])))


def test_extend_select_adds_to_select():
    linter = Linter(Settings(select=["NL900"], extend_select=["NL101"]))
    assert {r.code for r in linter.rules} == {"NL900", "NL101"}


def test_per_file_ignores_by_glob(tmp_path):
    s = Settings(root=str(tmp_path), per_file_ignores={"archive/*.txt": ["spelling"]})
    linter = Linter(s)
    assert codes(linter, path=str(tmp_path / "archive" / "old.txt")) == []
    assert "NL101" in codes(linter, path=str(tmp_path / "new.txt"))


def test_severity_override_and_fail_on():
    linter = Linter(Settings(severity={"NL101": Severity.info}))
    findings, _ = linter.lint(Document(TYPO, "a.txt"))
    assert findings[0].severity == Severity.info


def test_accept_list_silences_substitutions():
    linter = Linter(Settings(accept=frozenset({"adn"})))
    assert "NL101" not in codes(linter)


def test_yaml_config_and_discovery_walks_up(tmp_path):
    write(tmp_path, ".newslint.yaml", """
        ignore: [known-typo]
        fail-on: error
    """)
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub / "x.txt") == tmp_path / ".newslint.yaml"
    s = parse_settings(read_config_file(tmp_path / ".newslint.yaml"), str(tmp_path / ".newslint.yaml"))
    assert s.ignore == ["known-typo"] and s.fail_on == Severity.error


def test_pyproject_tool_table(tmp_path):
    write(tmp_path, "pyproject.toml", """
        [project]
        name = "paper"
        [tool.newslint]
        select = ["spelling"]
        accept = ["Zelenskyy"]
        [tool.newslint.per-file-ignores]
        "wire/*.md" = ["NL1"]
    """)
    cfg = find_config(tmp_path / "story.txt")
    s = parse_settings(read_config_file(cfg), str(cfg))
    assert s.select == ["spelling"] and "Zelenskyy" in s.accept
    assert s.per_file_ignores == {"wire/*.md": ["NL1"]}


def test_pyproject_without_tool_table_is_skipped(tmp_path):
    write(tmp_path, "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(tmp_path / "x.txt") is None or find_config(tmp_path / "x.txt").parent != tmp_path


def test_a_pyproject_without_tool_table_is_read_once_and_an_edit_is_read_again(tmp_path, monkeypatch):
    """A pyproject.toml that names newslint without configuring it (a dependency, a script) is
    remembered as such in the cache directory; an edit that adds the table is found at once."""
    import newslint.config as config

    p = write(tmp_path, "pyproject.toml", "[project]\nname = 'paper'\ndependencies = ['newslint']\n")
    assert find_config(tmp_path / "x.txt") is None or find_config(tmp_path / "x.txt").parent != tmp_path

    def no_parse(*args, **kwargs):
        raise AssertionError("the TOML parser ran again")

    import tomllib

    with monkeypatch.context() as m:
        m.setattr(tomllib, "loads", no_parse)
        assert config.read_config_file(p) is None  # answered from the cache
    p.write_text(p.read_text() + "[tool.newslint]\nselect = ['spelling']\n")
    cfg = find_config(tmp_path / "x.txt")
    assert cfg == p and parse_settings(read_config_file(cfg), str(cfg)).select == ["spelling"]


def test_accept_file(tmp_path):
    write(tmp_path, "names.txt", "# newsroom names\nadn\nKovalenko\n")
    s = parse_settings({"accept": "names.txt"}, str(tmp_path / ".newslint.yaml"))
    assert s.accept == {"adn", "Kovalenko"}


def test_unknown_key_names_file_line_and_closest(tmp_path):
    p = write(tmp_path, ".newslint.yaml", "select: [spelling]\nignroe: [NL101]\n")
    with pytest.raises(ConfigError, match=r"\.newslint\.yaml:2: unknown key 'ignroe' \(did you mean 'ignore'\?\)"):
        parse_settings(read_config_file(p), str(p))


def test_unknown_rule_names_closest():
    with pytest.raises(ConfigError, match=r"unknown rule or category 'known-typos' \(did you mean 'known-typo'\?\)"):
        Linter(Settings(select=["known-typos"]))


def test_bad_values_are_errors():
    with pytest.raises(ConfigError, match="fail-on"):
        parse_settings({"fail-on": "warn"})
    with pytest.raises(ConfigError, match="list of strings"):
        parse_settings({"select": [1, 2]})
    with pytest.raises(ConfigError, match="languagetool.uri"):
        parse_settings({"languagetool": {"uri": "http://x"}})


def test_malformed_yaml_and_toml_name_file_and_line(tmp_path):
    p = write(tmp_path, ".newslint.yaml", "select: [spelling\nignore: x\n")
    with pytest.raises(ConfigError, match=r"\.newslint\.yaml:\d+: invalid YAML"):
        read_config_file(p)
    t = write(tmp_path, "pyproject.toml", "[tool.newslint]\nselect = [\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml:\d+: invalid TOML"):
        read_config_file(t)


def test_rule_options_validated_against_schema():
    from newslint.selection import validate_rule_options
    from newslint.rule import Option, Rule

    class R(Rule):
        code, name, category = "NL999", "demo", "style"
        options = {"max_words": Option(40, "limit", min=1), "mode": Option("a", choices=("a", "b"))}

    assert validate_rule_options(R, {"max-words": 30}, "cfg") == {"max_words": 30}
    with pytest.raises(ConfigError, match="has no option 'max-word' \\(did you mean 'max-words'\\?\\)"):
        validate_rule_options(R, {"max-word": 3}, "cfg")
    with pytest.raises(ConfigError, match="must be an integer"):
        validate_rule_options(R, {"max-words": "many"}, "cfg")
    with pytest.raises(ConfigError, match="at least 1"):
        validate_rule_options(R, {"max-words": 0}, "cfg")
    with pytest.raises(ConfigError, match="must be one of a, b"):
        validate_rule_options(R, {"mode": "c"}, "cfg")


def test_unknown_rule_in_rules_table():
    with pytest.raises(ConfigError, match="unknown rule 'known-typ'"):
        Linter(Settings(rules={"known-typ": {}}))


def test_extra_pack_from_config(tmp_path):
    write(tmp_path, "house.yaml", """
        rules:
          - code: NL190
            name: house-style-email
            kind: substitution
            category: style
            message: "House style is '{replacement}'"
            swap: {e-mail: email}
            examples: {bad: ["Send an e-mail."], good: ["Send an email."]}
    """)
    s = parse_settings({"packs": ["house.yaml"]}, str(tmp_path / ".newslint.yaml"))
    assert "NL190" in codes(Linter(s), "Send an e-mail today.\n")


def test_command_line_overrides_config(tmp_path):
    write(tmp_path, ".newslint.yaml", "ignore: [NL101]\n")
    session = Session(Overrides(select=["NL101"]))
    s = session.settings_for(str(tmp_path / "x.txt"))
    assert s.select == ["NL101"] and s.ignore == ["NL101"]  # ignore from the file still wins


def test_exclude_globs(run_cli, tmp_path):
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text("adn\n")
    (tmp_path / "new.txt").write_text("adn\n")
    (tmp_path / ".newslint.yaml").write_text("exclude: ['archive/**']\n")
    import json

    code, out, err = run_cli("--format", "json", str(tmp_path))
    assert [f["path"].rsplit("/", 1)[-1] for f in json.loads(out)["files"]] == ["new.txt"]


def test_third_party_rules_via_entry_points(monkeypatch):
    from newslint import registry
    from newslint.rule import Rule

    class Shouting(Rule):
        """All-caps words in body copy.

        Bad:
            The MINISTER resigned.
        Good:
            The minister resigned.
        """

        code, name, category, summary = "NL950", "shouting", "style", "All-caps words"

        def check(self, doc, ctx):
            import re

            for m in re.finditer(r"\b[A-Z]{5,}\b", doc.prose):
                yield self.finding(m.start(), m.end(), "Avoid shouting")

    class EP:
        name, value = "shout", "newsroom_rules:Shouting"

        def load(self):
            return Shouting

    monkeypatch.setattr(registry, "plugin_entry_points", lambda group=registry.ENTRY_POINT_GROUP: [EP()])
    linter = Linter(Settings(select=["shouting"]))
    findings, _ = linter.lint(Document("The MINISTER resigned.\n", "a.txt"))
    assert [f.rule for f in findings] == ["NL950"]

    class BadEP(EP):
        def load(self):
            return object

    monkeypatch.setattr(registry, "plugin_entry_points", lambda group=registry.ENTRY_POINT_GROUP: [BadEP()])
    with pytest.raises(registry.RegistryError, match="not a newslint Rule subclass"):
        registry.build_registry()


def test_entry_points_are_read_from_installed_distributions(tmp_path, monkeypatch):
    """plugin_entry_points reads entry_points.txt the way importlib.metadata does: the same
    answer for every distribution installed in the venv, and a plugin on sys.path is found."""
    from importlib import metadata

    from newslint import registry

    (tmp_path / "newsroom_rules.py").write_text(
        "from newslint.rule import Rule\n"
        "class Shouting(Rule):\n"
        "    code, name, category, summary = 'NL951', 'shouting-too', 'style', 'All caps'\n"
        "    def check(self, doc, ctx):\n"
        "        return iter(())\n",
        encoding="utf-8",
    )
    info = tmp_path / "newsroom_rules-1.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text(
        "[console_scripts]\nx = y:z\n\n[newslint.rules]\nshout = newsroom_rules:Shouting\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    eps = registry.plugin_entry_points()
    assert ("shout", "newsroom_rules:Shouting") in [(e.name, e.value) for e in eps]
    assert [r.code for r in registry.entry_point_rules()] == ["NL951"]
    # the same as importlib.metadata for every group that the venv's distributions declare
    for group in ("console_scripts", registry.ENTRY_POINT_GROUP):
        ours = sorted((e.name, e.value) for e in registry.plugin_entry_points(group))
        theirs = sorted((e.name, e.value.split("[", 1)[0].strip()) for e in metadata.entry_points(group=group))
        assert ours == theirs, group
