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
from typing import Iterator, NamedTuple

from .. import rx
from ..analysis.keywords import add_keywords, hits_of
from ..analysis.quantities import (
    COUNT_CLASSES,
    INF,
    QTY,
    SCALES,
    CURRENCIES,
    Quantity,
    candidates_between,
    count_classes,
    counts,
    extract,
    extract_between,
    fmt_amount,
    parse_number,
    scales_between,
)
from ..analysis.sources import singular
from ..analysis.statements import entities, sentence_span
from ..analysis.tables import RowRole, table_blocks
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
    X above Y; an increment and the earlier figure against a stated total; a range written high
    to low ("between $120 million and $90 million", "ranging from 40 to 25 days": not a fall "from
    120 to 90", nor "the gap between 120 and 90"). Hedges become intervals
    (see ``newslint.analysis.quantities``), and "approximately" allows ten per cent either way. The two
    statements must share a named actor and neither may be qualified by a time of its own ("by
    March", "so far"). Restating a figure, or giving a rounder one, is not reported.

    Bad:
        North Korea has sent up to 12,000 troops to Russia, officials said. Seoul's military said North Korea had dispatched at least 3,000 additional soldiers to Russia, following approximately 11,000 previous deployments.
        ---
        The army said Russia had sent up to 5,000 troops. Ukraine's ministry said Russia had sent at least 6,000 troops.
        ---
        The company expects savings of between $120 million and $90 million a year.
    Good:
        North Korea has sent up to 15,000 troops to Russia, officials said. Seoul's military said North Korea had dispatched at least 3,000 additional soldiers to Russia, following approximately 11,000 previous deployments.
        ---
        North Korea has sent approximately 11,000 troops to Russia, officials said. Reports suggest up to 11,000 North Korean troops are in the Kursk region.
        ---
        Russia has sent up to 5,000 troops, Kyiv said. Belarus sent at least 6,000 soldiers, Minsk said.
        ---
        The company expects savings of between $90 million and $120 million a year, up from $120 million to $90 million.
    """

    code = "NL801"
    name = "figure-contradiction"
    category = "consistency"
    severity = Severity.warning
    summary = "Figures for the same thing that cannot all be true"
    lists = {"consistency.count-classes": COUNT_CLASSES}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        yield from self._reversed_ranges(doc)
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

    def _reversed_ranges(self, doc: Document) -> Iterator[Finding]:
        """A range written high to low: "between $120 million and $90 million", "ranging from 40
        to 25 days". A fall ("from 120 to 90") is no range, and "the gap between 120 and 90"
        compares two figures."""
        t = word_table(doc)
        if not t.vocabulary & {"between", "ranging", "range", "ranges", "ranged", "anywhere", "somewhere"}:
            return
        prose = doc.prose
        for i in hits_of(doc, _RANGE_WORDS):
            p = t.starts[i]
            m = _RANGE.match(prose, p)
            if not m or _NOT_RANGE.search(prose, max(0, p - 40), p):
                continue
            ga, gb = ("a", "b") if m.group("a") else ("a2", "b2")
            qs = extract_between(doc, m.start(ga), m.end())
            if len(qs) == 1 and ga == "a2" and qs[0].num_start == m.start(ga) and qs[0].num_end > m.start(gb):
                # "from 40 to 25 days" is read as one figure, its ends in order: read them as written
                r = QTY.match(prose, m.start(ga))
                if r and r.group("num2") and not qs[0].hedge:
                    x = parse_number(r.group("num"), r.group("scale") or r.group("scale2"))
                    y = parse_number(r.group("num2"), r.group("scale2") or r.group("scale"))
                    if x is not None and y is not None and x > y * 1.0001:
                        yield self.finding(
                            qs[0].start,
                            qs[0].end,
                            f"A range written high to low: '{doc.text[r.start():r.end()]}' (a range gives its lower end first)",
                        )
                continue
            if len(qs) != 2 or qs[0].num_start != m.start(ga) or qs[1].num_start != m.start(gb):
                continue
            a, b = qs
            if a.hedge or b.hedge or a.vague or b.vague or a.low != a.high or b.low != b.high or a.increment or b.increment:
                continue
            if a.unit != b.unit and a.unit and b.unit:
                continue
            lo, hi = a.value, b.value
            if a.scale == 1.0 and b.scale > 1.0 and not a.unit == "%":
                lo = a.mantissa * b.scale  # "between 120 and 90 million": the scale is shared
            if a.noun and b.noun and a.cls != b.cls:
                continue  # "between 12 candidates and 3 seats": two things
            if lo > hi * 1.0001:
                yield self.finding(
                    a.start,
                    b.end,
                    f"A range written high to low: '{doc.text[a.start:b.end]}' (a range gives its lower end first)",
                    related=[Related(b.start, b.end, "the upper end written second")],
                )


_RANGE_WORDS = add_keywords(("between", "ranging", "range", "ranges", "ranged", "anywhere", "somewhere"))
# a range's two ends: "between A and B", "ranging from A to B", "anywhere from A to B"
_RANGE = rx.compile(
    r"(?:between\s+(?P<a>[$€£¥₹]?\d[\d,.]*)[^.;:,\n]{0,24}?\s+and\s+(?P<b>[$€£¥₹]?\d)"
    r"|(?:ranging|ranges?|ranged|anywhere|somewhere)\s+(?:\w+\s+){0,2}?from\s+(?P<a2>[$€£¥₹]?\d[\d,.]*)[^.;:,\n]{0,24}?\s+to\s+(?P<b2>[$€£¥₹]?\d))",
    re.I,
)
# "between" that compares or chooses, not a range
_NOT_RANGE = rx.compile(
    r"\b(?i:difference|differences|gap|gulf|spread|choice|choose|chose|choosing|decide|deciding|ratio|split|divided|"
    r"distinction|contrast|margin|distance|swap|switch|alternat\w*|relationship|link|correlation|match|game|tie|draw|"
    r"vote|votes|tally|score|final|respectively)\b[^.;]*\Z"
)


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


# --- tables whose Total row is not the sum of their rows -----------------------------------------
#: the label of a total row: "Total", "**Total**", "Grand total", "Total votes", "All", "All heads",
#: "Overall" (not "All other", a row of its own, nor "Subtotal")
_TOTAL_LABEL = rx.compile(
    r"(?i:(?:grand\s+)?totals?(?:\b[^|]{0,30})?|all(?:\s+(?!others?\b)[\w'’-]+){0,2}|overall|combined|altogether)\s*:?"
)
#: a row that is itself a part of another row or a sum of some: left out of the sum
_SUBTOTAL_LABEL = rx.compile(r"(?i:sub-?\s?totals?|of which|o/w|incl(?:uding|\.)?|of whom|among them|net\b|less\b|minus\b)")
#: a column that is not added up: shares, averages, rates, changes, prices, ranks, years, ages
_NOT_ADDED = rx.compile(
    r"(?i:%|per\s?cent|percent|pct|share|average|avg|mean|median|rate|ratio|\bper\b|index|rank|change|growth|margin|"
    r"turnout|price|\bage\b|year|\bno\.|#|swing|±|\+/-|score|points?\b|cumulative|running|to date|seats? won|"
    r"density|capita|yield|return|max|min|high|low|peak|record|\bvs\b|difference|gap)"
)
_CELL_AMOUNT = rx.compile(
    r"(?P<cur>[$€£₹¥]|Rs\.?\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s*(?P<scale>thousand|million|billion|crores?|lakhs?|bn|mn|m|k|cr)?"
)
_NIL_CELL = frozenset(("-", "–", "—", "nil", "0"))
_TABLE_SCALE = rx.compile(r"(?i:\b(thousand|million|billion|crores?|lakhs?|bn|mn|m|cr|k)\b|[$€£₹¥](bn|m|k)\b)")
_ROUNDING = rx.compile(r"(?i:\brounding\b|\brounded\b|may not (?:add|sum)|do(?:es)? not (?:add|sum) (?:up )?(?:exactly|to 100))")
#: a plain row: a label, a separator (colon, tab, two spaces, a dash or a run of dots), one amount
_PLAIN_ROW = rx.compile(
    r"[ \t]*(?:[-*•][ \t]+)?(?P<label>\**[A-Z][^:\t|]{0,40}?\**)[ \t]*(?::|\t+| {2,}| [–—-] |\.{3,})[ \t]*"
    r"(?P<cell>\**(?:[$€£₹¥]|Rs\.?\s?)?\d[\d,.]*(?:\s*(?:thousand|million|billion|crores?|lakhs?|bn|mn|m|k))?\**)[ \t]*\Z"
)


class _Column(NamedTuple):
    """One column of figures of a table: its header, the rows' cells and the total row's."""

    header: str
    labels: list[str]  # the rows' labels, in order (the total row's left out)
    cells: list[tuple[str, int, int]]  # each row's cell text and span in the text
    total: tuple[str, int, int]  # the total row's cell
    total_label: str


def _cell_value(s: str) -> tuple[float, int, float] | None:
    """A cell's figure, its decimals and its scale; None when the cell is not one figure."""
    s = s.strip().strip("*_").strip()
    if s in _NIL_CELL:
        return 0.0, 0, 1.0
    m = _CELL_AMOUNT.fullmatch(s)
    if not m:
        return None
    num = m.group("num")
    scale = m.group("scale")
    mult = 1.0
    if scale:
        mult = 1e7 if scale.lower() == "cr" else SCALES.get(scale.lower(), 1.0)
    decimals = len(num.split(".")[1]) if "." in num else 0
    return float(num.replace(",", "")), decimals, mult


def _is_total_label(label: str) -> bool:
    s = label.strip().strip("*_").strip()
    return bool(s) and _TOTAL_LABEL.fullmatch(s) is not None and not _SUBTOTAL_LABEL.match(s)


def _pipe_columns(doc: Document) -> Iterator[_Column]:
    """The figure columns of the pipe tables that have a total row (first or last data row)."""
    text = doc.text
    for b in table_blocks(doc):
        if not b.judged or b.header is None or any(d.role is not RowRole.ROW for d in b.data):
            continue
        rows = [d.row for d in b.data if d.columns == b.columns and len(d.row.cells) == b.columns]
        if len(rows) != len(b.data) or len(rows) < 3 or b.columns < 2:
            continue
        cells = [[text[c.start:c.end] for c in r.cells] for r in rows]
        totals = [k for k, r in enumerate(cells) if _is_total_label(r[0])]
        if not totals:  # a last row of bold figures under an empty label
            last = cells[-1]
            if not last[0].strip("* ") and all(c.startswith("**") or not c for c in last[1:]) and any(last[1:]):
                totals = [len(cells) - 1]
        if len(totals) != 1 or totals[0] not in (0, len(cells) - 1):
            continue  # several total rows (sections, subtotals) or one in the middle: not judged
        k = totals[0]
        body = [j for j in range(len(rows)) if j != k]
        head = [text[c.start:c.end] for c in b.header.cells]
        for col in range(1, b.columns):
            if col >= len(head):
                break
            yield _Column(
                head[col] + " " + head[0],
                [cells[j][0] for j in body],
                [(cells[j][col], rows[j].cells[col].start, rows[j].cells[col].end) for j in body],
                (cells[k][col], rows[k].cells[col].start, rows[k].cells[col].end),
                cells[k][0].strip().strip("*_").strip() or "bold",
            )


def _plain_columns(doc: Document) -> Iterator[_Column]:
    """Runs of plain lines "Label: figure" ending (or starting) with a total line."""
    run: list = []
    lines = doc.lines
    for n, line in enumerate(lines + [None]):
        m = None
        if line is not None and line.kind in ("text", "list", "label") and len(line.text) <= 90:
            m = _PLAIN_ROW.match(line.text)
        if m:
            run.append((line, m))
            continue
        if line is not None and line.kind == "blank" and run and n + 1 < len(lines) and lines[n + 1].kind != "blank":
            continue  # a blank line between rows
        if len(run) >= 3:
            labels = [mm.group("label") for _, mm in run]
            totals = [k for k, lab in enumerate(labels) if _is_total_label(lab)]
            if len(totals) == 1 and totals[0] in (0, len(run) - 1):
                k = totals[0]
                body = [j for j in range(len(run)) if j != k]
                cells = [(mm.group("cell"), ln.start + mm.start("cell"), ln.start + mm.end("cell")) for ln, mm in run]
                yield _Column("", [labels[j] for j in body], [cells[j] for j in body], cells[k],
                              labels[k].strip().strip("*_").strip())
        run = []


def _column_sum(col: _Column, text: str) -> tuple[float, float, float, list[int]] | None:
    """The rows' sum, the total, the slack rounding allows and the rows summed; None when the
    column is not one of amounts that add up to its total."""
    if _NOT_ADDED.search(col.header) or "%" in col.total[0]:
        return None
    vals = []
    for s, _, _ in col.cells + [col.total]:
        if "%" in s:
            return None
        v = _cell_value(s)
        if v is None:
            return None
        vals.append(v)
    if len({m for _, _, m in vals if m != 1.0}) > 1 or any(m == 1.0 for _, _, m in vals) and any(m != 1.0 for _, _, m in vals[:-1]):
        mults = [m for _, _, m in vals]
    else:
        mults = [1.0] * len(vals)
    figures = [v * m for (v, _, _), m in zip(vals, mults)]
    total = figures[-1]
    rows = [k for k, lab in enumerate(col.labels) if not _SUBTOTAL_LABEL.match(lab.strip().strip("*_").strip()) and not lab.startswith((" ", "\u00a0"))]
    parts = [figures[k] for k in rows]
    if len(parts) < 2 or total <= 0 or any(p < 0 for p in parts):
        return None
    got = sum(parts)
    if not (total > max(parts) and 0.5 * got < total < 2 * got):
        return None  # not a sum of these rows (an average, a different measure)
    decimals = max(d for _, d, _ in vals)
    unit = 10.0 ** -decimals * max(mults)
    zeros = 0
    if decimals == 0:
        zeros = min(len(s) - len(s.rstrip("0")) for s in (f"{v:.0f}" for v, _, _ in vals if v))
        unit = 10.0 ** zeros * max(mults) if zeros else max(mults)
    slack = 0.5 * unit * (len(parts) + 1) if decimals or zeros >= 2 or _TABLE_SCALE.search(col.header) else 0.0
    return got, total, slack, rows


def _explained(col: _Column, diff: float, slack: float) -> bool:
    slack = slack / (len(col.cells) + 1)  # half the last place: the run must be the difference
    """The difference is a row or a run of rows: a subtotal counted twice, or rows left out of
    the total on purpose."""
    vals = []
    for s, _, _ in col.cells:
        v = _cell_value(s)
        vals.append(v[0] * v[2] if v else 0.0)
    for i in range(len(vals)):
        run = 0.0
        for j in range(i, len(vals)):
            run += vals[j]
            if abs(run - abs(diff)) <= slack + 1e-9 * max(1.0, abs(diff)):
                return True
    return False


_OTHER_ROW = rx.compile(r"(?i:others?\b|all others|rest\b|remaining|remainder|miscellaneous|misc\.?|other\s+\w+|independents?|write-ins?|unallocated|unspent)")
_PCT_HEADER = rx.compile(r"(?i:%|per\s?cent|percent|pct|share)")


def _shares_complete(doc: Document, cols: list[_Column], rows: list[int]) -> bool:
    """A share column of the same table sums to 100 (within rounding) over the same rows."""
    for c in cols:
        if not (_PCT_HEADER.search(c.header) or all("%" in s for s, _, _ in c.cells)):
            continue
        vals = [_cell_value(s.replace("%", "")) for s, _, _ in c.cells]
        if any(v is None for v in vals):
            continue
        got = sum(vals[k][0] for k in rows)
        decimals = max(v[1] for v in vals)
        if abs(got - 100) <= max(1.0, 0.5 * 10.0 ** -decimals * len(rows)):
            return True
    return False


def _adds_up(cols: list[_Column], col: _Column, text: str) -> bool:
    """Another column of the table adds up to its total exactly: the rows are all there."""
    for c in cols:
        if c is col:
            continue
        found = _column_sum(c, text)
        if found and abs(found[0] - found[1]) <= 1e-9 * max(1.0, found[1]):
            return True
    return False


def _row_totals(doc: Document) -> Iterator[tuple[int, int, str, float, float, list[str]]]:
    """The rows of a pipe table whose cell under a "Total" column is not the sum of the row's
    other figures, when the other rows show that it is their sum: (start, end, cell, sum,
    total, the columns summed)."""
    text = doc.text
    for b in table_blocks(doc):
        if not b.judged or b.header is None or b.columns < 4 or any(d.role is not RowRole.ROW for d in b.data):
            continue
        head = [text[c.start:c.end].strip().strip("*_").strip() for c in b.header.cells]
        tcols = [j for j, h in enumerate(head) if j and _TOTAL_LABEL.fullmatch(h) and not _SUBTOTAL_LABEL.match(h)]
        if len(tcols) != 1 or tcols[0] != len(head) - 1:
            continue
        k = tcols[0]
        adds = [j for j in range(1, k) if not _NOT_ADDED.search(head[j])]
        if len(adds) < 2 or len(adds) != k - 1:
            continue
        rows = []
        for d in b.data:
            cells = [text[c.start:c.end] for c in d.row.cells]
            if len(cells) != len(head) or any("%" in cells[j] for j in adds + [k]):
                break
            vals = [_cell_value(cells[j]) for j in adds + [k]]
            if any(v is None or v[2] != 1.0 or v[1] for v in vals):
                break
            rows.append((d.row.cells[k], cells[k], sum(v[0] for v in vals[:-1]), vals[-1][0]))
        else:
            good = sum(1 for r in rows if r[2] == r[3])
            bad = [r for r in rows if r[2] != r[3]]
            if len(bad) == 1 and good >= 2:
                c, cell, got, total = bad[0]
                yield c.start, c.end, cell, got, total, [head[j] for j in adds]


def table_totals(doc: Document) -> Iterator[tuple[_Column, float, float, list[int], list[_Column]]]:
    """The columns of figures whose total row is not the sum of the rows above it (rounding
    allowed): (column, sum, total, rows summed, the table's other columns)."""
    text = doc.text
    if "otal" not in text and "All" not in text and "Overall" not in text and "**" not in text and "ombined" not in text:
        return
    if _ROUNDING.search(doc.prose):
        return  # "figures may not add up because of rounding"
    tables: dict[int, list[_Column]] = {}
    for col in list(_pipe_columns(doc)) + list(_plain_columns(doc)):
        # the columns of one table share the line of their total row
        tables.setdefault(bisect.bisect_right(doc.line_starts, col.total[1]), []).append(col)
    for cols in tables.values():
        for col in cols:
            found = _column_sum(col, text)
            if found is None:
                continue
            got, total, slack, rows = found
            diff = got - total
            if abs(diff) <= slack + 1e-9 * max(1.0, total):
                continue
            if _explained(col, diff, slack):
                continue
            if diff < 0 and not (any(_OTHER_ROW.match(col.labels[k].strip().strip("*_").strip()) for k in rows)
                                 or _shares_complete(doc, [c for c in cols if c is not col], rows)
                                 or _adds_up(cols, col, text)):
                continue  # rows fewer than the total may be a partial list: "the five largest"
            yield col, got, total, rows, cols


_HYPHEN_SCALE = rx.compile(r"-(thousand|million|billion|crore|lakh)\b")


def _restated(doc: Document, ctx: Context, col: _Column, total: float) -> list[Quantity]:
    """The figures of the text that give a table's total again: the same number, in the scale
    and currency the table's header names ("Allocation (₹ crore)": "₹4,215 crore")."""
    prose = doc.prose
    m = _TABLE_SCALE.search(col.header)
    scale = 1.0
    if m:
        w = (m.group(1) or m.group(2)).lower()
        scale = 1e7 if w == "cr" else SCALES.get(w, 1.0)
    cur = next((CURRENCIES[c] for c in ("₹", "$", "€", "£", "¥") if c in col.header), "")
    out = []
    for q in extract(doc, ctx):
        if q.hedge or q.vague or q.low != q.high or q.unit == "%" or (q.unit and cur and q.unit != cur):
            continue
        qscale = q.scale
        if qscale == 1.0:
            h = _HYPHEN_SCALE.match(prose, q.num_end)
            if h:
                qscale = SCALES[h.group(1)]
        if abs(q.mantissa * qscale - total * scale) <= 1e-9 * total * scale:
            line = doc.lines[bisect.bisect_right(doc.line_starts, q.start) - 1]
            if line.kind != "table" and not _PLAIN_ROW.match(line.text):
                out.append(q)
    return out


class PartsAndWhole(Rule):
    """Parts that exceed or do not add up to the whole they belong to: a list of figures followed
    by "in total" or "a total of" that they do not sum to; parts introduced by "including" or
    "of whom" that exceed the whole; a vote tally larger than the body voting ("the 45-member
    council voted 30-17"); shares of one whole that add up to more than 100 per cent ("54% backed
    the plan, 39% opposed it and 12% were undecided"). A correct tally gives no finding, and
    percentages that describe changes or different groups are not added. A table's Total row (or
    "All", "Overall", a bold last row, a Total column) against the sum of its rows, rounding allowed
    and subtotals, share columns and averages left out; a total larger than the rows needs a sign
    that they are all there (an "Other" row, shares that make 100, another column that adds up).
    The same total in the text is named with it.

    Bad:
        The storm killed 12 people in Ohio, 8 in Indiana and 5 in Kentucky, 27 in total, officials said.
        ---
        The 45-member council voted 30-17 to approve the budget.
        ---
        In the poll, 54% backed the plan, 39% opposed it and 12% were undecided.
        ---
        Mendez took 51.4% of the 18,312 votes cast.

        | Candidate | Votes | Share |
        |---|---|---|
        | Lorena Mendez | 9,412 | 51.4% |
        | Dale Hutchins | 5,930 | 32.4% |
        | Kevin Oyelaran | 2,155 | 11.8% |
        | Sandra Pike | 806 | 4.4% |
        | Total | 18,312 | 100% |
    Good:
        The storm killed 12 people in Ohio, 8 in Indiana and 5 in Kentucky, 25 in total, officials said.
        ---
        The 72-member senate voted 53-17 with two abstentions to approve the budget.
        ---
        In the poll, 54% backed the plan, 39% opposed it and 7% were undecided.
        ---
        Spending by head:

        | Head | Allocation (£m) | Share |
        |---|---|---|
        | Schools | 12.4 | 52% |
        | Roads | 8.1 | 34% |
        | Parks | 3.3 | 14% |
        | **Total** | **23.9** | **100%** |
    """

    code = "NL804"
    name = "parts-exceed-whole"
    category = "consistency"
    severity = Severity.warning
    summary = "Parts that exceed or do not add up to a stated whole"
    lists = {"consistency.count-classes": COUNT_CLASSES}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        yield from self._table_totals(doc, ctx)
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

    def _table_totals(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """A table's total row against the sum of its rows, and the same total in the text."""
        for col, got, total, rows, _ in table_totals(doc):
            cell, a, b = col.total
            names = {k: col.labels[k].strip().strip("*_").strip() for k in rows}
            listed = list(names.values())
            listed = ", ".join(listed) if len(listed) <= 6 else ", ".join(listed[:5]) + f" and {len(listed) - 5} more"
            written = cell.strip().strip("*_").strip()
            related = [Related(col.cells[k][1], col.cells[k][2], f"a row summed: {names[k]}") for k in (rows[0], rows[-1])]
            for q in reversed(_restated(doc, ctx, col, total)):
                related.insert(0, Related(q.start, q.end, f"the same total in the text: {_q(doc, q)}"))
            what = "the Total row" if col.total_label.lower().startswith("total") else f"the '{col.total_label}' row"
            yield self.finding(
                a,
                b,
                f"The rows ({listed}) add up to {fmt_amount(got)}, not the {written} in {what}"
                + (" and in the text" if len(related) > 2 else ""),
                related=related,
            )
        if "|" in doc.text and ("otal" in doc.text or "All" in doc.text):
            for a, b, cell, got, total, heads in _row_totals(doc):
                yield self.finding(
                    a,
                    b,
                    f"{' + '.join(heads)} in this row add up to {fmt_amount(got)}, not the {cell.strip().strip('*_')} "
                    f"in the total column (the other rows add up)",
                )

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
            # the parts are listed in the whole's clause: "Of the 48 seats, 12 changed hands,
            # including the Market ward, where the leader lost by 38 votes" lists one part
            brk = _CLAUSE_BREAK.search(prose, whole.end, e)
            inner = _INCLUDING.search(prose, whole.end, e)
            stop = min(x.start() for x in (brk, inner) if x) if brk or inner else e
            parts = [q for q in group if whole.end < q.start < stop and q.unit == "" and not q.vague]
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
    figures must count the same thing (or the same currency for the same noun: money for a deal, a
    contract or an award is one thing) and agree once the scale is set aside; the other scale's
    restatements (a headline's) are named too.

    Bad:
        Output reached 1.58 million barrels a day in May. The ministry put it at 1.5 to 1.6 billion barrels a day.
        ---
        Harrowgate lands £1.2bn rail depot deal

        Analysts said the £1.2m contract would lift the order book by a third.
    Good:
        Output reached 1.58 million barrels a day in May. Reserves stand at 1.5 to 1.6 billion barrels.
        ---
        Harrowgate lands £1.2bn rail depot deal

        It paid £1.2m for the design study.
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
        every = qs
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
                # the other scale's amount as the article gives it elsewhere too (the headline's
                # "£1.2bn ... deal" beside the lede's "£1.2bn contract")
                again = [q for q in every if q.start not in (a.start, b.start) and q.unit == a.unit and q.scale == a.scale
                         and q.low == a.low and q.high == a.high and not q.hedge and not a.hedge]
                yield self.finding(
                    b.start,
                    b.end,
                    f"'{_q(doc, b)}' and '{_q(doc, a)}' give the same amount with different scales",
                    related=[Related(a.start, a.end, "the same amount, another scale")]
                    + [Related(q.start, q.end, "the same amount again") for q in again[:3]],
                )
                done.add(b.start)


def _far_apart(scales: set[float]) -> bool:
    """Two of the scales are a thousand times apart or more."""
    return bool(scales) and max(scales) / min(scales) >= 1000


_FOR_THING = rx.compile(r"\s+(?:for|of|on)\s+(?:the|a|an|its|their|his|her)\s+([a-z]+(?:\s+[a-z]+)?)")
_THING_STOP = frozenset("of to in on at by for from with and or but that which who was were is are has had will".split())


#: what a sum of money is paid under: one thing whichever word the article uses for it
_DEAL_WORDS = frozenset("deal contract agreement award takeover acquisition order".split())
_NEXT_WORDS = rx.compile(r"(?:[\s-]+[A-Za-z][\w'’-]*){1,5}")


def _thing(prose: str, q: Quantity) -> str:
    """What an amount counts or pays for: its noun ("barrels"), or for money without one the
    noun phrase after "for the"/"of the" ("$1.2bn for the port stake" -> "port stake"); money
    for a deal, a contract or an award is a "deal" ("£1.2bn Midlands rail depot deal")."""
    if q.unit and q.unit != "%":
        m = _NEXT_WORDS.match(prose, q.num_end)
        for w in (m.group().replace("-", " ").lower().split() if m else ()):
            if w in _DEAL_WORDS:
                return "deal"
            if w in _THING_STOP or w in ("the", "a", "an", "its", "their"):
                break  # the compound noun ends: "£1.2m for the deal" pays for something else
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



# --- NL816 transposed digits --------------------------------------------------------------------
# a figure with what it measures: a currency before it, a scale and a unit after it, or the word
# it counts ("23 people", "142mm", "$48.2 million", "the 34-kilometre line", "N945")
# the numbers of a text, for a first look (findall, in C)
_NUMBERS = rx.compile(r"\d[\d,]*(?:\.\d+)?")
_FIGURE = rx.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,.]*\d)(?![:/]\d)(?![-–]\d)")
# what follows a figure: its scale, unit and the words that may say what it counts
_FIGURE_TAIL = rx.compile(
    r"(?:\s?(?P<scale>m|bn|k|million|billion|thousand|crore|lakh)\b)?"
    r"(?:\s?-?\s?(?P<unit>%|per ?cent\b|percent\b|mm\b|cm\b|km\b|millimet(?:re|er)s?\b|centimet(?:re|er)s?\b|kilomet(?:re|er)s?\b|miles?\b|hectares?\b|ha\b|acres?\b|kg\b|"
    r"tonnes?\b|metres?\b|meters?\b|mph\b|km/h\b|points?\b|votes?\b))?"
    r"(?:\s+(?P<noun>[a-z]{3,})(?:\s+(?P<noun2>[a-z]{3,}))?)?"
)
# what may stand right before a figure: its currency ("$", "US$", "Rs ", "N", "R"), and before
# that no word character, point, comma or slash (the figure opens there); matched backwards from
# the figure's first digit (the figure pattern opens with a digit, so re finds its starts fast)
_CURRENCY_BEFORE = rx.compile(r"(?<![\w.,/:#-])(?P<cur>[$€£₹¥]|(?:US|A|C|NZ|S|HK)\$|Rs\.?\s?|KSh\s?|N|R)?\Z")
_UNIT_SAME = {"millimetre": "mm", "millimetres": "mm", "millimeter": "mm", "millimeters": "mm", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km", "hectare": "ha", "hectares": "ha",
              "per cent": "%", "percent": "%", "percent ": "%", "mile": "miles", "acre": "acres", "tonne": "tonnes",
              "metre": "metres", "meter": "metres", "meters": "metres", "point": "points", "vote": "votes"}
_SCALE_SAME = {"m": "million", "bn": "billion", "k": "thousand"}
#: words after a figure that are no counted noun
_NOT_NOUNS = frozenset("and or the of in on at to for by from with per a an as than more less over under about who which that was were is are has have had".split())


class TransposedDigits(Rule):
    """One figure written twice with two digits swapped: "killing at least 23 people" and, later,
    "of the 32 people who died"; "142mm of rain" and "the 124mm that fell"; "the 43km line" and
    "the 34-kilometre line". Two figures measuring the same thing (the same currency, scale and
    unit, or the same counted word) in different sentences whose digits differ only by a swap of
    two neighbours are almost always one figure typed wrong once. Years, times, scores, tables and
    figures joined in one sentence ("rose from 34 to 43") are left alone.

    Bad:
        The storm dropped 142mm of rain on the town. Residents said the 124mm that fell overnight flooded 30 homes.
        ---
        The outbreak has killed 23 people, officials said. Of the 32 people who have died, 19 were children.
    Good:
        The storm dropped 142mm of rain on the town, up from 124mm in the storm of 2019.
        ---
        The outbreak has killed 23 people, officials said. Another 32 people remain in hospital.
    """

    code = "NL816"
    name = "transposed-digits"
    category = "consistency"
    severity = Severity.warning
    summary = "One figure given twice with two neighbouring digits swapped"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        # the figures of two digits or more, by their digits: a swap keeps the digits, so only
        # figures with the same ones can be a pair, and most articles have none
        alike: dict[str, set[str]] = {}
        for num in set(_NUMBERS.findall(prose)):  # in C; a figure repeated is looked at once
            num = num.rstrip(",")
            digits = num.replace(",", "").replace(".", "")
            if len(digits) < 2 or digits[0] == "0" or len(digits) == 4 and "," not in num and "1800" <= digits <= "2100":
                continue  # "0.5"; a year (a year with a unit or currency is rare enough to lose)
            alike.setdefault("".join(sorted(digits)), set()).add(num)
        wanted = [n for v in alike.values() if len(v) > 1 and _any_swap(v) for n in v]
        if not wanted:
            return
        # the figures with those digits, found where their text is (str.find) and read there
        found = {i: m for i in offsets_of(prose, wanted) for m in [_FIGURE.match(prose, i)]
                 if m and (i == 0 or not (prose[i - 1].isdigit() or prose[i - 1] in ",."))}
        figs = [f for f in (_figure(doc, prose, found[i]) for i in sorted(found)) if f is not None]
        if len(figs) < 2:
            return
        # a sentence giving three or more figures of one measure breaks something down ("£55m for
        # the vessels, £21m for the linkspans and £8m for the terminal"): its figures are parts,
        # and a part may well be another figure's digits swapped
        parts: dict[tuple, int] = {}
        for i in {f.sentence for f in figs if f.sentence >= 0}:
            for m in _FIGURE.finditer(prose, doc.sentences[i].start, doc.sentences[i].end):
                f = _figure(doc, prose, m, short=True)
                if f is not None:
                    parts[_part_key(f)] = parts.get(_part_key(f), 0) + 1
        figs = [f for f in figs if parts.get(_part_key(f), 0) < 3]
        reported: set[int] = set()
        for j, b in enumerate(figs):
            for a in figs[:j]:
                if a.sentence == b.sentence or b.start in reported or not _swap(a.digits, b.digits) or not _same_measure(a, b):
                    continue
                if a.measured and b.measured and a.measured != b.measured:
                    continue  # "sales of 34.2 billion euros" and "revenue ... to 43.2 billion euros": two quantities
                if not b.definite and not ((a.cur or a.unit) and len(a.digits.rstrip("0")) >= 3):
                    continue  # two counts that meet by chance ("captured 48", "exchanged 84"), unless one points back
                reported.add(b.start)
                yield self.finding(
                    b.start,
                    b.end,
                    f"'{prose[b.start:b.end]}' here and '{prose[a.start:a.end]}' earlier differ only by two swapped digits: "
                    f"one of them is probably mistyped",
                    related=[Related(a.start, a.end, f"the same figure earlier: {prose[a.start:a.end]}")],
                )
                break


def _figure(doc: Document, prose: str, m: re.Match, short: bool = False) -> "_Fig | None":
    """The figure of a _FIGURE match with what it measures, or None where it is no figure to
    compare (inside a word or code, a year, a two-digit share, a table). ``short`` keeps the
    figures of one digit (they count in a breakdown) and skips the look-back."""
    c = _CURRENCY_BEFORE.search(prose, max(0, m.start() - 5), m.start())
    if c is None:
        return None  # inside a word, a code or a longer number ("A320", "v2.4")
    num = m.group("num")
    digits = num.replace(",", "")
    whole, _, frac = digits.partition(".")
    tail = _FIGURE_TAIL.match(prose, m.end())
    cur, scale, unit, noun = c.group("cur"), tail.group("scale"), tail.group("unit"), tail.group("noun")
    if not short:
        if len(whole + frac) < 3 and (frac or unit and unit[0] in "%p"):
            return None  # "4.5" and "5.4", "38%" and "83%": two-digit shares and rates meet by chance
        if not cur and not unit and not frac and "," not in num and 1800 <= int(whole) <= 2100:
            return None  # a year
        if doc.line_of(m.start()).kind in ("table", "code", "heading"):
            return None
    u = " ".join((unit or "").lower().split())
    # what it counts: the word after it, or the one after that ("31,200 initial decisions"), up
    # to a function word ("another 167 to avoid" counts nothing it names)
    nouns = []
    for w in (noun, tail.group("noun2")):
        if not w or w in _NOT_NOUNS:
            break
        w = singular(w)
        nouns.append(_PERSONS if w in _PERSON_NOUNS else w)
    start = c.start("cur") if cur else m.start()
    sentence = doc.sentence_index(m.start())
    definite, measured = False, ""
    if not short:
        definite = bool(_DEFINITE.search(prose, max(0, start - 40), start))
        lm = _MEASURED.search(prose, max(0, start - 60), start)
        measured = lm.group(1).lower().rstrip("s") if lm else ""
    return _Fig(
        whole + frac, len(frac), (cur or "").strip().rstrip("."), _SCALE_SAME.get(scale or "", scale or ""),
        _UNIT_SAME.get(u, u), frozenset(nouns), m.start("num"), m.end("num"), sentence, definite, measured,
        (sentence, (cur or "").strip(), scale or "", (unit or "").lower()),
    )


class _Fig(NamedTuple):
    digits: str  # the figure's digits, separators dropped
    decimals: int  # how many of them follow the decimal point
    cur: str
    scale: str
    unit: str
    noun: frozenset[str]  # the words after it that may say what it counts (singular; _PERSONS for people)
    start: int
    end: int
    sentence: int
    definite: bool  # "the 32 dead", "the new N954 price": a figure the reader was given before
    measured: str  # the quantity named before it ("sales of", "valuing the group at"), or ""
    measure: tuple  # (sentence, currency, scale, unit): its sentence's figures of one measure are counted


# a definite reference right before a figure: it points back to one already given
_DEFINITE = rx.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Tt]hose|[Tt]hese)\s+(?:[\w-]+\s+){0,2}(?:[$€£₹¥]|[A-Z]{1,3}\$|Rs\.?\s?|N|R)?$")
# the quantity a money figure measures, named before it: "sales of", "revenue climbed 3% to",
# "valuing the group at", "debt stood at"
_MEASURED = rx.compile(
    r"\b(revenues?|sales|turnover|profits?|loss(?:es)?|debts?|valu(?:e|ation|ing)|worth|costs?|prices?|budgets?|income|"
    r"earnings|deficit|surplus|funding|investment|fines?|bills?|spending|assets|reserves|exports|imports|fees?|salary|wages?)\b"
    r"[^.;:!?]{0,45}$",
    re.I,
)

_PERSONS = "<people>"
#: nouns that count people: "23 deaths" and "the 32 people who died" count the same kind of thing
_PERSON_NOUNS = frozenset(
    "person people dead death victim body resident patient fan spectator supporter staff employee worker student pupil "
    "passenger child adult casualty villager voter member".split()
)


def _part_key(f: _Fig) -> tuple:
    """What a figure is counted with in its sentence's breakdown: its measure, or its words."""
    return f.measure if f.cur or f.unit else (f.sentence, f.noun)


def _same_measure(a: _Fig, b: _Fig) -> bool:
    """Two figures that can be one: the same currency, scale and unit, and the same counted word;
    one of two figures of three significant digits or more may lack the word ("a crowd of 18,400"
    and "the 14,800 fans")."""
    if (a.cur, a.scale, a.unit, a.decimals) != (b.cur, b.scale, b.unit, b.decimals):
        return False
    if a.cur or a.unit or a.noun & b.noun:
        return True
    return (not a.noun) != (not b.noun) and len(a.digits.rstrip("0")) >= 3


def _any_swap(nums: set[str]) -> bool:
    """Whether two of the numbers (as written) have neighbouring digits swapped."""
    ds = sorted({n.replace(",", "").replace(".", "") for n in nums})
    return any(_swap(x, y) for i, x in enumerate(ds) for y in ds[i + 1 :])


def _swap(x: str, y: str) -> bool:
    """Whether y is x with two neighbouring digits swapped (and differs from it)."""
    if len(x) != len(y) or x == y:
        return False
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]


RULES = [FigureContradiction, PartsAndWhole, ScaleMismatch, TransposedDigits]
