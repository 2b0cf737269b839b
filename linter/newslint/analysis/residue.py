"""Where the story sits on a scraped page, and the shapes of the lines around it.

A scraper keeps the page around the article: mastheads and section labels above the headline,
player buttons, related-story links and comment widgets. The rules of the boilerplate family
that judge a line by its place (above the headline, between two body paragraphs) share this
reading of the page, computed once per article:

* :func:`page_layout`: the first *body line* (a line of running prose: ten words or more that
  end like a sentence, or 25 words or more) and the non-blank lines above it (the page head),
  over the document's logical lines (a paragraph or a headline wrapped over lines is one);
* :func:`words_of`, :func:`is_name_line`, :func:`is_date_line`: the shape of one line (its
  words, whether it is a person's name alone, a date alone).
"""
from __future__ import annotations

from typing import NamedTuple

from .. import rx
from ..document import Document, Line
from . import per_document
from .lines import bare_line

__all__ = ["PageLayout", "page_layout", "words_of", "is_body_line", "is_name_line", "is_date_line",
           "FUNCTION_WORDS", "content_span"]

#: a word: a token with a letter in it ("Sun-Sentinel", "U.S.", "Q&A")
_WORD = rx.compile(r"[^\W\d_][\w’'.&-]*|\d+[^\W\d_][\w’'.&-]*")
_SENTENCE_END = rx.compile(r"[.!?…][\"”’')\]]*\s*$")
_INNER_STOP = rx.compile(r"[a-z0-9][.!?][\"”’]?\s+[A-Z“\"]")
#: words a label above a headline never has (it is a noun phrase, not a sentence or a title)
FUNCTION_WORDS = frozenset(
    "a an the of to in into for on with and or but by at from as is are was were be been this that these "
    "those your our my his her their its it we you they he she i not no how why what when who".split()
)
_NAME_TOKEN = r"(?:[A-Z][a-z’'-]+(?:-[A-Z][a-z’'-]+)?|[A-Z]\.|Mc[A-Z][a-z]+|O’[A-Z][a-z]+|O'[A-Z][a-z]+)"
_NAME_LINE = rx.compile(
    rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|de|van|von|da|del|della|la|le|bin|al|ibn|dos|du))*\s+{_NAME_TOKEN}(?:,?\s+(?:Jr\.?|Sr\.?|II|III))?"
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = rx.compile(
    rf"(?i)(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*,?\s+)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?(?:\s+\d{{4}})?|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})(?:[ ,]+.{{0,20}})?"
)


def words_of(text: str) -> list[str]:
    """The words of a line (tokens with a letter), without Markdown marks."""
    return _WORD.findall(text)


def is_body_line(line: Line) -> bool:
    """A line of running prose: ten words or more ending like a sentence, or with a sentence
    break inside, or 25 words or more."""
    if line.kind in ("blank", "code", "table", "heading"):
        return False
    t = line.text.strip()
    n = t.count(" ") + 1
    if n < 10:
        return False
    return n >= 25 or bool(_SENTENCE_END.search(t)) or bool(_INNER_STOP.search(t))


def is_name_line(text: str) -> bool:
    """A person's name alone on a line ("Andrew Sparrow", "Jon M. Gilbertson")."""
    t = bare_line(text).strip()
    if not 0 < len(t) <= 60 or _NAME_LINE.fullmatch(t) is None:
        return False
    full = [w for w in t.split() if len(w.rstrip(".,")) > 2]  # not initials, particles or suffixes
    return 2 <= len(full) <= 3


def is_date_line(text: str) -> bool:
    """A date alone on a line ("Friday, February 08, 2008", "28 March 2011")."""
    t = bare_line(text).strip()
    return 0 < len(t) <= 60 and _DATE_LINE.fullmatch(t) is not None


def content_span(line: Line) -> tuple[int, int]:
    """The offsets of a line's text without its surrounding whitespace."""
    t = line.text
    return line.start + (len(t) - len(t.lstrip())), line.start + len(t.rstrip())


class PageLayout(NamedTuple):
    """The first body line (0-based index into ``Document.logical_lines``; their number when
    there is none) and the indexes of the non-blank lines above it (the page head)."""

    body_start: int
    head: tuple[int, ...]


@per_document
def page_layout(doc: Document) -> PageLayout:
    lines = doc.logical_lines
    start = next((i for i, ln in enumerate(lines) if is_body_line(ln)), len(lines))
    head = tuple(i for i in range(start) if lines[i].kind != "blank")
    return PageLayout(start, head)
