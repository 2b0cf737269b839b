"""Rule family: tables (NL401-NL499, category table): Markdown pipe tables that will not render,
or render differently from what the writer meant.

Each rule is a small check over the document's table model, :func:`newslint.analysis.tables.
table_blocks`: every run of two or more pipe lines read once into a
:class:`~newslint.analysis.tables.TableBlock` (its header, delimiter row and data rows, cells with
exact offsets, whether it renders as a GFM table, is broken, or has no delimiter row at all, and
a parser-checked repair). A fix is attached only when a GFM parser (markdown-it-py) renders the
repaired text with the intended header and rows. All positions are offsets into ``doc.text``.
"""
from __future__ import annotations

from typing import Iterator

from ..analysis.tables import (
    JUNCTIONS,
    WRONG_DASHES,
    WRONG_SPACES,
    BlockKind,
    DataRow,
    FaultKind,
    Row,
    RowRole,
    TableBlock,
    apply_between,
    delimiter_for,
    flat_tables,
    misaligned_rows,
    quote_prefix,
    read_row,
    table_blocks,
)
from ..document import Document, Line
from ..finding import Edit, Finding, Fix, Related, Severity
from ..rule import Context, Rule

_DOES_NOT_RENDER = "so the table renders as plain text full of pipes"
_BLANK_LINE_TOO = "; the fix also adds a blank line after the table so the next paragraph is not swallowed into it"


# --- wording ---------------------------------------------------------------------------------------
def _short(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh",
            8: "eighth", 9: "ninth", 10: "tenth"}.get(n, f"{n}th")


def _describe_wrong(wrong: tuple[tuple[int, str], ...]) -> str:
    """The (up to three) most frequent kinds of wrong characters, by name."""
    names: dict[str, int] = {}
    for _, c in wrong:
        name = WRONG_DASHES.get(c) or JUNCTIONS.get(c) or WRONG_SPACES.get(c) or repr(c)
        names[name] = names.get(name, 0) + 1
    ordered = sorted(names, key=lambda x: -names[x])
    return " and ".join(ordered[:3])


def _probe(text: str, row: Row, edits: list[Edit], prefix: int = 0) -> tuple[str, Row]:
    """``row``'s line with ``edits`` applied, and that line read again as a row."""
    fixed = apply_between(text, edits, row.line.start, row.line.end)
    return fixed, read_row(fixed, Line(1, 0, len(fixed), fixed, "table"), prefix)


def _judged(doc: Document) -> Iterator[TableBlock]:
    """The blocks whose intended table is known (it renders, or a checked repair makes it)."""
    return (b for b in table_blocks(doc) if b.judged)


def _rows(doc: Document, role: RowRole) -> Iterator[tuple[TableBlock, int, DataRow]]:
    """(block, index, data row) of every data row with this role in a judged block."""
    for b in _judged(doc):
        for k, d in enumerate(b.data):
            if d.role is role:
                yield b, k, d


class _TableRule(Rule):
    category = "table"


# --- rules --------------------------------------------------------------------------------------------
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

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for b in table_blocks(doc):
            if b.kind is BlockKind.BROKEN and not b.fault.header_only:
                message = _fault_message(b)
                if b.repair is not None and b.blank_line is not None:
                    message += _BLANK_LINE_TOO
                yield self.finding(b.delimiter.start, b.delimiter.end, message, fix=b.repair)


def _fault_message(b: TableBlock) -> str:
    """Why a broken block's delimiter row keeps it from rendering, in the reader's words."""
    f = b.fault
    if f.kind is FaultKind.HEADER_PIPE:
        return f"A pipe inside a code span in the header splits it into {len(b.header.cells)} cells but the separator has {f.cells}"
    if f.kind is FaultKind.NO_PIPES:
        what = _describe_wrong(f.wrong)
        made = f" and is made of {what}" if what else ""
        return (f"The separator row under the header has no pipes{made}: it does not mark a table "
                f"(it reads as a heading underline or a rule), {_DOES_NOT_RENDER}")
    parts = []
    dashes = tuple(w for w in f.wrong if w[1] in WRONG_DASHES)
    joins = tuple(w for w in f.wrong if w[1] in JUNCTIONS)
    spaces = tuple(w for w in f.wrong if w[1] in WRONG_SPACES)
    if dashes:
        parts.append(f"is made of {_describe_wrong(dashes)} instead of ASCII hyphens (-)")
    if joins:
        parts.append(f"has {_describe_wrong(joins)} where pipes (|) belong")
    if spaces:
        parts.append(f"contains {_describe_wrong(spaces)}, which GFM does not accept there")
    if f.kind is FaultKind.INVALID and not f.wrong:
        parts.append("is not a valid delimiter row (only hyphens, optional colons and pipes between cells are allowed)")
    if f.kind is FaultKind.CELL_COUNT:
        lacks = " (it lacks pipes between its columns)" if f.lacks_pipes else ""
        parts.append(f"has {_plural(f.cells, 'cell')} but the header has {b.columns}{lacks}")
    return f"The separator row {' and '.join(parts)}, {_DOES_NOT_RENDER}"


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

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for b in table_blocks(doc):
            if b.kind is BlockKind.NO_DELIMITER:
                yield from self._plainly_a_table(doc, b)

    def _plainly_a_table(self, doc: Document, b: TableBlock) -> Iterator[Finding]:
        text, nl, rows = doc.text, doc.newline, b.rows
        header = rows[0]
        n_head = len(header.cells)
        if n_head < 2 or len(rows) < 2:
            return
        same = sum(len(r.cells) == n_head for r in rows)
        framed = all(r.lead for r in rows) or all(r.trail for r in rows)
        # precision: a framed block (outer pipes) whose rows mostly match the header; breadcrumb and
        # byline chrome ("Home | World", "By X | 3 min read") has no frame
        if not framed or same * 3 < len(rows) * 2 or b.render() is not None:
            return
        prefix = text[header.line.start : header.line.start + quote_prefix(header.line.text)] if b.quoted else ""
        indent = text[header.line.start + len(prefix) : header.start]
        at = header.line.end
        edits = [Edit(at, at, nl + prefix + indent + delimiter_for(header, n_head, text))]
        got = b.render(edits)
        fix = None
        if got is not None and len(got.header) == n_head and same == len(rows):
            if len(got.rows) > len(rows) - 1:  # the next paragraph would be swallowed: add a blank line too
                edits.append(Edit(rows[-1].line.end, rows[-1].line.end, nl))
                got = b.render(edits)
            if got is not None and len(got.rows) == len(rows) - 1:
                fix = Fix(tuple(edits))
        message = (f"No separator row under the header (e.g. {delimiter_for(header, n_head, text)}): the "
                   f"{_plural(len(rows), 'line')} render as plain text full of pipes, not as a table")
        if fix is not None and len(edits) > 1:
            message += _BLANK_LINE_TOO
        yield self.finding(header.start, header.end, message, fix=fix)


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

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        for _, _, d in _rows(doc, RowRole.ROW):
            r, n = d.row, d.columns
            if d.code_pipes:
                continue  # the pipe in a code span is the problem (table-unescaped-pipe)
            if len(r.cells) > n:
                shown = [(a, b) for a, b in r.cells[n:] if b > a]
                if shown:
                    what = ", ".join(f"'{_short(text[a:b], 30)}'" for a, b in shown[:3]) + (" …" if len(shown) > 3 else "")
                    yield self.finding(shown[0][0], shown[-1][1],
                                       f"This row has {len(r.cells)} cells but the header has {n}: {what} "
                                       f"{'is' if len(shown) == 1 else 'are'} dropped and never shown (if a pipe is "
                                       "part of the text, escape it as \\|)")
            elif len(r.cells) < n and not d.continued:
                missing = n - len(r.cells)
                yield self.finding(r.start, r.end,
                                   f"This row has {len(r.cells)} of the header's {n} cells: "
                                   + ("the last column is padded with an empty cell" if missing == 1 else
                                      f"the last {missing} columns are padded with empty cells"))


class SplitRow(_TableRule):
    """A table row broken over two lines or more: the second line does not start with a pipe (or
    has no pipe at all), or every piece starts with one but only the last ends with one and
    together they make the header's cells ("| Hill Top" / "| 212" / "| 71% |"), so each piece
    renders as a row of its own with most cells empty. One finding per broken row, at its first
    continuation, with the row's other lines related.

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

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        for b in _judged(doc):
            data = b.data
            k = 0
            while k < len(data):
                if data[k].role is not RowRole.CONTINUATION:
                    k += 1
                    continue
                j = k
                while j + 1 < len(data) and data[j + 1].role is RowRole.CONTINUATION:
                    j += 1
                yield self._split(text, data[k - 1] if k else None, data[k : j + 1])
                k = j + 1

    def _split(self, text: str, head: DataRow | None, pieces: list[DataRow]) -> Finding:
        """One finding for a row broken over several lines, at its first continuation line."""
        d = pieces[0]
        r, n = d.row, d.columns
        related = [Related(p.row.start, p.row.end, "another piece of the row") for p in pieces[1:]]
        if head is not None:
            related.insert(0, Related(head.row.start, head.row.end, "the row it belongs to"))
        if len(pieces) > 1 or (r.has_pipe and r.lead):
            lines = len(pieces) + (head is not None)
            return self.finding(r.start, r.end,
                                f"This row is broken over {lines} lines: each piece renders as a row of its own, "
                                f"most of its {n} cells empty; join the pieces into one line", related=related)
        if not r.has_pipe:
            return self.finding(r.start, r.end,
                                f"This line has no pipes but sits inside the table: it continues the row above and "
                                f"renders as a row of its own, '{_short(text[r.start:r.end])}' in the first column "
                                f"and {_plural(n - 1, 'empty cell')} after it", related=related)
        first = r.cells[0]
        return self.finding(r.start, r.end,
                            f"This line continues the row above (it does not start with a pipe) but renders as "
                            f"a row of its own: '{_short(text[first.start:first.end])}' lands in the first "
                            f"column and the other {_plural(n - len(r.cells), 'cell')} are empty", related=related)


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

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for b in table_blocks(doc):
            w = b.swallowed
            if b.kind is BlockKind.TABLE and w is not None:
                fix = b.verified_fix([b.blank_line], expect_rows=len(b.data))
                yield self.finding(w.start, w.end,
                                   "No blank line after the table: this paragraph is swallowed into the table as a "
                                   f"row ('{_short(doc.text[w.start:w.end], 30)}' in the first column)", fix=fix)


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

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for b in _judged(doc):
            for d in b.data:
                r = d.row
                if d.role is RowRole.ROW:
                    miss_lead = b.lead_style and not r.lead
                    miss_trail = b.trail_style and not r.trail and not d.continued  # a split row ends below
                    if miss_lead or miss_trail:
                        yield self._missing(doc, b, r, miss_lead, miss_trail)
            if b.kind is BlockKind.TABLE:
                for r in (b.header, b.delimiter):
                    miss_lead = b.lead_style and not r.lead
                    miss_trail = b.trail_style and not r.trail
                    if miss_lead or miss_trail:
                        yield self._missing(doc, b, r, miss_lead, miss_trail)

    def _missing(self, doc: Document, b: TableBlock, r: Row, miss_lead: bool, miss_trail: bool) -> Finding:
        text = doc.text
        edits = []
        if miss_lead:
            edits.append(Edit(r.start, r.start, "| "))
        if miss_trail:
            pad = "" if r.line.end > r.end else " "
            edits.append(Edit(r.end, r.end, pad + "|"))
        which = "leading and trailing pipes" if miss_lead and miss_trail else "leading pipe" if miss_lead else "trailing pipe"
        # the fix must leave the row's cells exactly as they were, and the table rendering
        fixed, probe = _probe(text, r, edits, r.start - r.line.start)
        fix = None
        if [text[x:y] for x, y in r.cells] == [fixed[x:y] for x, y in probe.cells]:
            if b.render([*b.delimiter_edits, *edits]) is not None:
                fix = Fix(tuple(edits))
        at = r.end - 1 if miss_trail and not miss_lead else r.start
        return self.finding(at, at + 1,
                            f"This row has no {which} while the rest of the table has them: it renders the same, but "
                            "the table is harder to read and edit", fix=fix)


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

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for b in _judged(doc):
            h = b.header
            empties = [k for k, c in enumerate(h.cells) if c.start == c.end]
            if empties and len(empties) == len(h.cells):
                yield self.finding(h.start, h.end, "Every header cell is empty: the table renders with a blank heading "
                                                   "row and its columns have no names")
                continue
            for k in empties:
                if k == 0 and len(h.cells) > 1:
                    continue  # an empty corner cell above row labels is a common, deliberate layout
                a = h.cells[k].start
                lo = max((p for p in h.pipes if p < a), default=h.start)
                yield self.finding(lo, min(a + 1, h.end),
                                   f"The {_ordinal(k + 1)} header cell is empty: readers see a column with no name")


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

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for b in _judged(doc):
            if not b.data:
                yield self.finding(b.header.start, b.delimiter.end, "The table has a header but no body rows: readers "
                                                                     "see column headings with nothing under them")


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

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for b in table_blocks(doc):
            if b.kind is BlockKind.BROKEN and b.fault.header_only:
                p = b.header_code_pipes[0]
                yield self.finding(p, p + 1, "A pipe inside a code span in the header splits the cell, so the header "
                                             f"has {len(b.header.cells)} cells and the separator {b.fault.cells}: the "
                                             "table renders as plain text; escape it as \\|", fix=b.repair)
            elif b.kind is BlockKind.TABLE:
                for p in b.header_code_pipes:
                    yield self.finding(p, p + 1, "A pipe inside a code span in the header still splits the cell in GFM: "
                                                 "the code span is broken in two and the header gains a column; escape "
                                                 "it as \\| (and drop the extra separator cell)")
            if not b.judged:
                continue
            for d in b.data:
                if d.role is RowRole.ROW and d.code_pipes:
                    fix = self._escape(doc, b, d)
                    for p in d.code_pipes:
                        yield self.finding(p, p + 1, "A pipe inside a code span still splits a table cell in GFM: the "
                                                     "code span is broken in two and the row gains a cell; escape it "
                                                     "as \\|", fix=fix)
                        fix = None  # one fix per row carries all the edits

    @staticmethod
    def _escape(doc: Document, b: TableBlock, d: DataRow) -> Fix | None:
        """Escape the row's code-span pipes, checked on the repaired table: the row must keep its
        place and lose one cell per escaped pipe."""
        edits = [Edit(p, p, "\\") for p in d.code_pipes]
        if not b.renders_row(d.row, edits):
            return None
        _, probe = _probe(doc.text, d.row, edits)  # the parser pads or drops cells: count them unpadded
        return Fix(tuple(edits)) if len(probe.cells) == len(d.row.cells) - len(d.code_pipes) else None


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

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for b, k, d in _rows(doc, RowRole.DELIMITER):
            r, header = d.row, b.data[k - 1].row
            fix = None
            if k >= 2 and b.data[k - 2].row.has_pipe:
                at = b.data[k - 2].row.line.end
                fix = b.verified_fix([Edit(at, at, b.newline)])
            yield self.finding(r.start, r.end,
                               "A second separator row inside the table: two tables are glued together, this row "
                               "renders as a row of dashes and the header above it as an ordinary row; put a blank "
                               "line before that header",
                               fix=fix, related=(Related(header.start, header.end, "the second table's header"),))


class ShiftedCells(_TableRule):
    """Cells that do not line up with their columns: a row whose figures start in the label
    column (its label cell was lost, so every value sits one column or more to the left of its
    heading), or a row of words in columns of figures (a second header row flattened into the
    body). Each column's type is what three quarters of its cells are. One finding per table,
    at its first such row, with the others related.

    Bad:
        | Item | 2023 | 2024 | Change |
        |---|---|---|---|
        | Revenue | 21.0 | 18.5 | -12% |
        | -12% | 4% | | |
        | Costs | 9.2 | 8.7 | -5% |
        | Profit | 11.8 | 9.8 | -17% |
        | Staff | 410 | 395 | -4% |
    Good:
        | Item | 2023 | 2024 | Change |
        |---|---|---|---|
        | Revenue | 21.0 | 18.5 | -12% |
        | Costs | 9.2 | 8.7 | -5% |
        | Profit | 11.8 | 9.8 | -17% |
        | Staff | 410 | 395 | -4% |
    """

    code = "NL411"
    name = "table-shifted-cells"
    severity = Severity.warning
    summary = "Table cells out of line with their columns (a lost label cell, a header row in the body)"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for b in table_blocks(doc):
            bad = misaligned_rows(b)
            if not bad:
                continue
            first = bad[0]
            header = doc.text[b.header.cells[0].start : b.header.cells[0].end] if b.header and b.header.cells else "the label column"
            if first.how == "shifted":
                what = (f"figures start under '{_short(header, 20)}', the label column: the row lost its label cell and "
                        "every value sits left of its heading")
            else:
                what = "words sit in columns of figures: a second header row, or cells out of place"
            more = f" ({_plural(len(bad), 'row')} like it in this table)" if len(bad) > 1 else ""
            yield self.finding(first.row.start, first.row.end, f"Cells out of line with their columns: {what}{more}",
                               related=[Related(m.row.start, m.row.end, "also out of line") for m in bad[1:]])


class FlattenedTable(_TableRule):
    """A table that lost its pipes in the scrape: each row's cells run together ("1China80,026"),
    each cell stands on a line of its own with a lone "|" ending each row, or the cells stand
    one per line in a repeating pattern of words and figures. Readers cannot tell which figure
    belongs to which heading. One finding per table, over its lines (not one per lone pipe).

    Bad:
        Rank
        Club
        Points
        1
        Arsenal
        89
        2
        Liverpool
        84
    ---
        NoTeamPoints
        1Arsenal89
        2Liverpool84
        3Chelsea79
    Good:
        The table has three columns: rank, club and points.
        Arsenal finished first with 89 points.
    """

    code = "NL412"
    name = "table-flattened"
    severity = Severity.warning
    summary = "A table flattened in the scrape: cells run together or one per line"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        lines = doc.lines
        for t in flat_tables(doc):
            first, last = lines[t.lines[0]], lines[t.lines[-1]]
            if t.how == "glued":
                what = "each row's cells run together with no separator"
            elif t.how == "split":
                what = f"one cell per line, {t.columns} to a row, each row ended by a lone '|'"
            else:
                what = f"one cell per line, {t.columns} to a row"
            yield self.finding(first.start, last.end,
                               f"A table lost its structure in the scrape ({what}, {_plural(len(t.lines), 'line')}): "
                               "rebuild it as a table with a header and a separator row",
                               related=[Related(first.start, first.end, "the table starts here")])


RULES = [BadSeparator, MissingSeparator, RowCells, SplitRow, MissingBlankLine, OuterPipes, EmptyHeader, NoBody,
         UnescapedPipe, GluedTables, ShiftedCells, FlattenedTable]
