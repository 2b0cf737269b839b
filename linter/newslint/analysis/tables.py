"""The pipe tables of a document: one typed model per block, computed once.

Scraped and generated copy often carries GitHub-flavoured Markdown pipe tables. Every run of two
or more consecutive lines containing a pipe (``Line.kind == "table"``, decided by the Document;
lines in fenced code are ``code`` and never looked at) is read here, in ``.md`` and ``.txt``
alike, into a :class:`TableBlock`, and the table rules (``newslint.rules.tables``) are small
checks over it.

The vocabulary is the GFM spec's (Tables extension): a table is a *header row*, a *delimiter
row* (cells of hyphens with optional alignment colons; the rules' messages call it the separator
row) and zero or more *data rows*. Cells are split exactly as GFM does (``\\|`` is an escaped
pipe; a pipe inside a code span still splits the cell unless escaped); a data row with fewer
cells than the header is padded, one with more loses the excess; the table runs until a blank
line or the start of another block, so a paragraph right after it is swallowed as a row.

Reading a block:

* the writer's intended table is worked out (header row, delimiter row, data rows), the
  delimiter row repaired in memory when it is broken (em dashes instead of hyphens, a delimiter
  without pipes or with the wrong number of cells); a block with no delimiter row at all is
  :attr:`BlockKind.NO_DELIMITER`;
* a real CommonMark + GFM-tables parser (markdown-it-py, imported only when a document has a
  pipe block) decides whether the block renders as a table as written
  (:attr:`BlockKind.TABLE`), where the rendered table ends, and whether the repair really gives
  the intended header and rows (:attr:`TableBlock.repair`, a fix checked with the parser);
* :func:`plain_table` reads the common plain case without the parser (several times faster).

All positions are offsets into ``doc.text``.
"""
from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple, Sequence

from .. import rx
from ..document import Line
from ..finding import Edit, Fix
from ..record import Record
from . import per_document

if TYPE_CHECKING:
    from ..document import Document

__all__ = [
    "BlockKind", "RowRole", "FaultKind", "Cell", "Row", "DataRow", "DelimiterFault", "TableBlock", "Rendered",
    "table_blocks", "read_row", "delimiter_cells", "looks_like_delimiter", "quote_prefix", "code_pipes",
    "delimiter_for", "apply_between", "render_tables", "table_at", "plain_table", "split_cells",
    "WRONG_DASHES", "JUNCTIONS", "WRONG_SPACES", "cell_type", "Misaligned", "misaligned_rows", "FlatTable",
    "flat_tables",
]

# --- characters ----------------------------------------------------------------------------------
#: dash-like characters that are not the ASCII hyphen-minus GFM needs in a delimiter row
WRONG_DASHES = {
    "\u2010": "hyphens (‐)",
    "\u2011": "non-breaking hyphens (‑)",
    "\u2012": "figure dashes (‒)",
    "\u2013": "en dashes (–)",
    "\u2014": "em dashes (—)",
    "\u2015": "horizontal bars (―)",
    "\u2212": "minus signs (−)",
    "\u23af": "horizontal line extensions (⎯)",
    "\u2e3a": "two-em dashes (⸺)",
    "\u2e3b": "three-em dashes (⸻)",
    "\ufe58": "small em dashes (﹘)",
    "\ufe63": "small hyphen-minus signs (﹣)",
    "\uff0d": "full-width hyphen-minus signs (－)",
    "\u2500": "box-drawing lines (─)",
    "\u2501": "heavy box-drawing lines (━)",
    "\u2504": "box-drawing dashes (┄)",
    "\u2505": "box-drawing dashes (┅)",
    "\u2508": "box-drawing dashes (┈)",
    "\u2509": "box-drawing dashes (┉)",
    "\u254c": "box-drawing dashes (╌)",
    "\u254d": "box-drawing dashes (╍)",
    "\u2550": "double box-drawing lines (═)",
    "=": "equals signs (=)",
    "_": "underscores (_)",
}
#: column junctions drawn inside a delimiter row ("|---+---|", box drawing): they must be pipes
JUNCTIONS = {"+": "plus signs (+)", "┼": "box-drawing crosses (┼)", "╋": "box-drawing crosses (╋)",
             "╪": "box-drawing crosses (╪)", "╫": "box-drawing crosses (╫)", "╬": "box-drawing crosses (╬)"}
#: spaces GFM does not treat as spaces in a delimiter row
WRONG_SPACES = {"\u00a0": "no-break spaces", "\u2007": "figure spaces", "\u2009": "thin spaces",
                "\u202f": "narrow no-break spaces", "\u3000": "ideographic spaces"}
_REPAIR = {**{c: "-" for c in WRONG_DASHES}, **{c: "|" for c in JUNCTIONS}, **{c: " " for c in WRONG_SPACES}}
_SEP_ALLOWED_CHARS = "".join(sorted(frozenset("-:| \t") | frozenset(_REPAIR)))
_DASHLIKE = frozenset("-") | frozenset(WRONG_DASHES)
_CELL_SEP = rx.compile(r"^:?-+:?$")
_QUOTE_PREFIX = rx.compile(r"[ ]{0,3}>[ ]?(?:[ ]{0,3}>[ ]?)*")
_CODE_SPAN = rx.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_BLANK_OR_CODE = ("blank", "code")
_WS = " \t"


# --- the model -----------------------------------------------------------------------------------
class BlockKind(Enum):
    """What a block of pipe lines is."""

    #: a well-formed GFM table: it renders as a table as written
    TABLE = "table"
    #: a header and a delimiter row that do not render as a table; the intended table is recovered
    #: by repairing the delimiter row in memory (see :attr:`TableBlock.fault` and ``repair``)
    BROKEN = "broken"
    #: pipe rows with no delimiter row: a plain-text table, or page chrome ("Home | World")
    NO_DELIMITER = "no-delimiter"
    #: not something to judge with confidence (indented code, an empty header, a repair that does
    #: not read as a table, a delimiter row that looks right but still does not render)
    UNCLEAR = "unclear"


class RowRole(Enum):
    """What one line after the delimiter row is to the intended table."""

    #: a data row of its own
    ROW = "row"
    #: the rest of the row above, broken over two lines: a line with no pipe, or one without the
    #: leading pipe every row has and too few cells
    CONTINUATION = "continuation"
    #: a second delimiter row: another table glued on, the row above being its header
    DELIMITER = "delimiter"


class FaultKind(Enum):
    """Why a delimiter row keeps its block from rendering as a table."""

    #: a pipe inside a code span in the header splits it into more cells than the delimiter row
    #: has (which has as many as the header is meant to have)
    HEADER_PIPE = "header-pipe"
    #: a line of dashes with no pipes under the header (it reads as a heading underline or a rule)
    NO_PIPES = "no-pipes"
    #: characters GFM does not accept (dashes other than hyphens, junctions, odd spaces); once
    #: repaired the row is valid and matches the header
    CHARACTERS = "characters"
    #: not a valid delimiter row even once those characters are repaired
    INVALID = "invalid"
    #: a valid delimiter row (once repaired) with a different number of cells from the header
    CELL_COUNT = "cell-count"


class Cell(NamedTuple):
    """A cell's trimmed content span: ``doc.text[start:end]``."""

    start: int
    end: int


class Row(Record):
    """One physical line read as a table row (offsets into the text it was read from)."""

    line: Line
    start: int  # content start (after indentation and any blockquote marker)
    end: int  # content end (trailing whitespace dropped)
    cells: list[Cell]  # trimmed cell spans, outer pipes not counted
    lead: bool  # starts with a pipe
    trail: bool  # ends with an unescaped pipe
    pipes: list[int]  # offsets of the splitting (unescaped) pipes

    __match_args__ = ("line", "start", "end", "cells", "lead", "trail", "pipes")

    def __init__(
        self,
        line: Line,
        start: int,
        end: int,
        cells: list[Cell] | None = None,  # None: a new list (and so for pipes)
        lead: bool = False,
        trail: bool = False,
        pipes: list[int] | None = None,
    ) -> None:
        self.line = line
        self.start = start
        self.end = end
        self.cells = [] if cells is None else cells
        self.lead = lead
        self.trail = trail
        self.pipes = [] if pipes is None else pipes

    @property
    def has_pipe(self) -> bool:
        return bool(self.pipes)


class DataRow(Record):
    """A line after the delimiter row that belongs to the intended table."""

    row: Row
    role: RowRole
    #: how many cells the table has at this row (the header's; after a glued delimiter row, the
    #: glued table's header's)
    columns: int
    #: the next line is a continuation of this row
    continued: bool
    #: unescaped pipes inside code spans of this row (GFM splits the cell there all the same)
    code_pipes: tuple[int, ...]

    __match_args__ = ("row", "role", "columns", "continued", "code_pipes")

    def __init__(self, row: Row, role: RowRole, columns: int, continued: bool = False, code_pipes: tuple[int, ...] = ()) -> None:
        self.row = row
        self.role = role
        self.columns = columns
        self.continued = continued
        self.code_pipes = code_pipes


class DelimiterFault(NamedTuple):
    """Why the delimiter row of a :attr:`BlockKind.BROKEN` block keeps it from rendering."""

    kind: FaultKind
    #: (offset, character) of each character GFM does not accept in a delimiter row
    wrong: tuple[tuple[int, str], ...]
    #: cells of the delimiter row once those are repaired (None: still not a valid delimiter row)
    cells: int | None
    #: fewer cells than the header because pipes between columns are missing
    lacks_pipes: bool
    #: the intended columns are clear (the data rows agree with the header), so rebuilding the
    #: delimiter row is safe
    fixable: bool

    @property
    def header_only(self) -> bool:
        """The delimiter row is right: only a pipe in a header code span breaks the table."""
        return self.kind is FaultKind.HEADER_PIPE and not self.wrong


class Rendered(Record):
    """A table as the parser renders it: line range (0-based, in the parsed text), cell texts."""

    start: int  # first line
    end: int  # line after the last
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line, cells)

    __match_args__ = ("start", "end", "header", "rows")

    def __init__(self, start: int, end: int, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
        self.start = start
        self.end = end
        self.header = header
        self.rows = rows


class TableBlock(Record):
    """A run of pipe lines read as a table (see the module docstring)."""

    kind: BlockKind
    text: str  # the document's text
    newline: str
    first: int  # 0-based index of the first line of the pipe run
    last: int  # 0-based index of its last line
    #: the text the parser is shown: from the header's line to the end of the run of non-blank,
    #: non-code lines the block is in (a table swallows the lines after it up to a blank line)
    start: int
    end: int
    rows: list[Row]  # every line of the block read as a row
    quoted: bool  # every line is in a blockquote (read without the "> " markers)
    header: Row | None
    delimiter: Row | None
    #: the header's pipes inside code spans (they split the header cell in GFM)
    header_code_pipes: tuple[int, ...]
    #: the cells the table has, or is meant to have (header pipes in code spans escaped)
    columns: int
    #: the in-memory repair of a broken delimiter row (empty when the table renders as written)
    delimiter_edits: tuple[Edit, ...]
    #: the table the parser renders (as written, or once the delimiter row is repaired)
    rendered: Rendered | None
    #: the lines of the intended table after its delimiter row
    data: list[DataRow]
    #: the first line the rendered table swallows after the intended rows (TABLE only)
    swallowed: Row | None
    #: a blank line after the intended table, when without it the next paragraph is swallowed
    blank_line: Edit | None
    #: why a BROKEN block does not render
    fault: DelimiterFault | None
    #: the repair of a BROKEN block, checked with the parser (None: the intended table is unclear)
    repair: Fix | None
    #: the outer pipes most of the table's rows have (and the header has)
    lead_style: bool
    trail_style: bool

    __match_args__ = (
        "kind", "text", "newline", "first", "last", "start", "end", "rows", "quoted", "header", "delimiter",
        "header_code_pipes", "columns", "delimiter_edits", "rendered", "data", "swallowed", "blank_line", "fault",
        "repair", "lead_style", "trail_style",
    )

    def __init__(
        self,
        kind: BlockKind,
        text: str,
        newline: str,
        first: int,
        last: int,
        start: int,
        end: int,
        rows: list[Row] | None = None,  # None: a new list (and so for data)
        quoted: bool = False,
        header: Row | None = None,
        delimiter: Row | None = None,
        header_code_pipes: tuple[int, ...] = (),
        columns: int = 0,
        delimiter_edits: tuple[Edit, ...] = (),
        rendered: Rendered | None = None,
        data: list[DataRow] | None = None,
        swallowed: Row | None = None,
        blank_line: Edit | None = None,
        fault: DelimiterFault | None = None,
        repair: Fix | None = None,
        lead_style: bool = False,
        trail_style: bool = False,
    ) -> None:
        self.kind = kind
        self.text = text
        self.newline = newline
        self.first = first
        self.last = last
        self.start = start
        self.end = end
        self.rows = [] if rows is None else rows
        self.quoted = quoted
        self.header = header
        self.delimiter = delimiter
        self.header_code_pipes = header_code_pipes
        self.columns = columns
        self.delimiter_edits = delimiter_edits
        self.rendered = rendered
        self.data = [] if data is None else data
        self.swallowed = swallowed
        self.blank_line = blank_line
        self.fault = fault
        self.repair = repair
        self.lead_style = lead_style
        self.trail_style = trail_style

    _repr_hidden = frozenset({"text"})  # the document's text
    __eq__ = object.__eq__  # one block of one document: equal only to itself
    __hash__ = object.__hash__

    @property
    def judged(self) -> bool:
        """The intended table is known: it renders, or a checked repair makes it render."""
        return self.kind is BlockKind.TABLE or (self.kind is BlockKind.BROKEN and self.repair is not None)

    def render(self, edits: Sequence[Edit] = ()) -> Rendered | None:
        """The table the parser renders at the block's first line once ``edits`` are applied."""
        return table_at(apply_between(self.text, edits, self.start, self.end))

    def verified_fix(self, edits: list[Edit], expect_rows: int | None = None) -> Fix | None:
        """A fix of ``edits`` when the edited block still renders as a table (with exactly
        ``expect_rows`` data rows, when given)."""
        if not edits:
            return None
        got = self.render(edits)
        if got is None or (expect_rows is not None and len(got.rows) != expect_rows):
            return None
        return Fix(tuple(sorted(edits, key=lambda e: e.start)))

    def renders_row(self, row: Row, edits: Sequence[Edit]) -> bool:
        """With the delimiter row repaired and ``edits`` applied, ``row`` is a data row."""
        got = self.render([*self.delimiter_edits, *edits])
        if got is None or self.header is None:
            return False
        k = row.line.number - self.header.line.number
        return any(ln == k for ln, _ in got.rows)


# --- reading rows ---------------------------------------------------------------------------------
def read_row(text: str, line: Line, prefix: int = 0) -> Row:
    """``line`` read as a table row, ``prefix`` characters (a blockquote marker) skipped."""
    cs, ce = line.start + prefix, line.end
    while cs < ce and text[cs] in _WS:
        cs += 1
    while ce > cs and text[ce - 1] in _WS:
        ce -= 1
    pipes: list[int] = []
    pieces: list[tuple[int, int]] = []
    last = cs
    i = text.find("|", cs, ce)  # jump from pipe to pipe (C speed), not character by character
    while i != -1:
        if not (i > cs and text[i - 1] == "\\"):
            pieces.append((last, i))
            pipes.append(i)
            last = i + 1
        i = text.find("|", i + 1, ce)
    pieces.append((last, ce))
    lead = trail = False
    if pieces and pieces[0][0] == pieces[0][1]:
        pieces.pop(0)
        lead = True
    if pieces and pieces[-1][0] == pieces[-1][1]:
        pieces.pop()
        trail = True
    cells = []
    for a, b in pieces:
        while a < b and text[a] in _WS:
            a += 1
        while b > a and text[b - 1] in _WS:
            b -= 1
        cells.append(Cell(a, b))
    return Row(line, cs, ce, cells, lead, trail, pipes)


def delimiter_cells(s: str, trim: str | None = _WS, cell: re.Pattern = _CELL_SEP) -> int | None:
    """Number of cells of a valid GFM delimiter row (as markdown-it-py checks it), else None.
    ``trim`` and ``cell`` are what a cell is trimmed of and must match (the parser's own, for
    :func:`plain_table`)."""
    s = s.strip(_WS)
    if len(s) < 2 or s[0] not in "|-:" or s[1] not in "|-: \t" or (s[0] == "-" and s[1] in _WS):
        return None
    if any(c not in "|-: \t" for c in s):
        return None
    cols = s.split("|")
    n = 0
    for i, c in enumerate(cols):
        t = c.strip(trim)
        if not t:
            if i == 0 or i == len(cols) - 1:
                continue
            return None
        if not cell.match(t):
            return None
        n += 1
    return n


def looks_like_delimiter(s: str, strict: bool = False) -> bool:
    """Only dashes (of any kind), colons, pipes, junctions and spaces, with a dash in every cell.
    ``strict``: at least three dashes per cell (a data row of single dashes means "none")."""
    s = s.strip()
    if not s or s.strip(_SEP_ALLOWED_CHARS):  # something is left: a character not allowed
        return False
    cells = [c for c in re.split(r"[|+┼╋╪╫╬]", s) if c.strip()]
    if not cells:
        return False
    need = 3 if strict else 1
    return all(sum(ch in _DASHLIKE for ch in c) >= need for c in cells)


def quote_prefix(text: str) -> int:
    """Length of the blockquote markers ("> ", "> > ") a line starts with (0 when none)."""
    m = _QUOTE_PREFIX.match(text)
    return m.end() if m else 0


def code_pipes(text: str, row: Row) -> list[int]:
    """Unescaped pipes inside code spans of a row: GFM splits the cell there all the same."""
    if "`" not in text[row.start : row.end]:
        return []
    out = []
    for m in _CODE_SPAN.finditer(text, row.start, row.end):
        for i in range(m.start(2), m.end(2)):
            if text[i] == "|" and text[i - 1] != "\\":
                out.append(i)
    return out


def delimiter_for(header: Row, n: int, text: str, old: Row | None = None) -> str:
    """A delimiter row of n cells in the header's pipe style, keeping old alignment colons."""
    aligns = []
    if old is not None:
        for a, b in old.cells:
            t = "".join(_REPAIR.get(c, c) for c in text[a:b]).replace(" ", "")
            aligns.append(t if _CELL_SEP.match(t) else "---")
    cells = [(aligns[i] if i < len(aligns) else "---") for i in range(n)]
    if len(cells) == 1 or header.lead or header.trail:
        return "| " + " | ".join(cells) + " |" if header.lead else " | ".join(cells) + " |"
    return " | ".join(cells)


def apply_between(text: str, edits: Sequence[Edit], lo: int, hi: int) -> str:
    """text[lo:hi] with the edits (offsets into text, all inside [lo, hi]) applied."""
    out, pos = [], lo
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:hi])
    return "".join(out)


# --- the parser ------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt  # lazy: only documents with a pipe block pay for it

    # only the block structure is read (table line ranges and the raw text of each cell, which
    # the block parser sets as the inline tokens' content), so the inline pass over every cell
    # is switched off: it does not change the blocks and took a quarter of the parse time
    return MarkdownIt("commonmark").enable("table").disable("inline")


def render_tables(src: str) -> list[Rendered]:
    """Every table markdown-it-py renders in ``src`` (nested ones too), with its line range."""
    out: list[Rendered] = []
    cur: Rendered | None = None
    row: list[str] | None = None
    in_head = False
    if "\r" in src:  # markdown-it reads a lone CR as a line end; lines here end at LF (CRLF)
        src = src.replace("\r\n", "\n").replace("\r", " ")
    for t in _parser().parse(src):
        if t.type == "table_open":
            cur = Rendered(t.map[0], t.map[1], [], [])
        elif cur is None:
            continue
        elif t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            row = cur.header if in_head else []
            if not in_head:
                cur.rows.append((t.map[0], row))
        elif t.type == "inline" and row is not None:
            row.append(t.content)
        elif t.type == "table_close":
            out.append(cur)
            cur, row = None, None
    return out


def table_at(src: str, line: int = 0) -> Rendered | None:
    """The table the parser renders from ``line`` of ``src`` (None when none starts there)."""
    if line == 0:
        plain = plain_table(src)
        if plain is not None:
            return plain
    for t in render_tables(src):
        if t.start == line:
            return t
    return None


# --- a plain table, without the parser ----------------------------------------------------------
# the first character of a line that may start a block ending a table (fence, blockquote, hr, list,
# HTML block, heading: the rules markdown-it-py's table rule asks) or make the parser read it
# differently; a plain table has none after its delimiter row
_MAY_END_TABLE = frozenset("`~>-*_+#<0123456789")
_UNESCAPED_PIPE = rx.compile(r"(?<!\\)\|")
#: markdown-it-py's cap on the empty cells it adds to short rows
_MAX_AUTOCOMPLETED_CELLS = 0x10000


def split_cells(line: str) -> list[str]:
    """markdown-it-py's ``escapedSplit``: split at unescaped pipes, dropping the backslash of
    escaped ones (every pipe left inside a piece is escaped)."""
    return [c.replace("\\|", "|") if "\\|" in c else c for c in _UNESCAPED_PIPE.split(line)]


@lru_cache(maxsize=1)
def _gfm_table_rule():
    """What markdown-it-py's table rule trims from cells (``mdTrim``; a plain ``strip()`` in
    versions without it) and its delimiter-cell pattern; imported with the parser, on first use.
    (tests/test_tables.py checks plain_table against the installed parser.)"""
    from markdown_it.rules_block.table import headerLineRe

    try:
        from markdown_it.common.utils import MD_TRIM_CHARS as trim
    except ImportError:
        trim = None  # str.strip(None): all whitespace
    return trim, headerLineRe


def plain_table(src: str) -> Rendered | None:
    """The table markdown-it-py renders from line 0 of ``src`` when that is the whole of ``src``,
    worked out without the parser (several times faster), or None when ``src`` is not that plain:
    then the parser must decide. Plain means: no CR or NUL (the parser normalises them), no line
    indented by a tab or by four spaces, a header and a valid delimiter row of as many cells (the
    table rule's own test, tried first at line 0), and after them only non-blank lines that no
    block rule could take for the start of another block, so every one is a row of the table."""
    trim, delimiter_cell = _gfm_table_rule()

    if not src or src.endswith("\n") or "\r" in src or "\0" in src:
        return None
    lines = src.split("\n")
    if len(lines) < 2:
        return None
    bodies = []  # each line without its indentation (markdown-it's getLine)
    for k, ln in enumerate(lines):
        body = ln.lstrip(" ")
        if len(ln) - len(body) >= 4 or body.startswith("\t") or not body.strip(trim):
            return None
        if k >= 2 and body[0] in _MAY_END_TABLE:
            return None
        bodies.append(body)
    # the delimiter row: only | - : and spaces, not "- " (a list item), valid cells
    n_aligns = delimiter_cells(bodies[1], trim, delimiter_cell)
    if n_aligns is None:
        return None
    head_text = bodies[0].strip(trim)
    if "|" not in head_text:
        return None
    head = split_cells(head_text)
    if head and head[0] == "":
        head.pop(0)
    if head and head[-1] == "":
        head.pop()
    n = len(head)
    if n == 0 or n != n_aligns:
        return None
    rows = []
    autocompleted = 0
    for k in range(2, len(bodies)):
        cols = split_cells(bodies[k].strip(trim))
        if cols and cols[0] == "":
            cols.pop(0)
        if cols and cols[-1] == "":
            cols.pop()
        autocompleted += n - len(cols)
        if autocompleted > _MAX_AUTOCOMPLETED_CELLS:
            return None
        cols = [c.strip(trim) for c in cols[:n]]
        rows.append((k, cols + [""] * (n - len(cols))))
    return Rendered(0, len(lines), [c.strip(trim) for c in head], rows)


# --- reading a document's blocks -------------------------------------------------------------------
@per_document
def table_blocks(doc: "Document") -> tuple[TableBlock, ...]:
    """Every block of pipe lines in the document, read once and shared by the table rules."""
    if "|" not in doc.text:
        return ()
    lines = doc.lines
    out = []
    i, n = 0, len(lines)
    while i < n:
        if lines[i].kind != "table":
            i += 1
            continue
        j = i
        while j + 1 < n and lines[j + 1].kind == "table":
            j += 1
        if j > i:
            out.append(_read_block(doc, i, j))
        i = j + 1
    return tuple(out)


def _region_end(doc: "Document", last: int) -> int:
    """Offset where the run of non-blank, non-code lines from line index ``last`` ends."""
    lines = doc.lines
    i = last
    while i + 1 < len(lines) and lines[i + 1].kind not in _BLANK_OR_CODE:
        i += 1
    return lines[i].end


def _read_block(doc: "Document", first: int, last: int) -> TableBlock:
    text = doc.text
    lines = doc.lines
    run = lines[first : last + 1]
    end = _region_end(doc, last)
    block = TableBlock(BlockKind.UNCLEAR, text, doc.newline, first, last, run[0].start, end)
    # indented code (4+ spaces on every line) is not a table
    if all(len(ln.text) - len(ln.text.lstrip(" ")) >= 4 or ln.text.startswith("\t") for ln in run):
        return block
    block.quoted = quoted = all(_QUOTE_PREFIX.match(ln.text) for ln in run)
    rows = [read_row(text, ln, quote_prefix(ln.text) if quoted else 0) for ln in run]
    block.rows = rows

    # --- the header and the delimiter row ----------------------------------------------------
    s = next((k for k in range(1, len(rows)) if looks_like_delimiter(text[rows[k].start : rows[k].end])), None)
    no_pipes = False
    if s is None and first >= 2:
        # "| A | B |" / "----------" / "| 1 | 2 |": a delimiter row without pipes breaks the run
        d, h = lines[first - 1], lines[first - 2]
        if (h.kind != "code" and "|" in h.text and looks_like_delimiter(d.text)
                and "|" not in d.text and len(d.text.strip()) >= 3):
            hrow = read_row(text, h, quote_prefix(h.text) if quoted else 0)
            if len(hrow.cells) >= 2:
                rows = [hrow, read_row(text, d, quote_prefix(d.text) if quoted else 0), *rows]
                s = 1
                no_pipes = True
    if s is None:
        block.kind = BlockKind.NO_DELIMITER
        return block
    header, delim = rows[s - 1], rows[s]
    n_head = len(header.cells)
    if n_head == 0:
        return block
    block.header, block.delimiter, block.start = header, delim, header.line.start

    # --- the intended table: the delimiter row repaired in memory --------------------------------
    delim_src = text[delim.start : delim.end]
    wrong = tuple((delim.start + k, c) for k, c in enumerate(delim_src) if c in _REPAIR)
    repaired = "".join(_REPAIR.get(c, c) for c in delim_src)
    n_delim = delimiter_cells(repaired)
    head_pipes = code_pipes(text, header)
    head_edits = [Edit(p, p, "\\") for p in head_pipes]
    columns = n_head - len(head_pipes)
    delimiter_edits: list[Edit] = []
    if n_delim is not None and n_delim == columns:
        if wrong:
            a, b = wrong[0][0], wrong[-1][0] + 1
            delimiter_edits = [Edit(a, b, repaired[a - delim.start : b - delim.start])]
    else:
        delimiter_edits = [Edit(delim.start, delim.end, delimiter_for(header, columns, text, delim))]
    original = block.render()
    renders = original is not None and original.start == 0
    if renders:
        model, delimiter_edits, columns = original, [], n_head
    else:
        model = block.render(delimiter_edits + head_edits)
        if model is None or model.start != 0:
            return block
    block.header_code_pipes = tuple(head_pipes)
    block.columns = columns
    block.delimiter_edits = tuple(delimiter_edits)
    block.rendered = model

    # --- the lines of the intended table after its delimiter row -----------------------------------
    intended, swallowed = _intended_rows(doc, block, rows, renders, quoted)
    if renders:
        block.swallowed = swallowed[0] if swallowed else None
    else:
        # after the repair, would the next paragraph be swallowed?
        tail = intended[-1] if intended else delim
        swallowed = [tail] if model.end > tail.line.number - header.line.number + 1 else []
    if swallowed:
        at = intended[-1].line.end if intended else delim.line.end
        block.blank_line = Edit(at, at, doc.newline)

    style_rows = [header, delim] + [r for r in intended if r.has_pipe]
    block.lead_style = header.lead and sum(r.lead for r in style_rows) * 2 > len(style_rows)
    block.trail_style = header.trail and sum(r.trail for r in style_rows) * 2 > len(style_rows)
    block.data = _data_rows(text, intended, columns, block.lead_style, block.trail_style)

    if renders:
        block.kind = BlockKind.TABLE
        return block

    # --- why it does not render, and the checked repair -----------------------------------------
    fault = _fault(header, delim, wrong, n_delim, columns, bool(head_pipes), no_pipes, intended)
    if fault is None:
        return block  # the delimiter row looks right, yet the block does not render: unclear
    block.kind = BlockKind.BROKEN
    block.fault = fault
    edits = list(delimiter_edits) if delimiter_edits and fault.fixable else []
    if head_pipes and not delimiter_edits:
        edits += head_edits
    if edits:
        cand = edits + ([block.blank_line] if block.blank_line else [])
        got = block.render(cand)
        if got is not None and got.start == 0 and len(got.header) == columns and len(got.rows) == len(intended):
            block.repair = Fix(tuple(sorted(cand, key=lambda e: e.start)))
    return block


def _intended_rows(doc: "Document", block: TableBlock, rows: list[Row], renders: bool,
                   quoted: bool) -> tuple[list[Row], list[Row]]:
    """The lines of the intended table after its delimiter row, and the lines the rendered table
    swallows after them."""
    text, lines = doc.text, doc.lines
    header, model = block.header, block.rendered
    assert header is not None and model is not None
    header_index = header.line.number - 1
    ext: list[Row] = []
    made = {r.line.number: r for r in rows}  # rows are never changed once made: reuse them
    for k in range(model.start + 2, model.end):
        if header_index + k >= len(lines):
            break  # the parser counted more lines than the Document (a lone CR breaks a line for it)
        ln = lines[header_index + k]
        if not renders and ln.number - 1 > block.last:
            break  # a table that does not render swallows nothing yet: only its own block counts
        ext.append(made.get(ln.number) or read_row(text, ln, quote_prefix(ln.text) if quoted else 0))
    intended: list[Row] = []
    k = 0
    while k < len(ext):
        r = ext[k]
        if r.has_pipe:
            intended.append(r)
            k += 1
            continue
        # a line without pipes continues an open row (no trailing pipe, too few cells) when a
        # row follows it; otherwise it is the next paragraph, swallowed
        prev = intended[-1] if intended and intended[-1].has_pipe else None
        nxt = ext[k + 1] if k + 1 < len(ext) else None
        is_open = prev is not None and ((header.trail and not prev.trail) or len(prev.cells) < block.columns)
        if is_open and nxt is not None and nxt.has_pipe and (nxt.lead or not header.lead):
            intended.append(r)
            k += 1
            continue
        break
    return intended, ext[k:]


def _split_pieces(intended: list[Row], k: int, cur: int) -> int:
    """How many lines after line ``k`` finish a row broken with a pipe at the head of every piece
    ("| Hill Top Academy" / "| 212" / "| 71% |" in a table whose rows end with a pipe): the pieces
    before the last have no trailing pipe, the last has one, and their cells make the header's
    count exactly. 0 when line ``k`` opens no such row."""
    first = intended[k]
    if first.trail or not first.lead or len(first.cells) >= cur:
        return 0
    cells = len(first.cells)
    for j in range(k + 1, min(len(intended), k + cur)):
        r = intended[j]
        if not r.has_pipe or not r.lead:
            return 0
        cells += len(r.cells)
        if cells > cur:
            return 0
        if r.trail:
            return j - k if cells == cur else 0
    return 0


def _data_rows(text: str, intended: list[Row], columns: int, lead_style: bool, trail_style: bool = False) -> list[DataRow]:
    """The role of each line of the intended table, and the cells the table has there."""
    out: list[DataRow] = []
    cur = columns
    pieces = 0  # lines still to come of a row broken with a pipe at the head of each piece
    for k, r in enumerate(intended):
        if pieces:
            pieces -= 1
            out.append(DataRow(r, RowRole.CONTINUATION, cur))
            continue
        if not r.has_pipe or (lead_style and not r.lead and len(r.cells) < cur and k > 0):
            out.append(DataRow(r, RowRole.CONTINUATION, cur))
            continue
        if lead_style and trail_style:
            pieces = _split_pieces(intended, k, cur)
        src = text[r.start : r.end]
        if k > 0 and looks_like_delimiter(src, strict=True) and delimiter_cells(src) is not None:
            cur = len(intended[k - 1].cells)  # the row above is the glued table's header
            out.append(DataRow(r, RowRole.DELIMITER, cur))
            continue
        out.append(DataRow(r, RowRole.ROW, cur, code_pipes=tuple(code_pipes(text, r))))
    for k in range(len(out) - 1):
        out[k].continued = out[k + 1].role is RowRole.CONTINUATION
    return out


def _fault(header: Row, delim: Row, wrong: tuple[tuple[int, str], ...], n_delim: int | None, columns: int,
           head_pipes: bool, no_pipes: bool, intended: list[Row]) -> DelimiterFault | None:
    """Why the delimiter row keeps the block from rendering, and whether rebuilding it is safe."""
    counts = {len(r.cells) for r in intended if r.has_pipe}
    consistent = not counts or counts == {columns}
    lacks = n_delim is not None and n_delim < columns and len(delim.pipes) < len(header.pipes)
    if head_pipes and n_delim == columns:
        return DelimiterFault(FaultKind.HEADER_PIPE, wrong, n_delim, lacks, True)
    if no_pipes:
        return DelimiterFault(FaultKind.NO_PIPES, wrong, n_delim, lacks, consistent)
    if n_delim is None:
        return DelimiterFault(FaultKind.INVALID, wrong, n_delim, lacks, consistent)
    if n_delim != columns:
        return DelimiterFault(FaultKind.CELL_COUNT, wrong, n_delim, lacks, consistent)
    if wrong:
        return DelimiterFault(FaultKind.CHARACTERS, wrong, n_delim, lacks, True)
    return None


# --- cells that do not line up with their columns --------------------------------------------------
_FIGURE = rx.compile(
    r"[-+−–]?\s?[$€£¥]?\s?\d[\d,.\s]*(?:%|\s?(?:[kmbt]n?|bn|mn|k|m|b))?|\d{4}-\d{2}-\d{2}|\(\d[\d,.]*\)", re.I
)
_LETTERS = rx.compile(r"[^\W\d_]{2,}")


def cell_type(s: str) -> str | None:
    """``"figure"`` (a number, a share, an amount, a date), ``"label"`` (words) or None (empty,
    a dash, something else)."""
    s = s.strip().strip("*_")
    if not s or s in ("-", "–", "—", "n/a", "N/A", "na", "NA", "–", "?"):
        return None
    if _FIGURE.fullmatch(s):
        return "figure"
    return "label" if _LETTERS.search(s) else None


class Misaligned(NamedTuple):
    """A data row whose cells do not match their columns' types."""

    row: Row
    #: "shifted": figures start in the label column (the row's label cell is missing);
    #: "labels": words in two or more figure columns (a second header row, or cells out of place)
    how: str
    #: the column indexes that disagree
    columns: tuple[int, ...]


def misaligned_rows(block: TableBlock) -> list[Misaligned]:
    """The data rows of a judged table whose cells disagree with their columns: each column's
    type is what three quarters (and at least three) of its typed cells are."""
    if not block.judged:
        return []
    text = block.text
    rows = [d.row for d in block.data if d.role is RowRole.ROW and d.columns == block.columns]
    if len(rows) < 4:
        return []
    n = block.columns
    types = [[cell_type(text[c.start : c.end]) for c in r.cells[:n]] for r in rows]
    col: list[str | None] = []
    for j in range(n):
        fig = sum(1 for t in types if j < len(t) and t[j] == "figure")
        lab = sum(1 for t in types if j < len(t) and t[j] == "label")
        col.append("figure" if fig >= 3 and fig * 4 >= (fig + lab) * 3 else
                   "label" if lab >= 3 and lab * 4 >= (fig + lab) * 3 else None)
    if "figure" not in col:
        return []
    out = []
    for r, t in zip(rows, types):
        bad = tuple(j for j, x in enumerate(t) if x and col[j] and x != col[j])
        if col[0] == "label" and t and t[0] == "figure" and 0 in bad:
            out.append(Misaligned(r, "shifted", bad))
        elif sum(1 for j in bad if col[j] == "figure") >= 2:
            out.append(Misaligned(r, "labels", bad))
    return out


# --- tables that lost their pipes: glued cells, one cell per line --------------------------------
#: cells run together with no separator: "1China80,026", "CountryConfirmed"
_GLUED_CELLS = rx.compile(r"\d[A-Z][A-Za-z]|[a-z]{2}[A-Z][a-z]|[A-Za-z]{2}\d")
_LONE_PIPE = frozenset(("|", "||", "¦"))


class FlatTable(NamedTuple):
    """A table that lost its structure: ``lines`` (0-based indexes) and how."""

    lines: tuple[int, ...]
    #: "glued": each row's cells run together; "split": one cell per line, rows ended by a lone
    #: pipe; "column": one cell per line, the same pattern of words and figures repeating
    how: str
    columns: int = 0


def _short_cell(t: str) -> bool:
    return 0 < len(t) <= 40 and len(t.split()) <= 5 and t[-1:] not in ".?!:;"


@per_document
def flat_tables(doc: "Document") -> tuple[FlatTable, ...]:
    """Runs of lines that read as a table without its pipes (see :class:`FlatTable`)."""
    lines = doc.lines
    out: list[FlatTable] = []
    n = len(lines)
    # glued cells: three lines or more in a row, each short, with figures, cells run together
    # (the word count, str.split in C, before the pattern, which is tried at every position)
    glued = [ln.kind == "text" and len(ln.text) <= 120 and len(ln.text.split()) <= 8 and _GLUED_CELLS.search(ln.text) is not None
             for ln in lines]
    i = 0 if glued.count(True) >= 3 else n
    while i < n:
        j = i
        while j < n and glued[j]:
            j += 1
        if j - i >= 3 and sum(any(c.isdigit() for c in lines[k].text) for k in range(i, j)) * 3 >= (j - i) * 2:
            out.append(FlatTable(tuple(range(i, j)), "glued"))
        i = max(j, i + 1)
    # one cell per line: a run of short lines (blank lines between them allowed); a run of fewer
    # than six cells is no table (_cell_run), so an article with fewer has none
    cells = [ln.kind not in ("code", "table", "blank") and _short_cell(ln.text.strip()) for ln in lines]
    i = 0 if cells.count(True) >= 6 else n
    while i < n:
        if not cells[i]:
            i += 1
            continue
        run = []
        j = i
        while j < n and (cells[j] or lines[j].kind == "blank"):
            if lines[j].kind != "blank":
                run.append(j)
            j += 1
        found = _cell_run(lines, run)
        if found is not None:
            out.append(found)
        i = j
    return tuple(sorted(out, key=lambda t: t.lines[0]))


def _cell_run(lines: list[Line], run: list[int]) -> FlatTable | None:
    """A run of short lines read as a flattened table, or None."""
    if len(run) < 6:
        return None
    texts = [lines[k].text.strip() for k in run]
    pipes = [t in _LONE_PIPE for t in texts]
    cells = [t for t, p in zip(texts, pipes) if not p]
    figures = sum(cell_type(t) == "figure" for t in cells)
    if sum(pipes) >= 2:
        # rows ended by lone pipes: the rows must have a steady number of cells, with figures
        sizes, cur = [], 0
        for p in pipes:
            if p:
                sizes.append(cur)
                cur = 0
            else:
                cur += 1
        sizes = [s for s in sizes if s]
        if len(sizes) >= 2 and max(sizes) >= 2 and figures >= 2 and max(sizes) - min(sizes) <= 1:
            return FlatTable(tuple(run), "split", max(sizes))
        return None
    if figures < 3:
        return None
    kinds = [cell_type(t) or "other" for t in cells]
    for p in range(2, 7):
        body = kinds[p:]
        if len(body) < 2 * p:
            continue
        if all(body[k] == body[k + p] for k in range(len(body) - p)) and "figure" in body[:p] and "label" in kinds[:p]:
            if all(k == "label" for k in kinds[:p]) or kinds[:p] == body[:p]:
                return FlatTable(tuple(run), "column", p)
    return None
