"""Figures an article gives twice that cannot both be true (NL810-NL813), the fourth module of the
consistency family beside ``consistency``, ``dates`` and ``details``.

* NL810: one labelled item with two values: a list entry or table row against the prose
  ("China ... 2,192 deaths" and the row "China 80,026 2,912"), or two entries of one list.
* NL811: parts in one sentence that add up to more than the whole stated in a neighbouring one
  ("About 3,500 residents were ordered to leave" and "2,800 in X and 1,900 in Y").
* NL812: one outcome counted twice ("destroyed 120 homes" and "85 homes were destroyed"), and a
  figure said to have grown to less than it was ("14,200 acres" then "has grown to 9,800 acres").
* NL813: counts that words imply: a vote larger than the body ("the nine-member council voted
  7-3"), a number of things that its list does not have ("the three candidates, A, B, C and D").

Each finding names both places (``related``) and says why they cannot both hold. Precision comes
first: statements qualified by a time of their own, by "also", "another" or a place that the
other lacks are left alone.
"""
from __future__ import annotations

import bisect
import re
from itertools import compress
from typing import Iterator, NamedTuple

from .. import rx
from ..analysis.keywords import add_keywords, hits_of
from ..analysis.quantities import (
    COUNT_CLASSES,
    anchors_between,
    candidates_between,
    INF,
    NUMBER_WORDS,
    SCALES,
    Quantity,
    count_classes,
    extract_between,
    fmt_amount,
    interval,
    labelled_rows,
)
from ..analysis.statements import entities, sentence_span
from ..analysis.words import ODD_CASE, word_table
from ..document import Document, offsets_of
from ..finding import Finding, Related, Severity
from ..rule import Context, Rule


def _q(doc: Document, q: Quantity) -> str:
    return doc.text[q.start:q.end]


_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def _fmt(x: float, unit: str = "") -> str:
    return _SIGNS.get(unit, "") + fmt_amount(x)


# --- NL810: one company given two ranks ---------------------------------------------------------------
_SUPERLATIVE_KEYS = add_keywords("largest biggest busiest smallest oldest richest".split())
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
_RANK_PHRASE = rx.compile(
    r"\b(?:the\s+(?:(?P<scope1>country|nation|world|state|city|region|continent|province)['’]s\s+)?|(?P<scope3>[A-Z][a-z]+)['’]s\s+)"
    r"(?:(?P<ord>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th)[- ])?"
    r"(?P<sup>largest|biggest|busiest|smallest|oldest|richest)\s+(?P<noun>[a-z]+)\b"
    r"(?:\s+(?:in|of)\s+(?:the\s+(?P<scope2>country|nation|world|state|city|region|continent|province)\b|(?P<scope4>[A-Z][a-z]+)\b))?"
    r"(?:\s+by\s+(?P<by>[a-z]+))?"
)
# the sentence's subject, then the rank in its apposition, a relative clause or after "is"
_RANK_SUBJECT = rx.compile(
    r"\s*(?P<name>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})(?:,\s+(?:which|who|now)\b[^,;.]{0,80}?|,\s+|\s+(?:is|remains|became|has\s+become)\s+)\Z"
)
_RANK_OTHER_TIME = rx.compile(r"\b(?:was|were|had\s+been|former|formerly|once|until|previously|then|used\s+to|at\s+the\s+time|ago|(?:19|20)\d\d)\b")


# --- NL810: one labelled item, two values ---------------------------------------------------------
class LabelledValueConflict(Rule):
    """One labelled item given two different values: a sentence that restates a row of a list or
    table ("China has reported 80,026 cases and 2,192 deaths" against the row "China 80,026
    2,912"), or one list that gives its entry twice ("Norway: 6" and, lower down, "Norway: 2").
    The sentence must name that one label only, give as many figures as the row, in the same
    order, and agree with it on at least one of them (so that the row and the sentence are
    about the same things); the figure that then differs is reported, with the row related.
    Also one company given two ranks ("Carver Homes, the country's second-largest homebuilder"
    and "Carver, which ... became the largest homebuilder in the country").

    Bad:
        Chile has reported 12,408 cases and 316 deaths.

        Chile 12,408 361
        Peru 9,870 205
        Bolivia 4,122 98
        ---
        Medals so far:
        - Norway: 6
        - Sweden: 4
        - Finland: 3
        - Norway: 2
        ---
        Carver Homes, the country's second-largest homebuilder, said orders fell. Carver, which overtook Summit last year to become the largest homebuilder in the country, cut prices.
    Good:
        Chile has reported 12,408 cases and 361 deaths.

        Chile 12,408 361
        Peru 9,870 205
        Bolivia 4,122 98
        ---
        Chile has reported 12,408 cases, and Peru 205 deaths.

        Chile 12,408 361
        Peru 9,870 205
        Bolivia 4,122 98
        ---
        Carver Homes, the country's second-largest homebuilder, said orders fell. Summit, which overtook Carver last year to become the largest homebuilder in the country, cut prices.
    """

    code = "NL810"
    name = "labelled-value-conflict"
    category = "consistency"
    severity = Severity.warning
    summary = "One labelled item (a list entry or table row) given two different values"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        sups = hits_of(doc, _SUPERLATIVE_KEYS)
        if len(sups) >= 2:
            yield from self._ranks(doc, sups)
        rows = labelled_rows(doc)
        if not rows:
            return
        by_label: dict[str, list] = {}
        for r in rows:
            by_label.setdefault(r.label, []).append(r)
        yield from self._twice_in_a_list(doc, rows, by_label)
        yield from self._prose_against_rows(doc, rows, by_label)

    def _ranks(self, doc: Document, sups: list[int]) -> Iterator[Finding]:
        """One company or place given two ranks: "Carver Homes, the country's second-largest
        homebuilder" and "Carver, which ... became the largest homebuilder in the country". The
        rank must be said of the sentence's subject (in an apposition, a relative clause or
        after "is"), with the same superlative, noun and scope, in clauses that tell of no
        other time ("was", "formerly", a year)."""
        prose = doc.prose
        t = word_table(doc)
        seen: list[tuple[str, str, str, str, int, int, int, str]] = []
        for i in sups:
            m = _RANK_PHRASE.search(prose, max(0, t.starts[i] - 40), t.ends[i] + 60)
            if not m or not (m.start("sup") <= t.starts[i] < m.end("sup")):
                continue
            ss, se = sentence_span(doc, m.start())
            subj = _RANK_SUBJECT.match(prose, ss, m.start())
            if not subj:
                continue
            clause_end = prose.find(",", m.end(), se)
            clause = prose[subj.end("name"):clause_end if clause_end != -1 else se]
            if _RANK_OTHER_TIME.search(clause):
                continue
            scope = m.group("scope1") or m.group("scope2") or m.group("scope3") or m.group("scope4") or ""
            scope = "country" if scope.lower() in ("country", "nation", "national") else scope.lower()
            ordinal = (m.group("ord") or "").lower()
            rank = _ORDINALS.get(ordinal, 1)
            name = subj.group("name").split()[0]
            key = (name, m.group("sup").lower(), m.group("noun").lower(), scope)
            measure = (m.group("by") or "").lower()
            for other in seen:
                if other[:4] == key and other[4] != rank and (not measure or not other[7] or measure == other[7]):
                    yield self.finding(
                        m.start(),
                        m.end("noun"),
                        f"{name} is called '{prose[m.start():m.end('noun')]}' here, but '{prose[other[5]:other[6]]}' "
                        f"earlier: one of the ranks is wrong",
                        related=[Related(other[5], other[6], "the other rank")],
                    )
                    break
            else:
                seen.append((*key, rank, m.start(), m.end("noun"), measure))

    def _twice_in_a_list(self, doc: Document, rows, by_label) -> Iterator[Finding]:
        """One list (rows on consecutive lines, blank lines allowed) giving an entry twice."""
        blocks: list[list] = []
        for r in rows:
            if blocks and self._continues(doc, blocks[-1][-1].line, r.line):
                blocks[-1].append(r)
            else:
                blocks.append([r])
        for block in blocks:
            labels = [r.label for r in block]
            if len(set(labels)) < 3:
                continue  # not a list of several items
            for label in set(labels):
                same = [r for r in block if r.label == label]
                if len(same) != 2:
                    continue  # three or more: a running series ("Page 1", "Page 2"...)
                a, b = same
                if len(a.values) != len(b.values) or [v for v, _, _ in a.values] == [v for v, _, _ in b.values]:
                    continue
                va = ", ".join(doc.text[s:e] for _, s, e in a.values)
                vb = ", ".join(doc.text[s:e] for _, s, e in b.values)
                yield self.finding(
                    b.label_start,
                    b.values[-1][2],
                    f"'{label}' is listed twice with different figures: {vb} here, {va} on line {a.line}; one entry is wrong",
                    related=[Related(a.label_start, a.values[-1][2], f"the same entry: {va}")],
                )

    @staticmethod
    def _continues(doc: Document, last: int, line: int) -> bool:
        lines = doc.lines
        return all(lines[i - 1].kind == "blank" for i in range(last + 1, line))

    def _prose_against_rows(self, doc: Document, rows, by_label) -> Iterator[Finding]:
        single = {k: v for k, v in by_label.items() if any(len(r.values) >= 2 for r in v) and len(k) >= 3}
        if not single:
            return
        prose = doc.prose
        row_lines = {r.line for r in rows}
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(single, key=len, reverse=True)) + r")\b")
        seen: set[tuple[int, int]] = set()
        for m in pattern.finditer(prose):
            if doc.line_of(m.start()).number in row_lines:
                continue
            s, e = sentence_span(doc, m.start())
            if (s, e) in seen:
                continue
            seen.add((s, e))
            if {x.group() for x in pattern.finditer(prose, s, e)} != {m.group()}:
                continue  # the sentence names two rows' labels
            figs = [q for q in extract_between(doc, s, e) if not q.vague and q.unit != "%" and q.low != INF]
            fitting = [r for r in single[m.group()] if len(r.values) == len(figs)]
            if len(fitting) != 1 or len(figs) < 2:
                continue  # no row, or two rows, with as many figures as the sentence
            row = fitting[0]
            pairs = list(zip(figs, row.values))
            same = sum(q.value == v for q, (v, _, _) in pairs)
            if not (any(q.value == v and v >= 10 for q, (v, _, _) in pairs) or same >= 2 and len(pairs) >= 3):
                continue  # too little in common: the sentence may be about other things
            row_vals = {v for v, _, _ in row.values}
            for q, (v, a, b) in pairs:
                if q.value == v or q.value in row_vals or q.hedge and q.low <= v <= q.high:
                    continue
                yield self.finding(
                    q.num_start,
                    q.num_end,
                    f"'{doc.text[q.num_start:q.num_end]}' for {m.group()} here, but its row on line {row.line} gives "
                    f"{doc.text[a:b]}; one of the two is wrong",
                    related=[Related(a, b, f"the row for {m.group()}: {doc.text[a:b]}")],
                )


# --- NL811: parts in one sentence against the whole stated in another ------------------------------
_DECOMPOSE = rx.compile(
    r"\b(?:involv(?:es|ed|ing|e)|includ(?:es|ed|ing|e)|consist(?:s|ed|ing)? of|compris(?:es|ed|ing|e)|made up of|"
    r"split|divided|breaks? down|broken down|composed of|in the form of)\b",
    re.I,
)
_PART_KIND = rx.compile(r"\s+(?:in|of|from|at|for)\s+\S")  # "$4 billion in cash", "2,800 in Millbrook"
_PART_PLACE = rx.compile(
    r"(?:\s+[a-z]+){0,2}?\s+(?:in|of|from|at)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
    r"(?=\s*(?:[,.;)]|\band\b|\bwere\b|\bwas\b|\bhad\b|\bhave\b|\Z))"
)
_NOT_PARTS = rx.compile(
    r"\b(?i:also|another|additional|more|further|other|others|remaining|rest|extra|respectively|each|per|"
    r"up from|down from|compared|versus|while|whereas|than|previous|earlier|last|before|after|since|"
    r"rose|fell|increased|decreased|grew|dropped|jumped|climbed|declined|average|median)\b"
)
# the words that open a match of _NOT_PARTS ("up from": "up"), lower case
_NOT_PARTS_WORDS = frozenset(
    "also another additional more further other others remaining rest extra respectively each per up down "
    "compared versus while whereas than previous earlier last before after since rose fell increased decreased "
    "grew dropped jumped climbed declined average median".split()
)
_NOT_PARTS_WHOLE = _NOT_PARTS_WORDS - {"up", "down"}
# letters that IGNORECASE matches to an ASCII one but str.lower() does not lower to one
_ODD_CASE = rx.compile(f"[{ODD_CASE}]")


_APOSTROPHE_WORD = rx.compile(r"\S*'\S*")


def _apostrophe_piece(ws: list[str]) -> bool:
    """Whether a piece of a word joined by an apostrophe ("other's") is one of _NOT_PARTS's words."""
    joined = " ".join(ws)
    return "'" in joined and not _NOT_PARTS_WORDS.isdisjoint(
        " ".join(_APOSTROPHE_WORD.findall(joined)).replace("'", " ").split()
    )


def _not_parts(doc: Document, s: int, e: int) -> bool:
    """``_NOT_PARTS.search(prose, s, e)`` read off the word table where it can be. A match is one
    of its words bounded by non-word characters, so it is a word of the table or a piece of one
    joined by an apostrophe ("other's"), unless the range ends inside a word or the text has a
    letter that only IGNORECASE folds to ASCII: without such a word the search is skipped. A
    word of the table in the range that is one of them (not "up" or "down", which need "from")
    and has no underscore beside it (where the table splits but \\b does not) is a match."""
    prose = doc.prose
    t = word_table(doc)
    starts = t.starts
    i = bisect.bisect_left(starts, s)
    j = bisect.bisect_left(starts, e)
    words = t.words
    lo = i - 1 if i and t.ends[i - 1] > s else i  # a word that the range starts inside
    ws = words[lo:j]
    if _NOT_PARTS_WORDS.isdisjoint(ws) and not _apostrophe_piece(ws):
        if not (e < len(prose) and (prose[e].isalnum() or prose[e] == "_")) and (
            prose.isascii() or not _ODD_CASE.search(prose, s, e)
        ):
            return False
    else:
        ends = t.ends
        n = len(prose)
        for k in compress(range(i, j), map(_NOT_PARTS_WHOLE.__contains__, words[i:j])):
            a, b = starts[k], ends[k]
            if b <= e and (a == 0 or prose[a - 1] != "_") and (b == n or prose[b] != "_"):
                return True
    return _NOT_PARTS.search(prose, s, e) is not None


_TIME_FRAME = rx.compile(
    r"\b(?i:by|as of|until|since|through)\s+(?:the\s+)?(?:end\s+of\s+)?(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December|(?:19|20)\d\d|last|this|next|mid|early|late|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)\b|\bso far\b|\bto date\b|\b(?i:initially)\b|\bat first\b|"
    r"\b(?i:later)\b|\b(?i:now)\b|\beventually\b|\bplans? to\b|\bexpected to\b|\b(?:could|will|may|might|would)\b"
)


def _frame(prose: str, s: int, e: int) -> frozenset[str]:
    return frozenset(" ".join(m.group().lower().split()) for m in _TIME_FRAME.finditer(prose, s, e))


class PartsAgainstWhole(Rule):
    """Parts listed in one sentence that add up to more than the whole stated in a neighbouring
    sentence: "About 3,500 residents were ordered to leave" and then "2,800 residents of
    Millbrook and 1,900 in Oak Hollow were told to go" (4,700); "acquiring the grocer for $9
    billion" and then "the price comprises $6 billion in stock, $2.5 billion in cash and $1.5
    billion in assumed debt" ($10 billion). The parts are a run of figures of one kind joined by
    "and", each qualified ("in cash", "of Millbrook") or introduced by a word that splits a
    whole ("includes", "consists of"); the whole is the only figure of that kind in its
    sentence, in the same paragraph or within two sentences, and not a lower bound ("at least").
    Sentences that add to a figure ("another", "also", "more"), compare ("up from") or set a
    time of their own ("by Friday", "so far") are left alone. A whole split into its parts
    ("divided into three packages: A, B and C", "made up of") must be made by them, rounding of
    every figure allowed; its whole may stand before the split verb or, once, further up. The parts
    of a toll ("those killed included nine passengers and six staff", "the dead were") are held
    against the one toll the article gives for that outcome.

    Bad:
        About 3,500 residents were ordered to leave their homes. Officials said 2,800 residents of Millbrook and 1,900 in Oak Hollow were told to go.
        ---
        The city agreed to buy the stadium for $80 million. The deal involves $50 million in cash and $40 million in bonds.
        ---
        The contract, worth £1.2bn, will be split into three packages: £480m for earthworks, £390m for track, and £260m for the shed.
        ---
        Fourteen people were killed when the train derailed. Officials said those killed included nine passengers and six members of staff.
    Good:
        About 3,500 residents were ordered to leave their homes. Officials said 2,100 residents of Millbrook and 1,300 in Oak Hollow were told to go.
        ---
        The city agreed to buy the stadium for $80 million. The deal involves $50 million in cash and $30 million in bonds.
        ---
        About 3,500 residents were ordered to leave on Monday. By Friday, 2,800 residents of Millbrook and 1,900 in Oak Hollow had been told to go.
        ---
        At least 3,500 residents were ordered to leave. Officials said 2,800 residents of Millbrook and 1,900 in Oak Hollow were told to go.
        ---
        The contract, worth £1.2bn, will be split into three packages: £480m for earthworks, £460m for track, and £260m for the shed.
        ---
        Fourteen people were killed when the train derailed. Officials said those killed included nine passengers and three members of staff.
    """

    code = "NL811"
    name = "parts-against-whole"
    category = "consistency"
    severity = Severity.warning
    summary = "Parts listed in one sentence that add up to more than the whole stated in another"
    lists = {"consistency.count-classes": COUNT_CLASSES}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        sents = doc.sentences
        if not sents or " and " not in prose:
            return
        classes = count_classes(ctx)
        figs: dict[int, list[Quantity]] = {}

        def figures(i: int) -> list[Quantity]:
            if i not in figs:
                sp = sents[i]
                figs[i] = [q for q in extract_between(doc, sp.start, sp.end, classes) if not q.vague and q.unit != "%"]
            return figs[i]

        # the sentences holding " and " (sentences are in order and do not overlap: an " and "
        # lies in the last sentence starting at or before it, or in none)
        sent_starts = [sp.start for sp in sents]
        with_and: list[int] = []
        q = prose.find(" and ")
        while q != -1:
            k = bisect.bisect_right(sent_starts, q) - 1
            if k >= 0 and q + 5 <= sents[k].end and (not with_and or with_and[-1] != k):
                with_and.append(k)
            q = prose.find(" and ", q + 1)
        for i in with_and:
            sp = sents[i]
            anchors = anchors_between(doc, sp.start, sp.end)
            if len(anchors) < 2:
                continue
            # the last two parts are joined by "and" (see _parts), which lies after the first
            # part's end and before the last part's start; a figure ends after the anchor it is
            # parsed at and starts at or before it, so the "and" lies between the sentence's
            # first and last anchors, or the sentence has no parts
            if prose.find("and", anchors[0], anchors[-1]) == -1:
                continue
            if _not_parts(doc, sp.start, sp.end):
                continue  # what _parts would say first, before the figures are parsed
            qs = figures(i)
            if len(qs) < 2:
                continue
            parts = self._parts(prose, sp.start, sp.end, qs)
            if not parts:
                # "The contract, worth £1.2bn, is split into ...": the whole before the split verb
                parts, own = self._split_here(prose, sp.start, sp.end, qs)
                if parts and own is not None:
                    found = self._against(doc, parts, own, self._complete(prose, sp.start, parts), "before them")
                    if found is not None:
                        yield found
                continue
            # a whole split into these parts ("divided into three packages: A, B and C"): they
            # must make it, not only stay under it
            complete = self._complete(prose, sp.start, parts)
            para = doc.paragraph_index(sp.start)
            judged = False
            for j in range(max(0, i - 2), min(len(sents), i + 3)):
                if j == i:
                    continue
                if doc.paragraph_index(sents[j].start) != para and abs(j - i) > 1:
                    continue
                if j not in figs and candidates_between(doc, sents[j].start, sents[j].end) == 0:
                    continue  # no figure there, so no whole (without parsing the sentence)
                w = self._whole(figures(j), parts)
                if w is None:
                    continue
                if self._frame(prose, sp.start, sp.end) != self._frame(prose, sents[j].start, sents[j].end):
                    continue
                if self._qualified_by_part(prose, sents[j], w, parts, sp):
                    continue
                judged = True
                found = self._against(doc, parts, w, complete, "nearby")
                if found is None:
                    continue
                yield found
                break
            if complete and not judged:
                # the whole stated further up (the headline, the lede): the one amount of that
                # kind before the parts that is larger than each of them
                w = self._whole_above(doc, classes, parts, sp.start)
                if w is not None and self._frame(prose, sp.start, sp.end) == self._frame(prose, *sentence_span(doc, w.start)):
                    found = self._against(doc, parts, w, complete, "earlier")
                    if found is not None:
                        yield found
        yield from self._outcome_parts(doc, classes)

    _NOUN_PLAN = rx.compile(r"\b(?:a|an|the|its|their|his|her|this|that|[\d,.]+(?:m|bn|k)?|million|billion|crore)\s+plans?\s+to\b", re.I)

    def _frame(self, prose: str, s: int, e: int) -> frozenset[str]:
        """The time frame of a sentence (see _frame), where "an £84m plan to replace" is a plan,
        not the future."""
        frame = _frame(prose, s, e)
        if ("plan to" in frame or "plans to" in frame) and self._NOUN_PLAN.search(prose, s, e):
            frame = frame - {"plan to", "plans to"}
        return frame

    # --- the parts of a whole that a sentence splits, and the parts of a toll ----------------------
    #: a whole split into parts, all of them listed ("divided into three packages: A, B and C")
    _SPLIT_INTO = rx.compile(
        r"\b(?:(?:split|divided|broken\s+down|breaks?\s+down|break\s+down|carved\s+up|separated|shared\s+out|parcell?ed\s+out)"
        r"\s+(?:up\s+)?(?:in)?to|made\s+up\s+of|consists?\s+of|consisting\s+of|compris(?:es|ed|ing|e)|composed\s+of)\b"
        r"(?:\s+(?P<count>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b)?",
        re.I,
    )
    _PARTIAL = rx.compile(r"\b(?i:including|includes|included|among|such as|notably|mainly|mostly|chiefly|largest|biggest|main|major)\b")

    def _complete(self, prose: str, start: int, parts: list[Quantity]) -> bool:
        """The sentence splits a whole into the listed parts: a split verb before the first part,
        nothing that makes the list a selection, and a count, if given, that is theirs."""
        m = None
        for m in self._SPLIT_INTO.finditer(prose, start, parts[0].start):
            pass
        if m is None or self._PARTIAL.search(prose, m.end(), parts[0].start):
            return False
        count = m.group("count")
        if count and (int(count) if count.isdigit() else NUMBER_WORDS[count.lower()]) != len(parts):
            return False
        return True

    def _split_here(self, prose: str, s: int, e: int, qs: list[Quantity]) -> tuple[list[Quantity], Quantity | None]:
        """Parts listed after a split verb and the one figure of their kind before it in the same
        sentence, their whole ("The £900m budget is divided into £400m for schools, ...")."""
        m = None
        for m in self._SPLIT_INTO.finditer(prose, s, e):
            pass
        if m is None:
            return [], None
        after = [q for q in qs if q.start >= m.end() or q.num_start == m.start("count")]
        after = [q for q in after if q.num_start != m.start("count")]
        parts = self._parts(prose, m.start(), e, after) if len(after) >= 2 else []
        if not parts:
            return [], None
        unit, cls = parts[0].unit, parts[0].cls
        before = [q for q in qs if q.end <= m.start() and q.unit == unit and (unit or q.cls == cls)]
        if len(before) != 1:
            return [], None
        w = before[0]
        if w.increment or w.previous or w.high == INF or w.low == 0 and w.hedge or w.value <= max(p.value for p in parts):
            return [], None
        return parts, w

    @staticmethod
    def _half_unit(doc: Document, q: Quantity) -> float:
        """Half the last written place of a figure, at its scale ("£1.2bn": £50m; "480": 0.5)."""
        digits = doc.text[q.num_start:q.num_end].lstrip("$€£¥₹").split()[0].replace(",", "")
        digits = "".join(c for c in digits if c.isdigit() or c == ".")
        if "." in digits:
            place = 10.0 ** -len(digits.split(".")[1])
        else:  # trailing zeros are rounding while two significant digits stay ("1,200": 100)
            sig = len(digits.strip("0")) if digits.strip("0") else 1
            zeros = len(digits) - len(digits.rstrip("0"))
            place = 10.0 ** max(0, min(zeros, len(digits) - max(sig, 2)))
        return 0.5 * place * q.scale

    _DIGITS = rx.compile(r"\d[\d,]*(?:\.\d+)?")

    def _against(self, doc: Document, parts: list[Quantity], w: Quantity, complete: bool, where: str) -> Finding | None:
        """A finding when the parts exceed the whole, or, split from it, fall short of it by more
        than the rounding of every figure as written."""
        low = sum(p.low for p in parts)
        listed = " + ".join(doc.text[p.num_start:p.num_end] for p in parts)
        whole = doc.text[w.num_start:w.num_end] if w.unit else _q(doc, w)
        total = _fmt(low, w.unit)
        last = doc.text[parts[-1].num_start:parts[-1].num_end]
        digits = self._DIGITS.search(last)
        if parts[0].scale > 1 and digits and all(p.scale == parts[0].scale for p in parts):
            # in the parts' own scale: "₹550 crore", "£1,130m"
            x = round(sum(p.mantissa for p in parts), 6)
            total = last[:digits.start()] + (f"{x:,.0f}" if x == int(x) else f"{x:,.3f}".rstrip("0")) + last[digits.end():]
        if low > w.high * 1.0001:
            return self.finding(
                parts[0].start,
                parts[-1].end,
                f"{listed} = {total}, more than the whole given {where} ('{whole}'): the parts cannot exceed it",
                related=[Related(w.start, w.end, f"the whole: {_q(doc, w)}")],
            )
        if complete and not w.hedge and w.low == w.high and w.low - low > self._slack(doc, parts, w):
            return self.finding(
                parts[0].start,
                parts[-1].end,
                f"{listed} = {total}, less than the whole given {where} ('{whole}') that they are said to make up",
                related=[Related(w.start, w.end, f"the whole: {_q(doc, w)}")],
            )
        return None

    def _slack(self, doc: Document, parts: list[Quantity], w: Quantity) -> float:
        return self._half_unit(doc, w) + sum(self._half_unit(doc, p) for p in parts) + 1e-6 * w.value

    def _whole_above(self, doc: Document, classes, parts: list[Quantity], end: int) -> Quantity | None:
        """The whole of a split stated before the sentence that splits it: the figures of the
        parts' kind before it that are larger than each part must all be one amount."""
        unit, cls, top = parts[0].unit, parts[0].cls, max(p.value for p in parts)
        same = [q for q in extract_between(doc, 0, end, classes)
                if q.unit == unit and (unit or q.cls == cls) and not q.vague and q.value > top]
        if not same or len({(q.low, q.high) for q in same}) != 1:
            return None
        w = same[-1]
        if w.increment or w.previous or w.high == INF or w.low == 0 and w.hedge:
            return None
        return w

    #: a clause that names a toll's parts: "those killed included", "the dead were", "the victims comprised"
    _TOLL_PARTS = rx.compile(
        r"\b(?:(?:those|people|the\s+people)\s+(?:who\s+(?:were\s+)?)?(?P<v>killed|died|injured|hurt|wounded)"
        r"|the\s+(?P<n>dead|deceased|victims|fatalities|injured|wounded))"
        r"\s+(?:(?P<part>included|include|includes|were\s+among|among\s+them)|(?P<all>were|are|comprised|comprise))\b",
        re.I,
    )
    _TOLL_KEYS = add_keywords(("killed", "died", "injured", "hurt", "wounded", "dead", "deceased", "victims", "fatalities"))
    _TOLL_OF = {"killed": "killed", "died": "killed", "dead": "killed", "deceased": "killed", "victims": "killed",
                "fatalities": "killed", "deaths": "killed", "injured": "injured", "hurt": "injured", "wounded": "injured"}
    #: a count tied to an outcome: "Fourteen people were killed", "14 dead", "killing 14 people"
    _TOLL_AFTER = rx.compile(
        r"(?:\s+(?:were|have\s+been|had\s+been|was|are|being)\s+(?:[a-z]+ly\s+)?|\s+)(killed|injured|hurt|wounded|died|dead)\b"
    )
    _TOLL_BEFORE = rx.compile(r"\b(killing|killed|injuring|injured|wounding|wounded|leaving|death\s+toll\s+(?:of|at|to|rose\s+to|stands\s+at|stood\s+at))\s+\Z", re.I)
    _TOLL_FRAME = rx.compile(r"\b(?i:rose|risen|climbed|increased|updated|revised|so far|at least|more than|over|up to|another|more)\b")

    def _toll(self, prose: str, q: Quantity) -> str:
        """'killed' or 'injured' when the count is a toll of that outcome, else ''."""
        if q.noun in self._TOLL_OF and q.noun not in ("victims",):
            return self._TOLL_OF[q.noun]
        m = self._TOLL_AFTER.match(prose, q.end)
        if m:
            return self._TOLL_OF[m.group(1).lower()]
        b = self._TOLL_BEFORE.search(prose, max(0, q.start - 40), q.start)
        if b:
            w = b.group(1).lower()
            if w == "leaving":
                m = rx.compile(r"\s+(dead|injured|wounded)\b").match(prose, q.end)
                return self._TOLL_OF[m.group(1)] if m else ""
            return "killed" if w.startswith(("kill", "death")) else "injured"
        return ""

    def _outcome_parts(self, doc: Document, classes) -> Iterator[Finding]:
        """The parts of a toll named in one sentence ("those killed included nine passengers and
        six members of staff") against the toll stated elsewhere ("Fourteen people were
        killed"): more parts than the toll, or, when the sentence lists all of them ("the dead
        were"), a sum that is not the toll. The article must give one toll for that outcome."""
        hits = hits_of(doc, self._TOLL_KEYS)
        if not hits:
            return
        prose = doc.prose
        t = word_table(doc)
        tolls: dict[str, list[Quantity]] | None = None
        seen: set[int] = set()
        for i in hits:
            s, e = sentence_span(doc, t.starts[i])
            if s in seen:
                continue
            seen.add(s)
            m = None
            for m in self._TOLL_PARTS.finditer(prose, s, e):
                break
            if m is None:
                continue
            what = self._TOLL_OF[(m.group("v") or m.group("n")).lower()]
            brk = rx.compile(r"[;:()]|\s[—–]\s|,\s+(?:as|while|when|but|who|which|where|according|officials|police|the)\b").search(prose, m.end(), e)
            stop = brk.start() if brk else e
            parts = [q for q in extract_between(doc, m.end(), stop, classes) if q.unit == ""]
            if len(parts) < 2 or any(q.vague or q.hedge or q.low != q.high or q.total or q.increment for q in parts):
                continue
            gaps = [prose[a.end:b.start] for a, b in zip(parts, parts[1:])]
            if any(len(g) > 40 or not ("," in g or " and " in f" {g} ") for g in gaps) or "and" not in gaps[-1]:
                continue
            if _not_parts(doc, m.end(), stop):
                continue
            if tolls is None:
                tolls = {}
                for q in extract_between(doc, 0, len(prose), classes):
                    if q.unit or q.vague or (s <= q.start < e):
                        continue
                    k = self._toll(prose, q)
                    if k:
                        tolls.setdefault(k, []).append(q)
            found = tolls.get(what, [])
            if not found or len({(q.low, q.high) for q in found}) != 1:
                continue  # no toll, or a toll that changes ("rose to"): not judged
            w = found[0]
            ws, we = sentence_span(doc, w.start)
            if self._TOLL_FRAME.search(prose, ws, we) and w.hedge not in ("", "about", "around", "some", "nearly", "approximately"):
                continue
            if self._frame(prose, s, e) != self._frame(prose, ws, we):
                continue
            low = sum(q.low for q in parts)
            listed = " + ".join(doc.text[q.num_start:q.num_end] for q in parts)
            if low > w.high * 1.0001:
                msg = f"{listed} = {fmt_amount(low)}, more than the {fmt_amount(w.high)} {what} given elsewhere ('{_q(doc, w)}')"
            elif m.group("all") and w.low == w.high and low < w.low:
                msg = f"{listed} = {fmt_amount(low)}, not the {fmt_amount(w.low)} {what} given elsewhere ('{_q(doc, w)}')"
            else:
                continue
            yield self.finding(parts[0].start, parts[-1].end, msg,
                               related=[Related(q.start, q.end, f"the toll: {_q(doc, q)}") for q in found[:3]])

    @staticmethod
    def _parts(prose: str, s: int, e: int, qs: list[Quantity]) -> list[Quantity]:
        """The run of parts in a sentence: two or more figures of one unit, the last joined by
        "and", each qualified or split from a whole; [] when there is none. The caller has
        already left out the sentences that :data:`_NOT_PARTS` matches."""
        run: list[Quantity] = []
        money = next((q.unit for q in qs if q.unit), "")
        if money:  # "£30 million for six cranes": the counts inside money parts are not parts
            qs = [q for q in qs if q.unit == money]
        for q in qs:
            if q.total or q.increment or q.previous or q.low == 0 or q.high == INF:
                return []
            if run:
                gap = prose[run[-1].end:q.start]
                if q.unit != run[0].unit or len(gap) > 60 or ";" in gap or ":" in gap or not ("," in gap or " and " in gap or gap.startswith(" and")):
                    return []  # one run per sentence, or none
                if q.noun and run[0].noun and q.cls != run[0].cls:
                    return []
            run.append(q)
        if len(run) < 2 or " and " not in prose[run[-2].end:run[-1].start + 1] and not prose[run[-2].end:run[-1].start].rstrip().endswith("and"):
            return []
        if not run[0].unit and not run[0].noun:
            return []  # a count must say what it counts
        split = _DECOMPOSE.search(prose, s, run[0].start)
        if not split and not all(_PART_KIND.match(prose, q.end) for q in run):
            return []
        return run

    @staticmethod
    def _whole(qs: list[Quantity], parts: list[Quantity]) -> Quantity | None:
        unit, cls = parts[0].unit, parts[0].cls
        same = [q for q in qs if q.unit == unit and (unit or q.cls == cls)]
        if len(same) != 1:
            return None
        w = same[0]
        if w.total is False and (w.increment or w.previous) or w.high == INF or w.low == 0 and w.hedge:
            return None
        if w.value <= max(p.value for p in parts):
            return None  # not a whole of these parts
        return w

    @staticmethod
    def _qualified_by_part(prose: str, wsent, w: Quantity, parts: list[Quantity], psent) -> bool:
        """The whole names a place or party that one of the parts is qualified by ("2,800
        residents of Millbrook"): the whole counts a part, not the sum."""
        wnames = entities(prose[wsent.start:wsent.end])
        for p in parts:
            m = _PART_PLACE.match(prose, p.end)
            if m and m.group(1) in wnames:
                return True
        return False


# --- NL812: one outcome counted twice; a figure that "grew" to less ----------------------------------
_OUTCOME_FORMS = {
    "destroy": "destroyed destroying", "damage": "damaged damaging", "kill": "killed killing",
    "injure": "injured injuring wounded wounding hurt", "burn": "burned burnt burning scorched charred",
    "evacuate": "evacuated evacuating", "displace": "displaced displacing", "arrest": "arrested arresting",
    "rescue": "rescued rescuing", "flood": "flooded flooding", "hospitalise": "hospitalised hospitalized",
    "charge": "charged charging", "infect": "infected infecting", "flatten": "flattened flattening",
    "level": "levelled leveled levelling leveling", "sicken": "sickened sickening",
}
_OUTCOME = {f: lemma for lemma, forms in _OUTCOME_FORMS.items() for f in forms.split()}
_OUTCOME_ALT = "|".join(sorted(_OUTCOME, key=len, reverse=True))
_OUTCOME_KEYS = add_keywords(_OUTCOME)
_GROW_KEYS = add_keywords("grown risen climbed increased swelled expanded jumped soared spread fallen dropped shrunk declined decreased eased slipped".split())
_FROM_KEYS = add_keywords("rose risen grew grown climbed increased jumped soared swelled fell fallen dropped shrank shrunk declined decreased slipped eased".split())
_ACTIVE = rx.compile(rf"\b({_OUTCOME_ALT})\s+\Z")
_PASSIVE = rx.compile(rf"\s+(?:(?:were|was|are|is|have been|has been|had been|being)\s+)?(?:[a-z]+ly\s+)?({_OUTCOME_ALT})\b")
# another occasion or a part: a sentence with one of these tells of something else
_OTHER_OCCASION = rx.compile(
    r"\b(?i:similar|previous|previously|last|another|earlier|other|second|first|third|including|among them|of which|"
    r"of whom|alone|each|per|average|also|more|additional|further|compared|than|since|record|worst|ago|year|years|"
    r"month|months|decade|history|historic|respectively)\b|\b(?:19|20)\d\d\b"
)
# "12 people were seriously injured": a part of the injured, not their number
_SEVERITY = rx.compile(r"\b(?:seriously|critically|badly|severely|gravely|slightly|lightly|mildly|moderately)\b")
_WHERE = rx.compile(r"\b(?:in|at|near|across|outside|throughout|around)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
_GREW_TO = rx.compile(
    r"\b(?:has|have)\s+(?:now\s+|since\s+)?(?P<v>grown|risen|climbed|increased|swelled|expanded|jumped|soared|spread)\s+to\s+"
    r"|\b(?:has|have)\s+(?:now\s+|since\s+)?(?P<d>fallen|dropped|shrunk|shrunk|declined|decreased|eased|slipped)\s+to\s+"
)
_FROM_TO = rx.compile(
    r"\b(?P<v>rose|risen|grew|grown|climbed|increased|jumped|soared|swelled)\s+(?:by\s+[^,.;]{1,20}?\s+)?from\s+"
    r"|\b(?P<d>fell|fallen|dropped|shrank|shrunk|declined|decreased|slipped|eased)\s+(?:by\s+[^,.;]{1,20}?\s+)?from\s+"
)
# the figure reached first, then where it came from: "rose to $398,000 in February from $412,000"
_TO_FROM = rx.compile(
    r"\b(?:(?P<v>rose|risen|grew|grown|climbed|increased|jumped|soared|swelled)|(?P<d>fell|fallen|dropped|shrank|shrunk|declined|"
    r"decreased|slipped|eased|slumped|sank))\s+to\s+"
)
_TO_FROM_TAIL = rx.compile(r"(?:\s+(?:[^\d;:.,%()]|(?<!\d)(?:19|20)\d\d(?!\d)){1,40}?)?,?\s+from\s+\Z")
# a figure's change from the one before: whether it says the figure rose
_UP_FROM_WORDS = {"up from ": True, "down from ": False, "an increase from ": True, "a rise from ": True,
                  "a jump from ": True, "a drop from ": False, "a fall from ": False, "a decrease from ": False,
                  "a decline from ": False}
_CLAUSE_MARK = rx.compile(r"[;:(]|,(?!\d)")
_UP_FROM = rx.compile(r"[^\d;:()]{0,60},\s+\Z")
_WHEN = rx.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|"
    r"\b(?i:had|initially|at first|originally|overnight|yesterday|today|tonight|morning|afternoon|evening|night|"
    r"week|weekend|hours?|days?|earlier|later|then|before|after|by|when|once|until|since|so far|as of|last|previous)\b"
)
_FROM_TO_FIGS = rx.compile(
    r"(?P<c1>[$€£])?(?P<a>\d[\d,]*(?:\.\d+)?)(?P<p1>\s?%|\s?per\s?cent\b|\s?percent\b)?"
    r"(?:\s?(?P<s1>thousand|million|billion|bn|m|k)\b)?(?:\s+[a-z]+){0,2}?\s+to\s+"
    r"(?P<c2>[$€£])?(?P<b>\d[\d,]*(?:\.\d+)?)(?P<p2>\s?%|\s?per\s?cent\b|\s?percent\b)?"
    r"(?:\s?(?P<s2>thousand|million|billion|bn|m|k)\b)?(?![\d.,]\d)"
)
_SCALE_OF = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_RANK_WORDS = rx.compile(r"\b(?i:rank\w*|place|position|spot|seed\w*|No\.|number\s+(?:\d|one\b|two\b|three\b)|table|chart|list|degrees?|"
                         r"minus|below zero)\b|−|[-–]\d")


# --- NL812: one tally given twice in other words -------------------------------------------------
# a death toll ("killing at least 23 people", "Of the 32 dead", "the death toll stands at 23",
# "23 bodies were recovered"), injuries, the area of a fire ("burned through 12,400 hectares",
# "the 14,200-hectare fire"), a new price ("raised its pump price to N945", "the new N954 price")
# and a company's headcount ("has 340 employees", "grow from 430 staff"): each read where the
# words around the figure say which tally it is, whatever the verb and the noun
_TALLY_KEYS = add_keywords(
    "fee fare charge tariff killed killing kills claimed claiming dead deaths died perished toll fatalities bodies injured injuring wounded wounding "
    "injuries hectares hectare acres acre price employees staff workforce headcount employs".split()
)
_PERSONS = frozenset(("", "people", "persons"))
_DEAD_NOUNS = frozenset(("dead", "deaths", "fatalities", "killed"))
_HURT_NOUNS = frozenset(("injured", "wounded", "injuries", "hurt"))
_KILL_BEFORE = rx.compile(r"\b(?:killing|killed|kills|claiming|claimed)\s+\Z")
_HURT_BEFORE = rx.compile(r"\b(?:injuring|injured|wounding|wounded)\s+\Z")
_TOLL_BEFORE = rx.compile(
    r"\b(?i:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities|people\s+killed))\b[^.;:\d]{0,50}?\s"
    r"(?P<v>stands\s+at|stood\s+at|is|was|of|at|hit|(?P<up>reached|(?:has\s+|had\s+)?(?:rose|risen|rises|climbed|climbs|"
    r"jumped|increased|grew|grown)\s+to))\s+\Z"
)
_DIED_AFTER = rx.compile(
    r"\s+(?:who\s+)?(?:(?:were|was|have|has|had|are)\s+(?:been\s+)?)?(?:(?:confirmed|reported|now)\s+)?"
    r"(?:killed|dead|died|perished|lost\s+their\s+lives)\b"
)
_BODIES_AFTER = rx.compile(r"\s+(?:(?:were|have\s+been|had\s+been|was|are)\s+)?(?:recovered|found|pulled|retrieved)\b")
_HURT_AFTER = rx.compile(r"\s+(?:(?:were|was|have|has|had|are)\s+(?:been\s+)?)?(?:injured|wounded|hurt)\b")
_AREA_NOUNS = frozenset(("hectares", "acres"))
_BURN_BEFORE = rx.compile(
    r"\b(?:burned|burnt|scorched|blackened|consumed|charred)\s+(?:(?:through|across|over)\s+)?\Z"
    r"|\b(?:fire|blaze|bushfire|wildfire)\s+(?:[a-z]+\s+){0,2}?(?:covers|covered|covering|spans|spanned|measures|measured|"
    r"is\s+estimated\s+at|was\s+estimated\s+at|estimated\s+at)\s+\Z"
)
_BURNED_AFTER = rx.compile(r"\s+(?:(?:have|has|had)\s+)?(?:been\s+)?(?:burned|burnt|scorched|blackened)\b")
_AREA_FIRE = rx.compile(r"-(?:hectare|acre)\s+(?:[a-z]+\s+)?(?:fire|blaze|bushfire|wildfire|burn)\b")
# an article that tells of a tally changing: its figures belong to different times
_UPDATED = {
    "dead": rx.compile(
        r"\b(?i:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities|people\s+killed))\b[^.;]{0,60}?"
        r"\b(?:rose|risen|rises|rising|climbed|climbs|jumped|increased|reached|grew|grown|doubled|revised)\b"
        r"|\b(?:died|succumbed)\s+(?:later\s+)?(?:in|at|on\s+the\s+way\s+to)\s+(?:the\s+)?hospital\b"
    ),
    "hurt": rx.compile(r"\bnumber\s+of\s+(?:injured|wounded|injuries)\b[^.;]{0,60}?\b(?:rose|risen|rises|climbed|jumped|increased|reached)\b"),
    "area": rx.compile(
        r"\b(?i:fire|blaze|bushfire|wildfire)\b[^.;]{0,60}?\b(?:grown|grew|grows|growing|spread|spreads|expanded|doubled|tripled)\b"
        r"|\bup\s+from\s+[\d,]+\s+(?:hectares|acres)"
    ),
}
_MANY_FIRES = rx.compile(r"\b(?i:fires|blazes|bushfires|wildfires|(?:another|second|other|separate)\s+(?:fire|blaze))\b")
_MONEY = r"(?:[$€£¥₹₦]|N|R|Rs\.?\s?|KSh\s?|[A-Z]{1,2}\$)\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|bn|m|k)\b)?(?![\w])"
_NEW_PRICE = rx.compile(
    r"\b(?:raised|raises|raising|increased|increases|increasing|hiked|hikes|hiking|cut|cuts|cutting|lowered|lowers|"
    r"lowering|reduced|reduces|reducing)\s+(?:(?:its|their|the|his|her|our)\s+)?(?P<p1>(?:[a-z]+[\s-]){0,2}?)(?P<w1>price|fee|fare|charge|tariff)s?\s+"
    rf"(?:of\s+[a-z]+\s+)?(?:from\s+{_MONEY}\s+)?to\s+(?P<m1>{_MONEY})"
    rf"|\b(?:the|a|its|their)\s+new\s+(?P<p2>(?:[a-z]+[\s-]){{0,2}}?)(?P<w2>price|fee|fare|charge|tariff)\s+(?:(?:of|is|was|will\s+be)\s+)?(?P<m2>{_MONEY})"
    rf"|\b(?:the|a|its|their)\s+new\s+(?P<m3>{_MONEY})\s+(?:(?:per|a)\s+[a-z]+\s+)?(?P<p3>(?:[a-z]+[\s-]){{0,2}}?)(?P<w3>price|fee|fare|charge|tariff)\b"
)
_MONEY_PARTS = rx.compile(r"(?P<cur>\D*?)(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<sc>[a-z]+))?")
_STAFF = r"(?:full-time\s+)?(?:employees|staff|workers|people|staffers)\b"
_HEADCOUNT = rx.compile(
    r"\b(?:has|have|employs|employ)\s+(?P<h1>(?:(?:about|around|roughly|nearly|some|almost|more\s+than|over)\s+)?)"
    rf"(?P<n1>\d[\d,]*)\s+{_STAFF}"
    r"|\b(?:headcount|workforce|staff)\s+of\s+(?P<h2>(?:(?:about|around|roughly|nearly|some|almost|more\s+than|over)\s+)?)(?P<n2>\d[\d,]*)\b"
    r"|\b(?P<n3>\d[\d,]*)-(?:strong|person|member)\s+(?:workforce|staff)\b"
    r"|\b(?:grow|expand|increase|double|triple|boost|cut|reduce|shrink|trim|take)\s+(?:(?:its|their)\s+(?:headcount|workforce|staff)\s+)?"
    rf"from\s+(?P<n4>\d[\d,]*)(?:\s+{_STAFF})?"
)
_COMPANY_SUBJECT = rx.compile(
    r"\s*(?P<name>[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}|The\s+(?:company|firm|startup|start-up|business|group|bank|"
    r"retailer|maker|lender|insurer|airline|chain|carrier)|It)\s+(?:(?:currently|now|still|already)\s+)?"
    r"(?:(?:plans|aims|hopes|wants|intends|expects)\s+to\s+)?\Z"
)
# other occasions, parts and times in a sentence that gives a tally
_TALLY_OTHER = rx.compile(
    r"\b(?i:similar|previous|previously|last|another|earlier|other|others|including|included|among\s+them|of\s+which|"
    r"of\s+whom|alone|average|also|additional|further|compared|since|record|worst|deadliest|ago|history|historic|"
    r"respectively|initially|originally|separate|separately|unrelated|meanwhile|elsewhere|second|third|fourth|each|"
    r"combined|total|so\s+far|to\s+date|as\s+of)\b"
    r"|\b(?:19|20)\d\d\b"
)
_DAYS = (r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
_MONTHS_ALT = (r"January|February|March|April|May|June|July|August|September|October|November|December")
_DAY_OF = rx.compile(rf"\b(?:{_DAYS})\b|\b\d{{1,2}}\s+(?:{_MONTHS_ALT})\b|\b(?:{_MONTHS_ALT})\s+\d{{1,2}}\b")
# a time or rate right after the figure, in its clause ("27 by nightfall", "16 on Thursday morning")
_AFTER_TIME = rx.compile(
    rf"\b(?:(?i:on|by|as\s+of|until|at|in|since|through|before|after)\s+(?:the\s+)?(?:(?:{_DAYS}|{_MONTHS_ALT})\b|"
    r"(?i:morning|afternoon|evening|night|nightfall|noon|midday|dawn|dusk|midnight|weekend|end|time)\b|\d)"
    r"|(?i:earlier|yesterday|last\s+(?:week|month|year|night)|so\s+far|to\s+date|initially|at\s+first|previously|then)\b"
    r"|(?i:a|per|each|every)\s+(?:year|month|week|day|capita|head)\b|per\s+(?:\d|hundred|thousand|million))"
)
_ON_DAY = rx.compile(rf"(?i:on)\s+(?:the\s+)?(?:{_DAYS}|{_MONTHS_ALT}|\d)")
# the same before it, or a figure not yet reached ("could reach 50", "an estimated 40")
_BEFORE_TIME = rx.compile(
    r"\b(?i:had|initially|originally|at\s+first|earlier|previously|now|then|once|by\s+then|until|would|could|might|may|will|"
    r"expected|projected|forecast|estimated?|estimates)\b"
)
_OPENING_FRAME = rx.compile(r"\s*(?:On|By|As\s+of|In|At|Across|Until|Since|Outside|Near)\b[^,]{0,60},")
_LOCAL_PLACE = rx.compile(r"\b(?:in|at|near|across|outside|throughout|around)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
_LIST_ENTRY = rx.compile(r"\s*(?:[—–•*-]|[A-Z][\w .'’-]{0,30}:\s+\S*\d)")
_AUX = rx.compile(r"\b(?:would|will|was|were|is|are|has|have|had|said|says|could|can|may|might|should|must)\b")
_CLAUSE_END = rx.compile(r"[,;:.()\n\"“”]")


_COMPANY_OWNER = rx.compile(
    r"(?:\b(?P<name>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})['’]s?|\b(?:[Ii]ts|[Tt]he\s+(?:company|firm)['’]s))\s+(?:\d[\d,]*-\w+\s+)?(?:headcount|workforce|staff)\b"
)
_TALLY_WHAT = {"dead": "the same death toll", "hurt": "the same number of injured", "area": "the same fire's area",
               "price": "the same new price", "staff": "the same headcount"}


def _same_key(a: "_Tally", b: "_Tally", a_first: bool = False) -> bool:
    """The same counted thing at the same place; for prices the same currency, and the same
    product where both name one. People are counted at the same place when the later figure
    names none and the earlier is the article's first of that tally (the lede's "killing 23
    people at the market" and "Of the 32 dead"), or both name the same."""
    if a.kind != "price":
        ka, _, pa = a.key.rpartition("|")
        kb, _, pb = b.key.rpartition("|")
        if ka != kb:
            return False
        if pa.startswith("@"):
            return pa == pb or pb == "@" and a_first
        return pa == pb
    ca, pa, proda = a.key.split("|")
    cb, pb, prodb = b.key.split("|")
    return ca == cb and pa == pb and (proda == prodb or not proda or not prodb)


_PLACE_AFTER = rx.compile(
    r"[^,;]*?\b(?:in|at|inside|near|on|across|outside)\s+(?:(?:the|a|an|one|two|three|its|their|his|her)\s+)?(?P<pl>[\w'’-]+)"
)
_EVENT_NOUNS = frozenset(
    "crash blast attack attacks explosion fire blaze quake earthquake landslide landslides flood floods flooding collision "
    "accident shooting stampede storm storms bombing strike strikes collapse disaster tragedy incident violence clashes "
    "fighting derailment cyclone hurricane typhoon tornado eruption avalanche".split()
)


def _clause_end(prose: str, start: int, end: int) -> int:
    """Where the clause of a figure ending at start stops: a comma, stop or bracket."""
    ce = _CLAUSE_END.search(prose, start, end)
    return ce.start() if ce else end


def _part_place(prose: str, start: int, end: int) -> str:
    """Where the people a figure counts were (lower case), read after it in its clause: "" for
    none or for the event itself ("in the crash")."""
    m = _PLACE_AFTER.match(prose, start, end)
    if not m:
        return ""
    pl = m.group("pl").lower()
    return "" if pl in _EVENT_NOUNS else pl


class _Tally(NamedTuple):
    kind: str  # "dead", "hurt", "area", "price", "staff"
    key: str  # what else must agree: the counted noun, the currency and product
    low: float
    high: float
    start: int
    end: int
    num: str  # the figure as written
    sent: tuple[int, int]


class FigureRestated(Rule):
    """One outcome counted twice with different figures: "the fire destroyed 120 homes" and,
    later, "85 homes were destroyed" (the same verb and the same counted thing, in two
    sentences that name no other occasion, place, time or part); and a figure said to have
    grown to less than the article gave before ("burned 14,200 acres" and then "has grown to
    9,800 acres"), or to have risen from a larger figure to a smaller one ("rose from 420 to
    380", "rose to 380 in May from 420", "380, up from 420"). The same tally is also read in
    other words: a death toll ("killing at least 23 people", "Of the 32 dead", "the death toll
    stands at 23"), injuries, a fire's area ("burned through 12,400 hectares", "the
    14,200-hectare fire"), a new price ("raised its price to N945", "the new N954 price") and a
    company's headcount ("has 340 employees", "grow from 430 staff"). Figures of different
    times ("by Friday", "so far", "had"), places ("in Millbrook") or occasions ("a similar fire
    in 2019", "another"), parts ("of whom", "including") and updated figures ("rose to 31 from
    27") are not compared.

    Bad:
        The fire destroyed 120 homes, officials said. Inspectors confirmed that 85 homes were destroyed.
        ---
        The Ridge fire has burned 14,200 acres. Crews said the fire has grown to 9,800 acres.
        ---
        Membership rose from 420 to 380 members this year.
        ---
        The landslide buried homes, killing at least 23 people. Of the 32 dead, nine were children.
        ---
        The median price rose to $398,000 in February from $412,000 in January.
    Good:
        The fire destroyed 120 homes, officials said. In Millbrook alone, 85 homes were destroyed.
        ---
        The fire destroyed 120 homes, officials said. A similar fire in 2019 destroyed 85 homes.
        ---
        The Ridge fire had burned 9,800 acres by Monday. Crews said the fire has grown to 14,200 acres.
        ---
        Membership rose from 380 to 420 members this year.
        ---
        The death toll rose to 31 on Friday from 27 on Thursday. Of the 31 dead, 22 were women.
        ---
        The landslide buried homes, killing at least 23 people. In Santa Rosa alone, 12 people were killed.
    """

    code = "NL812"
    name = "figure-restated"
    category = "consistency"
    severity = Severity.warning
    summary = "One outcome given two different figures, or a figure that grew to less than it was"
    lists = {"consistency.count-classes": COUNT_CLASSES}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        outcomes = hits_of(doc, _OUTCOME_KEYS)
        grows = hits_of(doc, _GROW_KEYS)
        froms = hits_of(doc, _FROM_KEYS)
        prose = doc.prose
        if " from " in prose and any(w in prose for w in _UP_FROM_WORDS):
            yield from self._up_from(doc, prose)
        if not (outcomes or grows or froms or hits_of(doc, _TALLY_KEYS)):
            return
        t = word_table(doc)
        classes = count_classes(ctx)
        if froms:
            yield from self._from_to(doc, prose, [m for i in froms for m in [_FROM_TO.match(prose, t.starts[i])] if m])
            yield from self._to_from(doc, prose, [m for i in froms for m in [_TO_FROM.match(prose, t.starts[i])] if m])
        if grows:
            yield from self._grew_to(doc, prose, classes, [
                m for i in grows for m in [_GREW_TO.search(prose, max(0, t.starts[i] - 16), t.ends[i] + 6)] if m])
        done: set[int] = set()
        if outcomes:
            spans = sorted({sentence_span(doc, t.starts[i]) for i in outcomes})
            for f in self._twice(doc, prose, classes, spans):
                done.add(f.start)
                yield f
        tallies = hits_of(doc, _TALLY_KEYS)
        if tallies:
            for f, a, b in self._tallies(doc, prose, classes, tallies):
                if a not in done and b not in done:
                    done.add(b)
                    yield f

    def _from_to(self, doc: Document, prose: str, matches: list[re.Match]) -> Iterator[Finding]:
        for m in matches:
            r = _FROM_TO_FIGS.match(prose, m.end())
            if not r:
                continue
            s, e = sentence_span(doc, m.start())
            if _RANK_WORDS.search(prose, s, e) or (r.group("c1") or "") != (r.group("c2") or "") or bool(r.group("p1")) != bool(r.group("p2")):
                continue
            s2 = r.group("s2")
            s1 = r.group("s1") or s2
            x = float(r.group("a").replace(",", "")) * _SCALE_OF.get((s1 or "").lower(), 1)
            y = float(r.group("b").replace(",", "")) * _SCALE_OF.get((s2 or "").lower(), 1)
            up = bool(m.group("v"))
            if (up and y < x) or (not up and y > x):
                verb = m.group("v") or m.group("d")
                yield self.finding(
                    m.start(),
                    r.end(),
                    f"'{verb}' from {r.group('a')} to {r.group('b')}: the figures say it {'fell' if up else 'rose'}; "
                    f"one of them or the verb is wrong",
                    related=[Related(r.start("b"), r.end("b"), "the figure it reached")],
                )

    def _to_from(self, doc: Document, prose: str, matches: list[re.Match]) -> Iterator[Finding]:
        """ "rose to X ... from Y": the figure reached, a few words without figures, then the one before."""
        for m in matches:
            s, e = sentence_span(doc, m.start())
            qs = [q for q in extract_between(doc, m.end(), min(e, m.end() + 120)) if not q.vague]
            if len(qs) < 2 or qs[0].start != m.end():
                continue
            x, y = qs[0], qs[1]
            if not _TO_FROM_TAIL.search(prose, x.end, y.start) or y.hedge or x.hedge:
                continue
            yield from self._direction(doc, prose, s, e, bool(m.group("v")), m.group("v") or m.group("d"), x, y, m.start())

    def _up_from(self, doc: Document, prose: str) -> Iterator[Finding]:
        """ "X, up from Y" and "X, down from Y": the figure, then the one it came from."""
        for p in offsets_of(prose, _UP_FROM_WORDS):
            if p and prose[p - 1].isalnum():
                continue
            s, e = sentence_span(doc, p)
            phrase = next(w for w in _UP_FROM_WORDS if prose.startswith(w, p))
            word = phrase[:-6]
            after = p + len(phrase)
            ys = extract_between(doc, after, min(e, after + 40))
            if not ys or ys[0].start != after:
                continue
            comma = prose.rfind(",", s, p)
            cs = s
            for dm in _CLAUSE_MARK.finditer(prose, s, comma if comma > s else s):
                cs = dm.end()
            xs = [q for q in extract_between(doc, max(s, cs, p - 120), p) if q.end <= p]
            if len(xs) != 1:
                continue  # no figure before, or two ("1,146 complaints in the past 12 months")
            x, y = xs[-1], ys[0]
            if not _UP_FROM.fullmatch(prose, x.end, p) or x.vague or y.vague or x.hedge or y.hedge:
                continue
            yield from self._direction(doc, prose, s, e, _UP_FROM_WORDS[phrase], word, x, y, x.start)

    def _direction(self, doc: Document, prose: str, s: int, e: int, up: bool, verb: str, x: Quantity, y: Quantity,
                   start: int) -> Iterator[Finding]:
        """x is the figure reached, y the one before: a rise that the figures say fell, or a fall that rose."""
        if _RANK_WORDS.search(prose, s, e) or x.unit != y.unit or x.low != x.high or y.low != y.high:
            return
        if x.unit != "%" and x.scale != y.scale and not (x.scale > 1 and y.scale == 1 and y.value < 1000):
            return  # "to 4.5 billion from 4,000": the units are not clear
        yv = y.value * x.scale if y.scale == 1 and x.scale > 1 else y.value
        if (up and x.value < yv * 0.9999) or (not up and x.value > yv * 1.0001):
            a, b = doc.text[y.num_start:y.num_end], doc.text[x.num_start:x.num_end]
            yield self.finding(
                start,
                y.end,
                f"'{verb}' from {a} to {b}: the figures say it {'fell' if up else 'rose'}; one of them or the verb is wrong",
                related=[Related(x.num_start, x.num_end, "the figure it reached")],
            )

    def _grew_to(self, doc: Document, prose: str, classes, matches: list[re.Match]) -> Iterator[Finding]:
        done: set[int] = set()
        for m in matches:
            if m.start() in done:
                continue
            done.add(m.start())
            s, e = sentence_span(doc, m.start())
            if _WHEN.search(prose, s, e) or _RANK_WORDS.search(prose, s, e):
                continue
            qs = extract_between(doc, m.end(), min(e, m.end() + 60), classes)
            if not qs or qs[0].start != m.end() or not qs[0].noun:
                continue
            q = qs[0]
            up = bool(m.group("v"))
            for p in extract_between(doc, 0, s, classes):
                if p.unit != q.unit or not q.noun or p.noun != q.noun or p.vague or q.vague:
                    continue
                ps, pe = sentence_span(doc, p.start)
                if _WHEN.search(prose, ps, pe) or _OTHER_OCCASION.search(prose, ps, pe) or _RANK_WORDS.search(prose, ps, pe):
                    continue
                if up and p.low > q.high * 1.0001 or not up and p.high < q.low * 0.9999:
                    verb = m.group("v") or m.group("d")
                    yield self.finding(
                        q.start,
                        q.end,
                        f"'{verb} to {_q(doc, q)}', but the article gave {_q(doc, p)} before: "
                        f"a figure that {'grew' if up else 'fell'} cannot end {'below' if up else 'above'} where it was",
                        related=[Related(p.start, p.end, f"the figure before: {_q(doc, p)}")],
                    )
                    break

    # --- one tally given twice in other words ----------------------------------------------------
    def _tallies(self, doc: Document, prose: str, classes, hits: list[int]) -> Iterator[tuple[Finding, int, int]]:
        t = word_table(doc)
        spans = sorted({sentence_span(doc, t.starts[i]) for i in hits})
        sents = doc.sentences
        head = prose[sents[0].start:sents[0].end] if sents else ""
        found: list[_Tally] = []
        for ss, se in spans:
            if _TALLY_OTHER.search(prose, ss, se):
                continue  # another occasion, a part, a time or an estimate
            if _LIST_ENTRY.match(prose, ss, se) or doc.line_of(ss).kind in ("list", "table", "label"):
                continue  # an entry of a breakdown ("- Italy: 1,694 cases, 34 deaths")
            got = self._tallies_in(doc, prose, classes, ss, se, head)
            # one tally given twice in one sentence: parts, or a change ("rose to 31 from 27")
            kinds: dict[tuple[str, str], set[float]] = {}
            for x in got:
                kinds.setdefault((x.kind, x.key), set()).add(x.low)
            found.extend(x for x in got if len(kinds[(x.kind, x.key)]) == 1)
        if len(found) < 2:
            return
        many_fires = _MANY_FIRES.search(prose) is not None
        days = {}
        for x in found:
            if x.sent not in days:
                days[x.sent] = frozenset(m.group() for m in _DAY_OF.finditer(prose, *x.sent))
        updated = {k for k, rx_ in _UPDATED.items() if rx_.search(prose)}
        firsts: dict[str, _Tally] = {}
        for x in found:
            firsts.setdefault(x.kind, x)
        for j, b in enumerate(found):
            if b.kind == "area" and many_fires or b.kind in updated:
                continue  # two fires; or a tally the article says has changed
            against = []
            for a in found[:j]:
                if a.kind != b.kind or a.sent == b.sent or not _same_key(a, b, a is firsts.get(a.kind)):
                    continue
                if days[a.sent] and days[b.sent] and days[a.sent] != days[b.sent]:
                    continue  # told of two days
                if b.high < a.low * 0.9999 or b.low > a.high * 1.0001:
                    against.append(a)
            if not against:
                continue
            a = against[0]
            what = _TALLY_WHAT[b.kind]
            yield self.finding(
                b.start,
                b.end,
                f"'{doc.text[b.start:b.end]}' here, but '{doc.text[a.start:a.end]}' earlier for {what}: "
                f"one figure is wrong, or one of them needs its own time or place",
                related=[Related(x.start, x.end, f"{what}: {x.num}") for x in against],
            ), a.start, b.start

    def _tallies_in(self, doc: Document, prose: str, classes, ss: int, se: int, head: str) -> list[_Tally]:
        out: list[_Tally] = []
        if _OPENING_FRAME.match(prose, ss, se):
            return out  # "On Tuesday, ...", "In Ohio, ...": a time or place of the sentence's own

        def local(start: int, end: int, from_ok: bool = False, people: bool = False) -> str | None:
            """The place named in the figure's clause ("" for none), or None when the clause
            gives the figure a time of its own."""
            ce = _CLAUSE_END.search(prose, end, se)
            after_end = ce.start() if ce else se
            verb = _AUX.search(prose, end, after_end)
            if verb:
                after_end = verb.start()  # the time of what the sentence then says, not of the figure
            at = _AFTER_TIME.search(prose, end, after_end)
            if at and not (from_ok and _ON_DAY.match(at.group())):
                return None  # (a price raised "on Monday" is still the new price)
            cs = max(prose.rfind(c, ss, start) for c in ",;:(")
            cs = ss if cs < 0 else cs + 1
            if _BEFORE_TIME.search(prose, cs, start):
                return None
            if not from_ok and prose[max(cs, start - 6):start].rstrip().endswith("from"):
                return None  # the figure before a change
            if people:  # "12 people were killed in the capital", "inside one house": a part of the toll
                return _part_place(prose, end, ce.start() if ce else se)
            m = _LOCAL_PLACE.search(prose, end, after_end) or _LOCAL_PLACE.search(prose, cs, start)
            return m.group(1) if m else ""

        if candidates_between(doc, ss, se):
            for q in extract_between(doc, ss, se, classes):
                if q.vague or q.unit or q.increment or q.previous or q.total or (q.low != q.high and not q.hedge):
                    continue
                noun = q.noun
                key = "" if noun in _PERSONS or noun in _DEAD_NOUNS or noun in _HURT_NOUNS or noun in ("lives", "bodies") else noun
                lo = max(ss, q.start - 100)
                kind = None
                if noun in _DEAD_NOUNS:
                    kind = "dead"
                elif noun == "bodies" and _BODIES_AFTER.match(prose, q.end):
                    kind = "dead"
                elif noun in _HURT_NOUNS:
                    kind = "hurt"
                elif noun in _AREA_NOUNS:
                    kind = "area" if _BURN_BEFORE.search(prose, lo, q.start) or _BURNED_AFTER.match(prose, q.end) else None
                elif not noun and _AREA_FIRE.match(prose, q.num_end):
                    kind, key = "area", prose[q.num_end + 1:q.num_end + 3]  # "he" or "ac"
                    q = q._replace(end=_AREA_FIRE.match(prose, q.num_end).end())
                elif _KILL_BEFORE.search(prose, lo, q.start) and (noun != "lives" or prose[q.start - 8:q.start].strip() in ("claiming", "claimed")):
                    kind = "dead"
                elif _HURT_BEFORE.search(prose, lo, q.start):
                    kind = "hurt"
                elif _DIED_AFTER.match(prose, q.end):
                    kind = "dead"
                elif _HURT_AFTER.match(prose, q.end):
                    kind = "hurt"
                if kind is None:
                    tm = _TOLL_BEFORE.search(prose, lo, q.start)
                    if not tm or tm.group("up") or noun not in _PERSONS and noun not in _DEAD_NOUNS:
                        continue
                    kind = "dead"
                if kind == "area":
                    if noun:
                        key = noun[:2]
                place = local(q.start, q.end, people=kind in ("dead", "hurt"))
                if place is None:
                    continue
                low, high = q.low, q.high
                if kind == "dead" and q.hedge == "at least":
                    high = low  # "at least 23" is the count so far
                if kind in ("dead", "hurt"):
                    key, place = key, "@" + place  # compared by _places_agree
                out.append(_Tally(kind, f"{key}|{place}", low, high, q.start, q.end, doc.text[q.num_start:q.num_end], (ss, se)))
        for m in _NEW_PRICE.finditer(prose, ss, se):
            g = "1" if m.group("m1") else "2" if m.group("m2") else "3"
            money = _MONEY_PARTS.match(m.group("m" + g))
            v = float(money.group("num").replace(",", "")) * SCALES.get((money.group("sc") or "").lower(), 1.0)
            place = local(m.start("m" + g), m.end("m" + g), True)
            if place is None:
                continue
            product = " ".join((m.group("p" + g) or "").replace("-", " ").split())
            out.append(_Tally("price", f"{money.group('cur').strip()} {m.group('w' + g)}|{place}|{product}", v, v, m.start("m" + g), m.end("m" + g),
                              m.group("m" + g), (ss, se)))
        for m in _HEADCOUNT.finditer(prose, ss, se):
            g = next(k for k in "1234" if m.group("n" + k))
            if g in "14":
                subj = _COMPANY_SUBJECT.match(prose, ss, m.start())
            else:
                subj = _COMPANY_OWNER.search(prose, max(ss, m.start() - 40), m.end())
            if not subj:
                continue
            name = subj.group("name") or ""
            if name[:1].isupper() and name not in ("The", "It", "Its") and not name.startswith("The ") and name.split()[0].rstrip("'’s") not in head:
                continue  # a company the headline does not name
            v = float(m.group("n" + g).replace(",", ""))
            hedge = (m.group("h" + g) if g in "12" else "") or ""
            lo_v, hi_v = interval(v, hedge.strip()) if hedge.strip() else (v, v)
            place = local(m.start("n" + g), m.end(), True)
            if place is None:
                continue
            out.append(_Tally("staff", f"|{place}", lo_v, hi_v, m.start(), m.end(), m.group("n" + g), (ss, se)))
        return out

    def _twice(self, doc: Document, prose: str, classes, spans: list[tuple[int, int]]) -> Iterator[Finding]:
        stated: dict[tuple[str, str], list[Quantity]] = {}
        # figures next to an outcome verb: "destroyed 120 homes", "85 homes were destroyed"
        for ss, se in spans:
            if candidates_between(doc, ss, se) < 1:
                continue
            for q in extract_between(doc, ss, se, classes):
                if not q.noun or q.vague or q.unit or q.increment or q.previous:
                    continue
                a = _ACTIVE.search(prose, max(ss, q.start - 20), q.start)
                v = a.group(1) if a else None
                if v is None:
                    pm = _PASSIVE.match(prose, q.end)
                    v = pm.group(1) if pm and not _SEVERITY.search(pm.group()) else None
                if v is None:
                    continue
                stated.setdefault((_OUTCOME[v], q.cls), []).append(q)
        for (lemma, cls), qs in stated.items():
            if len(qs) < 2:
                continue
            first = qs[0]
            fs = sentence_span(doc, first.start)
            if _OTHER_OCCASION.search(prose, *fs) or _TIME_FRAME.search(prose, *fs):
                continue
            fplaces = {m.group(1) for m in _WHERE.finditer(prose, *fs)}
            fdays = {m.group() for m in _DAY_OF.finditer(prose, *fs)}
            for q in qs[1:]:
                qspan = sentence_span(doc, q.start)
                if qspan == fs or _OTHER_OCCASION.search(prose, *qspan) or _TIME_FRAME.search(prose, *qspan):
                    continue
                if _part_place(prose, q.end, _clause_end(prose, q.end, qspan[1])) not in ("", _part_place(prose, first.end, _clause_end(prose, first.end, fs[1]))):
                    continue  # "in the capital", "inside one house": a part, or another place
                qdays = {m.group() for m in _DAY_OF.finditer(prose, *qspan)}
                if fdays and qdays and fdays != qdays or _OPENING_FRAME.match(prose, *qspan):
                    continue  # told of two days, or under a time or place of its own ("On Tuesday, ...")
                if {m.group(1) for m in _WHERE.finditer(prose, *qspan)} != fplaces:
                    continue
                if not (q.high < first.low * 0.9999 or q.low > first.high * 1.0001):
                    continue
                yield self.finding(
                    q.start,
                    q.end,
                    f"'{_q(doc, q)}' here, but '{_q(doc, first)}' earlier for the same outcome: "
                    f"one count is wrong, or one of them needs its own time or place",
                    related=[Related(first.start, first.end, f"the same count: {_q(doc, first)}")],
                )
                break


# --- NL813: counts implied by words ---------------------------------------------------------------
_WORD_NUMBERS = {k: int(v) for k, v in NUMBER_WORDS.items()}
_NUM_ALT = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_BODY_WORDS = rx.compile(rf"\b(?P<n>(?i:{_NUM_ALT}))-(?:member|seat|judge|justice|person)\b")
_COUNT_KEYS = add_keywords(k for k in _WORD_NUMBERS if "-" not in k and k != "one")
_VOTE_TALLY = rx.compile(
    r"\b(?:(?:voted|vote of|by a vote of|passed|approved|rejected|defeated|backed|adopted|ruled)\s+(?:it\s+)?"
    r"(?P<a>\d{1,2})\s*(?:-|–|to)\s*(?P<b>\d{1,2})\b"
    r"|(?:a|an|the)\s+(?P<a2>\d{1,2})\s*[-–]\s*(?P<b2>\d{1,2})\s+(?:vote|decision|ruling|majority))"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|al|bin|del|la|le)){0,3}"
_COUNTED_LIST = rx.compile(
    # a number word is any word here, checked against the table after the match: followed by
    # white space, the word matches whole whatever it is, so the matches are the same as with
    # the hundred number words spelt out (which made the pattern three times as long to compile)
    rf"\b(?:[Tt]he|[Aa]ll|[Ii]ts|[Tt]heir|[Tt]hese|[Tt]hose|[Hh]is|[Hh]er|\w+['’]s)\s+(?P<n>[a-z]+(?:-[a-z]+)?|\d{{1,2}})\s+"
    r"(?:[a-z]+(?:-[a-z]+)?\s+){0,2}(?P<noun>[a-z]+s)\s*(?:,|:|\(|—|–|\s-)\s*"
    rf"(?P<list>{_NAME}(?:,\s+{_NAME}){{0,12}},?\s+and\s+{_NAME})"
    r"(?=\s*(?:[.;:)—–]|,\s+(?:[a-z]|\Z)|,\s*$|\s+(?:were|are|was|is|have|had|will|who|all|each)\b))",
    re.M,
)

# the count, then a clause, then its list after a colon to the end of the sentence: "Three
# candidates have filed to run: Chief Deputy Ray Holm, former trooper Lisa Grant and Bill Evans."
# (an item may open with up to three lower-case words of description)
_ITEM = rf"(?:(?!(?:a|an|the|of|from|in|at|for|with|and|or|who|whose)\s)[a-z]+\s+){{0,3}}{_NAME}"  # no appositive ("a teacher from Leeds")
_COUNTED_COLON = rx.compile(
    r"(?P<n>[A-Za-z]+(?:-[a-z]+)?|\d{1,2})\s+(?:[a-z]+(?:-[a-z]+)?\s+){0,2}(?P<noun>[a-z]+s)\b[^.:;!?\n]{0,120}?:\s+"
    rf"(?P<list>{_ITEM}(?:,\s+{_ITEM}){{1,12}},?\s+and\s+{_ITEM})(?=\s*[.;]|\s*$)",
    re.M,
)

_OBJECT_OF = rx.compile(r"\b(?:for|of|in|on|to|from|with|by|at)\s+\Z")
_BODY_DIGITS = rx.compile(r"(?<![\d,.])(?P<n>\d{1,3})-(?:member|seat|judge|justice|person)\b")


# a count, then (one or two sentences on) the sentence that enumerates it
_COUNT_PHRASE = rx.compile(r"(?P<n>[A-Za-z]+)\s+(?:[a-z]+(?:-[a-z]+)?\s+){0,2}?(?P<noun>[a-z]+s)\b")
_COLON_AT_LINE_END = rx.compile(r"[^.:;!?\n]{0,80}:[ \t]*(?:\n|\Z)")
_BULLET_ITEM = rx.compile(rf"[ \t]*(?:[-*•–]|\d{{1,2}}[.)])[ \t]+(?P<name>{_NAME})(?:[,:;( –—-]|\Z)")
_NAME_ONLY = rx.compile(_NAME)
_ROLE_NOUNS = frozenset("candidates finalists nominees contenders shortlisted applicants semifinalists".split())
_LIST_INTRO = rx.compile(
    r"\s*(?:(?:The|These|Those|Its|Their)\s+(?:(?P<n2>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?"
    r"(?:[a-z]+\s+)?(?P<noun2>[a-z]+s)|They)\s+(?:are|were|will\s+be)\s*:?\s+(?=[A-Z])"
)
_LIST_ITEM = rx.compile(rf"(?:and\s+)?(?:(?!(?:a|an|the|of|from|in|at|for|with|or|who|whose)\s)[a-z]+\s+){{0,3}}{_NAME}")


def _enumerated(body: str) -> list[str]:
    """The items of a list that makes up a whole clause ("A, x; B, y; and C, z" or "A, B and
    C"), each opening with a name: their names; [] when the text is not such a list."""
    if ";" in body:
        parts = [x.strip() for x in body.split(";")]
        names = []
        for x in parts:
            im = _LIST_ITEM.match(x)
            if not im or (im.end() < len(x) and x[im.end()] not in ","):
                return []
            names.append(im.group().removeprefix("and ").strip())
        if not parts[-1].startswith("and ") and not parts[-2].endswith(" and"):
            return []
    else:
        parts = [x.strip() for x in re.split(r",\s+and\s+|,\s+|\s+and\s+", body)]
        if " and " not in body or any(not _LIST_ITEM.fullmatch(x) for x in parts):
            return []
        names = parts
    return names if len(names) >= 2 else []

def _number(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_NUMBERS[word.lower()]


class ImpliedCount(Rule):
    """A count that words imply and the text then breaks: a vote with more votes than the body
    has members ("the nine-member council voted 7-3": ten votes), or a number of named things
    that its list does not have ("the three candidates, Ana Ruiz, Tom Berg, Lee Chan and Sam
    Ode": four names), also when the list follows in a sentence of its own ("has named the
    three finalists." and then "The candidates are A, ...; B, ...; C, ...; and D, ..."), or in
    the bulleted lines after a count that ends its line with a colon.
    (Bodies given in figures, "the 45-member council", are NL804's.)

    Bad:
        The nine-member council voted 7-3 to approve the levy.
        ---
        The three candidates, Ana Ruiz, Tom Berg, Lee Chan and Sam Ode, debated on Tuesday.
        ---
        The university has named the three finalists. The candidates are Ana Ruiz, a dean at Lakemont; Tom Berg, a chair at Carrow; Lee Chan, a provost; and Sam Ode, a professor.
    Good:
        The nine-member council voted 6-3 to approve the levy.
        ---
        The four candidates, Ana Ruiz, Tom Berg, Lee Chan and Sam Ode, debated on Tuesday.
        ---
        The three candidates, Ana Ruiz, a lawyer, Tom Berg and Lee Chan, debated on Tuesday.
        ---
        The university has named the three finalists. The candidates are Ana Ruiz, a dean at Lakemont; Tom Berg, a chair at Carrow; and Lee Chan, a provost.
    """

    code = "NL813"
    name = "implied-count"
    category = "consistency"
    severity = Severity.warning
    summary = "A count that words imply and the text breaks: a vote larger than its body, a list of N"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        if "-member" in prose or "-seat" in prose or "-judge" in prose or "-justice" in prose or "-person" in prose:
            yield from self._votes(doc, prose)
        counts = hits_of(doc, _COUNT_KEYS)
        if counts:
            yield from self._lists(doc, prose, counts)

    def _votes(self, doc: Document, prose: str) -> Iterator[Finding]:
        for m in _VOTE_TALLY.finditer(prose):
            a = int(m.group("a") or m.group("a2"))
            b = int(m.group("b") or m.group("b2"))
            pi = doc.paragraph_index(m.start())
            lo, hi = (doc.paragraphs[pi].start, doc.paragraphs[pi].end) if pi >= 0 else sentence_span(doc, m.start())
            s, e = sentence_span(doc, m.start())
            body = None
            # bodies in figures with "voted 7-3" are NL804's; "a 10-4 vote" is this rule's
            for bm in _BODY_WORDS.finditer(prose, lo, hi) if m.group("a") else sorted(
                    [*_BODY_WORDS.finditer(prose, lo, hi), *_BODY_DIGITS.finditer(prose, lo, hi)], key=lambda x: x.start()):
                body = bm
                if s <= bm.start() < e:
                    break
            if body is None:
                continue
            n = _number(body.group("n"))
            if a + b > n:
                ta, tb = ("a", "b") if m.group("a") else ("a2", "b2")
                yield self.finding(
                    m.start(ta),
                    m.end(tb),
                    f"{a} + {b} = {a + b} votes, more than the {n} members of the {body.group()} body voting",
                    related=[Related(body.start(), body.end(), f"the body has {n} members")],
                )

    def _lists(self, doc: Document, prose: str, counts: list[int]) -> Iterator[Finding]:
        t = word_table(doc)
        for i in counts:
            m = _COUNTED_LIST.match(prose, t.starts[i - 1]) if i else None
            if not m and prose.find(":", t.starts[i], t.starts[i] + 200) != -1:  # its colon comes within 200
                m = _COUNTED_COLON.match(prose, t.starts[i])
            if not m:
                f = self._list_after(doc, prose, t.starts[i])
                if f:
                    yield f
                continue
            if not (m.group("n").isdigit() or m.group("n").lower() in _WORD_NUMBERS):
                continue
            if _OBJECT_OF.search(prose, max(0, m.start() - 6), m.start()):
                continue  # "the five candidates for the two seats, A, B and C": the list is not the seats'
            n = _number(m.group("n"))
            if m.re is _COUNTED_COLON.compiled() and m.group("n")[:1].isupper() and i and prose[t.ends[i - 1] : t.starts[i]].strip() not in ("", ".", "!", "?"):
                continue  # "... Three Rivers candidates": a capitalised name, not a sentence's count
            items = re.split(r",\s+and\s+|,\s+|\s+and\s+", m.group("list"))
            if len(items) == n or n < 2:
                continue
            yield self.finding(
                m.start("n"),
                m.end("noun"),
                f"'{m.group('n')} {m.group('noun')}', but {len(items)} are named: {', '.join(items)}",
                related=[Related(m.start("list"), m.end("list"), f"{len(items)} names")],
            )


    def _bullets_after(self, doc: Document, m: re.Match, n: int, noun: str, end: int) -> Finding | None:
        """A count whose line ends in a colon, then a bulleted list: one item a line, each opening
        with a name ("The three finalists are:" then "- Ana Ruiz, ...", "- Tom Berg", ...)."""
        lines = doc.lines
        k = doc.line_of(end - 1).number  # 1-based: lines[k] is the next line
        items: list[tuple[str, int, int]] = []
        while k < len(lines):
            ln = lines[k]
            k += 1
            if ln.kind == "blank":
                continue
            b = _BULLET_ITEM.match(ln.text)
            if not b:
                break
            items.append((b.group("name"), ln.start + b.start("name"), ln.end))
        if len(items) < 2 or len(items) == n or any(not _NAME_ONLY.fullmatch(x[0]) for x in items):
            return None
        return self.finding(
            m.start("n"),
            m.end("noun"),
            f"'{m.group('n')} {noun}', but {len(items)} are listed below: {', '.join(x[0] for x in items)}",
            related=[Related(items[0][1], items[-1][2], f"{len(items)} items")],
        )

    def _list_after(self, doc: Document, prose: str, at: int) -> Finding | None:
        """A count that a following sentence enumerates: "has named the three finalists." and,
        one or two sentences on, "The candidates are A, ...; B, ...; C, ...; and D, ..." (or
        "They are A, B, C and D"). The list sentence must open by naming the counted things
        (or "They") and run to its end as a list whose every item opens with a name."""
        m = _COUNT_PHRASE.match(prose, at)
        if not m or m.group("n").lower() not in _WORD_NUMBERS:
            return None
        n = _number(m.group("n"))
        si = doc.sentence_index(at)
        if si < 0 or n < 2:
            return None
        sents = doc.sentences
        here = sents[si]
        noun = m.group("noun")
        colon = _COLON_AT_LINE_END.match(prose, m.end())
        if colon:
            return self._bullets_after(doc, m, n, noun, colon.end())
        own = _LIST_INTRO.match(prose, here.start, here.end)
        if own and own.group("n2") and own.start("n2") == at:
            following = [here]  # "The three finalists are A; B; C; and D"
        elif prose.find(":", m.end(), here.end) != -1 or prose.find(";", m.end(), here.end) != -1:
            return None  # a list of its own, or a clause that is not the count's
        else:
            following = sents[si + 1:si + 3]
        para = doc.paragraph_index(at)
        for sp in following:
            if doc.paragraph_index(sp.start) - para > 1:
                break
            intro = _LIST_INTRO.match(prose, sp.start, sp.end)
            if not intro:
                continue
            noun2 = intro.group("noun2")
            if noun2 and noun2 != noun and not (noun2 in _ROLE_NOUNS and noun in _ROLE_NOUNS):
                return None
            if intro.group("n2") and sp is not here:
                return None  # the list gives its own count, checked at that count
            body = prose[intro.end():sp.end].rstrip().rstrip(".").rstrip()
            items = _enumerated(body)
            if not items or len(items) == n:
                return None
            return self.finding(
                m.start("n"),
                m.end("noun"),
                f"'{m.group('n')} {noun}', but {len(items)} are named in the list that follows: {', '.join(items)}",
                related=[Related(intro.end(), intro.end() + len(body), f"{len(items)} names")],
            )
        return None

# --- NL814: a change in per cent that its two figures do not give --------------------------------
_AMOUNT = (r"(?P<{n}cur>[$€£¥])?\s?(?P<{n}num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?P<{n}scale>million|billion|trillion|bn|mn|m|k)\b|(?P<{n}sub>p|c)\b)?"
           r"(?!\s?(?:%|per\s?cent|percent))")
_RISE = "rose|risen|rising|increased|grew|grown|climbed|jumped|gained|surged|soared|advanced|edged up|was up|were up|up"
_FALL = "fell|fallen|falling|decreased|dropped|declined|slid|lost|slumped|plunged|sank|shrank|edged down|was down|were down|down"
# the span the change covers, between its percentage and its figures: "this year", "in the year to March"
_SPAN = r"(?:(?:this|last|in|over|during|for|since|a)\b[^\d.;:%£$€¥\n,]{0,30}?,?\s+)?"
_CHANGE = rx.compile(
    rf"\b(?P<verb>{_RISE}|{_FALL})\s+(?:by\s+)?(?:(?:about|around|nearly|almost|some|roughly|more\s+than|over)\s+)?"
    r"(?P<pct>\d+(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)(?:\s+(?:year[- ]on[- ]year|on\s+the\s+year))?,?\s+" + _SPAN +
    # "to £4.5 billion in the year to March, from £4.0 billion": a few words without figures between
    r"(?:(?:to|at)\s+" + _AMOUNT.format(n="to") + r"(?:\s+[^\d.;:%£$€¥\n]{1,40}?)?,?\s+(?:from|compared\s+with|against|up\s+from|down\s+from)\s+" + _AMOUNT.format(n="fr")
    # "from 4,200 students to 4,500": the counted thing may follow the first figure
    + r"|from\s+" + _AMOUNT.format(n="fr2") + r"(?:\s+[a-z]+){0,2}?\s+to\s+" + _AMOUNT.format(n="to2") + r")"
)
# a change with its base only, the new figure given before it: "$19.4 million, a 3.5 percent
# increase over this year's $18.2 million"; "1.8 million passengers, up 12.5% from 1.6 million"
_CHANGE_BASE = rx.compile(
    r"(?:\b(?P<verb>up|down)\s+(?P<pct>\d+(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)"
    r"|\b(?:a|an)\s+(?P<pct2>\d+(?:\.\d+)?)\s?(?:%|per\s?cent|percent)\s+(?P<noun>increase|rise|jump|gain|hike|climb|growth|"
    r"decrease|drop|cut|decline|fall|reduction|dip)"
    r"|\b(?:a|an)\s+(?P<noun2>increase|rise|jump|gain|hike|climb|decrease|drop|cut|decline|fall|reduction|dip)\s+of\s+"
    r"(?P<pct3>\d+(?:\.\d+)?)\s?(?:%|per\s?cent|percent)"
    r"|\b(?P<pct4>\d+(?:\.\d+)?)\s?(?:%|per\s?cent|percent)\s+(?P<cmp>more|higher|fewer|lower|less|above|below)(?=\s+than))"
    r"(?:\s+(?:year[- ]on[- ]year|on\s+the\s+year))?\s+(?:from|over|on|compared\s+with|against|than)\s+"
    r"(?:[A-Za-z'’]+\s+){0,3}?" + _AMOUNT.format(n="fr") + r"(?![\d,.]*\d)"
)
_BASE_FALLS = frozenset(("down", "decrease", "drop", "cut", "decline", "fall", "reduction", "dip", "fewer", "lower", "less", "below"))
# the words that point at the new figure in the sentence after a change with its base only
_NEW_FIGURE = rx.compile(r"\b(?i:new|total|brings?|bringing|takes|taking|makes|making|will\s+be|would\s+be|now)\b[^\d.;:]{0,40}\Z")
_FIGURE_TEXT = rx.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<scale>[A-Za-z]+)?")
_PCT_TAIL = rx.compile(r"(?:%|per\s?cent|percent)(?:\s+(?:year[- ]on[- ]year|on\s+the\s+year))?,?\s+" + _SPAN + r"(?:to|at|from)\s")
_BASE_TAIL = rx.compile(
    r"(?:%|per\s?cent|percent)(?:\s+(?:increase|rise|jump|gain|hike|climb|growth|decrease|drop|cut|decline|fall|reduction|dip|"
    r"more|higher|fewer|lower|less|above|below))?"
    r"(?:\s+(?:year[- ]on[- ]year|on\s+the\s+year))?\s+(?:from|over|on|compared\s+with|against|than)\s"
)
def _half_unit(digits: str) -> float:
    """Half a unit of the last digit written: how far the value of "4.5" may be from 4.5."""
    return 0.5 * 10 ** -(len(digits) - digits.index(".") - 1) if "." in digits else 0.5


def _bounds(num: str, scale: str | None) -> tuple[float, float, float]:
    """A figure as written, and the least and greatest values that round to it."""
    digits = num.replace(",", "")
    half = _half_unit(digits)
    k = SCALES.get((scale or "").lower(), 1.0)
    v = float(digits)
    return v * k, (v - half) * k, (v + half) * k


class ChangeMismatch(Rule):
    """A change in per cent that the two figures it joins cannot give: "sales rose 20% to £4.5
    billion from £4.0 billion" (a rise of 12.5%), or a rise between figures that fell; also with the span of the change
    between ("rose 12 per cent this year, from 4,200 students to 4,500") and with the base only,
    the new figure given before it ("$19.4 million, a 3.5 percent increase over this year's
    $18.2 million"; "$5.4bn, up 8% from $5.2bn"; "4,500, 12 per cent more than last year's
    4,200") or called new in the next sentence. Every
    figure is read as rounded as written (£4.5 billion is anything from £4.45 billion to £4.55
    billion, 20% anything from 19.5% to 20.5%), so rounding never makes a finding; changes between
    percentages (points or per cent, often confused) and hedged changes ("more than 20%") are left
    alone.

    Bad:
        Sales rose 20% to £4.5 billion from £4.0 billion.
        ---
        Pre-tax profit fell 8% to £250 million, from £228 million.
        ---
        The council approved a levy of $19.4 million, a 3.5 percent increase over this year's $18.2 million.
    Good:
        Sales rose 12% to £4.5 billion from £4.0 billion.
        ---
        Pre-tax profit fell 8% to £210 million, from £228 million.
        ---
        The jobless rate rose 10% to 4.4% from 4.0%.
        ---
        The council approved a levy of $19.4 million, a 6.6 percent increase over this year's $18.2 million.
    """

    code = "NL814"
    name = "change-mismatch"
    category = "consistency"
    severity = Severity.warning
    summary = "A change in per cent that the two figures it joins do not give"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        if not ("%" in prose or "per cent" in prose or "percent" in prose):
            return
        if "from" not in prose and " over " not in prose and " on " not in prose and "against" not in prose and " than " not in prose:
            return
        # _CHANGE is tried only around the tails of changes: from the sixth word before the tail
        # (the verb and "by about 12.5") to 400 characters after it (both figures; the pattern's
        # words and figures never run that long). A window starts at a word and the search sees
        # the text before it, so \b and the verb match as in a scan of the whole prose
        found: list[re.Match] = []
        based: list[re.Match] = []
        for p in offsets_of(prose, ("%", "percent", "per cent", "per\ncent", "per\tcent")):
            q = p - 1 if p and not prose[p - 1].isspace() else p - 2  # "12%" or "12 %"
            if q < 0 or not prose[q].isdigit():
                continue
            t = _PCT_TAIL.match(prose, p)
            b = None if t else _BASE_TAIL.match(prose, p)
            if t is None and b is None:
                continue
            tail = t or b
            lo = tail.start()
            for _ in range(8):  # back over "rose by about 12.5" or "an increase of 12.5": a few words before the figure
                lo = prose.rfind(" ", 0, lo - 1) if lo > 1 else 0
                if lo <= 0:
                    lo = 0
                    break
            lo = lo + 1 if lo else 0
            if t is not None:
                if found and lo < found[-1].end():
                    continue
                m = _CHANGE.search(prose, lo, min(len(prose), t.end() + 400))
                if m and m.start() <= t.start() < m.end():
                    found.append(m)
                    continue
                b = _BASE_TAIL.match(prose, p)
            if b is not None:
                m = _CHANGE_BASE.search(prose, lo, min(len(prose), b.end() + 120))
                if m and m.start() <= b.start() < m.end():
                    based.append(m)
        for m in found:
            if re.search(r"more\s+than|over|about|around|nearly|almost|some|roughly", prose[m.end("verb") : m.start("pct")]):
                continue  # a hedged change
            to = "to" if m.group("tonum") else "to2"
            fr = "fr" if m.group("frnum") else "fr2"
            if (m.group(f"{to}cur") or "") != (m.group(f"{fr}cur") or "") or (m.group(f"{to}sub") or "") != (m.group(f"{fr}sub") or ""):
                continue  # different currencies, or a figure whose unit is not written
            falls = re.fullmatch(rf"(?:{_FALL})", m.group("verb")) is not None
            f = self._mismatch(doc, f"{m.group('verb')} {m.group('pct')}%", m.group("pct"), falls, m.start("pct"), m.end(),
                               (m.group(f"{to}num"), m.group(f"{to}scale"), m.start(f"{to}num"), m.end(f"{to}num")),
                               (m.group(f"{fr}num"), m.group(f"{fr}scale"), m.start(f"{fr}num"), m.end(f"{fr}num")))
            if f:
                yield f
        for m in based:
            yield from self._with_base(doc, prose, m)

    def _with_base(self, doc: Document, prose: str, m: re.Match) -> Iterator[Finding]:
        """A change with its base only: the new figure is the one figure of the clause before
        it ("$19.4 million, a 3.5 percent increase over..."), or, when the sentence gives none
        before it, the one figure of the base's unit in the next sentence that is called new."""
        pct = m.group("pct") or m.group("pct2") or m.group("pct3") or m.group("pct4")
        verb = m.group("verb") or m.group("noun") or m.group("noun2") or m.group("cmp")
        said = f"{verb} {pct}%" if m.group("verb") else f"{pct}% {verb}" if m.group("cmp") else f"a {pct}% {verb}"
        s, e = sentence_span(doc, m.start())
        ys = extract_between(doc, m.start("frnum") - (1 if m.group("frcur") else 0), m.end())
        if not ys:
            return
        y = ys[0]
        if y.unit == "%" or y.hedge or y.vague:
            return
        x = None
        before = [q for q in extract_between(doc, s, m.start()) if q.end <= m.start()]
        if before:
            cs = s
            for dm in _CLAUSE_MARK.finditer(prose, s, before[-1].end):
                cs = dm.end()
            inclause = [q for q in before if q.start >= cs]
            if len(inclause) == 1 and _UP_FROM.fullmatch(prose, inclause[0].end, m.start()):
                x = inclause[0]
        elif not any(q.unit == y.unit for q in extract_between(doc, m.end(), e)):
            si = doc.sentence_index(m.start())
            if 0 <= si < len(doc.sentences) - 1:
                ns = doc.sentences[si + 1]
                if doc.paragraph_index(ns.start) - doc.paragraph_index(m.start()) <= 1 and "%" not in prose[ns.start:ns.end] \
                        and "per" not in prose[ns.start:ns.end]:
                    same = [q for q in extract_between(doc, ns.start, ns.end) if q.unit == y.unit]
                    if len(same) == 1 and _NEW_FIGURE.search(prose, ns.start, same[0].start):
                        x = same[0]
        if x is None or x.unit != y.unit or x.hedge or x.vague or x.low != x.high:
            return
        xt = _FIGURE_TEXT.search(doc.text, x.num_start, x.num_end)
        yt = _FIGURE_TEXT.search(doc.text, y.num_start, y.num_end)
        if not xt or not yt:
            return
        f = self._mismatch(doc, said, pct, verb in _BASE_FALLS, m.start(), m.end(),
                           (xt.group("num"), xt.group("scale"), x.num_start, x.num_end),
                           (yt.group("num"), yt.group("scale"), y.num_start, y.num_end))
        if f:
            yield f

    def _mismatch(self, doc: Document, said: str, pct_text: str, falls: bool, start: int, end: int, to, fr) -> Finding | None:
        """The finding when a change of pct_text per cent cannot lead from fr to to (each a
        figure as written, its scale word, and its place), every figure read as rounded."""
        (to_num, scale_to, to_s, to_e), (fr_num, scale_fr, fr_s, fr_e) = to, fr
        if scale_to and scale_to.lower() not in SCALES:
            scale_to = None
        if scale_fr and scale_fr.lower() not in SCALES:
            scale_fr = None
        if bool(scale_to) != bool(scale_fr) and not (scale_fr is None and scale_to):
            return None  # "to 4.5 billion from 4,000": units unclear
        v_to, lo_to, hi_to = _bounds(to_num, scale_to)
        v_fr, lo_fr, hi_fr = _bounds(fr_num, scale_fr or scale_to)
        if lo_fr <= 0:
            return None
        pct = float(pct_text)
        half = _half_unit(pct_text)
        sign = -1.0 if falls else 1.0
        said_lo, said_hi = sign * (pct - half), sign * (pct + half)
        said_lo, said_hi = min(said_lo, said_hi), max(said_lo, said_hi)
        can_lo = (lo_to - hi_fr) / hi_fr * 100 if lo_to >= hi_fr else (lo_to - hi_fr) / lo_fr * 100
        can_hi = (hi_to - lo_fr) / lo_fr * 100 if hi_to >= lo_fr else (hi_to - lo_fr) / hi_fr * 100
        if not (said_hi < can_lo or said_lo > can_hi):
            return None
        actual = (v_to - v_fr) / v_fr * 100
        what = "a rise" if actual > 0 else "a fall" if actual < 0 else "no change"
        return self.finding(
            start,
            end,
            f"'{said}' does not fit its figures: from {doc.text[fr_s:fr_e]} "
            f"to {doc.text[to_s:to_e]} is {what} of {abs(actual):.1f}%",
            related=[Related(fr_s, fr_e, "the figure before"), Related(to_s, to_e, "the figure after")],
        )


RULES = [LabelledValueConflict, PartsAgainstWhole, FigureRestated, ImpliedCount, ChangeMismatch]
