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
comparisons would be wrong across its stories anyway. ``newslint-disable-file`` still applies to
the whole file wherever it stands. Large files are not put in the results cache. ``--fix``
rewrites the file piece by piece into a temporary file that replaces it atomically, and
``--diff`` shows the pieces' hunks with file line numbers.
"""
from __future__ import annotations

import codecs
import difflib
import os
import re
import stat
import tempfile
from typing import Iterator

from .finding import Edit, Finding, Fix, Related

#: files above this size (bytes on disk) are linted in pieces
LARGE_FILE_BYTES = 1_000_000
#: target size of a piece, in characters
CHUNK_CHARS = 100_000

_DISABLE_FILE = re.compile(r"<!--\s*newslint-disable-file\b(?P<rules>[^>]*?)\s*-->")
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@", re.M)


class SparseLines(dict):
    """The source lines that findings point at, by 0-based index, standing in for the whole
    file's list of lines (which the text formatter reads for context)."""

    def __init__(self, total: int = 0):
        super().__init__()
        self.total = total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, i: int) -> str:
        return self.get(i, "")


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
            for m in re.finditer(r"newslint-(disable-next-line|disable-line|disable-file|disable|enable)\b", line):
                if m.group(1) == "disable":
                    in_region = True
                elif m.group(1) == "enable":
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


def file_wide_selectors(text: str) -> list[tuple[str, ...]]:
    """The rule selectors of every ``newslint-disable-file`` comment in a piece (empty: all)."""
    return [tuple(r for r in m.group("rules").replace(",", " ").split() if r) for m in _DISABLE_FILE.finditer(text)]


def shift_diff(diff: str, line_offset: int) -> str:
    """A piece's unified diff with its hunk headers moved to file line numbers."""
    if not line_offset:
        return diff

    def move(m: re.Match) -> str:
        return f"@@ -{int(m.group(1)) + line_offset}{m.group(2) or ''} +{int(m.group(3)) + line_offset}{m.group(4) or ''} @@"

    return _HUNK.sub(move, diff)


def unified_diff(old: str, new: str, shown: str, line_offset: int, first: bool) -> str:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{shown}", f"b/{shown}")
    out = "".join(lines)
    if not first:  # one file header for the whole file
        out = out.split("\n", 2)[2] if out.startswith("---") else out
    return shift_diff(out, line_offset)


class PieceWriter:
    """Writes a fixed file piece by piece to a temporary file beside it, then replaces it
    atomically (keeping its mode and a UTF-8 BOM); nothing changes if anything fails."""

    def __init__(self, path: str, encoding: str, bom: bool):
        self.path = path
        self.encoding = "utf-8" if encoding.lower().replace("-", "") in ("utf8", "utf8sig") else encoding
        directory = os.path.dirname(os.path.abspath(path))
        fd, self.tmp = tempfile.mkstemp(prefix=".newslint-", dir=directory)
        self.fh = os.fdopen(fd, "wb")
        if bom and self.encoding == "utf-8":
            self.fh.write(codecs.BOM_UTF8)

    def write(self, text: str) -> None:
        self.fh.write(text.encode(self.encoding))

    def commit(self) -> None:
        self.fh.close()
        os.chmod(self.tmp, stat.S_IMODE(os.stat(self.path).st_mode))
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self.fh.close()
        finally:
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)


__all__ = [
    "CHUNK_CHARS",
    "LARGE_FILE_BYTES",
    "Piece",
    "PieceWriter",
    "SparseLines",
    "file_wide_selectors",
    "pieces",
    "shift",
    "unified_diff",
]
