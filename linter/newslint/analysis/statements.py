"""What ties two statements of one article together: the sentence each sits in and the named
actors in it (used by the consistency rules, which compare statements made in different places)."""
from __future__ import annotations

from .. import rx
from ..document import Document

__all__ = ["sentence_span", "entities"]

# capitalised names that tie two statements to the same actor ("North Korea", "Russia")
_ENTITY = rx.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,}\b)(?:\s+(?:[A-Z][a-z]+|[A-Z]{2,}\b))*")
_NOT_ENTITIES = frozenset(
    "The A An In On At But And However Moreover Furthermore Meanwhile Recently Reports It This That These Those "
    "He She They We Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December Officials Of For With As After Before Since Last Earlier Later "
    "According If While When Some Many Most All Both Each Up More About Around Nearly At Least".split()
)


def sentence_span(doc: Document, offset: int) -> tuple[int, int]:
    """(start, end) of the sentence holding an offset, or of its line when it is in no sentence."""
    i = doc.sentence_index(offset)
    if i >= 0:
        s = doc.sentences[i]
        return s.start, s.end
    line = doc.line_of(offset)
    return line.start, line.end


def entities(text: str) -> set[str]:
    """The capitalised names in a piece of text ("North Korea", "NATO"), with sentence-initial
    words, weekdays, months and other capitalised function words left out."""
    out = set()
    for m in _ENTITY.finditer(text):
        words = [w for w in m.group().split() if w not in _NOT_ENTITIES]
        if words:
            out.add(" ".join(words))
    return out
