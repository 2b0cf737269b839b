"""Large files, linted a piece at a time so that memory stays flat.

A file larger than ``LARGE_FILE_BYTES`` is read as a stream and cut into pieces of about
``CHUNK_CHARS`` characters, always at a line start and preferably at a blank line (a paragraph
boundary), never inside an open ``newslint-disable`` region unless the piece has grown to four
times the target. Each piece becomes its own Document; its findings are moved to file
positions (offsets by the characters before the piece, lines by the lines before it; a piece
starts at a line start, so columns do not change) and the Document is dropped before the next
piece is read. Peak memory is then set by the piece, not the file.

What this gives up, by design: rules that compare distant parts of an article (repeated text,
figures that contradict each other, a name spelled two ways) compare statements within one
piece only. A multi-megabyte file is an archive or a feed dump, not one article, so these
comparisons would be wrong across its stories anyway. Suppressions that reach past their piece
are carried on (see ``lint_large``), so they work as in a whole-file run. Large files are not put
in the results cache. ``--fix`` rewrites the file piece by piece into a temporary file that
replaces it atomically, and ``--diff`` shows the pieces' hunks with file line numbers.
"""
from __future__ import annotations

import bisect
import codecs
import io
import re
import zlib
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from . import rx
from .document import Document
from .engine import FileResult
from .finding import Edit, Finding, Fix, Related
from .suppress import Stream, directives

if TYPE_CHECKING:
    from .engine import Linter
    from .runner import Session

#: files above this size (bytes on disk) are linted in pieces
LARGE_FILE_BYTES = 1_000_000
#: target size of a piece, in characters
CHUNK_CHARS = 100_000

_HUNK = rx.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@", re.M)


class Piece:
    __slots__ = ("text", "offset", "line_offset")

    def __init__(self, text: str, offset: int, line_offset: int):
        self.text, self.offset, self.line_offset = text, offset, line_offset


def pieces(fh, chunk_chars: int | None = None) -> Iterator[Piece]:
    """Pieces of an open text stream (opened with ``newline=""`` so line ends are kept)."""
    target = chunk_chars or CHUNK_CHARS
    buf: list[str] = []
    size = 0
    offset = 0
    line_offset = 0
    in_region = False
    for line in fh:
        if "newslint-" in line:  # keep a disable ... enable region inside one piece
            for d in directives(line):
                if d.kind == "disable":
                    in_region = True
                elif d.kind == "enable":
                    in_region = False
        buf.append(line)
        size += len(line)
        if size >= target and (not line.strip() or size >= 2 * target) and (not in_region or size >= 4 * target):
            # cut after a blank line, or after any line once the piece is twice the target
            text = "".join(buf)
            yield Piece(text, offset, line_offset)
            offset += len(text)
            line_offset += text.count("\n")
            buf, size = [], 0
    if buf or offset == 0:
        yield Piece("".join(buf), offset, line_offset)


def shift(f: Finding, piece: Piece) -> Finding:
    """A finding resolved in a piece's Document, moved to file positions."""
    o, lo = piece.offset, piece.line_offset
    if not o and not lo:
        return f
    f.start += o
    f.end += o
    f.line += lo
    f.end_line += lo
    if f.related:
        f.related = tuple(Related(r.start + o, r.end + o, r.message) for r in f.related)
        f.related_positions = tuple((a + lo, b, c + lo, d, m) for a, b, c, d, m in f.related_positions)
    if f.fix is not None:
        f.fix = Fix(tuple(Edit(e.start + o, e.end + o, e.replacement) for e in f.fix.edits), f.fix.safe)
    return f


def shift_diff(diff: str, line_offset: int) -> str:
    """A piece's unified diff with its hunk headers moved to file line numbers."""
    if not line_offset:
        return diff

    def move(m: re.Match) -> str:
        return f"@@ -{int(m.group(1)) + line_offset}{m.group(2) or ''} +{int(m.group(3)) + line_offset}{m.group(4) or ''} @@"

    return _HUNK.sub(move, diff)


def unified_diff(old: str, new: str, shown: str, line_offset: int, first: bool) -> str:
    import difflib

    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{shown}", f"b/{shown}")
    out = "".join(lines)
    if not first:  # one file header for the whole file
        out = out.split("\n", 2)[2] if out.startswith("---") else out
    return shift_diff(out, line_offset)


class PieceWriter:
    """Writes a fixed file piece by piece to a temporary file beside it, then puts it in place
    through the locked ``fixio.Target`` (mode, owner, links and a UTF-8 BOM kept; a read-only
    file or one changed meanwhile left as it is); nothing changes if anything fails."""

    def __init__(self, target: Any, encoding: str, bom: bool):
        self.target = target
        self.encoding = "utf-8" if encoding.lower().replace("-", "") in ("utf8", "utf8sig") else encoding
        self.tmp = target.temp()
        if bom and self.encoding == "utf-8":
            self.tmp.write(codecs.BOM_UTF8)
        # one encoder for the whole file: a UTF-16 or UTF-32 BOM is written once, not per piece
        self.encoder = codecs.getincrementalencoder(self.encoding)()

    def write(self, text: str) -> None:
        self.tmp.write(self.encoder.encode(text))

    def commit(self) -> None:
        self.target.install(self.tmp)

    def abort(self) -> None:
        self.tmp.discard()


__all__ = [
    "CHUNK_CHARS",
    "LARGE_FILE_BYTES",
    "Piece",
    "PieceWriter",
    "pieces",
    "shift",
    "unified_diff",
]


# --- the large-file run ------------------------------------------------------------------------
def lint_large(session: "Session", linter: "Linter", path: str, target: Any = None) -> tuple[FileResult, Any, str | None]:
    """A large file, streamed and linted in pieces (see ``newslint.chunked``): memory stays
    flat. Findings are reported at file positions; with --fix they refer to the fixed file.

    Suppressions that reach past the piece their comment is in are carried to the next pieces
    (:class:`newslint.suppress.Stream`, over the same parse as the engine's): a
    ``newslint-disable`` region runs on until its ``newslint-enable`` or the end of the file, a
    ``newslint-disable-next-line`` at the end of a piece covers the first non-blank line of the
    next one, and ``newslint-disable-file`` covers every piece; such a comment is not reported
    unused (NL900) when it suppresses something in another piece.
    A line longer than a piece is cut (``_bounded_lines``, the last resort) and the columns of
    the piece that starts inside it are moved by the characters before it on that line.
    With --fix, ``target`` is the locked file (``newslint.fixio.Target``) to read and rewrite."""
    from .analysis.readability import FLESCH_EN
    from .fixio import FixRefused
    from .document import binary_note, normalise_line_ends, sniff_codec, starts_with_bom, wide_codec
    from .runner import fix_document

    ov = session.ov
    if target is not None:
        head = target.head(8192)
    else:
        with open(path, "rb") as fb:
            head = fb.read(8192)
    codec = sniff_codec(head[:4], ov.encoding)  # a BOM decides, as for small files
    if not wide_codec(codec) and b"\x00" in head:
        return FileResult(path, note=binary_note(path, head)), None, None
    has_bom = starts_with_bom(head)
    findings = PackedFindings()  # compressed piece by piece: a few bytes a finding
    errors: list[str] = []
    lines = PackedLines() if session.want_lines else None
    totals = {"words": 0, "sentences": 0, "syllables": 0}
    carry = Stream(linter.by_code)
    diffs: list[str] = []
    writer = None
    changed = False
    offset = line_offset = 0  # in the output: the fixed text with --fix, else the file
    col_offset = 0  # characters before the piece on its first line (0 unless a long line was cut)
    try:
        if target is not None and ov.fix and not ov.diff and target.writable:
            writer = PieceWriter(target, codec, head.startswith(codecs.BOM_UTF8))
        if target is not None:
            fh = io.TextIOWrapper(target.stream(), encoding=codec, newline="")
        else:
            fh = open(path, encoding=codec, newline="")
        with fh:
            for piece in pieces(_bounded_lines(fh, CHUNK_CHARS)):
                piece.text, lone_cr = normalise_line_ends(piece.text)  # a lone CR ends a line
                if lone_cr and writer is not None:
                    writer.abort()
                    writer = None
                    errors.append("not fixed: it has lone CR line ends (old Mac line ends); make them LF first")
                doc = Document(piece.text, path)
                got, errs = linter.lint(doc)
                text = piece.text
                if ov.diff or writer is not None:
                    # a U+FEFF first in a later piece is text; in the first, the file's BOM decides
                    text, got, errs2 = fix_document(linter, doc, got, bom=bool(offset) or has_bom)
                    errs += errs2
                    if text != piece.text:
                        changed = True
                        doc = Document(text, path)
                        if ov.diff:
                            diffs.append(unified_diff(piece.text, text, path, line_offset, first=not diffs))
                    if writer is not None:
                        writer.write(text)
                errors += errs
                got = carry.piece(doc, offset, got)
                for k in totals:
                    totals[k] += int(doc.stats.get(k, 0) or 0)
                if got and lines is not None:
                    src = text.split("\n")
                    # the first line of a piece cut inside a line is only a segment of it: kept
                    # with the column it starts at, so that a finding is shown in its own text
                    lines.add({
                        f.line - 1 + line_offset: (col_offset, src[0]) if f.line == 1 and col_offset else src[f.line - 1]
                        for f in got
                        if 0 < f.line <= len(src)
                    })
                    del src
                if col_offset:
                    for f in got:
                        _shift_first_line(f, col_offset)
                here = Piece(text, offset, line_offset)
                findings.add([shift(f, here) for f in got])
                offset += len(text)
                nl = text.rfind("\n")
                line_offset += text.count("\n")
                col_offset = col_offset + len(text) if nl < 0 else len(text) - nl - 1
                del doc, got
    except UnicodeDecodeError as e:
        if writer is not None:
            writer.abort()
        return FileResult(path, error=(
            f"{path}: not valid {ov.encoding} (byte 0x{e.object[e.start]:02x} near line {line_offset + 1}); "
            f"convert the file or pass --encoding (e.g. --encoding cp1252)"
        )), None, None
    except (OSError, LookupError) as e:
        if writer is not None:
            writer.abort()
        return FileResult(path, error=f"{path}: cannot read: {e}"), None, None
    if writer is not None:
        if changed and not errors:
            try:
                writer.commit()
            except FixRefused as e:
                errors.append(str(e))
            except OSError as e:
                errors.append(f"cannot write the fixed file: {e.strerror or e}")
        else:
            writer.abort()
    if ov.fix and not ov.diff and target is not None and not target.writable:
        if any(f.fix is not None and f.fix.safe for f in findings):
            errors.append("read-only file: not fixed")
    if lines is not None:
        lines.total = line_offset + 1
    # disable-file comments over the whole file; then no NL900 (unused suppression) for comments
    # that suppressed something in another piece
    if carry.file_wide:
        findings = findings.filtered(carry.file_wide_hidden)
    if carry.used:
        findings = findings.filtered(carry.used_elsewhere_dropped)
    stats: dict[str, Any] = dict(totals)
    if totals["words"] and totals["sentences"]:
        wps, spw = totals["words"] / totals["sentences"], totals["syllables"] / totals["words"]
        stats["flesch_reading_ease"] = round(
            FLESCH_EN["fre_base"] - FLESCH_EN["fre_sentence_length"] * wps - FLESCH_EN["fre_syll_per_word"] * spw, 1
        )
        stats["flesch_kincaid_grade"] = round(0.39 * wps + 11.8 * spw - 15.59, 1)
    result = FileResult(path, findings=findings, stats=stats)
    if errors:
        result.error = f"{path}: " + "; ".join(errors)
    return result, lines, ("".join(diffs) or None) if ov.diff else None


def _bounded_lines(fh: Iterable[str], limit: int) -> Iterator[str]:
    """The lines of a text stream opened with ``newline=""``, a line longer than ``limit``
    characters cut into segments of at most ``limit``: the last resort for a file without line
    breaks, so that a piece never holds more than a few segments. A segment ends after its last
    sentence end (". ") or else its last space or tab, when that lies in its second half (no
    word is split), and at ``limit`` when there is none."""
    read = fh.readline  # type: ignore[attr-defined]
    rest = ""
    while True:
        line = rest + read(limit - len(rest))
        rest = ""
        if not line:
            return
        if len(line) >= limit and line[-1] not in "\r\n":
            cut = line.rfind(". ") + 2
            if cut <= limit // 2:
                cut = max(line.rfind(" "), line.rfind("\t")) + 1
            if cut > limit // 2:
                line, rest = line[:cut], line[cut:]
        yield line


def _shift_first_line(f: Finding, cols: int) -> None:
    """Move the columns on a piece's first line by the characters before the piece on it."""
    if f.line == 1:
        f.column += cols
    if f.end_line == 1:
        f.end_column += cols
    if f.related_positions:
        f.related_positions = tuple(
            (a, b + cols if a == 1 else b, c, d + cols if c == 1 else d, m) for a, b, c, d, m in f.related_positions
        )


_FINDING_FIELDS = Finding.__slots__  # its fields, in the order of its constructor's parameters


def _pack(obj: Any) -> bytes:
    import pickle

    return zlib.compress(pickle.dumps(obj, pickle.HIGHEST_PROTOCOL), 1)


def _unpack(blob: bytes) -> Any:
    import pickle

    return pickle.loads(zlib.decompress(blob))


class PackedFindings:
    """The findings of a large file, kept as one compressed blob per piece and unpacked a
    piece at a time while they are iterated (by the formatter, the summary counts, a baseline):
    some 20 bytes a finding instead of about 700, so that a file with a hundred thousand
    findings does not grow the run's memory. Iterable more than once, sized, picklable (worker
    processes send it back as it is), in file order."""

    __slots__ = ("blobs", "count")

    def __init__(self) -> None:
        self.blobs: list[bytes] = []
        self.count = 0

    def add(self, findings: list[Finding]) -> None:
        if findings:
            fields = _FINDING_FIELDS
            self.blobs.append(_pack([tuple(getattr(f, n) for n in fields) for f in findings]))
            self.count += len(findings)

    def pieces(self) -> Iterator[list[Finding]]:
        for blob in self.blobs:
            yield [Finding(*t) for t in _unpack(blob)]

    def filtered(self, keep: Any) -> "PackedFindings":
        """A new PackedFindings of ``keep(findings)`` for each piece's findings."""
        out = PackedFindings()
        for got in self.pieces():
            out.add(keep(got))
        return out

    def __iter__(self) -> Iterator[Finding]:
        for got in self.pieces():
            yield from got

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __getitem__(self, i: Any) -> Any:  # rare: tests and library users
        return list(self)[i]

    def __repr__(self) -> str:
        return f"<PackedFindings: {self.count} findings in {len(self.blobs)} pieces>"


class PackedLines:
    """The source lines that a large file's findings point at (for the text output and
    baselines), by 0-based line index, compressed a piece at a time like
    :class:`PackedFindings`. ``len()`` is the file's number of lines; a line no finding points
    at reads as an empty string. Lookups in file order unpack each piece once.

    A line longer than a piece is cut (``_bounded_lines``): the piece that starts inside it
    keeps its segment as ``(column, text)``, the 0-based column the segment starts at;
    :meth:`segment` finds the segment that holds a column, and ``lines[i]`` is the segment
    that starts the line."""

    __slots__ = ("firsts", "blobs", "total", "_at", "_cache")

    def __init__(self) -> None:
        self.firsts: list[int] = []
        self.blobs: list[bytes] = []
        self.total = 0
        self._at = -1
        self._cache: dict[int, str] = {}

    def add(self, lines: dict[int, str]) -> None:
        if lines:
            self.firsts.append(min(lines))
            self.blobs.append(_pack(lines))

    def _piece(self, k: int) -> dict[int, str]:
        if k != self._at:
            self._at, self._cache = k, _unpack(self.blobs[k])
        return self._cache

    def _stored(self, i: int) -> Iterator[str | tuple[int, str]]:
        """What the pieces hold for line ``i``, the last piece first."""
        k = bisect.bisect_right(self.firsts, i) - 1
        while k >= 0:  # a line cut between pieces may be in the ones before
            got = self._piece(k).get(i)
            if got is not None:
                yield got
            if k == 0 or max(self._piece(k - 1)) < i:
                break
            k -= 1

    def __getitem__(self, i: int) -> str:
        for got in self._stored(i):
            if isinstance(got, str):
                return got
        return ""

    def segment(self, i: int, column: int) -> tuple[int, str] | None:
        """(start column, text) of the stored part of line ``i`` that holds ``column`` (0-based),
        or None."""
        for got in self._stored(i):
            col0, text = (0, got) if isinstance(got, str) else got
            if col0 <= column <= col0 + len(text):
                return col0, text
        return None

    def __len__(self) -> int:
        return self.total

    def __getstate__(self) -> tuple:
        return self.firsts, self.blobs, self.total

    def __setstate__(self, state: tuple) -> None:
        self.firsts, self.blobs, self.total = state
        self._at, self._cache = -1, {}
