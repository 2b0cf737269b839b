"""--fix never changes a byte it was not asked to fix, and is idempotent."""
from hypothesis import HealthCheck, given, settings, strategies as st

from newslint.document import Document
from newslint.engine import default_linter
from newslint.runner import apply_edits, fix_document, safe_edits

from fuzz import rebuilt_between  # tests/fuzz.py: the harness checks the same property

WORDS = ["the", "adn", "wiht", "minister", "said", "Kyiv", "teh", "on", "Tuesday", "“quoted”", "12,000", "an", "a", "hour",
         "North", "Korea", "U.S.", "question.North", "home,while", "😀", "é", "|", "-", "\t", "  "]
SEPS = [" ", " ", " ", "\n", "\r\n", ", ", ". ", "\n\n"]


@st.composite
def articles(draw):
    n = draw(st.integers(1, 60))
    parts = []
    for _ in range(n):
        parts.append(draw(st.sampled_from(WORDS)))
        parts.append(draw(st.sampled_from(SEPS)))
    return "".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_fix_only_touches_fixed_spans(text):
    linter = default_linter()
    doc = Document(text, "p.txt")
    findings, errors = linter.lint(doc)
    assert not errors
    edits = sorted(set(safe_edits(findings)), key=lambda e: (e.start, e.end, e.replacement))
    # every byte outside an applied edit is the original byte
    assert apply_edits(text, edits) == rebuilt_between(text, edits)
    # whole fix loop is idempotent
    once, remaining, _ = fix_document(linter, doc, findings)
    twice, _, _ = fix_document(linter, Document(once, "p.txt"), linter.lint(Document(once, "p.txt"))[0])
    assert once == twice
