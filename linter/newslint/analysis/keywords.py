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
def _hit_table(doc: Document) -> "tuple[list[int], list[str], frozenset[str]]":
    """The word-table indexes of every registered keyword in the article (in text order), the
    word at each, and the set of those words: picked in C (compress, map), with no Python step
    per hit; each question about some keywords is then one more pass in C over the hits only."""
    t = word_table(doc)
    present = t.vocabulary & _KEYWORDS
    if not present:
        return [], [], present
    words = t.words
    idx = list(compress(range(len(words)), map(present.__contains__, words)))
    return idx, list(map(words.__getitem__, idx)), present


@per_document
def word_hits(doc: Document) -> dict[str, list[int]]:
    """Word-table indexes of every registered keyword present in the article, by word."""
    idx, hw, _ = _hit_table(doc)
    out: dict[str, list[int]] = {}
    for i, w in zip(idx, hw):
        out.setdefault(w, []).append(i)
    return out


def indexes_of(doc: Document, words: "frozenset[str] | set[str]") -> list[int]:
    """Word-table indexes, in text order, of ``words`` (lower case, ' folded): from the shared
    index, and from the word table for any word registered after the article's hits were taken."""
    t = word_table(doc)
    present = t.vocabulary & words
    if not present:
        return []
    idx, hw, hit = _hit_table(doc)
    missing = present - hit
    if not missing:  # the hits are in text order: no sort
        return list(compress(idx, map(present.__contains__, hw)))
    found = list(compress(idx, map(present.__contains__, hw))) if present & hit else []
    found += t.indexes_of(missing)
    found.sort()
    return found


def hits_of(doc: Document, keys: frozenset[str]) -> list[int]:
    """Word-table indexes, in text order, of the registered keywords ``keys``."""
    idx, hw, hit = _hit_table(doc)
    present = keys & hit
    if not present:
        return []
    return list(compress(idx, map(present.__contains__, hw)))
