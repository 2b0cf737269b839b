"""Small text helpers shared by the line-pattern rules (generated copy, boilerplate).

* :func:`norm_prose` / :func:`norm_text`: the prose or raw text with curly apostrophes folded
  to ' (same length, same offsets), so patterns need not spell both;
* :func:`in_quotes`: whether an offset lies inside a quotation, by bisection;
* :func:`bare_line`: a line without Markdown marks, emphasis and a trailing colon;
* :func:`shorten`: a snippet for a message;
* :func:`speaker_turns`: lines that open with a speaker label, recurring or not.
"""
from __future__ import annotations

import bisect
from typing import NamedTuple

from .. import rx
from ..document import Document
from . import per_document

__all__ = ["fold_apostrophes", "norm_prose", "norm_text", "in_quotes", "bare_line", "shorten", "Turn", "speaker_turns"]


def fold_apostrophes(s: str) -> str:
    """``s`` with ’ and ‘ as ' (same length)."""
    return s.replace("’", "'").replace("‘", "'") if ("’" in s or "‘" in s) else s


@per_document
def norm_prose(doc: Document) -> str:
    """``doc.prose`` with curly apostrophes folded to ' (same length, same offsets)."""
    return fold_apostrophes(doc.prose)


@per_document
def norm_text(doc: Document) -> str:
    """``doc.text`` with curly apostrophes folded to ' (same length, same offsets)."""
    return fold_apostrophes(doc.text)


@per_document
def _quote_starts(doc: Document) -> list[int]:
    return [q.start for q in doc.quotations]


def in_quotes(doc: Document, start: int) -> bool:
    """doc.in_quotation, by bisection (quotations are sorted and do not overlap)."""
    quotes = doc.quotations
    if not quotes:
        return False
    i = bisect.bisect_right(_quote_starts(doc), start) - 1
    return i >= 0 and quotes[i].start <= start < quotes[i].end


def shorten(s: str, n: int = 60) -> str:
    """``s`` on one line, cut to ``n`` characters with an ellipsis."""
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


_LEAD_MARKS = "#>*_•·▪●◦‣-"
_TRAIL_MARKS = "*_:"


def bare_line(text: str) -> str:
    """A line without Markdown heading/quote/bullet marks, emphasis and a trailing colon.

    What ``re.sub(r"^[\\s#>*_•·▪●◦‣-]*|[\\s*_:]*$", "", text)`` gives, with str methods that
    touch only the ends (the pattern's second branch was tried at every position of the line):
    the longest prefix of those marks and whitespace (str.strip's whitespace is re's \\s) and
    the longest suffix of the others, the suffix starting no earlier than the prefix ends."""
    start = len(text) - len(_strip_end(text, str.lstrip, _LEAD_MARKS))
    end = len(_strip_end(text, str.rstrip, _TRAIL_MARKS))
    return text[start : max(start, end)]


def _strip_end(s: str, strip, marks: str) -> str:
    """``s`` with whitespace and ``marks`` stripped from one end (``strip`` is str.lstrip or
    str.rstrip) until neither is left there."""
    while True:
        t = strip(strip(s), marks)
        if len(t) == len(s):
            return s
        s = t


# --- speaker turns -------------------------------------------------------------------------------

#: "Name:", "**Host:**", "[Host's Name]:", "Editor, Outlet:", "outlet.news Editor:" at a line's start
_SPEAKER = rx.compile(
    r"[ \t]*(?:\*\*)?(?P<label>\[[^\]\n]{1,40}\]|[A-Za-z][\w.’'&-]*(?:,? [A-Za-z][\w.’'&-]*){0,5})(?:\*\*)?:(?:\*\*)?[ \t]+(?P<rest>\S[^\n]*)"
)
_TURN_END = rx.compile(r"[.!?…][\"”’')\]]*\s*$")


class Turn(NamedTuple):
    """A line that opens with a speaker label: the label's span and text."""

    line: int  # index in doc.lines
    start: int  # the label's span (without Markdown bold and the colon)
    end: int
    label: str


@per_document
def speaker_turns(doc: Document) -> list[Turn]:
    """Lines that open with a speaker label followed by what the speaker says, whether or not the
    label recurs (the document's own ``label`` kind needs it to): the label is one to six words,
    or bracketed, and what follows is a sentence (it ends in . ? ! or is long). A heading with a
    colon ("Sources Analysis:", "Q&A Interview: The Ceasefire Deal") is not a turn."""
    out: list[Turn] = []
    if ":" not in doc.text:
        return out
    for i, ln in enumerate(doc.lines):
        if ln.kind in ("blank", "code", "table") or ":" not in ln.text[:70]:
            continue
        m = _SPEAKER.match(ln.text)
        if not m:
            continue
        rest = m.group("rest")
        if len(rest.split()) < 4 or not (_TURN_END.search(rest) or len(rest) > 80):
            continue
        a, b = m.span("label")
        label = m.group("label")
        fm = doc.front_matter
        if label.startswith("[^") or (fm is not None and ln.start < fm.span.end):
            continue  # a footnote definition, or a key of the front matter: not a speaker
        out.append(Turn(i, ln.start + a, ln.start + b, label))
    return out
