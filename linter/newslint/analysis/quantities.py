"""Figures in news copy (counts, amounts, shares), extracted with regexes over the whole text.

A :class:`Quantity` is a figure with its unit (a currency, per cent, or none), the counted thing
after it (the noun phrase: "North Korean troops") and its hedge turned into an interval:

=====================================  ==========================================
"up to", "as many as", "at most",      [0, x]
"possibly up to", "no more than"
"at least", "more than", "over"        [x, inf)
"about", "approximately", "around",    [x - 10%, x + 10%]  (news rounds figures; ten per cent
"an estimated", "nearly", "roughly"    covers the usual rounding to two significant digits)
a bare figure                          [x, x]
a range ("1.5 to 1.6 billion")         [1.5e9, 1.6e9]
"hundreds", "thousands", "dozens",     [200, 999], [2,000, 9,999], [24, 99],
"tens of thousands"                    [20,000, 99,999]
=====================================  ==========================================

and three markers: ``increment`` ("additional", "another", "more", "fresh", "further": a count
added to an earlier one), ``previous`` ("previous", "earlier", "prior": a count before it) and
``total`` ("in total", "a total of", "combined", "in all"). The counted thing is normalised to a
class (troops, soldiers, forces, personnel and deployments are all "troops") from the list
``consistency.count-classes`` (:func:`count_classes`, built once per configuration); other nouns
are their own class. :func:`extract` and :func:`counts` are per-document analyses of
``(doc, ctx)``: their result depends on the article and the configuration only, never on which
rule asked first.

Dates live in :mod:`newslint.analysis.dates`, the shared keyword index in
:mod:`newslint.analysis.keywords`.

Speed: candidate figures are found with one cheap regex (digits and currency signs) plus a set
look-up of number words in the shared word table; the full pattern only runs, anchored, at
those few places.
"""
from __future__ import annotations

import bisect
import re
from typing import Mapping, NamedTuple

from .. import rx
from ..document import Document
from ..rule import Context, WordList
from . import per_config, per_document
from .keywords import add_keywords, hits_of
from .words import word_table

TOLERANCE = 0.10
INF = float("inf")

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
NUMBER_WORDS: dict[str, float] = {
    **_UNITS, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
for _t in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"):
    for _u, _v in _UNITS.items():
        NUMBER_WORDS[f"{_t}-{_u}"] = NUMBER_WORDS[_t] + _v
# vague amounts: (low, high)
VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2e6, 999e6), "billions": (2e9, 999e9),
    "several hundred": (200, 999), "a few hundred": (200, 999), "several thousand": (2_000, 9_999),
    "a few thousand": (2_000, 9_999), "several dozen": (24, 99), "a few dozen": (24, 99),
}
EXACT_WORDS = {"a dozen": 12, "dozen": 12, "a hundred": 100, "one hundred": 100, "a thousand": 1000,
               "one thousand": 1000, "half a million": 5e5, "a million": 1e6, "a billion": 1e9}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY",
    "jpy": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "₩": "KRW", "krw": "KRW",
    "a$": "AUD", "c$": "CAD", "hk$": "HKD",
}
UPPER = ("possibly up to", "up to", "as many as", "at most", "no more than", "fewer than", "less than",
         "a maximum of", "not more than", "under")
LOWER = ("at least", "more than", "over", "upwards of", "a minimum of", "in excess of", "no fewer than",
         "no less than", "not less than")
APPROX = ("approximately", "about", "around", "an estimated", "estimated", "nearly", "roughly", "almost",
          "some", "close to", "just under", "just over", "roughly", "approx.", "circa", "c.")
INCREMENT = ("additional", "another", "more", "fresh", "further", "extra")
PREVIOUS = ("previous", "earlier", "prior", "initial", "original")
TOTAL_AFTER = ("in total", "in all", "combined", "altogether", "all told")

_NUMWORD_KEYS = frozenset(
    {k for k in NUMBER_WORDS if "-" not in k} | {"dozen", "dozens", "scores", "hundreds", "thousands", "tens", "millions",
                                                 "billions", "several", "few", "hundred", "thousand", "million", "billion", "half"}
)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = "|".join(
    re.escape(w).replace(r"\ ", r"\s+")
    for w in sorted(list(VAGUE) + list(EXACT_WORDS) + list(NUMBER_WORDS), key=len, reverse=True)
)
_SCALE = r"thousand|million|billion|trillion|crores?|lakhs?|bn|mn|mln|tn|[mbk](?![\w])"
_CUR = r"US\$|A\$|C\$|HK\$|\$|€|£|¥|₹|₩|Rs\.?\s?|(?:USD|EUR|GBP|INR|KRW|JPY)\s?"

QTY = rx.compile(
    rf"(?P<cur>{_CUR})?(?P<num>{_DIGITS}|(?i:{_WORDNUM})\b)(?:-(?P<frac>\d/\d{{1,2}}))?"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?"
    rf"(?:\s*(?:to|–|—)\s*(?:{_CUR})?(?P<num2>{_DIGITS})(?:\s?(?P<scale2>{_SCALE})\b)?)?"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?"
)
# the counted thing: optional "of", an increment marker, up to three modifiers, the noun
_NOUN_PHRASE = rx.compile(
    r"(?:\s+of)?(?:\s+(?P<inc2>additional|more|fresh|further|extra|previous|earlier|prior|initial|original))?"
    r"(?P<mods>(?:\s+(?:[A-Z][\w’'.-]*|[a-z]+-[a-z]+|new|elite|armed|foreign|regular|special|active|combat|"
    r"registered|eligible|local|young|civilian|military|ethnic|unaccompanied|undocumented)){0,3})"
    r"\s+(?P<noun>[a-z][a-z]*(?:-[a-z]+)?)\b"
)
_HEDGE_KEYS = {tuple(h.split()): h for h in UPPER + LOWER + APPROX if not h.endswith(".")}
_TOTAL_KEYS = {("a", "total", "of"), ("total", "of"), ("a", "combined")}
# the word right before the figure that each key ends with: no key can match without it
_HEDGE_LAST = frozenset(k[-1] for k in _HEDGE_KEYS)
_TOTAL_LAST = frozenset(k[-1] for k in _TOTAL_KEYS)
_INC_BEFORE = frozenset(("additional", "another", "further", "extra", "fresh") + PREVIOUS)
_MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_TOTAL_AFTER = rx.compile(r",?\s*(?:in\s+total|in\s+all|combined|altogether|all\s+told)\b")
_ANCHOR = rx.compile(r"[\d$€£¥₹₩][\d,.]*")
#: the same on a text whose only decimal digits are ASCII ones: a class of literals, which re
#: tests with a bitmap, where \d costs a Unicode category look-up at every position (3x slower)
_ANCHOR_ASCII_DIGITS = rx.compile(r"[0-9$€£¥₹₩][\d,.]*")
_DIGIT = rx.compile(r"\d")
_ASCII_BYTES = bytes(range(128))


def _anchor_pattern(prose: str):
    """_ANCHOR, or its faster twin when the prose has no decimal digit beyond ASCII (looked for
    among its non-ASCII characters only: the ASCII bytes of its UTF-8 deleted in C)."""
    if not prose.isascii() and _DIGIT.search(
        prose.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    ):
        return _ANCHOR
    return _ANCHOR_ASCII_DIGITS
_CUR_WORDS = frozenset(("rs", "usd", "eur", "gbp", "inr", "krw", "jpy"))
_MONTH_ABBR_BEFORE = rx.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.\s\Z")
_FUNCTION = frozenset(
    "of to in on at by for from with and or but the a an that which who whom was were is are be been has have had "
    "will would could should may might can per than as this these those its their his her our your it they we he "
    "she percent cent times years year".split()
)


class Quantity(NamedTuple):
    start: int  # the whole expression, hedge included
    end: int
    num_start: int  # the figure itself
    num_end: int
    value: float
    low: float
    high: float
    unit: str  # "" | "%" | a currency code
    noun: str  # the counted noun as written, lower-case ("soldiers"), or ""
    cls: str  # its class ("troops"), or the noun itself
    phrase: str  # modifiers and noun ("North Korean troops")
    increment: bool
    previous: bool
    total: bool
    hedge: str
    scale: float
    mantissa: float
    vague: bool

    @property
    def bounded_above(self) -> bool:
        return self.high < INF and self.low == 0 and bool(self.hedge)


# kept for callers of the first version
Count = Quantity


def parse_number(num: str, scale: str | None = None) -> float | None:
    n = num.lower()
    if " " in n or "\n" in n:
        n = " ".join(n.split())
    if n in NUMBER_WORDS:
        value = float(NUMBER_WORDS[n])
    elif n in EXACT_WORDS:
        value = float(EXACT_WORDS[n])
    else:
        try:
            value = float(n.replace(",", ""))
        except ValueError:
            return None
    if scale:
        value *= SCALES.get(scale.lower(), 1)
    return value


def interval(value: float, hedge: str) -> tuple[float, float]:
    h = " ".join(hedge.lower().split())
    if h in UPPER:
        return 0.0, value
    if h in LOWER:
        return value, INF
    if h in APPROX:
        return value * (1 - TOLERANCE), value * (1 + TOLERANCE)
    return value, value


#: the list of count classes: each entry maps a class to the nouns it counts
#: (``{troops: [troops, soldiers, forces]}``); every rule that classifies figures declares it
COUNT_CLASSES = WordList(
    "classes of counted things: a class name mapped to the nouns that count it (troops: [soldiers, forces])",
    entry="mapping",
    keys=None,
)
COUNT_CLASSES_LIST = "consistency.count-classes"

#: no classes: every noun is its own class
NO_CLASSES: Mapping[str, str] = {}

add_keywords(_NUMWORD_KEYS)  # found by the shared keyword index (see _word_anchors)


@per_config
def count_classes(ctx: Context) -> dict[str, str]:
    """The configuration's counted nouns, each mapped to its class ("soldiers" -> "troops")."""
    table: dict[str, str] = {}
    for entry in ctx.list(COUNT_CLASSES_LIST):
        for cls, nouns in dict(entry).items():
            for n in nouns:
                table[str(n).lower()] = str(cls)
    return table


@per_document
def _find_anchors(doc: Document) -> list[int]:
    """The offsets, in order, where a figure may begin: a digit or currency sign, or a number word.
    One scan of the whole text per article (the digit pattern starts with a character class, so
    the scan skips the text in C); every range asked about is a slice of it."""
    prose = doc.prose
    out = [m.start() for m in _anchor_pattern(prose).finditer(prose)] + _word_anchors(doc)
    out.sort()
    return out


@per_document
def _word_anchors(doc: Document) -> list[int]:
    """The offsets where figures in words begin ("three", "a dozen", "half a million"), in order."""
    t = word_table(doc)
    out: list[int] = []
    if t.vocabulary & _NUMWORD_KEYS:
        words, starts, ends = t.words, t.starts, t.ends
        for i in hits_of(doc, _NUMWORD_KEYS):
            s = starts[i]
            # "a dozen", "one hundred", "half a million": start at the article or number before
            if i and words[i - 1] in ("a", "one") and ends[i - 1] == s - 1:
                s = starts[i - 1]
                if i > 1 and words[i - 2] == "half" and ends[i - 2] == s - 1:
                    s = starts[i - 2]
            out.append(s)
        out.sort()
    return out


def anchors_between(doc: Document, start: int, end: int) -> list[int]:
    """The offsets, in order, in [start, end) where a figure may begin (a digit, a currency
    sign, a number word): every figure of :func:`extract_between` is parsed at one of them,
    and starts at or before it and ends after it."""
    return _anchors_between(doc, start, end)


def _anchors_between(doc: Document, start: int, end: int) -> list[int]:
    """The anchors in [start, end): a slice of :func:`_find_anchors`."""
    a = _find_anchors(doc)
    return a[bisect.bisect_left(a, start):bisect.bisect_left(a, end)]


def _words_before(prose: str, t, p: int, limit: int = 5) -> list[str]:
    """Up to ``limit`` words right before offset p, nearest first, while only spaces separate them
    (a gap of at most three spaces)."""
    starts, ends, words = t.starts, t.ends, t.words
    j = bisect.bisect_left(starts, p) - 1
    stop = j - limit
    out: list[str] = []
    edge = p
    while j >= 0 and j > stop:
        e = ends[j]
        if edge - e > 3 or e < edge and not prose[e:edge].isspace():
            break
        out.append(words[j])
        edge = starts[j]
        j -= 1
    return out


def _word_start(t, p: int, k: int) -> int:
    return t.starts[bisect.bisect_left(t.starts, p) - k]


def _scan(d: Document, classes: Mapping[str, str], anchors: list[int]) -> list[Quantity]:
    """Parse the figures at the given anchor offsets (in order); an anchor inside the figure
    parsed just before it is part of that figure ("1.5 to 1.6": one quantity)."""
    prose = d.prose
    t = word_table(d)
    memo = _parses(d, classes)
    out: list[Quantity] = []
    last_end = -1
    for p in anchors:
        if p < last_end:
            continue
        try:
            q = memo[p]
        except KeyError:
            q = memo[p] = _parse_at(prose, t, classes, p)
        if q is not None:
            out.append(q)
            last_end = q.num_end
    return out


@per_document
def _parse_memos(doc: Document) -> dict[int, tuple[Mapping[str, str], dict[int, Quantity | None]]]:
    """The figures parsed so far in the article, by the classes they were parsed with (keyed by
    the mapping's id, the mapping kept beside its figures) and then by anchor offset."""
    return {}


def _parses(doc: Document, classes: Mapping[str, str]) -> dict[int, Quantity | None]:
    """What :func:`_parse_at` gave at each anchor parsed so far with ``classes``: a figure
    depends only on the article, the classes and its anchor, so the rules that read the same
    sentences (NL810, NL811, the counts of NL804 and NL809...) parse each figure once."""
    memos = _parse_memos(doc)
    entry = memos.get(id(classes))
    if entry is None or entry[0] is not classes:
        entry = memos[id(classes)] = (classes, {})
    return entry[1]


def _parse_at(prose: str, t, classes: Mapping[str, str], p: int) -> Quantity | None:
    """The figure at anchor offset p of the prose (word table t), or None."""
    prev = prose[p - 1] if p else " "
    if prev.isalnum() or prev in "-./:_#" or (prev == "," and p >= 2 and prose[p - 2].isdigit()):
        return None
    m = QTY.match(prose, p)
    if not m:
        return None
    num = m.group("num")
    if len(num) == 4 and num.isdigit() and num[:2] in ("18", "19", "20") and m.lastgroup == "num" and not m.group("cur"):
        return None  # a year (nothing follows the figure that could make it an amount)
    before = _words_before(prose, t, p)
    if before and before[0] in _MONTH_WORDS:
        return None  # "January 12": a day, not a count
    if p >= 2 and prose[p - 2] == "." and _MONTH_ABBR_BEFORE.search(prose, max(0, p - 7), p):
        return None  # "Nov. 4"
    if before and before[0] in _CUR_WORDS:  # "Rs 5 crore", "USD 3"
        p2 = _word_start(t, p, 1)
        m2 = QTY.match(prose, p2)
        if m2 and m2.group("cur"):
            m, p, before = m2, p2, before[1:]
    low_num = num.lower() if num[0].isdigit() else " ".join(num.lower().split())
    num_end = m.end()
    cur, scale_word, frac, num2, scale2, pct = m.group("cur", "scale", "frac", "num2", "scale2", "pct")
    if num_end < len(prose) and (prose[num_end].isalnum() and not pct):
        return None  # 3rd, 10am, 5G
    if num_end < len(prose) and prose[num_end] in ":" and num_end + 1 < len(prose) and prose[num_end + 1].isdigit():
        return None  # a time
    unit = CURRENCIES.get("".join(cur.lower().split()), cur.strip()) if cur else ""
    if pct:
        unit = "%"
    if scale_word and scale_word.lower() in ("m", "b", "k") and not cur:
        scale_word = None  # "5 m" is metres; only money takes the one-letter scales
    vague = low_num in VAGUE
    if vague:
        lo, hi = VAGUE[low_num]
        value = (lo + hi) / 2
        mantissa, scale = value, 1.0
    else:
        base = parse_number(num)
        if base is None:
            return None
        if frac:
            a, b = frac.split("/")
            if int(b):
                base += int(a) / int(b)
        scale = SCALES.get(scale_word.lower(), 1.0) if scale_word else 1.0
        mantissa, value = base, base * scale
    if (not vague and num.isdigit() and len(num) == 4 and 1800 <= value <= 2100 and not cur
            and not scale_word and not pct):
        return None  # a year
    end = num_end
    if num2:
        v2 = parse_number(num2, scale2 or scale_word)
        if v2 is None:
            return None
        if not scale2 and scale_word is None:
            pass
        elif not scale_word and scale2:  # "1.5 to 1.6 billion": the scale is shared
            scale = SCALES.get(scale2.lower(), 1.0)
            value = mantissa * scale
        lo, hi = min(value, v2), max(value, v2)
        value = (lo + hi) / 2
    elif not vague:
        lo = hi = value
    # what comes before (nearest first): increment marker, article, hedge, "a total of"
    hedge = ""
    inc = prev_marker = total = False
    start = p
    k = 0
    if before and before[0] in _INC_BEFORE:
        inc = before[0] in INCREMENT
        prev_marker = before[0] in PREVIOUS
        k = 1
    if len(before) > k and before[k] in ("a", "an", "the"):
        k += 1
    if len(before) > k and before[k] in _HEDGE_LAST:
        for n in (3, 2, 1):
            key = tuple(reversed(before[k:k + n]))
            if len(key) == n and key in _HEDGE_KEYS:
                hedge = _HEDGE_KEYS[key]
                k += n
                break
    if len(before) > k and before[k] in _TOTAL_LAST:
        for n in (3, 2):
            key = tuple(reversed(before[k:k + n]))
            if len(key) == n and key in _TOTAL_KEYS:
                total = True
                k += n
                break
    if k:
        start = _word_start(t, p, k)
    if hedge and not num2:
        if vague:
            ilo, ihi = interval(hi, hedge) if hedge in UPPER else interval(lo, hedge)
            lo, hi = (ilo, ihi) if hedge in UPPER or hedge in LOWER else (lo, hi)
        else:
            lo, hi = interval(value, hedge)
    noun = phrase = ""
    if unit != "%":
        n = _NOUN_PHRASE.match(prose, end)
        if n and (n.group("noun") not in _FUNCTION or n.group("noun") in classes):
            marker = (n.group("inc2") or "").lower()
            inc = inc or marker in INCREMENT
            prev_marker = prev_marker or marker in PREVIOUS
            noun = n.group("noun").lower()
            mods = n.group("mods").split()
            cls = classes.get(noun)
            if cls is None:  # "3,000 troops strong": the first known word of the phrase
                for w in mods:
                    if w.lower() in classes:
                        cls, noun = classes[w.lower()], w.lower()
                        break
            phrase = (n.group("mods") + " " + n.group("noun")).strip()
            end = n.end()
    cls = classes.get(noun, noun)
    if _TOTAL_AFTER.match(prose, end):
        total = True
    return Quantity(start, end, m.start("num") if not cur else m.start(), num_end, value, lo, hi, unit, noun,
                    cls, phrase, inc, prev_marker, total, hedge, scale, mantissa, vague)


@per_document
def extract(doc: Document, ctx: Context | None = None) -> list[Quantity]:
    """Every figure in the document's prose, its counted nouns classified by the configuration's
    count classes (with no configuration, every noun is its own class)."""
    return _scan(doc, count_classes(ctx) if ctx is not None else NO_CLASSES, _find_anchors(doc))


def extract_between(doc: Document, start: int, end: int, classes: Mapping[str, str] = NO_CLASSES) -> list[Quantity]:
    """The figures that start in [start, end), parsed at the anchors in that range only (for
    rules that look at a few sentences); the figures of :func:`extract` in that range."""
    return _scan(doc, classes, _anchors_between(doc, start, end))


def candidates_between(doc: Document, start: int, end: int) -> int:
    """How many figures could start in [start, end): an upper bound on the length of
    :func:`extract_between`'s result, found without parsing."""
    a = _find_anchors(doc)
    lo = bisect.bisect_left(a, start)
    return bisect.bisect_left(a, end, lo) - lo


def scales_between(doc: Document, start: int, end: int) -> set[float]:
    """Every scale above one (1e3, 1e6...) of :func:`extract_between`'s figures, and perhaps
    more: the scale words that the figure pattern matches at the anchors, found without
    parsing the figures."""
    prose = doc.prose
    out: set[float] = set()
    for p in _anchors_between(doc, start, end):
        m = QTY.match(prose, p)
        if m:
            out.update(SCALES[w.lower()] for w in m.group("scale", "scale2") if w)
    return out


@per_document
def counts(doc: Document, ctx: Context) -> list[Quantity]:
    """Counts of the configuration's count classes ("troops"), over the document's prose."""
    classes = count_classes(ctx)
    t = word_table(doc)
    # frozenset.intersection iterates the (small) table; "vocabulary & classes.keys()" would
    # look every word of the text up in the table
    present = t.vocabulary.intersection(classes)
    if not present:
        return []
    known = set(classes.values())
    # only the sentences that name a counted thing (the whole text when sentences are unknown)
    spans: list[tuple[int, int]] = []
    for i in t.indexes_of(present):
        si = doc.sentence_index(t.starts[i])
        if si < 0:
            spans = [(0, len(doc.prose))]
            break
        span = (doc.sentences[si].start, doc.sentences[si].end)
        if not spans or spans[-1] != span:
            spans.append(span)
    found: list[Quantity] = []
    for a, b in spans:
        found.extend(extract_between(doc, a, b, classes))
    return [q for q in found if q.noun in classes and q.cls in known and q.unit == ""]


def fmt_amount(x: float) -> str:
    """An amount as a message gives it: "12,900", "1.5 million", "2.25 billion"."""
    if x >= 1e9 and x % 1e7 == 0:
        return f"{x / 1e9:,.2f}".rstrip("0").rstrip(".") + " billion"
    if x >= 1e6 and x % 1e4 == 0:
        return f"{x / 1e6:,.2f}".rstrip("0").rstrip(".") + " million"
    return f"{x:,.0f}" if x == int(x) else f"{x:,.2f}"


# --- labelled rows: "Norway: 6", "| China | 80,026 | 2,912 |", "1China80,0262,912" -------------------
#: one figure of a row's cells: thousands separators bind ("80,0262,912" reads 80,026 and 2,912)
_CELL_NUMBER = rx.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
#: a plain data line: an optional bullet or row number, a label of up to five words, an optional
#: separator, then figures only (cells run together when a table was flattened)
_ROW_LINE = rx.compile(
    r"[ \t]*(?:[-*•][ \t]+)?(?:\d{1,3}[.)]?[ \t]*)?"
    r"(?P<label>[A-Z][A-Za-z'’.&]*(?:[ \t]+[A-Za-z][A-Za-z'’.&]*){0,4})[ \t]*[:\t–—-]?[ \t]*"
    r"(?P<vals>\d[\d,. \t%-]*)[ \t]*\Z"
)
_YEARLIKE = rx.compile(r"(?:18|19|20)\d\d\Z")
_ANY_DIGIT = rx.compile(r"\d")


class LabelledRow(NamedTuple):
    """A line that gives a label and its figures only: a list entry ("Norway: 6"), a pipe-table
    row, or a table flattened into run-together cells."""

    line: int  # 1-based
    label: str
    label_start: int
    label_end: int
    values: tuple[tuple[float, int, int], ...]  # (value, start, end) in the text, in order
    table: bool  # a pipe-table row


def _row_values(text: str, a: int, b: int) -> list[tuple[float, int, int]] | None:
    out = []
    for m in _CELL_NUMBER.finditer(text, a, b):
        g = m.group()
        if _YEARLIKE.match(g):
            return None  # a year in the row: a date, not a figure of the label
        out.append((float(g.replace(",", "")), m.start(), m.end()))
    return out


@per_document
def labelled_rows(doc: Document) -> list[LabelledRow]:
    """The article's labelled rows, in order (see :class:`LabelledRow`)."""
    text = doc.text
    out: list[LabelledRow] = []
    for line in doc.lines:
        s = line.text
        if len(s) > 100 or line.kind == "blank" or not _ANY_DIGIT.search(s):
            continue
        if line.kind == "table":
            label = None
            values: list[tuple[float, int, int]] = []
            pos = line.start
            ok = True
            for cell in s.split("|"):
                c = cell.strip()
                a = pos + len(cell) - len(cell.lstrip())
                pos += len(cell) + 1
                if not c or set(c) <= set("-: "):
                    continue
                if _CELL_NUMBER.fullmatch(c.rstrip("%").lstrip("$€£")):
                    vals = _row_values(text, a, a + len(c))
                    if vals is None:
                        ok = False
                        break
                    values += vals
                elif label is None and c[0].isupper():
                    label = (c, a, a + len(c))
                else:
                    ok = False  # a second text cell: not a label and its figures
                    break
            if ok and label and values:
                out.append(LabelledRow(line.number, label[0], label[1], label[2], tuple(values), True))
            continue
        m = _ROW_LINE.match(s)
        if not m:
            continue
        vals = _row_values(text, line.start + m.start("vals"), line.start + m.end("vals"))
        if vals:
            out.append(LabelledRow(line.number, m.group("label").strip(), line.start + m.start("label"),
                                   line.start + m.end("label"), tuple(vals), False))
    return out
