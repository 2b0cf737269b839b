"""Word frequencies for the spelling rules: the ``wordfreq`` package's English list, offline.

The lexicon (:mod:`newslint.lexicon`, from pyspellchecker) says whether a word is *spelled*
right; it misses much of today's news vocabulary (tech, influencer, admin, femme fatale).
``wordfreq`` (Apache-2.0, data frozen in its wheel: ``wordfreq/data/large_en.msgpack.gz``,
~320k words from news, books, subtitles, Wikipedia and the web) says how *often* a word is
written. Web text contains typos too ("teh" is common there), so a frequency alone never makes
a word right: the spelling rule compares a word with its one-edit neighbours and reports it only
when a neighbour is written hundreds of times more often (the noisy-channel idea).

Frequencies are Zipf values: log10 of the frequency per billion words (``the`` 7.7, ``tech`` 4.7,
a word seen once in a billion 0). The list is read on first use (~0.1 s, ~25 MB) and kept for the
process; nothing is downloaded. Without the package every word has frequency 0 and the rules fall
back to the lexicon alone.
"""
from __future__ import annotations

import math
from functools import lru_cache

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1)
def _table() -> dict:
    try:
        from wordfreq import get_frequency_dict
    except ImportError:  # pragma: no cover - the package is a dependency
        return {}
    try:
        return get_frequency_dict("en", wordlist="large")
    except Exception:  # pragma: no cover - a damaged install: spell with the lexicon alone
        return {}


def available() -> bool:
    """Whether the frequency list could be loaded."""
    return bool(_table())


def zipf(word: str) -> float:
    """The Zipf frequency of a lower-case word (0.0 when the list does not know it)."""
    f = _table().get(word)
    if not f:
        return 0.0
    return round(math.log10(f) + 9.0, 2)


@lru_cache(maxsize=16384)
def neighbours(word: str, floor: float = 3.0) -> tuple[tuple[str, float], ...]:
    """Words one edit (letter dropped, added, changed, or two adjacent letters swapped) from a
    lower-case ``word`` with a Zipf frequency of at least ``floor``, most frequent first."""
    table = _table()
    if not table:
        return ()
    w = word
    cands = set()
    for i in range(len(w) + 1):
        a, b = w[:i], w[i:]
        if b:
            cands.add(a + b[1:])
            if len(b) > 1:
                cands.add(a + b[1] + b[0] + b[2:])
            for c in _LETTERS:
                cands.add(a + c + b[1:])
        for c in _LETTERS:
            cands.add(a + c + b)
    cands.discard(w)
    found = []
    for c in cands:
        f = table.get(c)
        if f:
            z = math.log10(f) + 9.0
            if z >= floor:
                found.append((c, round(z, 2)))
    found.sort(key=lambda x: (-x[1], x[0]))
    return tuple(found)


@lru_cache(maxsize=4096)
def split_pair(word: str, floor: float = 4.0) -> tuple[str, str] | None:
    """Two frequent words that ``word`` is run together from ("thismountainous"), or None.
    Both parts must have a Zipf frequency of at least ``floor`` and be two letters or longer
    (one-letter words run into the next only for 'a', which is too common a prefix to judge)."""
    table = _table()
    if not table:
        return None
    best = None
    for i in range(2, len(word) - 1):
        a, b = word[:i], word[i:]
        fa, fb = table.get(a), table.get(b)
        if fa and fb:
            za, zb = math.log10(fa) + 9.0, math.log10(fb) + 9.0
            if za >= floor and zb >= floor:
                score = min(za, zb)
                if best is None or score > best[0]:
                    best = (score, a, b)
    return None if best is None else (best[1], best[2])


__all__ = ["available", "zipf", "neighbours", "split_pair"]
