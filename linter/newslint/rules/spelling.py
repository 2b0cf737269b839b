"""Rule family: spelling (NL1xx).

NL101 (known misspellings with one correction) is a YAML pack: ``rules/typos.yaml``.
This module holds the dictionary check against :mod:`newslint.lexicon`.
"""
from __future__ import annotations

from itertools import compress, count
from typing import Iterator

from .. import rx
from .. import lexicon
from ..document import Document
from ..finding import Finding, Severity
from ..analysis.words import ascii_words, lower_ascii_words, word_table
from ..rule import Context, Option, Rule

# a lower-case ASCII word that is not part of a larger token: no digits, hyphens, apostrophes,
# @/# (handles, hashtags), slashes or dots glued to it (domains, file names, abbreviations)
_LOWER_WORD = rx.compile(r"(?<![\w@#/.'’&+-])[a-z]+(?![\w@#/'’&+-]|\.[A-Za-z])")
# lower-case particles of names (von der Leyen, bin Salman, de Gaulle, van Gogh, al-Assad)
_PARTICLES = frozenset("von der den van de del della di da das dos du la le ter ten zu af bin binti ibn al el ben".split())


def is_learned_name(doc: Document, word: str) -> bool:
    """Whether a lower-case ASCII word occurs capitalised as a whole word (``\b[A-Z][a-z]+\b``)
    in the article: a name the article teaches us. Only the few words the dictionary does not
    know are asked about, so the capitalised words are not collected. The capitalised form must
    occur as a run of ASCII letters and, somewhere, stand with ``\b`` on both sides."""
    cap = word[:1].upper() + word[1:]
    if cap not in ascii_words(doc):
        return False
    prose = doc.prose
    n = len(cap)
    i = prose.find(cap)
    while i >= 0:
        before = prose[i - 1] if i else " "
        after = prose[i + n] if i + n < len(prose) else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            return True
        i = prose.find(cap, i + 1)
    return False


class PossibleTypo(Rule):
    """A lower-case word that is not in the English lexicon (en-US and en-GB) but is one edit
    (a letter dropped, added, changed, or two letters swapped) from a common word is probably a
    typo for that word. The lexicon comes from the pyspellchecker package, offline.

    Capitalised words are names and are never checked; a lower-case word whose capitalised form
    appears in the article is taken for a name too. Words with digits, hyphens or apostrophes,
    URLs, e-mail addresses, hashtags, handles, code and ALL-CAPS words are skipped. Words listed
    in the configuration's ``accept`` are correct. The suggestion is never applied automatically:
    only the known-misspelling pack (NL101) has safe fixes.

    Bad:
        The minister said the talks had been productve and would resume next week.
        ---
        The ministry issued a statment on the negotations late on Monday.
    Good:
        The minister said the talks had been productive and would resume next week.
        ---
        The analysis was published on the Kovalenko Institute's website.
    """

    code = "NL102"
    name = "possible-typo"
    category = "spelling"
    severity = Severity.warning
    summary = "A lower-case word not in the dictionary, one edit from a common word"
    options = {
        "min-length": Option(4, "shortest word checked (3-letter words only near the 300 most frequent words)", min=3),
        "dominance": Option(
            5.0,
            "report only when the best suggestion is this many times more frequent than the next one",
            type=float,
            min=1.0,
        ),
    }

    def setup(self, ctx: Context) -> None:
        # words that a selected substitution rule of this category (the known-typo pack, NL101)
        # already corrects: reported there, with a fix, and not twice
        self.corrected = frozenset(
            key[0]
            for r in ctx.rules
            if r is not self and r.category == self.category
            for key in getattr(r, "table", ())
            if len(key) == 1
        )

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        if not prose or prose.isspace():
            return
        # set arithmetic in C: every _LOWER_WORD match is a whole run of ASCII letters in lower
        # case and a whole word-table token, so the candidates are the article's lower-case
        # ASCII runs the lexicon does not know; only those tokens are looked at below
        maybe = lower_ascii_words(doc).difference(lexicon.words(), self.corrected, _PARTICLES)
        if not maybe:
            return
        t = word_table(doc)
        words, starts, ends = t.words, t.starts, t.ends
        unknown = set()
        for i in compress(count(), map(maybe.__contains__, words)):  # the few hits, found in C
            w = words[i]
            if w not in unknown:
                m = _LOWER_WORD.match(prose, starts[i])
                if m is not None and m.end() == ends[i]:
                    unknown.add(w)
        if not unknown:
            return
        accept = ctx.accept
        min_len = self.opts["min-length"]
        dominance = self.opts["dominance"]
        verdicts = {}
        for w in unknown:
            if 3 <= len(w) <= 30 and w not in accept and not lexicon.known(w) and not is_learned_name(doc, w):
                v = self._judge(w, min_len, dominance)
                if v is not None:
                    verdicts[w] = v
        if not verdicts:
            return
        # every _LOWER_WORD match is a whole word-table token: try the tokens that have a verdict
        for i in compress(count(), map(verdicts.__contains__, words)):
            m = _LOWER_WORD.match(prose, starts[i])
            if m is None or m.end() != ends[i]:
                continue
            w = m.group()
            sugg = verdicts[w]
            end = m.end()
            if prose.startswith(" [sic]", end) or prose.startswith("[sic]", end):
                continue
            yield self.finding(
                m.start(),
                end,
                f"'{w}' is not in the dictionary; did you mean '{sugg[0]}'?",
                suggestions=sugg,
            )

    @staticmethod
    def _judge(w: str, min_len: int, dominance: float) -> tuple | None:
        cands = lexicon.suggestions(w)
        if not cands:
            return None
        best, freq = cands[0]
        if len(w) < min_len:
            # short words: only near the very frequent ones ("teh", "adn", "fo")
            if freq < 1_000_000:
                return None
        if len(cands) > 1 and freq < dominance * cands[1][1]:
            return None
        if freq < 5 * lexicon.COMMON_FREQ:
            return None
        return (best,)


RULES = [PossibleTypo]
