"""Dates in news copy: weekday-and-date patterns, calendar dates, years, and the year an article
states for itself (an Updated/Published stamp or a dated dateline)."""
from __future__ import annotations

import datetime
import re

from .. import rx
from ..document import Document
from . import per_document
from .words import lower_text

__all__ = [
    "WEEKDAYS", "MONTHS", "WEEKDAY_DATE", "DATE", "YEAR", "month_number", "weekday_number", "article_year",
    "article_date", "own_year", "FULL_DATE", "full_date",
]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WD_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
WEEKDAY_DATE = rx.compile(
    rf"\b(?P<wd>{_WD_RE}),?\s+(?:\(\s*)?(?:the\s+)?"
    rf"(?:(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_RE})(?![a-z]))"
    r"(?:,?\s+(?P<year>(?:18|19|20)\d\d)\b)?"
)
DATE = rx.compile(
    rf"\b(?:(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:18|19|20)\d\d)"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_RE})\s+(?P<year2>(?:18|19|20)\d\d))\b"
)
YEAR = rx.compile(r"(?<![\d,.$€£])(?:18|19|20)\d\d(?!\d|,\d)")
#: a month with its year and no day ("in March 2024", "October 2009")
MONTH_YEAR = rx.compile(rf"\b{_MONTH_RE}\s+(?P<year>(?:18|19|20)\d\d)\b")
_WD_SHORT = {w[:3]: i for i, w in enumerate(WEEKDAYS)}


def month_number(name: str) -> int:
    n = name.lower().rstrip(".")
    return _MONTH_ABBR["sept" if n.startswith("sept") else n[:3]]


def weekday_number(name: str) -> int:
    return _WD_SHORT[name.lower().rstrip(".")[:3]]


# an Updated/Published stamp ("Updated Oct. 3, 2025") and a dated dateline ("MADRID, April 22,
# 2025 –"); _STAMP is either, and its search is their leftmost match (the stamp at a tie)
_STAMP_BRANCH = rx.compile(
    r"(?i:updated|published|posted|last\s+modified|first\s+published)\b[^\n\d]{0,30}"
    rf"(?:(?:{_WD_RE}),?\s+)?(?:(?:{_MONTH_RE})\s+\d{{1,2}},?\s+|\d{{1,2}}\s+(?:{_MONTH_RE})\s+)?(?P<year>(?:19|20)\d\d)\b"
)
_DATELINE_BRANCH = rx.compile(
    rf"^[A-Z][A-Za-z .,'-]{{1,40}}\b(?:{_MONTH_RE})\s+\d{{1,2}},?\s+(?P<year2>(?:19|20)\d\d)\s*[-–—(]", re.M
)
_STAMP = rx.compile(f"{_STAMP_BRANCH.pattern}|{_DATELINE_BRANCH.pattern}", re.M)


#: what each branch of _STAMP needs: a stamp word, or a year followed by a dash or parenthesis
_STAMP_WORDS = ("updated", "published", "posted", "modified")
_YEAR_DASH = rx.compile(r"(?:19|20)\d\d\s*[-–—(]")


def _stamp_word_starts(low: str) -> list[int]:
    """The offsets, in order, where a stamp word ("updated", "first published", "last modified")
    begins in the lower-cased text: the only places where the stamp branch of _STAMP can match."""
    out: list[int] = []
    for word, lead in (("updated", ""), ("posted", ""), ("published", "first"), ("modified", "last")):
        i = low.find(word)
        while i != -1:
            if word != "modified":  # "modified" is a stamp word only after "last"
                out.append(i)
            if lead:  # "first published", "last   modified": the branch begins at the lead word
                j = i
                while j and low[j - 1].isspace():
                    j -= 1
                if j < i and low.endswith(lead, 0, j):
                    out.append(j - len(lead))
            i = low.find(word, i + 1)
    out.sort()
    return out


def _stamp_match(text: str, low: str) -> re.Match | None:
    """``_STAMP.search(text)`` (``low`` is ``text.lower()``), trying the stamp branch only where a
    stamp word begins and the dateline branch only when a "YYYY -" exists."""
    if len(low) != len(text) or "ſ" in low or "ı" in low:
        # lower() changed the offsets, or re.IGNORECASE folds ſ and ı to s and i: no shortcut
        return _STAMP.search(text)
    stamp = next(filter(None, (_STAMP_BRANCH.match(text, p) for p in _stamp_word_starts(low))), None)
    dateline = _DATELINE_BRANCH.search(text) if _YEAR_DASH.search(text) else None
    if stamp and (dateline is None or stamp.start() <= dateline.start()):
        return stamp
    return dateline


def _stamp_year(text: str, low: str) -> int | None:
    """The year of ``_STAMP.search(text)`` (``low`` is ``text.lower()``)."""
    m = _stamp_match(text, low)
    if m is None:
        return None
    g = m.groupdict()
    return int(g.get("year") or g["year2"])


@per_document
def _stamp(doc: Document) -> re.Match | None:
    """The article's stamp or dated dateline (``_STAMP.search``), when it has one."""
    if not _has_stamp(doc):
        return None
    return _stamp_match(doc.text, lower_text(doc))


def _has_stamp(doc: Document) -> bool:
    # most articles hold neither a stamp word nor a "YYYY -" dateline, and two cheap tests rule
    # both out (ſ and ı fold to s and i under re.IGNORECASE, so they send the text to the full
    # search)
    low = lower_text(doc)  # text.lower(), shared
    return any(w in low for w in _STAMP_WORDS) or "ſ" in low or "ı" in low or bool(_YEAR_DASH.search(doc.text))


#: a calendar date with its year, and an optional weekday before it: "Wednesday, 19 February
#: 2025", "March 14, 2025", "Sept. 9, 2024", "the 3rd of May 2024"
FULL_DATE = rx.compile(
    rf"(?:(?P<wd>{_WD_RE}),?\s+)?(?:(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    rf"|(?:the\s+)?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_RE}),?\s+)(?P<year>(?:18|19|20)\d\d)\b"
)
# a line that is nothing but the article's date, perhaps with a time: the date under a byline
_DATE_LINE = rx.compile(
    rf"[ \t]*{FULL_DATE.pattern}(?:\s*(?:[,|•·–—-]|at)?\s*\d{{1,2}}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?[ \t]*"
)


def full_date(m: re.Match) -> datetime.date | None:
    """The date of a :data:`FULL_DATE` match (None when it is no date: "February 30, 2025")."""
    try:
        return datetime.date(int(m.group("year")), month_number(m.group("month") or m.group("month2")),
                             int(m.group("day") or m.group("day2")))
    except ValueError:
        return None


def _header_date(doc: Document) -> tuple[datetime.date, int, int] | None:
    """A line of its own near the top that is nothing but a date ("Wednesday, 19 February 2025",
    "14 March 2025", "March 21, 2025 10:32 a.m. ET"): the date under a headline or byline, with
    its offsets. Looked for in the first twelve lines, before the first long (body) line."""
    text = doc.text
    pos = 0
    for n in range(12):
        end = text.find("\n", pos)
        if end == -1:
            end = len(text)
        line = text[pos:end]
        if len(line) >= 100:
            return None  # the body has begun
        if line and line.lstrip()[:1].isalpha() or line[:1].isdigit():
            m = _DATE_LINE.fullmatch(text, pos, end)
            if m:
                nxt = text[end + 1:end + 2]
                d = full_date(m)
                if d and not nxt.islower():
                    return d, m.start(), m.end()
        if end == len(text):
            return None
        pos = end + 1
    return None


@per_document
def article_date(doc: Document) -> tuple[datetime.date, int, int] | None:
    """The full date the article states for itself, with the offsets where it says so: an
    Updated/Published stamp or a dated dateline with a day and month ("Published: Tuesday, 20 May
    2025", "MADRID, April 22, 2025 -"), else a line of its own near the top that is only a date
    ("Wednesday, 19 February 2025" under the byline)."""
    m = _stamp(doc)
    if m:
        f = FULL_DATE.search(doc.text, m.start(), m.end())
        d = full_date(f) if f else None
        if d:
            return d, f.start(), f.end()
        return None  # a stamp with a year only: no day to count from
    return _header_date(doc)


@per_document
def article_year(doc: Document) -> int | None:
    """The year the article states for itself: an Updated/Published stamp or a dated dateline."""
    m = _stamp(doc)
    if m is None:
        return None
    g = m.groupdict()
    return int(g.get("year") or g["year2"])


@per_document
def own_year(doc: Document) -> int | None:
    """The year of the article's own date: :func:`article_year`, else the year of a line of its
    own near the top that is only a date ("14 March 2025" under the byline)."""
    y = article_year(doc)
    if y is not None:
        return y
    h = _header_date(doc)
    return h[0].year if h else None
