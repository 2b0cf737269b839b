"""Robustness: random Unicode, Markdown fragments, long lines, nested quotes and random bytes
through every rule. No exceptions; every span inside the text; line and column agree with the
offset; and --fix output re-lints without new findings from the rules that fixed it."""
from hypothesis import HealthCheck, given, settings, strategies as st

from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter
from newslint.runner import fix_document, read_document

LINTER = Linter(Settings(select=["ALL"]))

FRAGMENTS = [
    "| a | b |\n", "|---|---|\n", "|—|—|\n", "| x |\n", "```\n", "~~~\n", "`code | pipe`", "<!-- c -->", "<!--",
    "# Heading\n", "> quote\n", "- item\n", "1. item\n", "Q: ", "A: ", "Senior Editor: ", "Dr. Lee: ", "“", "”",
    "\"", "‘", "’", "(", ")", "[", "]", "[sic]", "https://x.org/a_b?c=d", "x@y.org", "#tag", "@handle",
    "11,000", "1.5", "$1 billion", "Rs 5 crore", "€3m", "up to 12,000 troops", "at least 3,000 additional soldiers",
    "Monday, January 12, 2025", "in early 2023", "a 11-year-old", "an prospect", "adn", "question.North",
    "Reports suggest", "Listen to article\n", "Key Takeaways:\n", "As an AI language model", "the the",
    "Zelensky", "Zelenskyy", "kursk", "North korea", "😀", "中文", "Ελληνικά", "\u200b", "\t", "  ", "\r\n", "\n",
    "\n\n", ".", ",", "?", "!", ":", ";", "…", "—", "–", "-", "'", "Mr.", "U.S.", "e.g.", "<!-- newslint-disable -->",
    "<!-- newslint-enable -->", "<!-- newslint-disable-next-line NL101 -->", "\\|", "0", "1/2", "%", "5'11\"",
]


@st.composite
def documents(draw):
    parts = draw(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=80))
    return "".join(parts)


def check(text, path="f.txt"):
    doc = Document(text, path)
    findings, errors = LINTER.lint(doc)
    assert not errors, errors
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert (f.line, f.column) == doc.position(f.start)
        assert (f.end_line, f.end_column) == doc.position(f.end)
        assert f.text == text[f.start : f.end]
        for line, col, eline, ecol, _ in f.related_positions:
            assert 1 <= line <= eline and col >= 1
    return doc, findings


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(), st.sampled_from(["f.txt", "f.md"]))
def test_random_documents_never_crash_and_spans_are_consistent(text, path):
    check(text, path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_unicode(text):
    check(text)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_are_an_error_or_a_document(data):
    doc, error, note = read_document("b.txt", data, "utf-8")
    assert (doc is None) == bool(error or note)
    if doc is not None:
        check(doc.text)


def test_long_lines_and_deep_nesting():
    check("word " * 50000)
    check("“" * 2000 + "quoted" + "”" * 1000)
    check("(" * 3000 + "[" * 3000)
    check("|" * 5000 + "\n" + "|-" * 2000 + "\n")
    check("> " * 500 + "deep\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
def test_fixed_output_relints_without_new_findings_from_the_fixing_rules(text):
    doc, findings = check(text)
    fixing = {f.rule for f in findings if f.fix is not None and f.fix.safe}
    if not fixing:
        return
    fixed, remaining, errors = fix_document(LINTER, doc, findings)
    assert not errors
    before = {}
    for f in findings:
        before[f.rule] = before.get(f.rule, 0) + 1
    after = {}
    for f in LINTER.lint(Document(fixed, "f.txt"))[0]:
        if f.rule in fixing:
            after[f.rule] = after.get(f.rule, 0) + 1
    for rule, n in after.items():
        assert n <= before.get(rule, 0), f"{rule}: fixing created new findings"


# --- the fuzz harness (tests/fuzz.py): briefly here, for hours from the command line -------------
import os  # noqa: E402

import pytest  # noqa: E402

import fuzz as harness  # noqa: E402  (tests/fuzz.py)


@pytest.fixture(scope="module")
def checker():
    return harness.Checker()


@settings(max_examples=int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "40")), deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(article=harness.articles())
def test_harness_inputs_lint_and_fix_cleanly(checker, article):
    """No internal error, spans consistent, fixes only in their spans, --fix idempotent in
    memory and through a real file, each input under a second."""
    checker(*article)


@pytest.mark.parametrize("name,text,path", harness.corpus(), ids=[c[0] for c in harness.corpus()])
def test_fuzz_corpus_regressions(checker, name, text, path):
    """The minimised failures the harness found, kept as regression inputs."""
    checker(text, path)


def test_the_harness_finds_a_non_idempotent_fix(checker, monkeypatch):
    """The harness is not a test that cannot fail: a --fix that changes its own result again
    is reported."""
    import newslint.runner as runner

    real = runner.fix_document
    monkeypatch.setattr(harness, "fix_document", lambda linter, doc, fs, bom=False: (doc.text + ".", *real(linter, doc, fs, bom)[1:]))
    with pytest.raises(AssertionError, match="idempotent"):
        checker.check("He left.\n", "a.txt")
