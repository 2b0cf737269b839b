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

import re
from typing import Iterator

from .. import rx
from ..analysis.quantities import (
    COUNT_CLASSES,
    INF,
    NUMBER_WORDS,
    Quantity,
    count_classes,
    extract_between,
    fmt_amount,
    labelled_rows,
)
from ..analysis.statements import entities, sentence_span
from ..document import Document
from ..finding import Finding, Related, Severity
from ..rule import Context, Rule


def _q(doc: Document, q: Quantity) -> str:
    return doc.text[q.start:q.end]


def _fmt(x: float) -> str:
    return fmt_amount(x)


# --- NL810: one labelled item, two values ---------------------------------------------------------
class LabelledValueConflict(Rule):
    """One labelled item given two different values: a sentence that restates a row of a list or
    table ("China has reported 80,026 cases and 2,192 deaths" against the row "China 80,026
    2,912"), or one list that gives its entry twice ("Norway: 6" and, lower down, "Norway: 2").
    The sentence must name that one label only, give as many figures as the row, in the same
    order, and agree with it on at least one of them (so that the row and the sentence are
    about the same things); the figure that then differs is reported, with the row related.

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
    """

    code = "NL810"
    name = "labelled-value-conflict"
    category = "consistency"
    severity = Severity.warning
    summary = "One labelled item (a list entry or table row) given two different values"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        rows = labelled_rows(doc)
        if not rows:
            return
        by_label: dict[str, list] = {}
        for r in rows:
            by_label.setdefault(r.label, []).append(r)
        yield from self._twice_in_a_list(doc, rows, by_label)
        yield from self._prose_against_rows(doc, rows, by_label)

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
        single = {k: v[0] for k, v in by_label.items() if len(v) == 1 and len(v[0].values) >= 2 and len(k) >= 3}
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
            row = single[m.group()]
            figs = [q for q in extract_between(doc, s, e) if not q.vague and q.unit != "%" and q.low != INF]
            if len(figs) != len(row.values):
                continue
            pairs = list(zip(figs, row.values))
            if not any(q.value == v and v >= 100 for q, (v, _, _) in pairs):
                continue  # no figure in common: the sentence may be about other things
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


RULES = [LabelledValueConflict]
