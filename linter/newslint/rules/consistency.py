"""Internal consistency: figures and dates that contradict each other inside one article.

Precision comes first: a wrong contradiction costs an editor's trust, so each check needs both
statements to be explicit, about the same counted thing and the same actor, and reports every
statement involved (the finding on one, ``related`` on the others).
"""
from __future__ import annotations

import calendar
import datetime
import re
from typing import Iterator

from ..document import Document
from ..finding import Finding, Related, Severity
from ..quantities import INF, WEEKDAY_DATE, WEEKDAYS, YEAR, Count, counts, month_number
from ..rule import Context, Rule

# capitalised names that tie two statements to the same actor ("North Korea", "Russia")
_ENTITY = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_NOT_ENTITIES = frozenset(
    "The A An In On At But And However Moreover Furthermore Meanwhile Recently Reports It This That These Those "
    "He She They We Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)


def _classes(ctx: Context) -> dict[str, str]:
    cache = ctx.__dict__.setdefault("_consistency", {})
    if "classes" not in cache:
        table: dict[str, str] = {}
        for entry in ctx.list("consistency.count-classes"):
            for cls, nouns in dict(entry).items():
                for n in nouns:
                    table[str(n).lower()] = str(cls)
        cache["classes"] = table
    return cache["classes"]


def _sentence_span(doc: Document, offset: int) -> tuple[int, int]:
    i = doc.sentence_index(offset)
    if i >= 0:
        s = doc.sentences[i]
        return s.start, s.end
    line = doc.line_of(offset)
    return line.start, line.end


def _entities(text: str) -> set[str]:
    out = set()
    for m in _ENTITY.finditer(text):
        words = [w for w in m.group().split() if w not in _NOT_ENTITIES]
        if words:
            out.add(" ".join(words))
    return out


def _fmt(x: float) -> str:
    return f"{x:,.0f}"


class FigureContradiction(Rule):
    """Figures for the same counted thing that cannot all hold: "up to 12,000 troops" in one
    place and, elsewhere, "at least 3,000 additional soldiers ... following approximately 11,000
    previous deployments" (at least about 12,900 in all). Also an "at least X" against an "up to
    Y" with X above Y. Hedges become intervals (see ``newslint.quantities``); the two statements
    must share a named actor. Restating a figure, or giving a rounder one, is not reported.

    Bad:
        North Korea has sent up to 12,000 troops to Russia, officials said. Seoul's military said North Korea had dispatched at least 3,000 additional soldiers to Russia, following approximately 11,000 previous deployments.
    Good:
        North Korea has sent up to 15,000 troops to Russia, officials said. Seoul's military said North Korea had dispatched at least 3,000 additional soldiers to Russia, following approximately 11,000 previous deployments.
        ---
        North Korea has sent approximately 11,000 troops to Russia, officials said. Reports suggest up to 11,000 North Korean troops are in the Kursk region.
    """

    code = "NL801"
    name = "figure-contradiction"
    category = "consistency"
    severity = Severity.warning
    summary = "Figures for the same thing that cannot all be true"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        found = counts(doc, _classes(ctx))
        if len(found) < 2:
            return
        prose = doc.prose
        uppers = [c for c in found if c.high < INF and c.low == 0 and c.hedge]
        if not uppers:
            return
        reported = False
        # a running total: previous + additional in one sentence
        for a in found:
            if not a.increment:
                continue
            s, e = _sentence_span(doc, a.start)
            prev = [p for p in found if p.previous and s <= p.start < e and p.noun == a.noun]
            if not prev:
                continue
            p = prev[0]
            total_low = a.low + p.low
            ents = _entities(prose[s:e])
            for u in uppers:
                if u.noun != a.noun or s <= u.start < e:
                    continue
                us, ue = _sentence_span(doc, u.start)
                if not (ents & _entities(prose[us:ue])):
                    continue
                if total_low > u.high:
                    yield self.finding(
                        a.start,
                        a.end,
                        f"'{doc.text[a.start:a.end]}' plus '{doc.text[p.start:p.end]}' make at least {_fmt(total_low)}, "
                        f"more than the '{doc.text[u.start:u.end]}' stated elsewhere",
                        related=[
                            Related(u.start, u.end, f"upper bound: {_fmt(u.high)}"),
                            Related(p.start, p.end, "the earlier figure"),
                        ],
                    )
                    reported = True
                    break
        if reported:
            return
        # a lower bound above an upper bound for the same thing and actor (no increments)
        lowers = [c for c in found if c.hedge and c.high == INF and not c.increment and not c.previous]
        for lo in lowers:
            ls, le = _sentence_span(doc, lo.start)
            for u in uppers:
                if u.noun != lo.noun or u.increment or lo.low <= u.high:
                    continue
                us, ue = _sentence_span(doc, u.start)
                if _entities(prose[ls:le]) & _entities(prose[us:ue]):
                    yield self.finding(
                        lo.start,
                        lo.end,
                        f"'{doc.text[lo.start:lo.end]}' contradicts '{doc.text[u.start:u.end]}' stated elsewhere",
                        related=[Related(u.start, u.end, f"upper bound: {_fmt(u.high)}")],
                    )
                    return


class WeekdayDate(Rule):
    """A weekday that does not match its date: "Monday, January 12, 2025" (January 12, 2025 was a
    Sunday). With no year beside the date, the years the article mentions are used, and there is
    no finding if the weekday fits any of them or the year either side; with no year at all,
    nothing is said.

    Bad:
        The president spoke on Monday, January 12, 2025, in Kyiv.
    Good:
        The president spoke on Sunday, January 12, 2025, in Kyiv.
        ---
        The talks resume on Monday, March 3, the ministry said.
    """

    code = "NL802"
    name = "weekday-date"
    category = "consistency"
    severity = Severity.warning
    summary = "A weekday that does not fall on the date given"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        if "day," not in prose and "day " not in prose:
            return
        years = None
        for m in WEEKDAY_DATE.finditer(prose):
            wd = WEEKDAYS.index(m.group("wd").lower())
            month = month_number(m.group("month") or m.group("month2"))
            day = int(m.group("day") or m.group("day2"))
            if m.group("year"):
                candidates = [int(m.group("year"))]
                strict = True
            else:
                if years is None:
                    years = sorted({int(y) for y in YEAR.findall(prose)})
                if not years:
                    continue
                candidates = sorted({y + d for y in years for d in (-1, 0, 1)})
                strict = False
            fits = []
            for y in candidates:
                try:
                    fits.append(datetime.date(y, month, day).weekday() == wd)
                except ValueError:
                    fits.append(False)
            if any(fits):
                continue
            if strict:
                try:
                    actual = calendar.day_name[datetime.date(candidates[0], month, day).weekday()]
                except ValueError:
                    yield self.finding(m.start(), m.end(), f"'{doc.text[m.start():m.end()]}' is not a date")
                    continue
                msg = f"{calendar.month_name[month]} {day}, {candidates[0]} was a {actual}, not a {m.group('wd')}"
            else:
                msg = f"{m.group('wd')} does not fall on {calendar.month_name[month]} {day} in {', '.join(map(str, years))} or the years either side"
            yield self.finding(m.start(), m.end(), msg)


_RECENT = re.compile(r"\brecent(?:ly)?\b|\bin recent (?:days|weeks)\b|\bthis (?:week|month)\b", re.I)
_DATED = re.compile(r"\bin\s+(?:(?:early|mid|late|mid-)\s*)?(?P<year>(?:19|20)\d\d)\b", re.I)
_ARTICLE_DATE = re.compile(r"(?:Updated|Published|Posted)\s+(?:\d{1,2}\s+\w+\s+)?(?P<year>(?:19|20)\d\d)|^[A-Z][A-Z ,.]+[-–—]\s", re.M)


class EventYearDrift(Rule):
    """The same event placed in a past year in one place and called recent in another: "sent an
    additional 3,000 soldiers to Russia in early 2023" and, later, "dispatched at least 3,000
    additional soldiers to Russia recently". The event is the same increment of the same counted
    thing to the same place. When the article gives its own date (an "Updated" stamp) and that
    year is the one named, there is no finding; without a date it is reported as info, since one
    of the two placements must be wrong unless the article is from that year.

    Bad:
        Seoul said the North sent an additional 3,000 soldiers to Russia in early 2023. The military confirmed the North dispatched at least 3,000 additional soldiers to Russia recently.
    Good:
        Seoul said the North sent an additional 3,000 soldiers to Russia in early 2023. The military confirmed the North dispatched 2,000 additional soldiers to Russia recently.
    """

    code = "NL803"
    name = "event-year-drift"
    category = "consistency"
    severity = Severity.warning
    summary = "One event dated to a past year in one place and called recent in another"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        if not _RECENT.search(prose) or not _DATED.search(prose):
            return
        incs = [c for c in counts(doc, _classes(ctx)) if c.increment]
        if len(incs) < 2:
            return
        stamp = next((m for m in _ARTICLE_DATE.finditer(doc.text) if m.group("year")), None)
        article_year = int(stamp.group("year")) if stamp else None
        for i, a in enumerate(incs):
            as_, ae = _sentence_span(doc, a.start)
            dated = _DATED.search(prose, as_, ae)
            if not dated:
                continue
            year = int(dated.group("year"))
            if article_year is not None and article_year <= year:
                continue
            for b in incs:
                if b is a or b.noun != a.noun or b.value != a.value:
                    continue
                bs, be = _sentence_span(doc, b.start)
                if bs == as_ or not _RECENT.search(prose, bs, be):
                    continue
                if not (_entities(prose[as_:ae]) & _entities(prose[bs:be])):
                    continue
                yield self.finding(
                    dated.start(),
                    dated.end(),
                    f"The same {_fmt(a.value)} additional {a.noun} are placed '{dated.group()}' here and called recent elsewhere: check the date",
                    related=[Related(a.start, a.end, "the event dated here"), Related(b.start, b.end, "the same event, called recent")],
                    severity=Severity.warning if article_year is not None else Severity.info,
                )
                return


RULES = [FigureContradiction, WeekdayDate, EventYearDrift]
