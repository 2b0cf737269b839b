"""``newslint archive INPUT... --output OUT``: lint an archive of articles on a Dask cluster.

A newsroom's archive or a news crawl holds millions of articles, usually as JSONL or Parquet
rather than one file each. This command plans the inputs as *partitions* of at most
``--partition-size`` articles (a list of files, a byte range of a JSONL file, a row range of a
Parquet file), runs one Dask task per partition on a ``LocalCluster`` or on the cluster at
``--scheduler``, and each task writes its results as two Parquet files:

* ``OUT/findings/part-NNNNN.parquet``: one row per finding (the fields of ``--format json``);
* ``OUT/summary/part-NNNNN.parquet``: one row per article (counts per severity and category,
  the generated-copy verdict, an error or a note).

Each part is written under a hidden temporary name and renamed once complete, so a reader never
sees half a part and a task that Dask runs again (after a lost worker, or a retry) replaces its
parts instead of adding rows. The client records each finished partition with a fingerprint of
its input (paths, sizes, modification times, the byte or row range) and of the configuration in
``OUT/_newslint-archive.json``; a rerun skips the partitions whose fingerprint is unchanged and
whose parts exist, and redoes the others.

The articles are linted by the engine exactly as the command line lints them (``runner.lint_one``
for files; the same ``Linter.lint`` on a Document for records), so the findings are those of
``newslint --format json``. Every worker builds its linter once (per worker thread, per
configuration) and keeps it for all its tasks. Memory stays flat: a task reads its partition a
line or a record batch at a time, holds one article and at most ``_FLUSH_ROWS`` finding rows,
and the client holds only the plan and the counts. A bad article (undecodable, larger than
``--max-bytes``, a JSON line that does not parse, an internal error) becomes an error in its
summary row; the run goes on.

Dask, distributed and pyarrow come with the ``archive`` extra and are imported only here, inside
the functions that need them, so the plain command's start-up does not change.
"""
from __future__ import annotations

import glob
import hashlib
import importlib.util
import json
import os
import sys
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator, Sequence

from . import __version__
from .cli import UsageError, _Parser, _csv

#: the modules the ``archive`` extra brings (pip install 'newslint[archive]')
EXTRA_MODULES = ("dask", "distributed", "pyarrow")
#: articles per partition (and so per task and per pair of output files)
PARTITION_SIZE = 500
#: an article larger than this (UTF-8 bytes) is recorded as an error, not linted; the command
#: line lints a file this large in pieces (newslint.chunked), which an article never needs
MAX_ARTICLE_BYTES = 1_000_000
#: finding rows a task buffers before writing them out as a row group
_FLUSH_ROWS = 10_000
#: suffixes of the inputs read as records
JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
MANIFEST = "_newslint-archive.json"
_GENERATED_RULE = "NL604"  # stock-phrase-density: the engine's document-level generated-copy verdict


def _categories() -> tuple[str, ...]:
    from .finding import CATEGORIES

    return CATEGORIES


def missing_extra() -> list[str]:
    return [m for m in EXTRA_MODULES if importlib.util.find_spec(m) is None]


# --- the command -------------------------------------------------------------------------------
def parser() -> _Parser:
    p = _Parser(
        prog="newslint archive",
        description="Lint an archive of articles (folders or globs of .txt/.md files, JSONL or Parquet files) on a "
        "Dask cluster and write the findings and a per-article summary as a Parquet dataset.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="folders, files or globs: .txt/.md articles, .jsonl/.ndjson or .parquet record files")
    p.add_argument("--output", "-o", required=True, metavar="OUT", help="output directory (findings/ and summary/ Parquet parts); a rerun into it skips finished partitions")
    p.add_argument("--scheduler", metavar="ADDRESS", help="address of a running Dask scheduler (e.g. tcp://10.0.0.5:8786); default: start a local cluster")
    p.add_argument("--workers", "-w", type=int, default=0, help="local cluster: worker processes (default: number of cores)")
    p.add_argument("--memory-limit", default="2GiB", metavar="SIZE", help="local cluster: memory per worker before Dask restarts it (default: 2GiB)")
    p.add_argument("--id-column", default="id", metavar="NAME", help="records: the article id column (default: id)")
    p.add_argument("--text-column", default="text", metavar="NAME", help="records: the article text column (default: text)")
    p.add_argument("--filename-column", metavar="NAME", help="records: a file name column (a .md name is parsed as Markdown; per-file-ignores and exclude match it)")
    p.add_argument("--partition-size", type=int, default=PARTITION_SIZE, metavar="N", help=f"articles per partition (default: {PARTITION_SIZE})")
    p.add_argument("--max-bytes", type=int, default=MAX_ARTICLE_BYTES, metavar="N", help=f"larger articles are recorded as errors (default: {MAX_ARTICLE_BYTES:,})")
    p.add_argument("--select", type=_csv, help="rules to run: codes, code prefixes, names or categories, comma-separated")
    p.add_argument("--extend-select", type=_csv, help="rules to add to the selection")
    p.add_argument("--ignore", type=_csv, help="rules to leave out")
    p.add_argument("--config", help="configuration file to use for every input (no discovery)")
    p.add_argument("--isolated", action="store_true", help="read no configuration file (defaults and command-line options only)")
    p.add_argument("--encoding", default="utf-8", help="decode .txt/.md files with this encoding (default: utf-8; records are UTF-8)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    return p


def main(argv: Sequence[str]) -> int:
    args = parser().parse_args(list(argv))
    missing = missing_extra()
    if missing:
        print(
            f"newslint: error: 'newslint archive' needs {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} "
            "not installed; install them with: pip install 'newslint[archive]'",
            file=sys.stderr,
        )
        return 2
    if args.isolated and args.config:
        raise UsageError("--isolated and --config exclude each other")
    for name in ("workers", "partition_size", "max_bytes"):
        if getattr(args, name) < (0 if name == "workers" else 1):
            raise UsageError(f"--{name.replace('_', '-')} must be {'0 or more' if name == 'workers' else 'at least 1'}")
    if args.config and not os.path.isfile(args.config):
        raise UsageError(f"{args.config}: no such configuration file")
    try:
        plan = Plan.make(
            args.inputs,
            args.output,
            Options(
                select=args.select,
                extend_select=args.extend_select,
                ignore=args.ignore,
                config=os.path.abspath(args.config) if args.config else None,
                isolated=args.isolated,
                encoding=args.encoding,
                id_column=args.id_column,
                text_column=args.text_column,
                filename_column=args.filename_column,
                partition_size=args.partition_size,
                max_bytes=args.max_bytes,
            ),
        )
    except PlanError as e:
        print(f"newslint: error: {e}", file=sys.stderr)
        return 2
    try:
        client, close = _connect(args)
    except ClusterError as e:
        print(f"newslint: error: {e}", file=sys.stderr)
        return 2
    try:
        progress = None if args.quiet else Progress(sys.stderr)
        report = run(plan, client, progress=progress)
    except KeyboardInterrupt:
        print("\nnewslint: interrupted; finished partitions are kept and a rerun skips them", file=sys.stderr)
        return 130
    finally:
        close()
    print(report.line(plan.out), file=sys.stderr)
    for message in report.failures[:20]:
        print(f"newslint: error: {message}", file=sys.stderr)
    if len(report.failures) > 20:
        print(f"newslint: error: ... and {len(report.failures) - 20} more failed partitions", file=sys.stderr)
    return 1 if report.failures else 0


class ClusterError(Exception):
    pass


def _connect(args) -> tuple[Any, Any]:
    """(client, close): a client of the cluster at --scheduler, or of a new LocalCluster."""
    import logging

    from distributed import Client, LocalCluster

    if args.scheduler:
        try:
            client = Client(args.scheduler, timeout="20s")
        except (OSError, TimeoutError) as e:
            raise ClusterError(f"cannot reach the Dask scheduler at {args.scheduler}: {e}") from None
        except ValueError as e:
            raise ClusterError(f"--scheduler {args.scheduler}: {e}") from None
        return client, client.close
    workers = args.workers or os.cpu_count() or 1
    try:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            memory_limit=args.memory_limit,
            host="127.0.0.1",  # nothing listens beyond this machine
            dashboard_address=":0",  # any free port (the scheduler serves HTTP even without bokeh)
            silence_logs=logging.ERROR,
        )
    except ValueError as e:
        raise ClusterError(f"cannot start a local cluster: {e}") from None
    client = Client(cluster)
    if not args.quiet and importlib.util.find_spec("bokeh") is not None:
        print(f"newslint: Dask dashboard at {client.dashboard_link}", file=sys.stderr)

    def close() -> None:
        client.close()
        cluster.close()

    return client, close


# --- the plan ----------------------------------------------------------------------------------
class PlanError(Exception):
    pass


@dataclass(frozen=True)
class Options:
    """What every task of a run shares: the command line's settings (small, picklable)."""

    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    config: str | None = None  # an absolute path, or None
    isolated: bool = False
    encoding: str = "utf-8"
    id_column: str = "id"
    text_column: str = "text"
    filename_column: str | None = None
    partition_size: int = PARTITION_SIZE
    max_bytes: int = MAX_ARTICLE_BYTES
    #: set by Plan.make: a digest of all of the above, newslint's version and the configuration(s)
    key: str = ""

    def overrides(self, config: str | None, isolated: bool):
        from .runner import Overrides

        return Overrides(
            config=config,
            select=self.select,
            extend_select=self.extend_select,
            ignore=self.ignore,
            encoding=self.encoding,
            isolated=isolated,
            cache=False,
        )


@dataclass(frozen=True)
class Partition:
    """One task's share of the inputs."""

    index: int
    kind: str  # "files", "jsonl" or "parquet"
    source: str = ""  # the JSONL or Parquet file (as given)
    paths: tuple[str, ...] = ()  # kind "files": the article files (as the command line reports them)
    start: int = 0  # jsonl: byte offset; parquet: first row
    stop: int = 0  # jsonl: byte offset after the last line; parquet: row after the last
    first_line: int = 1  # jsonl: the line number at ``start``
    config: str | None = None  # records: the configuration file governing the source (None: defaults)
    articles: int = 0  # how many articles (JSONL: lines, blank ones included) it holds
    fingerprint: str = ""

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"

    def describe(self) -> str:
        if self.kind == "files":
            return f"{self.name} ({self.paths[0]}{f' and {len(self.paths) - 1} more files' if len(self.paths) > 1 else ''})"
        if self.kind == "jsonl":
            return f"{self.name} ({self.source} from line {self.first_line})"
        return f"{self.name} ({self.source} rows {self.start + 1}-{self.stop})"


@dataclass
class Plan:
    out: str
    options: Options
    partitions: list[Partition]

    @classmethod
    def make(cls, inputs: Sequence[str], out: str, options: Options) -> "Plan":
        """Find the inputs, check the configuration and the columns, cut the inputs into
        partitions and fingerprint each. Raises PlanError with a one-line message."""
        from .config import ConfigError
        from .packs import PackError
        from .registry import RegistryError
        from .runner import Session

        out = os.path.abspath(out)
        _check_output(out)
        files, records = _expand(inputs)
        if not files and not records:
            raise PlanError("no articles found in the inputs (.txt/.md files, .jsonl/.ndjson or .parquet files)")
        ov = options.overrides(options.config, options.isolated)
        session = Session(ov)
        fingerprints: dict[str | None, str] = {}

        def config_for(path: str) -> tuple[str | None, str]:
            """The configuration governing ``path`` and its fingerprint; the first one found must
            load (as the command line's first file), later broken ones fail file by file."""
            from .cache import config_fingerprint

            try:
                key = session.config_key(path)
            except ConfigError as e:
                if not fingerprints:
                    raise PlanError(str(e)) from None
                return None, f"error: {e}"
            if key not in fingerprints:
                try:
                    fingerprints[key] = config_fingerprint(session.linter_for(path))
                except (ConfigError, PackError, RegistryError) as e:
                    if not fingerprints:
                        raise PlanError(str(e)) from None
                    fingerprints[key] = f"error: {e}"
            return key, fingerprints[key]

        base = json.dumps({**asdict(options), "key": "", "newslint": __version__}, sort_keys=True)
        partitions: list[Partition] = []
        size = options.partition_size
        for i in range(0, len(files), size):
            chunk = files[i : i + size]
            h = hashlib.sha256(base.encode())
            for p in chunk:
                _key, fp = config_for(p)
                try:
                    st = os.stat(p)
                    h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\0{fp}\n".encode("utf-8", "surrogateescape"))
                except OSError as e:
                    h.update(f"{p}\0{e}\n".encode("utf-8", "surrogateescape"))
            partitions.append(Partition(len(partitions), "files", paths=tuple(chunk), articles=len(chunk), fingerprint=h.hexdigest()))
        for kind, path in records:
            key, fp = config_for(path)
            config = options.config or (None if options.isolated else key)
            try:
                st = os.stat(path)
            except OSError as e:
                raise PlanError(f"{path}: cannot read: {e.strerror or e}") from None
            stamp = f"{base}\0{kind}\0{os.path.abspath(path)}\0{st.st_size}\0{st.st_mtime_ns}\0{fp}"
            ranges = _jsonl_ranges(path, size, options) if kind == "jsonl" else _parquet_ranges(path, size, options)
            for start, stop, first_line, count in ranges:
                fingerprint = hashlib.sha256(f"{stamp}\0{start}\0{stop}".encode("utf-8", "surrogateescape")).hexdigest()
                partitions.append(
                    Partition(len(partitions), kind, path, (), start, stop, first_line, config, count, fingerprint)
                )
        key = hashlib.sha256(base.encode() + "".join(sorted(fingerprints.values())).encode()).hexdigest()[:16]
        options = Options(**{**asdict(options), "key": key})
        return cls(out, options, partitions)


def _check_output(out: str) -> None:
    if os.path.exists(out) and not os.path.isdir(out):
        raise PlanError(f"{out}: exists and is not a directory (--output names a directory for the Parquet dataset)")
    if os.path.isdir(out) and os.listdir(out) and not os.path.exists(os.path.join(out, MANIFEST)):
        raise PlanError(f"{out}: a directory that newslint archive did not write; give a new or empty one")


def _has_magic(s: str) -> bool:
    return any(c in s for c in "*?[")


def _expand(inputs: Sequence[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """(article files, [(kind, record file)]): directories give their .txt/.md files (as the
    command line finds them) and their JSONL and Parquet files; globs are expanded in sorted
    order; a named file is read by its suffix (anything else is an article)."""
    from .runner import discover

    files: list[str] = []
    records: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(path: str, explicit: bool) -> None:
        if path in seen:
            return
        seen.add(path)
        low = path.lower()
        if low.endswith(JSONL_SUFFIXES):
            records.append(("jsonl", path))
        elif low.endswith(PARQUET_SUFFIXES):
            records.append(("parquet", path))
        elif explicit or low.endswith((".txt", ".md", ".markdown", ".mdx")):
            files.append(path)

    for arg in inputs:
        if os.path.exists(arg):
            names = [arg]
        elif _has_magic(arg):
            names = sorted(glob.glob(arg, recursive=True))
            if not names:
                raise PlanError(f"{arg}: no file matches")
        else:
            raise PlanError(f"{arg}: no such file or directory")
        for name in names:
            if os.path.isdir(name):
                for path, err in discover([name]):
                    if not err:
                        add(path, False)
                for path in _data_files(name):
                    add(path, False)
            else:
                add(name, True)
    return files, records


def _data_files(top: str) -> Iterator[str]:
    """The JSONL and Parquet files under ``top``, in sorted order (hidden and tool folders skipped)."""
    from .runner import SKIP_DIRS

    for d, dirs, names in os.walk(top):
        dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS and not x.startswith(".") and not os.path.islink(os.path.join(d, x)))
        for n in sorted(names):
            if n.lower().endswith(JSONL_SUFFIXES + PARQUET_SUFFIXES) and not n.startswith("."):
                yield os.path.join(d, n)


def _jsonl_ranges(path: str, size: int, options: Options) -> list[tuple[int, int, int, int]]:
    """(start, stop, first line, lines) of each run of ``size`` lines, found by reading the file
    in blocks (never whole). The first record must hold the id and text columns."""
    out = []
    try:
        with open(path, "rb") as fh:
            _check_first_record(path, fh.readline(1 << 24), options)
            fh.seek(0)
            start = pos = count = 0
            first = line_no = 1
            last = b"\n"
            while block := fh.read(1 << 20):
                i = block.find(b"\n")
                while i != -1:
                    count += 1
                    line_no += 1
                    if count == size:
                        out.append((start, pos + i + 1, first, count))
                        start, first, count = pos + i + 1, line_no, 0
                    i = block.find(b"\n", i + 1)
                pos += len(block)
                last = block[-1:]
            if pos > start:  # the last run; a final line without a newline counts too
                out.append((start, pos, first, count + (last != b"\n")))
    except OSError as e:
        raise PlanError(f"{path}: cannot read: {e.strerror or e}") from None
    return out


def _check_first_record(path: str, line: bytes, options: Options) -> None:
    line = line.strip()
    if not line:
        return
    try:
        rec = json.loads(line)
    except ValueError:
        raise PlanError(f"{path}: line 1 is not a JSON object; JSONL files hold one object per line") from None
    if not isinstance(rec, dict):
        raise PlanError(f"{path}: line 1 is not a JSON object; JSONL files hold one object per line")
    _check_columns(path, list(rec), options)


def _check_columns(path: str, columns: list[str], options: Options) -> None:
    for option, name in (("--id-column", options.id_column), ("--text-column", options.text_column), ("--filename-column", options.filename_column)):
        if name is not None and name not in columns:
            shown = ", ".join(columns[:12]) + (", ..." if len(columns) > 12 else "")
            raise PlanError(f"{path}: no column '{name}' (it has: {shown}); name the right one with {option}")


def _parquet_ranges(path: str, size: int, options: Options) -> list[tuple[int, int, int, int]]:
    """(first row, row after the last, 1, rows) of each run of ``size`` rows (from the footer)."""
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path)
    except Exception as e:  # pyarrow raises its own ArrowInvalid/OSError types for a bad file
        raise PlanError(f"{path}: not a readable Parquet file: {e}") from None
    _check_columns(path, meta.schema_arrow.names, options)
    rows = meta.metadata.num_rows
    return [(a, min(a + size, rows), 1, min(a + size, rows) - a) for a in range(0, rows, size)]


# --- the workers -------------------------------------------------------------------------------
_LOCAL = threading.local()


def _session(options: Options, config: str | None, isolated: bool):
    """This worker thread's Session for the run's options: built once, reused for every task of
    the run (a new run's options replace it). One per thread, as a linter's word stores hold
    SQLite connections that stay in the thread that opened them."""
    from .runner import Session

    sessions = getattr(_LOCAL, "sessions", None)
    if sessions is None or _LOCAL.key != options.key:
        sessions = _LOCAL.sessions = {}
        _LOCAL.key = options.key
    k = (config, isolated)
    if k not in sessions:
        s = Session(options.overrides(config, isolated))
        s.want_lines = False
        sessions[k] = s
    return sessions[k]


@dataclass
class Article:
    """One article as read from a partition: its text, or why it has none."""

    id: str
    source: str
    filename: str | None = None
    text: str | None = None
    error: str | None = None


def run_partition(options: Options, part: Partition, out: str) -> dict[str, Any]:
    """Lint one partition and write its two parts (atomically: both complete before either is
    renamed into place). Running it again replaces the parts: no row is ever written twice.
    Returns the partition's counts."""
    started = time.perf_counter()
    writer = PartWriter(out, part.name)
    try:
        if part.kind == "files":
            session = _session(options, options.config, options.isolated)
            for path in part.paths:
                writer.add(path, path, path, _lint_file(session, options, path), _verdict_on(session, path))
        else:
            session = _session(options, part.config, part.config is None)
            verdict = _verdict_on(session, None)
            for art in (_jsonl_articles if part.kind == "jsonl" else _parquet_articles)(options, part):
                writer.add(art.id, art.source, art.filename, _lint_record(session, options, art), verdict)
        writer.commit()
    except BaseException:
        writer.discard()
        raise
    return {**writer.counts, "seconds": time.perf_counter() - started}


def _verdict_on(session, path: str | None) -> bool:
    """Whether the linter for ``path`` runs the generated-copy verdict (NL604)."""
    try:
        return any(r.code == _GENERATED_RULE for r in session.linter_for(path).rules)
    except Exception:  # a broken configuration: the article's error says so
        return False


def _lint_file(session, options: Options, path: str):
    from .engine import FileResult
    from .runner import lint_one

    try:
        size = os.path.getsize(path)
        if size > options.max_bytes:
            return FileResult(path, error=f"{path}: too large to lint as one article ({size:,} bytes; the limit is --max-bytes {options.max_bytes:,})")
        return lint_one(session, path)[0]
    except OSError as e:
        return FileResult(path, error=f"{path}: cannot read: {e.strerror or e}")
    except Exception as e:  # a bug must cost one article, not the partition
        return FileResult(path, error=f"{path}: internal error: {type(e).__name__}: {e}; please report it")


def _lint_record(session, options: Options, art: Article):
    from .config import ConfigError
    from .document import Document
    from .engine import FileResult
    from .packs import PackError
    from .registry import RegistryError
    from .runner import configure

    shown = art.filename or art.id
    if art.error:
        return FileResult(shown, error=art.error)
    text = art.text or ""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as e:
        return FileResult(shown, error=f"{art.id}: not valid Unicode (a lone surrogate U+{ord(text[e.start]):04X} at character {e.start + 1})")
    if size > options.max_bytes:
        return FileResult(shown, error=f"{art.id}: too large to lint as one article ({size:,} bytes; the limit is --max-bytes {options.max_bytes:,})")
    try:
        linter = session.linter_for(None)
    except (ConfigError, PackError, RegistryError) as e:
        return FileResult(shown, error=str(e))
    try:
        if art.filename and linter.excluded(art.filename):
            return FileResult(shown, note=f"{art.filename}: excluded by configuration")
        doc = configure(Document(text, shown), linter.settings)
        findings, errors = linter.lint(doc)
    except Exception as e:  # a bug must cost one article, not the partition
        return FileResult(shown, error=f"{art.id}: internal error: {type(e).__name__}: {e}; please report it")
    result = FileResult(shown, findings=findings)
    if errors:
        result.error = f"{art.id}: " + "; ".join(errors)
    return result


def _record(options: Options, rec: Any, source: str, where: str) -> Article:
    if not isinstance(rec, dict):
        return Article(where, source, error=f"{where}: not a JSON object")
    rid = rec.get(options.id_column)
    if rid is None or rid == "":
        return Article(where, source, error=f"{where}: no '{options.id_column}'")
    rid = str(rid)
    filename = rec.get(options.filename_column) if options.filename_column else None
    filename = str(filename) if filename not in (None, "") else None
    text = rec.get(options.text_column)
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as e:
            return Article(rid, source, filename, error=f"{rid}: text is not valid UTF-8 (byte 0x{text[e.start]:02x} at byte {e.start})")
    if text is None:
        return Article(rid, source, filename, error=f"{rid}: no '{options.text_column}'")
    if not isinstance(text, str):
        return Article(rid, source, filename, error=f"{rid}: '{options.text_column}' is a {type(text).__name__}, not text")
    return Article(rid, source, filename, text)


def _jsonl_articles(options: Options, part: Partition) -> Iterator[Article]:
    """The partition's lines, one at a time (blank lines skipped)."""
    with open(part.source, "rb") as fh:
        fh.seek(part.start)
        pos = part.start
        line_no = part.first_line
        while pos < part.stop:
            raw = fh.readline()
            if not raw:
                break
            pos += len(raw)
            where = f"{part.source}:{line_no}"
            line_no += 1
            if not raw.strip():
                continue
            if len(raw) > options.max_bytes * 2 + 4096:  # escapes make JSON longer than its text
                yield Article(where, part.source, error=f"{where}: too large to lint as one article ({len(raw):,} bytes of JSON; the limit is --max-bytes {options.max_bytes:,})")
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield Article(where, part.source, error=f"{where}: not valid UTF-8 (byte 0x{raw[e.start]:02x} at byte {e.start + 1} of the line)")
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                yield Article(where, part.source, error=f"{where}: not valid JSON: {e}")
                continue
            yield _record(options, rec, part.source, where)


def _parquet_articles(options: Options, part: Partition) -> Iterator[Article]:
    """The partition's rows, a small record batch at a time, read from the row groups that hold
    them (a row group is read from its start; rows before the partition are skipped)."""
    import pyarrow.parquet as pq

    columns = [c for c in (options.id_column, options.text_column, options.filename_column) if c]
    pf = pq.ParquetFile(part.source, buffer_size=1 << 20, pre_buffer=False)
    meta = pf.metadata
    first = 0
    try:
        for rg in range(meta.num_row_groups):
            n = meta.row_group(rg).num_rows
            if first + n <= part.start:
                first += n
                continue
            if first >= part.stop:
                break
            row = first
            for batch in pf.iter_batches(batch_size=64, row_groups=[rg], columns=columns, use_threads=False):
                if row + batch.num_rows <= part.start:
                    row += batch.num_rows
                    continue
                for rec in batch.to_pylist():
                    if part.start <= row < part.stop:
                        yield _record(options, rec, part.source, f"{part.source}#{row + 1}")
                    row += 1
                if row >= part.stop:
                    break
            first += n
    finally:
        pf.close()


# --- the parts ---------------------------------------------------------------------------------
def findings_schema():
    import pyarrow as pa

    return pa.schema(
        [
            ("article", pa.string()),
            ("source", pa.string()),
            ("rule", pa.string()),
            ("name", pa.string()),
            ("category", pa.string()),
            ("severity", pa.string()),
            ("line", pa.int32()),
            ("column", pa.int32()),
            ("end_line", pa.int32()),
            ("end_column", pa.int32()),
            ("message", pa.string()),
            ("text", pa.string()),
            ("suggestions", pa.list_(pa.string())),
            ("fix_safe", pa.bool_()),
        ]
    )


def summary_schema():
    import pyarrow as pa

    return pa.schema(
        [
            ("article", pa.string()),
            ("source", pa.string()),
            ("filename", pa.string()),
            ("findings", pa.int32()),
            ("errors", pa.int32()),
            ("warnings", pa.int32()),
            ("infos", pa.int32()),
            *[(c.replace("-", "_"), pa.int32()) for c in _categories()],
            ("reads_as_generated", pa.bool_()),
            ("error", pa.string()),
            ("note", pa.string()),
        ]
    )


class PartWriter:
    """Writes one partition's findings and summary parts under temporary names, then renames
    them into place (``commit``). Finding rows are written out every ``_FLUSH_ROWS`` rows."""

    def __init__(self, out: str, name: str):
        self.out = out
        self.name = name
        tag = f".{name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
        self.dirs = {t: os.path.join(out, t) for t in ("findings", "summary")}
        for d in self.dirs.values():
            os.makedirs(d, exist_ok=True)
        self.tmp = {t: os.path.join(d, tag) for t, d in self.dirs.items()}
        self.rows: dict[str, list] = {f.name: [] for f in findings_schema()}
        self.summary: dict[str, list] = {f.name: [] for f in summary_schema()}
        self.writer = None
        self.counts = {"articles": 0, "findings": 0, "errors": 0, "notes": 0}

    def add(self, article: str, source: str, filename: str | None, result, verdict: bool) -> None:
        """One article's result; ``verdict``: whether its linter ran the generated-copy verdict
        (otherwise ``reads_as_generated`` is null, not false)."""
        rows = self.rows
        sev = {"error": 0, "warning": 0, "info": 0}
        cats = dict.fromkeys(_categories(), 0)
        generated = False
        for f in result.findings:
            rows["article"].append(article)
            rows["source"].append(source)
            rows["rule"].append(f.rule)
            rows["name"].append(f.name)
            rows["category"].append(f.category)
            rows["severity"].append(str(f.severity))
            rows["line"].append(f.line)
            rows["column"].append(f.column)
            rows["end_line"].append(f.end_line)
            rows["end_column"].append(f.end_column)
            rows["message"].append(f.message)
            rows["text"].append(f.text)
            rows["suggestions"].append(list(f.suggestions))
            rows["fix_safe"].append(bool(f.fix is not None and f.fix.safe))
            sev[str(f.severity)] = sev.get(str(f.severity), 0) + 1
            cats[f.category] = cats.get(f.category, 0) + 1
            generated = generated or f.rule == _GENERATED_RULE
        s = self.summary
        s["article"].append(article)
        s["source"].append(source)
        s["filename"].append(filename)
        s["findings"].append(len(result.findings))
        s["errors"].append(sev["error"])
        s["warnings"].append(sev["warning"])
        s["infos"].append(sev["info"])
        for c in _categories():
            s[c.replace("-", "_")].append(cats.get(c, 0))
        linted = not result.error and not result.note
        s["reads_as_generated"].append(generated if linted and verdict else None)
        s["error"].append(result.error)
        s["note"].append(result.note)
        self.counts["articles"] += 1
        self.counts["findings"] += len(result.findings)
        self.counts["errors"] += bool(result.error)
        self.counts["notes"] += bool(result.note)
        if len(rows["rule"]) >= _FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = findings_schema()
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.tmp["findings"], schema)
        self.writer.write_table(pa.table(self.rows, schema=schema))
        self.rows = {k: [] for k in self.rows}

    def commit(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.rows["rule"] or self.writer is None:
            self._flush()
        self.writer.close()
        self.writer = None
        pq.write_table(pa.table(self.summary, schema=summary_schema()), self.tmp["summary"])
        for t in ("findings", "summary"):
            _fsync(self.tmp[t])
        # findings first: a part set is complete only when the client has recorded it, so a
        # crash between the renames is redone by the next run
        for t in ("findings", "summary"):
            os.replace(self.tmp[t], os.path.join(self.dirs[t], self.name + ".parquet"))

    def discard(self) -> None:
        if self.writer is not None:
            try:
                self.writer.close()
            except Exception:
                pass
        for p in self.tmp.values():
            try:
                os.unlink(p)
            except OSError:
                pass


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- the client's loop -------------------------------------------------------------------------
@dataclass
class Report:
    partitions: int = 0
    skipped: int = 0  # partitions already done by an earlier run
    articles: int = 0  # in the whole output (this run's and the skipped partitions')
    linted: int = 0  # articles linted by this run
    findings: int = 0
    errors: int = 0  # articles with an error
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def line(self, out: str) -> str:
        rate = self.linted / self.seconds if self.seconds > 0 else 0.0
        skipped = f" ({self.skipped} already done)" if self.skipped else ""
        failed = f", {len(self.failures)} partition{'s' if len(self.failures) != 1 else ''} failed (rerun to retry)" if self.failures else ""
        return (
            f"newslint archive: {self.articles:,} articles in {self.partitions} partitions{skipped}, "
            f"{self.findings:,} findings, {self.errors:,} article{'s' if self.errors != 1 else ''} with errors{failed}; "
            f"linted {self.linted:,} in {self.seconds:.1f} s ({rate:,.1f} articles/s) -> {out}"
        )


class Manifest:
    """``OUT/_newslint-archive.json``: the finished partitions, each with its input fingerprint
    and counts. Only the client writes it (atomically); the parts themselves are the workers'."""

    def __init__(self, out: str):
        self.path = os.path.join(out, MANIFEST)
        self.parts: dict[str, dict[str, Any]] = {}
        self._written = 0.0
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
            if isinstance(data, dict) and isinstance(data.get("partitions"), dict):
                self.parts = data["partitions"]
        except (OSError, ValueError):
            pass

    def done(self, out: str, part: Partition) -> dict[str, Any] | None:
        entry = self.parts.get(part.name)
        if not entry or entry.get("fingerprint") != part.fingerprint:
            return None
        if not all(os.path.isfile(os.path.join(out, t, part.name + ".parquet")) for t in ("findings", "summary")):
            return None
        return entry

    def record(self, part: Partition, counts: dict[str, Any]) -> None:
        self.parts[part.name] = {"fingerprint": part.fingerprint, **{k: counts[k] for k in ("articles", "findings", "errors")}}

    def save(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._written < 2.0:
            return
        tmp = f"{self.path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"newslint": __version__, "partitions": self.parts}, fh, indent=0, sort_keys=True)
            fh.write("\n")
        os.replace(tmp, self.path)
        self._written = now


def run(plan: Plan, client, progress: "Progress | None" = None, in_flight: int | None = None) -> Report:
    """Run the plan's unfinished partitions on the cluster behind ``client``: at most
    ``in_flight`` tasks at once (default twice the cluster's threads, at least 4), results
    recorded in the manifest as they come. Stale parts (from a larger earlier plan) and
    temporary files left by killed workers are removed."""
    from distributed import as_completed

    out, options = plan.out, plan.options
    os.makedirs(out, exist_ok=True)
    manifest = Manifest(out)
    _clean(out, {p.name for p in plan.partitions}, manifest)
    report = Report(partitions=len(plan.partitions))
    todo = []
    for part in plan.partitions:
        entry = manifest.done(out, part)
        if entry is None:
            todo.append(part)
            continue
        report.skipped += 1
        report.articles += int(entry.get("articles", 0))
        report.findings += int(entry.get("findings", 0))
        report.errors += int(entry.get("errors", 0))
    manifest.save(force=True)
    if in_flight is None:
        threads = sum(client.nthreads().values()) or 1
        in_flight = max(4, 2 * threads)
    started = time.perf_counter()
    if progress:
        progress.start(len(todo), sum(p.articles for p in todo))
    pending = iter(todo)
    running: dict[Any, Partition] = {}
    done = as_completed()

    def submit_more() -> None:
        while len(running) < in_flight:
            part = next(pending, None)
            if part is None:
                return
            fut = client.submit(
                run_partition, options, part, out, key=f"newslint-{part.name}-{part.fingerprint[:12]}", retries=1, pure=False
            )
            running[fut] = part
            done.add(fut)

    try:
        submit_more()
        for fut in done:
            part = running.pop(fut)
            try:
                counts = fut.result()
            except Exception as e:  # the task failed twice, or its worker died repeatedly
                report.failures.append(f"{part.describe()}: {type(e).__name__}: {e}")
            else:
                manifest.record(part, counts)
                manifest.save()
                report.articles += counts["articles"]
                report.linted += counts["articles"]
                report.findings += counts["findings"]
                report.errors += counts["errors"]
            fut.release()
            if progress:
                progress.update(part.articles, report)
            submit_more()
    finally:
        for fut in running:
            fut.cancel()
        manifest.save(force=True)
        report.seconds = time.perf_counter() - started
        if progress:
            progress.finish()
    return report


def _clean(out: str, names: set[str], manifest: Manifest) -> None:
    """Remove temporary files of interrupted tasks and the parts (and manifest entries) of
    partitions that the current plan does not have (an earlier, larger input)."""
    for t in ("findings", "summary"):
        d = os.path.join(out, t)
        if not os.path.isdir(d):
            continue
        for n in os.listdir(d):
            if n.startswith(".part-") and n.endswith(".tmp") or n.startswith("part-") and n.endswith(".parquet") and n[:-8] not in names:
                try:
                    os.unlink(os.path.join(d, n))
                except OSError:
                    pass
    for n in [n for n in manifest.parts if n not in names]:
        del manifest.parts[n]


class Progress:
    """A one-line progress bar on a terminal (nothing when the stream is not one)."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = stream.isatty()
        self.total = self.articles_total = self.done = 0
        self.started = time.perf_counter()
        self._last = 0.0

    def start(self, partitions: int, articles: int) -> None:
        self.total, self.articles_total = partitions, articles
        self.started = time.perf_counter()
        self._draw(None, force=True)

    def update(self, articles: int, report: Report) -> None:
        self.done += 1
        self._draw(report)

    def _draw(self, report: Report | None, force: bool = False) -> None:
        if not self.tty or not self.total:
            return
        now = time.perf_counter()
        if not force and now - self._last < 0.2 and self.done < self.total:
            return
        self._last = now
        width = 30
        filled = int(width * self.done / self.total)
        linted = report.linted if report else 0
        rate = linted / (now - self.started) if now > self.started else 0.0
        eta = ""
        if rate > 0 and self.articles_total > linted:
            eta = f", {int((self.articles_total - linted) / rate)} s left"
        found = f", {report.findings:,} findings" if report else ""
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} partitions, {linted:,} articles{found}, {rate:,.0f}/s{eta}\033[K")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty and self.total:
            self.stream.write("\r\033[K")
            self.stream.flush()


def read_findings(out: str):
    """The findings of an archive run as one pyarrow Table (for tests and small archives)."""
    import pyarrow.parquet as pq

    return pq.read_table(os.path.join(out, "findings"), schema=findings_schema())


def read_summary(out: str):
    import pyarrow.parquet as pq

    return pq.read_table(os.path.join(out, "summary"), schema=summary_schema())
