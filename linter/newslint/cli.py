"""Command line: ``newslint [OPTIONS] PATH...``, ``newslint rules``, ``newslint explain CODE``,
``newslint eval DIR``.

Exit codes: 0 nothing at or above fail-on; 1 findings at or above fail-on; 2 a usage,
configuration or input error (the other files are still linted and reported).
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from . import __version__

SUBCOMMANDS = ("rules", "explain", "lists", "eval", "server", "serve", "archive")


class UsageError(Exception):
    pass


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, worked out the same way (``COLUMNS``, else the
    terminal of standard output, else 80) without importing shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, given the terminal's width. argparse builds a formatter for every
    option it adds (to check its metavar), and one left to find the width itself imports shutil,
    which imports zlib, bz2 and lzma: 2 ms of every start, before any help is shown."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _terminal_columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # exit 2 with a one-line message, no traceback
        self.print_usage(sys.stderr)
        raise UsageError(message + self._did_you_mean(message))

    def _did_you_mean(self, message: str) -> str:
        """' (did you mean --fix?)' for a misspelt option."""
        import difflib
        import re

        m = re.search(r"unrecognized arguments?: (.*)", message)
        if not m:
            return ""
        known = [o for a in self._actions for o in a.option_strings if o.startswith("--")]
        hints = []
        for arg in m.group(1).split():
            if not arg.startswith("-"):
                continue
            opt = arg.split("=", 1)[0]
            close = difflib.get_close_matches(opt, known, n=1, cutoff=0.6)
            if close:
                hints.append(f"{opt} -> {close[0]}" if len(m.group(1).split()) > 1 else close[0])
        return f" (did you mean {', '.join(hints)}?)" if hints else ""


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def lint_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="newslint",
        description="A misinformation and quality linter for news copy (.txt and Markdown).",
        epilog="Subcommands: 'newslint rules' lists the rules, 'newslint explain CODE' explains one, "
        "'newslint lists' shows the word lists, 'newslint eval DIR' scores findings against annotated articles, "
        "'newslint server' runs the language server for editors, 'newslint serve' the review page, "
        "'newslint archive INPUT... --output OUT' lints an archive on a Dask cluster.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (recursively .txt/.md/.markdown); '-' for stdin")
    p.add_argument("--format", choices=("text", "json", "sarif", "github", "html"), help="output format (default: text; github under GitHub Actions; html: a self-contained report, best with --output-file)")
    p.add_argument("--select", type=_csv, help="rules to run: codes, code prefixes, names or categories, comma-separated")
    p.add_argument("--extend-select", type=_csv, help="rules to add to the selection")
    p.add_argument("--ignore", type=_csv, help="rules to leave out")
    p.add_argument("--config", help="configuration file to use for every path (no discovery)")
    p.add_argument("--isolated", action="store_true", help="read no configuration file (defaults and command-line options only)")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit code 1 (default: warning)")
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    p.add_argument("--diff", action="store_true", help="show the safe fixes as a unified diff; write nothing; exit 1 if a file would change")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings reach fail-on (2 still means an input or configuration error)")
    p.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--statistics", action="store_true", help="count findings per rule and show per-article metrics")
    p.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: number of cores)")
    p.add_argument("--quiet", "-q", action="store_true", help="only the finding lines, no source or summary when clean")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text output")
    p.add_argument("--stdin-filename", help="the path to report for '-' (and to find its configuration)")
    p.add_argument("--encoding", default="utf-8", help="decode input with this encoding (default: utf-8)")
    p.add_argument("--baseline", help="hide the findings recorded in this baseline file")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0")
    p.add_argument("--languagetool", metavar="URL", help="LanguageTool server for grammar (e.g. http://localhost:8081)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the results cache")
    p.add_argument("--version", action="version", version=f"newslint {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            from . import commands

            return commands.run(argv[0], argv[1:])
        return lint_main(argv)
    except UsageError as e:
        print(f"newslint: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        try:
            sys.stdout.close()
        except Exception:
            pass
        return 1
    except OSError as e:  # the report cannot be written: a full disk, a closed or failing stream
        print(f"newslint: error: cannot write the report: {e.strerror or e}", file=sys.stderr)
        return 2


def run() -> None:
    """The console script: :func:`main`, then a fast exit.

    Everything newslint writes is complete when ``main`` returns (fixed files are replaced
    atomically, worker processes joined), so the process ends with ``os._exit`` after flushing
    the standard streams instead of tearing down the interpreter, which frees every object one
    by one (the 165,000-word lexicon among them) and took 50-70 ms of a 0.2 s one-article run.
    Tests and other callers use ``main`` and keep a normal exit.

    The cyclic garbage collector runs less often than Python's default (every 700 net
    allocations of container objects): a start builds a few hundred thousand long-lived objects
    (rule classes, packs, the lexicon, compiled patterns) and the default re-examined them in
    dozens of collections, about 10% of a one-article run. Garbage cycles are still collected,
    in batches of up to 50,000 objects (a few MB at most)."""
    import gc

    gc.set_threshold(50_000, 20, 20)
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (BrokenPipeError, ValueError):  # newslint ... | head (closed after EPIPE): nothing more to say
            code = code or 1
        except Exception as e:  # a full disk: the report is incomplete
            if stream is sys.stdout:
                try:
                    print(f"newslint: error: cannot write the report: {getattr(e, 'strerror', None) or e}", file=sys.stderr)
                    sys.stderr.flush()
                except Exception:
                    pass
            code = 2
    os._exit(code)


def lint_main(argv: list[str]) -> int:
    from .baseline import Baseline, BaselineError
    from .config import ConfigError
    from .packs import PackError
    from .registry import RegistryError
    from .runner import Overrides, Session

    args = lint_parser().parse_args(argv)
    if not args.paths:
        raise UsageError("no paths given (try 'newslint seeds/' or 'newslint --help')")
    if args.stdin_filename and "-" not in args.paths:
        raise UsageError("--stdin-filename goes with the path '-'")
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if fmt in ("json", "sarif") and not args.output_file and (args.diff or (args.fix and "-" in args.paths)):
        # the diff (or the fixed text of '-') goes to standard output: it would corrupt the report
        what = "--diff" if args.diff else "--fix with '-'"
        raise UsageError(f"{what} writes text to standard output, where the {fmt} report goes; "
                         f"write the report with --output-file FILE")
    from .limits import check_environment

    bad_limit = check_environment()
    if bad_limit:
        raise UsageError(bad_limit)
    ov = Overrides(
        config=args.config,
        select=args.select,
        extend_select=args.extend_select,
        ignore=args.ignore,
        fail_on=args.fail_on,
        languagetool=args.languagetool,
        encoding=args.encoding,
        fix=args.fix,
        diff=args.diff,
        stdin_filename=args.stdin_filename,
        cache=not args.no_cache,
        isolated=args.isolated,
    )
    if args.isolated and args.config:
        raise UsageError("--isolated and --config exclude each other")
    if "-" in args.paths:
        ov.stdin_bytes = _read_stdin()
    session = Session(ov)
    try:
        first = session.linter_for(args.stdin_filename if args.paths == ["-"] and args.stdin_filename else args.paths[0])
    except (ConfigError, PackError, RegistryError) as e:
        # a configuration file found for the first path is broken: its files report it (exit 2)
        # and the others are still linted; a broken --config or command-line option governs
        # every file, so nothing can be linted
        try:
            if args.config:
                raise
            first = Session(ov.replace(isolated=True)).linter_for(None)
        except (ConfigError, PackError, RegistryError):
            print(f"newslint: error: {e}", file=sys.stderr)
            return 2
    if args.config and not os.path.isfile(args.config):
        print(f"newslint: error: {args.config}: no such configuration file", file=sys.stderr)
        return 2
    baseline = None
    if args.baseline:
        try:
            baseline = Baseline.load(args.baseline)
        except BaselineError as e:
            print(f"newslint: error: {e}", file=sys.stderr)
            return 2
    writing = Baseline(args.write_baseline) if args.write_baseline else None

    out = sys.stdout
    if out is None and not args.output_file and args.write_baseline is None:
        print("newslint: error: standard output is closed; pass --output-file FILE", file=sys.stderr)
        return 2
    if args.output_file:
        try:
            out = open(args.output_file, "w", encoding="utf-8", newline="\n")
        except OSError as e:
            print(f"newslint: error: cannot write {args.output_file}: {e.strerror or e}", file=sys.stderr)
            return 2
    try:
        return _report(args, fmt, session, first, baseline, writing, out)
    finally:
        if out is not sys.stdout:
            out.close()


def _report(args, fmt, session, first, baseline, writing, out) -> int:
    from .formatters import make_formatter
    from .runner import discover, run
    from .totals import Totals

    color = args.color == "always" or (
        args.color == "auto" and out is sys.stdout and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    formatter = make_formatter(fmt, out, color=color, quiet=args.quiet, rules=first.registry.rules)
    formatter.start()

    totals = Totals(statistics=args.statistics)
    # paths that do not exist are reported first; the files to lint are then found lazily, as
    # the run needs them (a tree of 100,000 files is never held as one list)
    for path, err in discover([p for p in args.paths if p != "-" and not os.path.exists(p)]):
        if err:
            totals.errors += 1
            print(f"newslint: error: {err}", file=sys.stderr)
            formatter.file(_error_result(path, err))
    paths = (path for path, err in discover(args.paths) if not err)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    want_lines = fmt in ("text", "sarif", "html") or baseline is not None or writing is not None
    for result, lines, diff in run(session, paths, jobs, want_lines):
        if result.note and not result.error:
            print(f"newslint: note: {result.note}", file=sys.stderr)
            continue
        totals.files += 1
        for note in result.notes:
            print(f"newslint: note: {note}", file=sys.stderr)
        if result.error:
            totals.errors += 1
            print(f"newslint: error: {result.error}", file=sys.stderr)
        if writing is not None:
            writing.record(result, lines)
            continue
        if baseline is not None:
            totals.hidden += baseline.filter(result, lines)
        if diff is not None:  # a machine-readable report (in --output-file) never gets text mixed in
            (sys.stdout if fmt in ("json", "sarif") else out).write(diff)
            totals.changed += bool(diff) and args.diff
        totals.fixed += result.fixed
        formatter.file(result, lines)
        fail_on = session.linter_for(result.path if result.path != "-" else args.stdin_filename).settings.fail_on if not result.error else None
        totals.add(result, fail_on)
    if writing is not None:
        try:
            writing.save()
        except OSError as e:
            print(f"newslint: error: cannot write baseline {args.write_baseline}: {e.strerror or e}", file=sys.stderr)
            return 2
        print(f"newslint: wrote {sum(sum(c.values()) for c in writing.counts.values())} findings to {args.write_baseline}", file=sys.stderr)
        return 2 if totals.errors else 0
    summary = totals.summary(fixing=args.fix or args.diff)
    if args.fix:
        summary["fixed"] = totals.fixed
        summary["remaining"] = summary["findings"]
    formatter.end(summary)
    if args.fix and (fmt != "text" or out is not sys.stdout):
        print(f"newslint: {totals.fixed} fixed, {summary['findings']} remaining", file=sys.stderr)
    out.flush()
    if args.diff:  # a gate: 1 when a file would change (as Ruff's --diff)
        return 2 if totals.errors else (1 if totals.changed else 0)
    code = totals.exit_code()
    return 0 if args.exit_zero and code == 1 else code


def _read_stdin() -> bytes:
    """Standard input as bytes (decoded later with --encoding, like a file), at most the
    article size limit (:mod:`newslint.limits`)."""
    from .limits import limit, too_large

    stream = sys.stdin
    if stream is None:
        raise UsageError("'-' reads standard input, which is closed")
    cap = limit("file")
    try:
        raw = getattr(stream, "buffer", None)
        if raw is not None:
            data = raw.read(cap + 1)
        else:  # a text stream without bytes underneath (tests, embedding)
            data = stream.read(cap + 1).encode("utf-8", "surrogateescape")
    except (OSError, ValueError) as e:  # closed or unreadable
        raise UsageError(f"cannot read standard input: {getattr(e, 'strerror', None) or e}") from None
    if len(data) > cap:
        raise UsageError(f"standard input: {too_large(len(data), 'file', 'the article').strerror}")
    return data


def _error_result(path: str, err: str):
    from .engine import FileResult

    return FileResult(path, error=err)
