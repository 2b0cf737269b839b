"""Table rules (NL401-NL410): broken pipe tables found, explained, and fixed so a GFM parser
(markdown-it-py) renders the intended header and rows."""
import glob
import os
import subprocess
import sys

import pytest
import yaml
from markdown_it import MarkdownIt

from newslint.analysis.tables import (
    BlockKind,
    FaultKind,
    RowRole,
    plain_table,
    render_tables,
    split_cells,
    table_blocks,
)
from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter
from newslint.runner import apply_edits, fix_document, safe_edits

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINTER = Linter(Settings(select=["table"]))
MD = MarkdownIt("commonmark").enable("table")


def lint(text, path="x.md"):
    findings, errors = LINTER.lint(Document(text, path))
    assert not errors, errors
    return findings


def codes(text, path="x.md"):
    return [(f.rule, f.line) for f in lint(text, path)]


def fixed(text, path="x.md"):
    """Apply the safe fixes of one lint pass, as the test of a single --fix pass."""
    return apply_edits(text, safe_edits(lint(text, path)))


def tables(text):
    """[(header cells, [body row cells...])] as markdown-it-py renders them."""
    out, cur, row, head = [], None, None, False
    for t in MD.parse(text):
        if t.type == "table_open":
            cur = ([], [])
        elif t.type == "thead_open":
            head = True
        elif t.type == "thead_close":
            head = False
        elif t.type == "tr_open" and cur is not None:
            row = cur[0] if head else []
            if not head:
                cur[1].append(row)
        elif t.type == "inline" and row is not None and cur is not None:
            row.append(t.content)
        elif t.type == "table_close":
            out.append(cur)
            cur = row = None
    return out


def changed_lines(before, after):
    import difflib

    return [l for l in difflib.ndiff(before.splitlines(), after.splitlines()) if l[:1] in "+-"]


# --- the seed -------------------------------------------------------------------------------------
def test_seed_001_em_dash_separator_found_and_fixed():
    path = os.path.join(ROOT, "seeds", "001_27f854d20dfb57b0.txt")
    text = open(path, encoding="utf-8").read()
    assert tables(text) == []  # as written, nothing renders as a table
    fs = lint(text, path)
    sep = [f for f in fs if f.rule == "NL401"]
    assert len(sep) == 1 and sep[0].line == 9 and sep[0].column == 1 and sep[0].category == "table"
    assert "em dash" in sep[0].message and sep[0].fix is not None
    assert all(f.line == 9 for f in fs)
    new = apply_edits(text, safe_edits(fs))
    got = tables(new)
    assert len(got) == 1
    header, rows = got[0]
    assert header == ["Aspect", "Details"]
    assert len(rows) == 4 and all(len(r) == 2 for r in rows)
    assert rows[0][0] == "Proposal" and rows[3][0] == "Zelensky’s Statement"
    # only the separator row changed (plus one inserted blank line after the table)
    diff = changed_lines(text, new)
    assert [l for l in diff if l.startswith("-")] == ["- |—————————|—————————————————————————–|"]
    assert sorted(l for l in diff if l.startswith("+")) == ["+ ", "+ |---------|--------------------------|"]
    # and the whole --fix loop leaves nothing for the table rules
    once, remaining, _ = fix_document(LINTER, Document(text, path), fs)
    assert once == new and not remaining


# --- does not render: the separator -----------------------------------------------------------------
SEPARATOR_CASES = {
    "em dashes": ("| A | B |\n|———|———|\n| 1 | 2 |\n| 3 | 4 |\n", "em dash"),
    "en dashes": ("| A | B |\n| –– | –– |\n| 1 | 2 |\n", "en dash"),
    "horizontal bar": ("| A | B |\n|―――|―――|\n| 1 | 2 |\n", "horizontal bar"),
    "minus signs": ("| A | B |\n|−−−|−−−|\n| 1 | 2 |\n", "minus sign"),
    "box drawing": ("| A | B |\n|───|━━━|\n| 1 | 2 |\n", "box-drawing"),
    "plus junction": ("| A | B |\n|---+---|\n| 1 | 2 |\n", "plus sign"),
    "no-break space": ("| A | B |\n|\u00a0--- | --- |\n| 1 | 2 |\n", "no-break space"),
    "too few cells": ("| A | B | C |\n|---|---|\n| 1 | 2 | 3 |\n", "2 cells but the header has 3"),
    "no inner pipes": ("| A | B | C |\n|-------------|\n| 1 | 2 | 3 |\n", "lacks pipes"),
    "too many cells": ("| A | B |\n|---|---|---|\n| 1 | 2 |\n", "3 cells but the header has 2"),
    "colons kept": ("| A | B |\n|:——|——:|\n| 1 | 2 |\n", "em dash"),
}


@pytest.mark.parametrize("name", SEPARATOR_CASES)
def test_bad_separator_found_and_fix_renders_intended_table(name):
    text, words = SEPARATOR_CASES[name]
    assert tables(text) == []
    fs = lint(text)
    assert [(f.rule, f.line) for f in fs] == [("NL401", 2)]
    assert words in fs[0].message
    assert fs[0].fix is not None
    new = apply_edits(text, safe_edits(fs))
    header, rows = tables(new)[0]
    first = text.split("\n")[0]
    assert len(header) == first.count("|") - 1
    assert len(rows) == text.count("\n") - 2
    # only the separator line changed
    assert [l[2:] for l in changed_lines(text, new) if l.startswith("-")] == [text.split("\n")[1]]
    assert lint(new) == []


def test_separator_fix_keeps_alignment_colons():
    new = fixed("| A | B |\n|:——|——:|\n| 1 | 2 |\n")
    assert new.split("\n")[1] == "|:--|--:|"


def test_separator_without_pipes_under_a_header():
    text = "| Party | Share |\n----------------\n| Labour | 36% |\n| Greens | 12% |\n"
    fs = lint(text)
    assert [(f.rule, f.line) for f in fs] == [("NL401", 2)]
    assert "no pipes" in fs[0].message
    header, rows = tables(apply_edits(text, safe_edits(fs)))[0]
    assert header == ["Party", "Share"] and len(rows) == 2


def test_count_mismatch_without_a_clear_repair_has_no_fix():
    # body rows disagree with the header: which columns are meant is unclear
    text = "| A | B | C |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n"
    fs = lint(text)
    assert [(f.rule, f.line) for f in fs] == [("NL401", 2)] and fs[0].fix is None


def test_separator_fix_adds_blank_line_when_next_paragraph_would_be_swallowed():
    text = "Key figures\n| A | B |\n|—|—|\n| 1 | 2 |\nThe next paragraph follows directly.\nAnd another.\n"
    fs = lint(text, "x.txt")
    assert [(f.rule, f.line) for f in fs] == [("NL401", 3)]
    new = apply_edits(text, safe_edits(fs))
    header, rows = tables(new)[0]
    assert header == ["A", "B"] and rows == [["1", "2"]]
    assert "<p>The next paragraph follows directly.\nAnd another.</p>" in MD.render(new)
    assert lint(new, "x.txt") == []


def test_table_interrupting_a_paragraph_needs_no_blank_line_before_it():
    text = "Key Points at a Glance\n| A | B |\n|---|---|\n| 1 | 2 |\n"
    assert len(tables(text)) == 1
    assert lint(text, "x.txt") == []


# --- does not render: no separator ------------------------------------------------------------------
def test_missing_separator_found_and_fixed():
    text = "Turnout by region:\n\n| Region | Turnout |\n| North | 61.2% |\n| South | 58.9% |\n\nCounting ended at 3am.\n"
    fs = lint(text)
    assert [(f.rule, f.line) for f in fs] == [("NL402", 3)]
    new = apply_edits(text, safe_edits(fs))
    header, rows = tables(new)[0]
    assert header == ["Region", "Turnout"] and rows == [["North", "61.2%"], ["South", "58.9%"]]
    assert [l for l in changed_lines(text, new) if l.startswith("-")] == []  # only an insertion


def test_missing_separator_fix_in_plain_text_also_ends_the_table():
    text = "| Region | Turnout |\n| North | 61.2% |\n| South | 58.9% |\nCounting ended at 3am.\n"
    new = fixed(text, "x.txt")
    header, rows = tables(new)[0]
    assert len(rows) == 2
    assert "<p>Counting ended at 3am.</p>" in MD.render(new)


@pytest.mark.parametrize("text", [
    "Home | World | Business\nBy Ana Ruiz | 3 min read\n",  # page chrome, no frame
    "Listen to article |\nShare this story.\n",  # one line with a pipe is not a table
    "Photo: AP |\n|\nCaption text.\n",  # a line that is just a pipe is not a row
    "| Listen |\n| Share |\n",  # one-cell lines
])
def test_pipe_lines_that_are_not_tables(text):
    assert lint(text, "x.txt") == []


# --- rows -------------------------------------------------------------------------------------------------
def test_rows_with_too_many_and_too_few_cells():
    text = "| Name | Votes |\n|---|---|\n| Okafor | 12,408 | 41% |\n| Lindqvist |\n| Yusuf | 2,977 | |\n"
    fs = lint(text)
    assert [(f.rule, f.line) for f in fs] == [("NL403", 3), ("NL403", 4)]
    assert "'41%' is dropped" in fs[0].message and fs[0].text == "41%" and fs[0].column == 21
    assert "padded" in fs[1].message
    # what the parser really does: the extra cell vanishes, the short row is padded
    _, rows = tables(text)[0]
    assert rows[0] == ["Okafor", "12,408"] and rows[1] == ["Lindqvist", ""]


def test_split_row_with_and_without_pipes():
    text = ("| Port | Ships | Cargo |\n|---|---|---|\n| Odesa | 71 | Maize and\nsunflower oil |\n"
            "| Izmail | 22 | Barley, then\nrapeseed\n| Reni | 9 | Soy |\n")
    fs = lint(text)
    assert [(f.rule, f.line) for f in fs] == [("NL404", 4), ("NL404", 6)]
    assert all("row of its own" in f.message for f in fs)


def test_missing_blank_line_after_table_swallows_paragraph():
    text = "| City | Rain |\n|---|---|\n| Leeds | 72 mm |\nForecasters expect a drier week.\n\nMore.\n"
    _, rows = tables(text)[0]
    assert rows[-1][0] == "Forecasters expect a drier week."  # swallowed, as the message says
    fs = lint(text)
    assert [(f.rule, f.line) for f in fs] == [("NL405", 4)]
    new = apply_edits(text, safe_edits(fs))
    _, rows = tables(new)[0]
    assert rows == [["Leeds", "72 mm"]]
    assert new == text.replace("mm |\n", "mm |\n\n")


def test_missing_trailing_and_leading_pipe():
    text = "| Club | Pts |\n|---|---|\n| Arsenal | 89\n Liverpool | 84 |\n| Chelsea | 63 |\n"
    fs = lint(text)
    assert [(f.rule, f.line) for f in fs] == [("NL406", 3), ("NL406", 4)]
    new = apply_edits(text, safe_edits(fs))
    assert new.split("\n")[2:4] == ["| Arsenal | 89 |", " | Liverpool | 84 |"]
    assert tables(new) == tables(text)  # renders exactly the same
    assert lint(new) == []


def test_empty_header_cells_but_not_an_empty_corner():
    assert codes("| Country | | Change |\n|---|---|---|\n| France | 2.1% | +0.3 |\n") == [("NL407", 1)]
    assert codes("| | 2023 | 2024 |\n|---|---|---|\n| France | 2.1% | 2.4% |\n") == []
    assert codes("| | |\n|---|---|\n| a | b |\n") == [("NL407", 1)]


def test_header_without_body():
    assert codes("Results\n\n| Region | Votes |\n|---|---|\n\nCounting continues.\n") == [("NL408", 3)]


def test_unescaped_pipe_in_code_span_in_body_and_header():
    text = "| Command | Effect |\n|---|---|\n| `ls | wc -l` | counts |\n"
    fs = lint(text)
    assert [(f.rule, f.line, f.column) for f in fs] == [("NL409", 3, 7)]
    new = apply_edits(text, safe_edits(fs))
    _, rows = tables(new)[0]
    assert rows == [["`ls | wc -l`", "counts"]]  # markdown-it un-escapes \| inside the cell
    assert "<code>ls | wc -l</code>" in MD.render(new)
    head = "| Format | `pdf | docx` |\n|---|---|\n| Scans | Images |\n"
    assert tables(head) == []
    fs = lint(head)
    assert [(f.rule, f.line) for f in fs] == [("NL409", 1)]
    header, rows = tables(apply_edits(head, safe_edits(fs)))[0]
    assert header == ["Format", "`pdf | docx`"]


def test_glued_tables():
    text = "| Club | Pts |\n|---|---|\n| Arsenal | 89 |\n| Scorer | Goals |\n|---|---|\n| Haaland | 27 |\n"
    fs = lint(text)
    assert [(f.rule, f.line) for f in fs] == [("NL410", 5)]
    got = tables(apply_edits(text, safe_edits(fs)))
    assert [g[0] for g in got] == [["Club", "Pts"], ["Scorer", "Goals"]]


# --- well-formed tables: no finding -------------------------------------------------------------------
WELL_FORMED = [
    "| Index | Close | Change |\n|:------|------:|:------:|\n| FTSE 100 | 8,445.80 | +0.6% |\n",
    "| Filter | Meaning |\n|---|---|\n| A \\| B | either value |\n",
    "| Command | Effect |\n|---|---|\n| `grep x f \\| wc -l` | counts |\n",
    "| City | 名称 | 인구 |\n|---|:---:|---:|\n| Tokyo | 東京都 | 14,094,034 |\n| Seoul | 서울특별시 | 9,386,034 |\n",
    "Station | Opened\n--- | ---\nKesklinn | 07:00\nMustamäe | 07:00\n",
    "```\n| A | B |\n|———|———|\n| 1 | 2 | 3 |\n```\n",
    "> | Ministry | Minister |\n> |---|---|\n> | METI | Ken Saito |\n",
    "| Single |\n|---|\n| value |\n",
    "| Team | Result |\n|---|---|\n| Kyiv | — |\n| Lviv | – |\n",
]


@pytest.mark.parametrize("text", WELL_FORMED)
@pytest.mark.parametrize("path", ["x.md", "x.txt"])
def test_well_formed_tables_are_quiet(text, path):
    assert lint(text, path) == []


def test_fenced_table_is_code_not_table():
    text = "Intro.\n\n```\n| A | B |\n|———|———|\n```\n"
    doc = Document(text, "x.md")
    assert {ln.kind for ln in doc.lines if "|" in ln.text} == {"code"}
    assert lint(text) == []


def test_indented_code_block_is_left_alone():
    assert lint("Example:\n\n    | A | B |\n    |———|———|\n    | 1 | 2 |\n") == []


# --- the model -------------------------------------------------------------------------------------------
def blocks(text, path="x.md"):
    return table_blocks(Document(text, path))


def test_model_reads_a_table_with_exact_cell_offsets():
    text = "Intro.\n\n| Name | Votes |\n|:--|--:|\n| Okafor | 12,408 |\n| Lee \\| Kim | 9 |\n"
    doc = Document(text, "x.md")
    (b,) = table_blocks(doc)
    assert table_blocks(doc) is table_blocks(doc)  # computed once per document
    assert b.kind is BlockKind.TABLE and b.judged and b.columns == 2 and b.fault is None and b.repair is None
    assert (b.first, b.last) == (2, 5) and text[b.start : b.end] == text[8:].rstrip("\n")
    assert [text[c.start : c.end] for c in b.header.cells] == ["Name", "Votes"]
    assert text[b.delimiter.start : b.delimiter.end] == "|:--|--:|"
    assert [d.role for d in b.data] == [RowRole.ROW, RowRole.ROW]
    assert [text[c.start : c.end] for c in b.data[1].row.cells] == ["Lee \\| Kim", "9"]  # an escaped pipe
    assert b.lead_style and b.trail_style and b.swallowed is None and b.blank_line is None
    assert b.rendered.header == ["Name", "Votes"] and b.rendered.rows[1][1] == ["Lee | Kim", "9"]


def test_model_kinds_of_block():
    (broken,) = blocks("| A | B |\n|———|———|\n| 1 | 2 |\n")
    assert broken.kind is BlockKind.BROKEN and broken.fault.kind is FaultKind.CHARACTERS
    assert [c for _, c in broken.fault.wrong] == ["—"] * 6 and broken.repair is not None
    (count,) = blocks("| A | B | C |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n")
    assert count.kind is BlockKind.BROKEN and count.fault.kind is FaultKind.CELL_COUNT
    assert count.fault.cells == 2 and not count.fault.fixable and count.repair is None and not count.judged
    (plain,) = blocks("| Region | Turnout |\n| North | 61.2% |\n")
    assert plain.kind is BlockKind.NO_DELIMITER and plain.header is None and len(plain.rows) == 2
    (code,) = blocks("Example:\n\n    | A | B |\n    |———|———|\n", "x.txt")
    assert code.kind is BlockKind.UNCLEAR and not code.judged
    assert blocks("No pipes here.\n") == ()


def test_model_row_roles():
    text = ("| Club | Pts |\n|---|---|\n| Arsenal | 89\nthen more\n| Chelsea | 63 |\n"
            "| Scorer | Goals |\n|---|---|\n| Haaland | 27 |\nSwallowed paragraph.\n")
    (b,) = blocks(text)
    roles = [(d.role, d.columns, d.continued) for d in b.data]
    assert roles == [(RowRole.ROW, 2, True), (RowRole.CONTINUATION, 2, False), (RowRole.ROW, 2, False),
                     (RowRole.ROW, 2, False), (RowRole.DELIMITER, 2, False), (RowRole.ROW, 2, False)]
    assert text[b.swallowed.start : b.swallowed.end] == "Swallowed paragraph."
    (b,) = blocks("| Cmd | Effect |\n|---|---|\n| `a | b` | c |\n")
    assert len(b.data[0].code_pipes) == 1


# --- fixtures -------------------------------------------------------------------------------------------
def _fixtures():
    out = []
    for y in sorted(glob.glob(os.path.join(ROOT, "fixtures", "*", "*.yaml"))):
        d = yaml.safe_load(open(y, encoding="utf-8"))
        out.append((os.path.join(os.path.dirname(y), d["article"]), d))
    return out


def test_table_fixtures_are_found_and_clean_ones_quiet():
    mine = [(p, d) for p, d in _fixtures() if os.path.basename(os.path.dirname(p)) == "tables"]
    broken = sum(len([x for x in d["defects"] if x["category"] == "table"]) for _, d in mine)
    assert broken >= 12 and sum(1 for _, d in mine if d["clean"]) >= 4
    for p, d in mine:
        text = open(p, encoding="utf-8").read()
        fs = lint(text, p)
        want = {x["line"] for x in d["defects"] if x["category"] == "table"}
        got = {ln for f in fs for ln in range(f.line, f.end_line + 1)}
        assert want <= got, (p, want - got)
        assert {f.line for f in fs} <= want, (p, [(f.line, f.message) for f in fs])
        # every fix yields text the parser renders and the table rules accept
        new, remaining, _ = fix_document(LINTER, Document(text, p), fs)
        assert all(f.fix is None for f in remaining), p


def test_no_table_findings_on_any_clean_fixture():
    for p, d in _fixtures():
        if d.get("group") == "clean":
            assert lint(open(p, encoding="utf-8").read(), p) == [], p


# --- speed -------------------------------------------------------------------------------------------------
def test_documents_without_a_pipe_block_never_import_the_parser():
    code = (
        "import sys\n"
        "from newslint.config import Settings\n"
        "from newslint.engine import Linter\n"
        "from newslint.document import Document\n"
        "L = Linter(Settings(select=['table']))\n"
        "L.lint(Document('A wire story.\\nListen to article |\\nMore text.\\n', 'a.txt'))\n"
        "assert 'markdown_it' not in sys.modules, 'imported'\n"
        "L.lint(Document('| a | b |\\n|---|---|\\n| 1 | 2 |\\n', 'a.md'))\n"
        "assert 'markdown_it' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- robustness -------------------------------------------------------------------------------------------
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

_PIECES = ["|", " | ", "||", "\\|", "---", "—", "–", ":", "-", "+", "`", "a", "Kyiv", "12,000", "東京", " ", "\n", "\n\n",
           "> ", "    ", "```\n"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=60), st.sampled_from(["x.md", "x.txt"]))
def test_random_pipe_text_never_breaks_and_fixes_converge(parts, path):
    text = "".join(parts)
    doc = Document(text, path)
    fs, errors = LINTER.lint(doc)
    assert not errors
    for f in fs:
        assert f.category == "table" and f.end > f.start or f.text == ""
    once, remaining, errs = fix_document(LINTER, doc, fs)
    assert not errs
    twice, _, _ = fix_document(LINTER, Document(once, path), LINTER.lint(Document(once, path))[0])
    assert once == twice


# pieces of pipe tables, including what must send plain_table back to the parser: indentation,
# tabs, CR, blank lines, odd spaces, block starts (# > * + 1. < ``` ~~~ _), escaped pipes
_ANY_PIECES = ["|", " | ", "||", "\\|", "\\\\|", "---", ":--", "-", ":", "—", " ", "  ", "\t", "a", "Kyiv", "12",
               "1.", "# ", "> ", "* ", "+ ", "<div>", "```", "~~~", "_", "\u00a0", "\u2003", "\r", "\n"]
_HEAD_CELLS = ["a", " b ", "", "\\|", "`x|y`", " ", "\u00a0", "Kyiv"]
_SEP_CELLS = ["---", ":-:", "-", "--:", " --- ", "", "- -", "\t:--"]


def _pipe_row(cells, lo=1, hi=4):
    ends = ["", "|", " |", "| ", "    |", "\t|", " "]
    return st.tuples(st.sampled_from(ends), st.lists(st.sampled_from(cells), min_size=lo, max_size=hi),
                     st.sampled_from(ends)).map(lambda t: t[0] + "|".join(t[1]) + t[2])


_ANY_LINE = st.lists(st.sampled_from(_ANY_PIECES), max_size=6).map("".join)


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pipe_row(_HEAD_CELLS, 2, 2), _pipe_row(_SEP_CELLS, 2, 2),
       st.lists(st.one_of(_pipe_row(_HEAD_CELLS, 1, 5), _ANY_LINE), max_size=4))
def test_plain_table_is_what_the_parser_renders(header, separator, body):
    """plain_table either declines or gives exactly the parser's table at line 0 (about one
    example in five is a plain table)."""
    src = "\n".join([header, separator, *body])
    plain = plain_table(src)
    if plain is not None:
        assert plain == next((t for t in render_tables(src) if t.start == 0), None), repr(src)


def test_plain_table_takes_ordinary_tables():
    src = "| Name | Role |\n|---|:-:|\n| Kim \\| Jong Un | leader |\nSeoul | 3 | extra\n| short"
    assert plain_table(src) is not None
    assert plain_table(src) == render_tables(src)[0]


@pytest.mark.slow
@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["|", "\\", "a", " ", "\\|", "b|"]), max_size=12).map("".join))
def test_cells_split_like_markdown_it(line):
    from markdown_it.rules_block.table import escapedSplit

    assert split_cells(line) == escapedSplit(line)


# --- shifted cells and flattened tables (NL411, NL412) ------------------------------------------------
SHIFTED = """| Item | 2023 | 2024 | Change |
|---|---|---|---|
| Revenue | 21.0 | 18.5 | -12% |
| -12% | 4% | | |
| Costs | 9.2 | 8.7 | -5% |
| Debt | 3.1 | 3.0 | -3% |
| Profit | 11.8 | 9.8 | -17% |
| Staff | 410 | 395 | -4% |
"""


def test_shifted_cells_one_finding_per_table():
    (f,) = [f for f in lint(SHIFTED) if f.rule == "NL411"]
    assert f.line == 4 and not f.related


def test_second_header_row_in_the_body():
    text = ("| Region | Seats | Created | Cut |\n|---|---|---|---|\n| Total | Created | Eliminated | Change |\n"
            "| North | 7 | 0 | 1 |\n| South | 11 | 2 | 0 |\n| East | 4 | 1 | 0 |\n| West | 10 | 0 | 2 |\n")
    assert ("NL411", 3) in codes(text)
    clean = "| Region | Seats |\n|---|---|\n| North | 7 |\n| South | 11 |\n| East | n/a |\n| West | 10 |\n"
    assert "NL411" not in [c for c, _ in codes(clean)]


def test_flattened_tables_one_finding_each():
    glued = "Standings:\n\nNoTeamPoints\n1Arsenal89\n2Liverpool84\n3Chelsea79\n\nArsenal won the title.\n"
    (f,) = [f for f in lint(glued, "x.txt") if f.rule == "NL412"]
    assert (f.line, f.end_line) == (3, 6)
    column = "Rank\nClub\nPoints\n1\nArsenal\n89\n2\nLiverpool\n84\n"
    assert [c for c, _ in codes(column, "x.txt")].count("NL412") == 1
    prose = "The list:\nApples\nPears\nPlums\nFigs\nDates\nLimes\n"
    assert "NL412" not in [c for c, _ in codes(prose, "x.txt")]


def test_rows_split_by_lone_pipes_are_one_table_finding_not_chrome():
    text = "Rank\nClub\nPoints\n|\n1\nArsenal\n89\n|\n2\nLiverpool\n84\n|\n3\nChelsea\n79\n|\n"
    found = Linter(Settings(select=["table", "boilerplate"])).lint(Document(text, "x.txt"))[0]
    assert [f.rule for f in found] == ["NL412"]


def test_a_row_broken_with_a_pipe_at_the_head_of_each_piece_is_one_finding():
    text = ("| School | Pupils | Pass rate |\n|---|---|---|\n| Hill Top\n| 212\n| 71% |\n"
            "| Riverside | 188 | 64% |\n")
    fs = [f for f in lint(text) if f.rule.startswith("NL4")]
    assert [(f.rule, f.line) for f in fs] == [("NL404", 4)]
    assert [r[0] for r in fs[0].related_positions] == [3, 5]
    # a short row of its own (its cells do not make the header's count with the next) stays NL403
    short = "| School | Pupils | Pass rate |\n|---|---|---|\n| Hill Top | 212\n| Riverside | 188 | 64% |\n"
    assert "NL403" in [f.rule for f in lint(short)] and "NL404" not in [f.rule for f in lint(short)]
