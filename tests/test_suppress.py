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
