import textwrap

import pytest

from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter
from newslint.packs import PackError, load_pack
from newslint.registry import Registry


def pack(tmp_path, text):
    p = tmp_path / "pack.yaml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(p)


def lint_with(path, text):
    p = load_pack(path)
    linter = Linter(Settings(), Registry(tuple(p.rules), p.lists))
    findings, errors = linter.lint(Document(text, "a.txt"))
    return findings, errors


RULE = """
rules:
  - code: NL180
    name: demo
    category: style
    message: "found {match}"
"""


def test_existence_tokens_and_patterns(tmp_path):
    p = pack(tmp_path, RULE + "    kind: existence\n    tokens: [at this point in time, utilise]\n    patterns: ['\\b(?:very unique)\\b']\n")
    findings, errors = lint_with(p, "At this point  in time we utilise a very unique plan.\n")
    assert not errors
    assert [f.text for f in findings] == ["At this point  in time", "utilise", "very unique"]
    assert findings[0].message == "found At this point  in time"


def test_existence_tokens_from_a_list_merged_across_packs(tmp_path):
    p = pack(tmp_path, RULE + "    kind: existence\n    tokens_from: demo.words\nlists:\n  demo.words: [synergy]\n")
    findings, _ = lint_with(p, "Synergy is back.\n")
    assert [f.text for f in findings] == ["Synergy"]


def test_substitution_preserves_case_and_fixes(tmp_path):
    p = pack(tmp_path, RULE + "    kind: substitution\n    fix: safe\n    swap: {alot: a lot, irregardless: [regardless, irrespective]}\n")
    findings, _ = lint_with(p, "Alot of people. Irregardless.\n")
    assert findings[0].suggestions == ("A lot",) and findings[0].fix.safe
    assert findings[1].suggestions == ("Regardless", "Irrespective") and findings[1].fix is None


def test_consistency_reports_the_minority_form_with_related(tmp_path):
    p = pack(tmp_path, RULE + "    kind: consistency\n    either: [[Kyiv, Kiev]]\n")
    findings, _ = lint_with(p, "Kyiv said. Kyiv added. Kiev denied.\n")
    assert len(findings) == 1 and findings[0].text == "Kiev"
    assert findings[0].suggestions == ("Kyiv",)
    assert findings[0].related_positions[0][:2] == (1, 1)


def test_repetition_with_exceptions(tmp_path):
    p = pack(tmp_path, RULE + "    kind: repetition\n    fix: safe\n    exceptions: [had had]\n")
    findings, _ = lint_with(p, "He said the the vote had had no effect.\n")
    assert [f.text for f in findings] == ["the the"]
    assert findings[0].fix.edits[0].replacement == "the"


@pytest.mark.parametrize(
    "body, message",
    [
        ("    kind: existance\n    tokens: [x]\n", r"pack\.yaml:7: unknown kind 'existance' \(did you mean 'existence'\?\)"),
        ("    kind: existence\n    tokenz: [x]\n", r"pack\.yaml:8: rule 'demo': unknown key 'tokenz' \(did you mean 'tokens'\?\)"),
        ("    kind: existence\n    patterns: ['(']\n", r"pack\.yaml:8: rule 'demo': pattern 1 does not compile"),
        ("    kind: existence\n", r"pack\.yaml:3: rule 'demo': an existence rule needs"),
        ("    kind: substitution\n    swap: [a, b]\n", r"pack\.yaml:8: rule 'demo': 'swap' must be a dict"),
        ("    kind: existence\n    tokens: [x]\n    severity: fatal\n", r"pack\.yaml:9: rule 'demo': severity must be"),
    ],
)
def test_schema_errors_name_file_and_line(tmp_path, body, message):
    p = pack(tmp_path, RULE + body)
    with pytest.raises(PackError, match=message):
        load_pack(p)


def test_bad_category_and_yaml_syntax(tmp_path):
    p = pack(tmp_path, RULE.replace("style", "styel") + "    kind: existence\n    tokens: [x]\n")
    with pytest.raises(PackError, match=r"unknown category 'styel' \(did you mean 'style'\?\)"):
        load_pack(p)
    q = pack(tmp_path, "rules: [\n")
    with pytest.raises(PackError, match=r"pack\.yaml:\d+: invalid YAML"):
        load_pack(q)


def test_catastrophic_pattern_is_reported_not_hung(tmp_path, monkeypatch):
    from newslint import rx

    monkeypatch.setattr(rx, "PATTERN_TIMEOUT", 0.2)
    p = pack(tmp_path, RULE + "    kind: existence\n    patterns: ['(a|aa)+$']\n")
    findings, errors = lint_with(p, "a" * 40 + "!\n")
    assert errors and "took over" in errors[0] and "NL180" in errors[0]


def test_builtin_packs_load():
    from newslint.packs import builtin_pack_paths

    paths = builtin_pack_paths()
    assert any(p.endswith("typos.yaml") for p in paths)
    for p in paths:
        load_pack(p)


# --- word lists are declared by the rules that read them --------------------------------------
def _registry_with(tmp_path, body):
    from newslint.registry import build_registry

    p = tmp_path / "newsroom.yaml"
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return build_registry([str(p)])


@pytest.mark.parametrize(
    "body, message",
    [
        # a misspelt list name: the rule never sees the additions
        ("lists:\n  attribution.colectives: [pundits]\n", r"newsroom\.yaml:2: list 'attribution\.colectives' is not read by any rule \(did you mean 'attribution\.collectives'\?\)"),
        # a misspelt key of a mapping entry
        ("lists:\n  ai.stock-patterns:\n    - pattern: 'a tapestry of'\n      gatee: [tapestry]\n", r"newsroom\.yaml:3: list 'ai\.stock-patterns': unknown key 'gatee' \(did you mean 'gate'\?\)"),
        # YAML reads a bare on/off/no as a boolean
        ("lists:\n  attribution.collectives:\n    - pundits\n    - no\n", r"list 'attribution\.collectives': entry False is not text.*quote it"),
        # a phrase in a list of single words
        ("lists:\n  consistency.event-nouns: [state visit]\n", r"list 'consistency\.event-nouns': each entry is a single word"),
        # a pattern that does not compile
        ("lists:\n  ai.stock-patterns:\n    - pattern: 'a (tapestry'\n", r"newsroom\.yaml:3: list 'ai\.stock-patterns': pattern /a \(tapestry/ does not compile"),
        # a required key missing
        ("lists:\n  ai.stock-patterns:\n    - gate: [tapestry]\n", r"list 'ai\.stock-patterns': entry is missing required key 'pattern'"),
    ],
)
def test_a_pack_list_must_be_declared_and_well_formed(tmp_path, body, message):
    with pytest.raises(PackError, match=message):
        _registry_with(tmp_path, body)


def test_a_declared_list_is_extended_by_a_pack(tmp_path):
    reg = _registry_with(tmp_path, "lists:\n  attribution.collectives: [pundits]\n")
    assert "pundits" in reg.lists["attribution.collectives"]
    assert "NL501" in [r.code for r in reg.readers("attribution.collectives")]


def test_every_list_a_builtin_pack_fills_is_declared_and_every_declared_list_is_filled():
    from newslint.registry import build_registry

    reg = build_registry()
    assert set(reg.lists) <= set(reg.declared)
    assert set(reg.declared) - set(reg.lists) == set(), "a rule declares a list no pack fills"


def test_reading_an_undeclared_list_is_an_error():
    from newslint.rule import Context

    ctx = Context(lists={"a.b": ["x"]}, declared=frozenset({"a.b"}))
    assert ctx.list("a.b") == ["x"]
    with pytest.raises(KeyError, match="no rule declares it"):
        ctx.list("a.c")


def test_two_rules_may_not_declare_one_list_differently():
    from newslint.registry import RegistryError, declared_lists
    from newslint.rule import Rule, WordList

    class A(Rule):
        code, name, lists = "X1", "a", {"x.words": WordList("words", entry="word")}

    class B(Rule):
        code, name, lists = "X2", "b", {"x.words": WordList("words", entry="phrase")}

    assert declared_lists([A]) == {"x.words": A.lists["x.words"]}
    with pytest.raises(RegistryError, match="declared differently by rules X1 and X2"):
        declared_lists([A, B])


# --- the shared phrase matcher (analysis.phrases) -------------------------------------------------


def test_phrase_sets_one_word_and_longer_phrases_longest_first_per_set():
    from newslint.analysis.phrases import PhraseMatcher
    from newslint.document import Document

    m = PhraseMatcher()
    climate = m.add(["climate", "climate change", "Climate-change denial"])
    change = m.add(["change", "sea change"])
    doc = Document("Climate change is real. Climate-change denial is not.\nA sea change: climate\nchange.")
    text = doc.text
    got = [text[a:b] for a, b, _ in climate.finditer(doc)]
    # the longest phrase at each word, no overlaps within a set; a soft line break is a space
    assert got == ["Climate change", "Climate-change denial", "climate\nchange"]
    assert [text[a:b] for a, b, _ in change.finditer(doc)] == ["change", "change", "sea change", "change"]


def test_phrase_matcher_takes_sets_added_after_a_scan():
    from newslint.analysis.phrases import PhraseMatcher
    from newslint.document import Document

    m = PhraseMatcher()
    first = m.add(["budget"])
    assert [k for _, _, k in first.finditer(Document("The budget passed."))] == [("budget",)]
    later = m.add(["budget passed", "passed"])
    doc = Document("The budget passed.")
    assert [k for _, _, k in later.finditer(doc)] == [("budget", "passed")]
    assert [k for _, _, k in first.finditer(doc)] == [("budget",)]
