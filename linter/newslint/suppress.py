"""Suppression comments, parsed into records and applied as a mask.

Forms (in .md and .txt alike; RULE is a code, code prefix, name or category, comma-separated):

* ``<!-- newslint-disable RULE[,RULE] -->`` ... ``<!-- newslint-enable [RULE] -->``: a region
  (without RULE: every rule). Without a matching enable, it runs to the end of the file.
* ``<!-- newslint-disable-next-line RULE -->``: the next non-blank line.
* ``<!-- newslint-disable-line RULE -->``: the line the comment is on.
* ``<!-- newslint-disable-file [RULE] -->``: the whole file.
* ``word [sic]``: spelling and mechanics findings on the word before ``[sic]``.

The comments are parsed once per Document into a :class:`SuppressionMap` (records of what each
one covers, as sqlfluff's noqa mask); the engine applies it to the findings of the whole text, and
a large file linted in pieces (``newslint.chunked``) applies each piece's map and carries what
reaches past a piece to the next ones with a :class:`Stream`. :func:`directives` is the only
place the comments are recognised.

A suppression hides only findings of the rules it names and counts as used only when it hid
one. Every comment that suppresses nothing is reported by rule NL900 (unused-suppression), like
Ruff's unused-noqa, and one that names an unknown rule by NL901 (unknown-suppression-rule).
``[sic]`` is an editor's mark as well as a suppression, so an unused one is not reported.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator, NamedTuple

from . import rx
from .analysis import per_document
from .document import Document, Line
from .finding import Finding
from .rule import Rule
from .selection import finding_code_matches, selector_matches

_COMMENT = rx.compile(
    r"<!--\s*newslint-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)\b(?P<rules>[^>]*?)\s*-->"
)
_SIC = rx.compile(r"(?P<word>[^\s\[\]]+)\s?\[sic\]", re.I)  # what sic_marks finds
_SIC_MARK = rx.compile(r"\[sic\]", re.I)


def sic_marks(text: str) -> Iterator[tuple[int, int, int]]:
    """(word start, word end, mark end) of each ``word [sic]``: the matches of ``_SIC``, found
    from each mark backwards, so that a long run of characters before a mark (or none) costs
    one pass, not one per starting position (the pattern tried at every start was quadratic).
    The word is the run of characters other than whitespace and brackets that ends at the mark
    or one whitespace character before it, and does not reach into the previous match."""
    floor = 0
    for m in _SIC_MARK.finditer(text):
        end = m.start()
        if end > floor and text[end - 1].isspace():
            end -= 1
        start = end
        while start > floor and not text[start - 1].isspace() and text[start - 1] not in "[]":
            start -= 1
        if start < end:
            yield start, end, m.end()
            floor = m.end()
SIC_CATEGORIES = ("spelling", "mechanics", "grammar")


class Directive(NamedTuple):
    """One suppression comment."""

    kind: str  # disable | enable | disable-line | disable-next-line | disable-file
    rules: tuple[str, ...]  # selectors; empty = every rule
    start: int  # the comment
    end: int
    rules_start: int  # its list of rules
    rules_end: int


def directives(text: str) -> Iterator[Directive]:
    """The suppression comments in ``text``, in order."""
    if "newslint-" not in text:
        return
    for m in _COMMENT.finditer(text):
        rules = tuple(r.strip() for r in m.group("rules").replace(",", " ").split() if r.strip())
        yield Directive(m.group("kind"), rules, m.start(), m.end(), m.start("rules"), m.end("rules"))


class Suppression(NamedTuple):
    kind: str  # region | next-line | line | file | sic
    rules: tuple[str, ...]  # selectors; empty = every rule
    start: int  # offset range the suppression covers
    end: int
    comment: tuple[int, int]  # offsets of the comment itself

    def covers(self, f: Finding, rule: type[Rule] | None) -> bool:
        if not (self.start <= f.start < self.end or (self.kind == "file")):
            return False
        if self.kind == "sic":
            return f.category in SIC_CATEGORIES and f.start >= self.start and f.end <= self.end
        if not self.rules:
            return True
        for sel in self.rules:
            if "." in sel and finding_code_matches(sel, f.rule):
                return True
            if rule is not None and "." not in sel and selector_matches(sel, rule):
                return True
        return False


def closes(enable: Directive, region: Suppression) -> bool:
    """Does a ``newslint-enable`` comment end a region? Without rules it ends every region, and
    every enable ends a region without rules."""
    return not enable.rules or not region.rules or bool(set(enable.rules) & set(region.rules))


def hide(
    findings: Iterable[Finding], records: Iterable[Suppression], rules: dict[str, type[Rule]]
) -> tuple[list[Finding], set[Suppression]]:
    """The findings that no record covers, and the records that covered one (used)."""
    records = list(records)
    kept: list[Finding] = []
    used: set[Suppression] = set()
    for f in findings:
        hit = False
        rule = rules.get(f.rule) or rules.get(f.rule.split(".")[0])
        for s in records:
            if s.covers(f, rule):
                used.add(s)
                hit = True
        if not hit:
            kept.append(f)
    return kept, used


class SuppressionMap(NamedTuple):
    """What the suppressions of one text cover. Read-only: one map serves every run over its
    Document."""

    records: tuple[Suppression, ...] = ()
    directives: tuple[Directive, ...] = ()
    #: what reaches past the end of the text: regions without an enable, and a
    #: disable-next-line with no non-blank line after it (see :class:`Stream`)
    reaching: tuple[Suppression, ...] = ()

    def apply(self, findings: Iterable[Finding], rules: dict[str, type[Rule]]) -> tuple[list[Finding], set[Suppression]]:
        """The findings no suppression hides, and the suppressions that hid one."""
        return hide(findings, self.records, rules)

    def unused(self, used: set[Suppression]) -> Iterator[Suppression]:
        """The suppression comments that hid nothing (``[sic]`` is an editor's mark too: never)."""
        return (s for s in self.records if s.kind != "sic" and s not in used)

    def unknown_selectors(self, known: Iterable[type[Rule]]) -> list[tuple[int, int, str]]:
        """(start, end, selector) of the rule lists that name no known rule."""
        known = list(known)
        return [
            (d.rules_start, d.rules_end, sel)
            for d in self.directives
            for sel in d.rules
            if not any(selector_matches(sel, r) for r in known)
        ]


def _next_line(doc: Document, index: int) -> Line | None:
    """The first non-blank line from ``doc.lines[index]`` on: what a disable-next-line covers."""
    return next((ln for ln in doc.lines[index:] if ln.kind != "blank"), None)


@per_document
def parse(doc: Document) -> SuppressionMap:
    """The suppressions of a Document (computed once per Document)."""
    text = doc.text
    n = len(text)
    records: list[Suppression] = []
    found = tuple(directives(text))
    open_regions: list[tuple[Directive, Suppression]] = []
    reaching: list[Suppression] = []
    for d in found:
        kind = d.kind
        comment = (d.start, d.end)
        if kind == "disable":
            open_regions.append((d, Suppression("region", d.rules, d.end, n, comment)))
        elif kind == "enable":
            for pair in list(open_regions):
                if closes(d, pair[1]):
                    records.append(pair[1]._replace(end=d.start))
                    open_regions.remove(pair)
        elif kind == "disable-line":
            line = doc.line_of(d.start)
            records.append(Suppression("line", d.rules, line.start, line.end + 1, comment))
        elif kind == "disable-next-line":
            nxt = _next_line(doc, doc.line_of(d.start).number)
            if nxt is not None:
                records.append(Suppression("next-line", d.rules, nxt.start, nxt.end + 1, comment))
            else:
                s = Suppression("next-line", d.rules, n, n, comment)
                records.append(s)
                reaching.append(s)
        elif kind == "disable-file":
            records.append(Suppression("file", d.rules, 0, n, comment))
    for _, s in open_regions:  # no enable: to the end of the text
        records.append(s)
        reaching.append(s)
    if "[sic]" in text.lower():
        for start, end, mark_end in sic_marks(text):
            records.append(Suppression("sic", (), start, end, (start, mark_end)))
    records.sort(key=lambda s: s.comment)
    return SuppressionMap(tuple(records), found, tuple(reaching))


class Stream:
    """The suppressions of a text linted in pieces (a large file, see ``newslint.chunked``).

    The engine applies each piece's own map to that piece. A Stream carries on what reaches past
    a piece, as in a whole-file run: a region runs on until an ``newslint-enable`` that
    :func:`closes` it (or the end of the file), a ``newslint-disable-next-line`` covers the first
    non-blank line of a later piece, and ``newslint-disable-file`` covers every piece (applied
    to all findings at the end). Comment offsets are file offsets; the others piece offsets."""

    def __init__(self, rules: dict[str, type[Rule]]):
        self.rules = rules
        #: suppressions reaching into the next piece
        self.open: list[Suppression] = []
        self.file_wide: list[Suppression] = []
        #: file offsets of comments that suppressed something outside their piece
        self.used: set[int] = set()

    def piece(self, doc: Document, base: int, findings: list[Finding]) -> list[Finding]:
        """A piece's findings (piece offsets; its own suppressions applied) without those the
        suppressions of earlier pieces cover; notes what this piece's comments carry on."""
        text = doc.text
        if not self.open and "newslint-" not in text:
            return findings
        n = len(text)
        smap = parse(doc)
        here: list[Suppression] = []  # carried in, placed in this piece
        still: list[Suppression] = []  # carried in, reaching on past this piece
        for s in self.open:
            if s.kind == "region":
                end = next((d.start for d in smap.directives if d.kind == "enable" and closes(d, s)), None)
                here.append(s._replace(start=0, end=n if end is None else end))
                if end is None:
                    still.append(s)
            else:  # next-line
                line = _next_line(doc, 0)
                if line is None:
                    still.append(s)
                else:
                    here.append(s._replace(start=line.start, end=line.end + 1))
        shift = lambda s: s._replace(comment=(s.comment[0] + base, s.comment[1] + base))  # noqa: E731
        self.open = still + [shift(s) for s in smap.reaching]
        self.file_wide += [shift(s) for s in smap.records if s.kind == "file"]
        return self.hide(findings, here) if here else findings

    def hide(self, findings: list[Finding], records: list[Suppression]) -> list[Finding]:
        """The findings that ``records`` do not cover, noting the records used; the engine's own
        findings (NL900, NL901) are never suppressed, as in a whole-file run."""
        candidates = [f for f in findings if f.rule not in ENGINE_CODES]
        kept, used = hide(candidates, records, self.rules)
        self.used.update(s.comment[0] for s in used)
        if len(kept) == len(candidates) == len(findings):
            return findings
        keep = {id(f) for f in kept}
        return [f for f in findings if f.rule in ENGINE_CODES or id(f) in keep]

    def file_wide_hidden(self, findings: list[Finding]) -> list[Finding]:
        """Findings (file offsets) without those the ``newslint-disable-file`` comments cover."""
        return self.hide(findings, self.file_wide)

    def used_elsewhere_dropped(self, findings: list[Finding]) -> list[Finding]:
        """Findings without the NL900 (unused suppression) of comments that suppressed something
        in another piece. Call after every piece and :meth:`file_wide_hidden` have run."""
        return [f for f in findings if not (f.rule == UNUSED and f.start in self.used)]


#: the findings the engine reports itself from the suppressions (rules/suppression.py), never suppressed
UNUSED, UNKNOWN = "NL900", "NL901"
ENGINE_CODES = frozenset((UNUSED, UNKNOWN))
