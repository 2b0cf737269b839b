"""Rule family: spelling (NL1xx).

NL101 (known misspellings with one correction) is a YAML pack: ``rules/typos.yaml``.
This module holds the dictionary checks: the lexicon (:mod:`newslint.lexicon`) says whether a word
is spelled right, the word frequencies (:mod:`newslint.analysis.dictionary`) how often it is
written. Only lower-case words are ever judged: a capitalised word, an acronym or an ALL-CAPS word
is a name, and names are never "corrected".
"""
from __future__ import annotations

import math
import re
from collections import Counter
from itertools import compress, count
from operator import itemgetter
from typing import Iterator

from .. import rx
from .. import lexicon
from ..document import Document
from ..finding import Finding, Related, Severity
from ..analysis import dictionary, per_document
from ..analysis.words import ascii_words, capital_ascii_words, lower_ascii_words, word_table
from ..rule import Context, Option, Rule, WordList

# a lower-case ASCII word that is not part of a larger token: no digits, hyphens, apostrophes,
# @/# (handles, hashtags), slashes or dots glued to it (domains, file names, abbreviations)
_LOWER_WORD = rx.compile(r"(?<![\w@#/.'’‘&+-])[a-z]+(?![\w@#/'’‘&+-]|\.[A-Za-z])")
# lower-case particles of names (von der Leyen, bin Salman, de Gaulle, van Gogh, al-Assad)
_PARTICLES = frozenset("von der den van de del della di da das dos du la le ter ten zu af bin binti ibn al el ben".split())
#: the list of words every spelling rule accepts (newsroom jargon: lede, graf, hed, dek, TK...)
JARGON = "spelling.accept"
JARGON_LIST = WordList("a lower-case word that is right though dictionaries lack it (newsroom jargon: lede, hed, dek)")
# a word cut off by an ellipsis ("the nucle…", a teaser) is truncated, not misspelled
_ELLIPSIS_AFTER = ("…", "...", " …", " ...")


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


@per_document
def _unknown_lower_words(doc: Document) -> frozenset[str]:
    """The lower-case ASCII runs of the prose that are neither in the lexicon nor particles: the
    candidates of NL102 and NL107, looked up in the lexicon once for both."""
    return lexicon.unknown(lower_ascii_words(doc)).difference(_PARTICLES)


class PossibleTypo(Rule):
    """A lower-case word that is not in the English lexicon (en-US and en-GB) but is one edit
    (a letter dropped, added, changed, or two letters swapped) from a word that is written
    hundreds of times more often is probably a typo for that word. The lexicon comes from the
    pyspellchecker package and the frequencies from the wordfreq package, both offline. A word
    the lexicon lacks but that is common in its own right (tech, influencer, admin) is not
    reported: its neighbour must be far more frequent than the word itself.

    Capitalised words are names and are never checked; a lower-case word whose capitalised form
    appears in the article is taken for a name too. Words with digits, hyphens or apostrophes,
    URLs, e-mail addresses, hashtags, handles, code, ALL-CAPS words and words cut off by an
    ellipsis are skipped. Newsroom jargon (``spelling.accept`` in ``rules/typos.yaml``: lede,
    graf, hed, dek, TK) and the configuration's ``accept`` are correct. The suggestion is never
    applied automatically: only the known-misspelling pack (NL101) has safe fixes.

    Bad:
        The minister said the talks had been productve and would resume next week.
        ---
        The ministry issued a statment on the negotations late on Monday.
    Good:
        The minister said the talks had been productive and would resume next week.
        ---
        The analysis was published on the Kovalenko Institute's website.
        ---
        Tech shares led the rally; the lede of the story named the chip maker.
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
        "gap": Option(
            2.5,
            "report only when the suggestion's Zipf frequency exceeds the word's by this much (2.5: ~300 times as frequent)",
            type=float,
            min=0.0,
        ),
    }
    lists = {JARGON: JARGON_LIST}

    def setup(self, ctx: Context) -> None:
        self.jargon = frozenset(str(w).lower() for w in ctx.list(JARGON))
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
        maybe = _unknown_lower_words(doc).difference(self.corrected, self.jargon)
        if not maybe:
            return
        t = word_table(doc)
        words, starts, ends = t.words, t.starts, t.ends
        unknown = set()
        # the candidates are very few (most articles have none or one): each is looked for with
        # list.index, a C scan that compares string lengths first, up to its first occurrence
        # that is a whole lower-case word, instead of a set look-up at every word
        for w in maybe:
            i = -1
            while True:
                try:
                    i = words.index(w, i + 1)
                except ValueError:
                    break
                m = _LOWER_WORD.match(prose, starts[i])
                if m is not None and m.end() == ends[i]:
                    unknown.add(w)
                    break
        if not unknown:
            return
        accept = ctx.accept
        min_len = self.opts["min-length"]
        dominance = self.opts["dominance"]
        gap = self.opts["gap"]
        verdicts = {}
        for w in unknown:
            if 3 <= len(w) <= 30 and w not in accept and not lexicon.known(w) and not is_learned_name(doc, w):
                v = self._judge(w, min_len, dominance, gap)
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
            if prose.startswith(_ELLIPSIS_AFTER, end):
                continue  # cut off by an ellipsis (a teaser): truncated, not misspelled
            yield self.finding(
                m.start(),
                end,
                f"'{w}' is not in the dictionary; did you mean '{sugg[0]}'?",
                suggestions=sugg,
            )

    @staticmethod
    def _judge(w: str, min_len: int, dominance: float, gap: float) -> tuple | None:
        if not lexicon.suggestions(w):
            return None  # no common word one edit away: nothing to suggest (the frequencies stay unread)
        if not dictionary.available():
            return _judge_by_lexicon(w, min_len, dominance)
        # a suggestion must be spelled right (in the lexicon), not merely frequent on the web
        cands = [(c, z) for c, z in dictionary.neighbours(w) if lexicon.known(c)]
        if not cands:
            return None
        best, zb = cands[0]
        if len(w) < min_len and zb < 6.0:
            return None  # short words: only near the very frequent ones ("teh", "adn", "fo")
        # only a frequency within the gap of the suggestion's matters: a word rarer than that by a
        # margin (0.0 then) passes as it would with its own, and the rarer part of the list stays unread
        if zb < 3.5 or zb - dictionary.zipf(w, zb - gap - 0.05) < gap:
            return None  # the word is common in its own right (tech, influencer): not a slip
        if len(cands) > 1 and zb - cands[1][1] < math.log10(dominance):
            return None  # two plausible corrections: no verdict
        return (best,)


def _judge_by_lexicon(w: str, min_len: int, dominance: float) -> tuple | None:
    """The verdict without word frequencies: the lexicon's common words one edit away."""
    cands = lexicon.suggestions(w)
    if not cands:
        return None
    best, freq = cands[0]
    if len(w) < min_len and freq < 1_000_000:
        return None
    if len(cands) > 1 and freq < dominance * cands[1][1]:
        return None
    if freq < 5 * lexicon.COMMON_FREQ:
        return None
    return (best,)




# --- words run together -------------------------------------------------------------------------------
# one of the two parts must be a closed-class word: a lost space or dash around 'this', 'its',
# 'and' is a slip, while two content words glued together may be a compound (outperformer) or
# widget text fused by a scraper (another family's business)
_FUNCTION_WORDS = frozenset(
    """the this that these those its his her their our your and but for with from into onto than
    then when where which while who whom whose what there here been were was are has have had not
    also some such very more most only just about after before over under""".split()
)
_GLUED_FIGURE = rx.compile(r"(?<![\w@#/.'’&+-])([a-z]{5,})(?=\d+[.,]\d)")
# where a match of _GLUED_FIGURE ends: a decimal figure right after a lower-case letter (a pattern
# that starts with a digit is searched in C; _GLUED_FIGURE, which starts with a lookbehind, would be
# tried at every position)
_FIGURE_AFTER_LETTER = rx.compile(r"\d(?<=[a-z]\d)\d*[.,]\d")
# the prose's shape for a gate in C: a-z -> "a", a digit -> "0", any other character -> " ", but
# a character beyond ASCII (encoded "?", and "?" itself) -> "0", as it may be a digit (\d)
_LETTER_DIGIT_SHAPE = bytes(97 if 97 <= c <= 122 else 48 if 48 <= c <= 57 or c == 63 else 32 for c in range(256))


def _glued_figures(prose: str) -> Iterator[re.Match]:
    """The matches of ``_GLUED_FIGURE.finditer(prose)``. A match is a whole run of a-z (the
    lookbehind allows no letter before it, and the lookahead needs a digit after it), so it is
    the run that ends where a match of _FIGURE_AFTER_LETTER starts (those do not overlap one
    another's letter runs): the pattern is tried only at those runs' starts."""
    if b"a0" not in prose.encode("ascii", "replace").translate(_LETTER_DIGIT_SHAPE):
        return  # no a-z right before a digit: no match (the pattern is tried at every digit)
    for f in _FIGURE_AFTER_LETTER.finditer(prose):
        p = f.start() - 1
        while p > 0 and "a" <= prose[p - 1] <= "z":
            p -= 1
        m = _GLUED_FIGURE.match(prose, p)
        if m is not None:
            yield m


class RunTogetherWords(Rule):
    """Two words written as one because a space or a dash was lost in scraping or editing
    ("thismountainous", "populatedits", "earthquake7.9"). Reported when a lower-case word is
    unknown to the lexicon, practically never written (Zipf frequency below 1), and splits into two
    common words one of which is a function word (this, its, and); or when a word is glued to a decimal figure. Compounds the dictionaries know
    (livestream, cyberattack) are left alone; the fix is only suggested.

    Bad:
        The quake struck thismountainous region before dawn.
        ---
        A magnitude earthquake7.9 hit the coast.
    Good:
        The quake struck this mountainous region before dawn; the livestream showed the damage.
    """

    code = "NL107"
    name = "run-together-words"
    category = "spelling"
    severity = Severity.warning
    summary = "Two words run together (thismountainous, earthquake7.9)"
    lists = {JARGON: JARGON_LIST}

    def setup(self, ctx: Context) -> None:
        self.jargon = frozenset(str(w).lower() for w in ctx.list(JARGON))

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        if not prose or prose.isspace():
            return
        maybe = _unknown_lower_words(doc).difference(self.jargon, ctx.accept)
        verdicts = {}
        for w in maybe:
            if 7 <= len(w) <= 30 and not lexicon.known(w) and not lexicon.suggestions(w):
                pair = dictionary.split_pair(w, 3.0)
                if (
                    pair
                    and (pair[0] in _FUNCTION_WORDS or pair[1] in _FUNCTION_WORDS)
                    and all(lexicon.known(p) for p in pair)
                    and dictionary.zipf(w) < 1.0
                    and not is_learned_name(doc, w)
                ):
                    verdicts[w] = pair
        if verdicts:
            t = word_table(doc)
            words, starts, ends = t.words, t.starts, t.ends
            for i in compress(count(), map(verdicts.__contains__, words)):
                m = _LOWER_WORD.match(prose, starts[i])
                if m is None or m.end() != ends[i]:
                    continue
                a, b = verdicts[m.group()]
                yield self.finding(m.start(), m.end(), f"'{m.group()}' looks like two words run together: '{a} {b}'",
                                   suggestions=[f"{a} {b}"])
        for m in _glued_figures(prose):  # (none without a digit: no Python scan for one first)
            w = m.group(1)
            if lexicon.known(w) and lexicon.frequency(w) and doc.line_of(m.start()).kind not in ("table", "code"):
                yield self.finding(m.start(), m.end() + 1, f"'{w}' is glued to the figure after it: a space or a dash is missing",
                                   suggestions=[f"{w} {prose[m.end()]}"])

# --- one name, two spellings -----------------------------------------------------------------------
_FIRST_TWO = itemgetter(slice(0, 2))  # w[:2], called in C by Counter(map(...))
_CAP_NAME = rx.compile(r"[A-Z][a-z]{5,}(?![\w@#/&+-]|\.[A-Za-z])")


def _NAME_BEFORE_BAD(c: str) -> bool:
    return c.isalnum() or c in "_@#/.'’&+-"


def _near(a: str, b: str, limit: int) -> bool:
    """Whether the edit distance (with adjacent swaps) between a and b is at most limit."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev2 = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return False
        prev2, prev = prev, cur
    return prev[-1] <= limit


class NameSpelledTwoWays(Rule):
    """A rare name (a person, a place) written once in a spelling that differs by a letter or
    two from the spelling the article uses elsewhere: one of them is a typo (Kowalczyk three
    times, Kowalcyzk once). Only names the dictionary does not know and that are rare in
    English text are compared (Stevens and Stephens are different people); a plural or
    possessive, and the doubled-letter and transliteration variants NL206 reports, are not.
    The finding is on the minority spelling, with the majority one as suggestion and related
    location; it is never fixed automatically.

    Bad:
        Villagers in Pemberdale said the river rose overnight. Pemberdale has flooded before.
        The road to Pembredale was closed.
    Good:
        Villagers in Pemberdale said the river rose overnight. Pemberdale has flooded before.
        Nearby Pemberton was spared.
    """

    code = "NL106"
    name = "name-spelled-two-ways"
    category = "spelling"
    severity = Severity.warning
    summary = "A rare name spelled two ways in one article, one of them once"
    options = {
        "max-frequency": Option(2.5, "compare only names rarer than this Zipf frequency in English text", type=float, min=0.0),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # a capital and then lower case only: str.istitle of a run of ASCII letters, among the
        # words with a capital (a set difference in C) rather than among all
        caps = [w for w in filter(str.istitle, capital_ascii_words(doc)) if len(w) >= 6]
        if len(caps) < 2:
            return
        # a pair shares its first two letters: a name with no other of its two letters cannot be
        # in one (as the rare one or the common one), so it is neither looked up nor searched for
        firsts = Counter(map(_FIRST_TWO, caps))
        if len(firsts) == len(caps):
            return
        caps = [w for w in caps if firsts[w[:2]] > 1]
        ceiling = self.opts["max-frequency"]
        # names the lexicon lacks; how common they are in English is asked only of a pair found
        rare = [w for w in caps if w not in ctx.accept and not lexicon.known(w)]
        if len(rare) < 2:
            return
        prose = doc.prose
        spans: dict[str, list[tuple[int, int]]] = {}
        for w in rare:  # a few names: str.find, no scan of every word
            i = prose.find(w)
            while i != -1:
                m = _CAP_NAME.match(prose, i)
                if m is not None and m.end() == i + len(w) and (i == 0 or not _NAME_BEFORE_BAD(prose[i - 1])):
                    spans.setdefault(w, []).append((i, i + len(w)))
                i = prose.find(w, i + 1)
        names = sorted(spans, key=lambda w: (-len(spans[w]), spans[w][0][0]))
        for minor in names:
            if len(spans[minor]) != 1:
                continue
            for major in names:
                if major == minor or len(spans[major]) < 2 or major[:2] != minor[:2]:
                    continue
                lo, hi = sorted((major, minor), key=len)
                if hi.startswith(lo) or _doubled_twin(major, minor):
                    continue  # a plural or possessive; a doubled letter (NL206)
                # (a name rarer than the ceiling by a margin is given 0.0: below it all the same)
                if _near(major.lower(), minor.lower(), 2 if len(minor) >= 8 else 1) and max(
                    dictionary.zipf(major.lower(), ceiling - 0.05), dictionary.zipf(minor.lower(), ceiling - 0.05)
                ) < ceiling:
                    s, e = spans[minor][0]
                    ms, me = spans[major][0]
                    yield self.finding(
                        s, e,
                        f"'{minor}' is spelled '{major}' elsewhere in this article ({len(spans[major])} times): one of them is a typo",
                        suggestions=[major],
                        related=[Related(ms, me, f"'{major}' is used here")],
                    )
                    break


def _doubled_twin(a: str, b: str) -> bool:
    lo, hi = sorted((a, b), key=len)
    if len(hi) != len(lo) + 1:
        return False
    return any(hi[i] == hi[i - 1] and hi[:i] + hi[i + 1 :] == lo for i in range(1, len(hi)))


RULES = [PossibleTypo, NameSpelledTwoWays, RunTogetherWords]
