"""Internal consistency of dates and ages: weekdays that do not fit their date, one event dated
to two moments, ages that disagree with a birth year or with each other (NL802, NL803, NL806)."""
from __future__ import annotations

import calendar
import datetime
import re
from typing import Iterator

from ..document import Document
from ..finding import Finding, Related, Severity
from ..quantities import (
    DATE,
    WEEKDAY_DATE,
    WEEKDAYS,
    YEAR,
    article_year,
    counts,
    month_number,
    weekday_number,
    add_keywords,
    hits_of,
)
from ..rule import Context, Rule
from .consistency import count_classes, entities, fmt_amount, sentence_span


_WEEKDAY_WORDS = add_keywords(set(WEEKDAYS) | {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"})


class WeekdayDate(Rule):
    """A weekday that does not match its date: "Monday, January 12, 2025" (January 12, 2025 was a
    Sunday). With no year beside the date, the article's own date (an Updated stamp or a dated
    dateline) and the years the article mentions are used, and there is no finding if the
    weekday fits any of them or the year either side; with no year at all, nothing is said.

    Bad:
        The president spoke on Monday, January 12, 2025, in Kyiv.
        ---
        In 2025 the talks resumed. They met on Wednesday, March 3, in Geneva.
    Good:
        The president spoke on Sunday, January 12, 2025, in Kyiv.
        ---
        The talks resume on Monday, March 3, the ministry said.
        ---
        Zelenskyy spoke on Sunday, 12 January 2025, in Kyiv.
    """

    code = "NL802"
    name = "weekday-date"
    category = "consistency"
    severity = Severity.warning
    summary = "A weekday that does not fall on the date given"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        from ..packs import word_table

        prose = doc.prose
        t = word_table(doc)
        hits = hits_of(doc, _WEEKDAY_WORDS)
        if not hits:
            return
        years = None
        for i in hits:
            m = WEEKDAY_DATE.match(prose, t.starts[i])
            if not m:
                continue
            wd = weekday_number(m.group("wd"))
            month = month_number(m.group("month") or m.group("month2"))
            day = int(m.group("day") or m.group("day2"))
            if m.group("year"):
                candidates = [int(m.group("year"))]
                strict = True
            else:
                if years is None:
                    found = {int(y) for y in YEAR.findall(prose)}
                    ay = article_year(doc)
                    if ay:
                        found.add(ay)
                    years = sorted(found)
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
            wd_name = calendar.day_name[wd]
            if strict:
                try:
                    actual = calendar.day_name[datetime.date(candidates[0], month, day).weekday()]
                except ValueError:
                    yield self.finding(m.start(), m.end(), f"'{doc.text[m.start():m.end()]}' is not a date")
                    continue
                msg = f"{calendar.month_name[month]} {day}, {candidates[0]} was a {actual}, not a {wd_name}"
            else:
                msg = f"{wd_name} does not fall on {calendar.month_name[month]} {day} in {', '.join(map(str, years))} or the years either side"
            yield self.finding(m.start(), m.end(), msg)


_RECENT = re.compile(r"\brecent(?:ly)?\b|\bin recent (?:days|weeks)\b|\bthis (?:week|month)\b|\blast (?:week|month)\b", re.I)
_RECENT_WORDS = add_keywords(("recent", "recently", "week", "month"))
_DATED = re.compile(r"\bin\s+(?:(?:early|mid|late|mid-)\s*)?(?P<year>(?:19|20)\d\d)\b", re.I)


class EventYearDrift(Rule):
    """The same event placed in a past year in one place and called recent in another: "sent an
    additional 3,000 soldiers to Russia in early 2023" and, later, "dispatched at least 3,000
    additional soldiers to Russia recently". The event is the same increment (same figure, same
    counted thing) tied to the same named actors. One of the two placements must be wrong unless
    the article was written in that year: when the article states its own date (an Updated stamp
    or a dated dateline) and it is that year, there is no finding; when it states a later year,
    the dated statement is reported as a warning; with no date of its own, as info.

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
        incs = [c for c in counts(doc, count_classes(ctx)) if c.increment]
        if len(incs) < 2 or not hits_of(doc, _RECENT_WORDS):
            return
        prose = doc.prose
        if not _DATED.search(prose):
            return
        ay = article_year(doc)
        for a in incs:
            as_, ae = sentence_span(doc, a.start)
            dated = _DATED.search(prose, as_, ae)
            if not dated:
                continue
            year = int(dated.group("year"))
            if ay is not None and ay <= year:
                continue
            for b in incs:
                if b is a or b.cls != a.cls or b.value != a.value:
                    continue
                bs, be = sentence_span(doc, b.start)
                if bs == as_ or not _RECENT.search(prose, bs, be) or _DATED.search(prose, bs, be):
                    continue
                if not (entities(prose[as_:ae]) & entities(prose[bs:be])):
                    continue
                when = f"the article is dated {ay}" if ay else "one of the two must be wrong"
                yield self.finding(
                    dated.start(),
                    dated.end(),
                    f"The same {fmt_amount(a.value)} additional {a.noun} are placed '{dated.group()}' here and called recent elsewhere ({when}): check the date",
                    related=[Related(a.start, a.end, "the event dated here"), Related(b.start, b.end, "the same event, called recent")],
                    severity=Severity.warning if ay is not None else Severity.info,
                )
                return


# --- ages -------------------------------------------------------------------------------------
_NAME = r"(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|de|van|von|bin|al))*\s+[A-Z][\w’'-]+)"
_AGE_APPOS = re.compile(_NAME + r",\s+(?P<age>\d{1,3}),\s+(?!(?:19|20)\d\d)")
_AGE_COMMA = re.compile(r", (\d{1,3}), (?!(?:19|20)\d\d)")
_AGE_ADJ = re.compile(r"(?<![\w-])(?P<then>then-|former\s+)?(?P<age>\d{1,3})-year-old(?:\s+(?:[a-z]+\s+){0,3}?" + _NAME + r")?")
_BORN = re.compile(
    r"\bborn\s+(?:on\s+|in\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(?:\d{1,2},?\s+)?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?P<year>(?:19|20)\d\d)\b|\(b\.\s*(?P<year2>(?:19|20)\d\d)\)|\((?:born\s+)?(?P<year3>(?:19|20)\d\d)\s*[-–]\s*\)"
)
_NOT_NAMES = frozenset(MONTH.capitalize() for MONTH in (
    "january february march april may june july august september october november december".split()))
_AGE_TIMED = re.compile(r"\b(?:when|at the time|at the age|aged|then|(?<!born )in (?:19|20)\d\d|until|before|after)\b", re.I)


def _person(name: str) -> str:
    words = name.split()
    return f"{words[0]} {words[-1]}"


class AgeMismatch(Rule):
    """An age that disagrees with a birth year or with another age given for the same person:
    "Maria Lopez, 45, ... Lopez, who was born in 1990, ..." in an article dated 2025, or "Maria
    Lopez, 45," and later "the 47-year-old Maria Lopez". The birth-year check needs the article's
    own date (an Updated stamp or dated dateline) or explicit full dates in the text (a year
    either way is allowed). Ages tied to another time ("when she was 20", "then-45-year-old") are
    left alone.

    Bad:
        Published June 3, 2025. Maria Lopez, 45, was born in 1990 in Seville.
        ---
        Maria Lopez, 45, runs the clinic. The 47-year-old Maria Lopez founded it.
    Good:
        Published June 3, 2025. Maria Lopez, 35, was born in 1990 in Seville.
        ---
        Maria Lopez, 45, runs the clinic. She founded it when she was 30.
    """

    code = "NL806"
    name = "age-mismatch"
    category = "consistency"
    severity = Severity.warning
    summary = "An age that disagrees with a birth year or another age for the same person"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        commas = [c.start() for c in _AGE_COMMA.finditer(prose) if prose[c.start() - 1].isalpha()]
        if "year-old" not in prose and not commas:
            return
        ages: list[tuple[str, int, int, int]] = []  # surname, age, start, end
        for c in commas:
            m = _AGE_APPOS.search(prose, max(0, c - 60), c + 12)
            if not m or m.start("age") != c + 2:
                continue
            name = m.group("name")
            if name.split()[0] in _NOT_NAMES or name.split()[-1] in _NOT_NAMES:
                continue
            age = int(m.group("age"))
            if 0 < age < 120:
                ages.append((_person(name), age, m.start("name"), m.end("age")))
        i = prose.find("-year-old")
        adj = []
        while i != -1:
            m = _AGE_ADJ.search(prose, max(0, i - 10), i + 80)
            if m and m.start("age") < i <= m.end("age"):
                adj.append(m)
            i = prose.find("-year-old", i + 1)
        for m in adj:
            if m.group("then"):
                continue
            s, e = sentence_span(doc, m.start())
            if _AGE_TIMED.search(prose, s, e):
                continue
            # "the 30-year-old, who was born in 1990": nameless, tied to its own sentence
            who = _person(m.group("name")) if m.group("name") else f"the {m.group('age')}-year-old@{s}"
            ages.append((who, int(m.group("age")), m.start(), m.end()))
        if not ages:
            return
        ages.sort(key=lambda x: x[2])
        reported = set()
        # two ages for one person
        for i, (sn, age, s, e) in enumerate(ages):
            for sn2, age2, s2, e2 in ages[i + 1:]:
                if sn2 == sn and age2 != age and (s2, e2) not in reported:
                    yield self.finding(
                        s2, e2, f"{sn} is {age2} here but {age} elsewhere in the article",
                        related=[Related(s, e, f"{sn} is {age} here")],
                    )
                    reported.add((s2, e2))
        # age against birth year
        years = self._years(doc, prose)
        if not years:
            return
        for b in _BORN.finditer(prose):
            by = int(b.group("year") or b.group("year2") or b.group("year3"))
            bs, be = sentence_span(doc, b.start())
            if _AGE_TIMED.search(prose, bs, b.start()):
                continue
            sentence_names = {w for w in re.findall(r"[A-Z][\w’'-]+", prose[bs:be])}
            people = {sn for sn, _, s, _ in ages if bs <= s < be} or {sn for sn, _, _, _ in ages if sn.split()[-1] in sentence_names}
            if len(people) != 1:
                continue  # nobody, or more than one person it could be
            for sn, age, s, e in ages:
                if sn not in people or (s, e) in reported:
                    continue
                allowed = {y - by - d for y in years for d in (0, 1)}
                if age not in allowed:
                    yield self.finding(
                        s, e,
                        (f"A {age}-year-old born in {by} would be {'/'.join(map(str, sorted(allowed)))} in {'/'.join(map(str, sorted(years)))}"
                         if "@" in sn else
                         f"{sn} is {age} here, but born in {by} makes {'/'.join(map(str, sorted(allowed)))} in {'/'.join(map(str, sorted(years)))}"),
                        related=[Related(b.start(), b.end(), f"born in {by}")],
                    )
                    reported.add((s, e))

    @staticmethod
    def _years(doc: Document, prose: str) -> set[int]:
        ay = article_year(doc)
        if ay:
            return {ay}
        found = set()
        for m in DATE.finditer(prose):
            if prose[max(0, m.start() - 8):m.start()].lower().rstrip().endswith(("born", "born on")):
                continue
            found.add(int(m.group("year") or m.group("year2")))
        if not found:
            return set()
        return found | {max(found) + 1}



RULES = [WeekdayDate, EventYearDrift, AgeMismatch]
