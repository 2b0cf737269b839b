"""Internal consistency of dates and ages: weekdays that do not fit their date, one event dated
to two moments, ages that disagree with a birth year or with each other (NL802, NL803, NL806)."""
from __future__ import annotations

import datetime
import re
from typing import Iterator

from .. import rx
from ..analysis.dates import (
    DATE, FULL_DATE, MONTHS, MONTH_YEAR, WEEKDAY_DATE, WEEKDAYS, YEAR, article_date, full_date, own_year, month_number,
    weekday_number,
)
from ..analysis.keywords import add_keywords, hits_of
from ..analysis.quantities import COUNT_CLASSES, NUMBER_WORDS, counts, fmt_amount
from ..analysis.statements import entities, sentence_span
from ..analysis.words import word_table
from ..document import Document, offsets_of
from ..finding import Finding, Related, Severity
from ..rule import Context, Rule, WordList


# English names, whatever the locale (calendar's follow it): index 0 is Monday; month 1 is January
_DAY_NAME = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAME = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
_WEEKDAY_WORDS = add_keywords(set(WEEKDAYS) | {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"})


class WeekdayDate(Rule):
    """A weekday that does not match its date: "Monday, January 12, 2025" (January 12, 2025 was a
    Sunday). With no year beside the date, the article's own date (an Updated stamp or a dated
    dateline) and the years it dates things in (a full date, a month and year, "in 2025") are used, and there is no finding if the
    weekday fits any of them or the year either side; with no year at all, nothing is said. When
    the article gives its own full date (a stamp, a dateline, a line under the byline that is only
    a date), a year either side counts only when the date falls there within ten months of it:
    "Friday, 13 February" in a story of 19 February 2025 is not 13 February 2026.

    Bad:
        The president spoke on Monday, January 12, 2025, in Kyiv.
        ---
        In 2025 the talks resumed. They met on Wednesday, March 3, in Geneva.
        ---
        Published: Wednesday, 19 February 2025. The fire started on Friday, 13 February, beside a road.
        ---
        Published March 14, 2025. The figures came out on Monday (March 4).
    Good:
        The president spoke on Sunday, January 12, 2025, in Kyiv.
        ---
        The talks resume on Monday, March 3, the ministry said.
        ---
        Zelenskyy spoke on Sunday, 12 January 2025, in Kyiv.
        ---
        Her 2009 Toyota was stolen between Monday, Oct. 14, and Sunday, Oct. 20.
        ---
        Published: Wednesday, 19 February 2025. The fire started on Thursday, 13 February, beside a road.
        ---
        Published December 30, 2025. The law takes effect on Monday, January 5.
    """

    code = "NL802"
    name = "weekday-date"
    category = "consistency"
    severity = Severity.warning
    summary = "A weekday that does not fall on the date given"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        t = word_table(doc)
        hits = hits_of(doc, _WEEKDAY_WORDS)
        if not hits:
            return
        years = None
        own = None
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
                    # the years the article dates things in (a full date, a month and year, "in
                    # 2025"), not every year it names: "her 2009 Toyota" says nothing of this week
                    found = {int(d.group("year") or d.group("year2")) for d in DATE.finditer(prose)}
                    found.update(int(d.group("year")) for d in MONTH_YEAR.finditer(prose))
                    found.update(int(d.group("year")) for d in _DATED.finditer(prose))
                    ay = own_year(doc)
                    if ay:
                        found.add(ay)
                    years = sorted(found)
                    own = article_date(doc)
                if not years:
                    continue
                candidates = _candidate_years(years, month, day, own)
                if own and len(candidates) > 1 and _near_own(doc, prose, m.start(), month, day, own[0]):
                    candidates = [own[0].year]
                strict = False
            fits = []
            for y in candidates:
                try:
                    fits.append(datetime.date(y, month, day).weekday() == wd)
                except ValueError:
                    fits.append(False)
            if any(fits):
                continue
            wd_name = _DAY_NAME[wd]
            if strict:
                try:
                    actual = _DAY_NAME[datetime.date(candidates[0], month, day).weekday()]
                except ValueError:
                    yield self.finding(m.start(), m.end(), f"'{doc.text[m.start():m.end()]}' is not a date")
                    continue
                msg = f"{_MONTH_NAME[month]} {day}, {candidates[0]} was a {actual}, not a {wd_name}"
            elif own and candidates == [own[0].year]:
                actual = _DAY_NAME[datetime.date(own[0].year, month, day).weekday()]
                msg = (f"{_MONTH_NAME[month]} {day}, {own[0].year} (the year of the article's date) was a {actual}, "
                       f"not a {wd_name}")
                yield self.finding(m.start(), m.end(), msg, related=[
                    Related(own[1], own[2], f"the article's date, {own[0].day} {_MONTH_NAME[own[0].month]} {own[0].year}")])
                continue
            else:
                msg = f"{wd_name} does not fall on {_MONTH_NAME[month]} {day} in {', '.join(map(str, years))} or the years either side"
            yield self.finding(m.start(), m.end(), msg)


#: how far from the article's own date a yearless date may fall in the year before or after it
_NEIGHBOUR_DAYS = 300


def _candidate_years(years: list[int], month: int, day: int, own) -> list[int]:
    """The years a yearless "Friday, 13 February" may be in: each year the article dates things in
    and the years either side. With the article's own full date known, a year either side of its
    year counts only when the date falls there within about ten months of the article's date (a
    story of 19 February 2025 does not mean 13 February 2026 by "Friday, 13 February")."""
    out = set()
    for y in years:
        for d in (-1, 0, 1):
            out.add(y + d)
    if own:
        ad = own[0]
        for c in (ad.year - 1, ad.year + 1):
            if c in out and c not in years:
                try:
                    far = abs((datetime.date(c, month, day) - ad).days) > _NEIGHBOUR_DAYS
                except ValueError:
                    far = True
                if far:
                    out.discard(c)
    return sorted(out)


def _near_own(doc: Document, prose: str, at: int, month: int, day: int, own: datetime.date) -> bool:
    """Whether a yearless date at ``at`` is one of the weeks around the article's own date, told
    where no other year is in sight (its sentence and the one before): then it is in that year,
    whatever older years the article tells of ("his funeral is on Wednesday (April 17)" in an
    obituary of April 14, 2025 that goes back to 1940)."""
    try:
        if abs((datetime.date(own.year, month, day) - own).days) > 45:
            return False
    except ValueError:
        return False
    s, e = sentence_span(doc, at)
    i = doc.sentence_index(at)
    if i > 0:
        s = min(s, doc.sentences[i - 1].start)
    return all(int(y) == own.year for y in YEAR.findall(prose, s, e))


_RECENT = rx.compile(r"\brecent(?:ly)?\b|\bin recent (?:days|weeks)\b|\bthis (?:week|month)\b|\blast (?:week|month)\b", re.I)
_RECENT_WORDS = add_keywords(("recent", "recently", "week", "month"))
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
# "in 2023", "in early 2023" (the year only), "in March 2024" (a month of that year)
_DATED = rx.compile(
    rf"\bin\s+(?:(?:early|mid|late|mid-)\s*)?(?:(?P<month>{_MONTH_NAMES})\s+)?(?P<year>(?:19|20)\d\d)\b", re.I
)
# a clause boundary between a figure and a date: the date may belong to something else
_CLAUSE_BREAK = rx.compile(
    r"[;:()\"“”]|\b(?:which|who|whose|where|when|while|after|before|since|following|until|as|than|because|"
    r"compared|against|whereas)\b",
    re.I,
)
# the same increment told twice on purpose, or a different moment: "again", "a second", "will"
_REPEATED = rx.compile(
    r"(?i:\b(?:again|also|too|as well|once more|second|third|fourth|twice|another round|new round|each|every|annual(?:ly)?|"
    r"yearly|repeat\w*|similar(?:ly)?|same number|likewise|previous(?:ly)?|earlier|first|next|later|rotat\w+|"
    r"replac\w+|reliev\w+|will|would|could|might|plans?|planned|expected|due|set to|scheduled|until|since|through)\b)"
    rf"|\bmay\b|\b(?i:by)\s+(?:the\s+end\s+of\s+|mid|early|late|{_MONTH_NAMES}|(?:19|20)\d\d)"
)


# --- a relative time ("last week") and a full date a year away from the article's date -------
_REL_WORDS = add_keywords(("week", "week's", "month", "month's", "year", "year's", "yesterday", "yesterday's",
                           "recently", "ago"))
_REL = (r"(?P<rel>(?:(?:earlier|later)\s+)?this\s+(?:week|month|year)|(?:last|past)\s+(?:week|month|year)"
        r"|yesterday|recently|(?:a|one)\s+week\s+ago|(?:a\s+few|two|three|several|\d)\s+days\s+ago)")
_MONTH_YEAR_AT = rf"(?P<mmonth>{_MONTH_NAMES})\s+(?P<myear>(?:19|20)\d\d)\b"
# "last week, on 14 May 2024", "earlier this year (in March 2024)": the date is the relative
# time's own; "Last week's meeting ..., held in Abuja on 14 May 2024": the date of the event the
# relative time is the day of
_REL_DATED = rx.compile(
    rf"(?i:{_REL})\b(?:,?\s*[(–—-]?\s*(?:on\s+|in\s+)?(?:{FULL_DATE.pattern}|{_MONTH_YEAR_AT})"
    rf"|['’]s\s+(?P<noun>[a-z]+)\b(?P<mid>[^.;:()!?\n\d]{{0,100}}?),?\s+"
    rf"(?:held|signed|published|released|issued|announced|staged|convened|made|approved|passed|unveiled|tabled)\s+"
    rf"(?:(?:in|at)\s+[^.;:()!?\n\d,]{{1,40}}?\s+)?on\s+{FULL_DATE.pattern.replace('?P<', '?P<b')})"
)
_DAY = datetime.timedelta(days=1)


def _window(rel: str, own: datetime.date) -> tuple[datetime.date, datetime.date] | int:
    """The days a relative time allows in an article of the date ``own`` (generous at both ends),
    or the one year it names ("this year", "last year")."""
    r = " ".join(rel.lower().split())
    if r.endswith("year"):
        return own.year - 1 if r.startswith(("last", "past")) else own.year
    if r.startswith("yesterday"):
        return own - 3 * _DAY, own
    if r.endswith("ago"):
        return own - 21 * _DAY, own
    if r.endswith("week"):
        if r.startswith(("last", "past")):
            return own - 16 * _DAY, own
        return own - 9 * _DAY, own + 9 * _DAY
    if r.endswith("month"):
        if r.startswith(("last", "past")):
            return own - 65 * _DAY, own
        return own - 35 * _DAY, own + 35 * _DAY
    return own - 180 * _DAY, own  # recently


def _relative_dates(rule: Rule, doc: Document) -> Iterator[Finding]:
    """A relative time ("last week", "earlier this year") given with a full date whose year is one
    off the article's own date, where the same day in the article's year would fit: "a meeting
    held last week, on 14 May 2024" in a story of 20 May 2025."""
    hits = hits_of(doc, _REL_WORDS)
    if not hits or _MONTH_WORDS.isdisjoint(word_table(doc).vocabulary):
        return  # no full date to set against "last week"
    own = article_date(doc)
    ay = own[0].year if own else own_year(doc)
    if ay is None:
        return
    prose = doc.prose
    t = word_table(doc)
    done = -1
    for i in hits:
        for j in range(max(0, i - 2), i + 1):
            if t.starts[j] < done:
                continue
            m = _REL_DATED.match(prose, t.starts[j])
            if m:
                break
        else:
            continue
        done = m.end()
        if m.group("noun") and _CLAUSE_BREAK.search(m.group("mid")):
            continue
        rel = m.group("rel")
        if m.group("myear"):
            year, month, day, date_span = int(m.group("myear")), month_number(m.group("mmonth")), None, m.span("mmonth")
            date_span = (date_span[0], m.end("myear"))
        else:
            p = "b" if m.group("noun") else ""
            try:
                month = month_number(m.group(p + "month") or m.group(p + "month2"))
                day = int(m.group(p + "day") or m.group(p + "day2"))
                year = int(m.group(p + "year"))
                datetime.date(year, month, day)
            except ValueError:
                continue
            date_span = ((m.start(p + "wd") if m.group(p + "wd") else min(x for x in (m.start(p + "month"), m.start(p + "day2")) if x >= 0)), m.end(p + "year"))
        s, e = sentence_span(doc, m.start())
        if len(YEAR.findall(prose, s, e)) != 1:
            continue  # another year in the sentence: a comparison, or two events
        win = _window(rel, own[0]) if own else (_window(rel, datetime.date(ay, 7, 1)) if rel.lower().endswith("year") else None)
        if win is None:
            continue
        if isinstance(win, int):
            if year == win or abs(year - win) != 1:
                continue
            fits = f"{rel.lower()} is {win}"
        else:
            if day is None:
                continue  # a month and year against a span of days: too loose to judge
            lo, hi = win
            if lo <= datetime.date(year, month, day) <= hi:
                continue
            shifted = []
            for y in (year - 1, year + 1):
                try:
                    shifted.append(lo <= datetime.date(y, month, day) <= hi)
                except ValueError:
                    shifted.append(False)
            if not any(shifted):
                continue  # not a year off: another matter (a late report, a wrong month)
            fits = f"{day} {_MONTH_NAME[month]} {year + (1 if shifted[1] else -1)} would be {rel.lower()}"
        said = doc.text[date_span[0]:date_span[1]]
        rel_said = doc.text[m.start("rel"):m.end("rel")]
        if own:
            d = own[0]
            related = [Related(own[1], own[2], f"the article's date, {d.day} {_MONTH_NAME[d.month]} {d.year}")]
            dated = f"{d.day} {_MONTH_NAME[d.month]} {d.year}"
        else:
            related = []
            dated = str(ay)
        related.append(Related(m.start("rel"), m.end("rel"), f"'{rel_said}'"))
        yield rule.finding(
            date_span[0], date_span[1],
            f"'{rel_said}' in an article dated {dated}, but dated '{said}' ({fits}): check the year",
            related=related,
        )


# --- one deal closing on two dates ------------------------------------------------------------
_DEAL_NOUNS = ("deal", "acquisition", "merger", "takeover", "transaction", "purchase", "buyout", "sale")
_DEAL_WORDS = add_keywords(_DEAL_NOUNS)
_CLOSE_VERB = r"(?:close[sd]?|closing|complete[sd]?|completing|finali[sz](?:e[sd]?|ing))"
# "The deal is expected to close by June 14", "when the deal completes on June 17", "the
# acquisition, which is due to be completed on 3 March", "completion of the merger on 3 March"
_DEAL_DATE = rx.compile(
    r"(?:\b(?P<det>[Tt]he|[Tt]his|[Ii]ts|[Tt]heir)\s+(?P<mods>(?:[A-Z][\w’'&.-]*\s+){0,2})(?P<noun>"
    + "|".join(_DEAL_NOUNS) + r")\b,?\s+(?:which\s+)?(?:(?:is|was|will|would|should|could|has|had)\s+(?:now\s+)?)?"
    r"(?:(?:expected|due|scheduled|set|slated|likely|on\s+track|poised)\s+to\s+)?(?:be\s+|been\s+)?"
    + _CLOSE_VERB + r"|\b(?:completion|closing)\s+of\s+(?P<det2>the|this|its)\s+(?P<noun2>" + "|".join(_DEAL_NOUNS)
    + r")\b(?:\s+(?:is|was)\s+(?:expected|due|scheduled|set)(?:\s+to\s+(?:take\s+place|happen))?)?)"
    r"\s+(?P<prep>on|by|before)\s+(?P<date>"
    rf"(?:(?P<month>{_MON})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?:the\s+)?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MON}))"
    r"(?![a-z])(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?)"
)
# the closing date changed in the text, or two parts of one deal: two dates are then no contradiction
_DEAL_UPDATED = rx.compile(
    r"(?i:\b(?:postpon\w*|delay\w*|push(?:ed|es)?\s+back|extend\w*|extension|reschedul\w*|brought\s+forward|"
    r"moved\s+(?:back|up)|revis\w+|originally|initially|previously|earlier\s+(?:expected|planned|scheduled)|"
    r"instead|now\s+expected|no\s+longer|tranche|phase|first\s+(?:part|stage|step)|second\s+(?:part|stage|step)|"
    r"long-stop|longstop|deadline)\b)"
)


def _two_closings(rule: Rule, doc: Document) -> Iterator[Finding]:
    """One deal given two closing dates: "The deal is expected to close by June 14" and later
    "when the deal completes on June 17" (or "on June 14" and "on June 17"). Left alone when the
    article tells of a change of date or of parts of the deal, when the dates name different
    years, and when the two mentions name different deals ("the Kettla deal", "the Brno deal")."""
    hits = hits_of(doc, _DEAL_WORDS)
    if len(hits) < 2:
        return
    prose = doc.prose
    t = word_table(doc)
    found: dict[str, list[tuple[re.Match, datetime.date | None, tuple[int, int]]]] = {}
    for i in hits:
        for j in range(max(0, i - 3), i + 1):
            m = _DEAL_DATE.match(prose, t.starts[j])
            if m and (m.start("noun") if m.group("noun") else m.start("noun2")) == t.starts[i]:
                break
        else:
            continue
        noun = (m.group("noun") or m.group("noun2")).lower()
        key = (month_number(m.group("month") or m.group("month2")), int(m.group("day") or m.group("day2")))
        found.setdefault(noun, []).append((m, int(m.group("year")) if m.group("year") else None, key))
    for noun, ms in found.items():
        if len(ms) != 2 or ms[0][2] == ms[1][2]:
            continue  # one date, or three and more mentions: leave them
        (a, ya, ka), (b, yb, kb) = ms
        if ya and yb and ya != yb:
            continue
        if (a.group("mods") or "").split() != (b.group("mods") or "").split():
            continue  # "the Kettla deal", "the deal": perhaps two deals
        pa, pb = a.group("prep").lower(), b.group("prep").lower()
        if pa != "on" and pb != "on":
            continue  # two deadlines: both may hold
        # "by June 14" and "on June 10": the day is before the deadline, no contradiction
        if pa != "on" and kb <= ka or pb != "on" and ka <= kb:
            continue
        if _DEAL_UPDATED.search(prose):
            return
        if any(_REPEATED_DEAL.search(prose, *sentence_span(doc, x.start())) for x in (a, b)):
            continue
        da, db = a.group("date"), b.group("date")
        yield rule.finding(
            b.start("date"), b.end("date"),
            f"The {noun} closes {pb} {db} here, but {pa} {da} earlier in the article: check which date is right",
            related=[Related(a.start("date"), a.end("date"), f"the {noun} closing {pa} {da}")],
        )


# a sentence that tells of another deal or of a repeat: "a similar deal", "last year's deal"
_REPEATED_DEAL = rx.compile(r"(?i:\b(?:similar|another|previous|earlier|last\s+year|rival|separate|other|each|every)\b)")


_TRANCHE = rx.compile(r"\b(?:[Aa]nother|[Ff]urther)\b")


def _date_key(m: re.Match) -> tuple[int, int | None]:
    return int(m.group("year")), (month_number(m.group("month")) if m.group("month") else None)


class EventYearDrift(Rule):
    """The same event placed at two different times: in a past year in one place and called
    recent in another ("sent an additional 3,000 soldiers to Russia in early 2023" and, later,
    "dispatched at least 3,000 additional soldiers to Russia recently"), or in two different
    years or months ("in 2023" and "in 2024", "in March 2024" and "in May 2024"; "in early 2023"
    counts as the year only). The event is the same increment (same figure, same counted thing)
    tied to the same named actors.

    Past against recent: one of the two placements must be wrong unless the article was written
    in that year. When the article states its own date (an Updated stamp or a dated dateline) and
    it is that year, there is no finding; when it states a later year, the dated statement is
    reported as a warning; with no date of its own, as info.

    Two dates: the date that disagrees with the article's own date is reported (else the later
    mention), with the other dated statement related. Each date must be the only one in its
    sentence and belong to the figure's clause; sentences that tell of a repeat or a plan ("again",
    "a second", "every year", "will") and figures dated three or more ways are left alone.

    A relative time against a full date: "last week", "last month", "this year", "recently" given
    with a full date whose year is one off the article's own date, where the same day in the
    article's year would fit ("a meeting held last week, on 14 May 2024" in a story of 20 May
    2025). One deal given two closing dates ("expected to close by June 14", "when the deal
    completes on June 17"): not when the article tells of a change of date, or of parts of it.

    Bad:
        Seoul said the North sent an additional 3,000 soldiers to Russia in early 2023. The military confirmed the North dispatched at least 3,000 additional soldiers to Russia recently.
        ---
        Chad sent an additional 1,000 soldiers to Niger in 2023, the army said. In 2024, Chad sent 1,000 additional troops to Niger, officials said.
        ---
        Chad sent an additional 1,000 soldiers to Niger in March 2024, the army said. Chad sent 1,000 additional troops to Niger in May 2024, officials said.
        ---
        Published: Tuesday, 20 May 2025. Last week's meeting with the regulator, held in Abuja on 14 May 2024, ended without agreement.
        ---
        The deal is expected to close by June 14, the company said. Its chief will join the board when the deal completes on June 17.
    Good:
        Seoul said the North sent an additional 3,000 soldiers to Russia in early 2023. The military confirmed the North dispatched 2,000 additional soldiers to Russia recently.
        ---
        Chad sent an additional 1,000 soldiers to Niger in March 2024, the army said. In 2024, Chad sent 1,000 additional troops to Niger, officials said.
        ---
        Chad sent an additional 1,000 soldiers to Niger in 2023, the army said. Chad sent 1,000 additional troops to Niger again in 2024.
        ---
        Published: Tuesday, 20 May 2025. Last week's meeting with the regulator, held in Abuja on 14 May, ended without agreement.
        ---
        The deal, first expected to close by June 14, was delayed. Its chief will join the board when the deal completes on June 17.
    """

    code = "NL803"
    name = "event-year-drift"
    category = "consistency"
    severity = Severity.warning
    summary = "One event dated two ways: two years or months, or a past year and 'recently'"
    lists = {"consistency.count-classes": COUNT_CLASSES}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        yield from _relative_dates(self, doc)
        yield from _two_closings(self, doc)
        incs = [c for c in counts(doc, ctx) if c.increment]
        if len(incs) < 2:
            return
        prose = doc.prose
        if not _DATED.search(prose):
            return
        if hits_of(doc, _RECENT_WORDS):
            yield from self._recent(doc, prose, incs)
        yield from self._two_dates(doc, prose, incs)

    def _recent(self, doc: Document, prose: str, incs: list) -> Iterator[Finding]:
        ay = own_year(doc)
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

    @staticmethod
    def _own_date(doc: Document, prose: str, q) -> re.Match | None:
        """The one date of a figure's sentence, when it belongs to the figure's clause and the
        sentence neither repeats an event nor names another year."""
        s, e = sentence_span(doc, q.start)
        found = list(_DATED.finditer(prose, s, e))
        if len(found) != 1:
            return None
        d = found[0]
        between = prose[q.end:d.start()] if d.start() >= q.end else prose[d.end():q.start]
        if len(between) > 120 or _CLAUSE_BREAK.search(between) or _REPEATED.search(prose, s, e):
            return None
        if any(int(y) != int(d.group("year")) for y in YEAR.findall(prose, s, e)):
            return None
        return d

    def _two_dates(self, doc: Document, prose: str, incs: list) -> Iterator[Finding]:
        # "another 1,000", "a further 1,000": a new tranche like the last one, not the same one retold
        dated = [(q, d) for q in incs if not _TRANCHE.search(doc.text, q.start, q.end)
                 for d in [self._own_date(doc, prose, q)] if d]
        if len(dated) < 2:
            return
        groups: dict[tuple[str, float], list] = {}
        for q, d in dated:
            groups.setdefault((q.cls, q.value), []).append((q, d))
        ay = own_year(doc)
        for (cls, value), items in groups.items():
            keys = {_date_key(d) for _, d in items}
            with_month = {y for y, m in keys if m}
            keys = {(y, m) for y, m in keys if m or y not in with_month}  # "in 2024" fits "in May 2024"
            if len(keys) != 2:
                continue  # one moment restated, or three or more: a series, not a slip
            first = next(it for it in items if _date_key(it[1]) in keys)
            second = None
            k1 = _date_key(first[1])
            for q, d in items[items.index(first) + 1:]:
                k = _date_key(d)
                if k in keys and k != k1 and sentence_span(doc, q.start) != sentence_span(doc, first[0].start):
                    second = (q, d)
                    break
            if second is None:
                continue
            (a, da), (b, db) = first, second
            sa, sb = sentence_span(doc, a.start), sentence_span(doc, b.start)
            if not (entities(prose[sa[0]:sa[1]]) & entities(prose[sb[0]:sb[1]])):
                continue
            ya, yb = int(da.group("year")), int(db.group("year"))
            report, other = (b, db), (a, da)  # the later mention, unless the article's year says otherwise
            if ay is not None and ya != yb:
                if ya != ay and (yb == ay or ya > ay >= yb):
                    report, other = (a, da), (b, db)
            (rq, rd), (oq, od) = report, other
            why = f" (the article is dated {ay})" if ay is not None and int(rd.group("year")) != ay and int(od.group("year")) == ay else ""
            yield self.finding(
                rd.start(),
                rd.end(),
                f"The same {fmt_amount(value)} additional {rq.noun} are placed '{rd.group()}' here and '{od.group()}' elsewhere{why}: check the date",
                related=[
                    Related(od.start(), od.end(), f"the same event, placed '{od.group()}'"),
                    Related(rq.start, rq.end, "the figure dated here"),
                    Related(oq.start, oq.end, "the same figure, dated elsewhere"),
                ],
            )


# --- weekdays against dates of one event -----------------------------------------------------
_WD_FULL = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTH_ANY = rf"(?:{_MONTH_NAMES}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
# a calendar date without a weekday: "September 21", "21 September", "Sept. 21, 2025"
_CAL = (
    rf"(?:(?P<{{p}}month>{_MONTH_ANY})\s+(?P<{{p}}day>\d{{{{1,2}}}})(?:st|nd|rd|th)?"
    rf"|(?P<{{p}}day2>\d{{{{1,2}}}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<{{p}}month2>{_MONTH_ANY})(?![a-z]))"
    rf"(?:,?\s+(?P<{{p}}year>(?:19|20)\d\d)\b)?"
)
# words that cannot sit between a possessive weekday or a date and the event noun
_EV_STOP = (
    "of|to|in|on|at|by|for|from|with|and|or|but|the|a|an|that|which|who|was|were|is|are|be|been|has|have|had|"
    "will|would|its|their|his|her|after|before|as|than|this|these|those|said|says|when|where"
)
# nouns after the event noun that make it a modifier ("election campaign", "match report")
_EV_HEAD_AFTER = (
    "results?|tally|count|officials?|authorities|commission|campaign|campaigners|workers|organi[sz]ers?|team|site|"
    "scene|toll|victims?|day|night|date|season|schedule|report|ticket|rules?|laws?|eve|preparations|coverage|"
    "venue|crowd|security|turnout|deadline|calendar|bill|plan|survey|rounds?|stage|whistle|scores?|week|weekend|"
    "figures?|statement|warnings?|alerts?|watch|station|brigade|service|crews?|alarm|defen[cs]es|barriers?"
)
# a sentence that compares occurrences of an event: "last", "previous", "next", "first"
_OCCURRENCES = rx.compile(
    r"(?i:\b(?:last|previous(?:ly)?|next|first|second|third|earlier|prior|upcoming|coming|following|former|past|"
    r"another|other|each|every|annual|since|again|repeat\w*|rescheduled|postponed|delayed|moved)\b)"
)
_EVENT_WEEKDAY_WORDS = add_keywords(set(WEEKDAYS) | {f"{w}'s" for w in WEEKDAYS})
_VERB_ON = r"(?:,\s*|\s+)(?:(?:was|were|is|are|will\s+be|had\s+been|has\s+been)\s+)?(?:(?P<held>held|staged|called|set|scheduled|planned|due)\s+)?"


def _event_patterns(nouns: list[str]) -> tuple[re.Pattern, re.Pattern]:
    noun = "|".join(sorted((re.escape(n) for n in nouns), key=len, reverse=True))
    mods = rf"(?P<mods>(?:(?!(?:{_EV_STOP}|{_WD_FULL})\b)[A-Za-z][\w’'-]*\s+){{0,2}}?)"
    # "the vote on Thursday", not "lawmakers will vote on Thursday": a determiner before the noun
    det = (rf"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[A-Z][\w-]*['’]s)\s+"
           rf"(?P<mods2>(?:(?!(?:{_EV_STOP}|{_WD_FULL})\b)[A-Za-z][\w’'-]*\s+){{0,2}}?)")
    head = rf"(?P<noun>{noun})\b(?!['’-]|\s+(?:{noun}|{_EV_HEAD_AFTER})\b)"
    # "Sunday's election", "the Sunday election", "the election on Sunday", "the election, held on Sunday"
    weekday = rx.compile(
        rf"(?:\b(?P<wd>{_WD_FULL})['’]s|(?<=\b[Tt]he )(?P<wd3>{_WD_FULL}))\s+{mods}{head}"
        rf"|{det}(?P<noun2>{noun})\b{_VERB_ON}(?:on|(?(held)for|on))\s+(?P<wd2>{_WD_FULL})\b"
        rf"(?!['’]s|,?\s+(?:the\s+)?(?:\d|{_MONTH_ANY}))"
    )
    # "the September 21 election", "the election on September 21, 2025", "the election, held on 21 September"
    date = rx.compile(
        rf"\b[Tt]he\s+{_CAL.format(p='a')},?\s+{mods}{head}"
        rf"|{det}(?P<noun2>{noun})\b{_VERB_ON}(?:on|(?(held)for|on))\s+(?:(?P<wd2>{_WD_FULL}),?\s+)?(?:the\s+)?{_CAL.format(p='b')}"
    )
    return weekday, date


def _modifiers(m: re.Match) -> frozenset[str]:
    """The words that qualify a mention's event noun: "regional" in "Sunday's regional election"
    and in "the regional election on Sunday"."""
    return frozenset((m.group("mods") or m.group("mods2") or "").lower().split())


# modifiers that make another kind of event of the noun: "drone strike", "opinion poll"
_KINDS = frozenset(
    "drone missile air rocket artillery opinion exit straw hunger friendly qualifying practice test mock primary "
    "warm-up exhibition preseason pre-season".split()
)
_OPPONENT = rx.compile(r"\s+(?:against|versus|vs\.?|v\.?|with|between)\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")
# "a poll on Thursday showed": an opinion survey, not the vote
_SURVEY = rx.compile(r"[\s,]+(?:\w+\s+)?(?:show\w*|found|finds?|suggest\w*|conducted|published|released|commissioned|by|of)\b")


def _opponent(prose: str, m: re.Match) -> str | None:
    """Who the event is against or with ("the game against Boston", "talks with Iran")."""
    o = _OPPONENT.match(prose, m.end())
    return o.group(1) if o else None


def _mentions(pattern: re.Pattern, prose: str, starts: list[int], nouns: list[int]) -> list[re.Match]:
    """The pattern's matches that end in an event noun at one of the word indexes ``nouns``,
    tried only at the word starts up to seven words before it (a mention begins at most a
    determiner, a date and two modifiers before its noun); in text order."""
    found: list[re.Match] = []
    for i in nouns:
        p = starts[i]
        for j in range(max(0, i - 7), i + 1):
            m = pattern.match(prose, starts[j])
            if m and (m.start("noun") if m.group("noun") else m.start("noun2")) == p:
                found.append(m)
                break
    return found


# a weekday with a clitic other than 's ("Sunday'll") is a word missing from the weekday list
_WEEKDAY_CLITIC = rx.compile(r"day['’](?!s)[^\W_]")


def _nouns_near_weekdays(prose: str, t, weekday_at: list[int], nouns: frozenset[str]) -> list[int]:
    """The word indexes of the event nouns that a weekday mention can end in, in order. The
    mention names its weekday at most seven words before the noun (where ``_mentions`` tries it:
    "Sunday's long-awaited regional election") or two to five after it ("The election will be
    held on Sunday": an auxiliary of up to two words, a verb, "on"). ``weekday_at`` holds the
    indexes of the weekdays and "Sunday's"; a clitic it lacks ("Sunday'll") means every noun."""
    if _WEEKDAY_CLITIC.search(prose):
        return t.indexes_of(nouns)
    words = t.words
    near: set[int] = set()
    for k in weekday_at:
        lo = max(0, k - 5)
        window = words[lo:k + 8]
        if not nouns.isdisjoint(window):
            near.update(lo + j for j, w in enumerate(window) if w in nouns)
    return sorted(near)


def _group(m: re.Match, *names: str) -> str | None:
    for n in names:
        v = m.group(n)
        if v:
            return v
    return None


class WeekdayEvent(Rule):
    """One event given a weekday in one place and a calendar date in another that the weekday
    does not fall on: "Sunday's election" and "the September 20, 2025 election" (a Saturday).
    The event is an event noun (list ``consistency.event-nouns``) that the article gives exactly
    one weekday and exactly one date (more than one of either: several events, nothing is said).
    The year is the one beside the date, else the article's own date (an Updated stamp or a dated
    dateline; a date in November–February may also fall in the year either side); with no year,
    nothing is said. Sentences that compare occurrences ("last", "previous", "next", "first",
    another year) are left alone, and so are two mentions with different modifiers ("Sunday's
    regional election", "the October 5 national election").

    Bad:
        Voters queued for hours in Sunday's election. Turnout in the September 20, 2025 election was 61 percent, officials said.
        ---
        Updated September 23, 2025. The election on Saturday drew long queues. Turnout at the election, held on 21 September, was 61 percent.
    Good:
        Voters queued for hours in Sunday's election. Turnout in the September 21, 2025 election was 61 percent, officials said.
        ---
        Voters queued for hours in Sunday's election. Turnout in the September 20 election was 61 percent, officials said.
        ---
        Updated September 23, 2025. Ministers will hold their next meeting on Thursday. The March 3 meeting ended without a deal.
    """

    code = "NL809"
    name = "weekday-event"
    category = "consistency"
    severity = Severity.warning
    summary = "One event given a weekday and a date that do not match"
    lists = {
        "consistency.event-nouns": WordList(
            "nouns for one-off events dated by weekday and by calendar date (election, summit), lower case", entry="word"
        ),
    }

    def setup(self, ctx: Context) -> None:
        self._nouns = frozenset(str(n).lower() for n in ctx.list("consistency.event-nouns"))
        self._patterns: tuple[re.Pattern, re.Pattern] | None = None  # built on first use

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        weekday_at = hits_of(doc, _EVENT_WEEKDAY_WORDS)
        if not weekday_at:
            return
        nouns = self._nouns
        if not nouns or word_table(doc).vocabulary.isdisjoint(nouns):
            return
        if self._patterns is None:
            self._patterns = _event_patterns(sorted(nouns))
        prose = doc.prose
        wd_re, date_re = self._patterns
        t = word_table(doc)
        weekdays: dict[str, list[tuple[re.Match, int]]] = {}
        dates: dict[str, list[tuple[re.Match, tuple[int, int, int | None]]]] = {}
        for m in _mentions(wd_re, prose, t.starts, _nouns_near_weekdays(prose, t, weekday_at, nouns)):
            if _group(m, "noun", "noun2") == "poll" and _SURVEY.match(prose, m.end()):
                continue
            weekdays.setdefault(_group(m, "noun", "noun2"), []).append((m, weekday_number(_group(m, "wd", "wd3", "wd2"))))
        if not weekdays:
            return
        for m in _mentions(date_re, prose, t.starts, t.indexes_of(nouns)):
            if _group(m, "noun", "noun2") == "poll" and _SURVEY.match(prose, m.end()):
                continue
            month = _group(m, "amonth", "amonth2", "bmonth", "bmonth2")
            day = int(_group(m, "aday", "aday2", "bday", "bday2"))
            year = _group(m, "ayear", "byear")
            dates.setdefault(_group(m, "noun", "noun2"), []).append((m, (month_number(month), day, int(year) if year else None)))
        ay = own_year(doc)
        for noun, wds in weekdays.items():
            dts = dates.get(noun)
            if not dts or len({w for _, w in wds}) != 1:
                continue
            keys = {d for _, d in dts}
            keys -= {(mo, dd, None) for mo, dd, y in keys if y is not None}  # "September 21" = "September 21, 2025"
            if len(keys) != 1:
                continue  # several dates: several events, or a date corrected in the text
            ((month, day, year),) = keys
            dm = next(m for m, d in dts if d == (month, day, year))
            if year is None and ay is None:
                continue  # no year known: nothing to check against
            years = [year] if year is not None else [ay] + ([ay - 1] if month >= 11 else [ay + 1] if month <= 2 else [])
            wd = wds[0][1]
            try:
                actual = [datetime.date(y, month, day).weekday() for y in years]
            except ValueError:
                continue  # not a date: NL802's business when a weekday is beside it
            if wd in actual:
                continue
            ds, de = sentence_span(doc, dm.start())
            if self._compares(prose, ds, de, years[0]):
                continue
            dmods = _modifiers(dm)
            for wm, _ in wds:
                ws, we = sentence_span(doc, wm.start())
                if self._compares(prose, ws, we, years[0]):
                    continue
                wmods = _modifiers(wm)
                if wmods and dmods and not (wmods & dmods):
                    continue  # "Sunday's regional election", "the October 5 national election"
                if (wmods ^ dmods) & _KINDS:
                    continue  # "a drone strike on Tuesday", "the October 3 strike"
                if _opponent(prose, wm) != _opponent(prose, dm):
                    continue  # "Sunday's game against Boston", "the October 3 game against Denver"
                date_text = doc.text[dm.start():dm.end()]
                stated = f"{_MONTH_NAME[month]} {day}" + (f", {year}" if year else f" (no year given; the article is dated {ay})")
                yield self.finding(
                    wm.start(),
                    wm.end(),
                    f"The {noun} falls on a {_DAY_NAME[wd]} here ('{doc.text[wm.start():wm.end()]}'), but is dated "
                    f"{_MONTH_NAME[month]} {day} elsewhere, "
                    + " or ".join(f"a {_DAY_NAME[a]} in {y}" for a, y in zip(actual, years))
                    + ": check the day or the date",
                    related=[Related(dm.start(), dm.end(), f"the {noun} dated {stated}: '{date_text}'")],
                )
                break  # one finding per event

    @staticmethod
    def _compares(prose: str, s: int, e: int, year: int) -> bool:
        if _OCCURRENCES.search(prose, s, e):
            return True
        return any(int(y) != year for y in YEAR.findall(prose, s, e))


# --- ages -------------------------------------------------------------------------------------
_NAME = r"(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|de|van|von|bin|al))*\s+[A-Z][\w’'-]+)"
_AGE_APPOS = rx.compile(_NAME + r",\s+(?P<age>\d{1,3}),\s+(?!(?:19|20)\d\d)")
_AGE_COMMA = rx.compile(r", (\d{1,3}), (?!(?:19|20)\d\d)")
_AGE_ADJ = rx.compile(r"(?<![\w-])(?P<then>then-|former\s+)?(?P<age>\d{1,3})-year-old(?:\s+(?:[a-z]+\s+){0,3}?" + _NAME + r")?")
_BORN = rx.compile(
    # "born in 1941", "born on March 3, 1990", "Born in Castlebar in 1941", "born at Leeds General Infirmary on 3 May 1961"
    r"\b[Bb]orn\s+(?:(?:in|at)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:(?:,\s*|\s+)[A-Z][\w’'.-]*){0,3},?\s+(?=(?:on|in)\s))?(?:on\s+|in\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(?:\d{1,2},?\s+)?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?P<year>(?:19|20)\d\d)\b|\(b\.\s*(?P<year2>(?:19|20)\d\d)\)|\((?:born\s+)?(?P<year3>(?:19|20)\d\d)\s*[-–]\s*\)"
)
_NOT_NAMES = frozenset(MONTH.capitalize() for MONTH in (
    "january february march april may june july august september october november december".split()))
_AGE_TIMED = rx.compile(r"\b(?:when|at the time|at the age|aged|then|(?<!born )in (?:19|20)\d\d|until|before|after)\b", re.I)


_AGE_WORD = r"(?P<age>\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|a hundred|one hundred)"
# "who has died aged 79", "died on Tuesday at the age of 84", "died in 2016, aged 70", "dies at 91"
# (matched where "died", "dies" or "passed away" begins)
_DIED_AGED = rx.compile(
    r"(?P<died>died|dies|passed\s+away)\b(?P<clause>[^.;:!?()\n]{0,50}?)(?:,\s*|\s+)(?:aged|at\s+the\s+age\s+of|at\s+age|at)\s+"
    + _AGE_WORD + r"\b(?!\s*(?:[-–]|per|%|years?\s+(?:after|before|later|earlier)|[A-Z]|\w+\s+(?:Street|Road|Avenue|St|Rd|Ave)\b))"
)
_HAS_BEFORE = rx.compile(r"\b(?:has|have)\s+$")
# the death is news: "died on Tuesday", "died yesterday", "died last week", "died at home on Sunday"
_DIED_NEWS = rx.compile(
    r"[^.;:!?\n]{0,30}?\b(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|"
    r"(?:last|this)\s+(?:week|weekend)|overnight|this\s+morning|(?:early\s+|late\s+)?on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
)
# the words before "born" that leave it to the person just told of: "Born in ...", "She was born ..."
_BORN_SUBJECTLESS = rx.compile(r"\s*(?:(?:She|He|They)\s+(?:was|were)\s+)?", re.S)
_NAME_BEFORE = rx.compile(r"(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|de|van|von|bin|al|Ó|O’|Mac))*\s+[A-Z][\w’'-]+),?\s+(?:who\s+)?(?=(?:has\s+|have\s+)?(?:died|dies|passed))")


_TITLES = frozenset("Mr Mrs Ms Miss Dr Prof Sir Dame Lady Lord Father Sister".split())


def _names_person(sentence: str, person: str) -> bool:
    """Whether a sentence names the person "First Last": by the first name, or by the surname
    alone or after a title ("Brennan", "Ms Brennan"), not after another first name ("Maureen
    Brennan", a relative)."""
    first, last = person.split()[0], person.split()[-1]
    if re.search(rf"\b{re.escape(first)}\b", sentence):
        return True
    for m in re.finditer(rf"\b{re.escape(last)}\b", sentence):
        before = sentence[:m.start()].rstrip().rsplit(None, 1)
        prev = before[-1].rstrip(".") if before else ""
        if not prev[:1].isupper() or prev in _TITLES or before and before[-1].endswith((",", ";")):
            return True
    return False


def _person(name: str) -> str:
    words = name.split()
    return f"{words[0]} {words[-1]}"


class AgeMismatch(Rule):
    """An age that disagrees with a birth year or with another age given for the same person:
    "Maria Lopez, 45, ... Lopez, who was born in 1990, ..." in an article dated 2025, or "Maria
    Lopez, 45," and later "the 47-year-old Maria Lopez". The birth-year check needs the article's
    own date (an Updated stamp or dated dateline) or explicit full dates in the text (a year
    either way is allowed). Ages tied to another time ("when she was 20", "then-45-year-old") are
    left alone. An age at death ("who has died aged 79", "died in 2016 at the age of 70") is checked
    against a birth year of the same person (named in the birth sentence, or "Born in ...",
    "She was born ..." just after), with the year of death from its clause, else the article's.

    Bad:
        Published June 3, 2025. Maria Lopez, 45, was born in 1990 in Seville.
        ---
        Maria Lopez, 45, runs the clinic. The 47-year-old Maria Lopez founded it.
        ---
        Published 12 April 2025. Nuala Brennan, who has died aged 79, painted the coast of Mayo. Born in Castlebar in 1941, she drew constantly.
    Good:
        Published June 3, 2025. Maria Lopez, 35, was born in 1990 in Seville.
        ---
        Maria Lopez, 45, runs the clinic. She founded it when she was 30.
        ---
        Published 12 April 2025. Nuala Brennan, who has died aged 83, painted the coast of Mayo. Born in Castlebar in 1941, she drew constantly.
        ---
        Published 12 April 2025. Her husband, who died in 2016 aged 74, was born in Sligo in 1942.
    """

    code = "NL806"
    name = "age-mismatch"
    category = "consistency"
    severity = Severity.warning
    summary = "An age that disagrees with a birth year or another age for the same person"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        if "died" in prose or "dies" in prose or "passed away" in prose:
            yield from self._at_death(doc, prose)
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

    def _at_death(self, doc: Document, prose: str) -> Iterator[Finding]:
        """An age at death ("who has died aged 79", "died in 2016 at the age of 70") against a
        birth year of the same person: the year of death is the one in the clause, else the
        article's own year when the death is news ("has died", "died on Tuesday")."""
        deaths = []  # (sentence index, person or None, age, start, end, death year)
        for k in offsets_of(prose, ("died", "dies", "passed away")):
            m = _DIED_AGED.match(prose, k)
            if not m or (k and prose[k - 1].isalnum()):
                continue
            news = m.group("died") == "dies" or _HAS_BEFORE.search(prose, max(0, k - 6), k)
            word = m.group("age").lower()
            age = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
            if not age or not 0 < age < 120 or age != int(age):
                continue
            s, e = sentence_span(doc, m.start())
            years = [int(y) for y in YEAR.findall(prose, m.start(), min(e, m.end() + 30))]
            if len(set(years)) > 1:
                continue
            if years:
                dy = years[0]
            elif news or _DIED_NEWS.match(prose, m.end("died")):
                dy = own_year(doc)
            else:
                dy = None
            if dy is None:
                continue
            who = _NAME_BEFORE.search(prose, max(s, m.start() - 60), m.end("died"))
            deaths.append((doc.sentence_index(m.start()), _person(who.group("name")) if who else None, int(age), m.start("age"), m.end("age"), dy))
        if not deaths:
            return
        for b in _BORN.finditer(prose):
            by = int(b.group("year") or b.group("year2") or b.group("year3"))
            bs, be = sentence_span(doc, b.start())
            si = doc.sentence_index(b.start())
            lead = prose[bs:b.start()]
            sentence = prose[bs:be]
            linked = [d for d in deaths if d[0] == si] if len([d for d in deaths if d[0] == si]) == 1 else []
            linked = linked or [d for d in deaths if d[1] and _names_person(sentence, d[1])]
            if not linked and _BORN_SUBJECTLESS.fullmatch(lead):
                # "Born in Castlebar in 1941, ...", "She was born in 1941": the person whose death
                # was told in this sentence or one of the two before, with no other age between
                near = [d for d in deaths if 0 <= si - d[0] <= 2]
                if len(near) == 1:
                    linked = near
            if len(linked) != 1 or len({d[1] for d in linked}) != 1:
                continue
            _, who, age, s, e, dy = linked[0]
            allowed = {dy - by - 1, dy - by}
            if age in allowed or dy < by:
                continue
            name = who or "The person"
            yield self.finding(
                s, e,
                f"{name} died aged {age} here, but born in {by} and dying in {dy} makes {dy - by - 1} or {dy - by}",
                related=[Related(b.start(), b.end(), f"born in {by}")],
            )

    @staticmethod
    def _years(doc: Document, prose: str) -> set[int]:
        ay = own_year(doc)
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



# --- NL815: a span of years that its two years do not give ---------------------------------------
_YEAR_NUM = r"(?:1[6-9]\d\d|20\d\d)"
_SPAN = r"(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+years?"
_YEARS_APART = rx.compile(
    # "opened in 1887, three years after the chain was founded in 1890"
    rf"\bin\s+(?P<y1>{_YEAR_NUM})\b[^.;!?\n\d]{{0,60}}?{_SPAN}\s+(?P<dir>after|before)\b[^.;!?\n\d]{{0,100}}?\bin\s+(?P<y2>{_YEAR_NUM})\b"
    # "was founded in 1884. Three years later, in 1890, it ..."
    rf"|\bin\s+(?P<y3>{_YEAR_NUM})\b[^;!?\n\d]{{0,120}}?[.;,]\s+(?P<n2>\d{{1,3}}|[A-Za-z]+(?:-[a-z]+)?)\s+years?\s+(?P<dir2>later|earlier),?\s+in\s+(?P<y4>{_YEAR_NUM})\b"
)


_SPAN_WORDS = rx.compile(r"years?\s+(?:after|before|later|earlier)\b")


# --- a span of days, weeks or months that its two calendar dates do not give ---------------------
_CAL_DATE = rx.compile(
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"(?:(?P<month>{_MON})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])|(?:the\s+)?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MON}))"
    r"(?![a-z])(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
_NUM_WORD = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
             "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")
_DURATION = rx.compile(
    rf"(?<![\w.,-])(?P<n>\d{{1,3}}|(?i:(?:{_NUM_WORD})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?))"
    r"(?:-|\s+)(?P<unit>day|week|month)s?\b"
)
# a duration that is not the span between the sentence's two dates, or not exactly
_DURATION_VAGUE_BEFORE = rx.compile(
    r"(?i:\b(?:every|each|within|up\s+to|more\s+than|over|nearly|almost|about|around|some|roughly|approximately|"
    r"at\s+least|at\s+most|fewer\s+than|less\s+than|under|just\s+over|just\s+under|another|first|last|final|"
    r"extra|additional|further|than)\s+(?:a\s+|the\s+)?)$"
)
_DURATION_NOT_SPAN = rx.compile(
    r"(?i:\s*(?:ago|notice|leave|before|earlier|per|a\s+(?:week|month|year)|each|of\s+notice|['’]\s+notice|week\b|"
    r"old|long\s+before|or\s+(?:more|less|so)|-?plus|\+))"
)
_START_MARK = rx.compile(
    r"(?i:\b(?:began|begun|begin|begins|beginning|started|starts|starting|opened|opens|opening|broke\s+out|erupted|"
    r"launched|commenced|kicked\s+off|got\s+under\s+way|went\s+on\s+strike|walked\s+out|downed\s+tools|from|since|between)"
    r"\s+(?:(?:on|in)\s+)?(?:the\s+(?=\d))?)$"
)
_END_MARK = rx.compile(
    r"(?i:\b(?:ended|ends|ending|closed|closes|closing|finished|finishes|concluded|concludes|wrapped\s+up|"
    r"(?:was|were|is|being)\s+(?:declared\s+|finally\s+|fully\s+)?(?:contained|extinguished|called\s+off|lifted|suspended|settled|over)|"
    r"returned\s+to\s+work|to|until|till|through|and)\s+(?:(?:on|in)\s+)?(?:the\s+(?=\d))?)$"
)
_OVER = rx.compile(r"(?i:\b(?:ending|ended|ends|end(?:ed)?\s+to|called\s+off|after\s+(?:a|the)|over)\b)")
_FUTURE = rx.compile(r"(?i:\b(?:will|would|could|may|might|plans?|planned|scheduled|due|set\s+to|expected|proposed|threatened?)\b)")
_SPAN_UNIT_WORDS = (" day", "-day", " week", "-week", " month", "-month")
#: the month names as the word table holds them: a text with none gives no calendar date
_MONTH_WORDS = frozenset(MONTHS) | frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())


def _counted(prose: str, k: int) -> bool:
    """Whether the word before the unit at ``k`` is a number: "47-day", "three weeks"."""
    before = prose[max(0, k - 16):k - 1].replace("-", " ").split()
    if not before:
        return False
    w = before[-1]
    return w.isdigit() or w.lower() in NUMBER_WORDS


def _duration_value(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    v = NUMBER_WORDS.get(w)
    return int(v) if v else None


def _cal(m: re.Match) -> tuple[int, int, int | None]:
    return (month_number(m.group("month") or m.group("month2")), int(m.group("day") or m.group("day2")),
            int(m.group("year")) if m.group("year") else None)


def _span_fits(n: int, unit: str, days: int) -> bool:
    """Whether a span of ``days`` (end minus start) may be called ``n`` days, weeks or months:
    a day either way (counted inclusive or not), half a week, half a month."""
    if unit == "day":
        return n - 1 <= days <= n + 1 or n - 1 <= days + 1 <= n + 1
    if unit == "week":
        return abs(days - 7 * n) <= 3 or abs(days + 1 - 7 * n) <= 3
    return 30.44 * n - 16 <= days <= 30.44 * n + 16


def _spell(n: int, unit: str, word: str) -> str:
    return f"{word} {unit}{'s' if n != 1 else ''}"


_GAP_BREAK = rx.compile(r"[.;:!?\n]|\b(?:when|while|because|although|but|whereas|than|compared|since|if)\b", re.I)
# what may stand between the end date and the span it closes: "on 20 August after 11 days",
# "May 30, three weeks later", "to 12 March, a total of 37 days"
_AFTER_END = rx.compile(
    r"[\s,(–—-]*(?:(?:after|following|lasting|or|some)\s+|(?:a|the)\s+(?:total|span|period|stretch)\s+of\s+)?(?:(?:a|an|the)\s+)?",
    re.I,
)


def _joins(prose: str, dm: re.Match, a: re.Match, b: re.Match) -> bool:
    """Whether the span ``dm`` is the one between the dates ``a`` and ``b``: it names the thing
    that began at ``a`` ("the 47-day strike that began on 3 February and ended ..."), stands
    between them ("began on 3 August and, 11 days later, ended on 14 August") or closes the end
    date ("ended on 20 August after 11 days")."""
    if dm.end() <= a.start():
        gap = prose[dm.end():a.start()]
        return len(gap) <= 80 and not _GAP_BREAK.search(gap)
    if a.end() <= dm.start() and dm.end() <= b.start():
        return (dm.start() - a.end() <= 40 and b.start() - dm.end() <= 40
                and not _GAP_BREAK.search(prose, a.end(), b.start()))
    if dm.start() >= b.end():
        g = _AFTER_END.match(prose, b.end(), dm.start())
        return g is not None and g.end() == dm.start()
    return False


def _date_spans(rule: Rule, doc: Document) -> Iterator[Finding]:
    """Durations between two calendar dates: "a three-week trial that opened on May 2 and ended
    May 30", "the fire, which started on 3 August, was contained on 20 August after 11 days", and
    "the 47-day strike that began on 3 February" in a story dated 13 March that tells of its end."""
    prose = doc.prose
    if _MONTH_WORDS.isdisjoint(word_table(doc).vocabulary):
        return  # no calendar date for a span to run between
    keys = [k + 1 for k in offsets_of(prose, _SPAN_UNIT_WORDS) if _counted(prose, k + 1)]
    if not keys:
        return
    done_sentences = set()
    own = None
    for k in keys:
        dm = None
        for cand in _DURATION.finditer(prose, max(0, k - 24), min(len(prose), k + 7)):
            if cand.start("unit") == k:
                dm = cand
        if dm is None:
            continue
        s, e = sentence_span(doc, k)
        if s in done_sentences:
            continue
        n = _duration_value(dm.group("n"))
        if not n:
            continue
        if _DURATION_VAGUE_BEFORE.search(prose, max(s, dm.start() - 20), dm.start()) or _DURATION_NOT_SPAN.match(prose, dm.end()):
            continue
        durations = [d for d in _DURATION.finditer(prose, s, e)]
        if len(durations) != 1:
            continue  # two spans in a sentence: which joins the dates is unclear
        dates = list(_CAL_DATE.finditer(prose, s, e))
        unit = dm.group("unit").lower()
        if len(dates) == 2:
            a, b = dates
            if not (_START_MARK.search(prose, max(s, a.start() - 30), a.start())
                    and _END_MARK.search(prose, max(s, b.start() - 40), b.start())):
                continue
            if not _joins(prose, dm, a, b):
                continue
            (m1, d1, y1), (m2, d2, y2) = _cal(a), _cal(b)
            if y1 is None and y2 is None:
                y1 = 2001 if (m1, d1) <= (m2, d2) else 2000  # no year: one year, or over a New Year
                y2 = 2001
            elif y1 is None or y2 is None:
                y = y1 or y2
                y1 = y1 or (y if (m1, d1) <= (m2, d2) else y - 1)
                y2 = y2 or (y if (m1, d1) <= (m2, d2) else y + 1)
            try:
                start, end = datetime.date(y1, m1, d1), datetime.date(y2, m2, d2)
            except ValueError:
                continue
            days = (end - start).days
            if days <= 0 or _span_fits(n, unit, days):
                continue
            done_sentences.add(s)
            said = doc.text[dm.start():dm.end()]
            yield rule.finding(
                dm.start(), dm.end(),
                f"'{said}' does not fit its dates: {_MONTH_NAME[m1]} {d1} to {_MONTH_NAME[m2]} {d2} is {days} days"
                f" ({days + 1} counting both)",
                related=[Related(a.start(), a.end(), "the start"), Related(b.start(), b.end(), "the end")],
            )
        elif len(dates) == 1 and unit == "day":
            # "ending the 47-day strike that began on 3 February", in a story of 13 March
            a = dates[0]
            if a.start() < dm.end() or a.start() - dm.end() > 60 or not _START_MARK.search(prose, max(s, a.start() - 30), a.start()):
                continue
            lead = max(s, dm.start() - 40)
            if (not _OVER.search(prose, lead, dm.start()) or _FUTURE.search(prose, lead, a.end())
                    or _CLAUSE_BREAK.search(prose, dm.end(), a.start())):
                continue
            if own is None:
                own = article_date(doc) or False
            if not own:
                return
            today = own[0]
            m1, d1, y1 = _cal(a)
            try:
                start = datetime.date(y1 or today.year, m1, d1)
                if y1 is None and start > today:
                    start = datetime.date(today.year - 1, m1, d1)
            except ValueError:
                continue
            if start > today:
                continue
            last = start + datetime.timedelta(days=n - 1)  # counting the first day
            if (last - today).days <= 7:
                continue  # it may end in the days after the story
            done_sentences.add(s)
            related = [Related(a.start(), a.end(), "the start"),
                       Related(own[1], own[2], f"the article's date, {today.day} {_MONTH_NAME[today.month]} {today.year}")]
            # the latest day the article gives between the start and its own date: the end it tells of
            latest = None
            for c in _CAL_DATE.finditer(prose):
                if c.start() == a.start() or own[1] <= c.start() < own[2]:
                    continue
                cm, cd, cy = _cal(c)
                try:
                    cdate = datetime.date(cy or today.year, cm, cd)
                except ValueError:
                    continue
                if start < cdate <= today and (latest is None or cdate > latest[0]):
                    latest = (cdate, c)
            tail = ""
            if latest:
                c = latest[1]
                related.append(Related(c.start(), c.end(), "the latest date the article gives"))
                tail = f"; {_MONTH_NAME[m1]} {d1} to {_MONTH_NAME[latest[0].month]} {latest[0].day} is {(latest[0] - start).days} days"
            said = doc.text[dm.start():dm.end()]
            yield rule.finding(
                dm.start(), dm.end(),
                f"'{said}' from {_MONTH_NAME[m1]} {d1} runs to {_MONTH_NAME[last.month]} {last.day}, after the article's date"
                f" ({_MONTH_NAME[today.month]} {today.day}, {today.year}){tail}",
                related=related,
            )


class YearSpanMismatch(Rule):
    """A span of years that the two years it joins cannot give: "opened in 1887, three years after
    the chain was founded in 1890" (the chain came later, and 1890 is three years after 1887), or
    "founded in 1884. Three years later, in 1890". A year apart either way is allowed (two events
    in different months of the years given). Likewise a span of days, weeks or months between two
    calendar dates ("a three-week trial that opened on May 2 and ended May 30"; a day either way
    for inclusive counting, half a week, half a month), and an N-day event that began on a
    date and has ended in a story whose own date is over a week too early for it.

    Bad:
        The store opened in 1887, three years after the chain was founded in 1890.
        ---
        The club was founded in 1902. Ten years later, in 1920, it moved to Elm Park.
        ---
        The three-week trial opened on May 2 and ended May 30 with a guilty verdict.
        ---
        Published 13 March 2025. The union signed a deal, ending the 47-day strike that began on 3 February.
    Good:
        The store opened in 1887, three years after the chain was founded in 1884.
        ---
        The club was founded in 1902. Eighteen years later, in 1920, it moved to Elm Park.
        ---
        The four-week trial opened on May 2 and ended May 30 with a guilty verdict.
        ---
        Published 13 March 2025. The union signed a deal, ending the 38-day strike that began on 3 February.
    """

    code = "NL815"
    name = "year-span-mismatch"
    category = "consistency"
    severity = Severity.warning
    summary = "A span of years ('three years after') that its two years do not give"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        yield from _date_spans(self, doc)
        prose = doc.prose
        # every match holds "years after", "year before", "years later" ...: found at each "year"
        spans = [k for k in offsets_of(prose, ("year",)) if _SPAN_WORDS.match(prose, k)]
        if not spans:
            return
        # the pattern only around them: its first year at most 60 characters and three words before
        # the span (200 is ample), its second year at most 100 characters after (150 is ample)
        found: list[re.Match] = []
        for k in spans:
            lo = max(0, prose.rfind(" ", 0, max(0, k - 200)) + 1)
            if found and lo < found[-1].end():
                lo = found[-1].end()
            for m in _YEARS_APART.finditer(prose, lo, min(len(prose), k + 150)):
                if not found or m.start() >= found[-1].end():
                    found.append(m)
        for m in found:
            if m.group("y1"):
                y1, y2, word, later = int(m.group("y1")), int(m.group("y2")), m.group("n"), m.group("dir") == "after"
                a, b = m.span("y2")
            else:
                y1, y2, word, later = int(m.group("y4")), int(m.group("y3")), m.group("n2"), m.group("dir2") == "later"
                a, b = m.span("y3")
            low = word.lower()
            n = int(low) if low.isdigit() else NUMBER_WORDS.get(low)
            if n is None or n == 0:
                continue
            gap = (y1 - y2) if later else (y2 - y1)  # the years from the earlier event to the later one
            if abs(gap - n) <= 1:
                continue
            span_at = m.start("n") if m.group("y1") else m.start("n2")
            span_end = m.end("dir") if m.group("y1") else m.end("dir2")
            said = m.group("dir") or m.group("dir2")
            why = f"{y1} is {abs(y1 - y2)} years {'before' if y1 < y2 else 'after'} {y2}, not {word.lower()} years {said}"
            yield self.finding(span_at, span_end, f"The years do not fit: {why}",
                               related=[Related(a, b, "the other year")])


RULES = [WeekdayDate, EventYearDrift, AgeMismatch, WeekdayEvent, YearSpanMismatch]
