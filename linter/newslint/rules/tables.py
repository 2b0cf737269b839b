"""Rule family: tables (NL401-NL499, category table): Markdown pipe tables that will not render,
or render differently from what the writer meant.

Scraped and generated copy often carries GitHub-flavoured Markdown pipe tables. Every run of two
or more consecutive lines containing a pipe (``Line.kind == "table"``; lines in fenced code are
``code`` and never looked at) is examined, in ``.md`` and ``.txt`` alike:

* the writer's intended table is worked out (header row, separator row, body rows), the
  separator repaired in memory when it is broken (em dashes instead of hyphens, a missing
  separator, a separator without pipes or with the wrong number of cells);
* a real CommonMark + GFM-tables parser (markdown-it-py, imported only when a document has a
  pipe block) decides whether the block renders as a table as written, where the rendered table
  ends (GFM swallows the next lines into the table until a blank line), and whether a repair
  really gives the intended header and rows: a fix is attached only when the parser renders the
  repaired text with the intended header and every intended row.

Cells are split exactly as GFM does (``\\|`` is an escaped pipe; a pipe inside a code span
still splits the cell unless escaped). All positions are offsets into ``doc.text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from .. import rx
from ..document import Document, Line
from ..finding import Edit, Finding, Fix, Related, Severity
from ..rule import Context, Rule

# --- characters ----------------------------------------------------------------------------------
#: dash-like characters that are not the ASCII hyphen-minus GFM needs in a separator row
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
#: column junctions drawn inside a separator ("|---+---|", box drawing): they must be pipes
JUNCTIONS = {"+": "plus signs (+)", "┼": "box-drawing crosses (┼)", "╋": "box-drawing crosses (╋)",
             "╪": "box-drawing crosses (╪)", "╫": "box-drawing crosses (╫)", "╬": "box-drawing crosses (╬)"}
#: spaces GFM does not treat as spaces in a separator row
WRONG_SPACES = {"\u00a0": "no-break spaces", "\u2007": "figure spaces", "\u2009": "thin spaces",
                "\u202f": "narrow no-break spaces", "\u3000": "ideographic spaces"}
_REPAIR = {**{c: "-" for c in WRONG_DASHES}, **{c: "|" for c in JUNCTIONS}, **{c: " " for c in WRONG_SPACES}}
_SEP_ALLOWED = frozenset("-:| \t") | frozenset(_REPAIR)
_SEP_ALLOWED_CHARS = "".join(sorted(_SEP_ALLOWED))
_DASHLIKE = frozenset("-") | frozenset(WRONG_DASHES)
_CELL_SEP = rx.compile(r"^:?-+:?$")
_QUOTE_PREFIX = rx.compile(r"[ ]{0,3}>[ ]?(?:[ ]{0,3}>[ ]?)*")
_CODE_SPAN = rx.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_BLANK_OR_CODE = ("blank", "code")
_WS = " \t"


# --- rows -------------------------------------------------------------------------------------------
@dataclass
class Row:
    """One physical line read as a table row (offsets into doc.text)."""

    line: Line
    cs: int  # content start (after indentation and any blockquote marker)
    ce: int  # content end (trailing whitespace dropped)
    cells: list[tuple[int, int]] = field(default_factory=list)  # trimmed cell spans
    lead: bool = False  # starts with a pipe
    trail: bool = False  # ends with an unescaped pipe
    pipes: list[int] = field(default_factory=list)  # offsets of the splitting pipes

    @property
    def has_pipe(self) -> bool:
        return bool(self.pipes)


def make_row(text: str, line: Line, prefix: int = 0) -> Row:
    cs, ce = line.start + prefix, line.end
    while cs < ce and text[cs] in _WS:
        cs += 1
    while ce > cs and text[ce - 1] in _WS:
        ce -= 1
    row = Row(line, cs, ce)
    pieces: list[tuple[int, int]] = []
    last = cs
    i = text.find("|", cs, ce)  # jump from pipe to pipe (C speed), not character by character
    while i != -1:
        if not (i > cs and text[i - 1] == "\\"):
            pieces.append((last, i))
            row.pipes.append(i)
            last = i + 1
        i = text.find("|", i + 1, ce)
    pieces.append((last, ce))
    if pieces and pieces[0][0] == pieces[0][1]:
        pieces.pop(0)
        row.lead = True
    if pieces and pieces[-1][0] == pieces[-1][1]:
        pieces.pop()
        row.trail = True
    for a, b in pieces:
        while a < b and text[a] in _WS:
            a += 1
        while b > a and text[b - 1] in _WS:
            b -= 1
        row.cells.append((a, b))
    return row


def gfm_separator_cells(s: str, trim: str | None = _WS, cell: re.Pattern = _CELL_SEP) -> int | None:
    """Number of cells of a valid GFM delimiter row (as markdown-it-py checks it), else None.
    ``trim`` and ``cell`` are what a cell is trimmed of and must match (the parser's own, for
    :func:`_plain_table`)."""
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


def looks_like_separator(s: str, strict: bool = False) -> bool:
    """Only dashes (of any kind), colons, pipes, junctions and spaces, with a dash in every cell.
    ``strict``: at least three dashes per cell (a body row of single dashes means "none")."""
    s = s.strip()
    if not s or s.strip(_SEP_ALLOWED_CHARS):  # something is left: a character not allowed
        return False
    cells = [c for c in re.split(r"[|+┼╋╪╫╬]", s) if c.strip()]
    if not cells:
        return False
    need = 3 if strict else 1
    return all(sum(ch in _DASHLIKE for ch in c) >= need for c in cells)


def _quote_prefix(text: str) -> int:
    m = _QUOTE_PREFIX.match(text)
    return m.end() if m else 0


# --- the parser ------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt  # lazy: only documents with a pipe block pay for it

    # only the block structure is read (table line ranges and the raw text of each cell, which
    # the block parser sets as the inline tokens' content), so the inline pass over every cell
    # is switched off: it does not change the blocks and took a quarter of the parse time
    return MarkdownIt("commonmark").enable("table").disable("inline")


@dataclass
class Rendered:
    start: int  # first line (0-based, in the parsed text)
    end: int  # line after the last
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line, cells)


def render_tables(src: str) -> list[Rendered]:
    """Every table markdown-it-py renders in ``src`` (nested ones too), with its line range."""
    out: list[Rendered] = []
    cur: Rendered | None = None
    row: list[str] | None = None
    in_head = False
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
    if line == 0:
        plain = _plain_table(src)
        if plain is not None:
            return plain
    for t in render_tables(src):
        if t.start == line:
            return t
    return None


# --- a plain table, without the parser ----------------------------------------------------------
# the first character of a line that may start a block ending a table (fence, blockquote, hr, list,
# HTML block, heading: the rules markdown-it-py's table rule asks) or make the parser read it
# differently; a plain table has none after its separator
_MAY_END_TABLE = frozenset("`~>-*_+#<0123456789")
_UNESCAPED_PIPE = rx.compile(r"(?<!\\)\|")
#: markdown-it-py's cap on the empty cells it adds to short rows
_MAX_AUTOCOMPLETED_CELLS = 0x10000


def _cells(line: str) -> list[str]:
    """markdown-it-py's ``escapedSplit``: split at unescaped pipes, dropping the backslash of
    escaped ones (every pipe left inside a piece is escaped)."""
    return [c.replace("\\|", "|") if "\\|" in c else c for c in _UNESCAPED_PIPE.split(line)]


@lru_cache(maxsize=1)
def _gfm_table_rule():
    """What markdown-it-py's table rule trims from cells (``mdTrim``; a plain ``strip()`` in
    versions without it) and its delimiter-cell pattern; imported with the parser, on first use.
    (tests/test_tables.py checks _plain_table against the installed parser.)"""
    from markdown_it.rules_block.table import headerLineRe

    try:
        from markdown_it.common.utils import MD_TRIM_CHARS as trim
    except ImportError:
        trim = None  # str.strip(None): all whitespace
    return trim, headerLineRe


def _plain_table(src: str) -> Rendered | None:
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
    n_aligns = gfm_separator_cells(bodies[1], trim, delimiter_cell)
    if n_aligns is None:
        return None
    head_text = bodies[0].strip(trim)
    if "|" not in head_text:
        return None
    head = _cells(head_text)
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
        cols = _cells(bodies[k].strip(trim))
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


# --- analysis ---------------------------------------------------------------------------------------
@dataclass
class Issue:
    kind: str  # the rule name that reports it
    start: int
    end: int
    message: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()


def _cell_text(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]]


def _short(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh",
            8: "eighth", 9: "ninth", 10: "tenth"}.get(n, f"{n}th")


def _apply(text: str, edits: list[Edit], lo: int, hi: int) -> str:
    """text[lo:hi] with the edits (offsets into text, all inside [lo, hi]) applied."""
    out, pos = [], lo
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:hi])
    return "".join(out)


def _region_end(doc: Document, last_index: int) -> int:
    """Offset where the run of non-blank, non-code lines from line index last_index ends."""
    lines = doc.lines
    i = last_index
    while i + 1 < len(lines) and lines[i + 1].kind not in _BLANK_OR_CODE:
        i += 1
    return lines[i].end


def _code_pipes(text: str, row: Row) -> list[int]:
    """Unescaped pipes inside code spans of a row: GFM splits the cell there all the same."""
    if "`" not in text[row.cs : row.ce]:
        return []
    out = []
    for m in _CODE_SPAN.finditer(text, row.cs, row.ce):
        for i in range(m.start(2), m.end(2)):
            if text[i] == "|" and text[i - 1] != "\\":
                out.append(i)
    return out


def _separator_for(header: Row, n: int, text: str, old: Row | None = None) -> str:
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


def analyse(doc: Document) -> list[Issue]:
    text = doc.text
    if "|" not in text:
        return []
    lines = doc.lines
    issues: list[Issue] = []
    i = 0
    n = len(lines)
    while i < n:
        if lines[i].kind != "table":
            i += 1
            continue
        j = i
        while j + 1 < n and lines[j + 1].kind == "table":
            j += 1
        if j > i:
            try:
                issues.extend(_block(doc, i, j))
            except _Skip:
                pass
        i = j + 1
    return issues


class _Skip(Exception):
    """The block is not something we can judge with confidence: say nothing."""


def _block(doc: Document, first: int, last: int) -> list[Issue]:
    text = doc.text
    lines = doc.lines
    block = lines[first : last + 1]
    # indented code (4+ spaces on every line) is not a table
    if all(len(ln.text) - len(ln.text.lstrip(" ")) >= 4 or ln.text.startswith("\t") for ln in block):
        raise _Skip
    quoted = all(_QUOTE_PREFIX.match(ln.text) for ln in block)
    pre = (lambda ln: _quote_prefix(ln.text)) if quoted else (lambda ln: 0)
    rows = [make_row(text, ln, pre(ln)) for ln in block]
    nl = doc.newline
    issues: list[Issue] = []

    # --- find the header and the separator -----------------------------------------------------
    s = next((k for k in range(1, len(rows)) if looks_like_separator(text[rows[k].cs : rows[k].ce])), None)
    dash_line_sep = False
    if s is None and first >= 2:
        # "| A | B |" / "----------" / "| 1 | 2 |": a separator without pipes breaks the run
        d, h = lines[first - 1], lines[first - 2]
        if (h.kind != "code" and "|" in h.text and looks_like_separator(d.text)
                and "|" not in d.text and len(d.text.strip()) >= 3):
            hrow = make_row(text, h, pre(h))
            drow = make_row(text, d, pre(d))
            if len(hrow.cells) >= 2:
                rows = [hrow, drow] + rows
                s = 1
                dash_line_sep = True
    if s is None:
        return _missing_separator(doc, rows, first, last)
    header, sep = rows[s - 1], rows[s]
    n_head = len(header.cells)
    if n_head == 0:
        raise _Skip
    sep_src = text[sep.cs : sep.ce]
    wrong = [(sep.cs + k, c) for k, c in enumerate(sep_src) if c in _REPAIR]
    repaired = "".join(_REPAIR.get(c, c) for c in sep_src)
    n_sep = gfm_separator_cells(repaired)
    head_code_pipes = _code_pipes(text, header)
    region_lo = header.line.start
    region_hi = _region_end(doc, last)

    def parse_fixed(edits: list[Edit]) -> Rendered | None:
        return table_at(_apply(text, edits, region_lo, region_hi))

    # the model of the intended table: the separator repaired (in memory)
    model_edits: list[Edit] = []
    head_edits = [Edit(p, p, "\\") for p in head_code_pipes]
    n_head_meant = n_head - len(head_code_pipes)
    if n_sep is not None and n_sep == n_head_meant:
        if wrong:
            a, b = wrong[0][0], wrong[-1][0] + 1
            model_edits = [Edit(a, b, repaired[a - sep.cs : b - sep.cs])]
    else:
        model_edits = [Edit(sep.cs, sep.ce, _separator_for(header, n_head_meant, text, sep))]
    original = parse_fixed([])
    renders = original is not None and original.start == 0
    if renders:
        # it is a table as written: judge what the parser renders
        model, model_edits, n_head_meant = original, [], n_head
    else:
        model = parse_fixed(model_edits + head_edits)
        if model is None or model.start != 0:
            raise _Skip

    # body lines of the intended table: (Row, has_pipe)
    header_line_idx = header.line.number - 1
    ext: list[Row] = []
    made = {r.line.number: r for r in rows}  # rows are never changed once made: reuse them
    for k in range(model.start + 2, model.end):
        ln = lines[header_line_idx + k]
        if not renders and ln.number - 1 > last:
            break  # a table that does not render swallows nothing yet: only its own block counts
        ext.append(made.get(ln.number) or make_row(text, ln, pre(ln)))
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
        is_open = prev is not None and ((header.trail and not prev.trail) or len(prev.cells) < n_head_meant)
        if is_open and nxt is not None and nxt.has_pipe and (nxt.lead or not header.lead):
            intended.append(r)
            k += 1
            continue
        break
    swallowed = ext[k:]
    if not renders:
        swallowed = []
        # after the repair, would the next paragraph be swallowed?
        tail = intended[-1] if intended else sep
        if model.end > tail.line.number - header_line_idx:
            swallowed = [tail]  # placeholder: only its position is used

    # a blank line after the table, when the parser swallows the next paragraph
    blank_edit = Edit(intended[-1].line.end if intended else sep.line.end,
                      intended[-1].line.end if intended else sep.line.end, nl) if swallowed else None

    # --- the separator -------------------------------------------------------------------------
    if not renders:
        why, fixable = _separator_problem(text, header, sep, wrong, repaired, n_sep, n_head, n_head_meant,
                                          head_code_pipes, dash_line_sep, intended)
        if why is not None:
            edits: list[Edit] = []
            if model_edits and fixable:
                edits += model_edits
            elif model_edits:
                edits = []
            if head_code_pipes and not model_edits:
                edits += head_edits
            fix = None
            if edits or head_edits:
                cand = edits + ([blank_edit] if blank_edit else [])
                got = parse_fixed(cand)
                if (edits and got is not None and got.start == 0 and len(got.header) == n_head_meant
                        and len(got.rows) == len(intended)):
                    fix = Fix(tuple(sorted(cand, key=lambda e: e.start)))
            msg = why
            if fix is not None and blank_edit is not None:
                msg += "; the fix also adds a blank line after the table so the next paragraph is not swallowed into it"
            if head_code_pipes and not model_edits:
                issues.append(Issue("table-unescaped-pipe", head_code_pipes[0], head_code_pipes[0] + 1,
                                    "A pipe inside a code span in the header splits the cell, so the header has "
                                    f"{n_head} cells and the separator {n_sep}: the table renders as plain text; "
                                    "escape it as \\|", fix))
            else:
                issues.append(Issue("table-bad-separator", sep.cs, sep.ce, msg, fix))
            if fix is None:
                return issues  # the intended table is unclear: say nothing about its rows
        elif not renders:
            raise _Skip

    # --- header --------------------------------------------------------------------------------
    empties = [k for k, c in enumerate(header.cells) if c[0] == c[1]]
    if empties and len(empties) == n_head:
        issues.append(Issue("table-empty-header", header.cs, header.ce,
                            "Every header cell is empty: the table renders with a blank heading row and its columns have no names"))
    else:
        for k in empties:
            if k == 0 and n_head > 1:
                continue  # an empty corner cell above row labels is a common, deliberate layout
            a = header.cells[k][0]
            lo = max(p for p in header.pipes if p < a) if any(p < a for p in header.pipes) else header.cs
            issues.append(Issue("table-empty-header", lo, min(a + 1, header.ce),
                                f"The {_ordinal(k + 1)} header cell is empty: readers see a column with no name"))
    if head_code_pipes and renders:
        for p in head_code_pipes:
            issues.append(Issue("table-unescaped-pipe", p, p + 1,
                                "A pipe inside a code span in the header still splits the cell in GFM: the code span "
                                "is broken in two and the header gains a column; escape it as \\| (and drop the "
                                "extra separator cell)"))
    if not intended:
        issues.append(Issue("table-no-body", header.cs, sep.ce,
                            "The table has a header but no body rows: readers see column headings with nothing under them"))

    # --- body rows -----------------------------------------------------------------------------
    style_rows = [header, sep] + [r for r in intended if r.has_pipe]
    lead_style = header.lead and sum(r.lead for r in style_rows) * 2 > len(style_rows)
    trail_style = header.trail and sum(r.trail for r in style_rows) * 2 > len(style_rows)
    cur_n = n_head_meant
    split_rows: set[int] = set()
    for k, r in enumerate(intended):
        nxt = intended[k + 1] if k + 1 < len(intended) else None
        if not r.has_pipe:
            split_rows.add(k)
            issues.append(Issue("table-split-row", r.cs, r.ce,
                                f"This line has no pipes but sits inside the table: it continues the row above and "
                                f"renders as a row of its own, '{_short(text[r.cs:r.ce])}' in the first column and "
                                f"{_plural(cur_n - 1, 'empty cell')} after it"))
            continue
        if lead_style and not r.lead and len(r.cells) < cur_n and k > 0:
            split_rows.add(k)
            issues.append(Issue("table-split-row", r.cs, r.ce,
                                f"This line continues the row above (it does not start with a pipe) but renders as a "
                                f"row of its own: '{_short(text[r.cells[0][0]:r.cells[0][1]])}' lands in the first "
                                f"column and the other {_plural(cur_n - len(r.cells), 'cell')} are empty"))
            continue
        src = text[r.cs : r.ce]
        if k > 0 and looks_like_separator(src, strict=True) and gfm_separator_cells(src) is not None:
            prev = intended[k - 1]
            issues.append(Issue("table-glued-tables", r.cs, r.ce,
                                "A second separator row inside the table: two tables are glued together, this row "
                                "renders as a row of dashes and the header above it as an ordinary row; put a blank "
                                "line before that header",
                                _verified_fix(doc, [Edit(intended[k - 2].line.end, intended[k - 2].line.end, nl)]
                                              if k >= 2 else [], region_lo, region_hi)
                                if k >= 2 and intended[k - 2].has_pipe else None,
                                (Related(prev.cs, prev.ce, "the second table's header"),)))
            cur_n = len(prev.cells)
            continue
        cps = _code_pipes(text, r)
        if cps:
            edits = [Edit(p, p, "\\") for p in cps]
            fix = _verified_row_fix(text, edits, region_lo, region_hi, model_edits, header_line_idx, r,
                                    len(r.cells) - len(cps), lines)
            for p in cps:
                issues.append(Issue("table-unescaped-pipe", p, p + 1,
                                    "A pipe inside a code span still splits a table cell in GFM: the code span is broken "
                                    "in two and the row gains a cell; escape it as \\|", fix))
                fix = None  # one fix per row carries all the edits
        elif len(r.cells) > cur_n:
            dropped = r.cells[cur_n:]
            shown = [text[a:b] for a, b in dropped if b > a]
            if shown:
                what = ", ".join(f"'{_short(x, 30)}'" for x in shown[:3]) + (" …" if len(shown) > 3 else "")
                full = [(a, b) for a, b in dropped if b > a]
                issues.append(Issue("table-row-cells", full[0][0], full[-1][1],
                                    f"This row has {len(r.cells)} cells but the header has {cur_n}: {what} "
                                    f"{'is' if len(shown) == 1 else 'are'} dropped and never shown (if a pipe is part "
                                    "of the text, escape it as \\|)"))
        elif len(r.cells) < cur_n and not (nxt is not None and (k + 1) in split_rows):
            # the next row may be the continuation: look ahead before calling it padded
            if nxt is not None and ((not nxt.has_pipe) or (lead_style and not nxt.lead and len(nxt.cells) < cur_n)):
                pass
            else:
                missing = cur_n - len(r.cells)
                issues.append(Issue("table-row-cells", r.cs, r.ce,
                                    f"This row has {len(r.cells)} of the header's {cur_n} cells: "
                                    + ("the last column is padded with an empty cell" if missing == 1 else
                                       f"the last {missing} columns are padded with empty cells")))
        # leading / trailing pipes
        continues = nxt is not None and (not nxt.has_pipe or (lead_style and not nxt.lead and len(nxt.cells) < cur_n))
        miss_lead = lead_style and not r.lead
        miss_trail = trail_style and not r.trail and not continues
        if miss_lead or miss_trail:
            _outer_pipe_issue(doc, issues, r, miss_lead, miss_trail, region_lo, region_hi, model_edits, header_line_idx)
    for r in [header, sep]:
        miss_lead = lead_style and not r.lead
        miss_trail = trail_style and not r.trail
        if (miss_lead or miss_trail) and renders:
            _outer_pipe_issue(doc, issues, r, miss_lead, miss_trail, region_lo, region_hi, [], header_line_idx)

    # --- what follows the table -------------------------------------------------------------------
    if swallowed and renders:
        w = swallowed[0]
        fix = _verified_fix(doc, [blank_edit], region_lo, region_hi, expect_rows=len(intended))
        issues.append(Issue("table-missing-blank-line", w.cs, w.ce,
                            "No blank line after the table: this paragraph is swallowed into the table as a row "
                            f"('{_short(text[w.cs:w.ce], 30)}' in the first column)", fix))
    return issues


def _verified_fix(doc: Document, edits: list[Edit], lo: int, hi: int, expect_rows: int | None = None) -> Fix | None:
    """A safe fix only when the parser renders the edited text with a table at the same place
    (and, when given, with exactly expect_rows body rows)."""
    if not edits:
        return None
    got = table_at(_apply(doc.text, edits, lo, hi))
    if got is None or (expect_rows is not None and len(got.rows) != expect_rows):
        return None
    return Fix(tuple(sorted(edits, key=lambda e: e.start)))


def _verified_row_fix(text: str, edits: list[Edit], lo: int, hi: int, model_edits: list[Edit],
                      header_line_idx: int, r: Row, want: int, lines) -> Fix | None:
    """Fix of one row's cells, checked on the repaired table: the row must get ``want`` cells."""
    got = table_at(_apply(text, model_edits + edits, lo, hi))
    if got is None:
        return None
    k = r.line.number - 1 - header_line_idx
    for ln, cells in got.rows:
        if ln == k:
            # the parser pads or drops to the header's count: check the unpadded count by splitting
            fixed_line = _apply(text, edits, r.line.start, r.line.end)
            probe = make_row(fixed_line, Line(1, 0, len(fixed_line), fixed_line, "table"))
            return Fix(tuple(edits)) if len(probe.cells) == want else None
    return None


def _outer_pipe_issue(doc: Document, issues: list[Issue], r: Row, miss_lead: bool, miss_trail: bool,
                      lo: int, hi: int, model_edits: list[Edit], header_line_idx: int) -> None:
    text = doc.text
    edits = []
    if miss_lead:
        edits.append(Edit(r.cs, r.cs, "| "))
    if miss_trail:
        pad = "" if r.line.end > r.ce else " "
        edits.append(Edit(r.ce, r.ce, pad + "|"))
    which = "leading and trailing pipes" if miss_lead and miss_trail else "leading pipe" if miss_lead else "trailing pipe"
    # the fix must leave the row's cells exactly as they were
    fixed_line = _apply(text, edits, r.line.start, r.line.end)
    probe = make_row(fixed_line, Line(1, 0, len(fixed_line), fixed_line, "table"), r.cs - r.line.start)
    before = [text[a:b] for a, b in r.cells]
    after = [fixed_line[a:b] for a, b in probe.cells]
    fix = None
    if before == after:
        fix = Fix(tuple(edits))
        got = table_at(_apply(text, model_edits + edits, lo, hi))
        if got is None:
            fix = None
    at = r.ce - 1 if miss_trail and not miss_lead else r.cs
    issues.append(Issue("table-outer-pipes", at, at + 1,
                        f"This row has no {which} while the rest of the table has them: it renders the same, but "
                        "the table is harder to read and edit", fix))


def _separator_problem(text, header, sep, wrong, repaired, n_sep, n_head, n_head_meant, head_code_pipes,
                       dash_line_sep, intended) -> tuple[str | None, bool]:
    """Why the separator row keeps the block from rendering, and whether rebuilding it is safe."""
    body_counts = {len(r.cells) for r in intended if r.has_pipe}
    consistent = not body_counts or body_counts == {n_head_meant}
    plain = "so the table renders as plain text full of pipes"
    if head_code_pipes and n_sep == n_head_meant:
        return (f"A pipe inside a code span in the header splits it into {n_head} cells but the separator has {n_sep}", True)
    if dash_line_sep:
        what = _describe_wrong(wrong)
        made = f" and is made of {what}" if what else ""
        return (f"The separator row under the header has no pipes{made}: it does not mark a table "
                f"(it reads as a heading underline or a rule), {plain}", consistent)
    parts = []
    dashes = [w for w in wrong if w[1] in WRONG_DASHES]
    joins = [w for w in wrong if w[1] in JUNCTIONS]
    spaces = [w for w in wrong if w[1] in WRONG_SPACES]
    if dashes:
        parts.append(f"is made of {_describe_wrong(dashes)} instead of ASCII hyphens (-)")
    if joins:
        parts.append(f"has {_describe_wrong(joins)} where pipes (|) belong")
    if spaces:
        parts.append(f"contains {_describe_wrong(spaces)}, which GFM does not accept there")
    if n_sep is None:
        if not wrong:
            parts.append("is not a valid delimiter row (only hyphens, optional colons and pipes between cells are allowed)")
            return (f"The separator row {' and '.join(parts)}, {plain}", consistent)
        return (f"The separator row {' and '.join(parts)}, {plain}", consistent)
    if n_sep != n_head_meant:
        lacks = " (it lacks pipes between its columns)" if n_sep < n_head_meant and len(sep.pipes) < len(header.pipes) else ""
        parts.append(f"has {_plural(n_sep, 'cell')} but the header has {n_head_meant}{lacks}")
        return (f"The separator row {' and '.join(parts)}, {plain}", consistent)
    if not parts:
        return (None, False)
    return (f"The separator row {' and '.join(parts)}, {plain}", True)


def _describe_wrong(wrong: list[tuple[int, str]]) -> str:
    names: dict[str, int] = {}
    for _, c in wrong:
        name = WRONG_DASHES.get(c) or JUNCTIONS.get(c) or WRONG_SPACES.get(c) or repr(c)
        names[name] = names.get(name, 0) + 1
    ordered = sorted(names, key=lambda x: -names[x])
    return " and ".join(ordered[:3])


def _missing_separator(doc: Document, rows: list[Row], first: int, last: int) -> list[Issue]:
    """A block of pipe rows with no separator: a table only when it plainly is one."""
    text = doc.text
    header = rows[0]
    n_head = len(header.cells)
    if n_head < 2 or len(rows) < 2:
        return []
    counts = [len(r.cells) for r in rows]
    framed = all(r.lead for r in rows) or all(r.trail for r in rows)
    same = sum(c == n_head for c in counts)
    # precision: a framed block (outer pipes) whose rows mostly match the header; breadcrumb and
    # byline chrome ("Home | World", "By X | 3 min read") has no frame
    if not framed or same * 3 < len(rows) * 2:
        return []
    lo, hi = header.line.start, _region_end(doc, last)
    if table_at(_apply(text, [], lo, hi)) is not None:
        return []
    nl = doc.newline
    prefix = text[header.line.start : header.line.start + _quote_prefix(header.line.text)] if _QUOTE_PREFIX.match(header.line.text) and all(_QUOTE_PREFIX.match(r.line.text) for r in rows) else ""
    indent = text[header.line.start + len(prefix) : header.cs]
    sep_line = prefix + indent + _separator_for(header, n_head, text)
    edits = [Edit(header.line.end, header.line.end, nl + sep_line)]
    got = table_at(_apply(text, edits, lo, hi))
    fix = None
    if got is not None and len(got.header) == n_head and same == len(rows):
        body_lines = len(rows) - 1
        if len(got.rows) > body_lines:  # the next paragraph would be swallowed: add a blank line too
            edits.append(Edit(rows[-1].line.end, rows[-1].line.end, nl))
            got = table_at(_apply(text, edits, lo, hi))
        if got is not None and len(got.rows) == body_lines:
            fix = Fix(tuple(edits))
    msg = (f"No separator row under the header (e.g. {_separator_for(header, n_head, text)}): the "
           f"{_plural(len(rows), 'line')} render as plain text full of pipes, not as a table")
    if fix is not None and len(edits) > 1:
        msg += "; the fix also adds a blank line after the table so the next paragraph is not swallowed into it"
    return [Issue("table-missing-separator", header.cs, header.ce, msg, fix)]


def table_issues(doc: Document) -> list[Issue]:
    """All table issues of a document, computed once and shared by the table rules."""
    return doc.memo("tables.issues", analyse)


# --- rules --------------------------------------------------------------------------------------------
class _TableRule(Rule):
    category = "table"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if "|" not in doc.text:
            return
        for it in table_issues(doc):
            if it.kind == self.name:
                yield self.finding(it.start, it.end, it.message, fix=it.fix, related=it.related)


class BadSeparator(_TableRule):
    """The separator row under a table's header is broken, so the table does not render: it is
    made of em dashes, en dashes, horizontal bars, minus signs or box-drawing lines instead of
    ASCII hyphens, draws "+" junctions, lacks pipes, or has a different number of cells from the
    header. Readers see the rows as a paragraph full of pipes. When the repair is unambiguous
    the fix rewrites the separator row only (and adds a blank line after the table when the
    next paragraph would otherwise be swallowed), checked with a GFM parser.

    Bad:
        Key Points at a Glance
        | Aspect | Details |
        |—————————|——————–|
        | Proposal | Prisoner exchange |
        | Troops | About 11,000 |
        ---
        | Party | Seats |
        |-------------|
        | Labour | 411 |
        | Conservative | 121 |
    Good:
        | Party | Seats |
        |:------|------:|
        | Labour | 411 |
        | Conservative | 121 |
    """

    code = "NL401"
    name = "table-bad-separator"
    severity = Severity.error
    summary = "A table's separator row is broken (wrong dashes, no pipes, wrong cell count)"
    fixable = True


class MissingSeparator(_TableRule):
    """A block of framed pipe rows with no separator row (``|---|---|``) under the header: GFM
    does not see a table and readers get the rows as one paragraph full of pipes. The fix
    inserts a separator row matching the header, when every row has the header's cell count.

    Bad:
        | Region | Turnout |
        | North | 61.2% |
        | South | 58.9% |
    Good:
        | Region | Turnout |
        |--------|---------|
        | North | 61.2% |
        | South | 58.9% |
        ---
        Home | World | Business
        By Ana Ruiz | 3 min read
    """

    code = "NL402"
    name = "table-missing-separator"
    severity = Severity.error
    summary = "Pipe rows with no separator row under the header do not render as a table"
    fixable = True


class RowCells(_TableRule):
    """A body row has more or fewer cells than the header. GFM drops the extra cells without a
    trace and pads a short row with empty cells, so figures disappear or land in the wrong
    column. Empty surplus cells (a stray trailing pipe) are not reported.

    Bad:
        | Candidate | Votes | Share |
        |---|---|---|
        | Okafor | 12,408 | 41% | re-elected |
        | Lindqvist | 9,112 |
    Good:
        | Candidate | Votes | Share |
        |---|---|---|
        | Okafor | 12,408 | 41% |
        | Lindqvist | 9,112 | 30% |
    """

    code = "NL403"
    name = "table-row-cells"
    severity = Severity.warning
    summary = "A table row has more or fewer cells than the header (cells dropped or padded)"


class SplitRow(_TableRule):
    """A table row broken over two lines: the second line does not start with a pipe (or has no
    pipe at all), so it renders as a row of its own with most cells empty.

    Bad:
        | Name | Role | Arrived |
        |---|---|---|
        | Kim Yong-chol | Envoy | late on
        Tuesday |
        | Lee Min-ji | Aide | Monday |
    Good:
        | Name | Role | Arrived |
        |---|---|---|
        | Kim Yong-chol | Envoy | late on Tuesday |
        | Lee Min-ji | Aide | Monday |
    """

    code = "NL404"
    name = "table-split-row"
    severity = Severity.warning
    summary = "A table row is split across two lines"


class MissingBlankLine(_TableRule):
    """No blank line after a table: in GFM the table goes on until a blank line, so the next
    paragraph is swallowed into the table as a row. The fix inserts a blank line.

    Bad:
        | City | Rainfall |
        |---|---|
        | Leeds | 72 mm |
        | York | 64 mm |
        Forecasters expect a drier week.
    Good:
        | City | Rainfall |
        |---|---|
        | Leeds | 72 mm |
        | York | 64 mm |

        Forecasters expect a drier week.
    """

    code = "NL405"
    name = "table-missing-blank-line"
    severity = Severity.warning
    summary = "No blank line after a table: the next paragraph is swallowed as a row"
    fixable = True


class OuterPipes(_TableRule):
    """A row lacks the leading or trailing pipe the rest of the table has. It renders the same,
    but the table is harder to read and edit in source, and a missing trailing pipe is often the
    first sign of a truncated row. The fix adds the pipe; the row's cells stay the same.

    Bad:
        | Club | Points |
        |---|---|
        | Arsenal | 89 |
        | Liverpool | 84
    Good:
        | Club | Points |
        |---|---|
        | Arsenal | 89 |
        | Liverpool | 84 |
        ---
        Club | Points
        ---|---
        Arsenal | 89
    """

    code = "NL406"
    name = "table-outer-pipes"
    severity = Severity.info
    summary = "A table row lacks the leading or trailing pipe the other rows have"
    fixable = True


class EmptyHeader(_TableRule):
    """A header cell is empty, so a column has no name. An empty first cell above a column of
    row labels is a common layout and is left alone.

    Bad:
        | Country | | Change |
        |---|---|---|
        | France | 2.1% | +0.3 |
    Good:
        | | 2023 | 2024 |
        |---|---|---|
        | France | 2.1% | 2.4% |
    """

    code = "NL407"
    name = "table-empty-header"
    severity = Severity.warning
    summary = "A table header cell is empty"


class NoBody(_TableRule):
    """A table with a header and separator but no body rows: readers see column headings with
    nothing under them, usually because the rows were lost in editing.

    Bad:
        Results by region

        | Region | Votes |
        |---|---|

        Counting continues.
    Good:
        | Region | Votes |
        |---|---|
        | North | 1,204 |
    """

    code = "NL408"
    name = "table-no-body"
    severity = Severity.warning
    summary = "A table has a header but no body rows"


class UnescapedPipe(_TableRule):
    """A pipe inside a code span in a table cell. In GFM the row is split into cells before code
    spans are read, so the pipe still ends the cell: the code span breaks in two and the row
    gains a cell (or, in the header, the table does not render). Escape it as ``\\|``; the fix
    does that.

    Bad:
        | Command | Effect |
        |---|---|
        | `ls | wc -l` | counts files |
    Good:
        | Command | Effect |
        |---|---|
        | `ls \\| wc -l` | counts files |
    """

    code = "NL409"
    name = "table-unescaped-pipe"
    severity = Severity.warning
    summary = "A pipe inside a code span splits a table cell; escape it as \\|"
    fixable = True


class GluedTables(_TableRule):
    """A second separator row inside a table: two tables with no blank line between them. The
    second table's header renders as an ordinary row and its separator as a row of dashes. The
    fix puts a blank line before the second header.

    Bad:
        | Club | Points |
        |---|---|
        | Arsenal | 89 |
        | Scorer | Goals |
        |---|---|
        | Haaland | 27 |
    Good:
        | Club | Points |
        |---|---|
        | Arsenal | 89 |

        | Scorer | Goals |
        |---|---|
        | Haaland | 27 |
    """

    code = "NL410"
    name = "table-glued-tables"
    severity = Severity.warning
    summary = "Two tables glued together: a separator row inside a table"
    fixable = True


RULES = [BadSeparator, MissingSeparator, RowCells, SplitRow, MissingBlankLine, OuterPipes, EmptyHeader, NoBody,
         UnescapedPipe, GluedTables]
