"""Internal consistency of figures: counts that cannot all hold, parts against a whole, one amount at two scales.

``dates`` and ``details`` are the other two modules of the consistency family (NL8xx); what the
three share (figures, count classes, sentences, named actors) is in the analysis layer
(``newslint.analysis.quantities`` and ``newslint.analysis.statements``).

Precision comes first: a wrong contradiction costs an editor's trust, so each check needs both
statements to be explicit, about the same counted thing and the same actor, and reports every
statement involved (the finding on one, ``related`` on the others). Statements qualified by time
("by March", "last year", "former", "then") are left alone.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator

from .. import rx
from ..analysis.keywords import add_keywords, hits_of
from ..analysis.quantities import (
    COUNT_CLASSES,
    INF,
    SCALES,
    Quantity,
    candidates_between,
    count_classes,
    counts,
    extract_between,
    fmt_amount,
    scales_between,
)
from ..analysis.sources import singular
from ..analysis.statements import entities, sentence_span
from ..analysis.words import word_table
from ..document import Document, offsets_of
from ..finding import Finding, Related, Severity
from ..rule import Context, Rule

# a figure qualified by a time of its own: a different moment, not a contradiction
_TIME_QUALIFIED = rx.compile(
    r"\b(?i:by|as of|until|since|through|throughout)\s+(?:the\s+)?(?:end\s+of\s+)?(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December|(?:19|20)\d\d|last|this|next|mid|early|late)\b|\bso far\b|\bto date\b|"
    r"\b(?i:initially)\b|\bat first\b|\b(?i:later)\b|\b(?i:now)\b|\beventually\b|\bhas since\b|\bplans? to\b|\bexpected to\b|"
    r"\bcould\b|\bwill\b|\bmay\b|\bmight\b|\bwould\b"
)


def _actors(doc: Document, offset: int) -> set[str]:
    """Names in the clause before a figure (from the sentence start or the previous figure in
    it); the whole sentence's names when that clause has none."""
    prose = doc.prose
    s, e = sentence_span(doc, offset)
    figures = [q.end for q in extract_between(doc, s, offset) if q.end <= offset]
    clause = entities(prose[max([s] + figures):offset])
    return clause or entities(prose[s:e])


def _shared_actor(doc: Document, a: int, b: int) -> bool:
    return bool(_actors(doc, a) & _actors(doc, b))


def _q(doc: Document, q: Quantity) -> str:
    return doc.text[q.start:q.end]


class FigureContradiction(Rule):
    """Figures for the same counted thing that cannot all hold: "up to 12,000 troops" in one
    place and, elsewhere, "at least 3,000 additional soldiers ... following approximately 11,000
    previous deployments" (at least about 12,900 in all); an "at least X" against an "up to Y" with
    X above Y; an increment and the earlier figure against a stated total. Hedges become intervals
    (see ``newslint.analysis.quantities``), and "approximately" allows ten per cent either way. The two
    statements must share a named actor and neither may be qualified by a time of its own ("by
    March", "so far"). Restating a figure, or giving a rounder one, is not reported.

    Bad:
        North Korea has sent up to 12,000 troops to Russia, officials said. Seoul's military said North Korea had dispatched at least 3,000 additional soldiers to Russia, following approximately 11,000 previous deployments.
        ---
        The army said Russia had sent up to 5,000 troops. Ukraine's ministry said Russia had sent at least 6,000 troops.
    Good:
        North Korea has sent up to 15,000 troops to Russia, officials said. Seoul's military said North Korea had dispatched at least 3,000 additional soldiers to Russia, following approximately 11,000 previous deployments.
        ---
        North Korea has sent approximately 11,000 troops to Russia, officials said. Reports suggest up to 11,000 North Korean troops are in the Kursk region.
        ---
        Russia has sent up to 5,000 troops, Kyiv said. Belarus sent at least 6,000 soldiers, Minsk said.
    """

    code = "NL801"
    name = "figure-contradiction"
    category = "consistency"
    severity = Severity.warning
    summary = "Figures for the same thing that cannot all be true"
    lists = {"consistency.count-classes": COUNT_CLASSES}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        found = [q for q in counts(doc, ctx) if not q.vague or q.hedge]
        if len(found) < 2:
            return
        prose = doc.prose
        frames: dict[int, frozenset[str]] = {}

        def frame(q: Quantity) -> frozenset[str]:
            # the time frame a sentence sets: "by March", "so far", "will" (empty when none)
            if q.start not in frames:
                s, e = sentence_span(doc, q.start)
                frames[q.start] = frozenset(" ".join(m.group().lower().split()) for m in _TIME_QUALIFIED.finditer(prose, s, e))
            return frames[q.start]

        reported: set[int] = set()
        uppers = [c for c in found if c.bounded_above and not c.increment and not c.previous]
        totals = [c for c in found if (c.total or not c.hedge) and not c.increment and not c.previous]
        # a running total: previous + additional in one sentence, against a bound or total elsewhere
        for a in found:
            if not a.increment:
                continue
            s, e = sentence_span(doc, a.start)
            prev = [p for p in found if p.previous and s <= p.start < e and p.cls == a.cls]
            if not prev:
                continue
            p = prev[0]
            total_low, total_high = a.low + p.low, a.high + p.high
            for u in uppers + [t for t in totals if t.total]:
                if u.cls != a.cls or s <= u.start < e or frame(u) != frame(a) or not _shared_actor(doc, a.start, u.start):
                    continue
                if total_low > u.high * 1.0001:
                    what = "upper bound" if u.bounded_above else "stated total"
                    yield self.finding(
                        a.start,
                        a.end,
                        f"'{_q(doc, a)}' plus '{_q(doc, p)}' make at least {fmt_amount(total_low)}, "
                        f"more than the '{_q(doc, u)}' stated elsewhere",
                        related=[Related(u.start, u.end, f"{what}: {fmt_amount(u.high)}"), Related(p.start, p.end, "the earlier figure")],
                    )
                    reported.update((a.start, u.start, p.start))
                    break
                if u.total and total_high < u.low * 0.9999 and a.high < INF:
                    yield self.finding(
                        a.start,
                        a.end,
                        f"'{_q(doc, a)}' plus '{_q(doc, p)}' make at most {fmt_amount(total_high)}, "
                        f"less than the total '{_q(doc, u)}' stated elsewhere",
                        related=[Related(u.start, u.end, f"stated total: {fmt_amount(u.low)}"), Related(p.start, p.end, "the earlier figure")],
                    )
                    reported.update((a.start, u.start, p.start))
                    break
        # a lower bound above an upper bound for the same thing and actor (no increments)
        lowers = [c for c in found if c.hedge and c.high == INF and not c.increment and not c.previous]
        for lo in lowers:
            if lo.start in reported:
                continue
            for u in uppers:
                if u.start in reported or u.cls != lo.cls or lo.low <= u.high or frame(u) != frame(lo):
                    continue
                if _shared_actor(doc, lo.start, u.start):
                    yield self.finding(
                        lo.start,
                        lo.end,
                        f"'{_q(doc, lo)}' contradicts '{_q(doc, u)}' stated elsewhere: at least {fmt_amount(lo.low)} is more than up to {fmt_amount(u.high)}",
                        related=[Related(u.start, u.end, f"upper bound: {fmt_amount(u.high)}")],
                    )
                    reported.update((lo.start, u.start))
                    break

# --- parts and wholes --------------------------------------------------------------------------
_INCLUDING = rx.compile(r"\b(?:including|among them|among whom|of whom|of them|of which)\b", re.I)
# where the clause that lists the parts after "including" ends
_CLAUSE_BREAK = rx.compile(
    r"[;:()]|\s[—–-]\s|,\s+(?:as|before|after|while|when|whereas|but|although|though|since|until|then|and\s+then|so|because|with|who|which|where)\b"
)
# units of measure (singular): a figure in one of them counts something else than a whole in another
_MEASURES = frozenset(
    """second minute hour day week month year decade century metre meter kilometre kilometer km mile
    foot feet yard inch acre hectare kg kilogram gram tonne ton pound ounce litre liter gallon degree
    point goal run over wicket lap set game percent""".split()
)
_OF_THE = rx.compile(r"\bOf the\s+(?=\d|[a-z]+ )")
_WHOLE_PHRASES = ("in all", "all told", "of whom", "among whom", "of them", "among them", "of which", "Of the ")
_WHOLE_WORDS = frozenset(("total", "combined", "altogether", "including"))
_CUE_WORDS = add_keywords(("including", "them", "whom", "which"))
_TOTAL_WORDS = add_keywords(("total", "combined", "altogether"))
_BODY = rx.compile(r"(?<![\d,.])(?P<n>\d{1,4})-(?:member|seat)\b")
_TALLY = rx.compile(
    r"\b(?:voted|vote of|by a vote of|passed|approved|rejected|defeated|backed|adopted)\s+(?P<a>\d{1,4})\s*(?:-|–|to)\s*(?P<b>\d{1,4})\b"
    r"(?:[^.;]{0,40}?\b(?:with\s+)?(?P<c>\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:abstentions?|abstaining|members?\s+abstaining))?",
)
_SPLIT_CUES = rx.compile(
    r"\b(?:voted|backed|supported|opposed|favou?red|in favou?r|against|undecided|respondents|of the vote|of voters|won|received|"
    r"approve|disapprove|support|oppose|were\s+(?:men|women)|said\s+(?:yes|no)|chose|preferred|polled)\b",
    re.I,
)
_SHARE_CUE = rx.compile(
    r"(?:\s+of\s+(?:the\s+)?[\w-]+)?\s+(?:\w+\s+){0,2}?(backed|supported|opposed|favou?red|approved|disapproved|undecided|"
    r"voted|chose|preferred|against|in favou?r|had no (?:view|opinion)|did not know|said yes|said no|were unsure)\b",
    re.I,
)
# the words of _SPLIT_CUES: a match is one of them, or holds one as its last word
_SPLIT_WORDS = frozenset(
    "voted backed supported opposed favoured favored favour favor against undecided respondents vote voters won "
    "received approve disapprove support oppose men women yes no chose preferred polled".split()
)
# letters that re.IGNORECASE matches to ASCII letters but lower() does not lower-case to them
_FOLDS_TO_ASCII = rx.compile("[ſıİ]")


def _may_split(prose: str, t, s: int, e: int) -> bool:
    """False when _SPLIT_CUES cannot match in the sentence [s, e), told from its words in the
    word table ``t``: a set look-up before the case-insensitive search, which is tried at every
    offset. The words are lower-cased like the search's, and a word it finds is a word of the
    table or a part of one between apostrophes ("won't")."""
    if s and (prose[s - 1].isalnum() or prose[s - 1] in "'’") or e < len(prose) and (prose[e].isalnum() or prose[e] in "'’"):
        return True  # the span cuts a word of the table: leave it to the search
    if _FOLDS_TO_ASCII.search(prose, s, e):
        return True  # the search takes them for s and i, the word table does not
    words = t.words[bisect.bisect_left(t.starts, s):bisect.bisect_left(t.starts, e)]
    if not _SPLIT_WORDS.isdisjoint(words):
        return True
    return any(not _SPLIT_WORDS.isdisjoint(w.split("'")) for w in words if "'" in w)


# totals whose parts are counted with other words
_AGGREGATES = {
    "casualties": frozenset("killed dead wounded injured missing captured deaths injuries".split()),
    "victims": frozenset("killed dead wounded injured missing".split()),
}
_SHARE_WORDS = frozenset(
    "backed supported opposed favoured favored approved disapproved undecided voted chose preferred against favour favor unsure".split()
)
_CHANGE_CUES = rx.compile(
    r"\b(?:rose|rise|rising|fell|fall|falling|increase[ds]?|decrease[ds]?|grew|growth|grow|up|down|points?|from|compared|"
    r"year|years|quarter|month|since|than|inflation|rates?|interest|tax|margin|stake|turnout|each|respectively|"
    r"versus|vs|while|whereas|previous|last|earlier|jumped|dropped|slipped|climbed|gained|lost|nationwide|among)\b",
    re.I,
)


class PartsAndWhole(Rule):
    """Parts that exceed or do not add up to the whole they belong to: a list of figures followed
    by "in total" or "a total of" that they do not sum to; parts introduced by "including" or
    "of whom" that exceed the whole; a vote tally larger than the body voting ("the 45-member
    council voted 30-17"); shares of one whole that add up to more than 100 per cent ("54% backed
    the plan, 39% opposed it and 12% were undecided"). A correct tally gives no finding, and
    percentages that describe changes or different groups are not added.

    Bad:
        The storm killed 12 people in Ohio, 8 in Indiana and 5 in Kentucky, 27 in total, officials said.
        ---
        The 45-member council voted 30-17 to approve the budget.
        ---
        In the poll, 54% backed the plan, 39% opposed it and 12% were undecided.
    Good:
        The storm killed 12 people in Ohio, 8 in Indiana and 5 in Kentucky, 25 in total, officials said.
        ---
        The 72-member senate voted 53-17 with two abstentions to approve the budget.
        ---
        In the poll, 54% backed the plan, 39% opposed it and 7% were undecided.
    """

    code = "NL804"
    name = "parts-exceed-whole"
    category = "consistency"
    severity = Severity.warning
    summary = "Parts that exceed or do not add up to a stated whole"
    lists = {"consistency.count-classes": COUNT_CLASSES}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        t = word_table(doc)
        vocab = t.vocabulary
        # the wording of a whole counts when the article has a total word or one of the
        # _WHOLE_PHRASES: without either no sentence would be kept, so none is looked for
        if vocab & _WHOLE_WORDS or any(map(prose.__contains__, _WHOLE_PHRASES)):
            cued, totals = self._wholes(doc, prose, t)
        else:
            cued, totals = set(), set()
        has_vote = bool(vocab & {"member", "seat"}) and bool(_TALLY.search(prose))
        has_pct = bool(vocab & _SHARE_WORDS) and ("%" in prose or "per cent" in prose or "percent" in prose)
        if not (cued or totals or has_vote or has_pct):
            return
        shares: set[tuple[int, int]] = set()
        if has_pct:
            shares = {sentence_span(doc, i) for i in offsets_of(prose, ("%", "per cent", "percent"))}
        classes = count_classes(ctx)
        for s, e in sorted(cued | totals | shares):
            # shares of one whole need a split cue and no change cue in the sentence: test the
            # words before parsing the figures (most sentences with a "%" describe changes),
            # the words of the cue first and the costly searches last
            split = (s, e) in shares and _may_split(prose, t, s, e)
            if not (split or (s, e) in totals or (s, e) in cued):
                continue
            if candidates_between(doc, s, e) < 2:
                continue  # every check needs two figures
            split = split and bool(_SPLIT_CUES.search(prose, s, e)) and not _CHANGE_CUES.search(prose, s, e)
            if not (split or (s, e) in totals or (s, e) in cued):
                continue
            group = extract_between(doc, s, e, classes)
            if len(group) < 2:
                continue
            if (s, e) in totals and any(q.total for q in group):
                yield from self._totals(doc, group)
            if (s, e) in cued:
                yield from self._including(doc, prose, s, e, group)
            if split and sum(q.unit == "%" for q in group) >= 2:
                yield from self._percentages(doc, prose, group)
        if has_vote:
            yield from self._tallies(doc, prose)

    @staticmethod
    def _wholes(doc: Document, prose: str, t) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
        """The sentences that name a whole and its parts ("including", "of whom", "Of the 30
        ..."), and those that state a total ("in all", "a total of")."""
        cued: set[tuple[int, int]] = set()
        totals: set[tuple[int, int]] = set()
        for i in hits_of(doc, _CUE_WORDS):
            cue = _INCLUDING.match(prose, t.starts[i - 1] if t.words[i] in ("them", "whom", "which") and i else t.starts[i])
            if cue:
                cued.add(sentence_span(doc, t.starts[i]))
        for phrase in ("Of the ", "in all", "all told"):
            i = prose.find(phrase)
            while i != -1:
                (cued if phrase == "Of the " else totals).add(sentence_span(doc, i))
                i = prose.find(phrase, i + 1)
        totals.update(sentence_span(doc, t.starts[i]) for i in hits_of(doc, _TOTAL_WORDS))
        return cued, totals

    def _totals(self, doc: Document, group: list[Quantity]) -> Iterator[Finding]:
        for ti, t in enumerate(group):
            if not t.total or t.hedge or t.vague or t.low != t.high:
                continue
            if any(q.value == t.value and q.unit == t.unit for q in group if q is not t):
                continue  # the total restated
            # the parts: the run of plain figures of one kind right before the total (or right
            # after it: "a total of 72 people: 53 in X and 19 in Y")
            parts = self._run(reversed(group[:ti]), t) or self._run(iter(group[ti + 1:]), t)
            if len(parts) < 2:
                continue
            total = sum(q.value for q in parts)
            if abs(total - t.value) < 1e-6 * max(1.0, t.value) or (t.unit == "%" and abs(total - t.value) <= 1):
                continue
            parts.sort(key=lambda q: q.start)
            yield self.finding(
                t.start,
                t.end,
                f"The parts add up to {fmt_amount(total)}, not the {fmt_amount(t.value)} stated as the total",
                related=[Related(q.start, q.end, "a part") for q in parts],
            )

    @staticmethod
    def _run(seq, t: Quantity) -> list[Quantity]:
        run: list[Quantity] = []
        cls = t.cls
        for q in seq:
            if q.unit != t.unit or q.hedge or q.vague or q.low != q.high or q.total or q.value >= t.value:
                break
            if q.cls:
                if t.cls in _AGGREGATES:  # "120 killed and 340 wounded, 500 casualties in total"
                    if q.cls not in _AGGREGATES[t.cls]:
                        break
                elif cls and q.cls != cls:
                    break
                else:
                    cls = cls or q.cls
            run.append(q)
        return run

    def _including(self, doc: Document, prose: str, s: int, e: int, group: list[Quantity]) -> Iterator[Finding]:
        cue = _INCLUDING.search(prose, s, e)
        of_the = _OF_THE.search(prose, s, e)
        if not cue and not of_the:
            return
        if of_the:
            wholes = [q for q in group if q.start == of_the.end() or (q.num_start == of_the.end())]
            if not wholes:
                return
            whole = wholes[0]
            parts = [q for q in group if q.start > whole.end and q.unit == "" and not q.vague]
        else:
            if any(q.start < cue.start() < q.end for q in group):
                return  # "two of them": a part named before the cue, not a list of parts after it
            before = [q for q in group if q.end <= cue.start() and q.unit == "" and not q.vague]
            if not before:
                return
            whole = before[-1]
            # the parts are listed in the cue's own clause: "31 points, including the winning three
            # with 14 seconds left, as Northfield beat Harbour 104-101" lists one part
            brk = _CLAUSE_BREAK.search(prose, cue.end(), e)
            stop = brk.start() if brk else e
            parts = [q for q in group if cue.end() <= q.start < stop and q.unit == "" and not q.vague]
        if whole.high == INF or whole.vague or whole.unit or len(parts) < 1:
            return
        # a figure in a unit of measure other than the whole's is no part of it ("31 points,
        # including the winning three with 14 seconds left")
        unit = singular(whole.noun)
        parts = [p for p in parts if singular(p.noun) not in _MEASURES or singular(p.noun) == unit]
        if not parts:
            return
        parts = [p for p in parts if not p.hedge or p.low > 0]
        low = sum(p.low for p in parts)
        if parts and low > whole.high * 1.0001:
            yield self.finding(
                whole.start,
                whole.end,
                f"The parts listed add up to at least {fmt_amount(low)}, more than the whole '{_q(doc, whole)}'",
                related=[Related(p.start, p.end, "a part") for p in parts],
            )

    def _percentages(self, doc: Document, prose: str, group: list[Quantity]) -> Iterator[Finding]:
        """Shares in a sentence that splits one whole (the caller checks its cues)."""
        pcts = [q for q in group if q.unit == "%"]
        if len(pcts) < 2:
            return
        if any(q.hedge and q.hedge not in ("about", "around", "nearly", "roughly", "approximately", "almost", "some")
               or q.low != q.high and not q.hedge for q in pcts):
            return
        # shares of one whole each say what they chose: "52% backed ..., 41% opposed ..."
        cued = {c.group(1).lower() for q in pcts for c in [_SHARE_CUE.match(prose, q.end)] if c}
        if len(cued) < 2:
            return
        total = sum(q.value for q in pcts)
        slack = 1.0 + 0.5 * len(pcts) + sum(q.value * 0.1 for q in pcts if q.hedge)
        if total > 100 + slack:
            yield self.finding(
                pcts[0].start,
                pcts[-1].end,
                f"These shares of one whole add up to {total:g}%, more than 100%",
                related=[Related(q.start, q.end, "a share") for q in pcts[1:]],
            )

    def _tallies(self, doc: Document, prose: str) -> Iterator[Finding]:
        for m in _TALLY.finditer(prose):
            a, b = int(m.group("a")), int(m.group("b"))
            c_raw = m.group("c")
            c = 0
            if c_raw:
                c = int(c_raw) if c_raw.isdigit() else ("one two three four five six seven eight nine ten".split().index(c_raw.lower()) + 1)
            s, e = sentence_span(doc, m.start())
            p = doc.paragraphs[doc.paragraph_index(m.start())] if doc.paragraph_index(m.start()) >= 0 else None
            lo, hi = (p.start, p.end) if p else (s, e)
            body = None
            for bm in _BODY.finditer(prose, lo, hi):
                body = bm
                if s <= bm.start() < e:
                    break
            if body is None:
                continue
            n = int(body.group("n"))
            if a + b + c > n:
                yield self.finding(
                    m.start("a"),
                    m.end("c") if c_raw else m.end("b"),
                    f"{a} + {b}{f' + {c}' if c else ''} = {a + b + c} votes, more than the {n} members of the body",
                    related=[Related(body.start(), body.end(), f"the body has {n} members")],
                )


_SCALE_WORDS = add_keywords(("thousand", "million", "billion", "trillion", "bn", "mn", "m", "k", "b", "crore", "crores", "lakh", "lakhs", "tn"))


_GLUED_SCALE = rx.compile(r"(?<=\d)(?:bn|mn|m|tn|k)\b")


class ScaleMismatch(Rule):
    """The same amount given with different scales: "1.58 million barrels" in one place and "1.5
    to 1.6 billion barrels" in another, or "$3.2 billion deal" and "$3.2 million deal". The two
    figures must count the same thing (or the same currency for the same noun) and agree once
    the scale is set aside.

    Bad:
        Output reached 1.58 million barrels a day in May. The ministry put it at 1.5 to 1.6 billion barrels a day.
    Good:
        Output reached 1.58 million barrels a day in May. Reserves stand at 1.5 to 1.6 billion barrels.
    """

    code = "NL805"
    name = "scale-mismatch"
    category = "consistency"
    severity = Severity.warning
    summary = "The same amount given with different scales (million vs billion)"
    lists = {"consistency.count-classes": COUNT_CLASSES}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        vocab = word_table(doc).vocabulary
        prose = doc.prose
        if len(vocab & _SCALE_WORDS) < 2 and not ("€" in prose or "£" in prose or "$" in prose or "₹" in prose):
            return  # two different scales are needed
        t = word_table(doc)
        classes = count_classes(ctx)
        near: dict[int, Quantity] = {}
        spots = [t.starts[i] for i in hits_of(doc, _SCALE_WORDS)]
        if "€" in prose or "£" in prose or "$" in prose or "₹" in prose:  # "€3m", "$1.2bn"
            spots += [m.end() for m in _GLUED_SCALE.finditer(prose)]
        windows = [(max(0, p - 24), p) for p in spots]
        # a finding needs two figures whose scales are a thousand times apart: when the scale
        # words of the text ("million", "bn") hold no such pair, neither may those matched after
        # the figures in the windows (before they are parsed)
        if not _far_apart({SCALES[w] for w in vocab & _SCALE_WORDS}):
            if not _far_apart(set().union(*(scales_between(doc, a, b) for a, b in windows))):
                return
        for a, b in windows:
            for q in extract_between(doc, a, b, classes):
                near.setdefault(q.start, q)
        qs = [near[k] for k in sorted(near)]
        qs = [q for q in qs if q.scale > 1 and not q.vague and q.unit != "%"]
        things = {q.start: _thing(prose, q) for q in qs}
        qs = [q for q in qs if things[q.start]]
        if len(qs) < 2:
            return
        prose = doc.prose
        done = set()
        for i, a in enumerate(qs):
            for b in qs[i + 1:]:
                if a.scale == b.scale or things[a.start] != things[b.start] or a.unit != b.unit or b.start in done:
                    continue
                ratio = max(a.scale, b.scale) / min(a.scale, b.scale)
                small, big = (a, b) if a.scale < b.scale else (b, a)
                # the same amount once the scale is set aside: a range holds the other figure, or
                # the more precise figure rounds to the other ("1.58" -> "1.6")
                if ratio < 1000 or not _same_mantissa(small, big):
                    continue
                # the tail that follows must not mark a different measure ("a day" vs "a year")
                ta = prose[a.end:a.end + 12].split(".")[0].strip().lower()
                tb = prose[b.end:b.end + 12].split(".")[0].strip().lower()
                if ta.split()[:2] != tb.split()[:2] and any(w in ("a", "per", "each") for w in (ta.split() or [""])[:1] + (tb.split() or [""])[:1]):
                    continue
                yield self.finding(
                    b.start,
                    b.end,
                    f"'{_q(doc, b)}' and '{_q(doc, a)}' give the same amount with different scales",
                    related=[Related(a.start, a.end, "the same amount, another scale")],
                )
                done.add(b.start)


def _far_apart(scales: set[float]) -> bool:
    """Two of the scales are a thousand times apart or more."""
    return bool(scales) and max(scales) / min(scales) >= 1000


_FOR_THING = rx.compile(r"\s+(?:for|of|on)\s+(?:the|a|an|its|their|his|her)\s+([a-z]+(?:\s+[a-z]+)?)")
_THING_STOP = frozenset("of to in on at by for from with and or but that which who was were is are has had will".split())


def _thing(prose: str, q: Quantity) -> str:
    """What an amount counts or pays for: its noun ("barrels"), or for money without one the
    noun phrase after "for the"/"of the" ("$1.2bn for the port stake" -> "port stake")."""
    if q.noun:
        return q.cls
    if not q.unit:
        return ""
    m = _FOR_THING.match(prose, q.end)
    if not m:
        return ""
    words = m.group(1).split()
    while words and words[-1] in _THING_STOP:
        words.pop()
    return " ".join(words)


def _same_mantissa(a: Quantity, b: Quantity) -> bool:
    ma = (a.low / a.scale, a.high / a.scale)
    mb = (b.low / b.scale, b.high / b.scale)
    ra, rb = ma[0] != ma[1] and not a.hedge, mb[0] != mb[1] and not b.hedge
    if ra or rb:
        (lo, hi), x = (ma, b.mantissa) if ra else (mb, a.mantissa)
        return lo * 0.999 <= x <= hi * 1.001
    x, y = a.mantissa, b.mantissa
    if x == y:
        return True
    for u, v in ((x, y), (y, x)):
        decimals = len(repr(float(v)).split(".")[1].rstrip("0")) if "." in repr(float(v)) else 0
        if v == int(v):
            decimals = 0
        if round(u, decimals) == v:
            return True
    return False



RULES = [FigureContradiction, PartsAndWhole, ScaleMismatch]
