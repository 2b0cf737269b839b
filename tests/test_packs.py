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
    import newslint.kinds as kinds

    monkeypatch.setattr(kinds, "REGEX_TIMEOUT", 0.2)
    p = pack(tmp_path, RULE + "    kind: existence\n    patterns: ['(a|aa)+$']\n")
    findings, errors = lint_with(p, "a" * 40 + "!\n")
    assert errors and "took over" in errors[0] and "NL180" in errors[0]


def test_builtin_packs_load():
    from newslint.packs import builtin_pack_paths

    paths = builtin_pack_paths()
    assert any(p.endswith("typos.yaml") for p in paths)
    for p in paths:
        load_pack(p)
