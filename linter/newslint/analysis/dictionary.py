"""Word frequencies for the spelling rules: the ``wordfreq`` package's English list, offline.

The lexicon (:mod:`newslint.lexicon`, from pyspellchecker) says whether a word is *spelled*
right; it misses much of today's news vocabulary (tech, influencer, admin, femme fatale).
``wordfreq`` (Apache-2.0, data frozen in its wheel: ``wordfreq/data/large_en.msgpack.gz``,
~320k words from news, books, subtitles, Wikipedia and the web) says how *often* a word is
written. Web text contains typos too ("teh" is common there), so a frequency alone never makes
a word right: the spelling rule compares a word with its one-edit neighbours and reports it only
when a neighbour is written hundreds of times more often (the noisy-channel idea).

Frequencies are Zipf values: log10 of the frequency per billion words (``the`` 7.7, ``tech`` 4.7,
a word seen once in a billion 0). The list is read on first use (~0.1 s, ~35 MB) and kept for the
process; nothing is downloaded. Without the package every word has frequency 0 and the rules fall
back to the lexicon alone.
"""
from __future__ import annotations

import math
from functools import lru_cache

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1)
def _table() -> dict:
    """{word: Zipf frequency}. The wheel's data file is read directly (gzip + msgpack, ~0.1 s):
    importing the wordfreq package itself would also import its tokenizers (ftfy, langcodes),
    twice the cost, for nothing the spelling rules use."""
    try:
        return _read_data_file()
    except Exception:
        pass
    try:  # another layout of the data: ask the package
        from wordfreq import get_frequency_dict

        return {w: round(math.log10(f) + 9.0, 2) for w, f in get_frequency_dict("en", wordlist="large").items() if f > 0}
    except Exception:  # not installed or damaged: spell with the lexicon alone
        return {}


def _read_data_file() -> dict:
    import gzip
    import importlib.util
    import os

    import msgpack

    spec = importlib.util.find_spec("wordfreq")  # locates the package without importing it
    if spec is None or not spec.origin:
        raise ImportError("wordfreq")
    path = os.path.join(os.path.dirname(spec.origin), "data", "large_en.msgpack.gz")
    with gzip.open(path) as fh:
        data = msgpack.unpackb(fh.read(), raw=False)
    # the 'cB' format: a header, then one list of words per centibel of frequency, from 0 down
    if not (isinstance(data, list) and isinstance(data[0], dict) and data[0].get("format") == "cB"):
        raise ValueError("unknown wordfreq data format")
    table: dict = {}
    for i, bucket in enumerate(data[1:]):
        if bucket:
            table.update(dict.fromkeys(bucket, round(9.0 - i / 100, 2)))
    return table


def available() -> bool:
    """Whether the frequency list could be loaded."""
    return bool(_table())


def zipf(word: str) -> float:
    """The Zipf frequency of a lower-case word (0.0 when the list does not know it)."""
    return _table().get(word, 0.0)


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
    found = [(c, z) for c in cands if (z := table.get(c, 0.0)) >= floor]
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
        za, zb = table.get(a, 0.0), table.get(b, 0.0)
        if za and zb:
            if za >= floor and zb >= floor:
                score = min(za, zb)
                if best is None or score > best[0]:
                    best = (score, a, b)
    return None if best is None else (best[1], best[2])


__all__ = ["available", "zipf", "neighbours", "split_pair"]
