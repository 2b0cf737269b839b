"""One shared index of keywords in an article's word table, built in a single pass.

Rules that gate a costly check on a few words (weekday names, scale words, title heads) register
those words with :func:`add_keywords` at import time, and ask :func:`hits_of` (or
:func:`word_hits`) where they occur: one pass over the word table per article serves every rule,
and each rule then costs a dict look-up. The set of registered words is process-wide and only
grows: register at import time, or from a configuration's lists in ``Rule.setup`` (words a
configuration adds are then indexed for every article analysed after it). A word registered after
an article's hits were taken is simply absent from them: :func:`hits_of` callers that register late
fall back to ``word_table(doc).indexes_of``.
"""
from __future__ import annotations

from itertools import compress
from typing import Iterable

from ..document import Document
from . import per_document
from .words import word_table

__all__ = ["add_keywords", "word_hits", "hits_of", "indexes_of"]

#: every registered keyword, found in one pass over the word table
_KEYWORDS: set[str] = set()


def add_keywords(words: Iterable[str]) -> frozenset[str]:
    """Register keywords to be found by :func:`word_hits` (at import time or in ``Rule.setup``); returns them
    as a frozenset to pass to :func:`hits_of`."""
    ws = frozenset(words)
    _KEYWORDS.update(ws)
    return ws


@per_document
def word_hits(doc: Document) -> dict[str, list[int]]:
    """Word-table indexes of every registered keyword present in the article, by word."""
    t = word_table(doc)
    out: dict[str, list[int]] = {}
    if _KEYWORDS.isdisjoint(t.vocabulary):
        return out
    # the indexes of the keywords, selected in C; only the hits are visited in Python
    words = t.words
    for i in compress(range(len(words)), map(_KEYWORDS.__contains__, words)):
        out.setdefault(words[i], []).append(i)
    return out


def indexes_of(doc: Document, words: "frozenset[str] | set[str]") -> list[int]:
    """Word-table indexes, in text order, of ``words`` (lower case, ' folded): from the shared
    index, and from the word table for any word registered after the article's hits were taken."""
    t = word_table(doc)
    present = t.vocabulary & words
    if not present:
        return []
    hits = word_hits(doc)
    found = [i for w in present if w in hits for i in hits[w]]
    missing = present - hits.keys()
    if missing:
        found += t.indexes_of(missing)
    found.sort()
    return found


def hits_of(doc: Document, keys: frozenset[str]) -> list[int]:
    """Word-table indexes, in text order, of the registered keywords ``keys``."""
    h = word_hits(doc)
    found = [i for k in keys & h.keys() for i in h[k]]
    found.sort()
    return found
