"""Running newslint over paths: discovery, per-file configuration, decoding, fixing, workers.

Bad input never loses anything and never shows a traceback: a missing or unreadable path, a
file that is not valid UTF-8 (unless ``--encoding`` is given) or a broken configuration becomes a
``FileResult.error`` naming the file, the other files are still linted, and the exit code is 2.
Binary files (with a NUL byte) are skipped with a note.
"""
from __future__ import annotations

import os
import stat
from typing import Any, Iterable, Iterator

from .config import ConfigError, Settings, find_config, load_settings
from .document import Document, starts_with_bom
from .engine import FileResult, Linter
from .finding import Edit, Finding
from .packs import PackError
from .record import Record
from .registry import RegistryError

LINT_SUFFIXES = (".txt", ".md", ".markdown", ".mdx")
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".newslint_cache"}
MAX_FIX_PASSES = 10


class Overrides(Record):
    """Command-line settings that override the configuration files."""

    config: str | None  # --config FILE: use it for every file, no discovery
    select: list[str] | None
    extend_select: list[str] | None
    ignore: list[str] | None
    fail_on: str | None
    languagetool: str | None
    encoding: str
    fix: bool
    diff: bool
    stdin_text: str | None  # for "-" (library callers: text)
    stdin_bytes: bytes | None  # for "-" (the CLI: bytes, decoded with ``encoding``)
    stdin_filename: str | None
    cache: bool  # the content-hash results cache (the CLI turns it on unless --no-cache)
    isolated: bool  # --isolated: read no configuration file at all
    extra: dict[str, Any]

    __match_args__ = (
        "config", "select", "extend_select", "ignore", "fail_on", "languagetool", "encoding", "fix", "diff",
        "stdin_text", "stdin_bytes", "stdin_filename", "cache", "isolated", "extra",
    )

    def __init__(
        self,
        config: str | None = None,
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        fail_on: str | None = None,
        languagetool: str | None = None,
        encoding: str = "utf-8",
        fix: bool = False,
        diff: bool = False,
        stdin_text: str | None = None,
        stdin_bytes: bytes | None = None,
        stdin_filename: str | None = None,
        cache: bool = False,
        isolated: bool = False,
        extra: dict[str, Any] | None = None,  # None: a new dict
    ) -> None:
        self.config = config
        self.select = select
        self.extend_select = extend_select
        self.ignore = ignore
        self.fail_on = fail_on
        self.languagetool = languagetool
        self.encoding = encoding
        self.fix = fix
        self.diff = diff
        self.stdin_text = stdin_text
        self.stdin_bytes = stdin_bytes
        self.stdin_filename = stdin_filename
        self.cache = cache
        self.isolated = isolated
        self.extra = {} if extra is None else extra

    def replace(self, **changes: Any) -> "Overrides":
        """A copy with some fields changed (what ``dataclasses.replace`` did)."""
        return Overrides(**{**{n: getattr(self, n) for n in self.__match_args__}, **changes})


class Session:
    """Linters by configuration file, built once each and reused for every file they govern."""

    def __init__(self, overrides: Overrides):
        self.ov = overrides
        # whether callers need each file's source lines (text output, baselines); when not, they
        # are neither built nor sent back from worker processes
        self.want_lines = True
        self._linters: dict[str | None, Linter] = {}
        self._config_for_dir: dict[str, str | None] = {}
        # the folder of each path as given, made absolute against the working folder of the run
        # (os.path.abspath asks the system for it again for every file)
        self._folder_of: dict[str, str] = {}
        self.cache = None
        if overrides.cache and not (overrides.fix or overrides.diff):
            from .cache import ResultCache

            self.cache = ResultCache()

    def settings_for(self, path: str | None) -> Settings:
        ov = self.ov
        cfg_path = self.config_key(path)
        if cfg_path:
            s = load_settings(cfg_path)
        else:
            s = Settings()
        cli = "<command line>"
        if ov.select:
            s.select = list(ov.select)
            s.blame.update({("select", x): f"{cli} --select" for x in ov.select})
        if ov.extend_select:
            s.extend_select = s.extend_select + list(ov.extend_select)
            s.blame.update({("extend-select", x): f"{cli} --extend-select" for x in ov.extend_select})
        if ov.ignore:
            s.ignore = s.ignore + list(ov.ignore)
            s.blame.update({("ignore", x): f"{cli} --ignore" for x in ov.ignore})
        if ov.fail_on:
            from .config import _severity

            s.fail_on = _severity(ov.fail_on, "<command line>", "--fail-on")
        if ov.languagetool:
            s.languagetool = {**s.languagetool, "url": ov.languagetool}
        return s

    def config_key(self, path: str | None) -> str | None:
        """The configuration file governing ``path`` (looked up once per directory)."""
        if self.ov.config:
            return self.ov.config
        if self.ov.isolated:
            return None
        where = self._folder(path) if path and path != "-" else os.getcwd()
        if where not in self._config_for_dir:
            found = find_config(where if os.path.isdir(where) else os.getcwd())
            self._config_for_dir[where] = str(found) if found else None
        return self._config_for_dir[where]

    def _folder(self, path: str) -> str:
        """``os.path.dirname(os.path.abspath(path))``, asking for the working folder once per
        folder of the given paths (a run lints with one working folder)."""
        head, tail = os.path.split(path)
        if tail in ("", ".", ".."):  # not a file name: its folder is not its head's
            return os.path.dirname(os.path.abspath(path))
        where = self._folder_of.get(head)
        if where is None:
            where = self._folder_of[head] = os.path.dirname(os.path.abspath(path))
        return where

    def linter_for(self, path: str | None) -> Linter:
        key = self.config_key(path)
        if key not in self._linters:
            self._linters[key] = Linter(self.settings_for(path))
        return self._linters[key]


def discover(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """(path, error) for each file to lint: files as given, directories recursively, each
    directory's files in the sorted order of their full paths. Lazily: a tree of 100,000 files
    is never held as one list."""
    for p in paths:
        if p == "-":
            yield p, None
            continue
        if os.path.isdir(p):
            yield from ((f, None) for f in _walk_sorted(p))
        elif os.path.exists(p):
            yield p, None
        else:
            yield p, f"{p}: no such file or directory"


def _walk_sorted(top: str) -> Iterator[str]:
    """The files to lint under ``top`` (as ``os.walk`` finds them: no symlinked folders, none in
    SKIP_DIRS or starting with a dot; an unreadable folder yielded itself, for its error) in the order ``sorted()`` puts
    their joined paths: in each folder the entries sorted by name, a folder as ``name + "/"``
    (every path under it starts so), and a folder's files yielded where it sorts."""
    try:
        with os.scandir(top) as it:
            entries = []
            for e in it:
                try:
                    is_dir = e.is_dir()
                except OSError:
                    is_dir = False
                if is_dir:
                    if e.name not in SKIP_DIRS and not e.name.startswith(".") and not e.is_symlink():
                        entries.append((e.name + "/", True))
                elif e.name.lower().endswith(LINT_SUFFIXES):
                    entries.append((e.name, False))
    except OSError:
        # an unreadable folder is not skipped in silence: it is passed on as a path, and
        # reading it reports why (lint_one: "cannot read folder: Permission denied")
        yield top
        return
    entries.sort()
    for key, is_dir in entries:
        if is_dir:
            yield from _walk_sorted(os.path.join(top, key[:-1]))
        else:
            yield os.path.join(top, key)


def read_document(path: str, data: bytes, encoding: str) -> tuple[Document | None, str | None, str | None]:
    """(document, error, note). A byte order mark decides the encoding (UTF-8, UTF-16 or UTF-32:
    their NUL bytes are not a sign of a binary file), else ``encoding``; lone CRs end lines
    (:func:`newslint.document.decode_text`)."""
    from .document import binary_note, decode_text, sniff_codec, wide_codec

    codec = sniff_codec(data[:4], encoding)
    if not wide_codec(codec) and b"\x00" in data[:8192]:
        return None, None, binary_note(path, data[:8192])
    try:
        d = decode_text(data, encoding)
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        return None, (
            f"{path}: not valid {codec.replace('-sig', '')} (byte 0x{data[e.start]:02x} at line {line}); "
            f"convert the file or pass --encoding (e.g. --encoding cp1252)"
        ), None
    except LookupError:
        return None, f"{path}: unknown encoding '{encoding}'", None
    doc = Document(d.text, path)
    doc.codec, doc.lone_cr = d.codec, d.lone_cr
    return doc, None, None


def lint_one(session: Session, path: str) -> tuple[FileResult, list[str] | None, str | None]:
    """Lint one path. Returns the result, the source lines (for text output) and a diff (--diff).
    With --fix the file is locked from before it is read until it is written (``newslint.fixio``)."""
    ov = session.ov
    try:
        linter = session.linter_for(path)
    except (ConfigError, PackError, RegistryError) as e:
        return FileResult(path, error=str(e)), None, None
    if path != "-" and linter.excluded(path):
        return FileResult(path, note=f"{path}: excluded by configuration"), None, None
    if path == "-" or not ov.fix or ov.diff:
        return _lint_one(session, linter, path, None)
    from .fixio import FixRefused, Target

    target = Target(path)
    try:
        target.acquire()
    except FixRefused as e:
        return FileResult(path, error=f"{path}: {e}"), None, None
    except OSError as e:
        return FileResult(path, error=f"{path}: cannot read: {e.strerror or e}"), None, None
    try:
        got = _lint_one(session, linter, path, target)
    finally:
        target.release()
    if target.notes:
        got[0].notes = got[0].notes + target.notes
    return got


def _lint_one(session: Session, linter: Linter, path: str, target: Any) -> tuple[FileResult, list[str] | None, str | None]:
    ov = session.ov
    if path == "-":
        data = ov.stdin_bytes if ov.stdin_bytes is not None else (ov.stdin_text or "").encode("utf-8", "surrogateescape")
        shown = ov.stdin_filename or "-"
    else:
        shown = path
        try:
            from . import chunked
            from .limits import check_regular, read_regular

            if target is not None:  # --fix: the locked file (a regular file: fixio refuses others)
                st = os.fstat(target.fd)
                check_regular(st, "file", "the article")
            else:
                st = os.stat(path)
                if stat.S_ISDIR(st.st_mode):  # a folder discovery could not read (see _walk_sorted)
                    os.listdir(path)
                check_regular(st, "file", "the article")  # no FIFO, device or socket: they never end
            if st.st_size > chunked.LARGE_FILE_BYTES:
                return chunked.lint_large(session, linter, path, target)
            data = target.read() if target is not None else read_regular(path, "file", "the article")
        except OSError as e:
            what = "cannot read folder" if os.path.isdir(path) else "cannot read"
            return FileResult(path, error=f"{path}: {what}: {e.strerror or e}"), None, None
    key = None
    if session.cache is not None and path != "-" and not linter.settings.languagetool.get("url"):
        key = session.cache.key(linter, shown + "\0" + ov.encoding, data)
        hit = session.cache.get(key)
        if hit is not None:
            if not session.want_lines:
                return hit, None, None
            from .document import normalise_line_ends, sniff_codec

            text = normalise_line_ends(data.decode(sniff_codec(data[:4], ov.encoding), "replace"))[0]
            return hit, text.split("\n"), None
    doc, error, note = read_document(shown, data, ov.encoding if path != "-" or ov.stdin_bytes is not None else "utf-8")
    if doc is None:
        return FileResult(shown, error=error, note=note), None, None
    configure(doc, linter.settings)
    findings, errors = linter.lint(doc)
    diff = None
    fixed_count = 0
    if ov.fix or ov.diff:
        before = len(findings)
        # with a byte order mark in the file, a U+FEFF first in the text is text (a second BOM)
        bom = starts_with_bom(data[:4])
        fixed_text, remaining, errors2 = fix_document(linter, doc, findings, bom=bom)
        errors += errors2
        if fixed_text != doc.text:
            written = True
            if ov.diff:
                import difflib

                diff = "".join(
                    difflib.unified_diff(
                        doc.text.splitlines(keepends=True), fixed_text.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"
                    )
                )
            else:
                out_text, out_encoding, problem = _as_written(doc, data, fixed_text, ov.encoding)
                if problem:  # nothing is written: the findings are the file's as it is
                    errors.append(problem)
                    written = False
                elif path == "-":
                    diff = out_text  # with stdin, --fix writes the fixed text to stdout
                else:
                    written = _write_fixed(target, data, out_text, out_encoding, errors)
            if written:
                fixed_count = _count_fixed(doc.text, fixed_text, before, remaining)
                findings = remaining
                if target is not None:
                    doc = configure(reread(fixed_text, shown, bom), linter.settings)
    result = FileResult(shown, findings=findings, stats=dict(doc.stats))
    if ov.fix or ov.diff:
        result.fixed = fixed_count
    if errors:
        result.error = f"{shown}: " + "; ".join(errors)
    else:
        result.cache_key = key  # stored by run(), in the process that reports
    return result, doc.text.split("\n") if session.want_lines else None, diff


def _write_fixed(target: Any, original: bytes, text: str, encoding: str, errors: list[str]) -> bool:
    """Write the fixed text through the locked target; False (and an error) when the file
    was left as it was: read-only, changed by another program, or not writable."""
    from .fixio import FixRefused

    try:
        target.replace(encode_fixed(original, text, encoding))
    except FixRefused as e:
        errors.append(str(e))
        return False
    except UnicodeEncodeError as e:
        errors.append(f"cannot write the fixed file: the fixed text cannot be encoded as {encoding} ({e.reason})")
        return False
    except OSError as e:
        errors.append(f"cannot write the fixed file: {e.strerror or e}")
        return False
    return True


# --- fixing ----------------------------------------------------------------------------------
def _count_fixed(old: str, new: str, before: int, remaining: list[Finding]) -> int:
    """How many findings the fixes removed (at least one when the text changed)."""
    if old == new:
        return 0
    return max(before - len(remaining), 1)


def safe_edits(findings: Iterable[Finding]) -> list[Edit]:
    edits = [e for f in findings if f.fix is not None and f.fix.safe for e in f.fix.edits]
    return edits


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits; an edit overlapping an earlier one waits for the next pass.

    The order is the edits' own (start, end, replacement), never that of a set or of the rules,
    so the result does not depend on hash seeds. Of two different insertions at one offset only
    the first is applied: the second waits for the next pass, which reports it again if it
    still applies to the text the first one made."""
    out = []
    last = 0
    inserted_at = -1
    for e in sorted(set(edits), key=lambda e: (e.start, e.end, e.replacement)):
        if e.start < last or (e.start == e.end == inserted_at):
            continue
        out.append(text[last : e.start])
        out.append(e.replacement)
        last = max(e.end, e.start)
        if e.start == e.end:
            inserted_at = e.start
    out.append(text[last:])
    return "".join(out)


def fix_document(
    linter: Linter, doc: Document, findings: list[Finding], bom: bool = False
) -> tuple[str, list[Finding], list[str]]:
    """Apply safe fixes until none is left (at most MAX_FIX_PASSES); return text and what remains.

    ``bom``: the file starts with a byte-order mark, written back in front of the text. Without
    one, a U+FEFF that the fixes leave first in the text is the file's byte-order mark when the
    file is read again; so it is set aside as one from then on (the rest is fixed as that reading
    sees it, and a second --fix has nothing left to do) and put back in front of the result."""
    text = doc.text
    lead = ""
    errors: list[str] = []
    for _ in range(MAX_FIX_PASSES):
        edits = safe_edits(findings)
        if not edits:
            break
        new = apply_edits(text, edits)
        if new == text:
            break
        if not bom and not lead and new.startswith("\ufeff") and not text.startswith("\ufeff"):
            lead, new = "\ufeff", new[1:]
        text = new
        findings, errors = linter.lint(
            Document(text, doc.path, markdown=doc.markdown, prose_fields=doc.prose_fields, ignore_patterns=doc.ignore_patterns)
        )
    return lead + text, findings, errors


def reread(text: str, path: str, bom: bool) -> Document:
    """The Document a file holding ``text`` gives when it is read again: after a byte-order
    mark (``bom``) a leading U+FEFF is text, without one it is the mark."""
    return Document(text[1:] if not bom and text.startswith("\ufeff") else text, path)


def configure(doc: Document, settings: Settings) -> Document:
    """Give a fresh document its configuration's prose fields and house patterns (before any of
    its structure is computed)."""
    if settings.prose_fields is not None:
        doc.prose_fields = frozenset(settings.prose_fields)
    if settings.ignore_patterns:
        doc.ignore_patterns = tuple(settings.ignore_patterns)
    return doc


def _as_written(doc: Document, original: bytes, fixed: str, encoding: str) -> tuple[str, str, str | None]:
    """(text, encoding) to write a fixed document back in its own line ends and encoding, or an
    error saying why it is not written: lone CRs read as line ends are written back as CRs when
    every line end was one; a file that mixes them with LF is left alone (its line ends would
    change). A file with a UTF-16 or UTF-32 BOM is written in that encoding."""
    if doc.lone_cr == "some":
        return fixed, encoding, "not fixed: its line ends mix lone CRs (old Mac line ends) with LF; make them one kind first"
    if doc.lone_cr == "all":
        fixed = fixed.replace("\n", "\r")
    if doc.codec in ("utf-16", "utf-32"):
        import codecs

        native = codecs.BOM_UTF16 if doc.codec == "utf-16" else codecs.BOM_UTF32
        if not original.startswith(native):  # Python writes this machine's byte order
            return fixed, encoding, f"not fixed: a {doc.codec.upper()} file in the other byte order is not rewritten"
        return fixed, doc.codec, None
    return fixed, encoding, None


def encode_fixed(original: bytes, text: str, encoding: str) -> bytes:
    """The fixed text as the file's bytes: in its encoding, with the UTF-8 BOM it had (a UTF-16 or
    UTF-32 codec writes its own)."""
    enc = "utf-8" if encoding.lower().replace("-", "") in ("utf8", "utf8sig") else encoding
    data = text.encode(enc)
    if original.startswith(b"\xef\xbb\xbf") and enc == "utf-8":
        data = b"\xef\xbb\xbf" + data
    return data


def write_atomic(path: str, original: bytes, text: str, encoding: str) -> None:
    """Write ``text`` to ``path`` as --fix does (locked, through a temporary file, links,
    owner and mode kept; see ``newslint.fixio``), checking that the file still holds
    ``original``. Raises OSError, or ``fixio.FixRefused`` when the file is read-only or changed."""
    from .fixio import FixRefused, Target

    with Target(path) as target:
        if target.read() != original:
            raise FixRefused("changed by another program while it was being fixed: left as it is (run --fix again)")
        target.replace(encode_fixed(original, text, encoding))


# --- workers ---------------------------------------------------------------------------------
_WORKER_SESSION: Session | None = None


def _init_worker(overrides: Overrides, want_lines: bool = True) -> None:
    global _WORKER_SESSION
    _WORKER_SESSION = Session(overrides)
    _WORKER_SESSION.want_lines = want_lines


def _work(path: str) -> tuple[FileResult, list[str] | None, str | None]:
    assert _WORKER_SESSION is not None
    return lint_one(_WORKER_SESSION, path)


def _work_many(paths: list[str]) -> list[tuple[FileResult, list[str] | None, str | None]]:
    return [_work(p) for p in paths]


#: the most files in one task of a worker. Each task costs the reporting process about a
#: millisecond (multiprocessing's hand-over), so tasks are large while many files remain
_TASK_MAX = 64


def _tasks(head: list[str], rest: Iterator[str], jobs: int) -> Iterator[list[str]]:
    """The paths in order, cut into tasks for the workers (guided scheduling): tasks of
    :data:`_TASK_MAX` files while more are coming than the look-ahead holds, then smaller as the
    known remainder shrinks (a sixth of it per task for two workers, down to two files), so the
    workers finish together instead of one waiting on the other's last large task."""
    import collections
    import itertools

    lookahead = len(head) + 64  # more than the head: the first read tells whether more are coming
    pending = collections.deque(head)
    exhausted = False
    while True:
        if not exhausted and len(pending) < lookahead:
            want = lookahead - len(pending)
            pending.extend(itertools.islice(rest, want))
            exhausted = len(pending) < lookahead
        if not pending:
            return
        size = _TASK_MAX if not exhausted else max(2, min(_TASK_MAX, len(pending) // (jobs * 3)))
        yield [pending.popleft() for _ in range(min(size, len(pending)))]


def run(session: Session, paths: Iterable[str], jobs: int, want_lines: bool) -> Iterator[tuple[FileResult, list[str] | None, str | None]]:
    """Results in input order, each as soon as it and those before it are done (the caller
    writes it out and drops it: nothing is accumulated here); with jobs > 1 and enough files,
    across worker processes. ``paths`` may be a lazy iterable (``discover``): it is read as the
    workers need more, never held whole. New results-cache entries are stored here, in the
    process that reports, in batches."""
    session.want_lines = want_lines
    try:
        for r in _results(session, paths, jobs, want_lines):
            if r[0].cache_key is not None and session.cache is not None:
                session.cache.put(r[0].cache_key, r[0])
            yield r
    finally:
        if session.cache is not None:
            session.cache.flush()


def _results(session: Session, paths: Iterable[str], jobs: int, want_lines: bool) -> Iterator[tuple[FileResult, list[str] | None, str | None]]:
    import itertools

    paths = iter(paths)
    # enough of the paths to choose: one process, or workers with tasks of several files (see _tasks)
    head = list(itertools.islice(paths, max(4, jobs * 8 * 16)))
    if jobs <= 1 or len(head) < 4:
        for p in itertools.chain(head, paths):
            r = lint_one(session, p)
            yield r if want_lines else (r[0], None, r[2])
        return
    import gc
    import multiprocessing as mp

    global _WORKER_SESSION
    frozen = False
    if "fork" in mp.get_all_start_methods():
        # forked workers inherit the parent's session and build what they need themselves
        _WORKER_SESSION = session
        # what the workers inherit is left out of their garbage collections, which would
        # otherwise write to (and so copy) every inherited page that holds a container (no
        # gc.collect() first: start-up leaves no cyclic garbage, and the walk cost 15 ms)
        gc.freeze()
        frozen = True
        pool = mp.get_context("fork").Pool(jobs)
    else:  # pragma: no cover - spawn platforms build their own
        pool = mp.get_context().Pool(jobs, initializer=_init_worker, initargs=(session.ov, want_lines))
    # at most `window` files in flight: Pool.imap reads its input and collects results as fast as
    # the workers go, and with results-cache hits they outrun the report (100,000 warm files had
    # grown the parent to 194 MB); the feeder waits for a slot, freed as each result is reported
    import threading

    window = max(64, jobs * _TASK_MAX * 8)
    slots = threading.Semaphore(window)
    done = False

    def fed() -> Iterator[list[str]]:
        for task in _tasks(head, paths, jobs):
            for _ in task:
                slots.acquire()
            if done:
                return
            yield task

    try:
        with pool:
            try:
                for results in pool.imap(_work_many, fed()):
                    for r in results:
                        slots.release()
                        yield r if want_lines else (r[0], None, r[2])
            finally:
                done = True  # a feeder waiting for a slot stops, so the pool can close
                for _ in range(window):
                    slots.release()
    finally:
        if frozen:
            gc.unfreeze()
