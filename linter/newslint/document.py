"""The Document: one article's text, its positions and the structure rules share.

Rules report character offsets into ``Document.text``; the Document turns them into 1-based
line and column (in code points, end exclusive) once, by bisecting over line starts.

Structure is computed lazily and cached, so a rule pays only for what it uses:

* ``prose``: the text with everything that is not prose (fenced and inline code, HTML comments
  and tags, URLs, e-mail addresses, link targets) blanked to spaces. It has the same length as
  ``text``, so an offset found in ``prose`` is an offset in ``text``.
* ``lines``: one :class:`Line` per line with its kind (blank, heading, list, quote, table, code,
  label, text).
* ``paragraphs``: runs of lines that belong together. Plain-text news copy often has one
  paragraph per line and no blank lines, so a line that ends a sentence also ends a paragraph.
* ``sentences``: sentence spans inside paragraphs, aware of abbreviations and initials.
* ``quotations``: spans of double-quoted passages (straight or curly), paired per paragraph.
"""
from __future__ import annotations

import bisect
import codecs
import re
import sys
from functools import cached_property
from itertools import accumulate, repeat
from operator import add
from typing import Any, Iterable, NamedTuple

from . import rx

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")

# --- non-prose spans -----------------------------------------------------------------------
_FENCE = rx.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*$", re.M)
_INLINE_CODE = rx.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_HTML_COMMENT = rx.compile(r"<!--.*?-->", re.S)
_HTML_TAG = rx.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_URL = rx.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"“”‘’()\[\]]+(?:\([^\s()]*\)[^\s<>\"“”()\[\]]*)*", re.I)
_EMAIL = rx.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# a bare domain ("rfa.org", "Amazon.com/path"): found from its top-level domain, then widened leftwards
_TLD = rx.compile(r"\.(?:com|org|net|gov|edu|int|io|co|uk|kr|ru|ua|de|fr|info|news|tv)\b(?:/[^\s<>\"“”]*)?", re.I)
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_LINK_TARGET = rx.compile(r"\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)(?:\s+\"[^\"]*\")?\)")
_FOOTNOTE_REF = rx.compile(r"\[\^[^\]\s]{1,40}\](?!:)")
_TRAILING_URL_PUNCT = ".,;:!?'’\""

# --- line kinds ----------------------------------------------------------------------------
_HEADING = rx.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]|$)")
_LIST = rx.compile(r"^[ \t]*(?:[-*+•▪●◦‣]|\d{1,3}[.)])[ \t]+")
_QUOTE = rx.compile(r"^[ ]{0,3}>")
_LABEL = rx.compile(
    r"^[ \t]*(?:\*\*)?(?P<label>\[[^\]\n]{1,40}\]|[A-Z][\w.’'&-]*(?:[ ][A-Za-z][\w.’'&-]*){0,4}|Q|A)(?:\*\*)?:(?:\*\*)?[ \t]+\S",
    re.M,
)
#: the line kinds that belong to no paragraph
_NO_PARAGRAPH = ("blank", "code")
_FIXED_LABELS = frozenset({"q", "a", "question", "answer", "interviewer", "host", "moderator"})
_RULE_LINE = rx.compile(r"^[-–—―−─━=_:+ ]+$")  # a separator-like line: the table rules judge it
_SENTENCE_END = rx.compile(r"[.!?…][\"”’')\]]*\s*$|[:;][\s]*$")  # what _ends_sentence tests, as a pattern


def _ends_sentence(line: str) -> bool:
    """``_SENTENCE_END.search(line)`` without a regex scan of the whole line (10x faster)."""
    t = line.rstrip()
    if not t:
        return False
    if t[-1] in ":;":
        return True
    t = t.rstrip("\"”’')]")
    return bool(t) and t[-1] in ".!?…"


# --- sentences -----------------------------------------------------------------------------
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof rev gen lt col maj capt cmdr sgt cpl pvt adm gov sen rep pres supt insp
    det st sr jr mt ft no nos vs etc approx dept est inc ltd co corp bros jan feb mar apr jun jul
    aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun fig figs vol p pp ed eds al
    e.g i.e u.s u.k u.n a.m p.m d.c e.u u.s.a ph.d m.d b.a m.a op cit cf ca c""".split()
)
_ABBREVIATION_MAX = max(map(len, ABBREVIATIONS))
#: a sentence's end (group 1: a run of . ! ? or one …, then any closing marks) and the spaces
#: before the next. Written to start with a character class, which re scans for in C (3x faster
#: than a leading alternation); tests/test_document.py checks it against the plain form.
_SENT_BOUNDARY = rx.compile(r"([.!?…](?:(?<=[.!?])[.!?]*)?[\"”’')\]]*)\s+(?=\S)")
_INITIALISM = rx.compile(r"(?:[a-z]\.)+[a-z]")
_WORD_BEFORE = rx.compile(r"([\w.]+)\W*$")

# --- quotations ----------------------------------------------------------------------------
_DQUOTE_MARKS = ('"', "“", "”")


# The structure records are named tuples: immutable, like frozen dataclasses, but built about
# three times faster, and a document of 5 KB makes a few hundred of them.
class Line(NamedTuple):
    """One physical line. ``end`` excludes the newline (and a CR before it)."""

    number: int  # 1-based
    start: int
    end: int
    text: str
    kind: str  # blank | heading | list | quote | table | code | label | text


class Span(NamedTuple):
    start: int
    end: int


class Paragraph(NamedTuple):
    start: int
    end: int
    first_line: int  # 1-based line numbers, inclusive
    last_line: int
    kind: str  # kind of its first line


class Quotation(NamedTuple):
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark, or the paragraph end when unclosed
    closed: bool
    paragraph: int  # index into Document.paragraphs


class Decoded(NamedTuple):
    text: str
    #: the codec the bytes were decoded with (``utf-16`` for a file with a UTF-16 BOM...)
    codec: str
    #: lone CRs (old Mac line ends) turned into LF: "all" when every line end was one, "some"
    #: when the text also has LF line ends, "" when there were none
    lone_cr: str


#: byte order marks, longest first (a UTF-32 LE BOM starts with the UTF-16 LE one)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LONE_CR = rx.compile(r"\r(?!\n)")


def sniff_codec(head: bytes, encoding: str = "utf-8") -> str:
    """The codec for bytes starting with ``head``: a byte order mark (UTF-8, UTF-16 or UTF-32,
    either byte order) decides, whatever ``encoding`` says (the codec then drops the mark);
    without one, ``encoding`` (UTF-8 through ``utf-8-sig``, so a BOM is never read as text)."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    return "utf-8-sig" if encoding.replace("-", "").replace("_", "").lower() in ("utf8", "utf8sig") else encoding


def starts_with_bom(head: bytes) -> bool:
    """Whether bytes starting with ``head`` open with a byte order mark (UTF-8, UTF-16 or UTF-32)."""
    return head.startswith(tuple(bom for bom, _ in _BOMS))


def wide_codec(codec: str) -> bool:
    """Whether text in ``codec`` is full of NUL bytes (UTF-16 and UTF-32): not a sign of a binary file."""
    c = codec.replace("-", "").replace("_", "").lower()
    return c.startswith(("utf16", "utf32", "utf_16", "utf_32"))


def binary_note(path: str, head: bytes) -> str:
    """The note for a file skipped as binary (a NUL byte in its first 8 KB, no UTF-16/32 BOM);
    it suggests ``--encoding utf-16`` when every other byte is NUL, as in UTF-16 text."""
    half = max(1, len(head[:512]) // 2)
    wide = max(head[0:512:2].count(0), head[1:512:2].count(0)) > 0.6 * half
    hint = "; pass --encoding utf-16-le or utf-16-be if it is UTF-16 text" if wide else ""
    return f"{path}: skipped: binary file (contains NUL bytes{hint})"


def normalise_line_ends(text: str) -> tuple[str, str]:
    """``text`` with each lone CR (a line end of old Mac files, or stray) turned into LF, one
    character for one, so offsets do not move; and "all", "some" or "" (see :class:`Decoded`)."""
    if "\r" not in text:
        return text, ""
    new = _LONE_CR.sub("\n", text)
    if new == text:
        return text, ""
    # "all" only when no line ends in LF (or CRLF): then writing every LF back as CR restores the
    # file; CRLF and a lone CR together are "some" (a CRLF must not come back as CR CR)
    return new, ("some" if "\n" in text else "all")


def decode_text(data: bytes, encoding: str = "utf-8") -> Decoded:
    """Bytes to an article's text: the codec from :func:`sniff_codec` (strictly: a
    UnicodeDecodeError or LookupError is the caller's to report), lone CRs as line ends
    (:func:`normalise_line_ends`)."""
    codec = sniff_codec(data[:4], encoding)
    text, lone = normalise_line_ends(data.decode(codec))
    return Decoded(text, codec, lone)


class Document:
    """An article: decoded text plus lazily computed positions and structure.

    Line ends are LF or CRLF: the readers (:func:`decode_text`) turn a lone CR into LF."""

    def __init__(
        self,
        text: str,
        path: str = "<text>",
        *,
        markdown: bool | None = None,
        prose_fields: Iterable[str] | None = None,
        ignore_patterns: Iterable[Any] = (),
    ):
        # a byte order mark is the decoder's to drop (decode_text: one, at the very start); a
        # U+FEFF in the text, a second BOM included, is text and keeps its offset
        self.text = text
        self.path = path
        self.markdown = path.lower().endswith(MARKDOWN_SUFFIXES) if markdown is None else markdown
        #: front-matter fields read as prose (the configuration's ``prose-fields``)
        self.prose_fields = DEFAULT_PROSE_FIELDS if prose_fields is None else frozenset(prose_fields)
        #: compiled house patterns that are never prose (the configuration's ``ignore-patterns``)
        self.ignore_patterns = tuple(ignore_patterns)
        #: per-document analyses (``newslint.analysis.per_document``), keyed by their function
        self.analyses: dict[Any, Any] = {}
        #: per-article metrics rules report (readability scores); shown by --statistics and JSON
        self.stats: dict[str, Any] = {}
        #: problems met while analysing the text (a configuration's pattern that timed out),
        #: reported as the file's errors
        self.problems: list[str] = []
        #: how the file was decoded (set by the readers; see :class:`Decoded`)
        self.codec = "utf-8"
        self.lone_cr = ""

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<bytes>", encoding: str = "utf-8") -> "Document":
        """Decode strictly (a UnicodeDecodeError is the caller's to report) with
        :func:`decode_text`: a BOM decides the encoding and is dropped, lone CRs end lines."""
        d = decode_text(data, encoding)
        doc = cls(d.text, path)
        doc.codec, doc.lone_cr = d.codec, d.lone_cr
        return doc

    # --- positions -------------------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        # each line's length plus its newline, summed in C (the last sum is past the end)
        starts = list(accumulate(map(add, map(len, self.text.split("\n")), repeat(1)), initial=0))
        starts.pop()
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """Offset -> (line, column), both 1-based; columns count code points."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """(line, column), 1-based -> offset. The inverse of :meth:`position`."""
        return self.line_starts[line - 1] + column - 1

    def line_of(self, offset: int) -> Line:
        return self.lines[bisect.bisect_right(self.line_starts, offset) - 1]

    @cached_property
    def newline(self) -> str:
        i = self.text.find("\n")
        return "\r\n" if i > 0 and self.text[i - 1] == "\r" else "\n"

    # --- non-prose masking ----------------------------------------------------------------
    @cached_property
    def code_spans(self) -> list[Span]:
        """Fenced code blocks (fence lines included), inline code spans and, in Markdown,
        indented code blocks."""
        spans: list[Span] = []
        text = self.text
        if self.markdown and ("\n    " in text or "\n\t" in text):
            spans += self._indented_code()
        if "`" not in text and "~~~" not in text:
            spans.sort(key=lambda s: s.start)
            return spans
        pos = 0
        while True:
            m = _FENCE.search(text, pos)
            if not m:
                break
            fence = m.group(1)
            closing = rx.compile(r"^[ \t]{0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", re.M)
            c = closing.search(text, m.end())
            end = c.end() if c else len(text)
            spans.append(Span(m.start(), end))
            pos = end
        fenced = sorted(spans, key=lambda s: s.start)
        for m in _INLINE_CODE.finditer(text):
            if "\n\n" in m.group(0) or _inside(fenced, m.start()):
                continue
            spans.append(Span(m.start(), m.end()))
        spans.sort(key=lambda s: s.start)
        return spans

    def _indented_code(self) -> list[Span]:
        """Markdown indented code blocks: lines indented by four spaces or a tab that follow a
        blank line (or the start, or another such line), outside fenced blocks and not under a
        list item (where indentation continues the item). Each span ends after its last line's
        newline. Approximate CommonMark: an indented line cannot interrupt a paragraph."""
        text = self.text
        starts = self.line_starts
        n = len(starts)
        out: list[Span] = []
        prev_blank, in_code, in_list, in_fence = True, False, False, False
        block_start = block_end = 0
        for i, st in enumerate(starts):
            end = starts[i + 1] if i + 1 < n else len(text)
            line = text[st:end].rstrip("\r\n")
            if _FENCE.match(line):
                in_fence = not in_fence
            blank = not line.strip()
            indented = line.startswith(("    ", "\t")) and not blank
            if in_fence:
                pass
            elif indented and (in_code or (prev_blank and not in_list)):
                if not in_code:
                    in_code, block_start = True, st
                block_end = end
            elif not blank:
                if in_code:
                    out.append(Span(block_start, block_end))
                    in_code = False
                in_list = bool(_LIST.match(line)) or (in_list and (indented or not prev_blank))
            prev_blank = blank
        if in_code:
            out.append(Span(block_start, block_end))
        return out

    @cached_property
    def nonprose_spans(self) -> list[Span]:
        """Everything rules about wording must not look at, sorted and non-overlapping."""
        text = self.text
        spans = list(self.code_spans)
        spans += self.protected_spans
        if "<" in text:
            spans += [Span(m.start(), m.end()) for m in _HTML_COMMENT.finditer(text)]
            if not self.markdown:  # a tag in plain text: kept out of prose, left to report as residue
                spans += [Span(m.start(), m.end()) for m in _HTML_TAG.finditer(text)]
        if "](" in text:
            spans += [Span(m.start(1), m.end(1)) for m in _LINK_TARGET.finditer(text)]
        if self.markdown and "[^" in text:  # footnote references ("[^1]"), not their definitions
            spans += [Span(m.start(), m.end()) for m in _FOOTNOTE_REF.finditer(text)]
        found = []
        if "://" in text or "www." in text or "WWW." in text:
            found += [(m.start(), m.end()) for m in _URL.finditer(text)]
        if "@" in text:
            found += [(m.start(), m.end()) for m in _EMAIL.finditer(text)]
        for m in _TLD.finditer(text):
            start = m.start()
            while start > 0 and text[start - 1] in _DOMAIN_CHARS:
                start -= 1
            while start < m.start() and not text[start].isalnum():
                start += 1
            if start < m.start() and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")):
                found.append((start, m.end()))
        for a, b in found:
            while b > a and text[b - 1] in _TRAILING_URL_PUNCT:
                b -= 1
            spans.append(Span(a, b))
        return _merge(spans)

    @cached_property
    def front_matter(self) -> FrontMatter | None:
        """Markdown front matter (YAML ``---``, TOML ``+++``, JSON), or None. A plain-text file
        has it too when it opens with a ``---`` or ``+++`` block that parses (Jekyll reads front
        matter in any file); a JSON object or a block that does not parse opens only Markdown."""
        if self.text[:1] not in ("-", "+", "{"):
            return None
        if self.markdown:
            return parse_front_matter(self.text, self.prose_fields)
        if self.text[:1] == "{":
            return None
        fm = parse_front_matter(self.text, self.prose_fields)
        if fm is None or fm.error is not None or not _FM_KEY_LINE.match(self.text, self.text.find("\n") + 1):
            return None  # a rule of dashes around a line of copy, not a block of keys
        return fm

    @cached_property
    def template_spans(self) -> list[Span]:
        """Template, component and embed syntax (Hugo shortcodes, Liquid and Jinja tags, HTML and
        JSX tags with their attributes, the bodies of script, style, code-like shortcodes and
        embeds, MDX import/export lines) and matches of the configured ``ignore-patterns``.

        Only Markdown, or a page source with front matter, has template syntax: in plain-text
        copy a tag or a ``{{variable}}`` is residue of a scrape or an unfilled template, which the
        boilerplate and generated-copy rules report."""
        text = self.text
        spans: list[Span] = []
        if ("{" in text or "<" in text) and (self.markdown or self.front_matter is not None):
            blocks = [Span(m.start(), m.end()) for m in _TEMPLATE_BLOCKS.finditer(text)]
            spans += blocks
            for m in _TEMPLATE_TAGS.finditer(text):
                if "\n\n" in m.group() and m.group()[:1] == "{":
                    continue  # an unclosed brace pair reaching over a paragraph: not a tag
                spans.append(Span(m.start(), m.end()))
        if self.path.lower().endswith(".mdx"):
            spans += [Span(m.start(), m.end()) for m in _MDX_LINE.finditer(text)]
        for pattern in self.ignore_patterns:
            try:
                spans += [Span(m.start(), m.end()) for m in pattern.finditer(text)]
            except rx.PatternTimeout as e:  # a house pattern past its timeout: reported once, not masked
                if str(e) not in self.problems:
                    self.problems.append(str(e))
        fm = self.front_matter
        if fm is not None:  # what lies in the front matter is the front matter's business
            spans = [sp for sp in spans if sp.start >= fm.span.end]
        return _merge(spans)

    @cached_property
    def protected_spans(self) -> list[Span]:
        """Where no finding is reported and no fix may write: the template spans and the front
        matter outside its prose fields. Sorted and non-overlapping."""
        spans = list(self.template_spans)
        fm = self.front_matter
        if fm is not None:
            last = fm.span.start
            for f in fm.fields:
                spans.append(Span(last, f.start))
                last = f.end
            spans.append(Span(last, fm.span.end))
        return _merge(spans)

    def guard(self, findings: list[Any]) -> list[Any]:
        """Drop the findings that start or end inside a protected span; make a fix that would
        write inside one (or anywhere in the front matter) unsafe, so --fix leaves it alone."""
        spans = self.protected_spans
        if not spans:
            return findings
        starts = [s.start for s in spans]
        fm = self.front_matter
        fm_end = fm.span.end if fm is not None else -1

        def inside(off: int) -> bool:
            i = bisect.bisect_right(starts, off) - 1
            return i >= 0 and off < spans[i].end

        def touches(a: int, b: int) -> bool:
            if a < fm_end:
                return True
            b = max(b, a + 1)
            i = max(bisect.bisect_right(starts, a) - 1, 0)
            for sp in spans[i:]:
                if sp.start >= b:
                    break
                if a < sp.end:
                    return True
            return False

        out = []
        for f in findings:
            if inside(f.start) or (f.end > f.start and inside(f.end - 1)):
                continue
            if f.fix is not None and f.fix.safe and any(touches(e.start, e.end) for e in f.fix.edits):
                f.fix = f.fix._replace(safe=False)
            out.append(f)
        return out

    @cached_property
    def prose(self) -> str:
        """``text`` with non-prose blanked to spaces: same length, same offsets. Newlines are kept,
        except soft line breaks inside a paragraph of text, which read as the spaces they are
        (a sentence or a phrase wrapped over two lines is found as on one)."""
        return self._soften(self._masked())

    @cached_property
    def soft_breaks(self) -> list[int]:
        """Offsets of the soft line breaks: the newlines inside a paragraph of text that read as
        spaces (a sentence or a phrase wrapped over two lines). In Markdown and in plain text
        hard-wrapped at a known width every break inside a paragraph of text is soft; in plain
        text of unknown wrapping, only a break where a clause plainly runs on."""
        out: list[int] = []
        sure = self.markdown or self._wrap_width > 0
        starts = self.line_starts
        for p in self.paragraphs:
            if p.last_line > p.first_line and p.kind in ("text", "label", "list"):
                for i in starts[p.first_line : p.last_line]:
                    if sure or _runs_on(self.text, i):
                        out.append(i - 1)
        return out

    @cached_property
    def unwrapped(self) -> str:
        """``text`` with its soft line breaks (a CR before one too) as spaces: same length, same
        offsets. What a pattern over raw text that must read a wrapped sentence as one scans."""
        return self._soften(self.text)

    def _soften(self, text: str) -> str:
        breaks = self.soft_breaks
        if not breaks:
            return text
        chars = list(text)
        for i in breaks:
            chars[i] = " "
            if i >= 1 and chars[i - 1] == "\r":
                chars[i - 1] = " "
        return "".join(chars)

    @cached_property
    def logical_lines(self) -> list[Line]:
        """The lines as a reader sees them: a paragraph of text wrapped over several lines is one
        :class:`Line` (its first line's number and kind, its text with the soft breaks as spaces,
        so ``start + k`` is still the offset of ``text[k]``); every other line is as in
        :attr:`lines`. For the analyses that judge "a line" meaning a paragraph or a heading."""
        breaks = self.soft_breaks
        if not breaks:
            return self.lines
        lines = self.lines
        starts = self.line_starts
        soft = {bisect.bisect_right(starts, i) - 1 for i in breaks}  # lines that run on into the next
        text = self.unwrapped
        out: list[Line] = []
        i, n = 0, len(lines)
        while i < n:
            j = i
            while j in soft and j + 1 < n:
                j += 1
            first = lines[i]
            if j == i:
                out.append(first)
            else:
                out.append(Line(first.number, first.start, lines[j].end, text[first.start : lines[j].end], first.kind))
            i = j + 1
        return out

    def logical_line_of(self, offset: int) -> Line:
        """The logical line (see :attr:`logical_lines`) holding ``offset``."""
        ll = self.logical_lines
        if ll is self.lines:
            return self.line_of(offset)
        return ll[bisect.bisect_right(self._logical_starts, offset) - 1]

    def logical_index(self, number: int) -> int:
        """Index in :attr:`logical_lines` of the logical line holding physical line ``number``."""
        ll = self.logical_lines
        if ll is self.lines:
            return number - 1
        return bisect.bisect_right(self._logical_numbers, number) - 1

    @cached_property
    def _logical_starts(self) -> list[int]:
        return [ln.start for ln in self.logical_lines]

    @cached_property
    def _logical_numbers(self) -> list[int]:
        return [ln.number for ln in self.logical_lines]

    def _masked(self) -> str:
        if not self.nonprose_spans:
            return self.text
        parts = []
        last = 0
        text = self.text
        for s in self.nonprose_spans:
            parts.append(text[last : s.start])
            chunk = text[s.start : s.end]
            parts.append(re.sub(r"[^\n]", " ", chunk))
            last = s.end
        parts.append(text[last:])
        return "".join(parts)

    def is_prose(self, start: int, end: int | None = None) -> bool:
        """True when no part of [start, end) is code, a URL, a comment or a tag."""
        end = start + 1 if end is None else end
        spans = self.nonprose_spans
        i = bisect.bisect_right([s.start for s in spans], start) - 1 if spans else -1
        for s in spans[max(i, 0) :]:
            if s.start >= end:
                break
            if s.end > start:
                return False
        return True

    # --- lines and blocks -----------------------------------------------------------------
    @cached_property
    def lines(self) -> list[Line]:
        text = self.text
        starts = self.line_starts
        code = self.code_spans
        fenced_lines: set[int] = set()
        for s in code:
            if "\n" in text[s.start : s.end] or _FENCE.match(text, s.start):
                a = bisect.bisect_right(starts, s.start) - 1
                b = bisect.bisect_right(starts, max(s.end - 1, s.start)) - 1
                fenced_lines.update(range(a, b + 1))
        fenced_lines |= self._masked_lines()
        out: list[tuple[int, int, int, str, str]] = []  # made Lines at the end, in C
        table_rows = self._pipe_block_lines()
        labels = self._speaker_labels()
        cr = "\r" in text
        # one split in C gives every line's text; offsets come from line_starts
        for i, (start, s) in enumerate(zip(starts, text.split("\n"))):
            if cr and s[-1:] == "\r":
                s = s[:-1]
            end = start + len(s)
            if i in fenced_lines:
                kind = "code"
            elif not s or s.isspace():
                kind = "blank"
            elif i in table_rows:
                kind = "table"
            elif s[0].isalpha():  # most lines: no heading, quote or list marker can start with a letter
                kind = "label" if i in labels else "text"
            elif _HEADING.match(s):
                kind = "heading"
            elif _QUOTE.match(s):
                kind = "quote"
            elif _LIST.match(s):
                kind = "list"
            elif i in labels:
                kind = "label"
            else:
                kind = "text"
            out.append((i + 1, start, end, s, kind))
        return list(map(tuple.__new__, repeat(Line), out))

    def _masked_lines(self) -> set[int]:
        """0-based indexes of non-blank lines whose every visible character is protected (front
        matter outside its prose fields, a shortcode or an embed on a line of its own): read
        as code, so they neither join nor split paragraphs of prose."""
        spans = self.protected_spans
        if not spans:
            return set()
        text = self.text
        starts = self.line_starts
        out: set[int] = set()
        for sp in spans:
            a = bisect.bisect_right(starts, sp.start) - 1
            b = bisect.bisect_right(starts, max(sp.end - 1, sp.start)) - 1
            for i in range(a, b + 1):
                ls = starts[i]
                le = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
                body = text[ls:le]
                if not body.strip():
                    continue
                first = ls + len(body) - len(body.lstrip())
                last = ls + len(body.rstrip())
                if sp.start <= first and last <= sp.end:
                    out.add(i)
                elif i not in out and self._covered(first, last):
                    out.add(i)
        return out

    def _covered(self, a: int, b: int) -> bool:
        """Every non-space character of text[a:b] lies in a protected span."""
        spans = self.protected_spans
        i = max(bisect.bisect_right([s.start for s in spans], a) - 1, 0)
        pos = a
        text = self.text
        for sp in spans[i:]:
            if sp.start >= b:
                break
            if sp.end <= pos:
                continue
            if sp.start > pos and text[pos : sp.start].strip():
                return False
            pos = max(pos, sp.end)
            if pos >= b:
                return True
        return not text[pos:b].strip()

    def _speaker_labels(self) -> set[int]:
        """0-based indexes of speaker-label lines ("Senior Editor: ...", "Q: ...").

        A title with a colon ("The Proposal: A Strategic Move?") looks like a label, so a label
        must recur (case-insensitively) on two or more lines, be bracketed, or be Q/A-like.
        """
        cands: dict[int, str] = {}
        text = self.text
        starts = self.line_starts
        # a label lies within one line and holds a colon: try the lines that have one
        for i in sorted({bisect.bisect_right(starts, c) - 1 for c in offsets_of(text, (":",))}):
            m = _LABEL.match(text, starts[i])
            if m:
                cands[i] = m.group("label").lower()
        counts: dict[str, int] = {}
        for label in cands.values():
            counts[label] = counts.get(label, 0) + 1
        return {
            i
            for i, label in cands.items()
            if counts[label] >= 2 or label in _FIXED_LABELS or label.startswith("[")
        }

    def _pipe_block_lines(self) -> set[int]:
        """0-based indexes of lines in runs of two or more lines that contain a pipe.

        A non-blank line without a pipe between two pipe lines belongs to the run: Markdown
        renders it as a row of the table (a row split over two lines).
        """
        text = self.text
        if "|" not in text:
            return set()
        starts = self.line_starts
        n = len(starts)
        bounds = [(st, starts[i + 1] - 1 if i + 1 < n else len(text)) for i, st in enumerate(starts)]
        piped = [("|" in text[a:b] and text[a:b].strip() != "|") for a, b in bounds]
        member = list(piped)
        for i in range(1, n - 1):
            inner = text[bounds[i][0] : bounds[i][1]].strip()
            if not piped[i] and piped[i - 1] and piped[i + 1] and inner and not _RULE_LINE.match(inner):
                member[i] = True
        rows: set[int] = set()
        i = 0
        while i < n:
            if not member[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and member[j + 1]:
                j += 1
            if sum(piped[i : j + 1]) >= 2:
                rows.update(range(i, j + 1))
            i = j + 1
        return rows

    def label(self, line: Line) -> str | None:
        """The speaker label of a ``label`` line ("Senior Editor" in "Senior Editor: ...")."""
        m = _LABEL.match(line.text)
        return m.group("label") if m else None

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Runs of lines read as one paragraph.

        A paragraph ends at a blank line, at a change of line kind, and after a heading, label,
        list item or table row. In plain text, where news copy often has one paragraph per line
        and no blank lines, a line that ends a sentence or reads as a title also ends one;
        soft-wrapped lines of one paragraph are joined.
        """
        lines = self.lines
        n = len(lines)
        plain = not self.markdown
        width = self._wrap_width if plain else 0
        spans: list[tuple[int, int]] = []  # (first, last) line index of each paragraph
        first = -1  # first line of the paragraph being read, -1 between paragraphs
        field_first: set[int] = set()
        field_last: set[int] = set()
        fm = self.front_matter
        if fm is not None:  # each prose field of the front matter is a paragraph of its own
            for f in fm.fields:
                field_first.add(bisect.bisect_right(self.line_starts, f.start) - 1)
                field_last.add(bisect.bisect_right(self.line_starts, max(f.end - 1, f.start)) - 1)
        wrapped_in = False  # the line before was hard-wrapped into this one
        curly = straight = 0  # double quotation marks in the paragraph being read
        for i, line in enumerate(lines):
            kind = line.kind
            if i in field_first and first >= 0:
                spans.append((first, i - 1))
                first = -1
            if kind == "blank" or kind == "code":
                if first >= 0:
                    spans.append((first, i - 1))
                    first = -1
                wrapped_in = False
                continue
            if first >= 0 and not wrapped_in and (kind not in ("text", "quote") or lines[i - 1].kind != kind):
                spans.append((first, i - 1))
                first = -1
            if first < 0:
                first, curly, straight = i, 0, 0
            if width:
                c, st = _quote_marks(line.text)
                curly, straight = curly + c, straight + st
            forced = (
                bool(width)
                and i + 1 < n
                and kind in ("text", "label", "list")  # a list item hard-wrapped too
                and _wrapped_into(line.text, lines[i + 1], width, curly > 0 or straight % 2 == 1, lines[first].kind == "label")
            )
            wrapped_in = forced  # hard-wrapped text: the next line continues this one, whatever it ends with
            if forced:
                continue
            if i in field_last or kind in ("heading", "table", "label", "list") or (
                plain
                # a paragraph before a blank or code line (or the last) ends here whatever the line
                # reads like: the next line would close it just the same, at this line
                and (i + 1 == n or lines[i + 1].kind in _NO_PARAGRAPH or _ends_sentence(line.text)
                     or _looks_like_title(line.text, lines[i + 1].text))
            ):  # in plain-text copy, one paragraph per line unless soft-wrapped
                spans.append((first, i))
                first = -1
        if first >= 0:
            spans.append((first, n - 1))
        rows = [(lines[a].start, lines[b].end, lines[a].number, lines[b].number, lines[a].kind) for a, b in spans]
        return list(map(tuple.__new__, repeat(Paragraph), rows))  # the named tuples made in C

    @cached_property
    def _wrap_width(self) -> int:
        """The column plain text is hard-wrapped at (wire copy, e-mail, hand-wrapped files), or 0
        when it is not: no text line is longer than 100 characters and at least three lines
        (and a quarter of them) come within 12 characters of the longest, at 50 columns or more
        (narrower, a short article's headline, stamp and sentences look wrapped too)."""
        lengths = [len(ln.text.rstrip()) for ln in self.lines if ln.kind == "text"]
        if len(lengths) < 3:
            return 0
        short = [x for x in lengths if x <= 100]
        if not short or (len(lengths) - len(short)) * 10 > len(lengths):
            return 0  # long lines: one paragraph per line, not hard-wrapped
        width = max(short)
        if width < 50:
            return 0
        full = sum(1 for x in lengths if x >= width - 12)
        return width if full >= 3 and full * 4 >= len(lengths) else 0

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """(start, end) of the logical line holding ``offset``: its line, or the whole run of a
        paragraph of text wrapped over several lines (what a pattern that must not cross a line
        break may scan: soft breaks are spaces in ``prose``)."""
        ln = self.logical_line_of(offset)
        return ln.start, ln.end

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph containing offset, or -1."""
        starts = self._para_starts
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset <= self.paragraphs[i].end:
            return i
        return -1

    @cached_property
    def _para_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    # --- sentences ------------------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans over ``prose``; every sentence lies inside one paragraph.

        The sentence boundaries of the whole prose are found in one scan and dealt out to the
        paragraphs: a boundary counts in a paragraph when it starts at or after the sentence
        start and the next sentence starts inside the paragraph (what scanning each paragraph
        on its own finds; tests/test_document.py checks the two agree)."""
        prose = self.prose
        out: list[tuple[int, int]] = []  # made Spans at the end, in C
        k = _ABBREVIATION_MAX + 1
        # (stop, end of the closing marks, start of the next sentence) of every boundary
        bounds = [(m.start(), m.end(1), m.end()) for m in _SENT_BOUNDARY.finditer(prose)]
        nb = len(bounds)
        j = 0
        for start, end, _, _, kind in self.paragraphs:
            if kind == "table":
                continue
            # a speaker label is not part of the answer's first sentence
            if kind == "label":
                m = _LABEL.match(prose, start)
                if m:
                    start = m.end() - 1
            if start >= end or prose[start].isspace():  # else nothing to strip (most paragraphs)
                start = end - len(prose[start:end].lstrip())
            while j < nb and bounds[j][0] < start:
                j += 1
            while j < nb and bounds[j][2] < end:
                stop, close, following = bounds[j]
                j += 1
                # only letters for longer than any abbreviation before the point: a word (fast path)
                if prose[stop] == "." and not (stop - k >= start and prose[stop - k : stop].isalpha()):
                    w = _WORD_BEFORE.search(prose, max(start, stop - 12), stop + 1)
                    word = w.group(1).lower().rstrip(".") if w else ""
                    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                        continue
                    if _INITIALISM.fullmatch(word):  # U.S., e.g. written out
                        continue
                # a sentence ends after its closing marks; the next starts after the spaces
                out.append((start, close))
                start = following
            # nothing to strip when the paragraph ends in a visible character (most do)
            last = start + len(prose[start:end].rstrip()) if prose[end - 1].isspace() else end
            if last > start:
                out.append((start, last))
        return list(map(tuple.__new__, repeat(Span), out))

    def sentence_index(self, offset: int) -> int:
        starts = self._sentence_starts
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset < max(self.sentences[i].end, self.sentences[i].start + 1):
            return i
        return -1

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    # --- quotations -----------------------------------------------------------------------
    @cached_property
    def quotations(self) -> list[Quotation]:
        """Double-quoted passages per paragraph; an opening mark with no partner is unclosed."""
        prose = self.prose
        out: list[Quotation] = []
        paragraphs = self.paragraphs
        para_starts = self._para_starts
        # one scan for the marks (a few per article), each placed in its paragraph by bisect
        by_paragraph: dict[int, list[int]] = {}
        for i in offsets_of(prose, _DQUOTE_MARKS):
            pi = bisect.bisect_right(para_starts, i) - 1
            if pi >= 0 and i < paragraphs[pi].end and paragraphs[pi].kind != "table":
                by_paragraph.setdefault(pi, []).append(i)
        for pi, marks in by_paragraph.items():
            opener: int | None = None
            for i in marks:
                if opener is None:
                    if prose[i] == "”" and not _opens_straight(prose, i):
                        continue  # a stray closing mark: the unbalanced-quote rule reports it
                    opener = i
                elif prose[i] == "“":
                    # nested or unclosed: close the first as unclosed, start again
                    out.append(Quotation(opener, i, False, pi))
                    opener = i
                else:
                    out.append(Quotation(opener, i + 1, True, pi))
                    opener = None
            if opener is not None:
                out.append(Quotation(opener, paragraphs[pi].end, False, pi))
        return out

    def in_quotation(self, offset: int) -> bool:
        """True when offset lies inside a (closed or unclosed) quotation."""
        qs = self.quotations
        i = bisect.bisect_right(self._quote_starts, offset) - 1
        # quotations of one paragraph do not nest, so the nearest start decides
        return i >= 0 and offset < qs[i].end

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotations]

    # --- words ----------------------------------------------------------------------------
    @cached_property
    def word_count(self) -> int:
        return len(re.findall(r"\b\w[\w'’-]*", self.prose))


def offsets_of(text: str, needles: Iterable[str]) -> list[int]:
    """Sorted offsets of the needles (characters or short strings) in text. A ``str.find`` loop
    per needle runs at memchr speed: for needles this rare, many times faster than a regex scan
    with a character class. Shared by the rules that look for a few marks."""
    out: list[int] = []
    for needle in needles:
        i = text.find(needle)
        while i != -1:
            out.append(i)
            i = text.find(needle, i + 1)
    out.sort()
    return out


def _opens_straight(text: str, i: int) -> bool:
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-"


_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to with vs via".split())


def _looks_like_title(line: str, next_line: str) -> bool:
    """A line with no closing punctuation that is not soft-wrapped into the next one:
    a headline, section title or byline (title case, or followed by a capitalised line)."""
    s = line.strip()
    if not s or len(s) > 160 or s.endswith((",", "-", "—", "–", "(")) or _ends_sentence(s):
        return False
    words = [w for w in s.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    if words and sum(w[0].isupper() for w in words) / len(words) >= 0.6:
        return True
    nxt = next_line.lstrip()
    return not nxt or not nxt[0].islower()


#: the start of a line that opens with a label ("Editor: ...", "Model:"), not a clause running on
_LABEL_START = re.compile(r"[^\W\d][\w.’' -]{0,40}:(?:\s|$)")


def _runs_on(text: str, start: int) -> bool:
    """In plain text of unknown wrapping, the line starting at ``start`` continues the clause of
    the line before: it opens in lower case and is not a label, and the line before does not end
    with a colon."""
    before = text[max(0, start - 3) : start - 1].rstrip("\r")
    return bool(text[start : start + 1].islower()) and not before.endswith(":") and not _LABEL_START.match(text, start)


#: a sentence's end at a line's end, a photo credit after it allowed ("... in Kyiv. (AFP)")
_ENDS_WITH_CREDIT = rx.compile(r"[.!?…][\"”’')\]]*[ \t]+\([A-Za-z/ .-]{1,24}\)[ \t]*$")




def _title_case(line: str, least: int = 3) -> bool:
    """Most words capitalised (at least ``least`` of them), short function words aside: a
    headline in title case."""
    words = [w for w in line.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    return len(words) >= least and sum(w[0].isupper() for w in words) >= 0.85 * len(words)


def _wrapped_into(line: str, nxt: Line, width: int, in_quote: bool = False, in_turn: bool = False) -> bool:
    """In text hard-wrapped at ``width``, the break after ``line`` was forced: the next line's
    first word would not have fitted on it (or, in ragged hand wrapping, a long line stops
    mid-sentence), so the two belong to one paragraph.

    A full line can also be a paragraph's last, or a headline as long as the width: a break
    where a sentence ends (outside a quotation and outside a speaker's turn, which runs on to
    the next label) and the next line opens with a capital, or after a headline in title case
    when the next line is not, starts a new paragraph."""
    if nxt.kind != "text":
        return False
    word = nxt.text.split(None, 1)
    if not word:
        return False
    n = len(line.rstrip())
    if n + 1 + len(word[0]) <= width:
        # ragged hand wrapping: a long line that stops mid-sentence runs on, unless it is a title
        if n < width * 0.8 or _ends_sentence(line) or _title_case(line):
            return False
    opens = word[0].lstrip("\"“‘'(")[:1]
    if opens.isupper() or opens.isdigit():
        if _title_case(nxt.text) and not _ends_sentence(nxt.text) and not _title_case(line):
            return False  # the story, then a heading
        if not in_quote and not in_turn and (_ends_sentence(line) or _ENDS_WITH_CREDIT.search(line)):
            return False  # a sentence ended with the line, and a new one starts the next
        if _title_case(line) and not _title_case(nxt.text, 1):
            return False  # a headline, then the story
    return True


def _quote_marks(line: str) -> tuple[int, int]:
    """(curly double quotations opened minus closed, straight double marks) on a line."""
    if '"' not in line and "“" not in line and "”" not in line:
        return 0, 0
    return line.count("“") - line.count("”"), line.count('"')


def _inside(spans: list[Span], offset: int) -> bool:
    return any(s.start <= offset < s.end for s in spans)


def _merge(spans: list[Span]) -> list[Span]:
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    out: list[Span] = []
    for s in spans:
        if s.end <= s.start:
            continue
        if out and s.start < out[-1].end:
            if s.end > out[-1].end:
                out[-1] = Span(out[-1].start, s.end)
        else:
            out.append(s)
    return out


# --- front matter and templates -----------------------------------------------------------
#: front-matter fields that hold prose (linted at their positions); every other field is data
DEFAULT_PROSE_FIELDS = frozenset({"title", "subtitle", "description", "summary", "excerpt", "caption", "alt"})
_FM_OPEN = rx.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n")
_FM_CLOSE = {"---": rx.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M), "+++": rx.compile(r"^\+\+\+[ \t]*(?:\r?\n|\Z)", re.M)}
_TOML_STRING = rx.compile(r"""^[ \t]*(?P<key>[A-Za-z0-9_-]+|"[^"\n]*")[ \t]*=[ \t]*(?P<q>\"\"\"|'''|"|')""", re.M)
_JSON_STRING = rx.compile(r'"(?P<key>(?:[^"\\\n]|\\.)*)"\s*:\s*(?P<value>"(?:[^"\\\n]|\\.)*")')
#: template, component and embed syntax: never prose, never fixed (the bodies of code-like
#: shortcodes and tags included)
_TEMPLATE_BLOCKS = rx.compile(
    r"\{\{[<%]-?\s*(?P<sc>highlight|code|raw|chart|mermaid|katex|math|tweet|instagram|gist)\b.*?[%>]\}\}"
    r".*?\{\{[<%]-?\s*/\s*(?P=sc)\s*-?[%>]\}\}"
    r"|\{%-?\s*(?P<lq>raw|highlight|comment|capture|javascript|filter|macro|call)\b.*?%\}.*?\{%-?\s*end(?P=lq)\s*-?%\}"
    r"|<(?P<tag>script|style|pre|code|svg|math|iframe|noscript|template|object|video|audio|figure)\b[^>]*>.*?</(?P=tag)\s*>"
    r"|<blockquote\b[^>]*\bclass\s*=\s*[\"'][^\"']*(?:tweet|instagram|tiktok|embed|reddit|facebook)[^\"']*[\"'][^>]*>.*?</blockquote\s*>",
    re.S | re.I,
)
_TEMPLATE_TAGS = rx.compile(
    r"\{\{[<%].*?[%>]\}\}"  # Hugo shortcodes
    r"|\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}"  # Liquid and Jinja tags, output and comments
    r"|\{:[^}\n]*\}"  # kramdown attribute lists
    r"|</?[A-Za-z][\w.:-]*(?:\s(?:[^<>{}\"']|\"[^\"]*\"|'[^'\n]*'|\{[^{}]*\})*)?/?>",  # HTML and JSX tags, attributes and all
    re.S,
)
_MDX_LINE = rx.compile(r"^(?:import|export)\s[^\n]*$", re.M)


#: the first line of a front-matter block of keys: "title: ...", "title = ...", "[params]"
_FM_KEY_LINE = rx.compile(r"[ \t]*(?:[A-Za-z_][\w.-]*[ \t]*[:=]|\[)")


class FrontMatter(NamedTuple):
    """The front matter block (delimiters included), its format and the spans of the values of
    its prose fields (quotes excluded), sorted."""

    span: Span
    format: str  # yaml | toml | json
    fields: tuple[Span, ...]
    error: str | None = None


def parse_front_matter(text: str, prose_fields: frozenset[str] = DEFAULT_PROSE_FIELDS) -> FrontMatter | None:
    """The front matter at the start of ``text`` (YAML ``---``, TOML ``+++`` or a JSON object),
    parsed with a real parser; None when there is none. Only string values of the prose fields
    (at any depth, in lists too) become ``fields``, at their exact offsets."""
    m = _FM_OPEN.match(text)
    if m:
        fence = text[:3]
        c = _FM_CLOSE[fence].search(text, m.end())
        if not c:
            return None
        body_start, body_end = m.end(), c.start()
        span = Span(0, c.end() - (1 if c.group().endswith("\n") else 0))
        body = text[body_start:body_end]
        try:
            if fence == "---":
                fields = _yaml_fields(body, prose_fields)
                fmt = "yaml"
            else:
                fields = _toml_fields(body, prose_fields)
                fmt = "toml"
        except Exception as e:  # a broken block is still data: masked, not linted
            return FrontMatter(span, "yaml" if fence == "---" else "toml", (), f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
        return FrontMatter(span, fmt, tuple(Span(a + body_start, b + body_start) for a, b in fields if b > a))
    if text[:1] == "{":
        import json

        try:
            obj, end = json.JSONDecoder().raw_decode(text)
        except ValueError:
            return None
        if not isinstance(obj, dict) or text[end : end + 1] not in ("", "\n", "\r"):
            return None
        fields = []
        for sm in _JSON_STRING.finditer(text, 0, end):
            try:
                key = json.loads('"' + sm.group("key") + '"')
                value = json.loads(sm.group("value"))
            except ValueError:
                continue
            a, b = sm.start("value") + 1, sm.end("value") - 1
            if key in prose_fields and text[a:b] == value:
                fields.append(Span(a, b))
        return FrontMatter(Span(0, end), "json", tuple(fields))
    return None


def _yaml_fields(body: str, prose_fields: frozenset[str]) -> list[tuple[int, int]]:
    import yaml

    root = yaml.compose(body, Loader=yaml.SafeLoader)
    out: list[tuple[int, int]] = []
    # an alias is the node it names: each node is visited once, so nested aliases ("billion
    # laughs") cost one visit per distinct node, and an alias inside its own node ends
    seen: set[int] = set()
    walked: set[int] = set()

    def strings(node: Any) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag != "tag:yaml.org,2002:str":
                return
            a, b = node.start_mark.index, node.end_mark.index
            if node.style in ('"', "'"):
                a, b = a + 1, b - 1
                if "\n" in body[a:b] or body[a:b] != node.value:
                    return  # escapes or folding: the source is not the value; leave it alone
            elif node.style in ("|", ">"):
                nl = body.find("\n", a)
                if nl < 0:
                    return
                a = nl + 1
                while b > a and body[b - 1] in " \t\r\n":
                    b -= 1
            out.append((a, b))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                strings(item)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                strings(v)

    def walk(node: Any) -> None:
        if id(node) in walked:
            return
        walked.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and str(k.value) in prose_fields and not isinstance(v, yaml.MappingNode):
                    strings(v)
                else:
                    walk(v)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    walk(root)
    return sorted(out)


def _toml_fields(body: str, prose_fields: frozenset[str]) -> list[tuple[int, int]]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    tomllib.loads(body)  # a real parse: a broken block raises and stays masked
    out: list[tuple[int, int]] = []
    for m in _TOML_STRING.finditer(body):
        key = m.group("key").strip('"')
        if key not in prose_fields:
            continue
        q = m.group("q")
        a = m.end()
        b = body.find(q, a + (1 if len(q) == 3 and body[a : a + 1] == "\n" else 0))
        if b < 0:
            continue
        if len(q) == 3 and body[a : a + 1] == "\n":
            a += 1
        if q == '"' and "\\" in body[a:b]:
            continue  # escapes: the source is not the value
        out.append((a, b))
    return out
