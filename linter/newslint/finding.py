"""Findings, fixes and the fixed vocabularies (categories, severities)."""
from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, NamedTuple

from .record import Record

if TYPE_CHECKING:
    from .document import Document

CATEGORIES = (
    "spelling",
    "mechanics",
    "grammar",
    "style",
    "table",
    "attribution",
    "ai-content",
    "boilerplate",
    "consistency",
    "readability",
)


class Severity(IntEnum):
    info = 1
    warning = 2
    error = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        return cls[value.strip().lower()]

    def __str__(self) -> str:
        return self.name


# The value records are named tuples: immutable like frozen dataclasses, but much cheaper to define
# (at every start) and to build (a rule makes one per finding).
class Edit(NamedTuple):
    """Replace text[start:end] with ``replacement``."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    """Edits a rule proposes. Only ``safe`` fixes are applied by ``--fix``."""

    edits: tuple[Edit, ...]
    safe: bool = True

    @classmethod
    def replace(cls, start: int, end: int, replacement: str, safe: bool = True) -> "Fix":
        return cls((Edit(start, end, replacement),), safe)


class Related(NamedTuple):
    """Another place in the same document that a finding depends on."""

    start: int
    end: int
    message: str = ""


class Finding(Record):
    """One problem found by one rule, in character offsets into ``Document.text``.

    ``line``/``column``/``end_line``/``end_column`` (1-based, end exclusive, code points) are
    filled once by :meth:`resolve`, from the Document's line table.
    """

    __slots__ = (
        "rule", "name", "category", "severity", "message", "start", "end", "suggestions", "fix", "related",
        # filled by resolve()
        "text", "line", "column", "end_line", "end_column", "related_positions",
    )
    __match_args__ = __slots__

    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    suggestions: tuple[str, ...]
    fix: Fix | None
    related: tuple[Related, ...]
    text: str
    line: int
    column: int
    end_line: int
    end_column: int
    related_positions: tuple[tuple[int, int, int, int, str], ...]

    def __init__(
        self,
        rule: str,
        name: str,
        category: str,
        severity: Severity,
        message: str,
        start: int,
        end: int,
        suggestions: tuple[str, ...] = (),
        fix: Fix | None = None,
        related: tuple[Related, ...] = (),
        text: str = "",
        line: int = 0,
        column: int = 0,
        end_line: int = 0,
        end_column: int = 0,
        related_positions: tuple[tuple[int, int, int, int, str], ...] = (),
    ) -> None:
        self.rule = rule
        self.name = name
        self.category = category
        self.severity = severity
        self.message = message
        self.start = start
        self.end = end
        self.suggestions = suggestions
        self.fix = fix
        self.related = related
        self.text = text
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.related_positions = related_positions

    def resolve(self, doc: "Document") -> "Finding":
        self.text = doc.text[self.start : self.end]
        self.line, self.column = doc.position(self.start)
        self.end_line, self.end_column = doc.position(self.end)
        self.related_positions = tuple(
            (*doc.position(r.start), *doc.position(r.end), r.message) for r in self.related
        )
        return self

    @property
    def sort_key(self) -> tuple:
        return (self.start, self.end, self.rule)

    def to_dict(self) -> dict:
        """The JSON shape other tools read: field names are a fixed interface."""
        d = {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "related": [
                {"line": a, "column": b, "end_line": c, "end_column": d, "message": m}
                for a, b, c, d, m in self.related_positions
            ],
        }
        return d
