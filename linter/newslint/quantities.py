"""Quantities and dates in news copy, extracted with regexes over the whole text.

A :class:`Count` is a number of some counted thing with a hedge turned into an interval:

=====================================  ==========================================
"up to", "as many as", "at most"       [0, x]
"at least", "more than", "over"        [x, inf)
"about", "approximately", "around",    [x - 10%, x + 10%]  (news rounds figures; ten per cent
"an estimated", "nearly", "roughly"    covers the usual rounding to two significant digits)
a bare figure                          [x, x]
=====================================  ==========================================

and two markers: ``increment`` ("additional", "another", "more", "fresh", "further": a count
added to an earlier one) and ``previous`` ("previous", "earlier", "prior": a count before it).
The counted thing is normalised to a class (troops, soldiers, forces, personnel and deployments
are all "troops"), from the list ``consistency.count-classes``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document

TOLERANCE = 0.10
INF = float("inf")

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "a dozen": 12, "dozen": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a hundred": 100, "one hundred": 100, "a thousand": 1000, "one thousand": 1000,
}
SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12}
UPPER = ("possibly up to", "up to", "as many as", "at most", "no more than", "fewer than", "less than", "a maximum of")
LOWER = ("at least", "more than", "over", "upwards of", "a minimum of", "in excess of")
APPROX = ("approximately", "about", "around", "an estimated", "estimated", "nearly", "roughly", "almost", "some", "close to")
INCREMENT = ("additional", "another", "more", "fresh", "further", "extra", "new")
PREVIOUS = ("previous", "earlier", "prior", "initial")

_HEDGE = "|".join(re.escape(h) for h in sorted(UPPER + LOWER + APPROX, key=len, reverse=True))
_INC = "|".join(INCREMENT + PREVIOUS)
_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))

COUNT = re.compile(
    rf"(?<![\w$€£.,-])(?:(?P<hedge>(?i:{_HEDGE}))\s+)?(?:(?i:an?)\s+)?(?:(?P<inc1>(?i:{_INC}))\s+)?"
    rf"(?P<num>(?i:{_NUM}))(?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn)\b)?\s+"
    rf"(?:(?P<inc2>{_INC})\s+)?(?P<mods>(?:(?:[A-Z][\w’'-]*)\s+){{0,3}})"
    r"(?P<noun>[a-z][a-z-]*)\b"
)


_ANY_NUMBER = re.compile(r"\d|\b(?i:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b")


@dataclass(frozen=True)
class Count:
    start: int
    end: int
    value: float
    low: float
    high: float
    noun: str  # the counted class
    increment: bool
    previous: bool
    hedge: str

    @property
    def text_hedge(self) -> str:
        return self.hedge or "exactly"


def parse_number(num: str, scale: str | None) -> float | None:
    n = num.lower()
    if n in NUMBER_WORDS:
        value = float(NUMBER_WORDS[n])
    else:
        try:
            value = float(n.replace(",", ""))
        except ValueError:
            return None
    if scale:
        value *= SCALES.get(scale.lower(), 1)
    return value


def interval(value: float, hedge: str) -> tuple[float, float]:
    h = hedge.lower()
    if h in UPPER:
        return 0.0, value
    if h in LOWER:
        return value, INF
    if h in APPROX:
        return value * (1 - TOLERANCE), value * (1 + TOLERANCE)
    return value, value


def counts(doc: Document, classes: dict[str, str]) -> list[Count]:
    """Counts of the classes we know ("troops"), over the document's prose (memoised)."""

    def compute(d: Document) -> list[Count]:
        out: list[Count] = []
        prose = d.prose
        from .packs import word_table

        t = word_table(d)
        nouns = t.indexes_of(classes)
        if not nouns or not _ANY_NUMBER.search(prose):
            return out
        # search only the few words before each counted noun: the pattern is costly everywhere
        matches: dict[int, re.Match] = {}
        for i in nouns:
            for m in COUNT.finditer(prose, max(0, t.starts[i] - 90), t.ends[i]):
                if m.end("noun") == t.ends[i]:
                    matches.setdefault(m.start(), m)
        for m in (matches[k] for k in sorted(matches)):
            cls = classes.get(m.group("noun").lower())
            if cls is None:
                continue
            value = parse_number(m.group("num"), m.group("scale"))
            if value is None or (m.group("num").isdigit() and 1900 <= value <= 2100 and not m.group("hedge")):
                continue  # a year, not a count
            hedge = (m.group("hedge") or "").lower()
            low, high = interval(value, hedge)
            markers = {(m.group("inc1") or "").lower(), (m.group("inc2") or "").lower()}
            out.append(
                Count(m.start(), m.end(), value, low, high, cls, bool(markers & set(INCREMENT)), bool(markers & set(PREVIOUS)), hedge)
            )
        return out

    return doc.memo("quantities.counts", compute)


# --- dates -----------------------------------------------------------------------------------
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
WEEKDAY_DATE = re.compile(
    r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+"
    rf"(?:(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_RE}))"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,])")


def month_number(name: str) -> int:
    return _MONTH_ABBR[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]]
