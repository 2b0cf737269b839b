"""Small text helpers shared by the line-pattern rules (generated copy, boilerplate).

* :func:`norm_prose` / :func:`norm_text`: the prose or raw text with curly apostrophes folded
  to ' (same length, same offsets), so patterns need not spell both;
* :func:`in_quotes`: whether an offset lies inside a quotation, by bisection;
* :func:`bare_line`: a line without Markdown marks, emphasis and a trailing colon;
* :func:`shorten`: a snippet for a message.
"""
from __future__ import annotations

import bisect

from .. import rx
from ..document import Document
from . import per_document

__all__ = ["fold_apostrophes", "norm_prose", "norm_text", "in_quotes", "bare_line", "shorten"]


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


_STRIP_MARKS = rx.compile(r"^[\s#>*_•·▪●◦‣-]*|[\s*_:]*$")


def bare_line(text: str) -> str:
    """A line without Markdown heading/quote/bullet marks, emphasis and a trailing colon."""
    return _STRIP_MARKS.sub("", text)
