import pytest
from hypothesis import given, settings, strategies as st

from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter

LINTER = Linter(Settings(select=["NL101", "NL900", "NL901"]))


def lint(text):
    findings, errors = LINTER.lint(Document(text, "a.md"))
    assert not errors
    return [(f.rule, f.line) for f in findings]


def test_disable_enable_region():
    text = "adn\n<!-- newslint-disable NL101 -->\nadn\nadn\n<!-- newslint-enable -->\nadn\n"
    assert lint(text) == [("NL101", 1), ("NL101", 6)]


def test_disable_region_by_name_and_category_without_enable_runs_to_end():
    assert lint("<!-- newslint-disable known-typo -->\nadn\n\nadn\n") == []
    assert lint("<!-- newslint-disable spelling -->\nadn\n") == []


def test_disable_next_line_skips_blank_lines():
    assert lint("<!-- newslint-disable-next-line NL101 -->\n\nadn wiht\nadn\n") == [("NL101", 4)]


def test_disable_line():
    assert lint("adn <!-- newslint-disable-line NL101 -->\nadn\n") == [("NL101", 2)]


def test_disable_file():
    assert lint("adn\n<!-- newslint-disable-file -->\nwiht\n") == []


def test_sic_suppresses_spelling_on_the_word_before():
    assert lint("He wrote “I recieve [sic] nothing” and adn.\n") == [("NL101", 1)]


def test_unused_suppressions_are_reported():
    text = "<!-- newslint-disable-next-line NL101 -->\nAll good here.\n<!-- newslint-disable-line NL101 --> fine\n"
    assert lint(text) == [("NL900", 1), ("NL900", 3)]


def test_unknown_rule_in_suppression():
    got = lint("<!-- newslint-disable-next-line NL99x -->\nadn\n")
    assert ("NL901", 1) in got


def test_suppression_in_plain_text_files_too():
    findings, _ = LINTER.lint(Document("adn <!-- newslint-disable-line NL101 -->\n", "a.txt"))
    assert findings == []


# --- a suppression hides only the rules it names; markup at a line's end hides no claim ------
ATTRIBUTION = Linter(Settings(select=["NL101", "NL501", "NL900", "NL901"]))


def lint_all(text, path="a.md"):
    findings, errors = ATTRIBUTION.lint(Document(text, path))
    assert not errors
    return [(f.rule, f.line) for f in findings]


CLAIM = "Analysts say the bridge will reopen in spring."


@pytest.mark.parametrize("path", ["a.md", "a.txt"])
def test_a_suppression_naming_one_rule_keeps_another_rules_finding(path):
    assert lint_all(CLAIM + "\n", path) == [("NL501", 1)]
    # NL101 has nothing on the line: NL501 stays, and the comment is reported unused
    assert lint_all(CLAIM + " <!-- newslint-disable-line NL101 -->\n", path) == [("NL501", 1), ("NL900", 1)]
    # with a typo to hide, the comment is used and NL501 still stays
    assert lint_all(CLAIM.replace("bridge", "bridge adn road") + " <!-- newslint-disable-line NL101 -->\n", path) == [("NL501", 1)]
    # naming the rule hides it, and the comment is used
    assert lint_all(CLAIM + " <!-- newslint-disable-line NL501 -->\n", path) == []
    assert lint_all("<!-- newslint-disable-next-line NL101 -->\n" + CLAIM + "\n", path) == [("NL900", 1), ("NL501", 2)]


@pytest.mark.parametrize(
    "ending",
    ["[^1]", " [^note]", "[^1][^2]", " <!-- a note for the desk -->", "<br>", " <!-- one --> [^2]"],
)
def test_markup_at_a_lines_end_does_not_hide_a_claim(ending):
    assert lint_all(CLAIM + ending + "\n\n[^1]: A footnote.\n") == [("NL501", 1)]
    assert lint_all("The ferry runs again.\n\n" + CLAIM + ending + "\n", "a.txt") == [("NL501", 3)]


def test_a_headline_with_markup_at_its_end_is_still_a_headline():
    assert lint_all("Analysts Say the Bridge Will Reopen <!-- hed -->\n\nThe ferry runs again.\n") == []
    assert lint_all("Analysts say the bridge will reopen[^1]\n\nThe ferry runs again.\n") == []


# --- one parser: parsed once per Document into a read-only map -------------------------------
def test_parsed_once_per_document_and_read_only():
    from newslint import suppress

    doc = Document("adn <!-- newslint-disable-line NL101 -->\n<!-- newslint-disable-next-line NL101 -->\nfine\n", "a.md")
    smap = suppress.parse(doc)
    assert suppress.parse(doc) is smap
    assert [(s.kind, s.rules) for s in smap.records] == [("line", ("NL101",)), ("next-line", ("NL101",))]
    first, _ = LINTER.lint(doc)
    again, _ = LINTER.lint(doc)  # a second run over the same Document starts from nothing used
    assert [(f.rule, f.line) for f in first] == [(f.rule, f.line) for f in again] == [("NL900", 2)]


def test_enable_closes_only_regions_it_names():
    text = "<!-- newslint-disable NL101 -->\nadn\n<!-- newslint-enable NL501 -->\nadn\n<!-- newslint-enable NL101 -->\nadn\n"
    assert lint(text) == [("NL101", 6)]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["[sic]", "[SIC]", "[ſic]", "sic]", "[", "]", " ", "  ", "\n", "\u00a0", "a", "wrod", "é", "😀", "x[sic]"]), max_size=30))
def test_sic_marks_finds_what_the_sic_pattern_finds(parts):
    """The linear scan for ``word [sic]`` agrees with the pattern it replaced."""
    from newslint.suppress import _SIC, sic_marks

    text = "".join(parts)
    assert list(sic_marks(text)) == [(m.start("word"), m.end("word"), m.end()) for m in _SIC.finditer(text)]


def test_sic_after_a_long_run_is_linear():
    import time

    from newslint.suppress import sic_marks

    text = "x" * 200_000 + " [sic] " + "y" * 200_000 + "\n"
    started = time.perf_counter()
    assert list(sic_marks(text)) == [(0, 200_000, 200_006)]
    assert list(sic_marks("[sic] " + "z" * 200_000)) == []
    assert time.perf_counter() - started < 1.0
