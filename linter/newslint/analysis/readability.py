"""Readability measures of an article: body sentences, word counts, syllables, Flesch scores.

Scores are textstat's Flesch formulas with textstat's English constants (``get_lang_cfg``;
textstat is pinned to 0.7.8, the last release that works offline):

* Flesch reading ease = 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words)
* Flesch-Kincaid grade = 0.39 x (words / sentences) + 11.8 x (syllables / words) - 15.59

but not textstat's syllable counter. ``textstat.flesch_reading_ease`` looks every word up in the
CMU pronouncing dictionary, which takes about 0.8 s to load on the first call; its other source,
the Pyphen hyphenation dictionary, loads in 40 ms but costs about 50 µs a word (some 2 s for
the distinct words of 1,000 articles) and undercounts by 7% (hyphenation never splits off one
letter: "over", "able"). So syllables are counted here by vowel groups with corrections for
silent e and for vowel pairs said as two syllables, about 1 µs a word and cached; on the
seeds and fixtures the total is within 1% of textstat's CMU count (tests/test_readability.py
checks it against textstat). Sentences come from the Document's abbreviation-aware splitter.
Nothing is loaded from the network. The English constants are copied below (importing textstat
costs about 24 ms, a tenth of a one-article run); tests/test_readability.py checks them against
textstat's ``get_lang_cfg("en", ...)`` so a textstat upgrade that changes them is noticed.

Used by the readability rules (NL3xx) and by the large-file run (``newslint.chunked``), which
adds up the counts of its pieces and applies :data:`FLESCH_EN` to the totals.
"""
from __future__ import annotations

import operator
from bisect import bisect_left
from itertools import compress, repeat
from typing import Callable

from .. import rx
from ..document import Document
from . import per_document

__all__ = ["FLESCH_EN", "SYLLABLE_PART", "syllable_count", "body_sentences", "word_count", "reading_scores"]

#: a word as textstat counts it: a whitespace token with a letter or digit (high-stakes,
#: Zelensky’s, 2,700 are one word each; a dash is none)
_HAS_ALNUM = rx.compile(r"[^\W_]")
_TOKEN = rx.compile(r"[^\s\w]*[^\W_]\S*")  # a word: what _WORD_TOKEN counts
#: the same matches as _TOKEN (one for each whitespace-separated token holding a letter or digit),
#: each tried only where a token starts: _TOKEN, tried at every position of a long run of
#: punctuation with no letter, was quadratic in it
_WORD_TOKEN = rx.compile(r"(?<!\S)\S*?[^\W_]\S*")
#: the letter runs of a word whose syllables are counted one by one
SYLLABLE_PART = rx.compile(r"[^\W\d_]+")
_BODY_KINDS = ("text", "quote", "label", "list")

_syllable_fn: Callable[[str], int] | None = None
#: textstat 0.7.8's ``get_lang_cfg("en", key)`` for the Flesch reading-ease formula
FLESCH_EN: dict[str, float] = {"fre_base": 206.835, "fre_sentence_length": 1.015, "fre_syll_per_word": 84.6}
_constants: dict[str, float] = dict(FLESCH_EN)

_VOWELS = rx.compile(r"[aeiouy]+")
_SILENT_E = rx.compile(r"[^aeiouy]e(?:s|d|ment|ments|ly|ness|ful|less)?$")
_SOUNDED_E = rx.compile(r"(?:[cgsxz]|ch|sh)es$|[td]ed$|[^aeiouy]les?$|[^aeiouyl]led$")
#: vowel pairs said as two syllables: cre-ate, vi-deo, Ko-re-a, so-ci-et-y, qui-et
_HIATUS = rx.compile(
    r"[aeo]i(?=[aeiou])|ia(?!n?$)|(?<![cgstl])i[ao](?!u)|(?<!p)eo|uo|ua(?!r)|iu|(?<=[a-z]{3})ea(?=ns?$|$)"
    r"|ie(?=t|r$)|oe(?!s?$)|uee|uie"
)


def _part_syllables(part: str) -> int:
    k = len(_VOWELS.findall(part))
    if k > 1 and _SILENT_E.search(part) and not _SOUNDED_E.search(part) and not part.endswith(("ee", "ye")):
        k -= 1
    k += len(_HIATUS.findall(part))
    return max(1, k)


#: lower-case letter run -> its syllables: most new tokens ("Officials,", "the.") are new
#: spellings of runs counted before, so the four patterns run once per run
_part_cache: dict[str, int] = {}


def _count(word: str) -> int:
    n = 0
    cache = _part_cache
    for part in SYLLABLE_PART.findall(word.lower()):
        k = cache.get(part)
        if k is None:
            k = _part_syllables(part)
            if len(cache) < 200_000:
                cache[part] = k
        n += k
    return n or 1  # a number reads as one unit, as in textstat


def _load() -> Callable[[str], int]:
    """A cached syllable counter, set up once per process."""
    global _syllable_fn
    if _syllable_fn is None:
        cache: dict[str, int] = {}

        def syllables(word: str) -> int:
            try:
                return cache[word]
            except KeyError:
                n = _count(word)
                if len(cache) < 200_000:
                    cache[word] = n
                return n

        _syllable_fn = syllables
    return _syllable_fn


def syllable_count(word: str) -> int:
    return _load()(word)


@per_document
def _body_paragraphs(doc: Document) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in doc.paragraphs if p.kind in _BODY_KINDS]


@per_document
def body_sentences(doc: Document) -> "list[tuple[int, int]]":
    """(start, end) of each sentence in body paragraphs (not headings, tables, code).

    Every sentence lies inside a paragraph that is not a table (see ``Document.sentences``),
    and a paragraph's kind is its first line's, never blank or code: the only other kind is a
    heading. So the body sentences are the sentences less those inside a heading, cut out by
    bisection (an article has a few headings, against dozens of sentences). The items are the
    sentences' Spans, which unpack and compare as (start, end) tuples."""
    sentences = doc.sentences
    heads = [(p.start, p.end) for p in doc.paragraphs if p.kind not in _BODY_KINDS and p.kind != "table"]
    if not heads:
        return list(sentences)
    out: list = []
    last = 0
    for start, end in heads:
        a = bisect_left(sentences, (start,))  # the first sentence starting at or after start
        b = bisect_left(sentences, (end + 1,), a)  # ... and after end
        out += sentences[last:a]
        last = max(last, b)
    out += sentences[last:]
    return out


def word_count(doc: Document, start: int, end: int, limit: int) -> int:
    """Words in prose[start:end] when there may be more than ``limit``, else an upper bound.
    Words are whitespace-separated tokens holding a letter or digit (URLs and code are blanked
    in ``prose``). Counting spaces first is an upper bound that spares the regex almost always."""
    prose = doc.prose
    bound = prose.count(" ", start, end) + prose.count("\n", start, end) + 1
    if bound <= limit:
        return bound
    return len(_WORD_TOKEN.findall(prose[start:end]))


def _body_runs(doc: Document) -> list[tuple[int, int]]:
    """The body paragraphs with neighbours joined when only spaces and newlines lie between
    them: splitting a run on whitespace gives the same tokens as splitting each paragraph, in
    one call instead of one per paragraph."""
    prose = doc.prose
    runs: list[tuple[int, int]] = []
    for start, end in _body_paragraphs(doc):
        if runs and prose[runs[-1][1] : start].isspace():
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


@per_document
def reading_scores(doc: Document) -> dict[str, float | int]:
    """Flesch reading ease and Flesch-Kincaid grade of the article's body text, with the
    counts they are made of (``words``, ``sentences``, ``syllables``)."""
    n_sent = len(body_sentences(doc))
    prose = doc.prose
    tokens: list[str] = []
    for start, end in _body_runs(doc):
        tokens += prose[start:end].split()
    if not tokens or not n_sent:
        return {"words": 0, "sentences": n_sent}
    _load()
    cache = _token_cache
    vals = list(map(cache.get, tokens))  # C-level look-ups: this is the hot path
    try:
        n_syl = sum(vals)  # a token not cached yet (None) makes it fail: cheaper than "None in vals"
    except TypeError:
        # only the tokens not cached yet, found in C (a new article brings a few)
        for i in compress(range(len(vals)), map(operator.is_, vals, repeat(None))):
            tok = tokens[i]
            v = cache.get(tok)  # an earlier token of this article may have cached it
            if v is None:
                v = _token_syllables(tok)
                if len(cache) < 200_000:
                    cache[tok] = v
            vals[i] = v
        n_syl = sum(vals)
    n_words = len(vals) - vals.count(0)  # a token without a letter or digit is no word
    if not n_words:
        return {"words": 0, "sentences": n_sent}
    wps = n_words / n_sent
    spw = n_syl / n_words
    c = _constants
    fre = c["fre_base"] - c["fre_sentence_length"] * wps - c["fre_syll_per_word"] * spw
    fk = 0.39 * wps + 11.8 * spw - 15.59
    return {
        "words": n_words,
        "sentences": n_sent,
        "syllables": n_syl,
        "flesch_reading_ease": round(fre, 1),
        "flesch_kincaid_grade": round(fk, 1),
    }


#: whitespace token -> syllables, 0 for a token that is not a word ("—", "|")
_token_cache: dict[str, int] = {}


def _token_syllables(token: str) -> int:
    """A token as textstat counts words: it is one when it holds a letter or digit."""
    if not _HAS_ALNUM.search(token):
        return 0
    return _count(token)
