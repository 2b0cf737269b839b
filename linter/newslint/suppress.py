"""Suppression comments, parsed into records and applied as a mask.

Forms (in .md and .txt alike; RULE is a code, code prefix, name or category, comma-separated):

* ``<!-- newslint-disable RULE[,RULE] -->`` ... ``<!-- newslint-enable [RULE] -->``: a region
  (without RULE: every rule). Without a matching enable, it runs to the end of the file.
* ``<!-- newslint-disable-next-line RULE -->``: the next non-blank line.
* ``<!-- newslint-disable-line RULE -->``: the line the comment is on.
* ``<!-- newslint-disable-file [RULE] -->``: the whole file.
* ``word [sic]``: spelling and mechanics findings on the word before ``[sic]``.

Every comment that suppresses nothing is reported by rule NL900 (unused-suppression), like
Ruff's unused-noqa, and one that names an unknown rule by NL901 (unknown-suppression-rule).
``[sic]`` is an editor's mark as well as a suppression, so an unused one is not reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from . import rx
from .selection import finding_code_matches, selector_matches
from .document import Document
from .finding import Finding, Severity
from .rule import Context, Rule

_COMMENT = rx.compile(
    r"<!--\s*newslint-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)\b(?P<rules>[^>]*?)\s*-->"
)
_SIC = rx.compile(r"(?P<word>[^\s\[\]]+)\s?\[sic\]", re.I)
SIC_CATEGORIES = ("spelling", "mechanics", "grammar")


@dataclass
class Suppression:
    kind: str  # region | next-line | line | file | sic
    rules: tuple[str, ...]  # selectors; empty = every rule
    start: int  # offset range the suppression covers
    end: int
    comment: tuple[int, int]  # offsets of the comment itself
    used: bool = False

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


@dataclass
class SuppressionMap:
    records: list[Suppression] = field(default_factory=list)
    bad_selectors: list[tuple[int, int, str]] = field(default_factory=list)

    def apply(self, findings: Iterable[Finding], rules: dict[str, type[Rule]]) -> list[Finding]:
        kept = []
        for f in findings:
            hit = False
            rule = rules.get(f.rule) or rules.get(f.rule.split(".")[0])
            for s in self.records:
                if s.covers(f, rule):
                    s.used = True
                    hit = True
            if not hit:
                kept.append(f)
        return kept

    def unused(self) -> Iterator[Suppression]:
        return (s for s in self.records if not s.used and s.kind != "sic")


def parse(doc: Document, known: Iterable[type[Rule]]) -> SuppressionMap:
    text = doc.text
    out = SuppressionMap()
    known = list(known)
    open_regions: list[Suppression] = []
    for m in _COMMENT.finditer(text):
        kind = m.group("kind")
        rules = tuple(r.strip() for r in m.group("rules").replace(",", " ").split() if r.strip())
        for sel in rules:
            if not any(selector_matches(sel, r) for r in known):
                out.bad_selectors.append((m.start("rules"), m.end("rules"), sel))
        line = doc.line_of(m.start())
        comment = (m.start(), m.end())
        if kind == "disable":
            s = Suppression("region", rules, m.end(), len(text), comment)
            out.records.append(s)
            open_regions.append(s)
        elif kind == "enable":
            for s in list(open_regions):
                if not rules or set(rules) & set(s.rules) or not s.rules:
                    s.end = m.start()
                    open_regions.remove(s)
        elif kind == "disable-line":
            out.records.append(Suppression("line", rules, line.start, line.end + 1, comment))
        elif kind == "disable-next-line":
            nxt = next((ln for ln in doc.lines[line.number :] if ln.kind != "blank"), None)
            if nxt is not None:
                out.records.append(Suppression("next-line", rules, nxt.start, nxt.end + 1, comment))
            else:
                out.records.append(Suppression("next-line", rules, len(text), len(text), comment))
        elif kind == "disable-file":
            out.records.append(Suppression("file", rules, 0, len(text), comment))
    if "[sic]" in text.lower():
        for m in _SIC.finditer(text):
            out.records.append(Suppression("sic", (), m.start("word"), m.end("word"), (m.start(), m.end())))
    return out


class UnusedSuppression(Rule):
    """A suppression comment that suppresses nothing.

    A stale ``newslint-disable`` hides future problems and misleads the next editor; remove it.
    The engine reports these after the other rules have run (so this rule has no ``check``).

    Bad:
        <!-- newslint-disable-next-line NL101 -->
        The minister spoke on Tuesday.
    Good:
        <!-- newslint-disable-next-line NL101 -->
        The minister spoke on Tusday.
    """

    code = "NL900"
    name = "unused-suppression"
    category = "style"
    severity = Severity.info
    summary = "A suppression comment that suppresses nothing"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        return ()


class UnknownSuppressionRule(Rule):
    """A suppression comment that names a rule newslint does not know.

    Bad:
        <!-- newslint-disable-next-line NL999 -->
        The minister spoke on Tuesday.
    Good:
        <!-- newslint-disable-next-line known-typo -->
        The minister spoke on Tusday.
    """

    code = "NL901"
    name = "unknown-suppression-rule"
    category = "style"
    severity = Severity.warning
    summary = "A suppression comment names an unknown rule"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        return ()


RULES = [UnusedSuppression, UnknownSuppressionRule]
