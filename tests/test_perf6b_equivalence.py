"""Shared analyses rewritten for speed give what their plain forms gave, on the seeds, the
fixtures and generated articles (the plain forms are kept here as the reference)."""
from __future__ import annotations

from pathlib import Path

from fuzz import articles  # tests/fuzz.py: the generated articles of the fuzz harness
from hypothesis import HealthCheck, given, settings

from newslint.analysis import quantities, readability, words
from newslint.document import Document

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(p for d in ("seeds", "fixtures") for p in (ROOT / d).rglob("*") if p.suffix in (".txt", ".md"))


def _body_sentences_plain(doc: Document) -> list[tuple[int, int]]:
    """The sentences whose start lies in a body paragraph (text, quote, label, list)."""
    body = [(p.start, p.end) for p in doc.paragraphs if p.kind in ("text", "quote", "label", "list")]
    out = []
    j = 0
    for s in doc.sentences:
        while j < len(body) and body[j][1] < s.start:
            j += 1
        if j == len(body):
            break
        if body[j][0] <= s.start:
            out.append((s.start, s.end))
    return out


def _same(text: str, path: str) -> None:
    doc = Document(text, path)
    assert [tuple(s) for s in readability.body_sentences(doc)] == _body_sentences_plain(doc)
    # NL811 looks for the "and" of its parts between a sentence's first and last anchors: a
    # figure starts at or before the anchor it is parsed at and ends after it
    t = words.word_table(doc)
    for p in quantities.anchors_between(doc, 0, len(doc.prose)):
        q = quantities._parse_at(doc.prose, t, {}, p)
        assert q is None or q.start <= p < q.end, (p, q)


def test_files():
    assert TEXTS
    for p in TEXTS:
        _same(p.read_text(encoding="utf-8", errors="replace"), p.name)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(articles())
def test_generated(article):
    _same(*article)
