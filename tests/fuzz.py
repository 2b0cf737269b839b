"""The fuzz harness: generated articles through lint and --fix, checked for what must always hold.

Each input is a mix of Markdown (tables, fences, quotes, lists, links, HTML comments),
news prose with fixable mistakes, front matter, template shortcodes, lone CRs, byte-order marks,
control and format characters, astral characters and long lines, as a .txt, .md or .mdx file.
For each input (``check``):

* lint reports no internal error, and every finding's span and positions agree with the text;
* --fix (the in-memory loop) reports no internal error and touches only the spans of the edits
  it applies (the first pass is rebuilt from the untouched text between them);
* --fix is idempotent: fixing its result changes nothing;
* through a real file (``lint_one`` with --fix, as the CLI runs it: decoding, BOMs, the locked
  rewrite) there is no error, the file ends as the in-memory fix made it, and a second --fix
  leaves it byte for byte as it is;
* linting and fixing one input takes under ``--slow`` seconds (1 s), timed twice before it
  counts as slow so that a busy machine does not fail it; a slow input is reported with the
  function that spent the most time on it.

The normal test suite runs it briefly (``tests/test_fuzz.py``, a few seconds) and replays the
corpus of minimised failures in ``tests/fuzz_corpus/`` (one JSON file each, written by this
harness when it finds a new one). For a long run, from the repository root::

    python tests/fuzz.py --hours 2            # or --minutes 20, --inputs 100000
    python tests/fuzz.py --minutes 5 --seed 7 # reproducible

It prints inputs run, inputs per second and every new failure (minimised by Hypothesis), saves
each to the corpus and goes on; the exit code is 1 when it found one. A failure whose signature
(rule, exception, source line) is already known this run is counted, not shrunk again.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings, strategies as st

HERE = Path(__file__).resolve().parent
if str(HERE.parent / "linter") not in sys.path and not any(Path(p, "newslint").is_dir() for p in sys.path if p):
    sys.path.insert(0, str(HERE.parent / "linter"))  # pragma: no cover - run from a bare checkout

from newslint.config import Settings  # noqa: E402
from newslint.document import Document, decode_text  # noqa: E402
from newslint.engine import Linter  # noqa: E402
from newslint.runner import Overrides, Session, apply_edits, fix_document, lint_one, safe_edits  # noqa: E402

CORPUS = HERE / "fuzz_corpus"
SLOW_SECONDS = 1.0

# --- inputs --------------------------------------------------------------------------------------
PROSE = [
    "The council approved the budget on Tuesday. ", "He left adn did not return. ", "Teh minister said. ",
    "the the ", "home,while ", "question.North ", "an prospect ", "a 11-year-old ", "Reports suggest that ",
    "“We will build,” she said. ", "‘Quoted’ ", "\"straight\" ", "Mr. Lee, 54, said ", "Dr. Ana Silva ",
    "NATO ", "U.N. ", "U.S. ", "iPhone ", "McDonald’s ", "O’Brien ", "Zelensky ", "Zelenskyy ", "kursk ",
    "North korea ", "11,000 ", "1.5 ", "$1 billion ", "€3m ", "Rs 5 crore ", "up to 12,000 troops ", "50% ",
    "at least 3,000 additional soldiers ", "Monday, January 12, 2025 ", "in early 2023 ", "5'11\" ", "1/2 ",
    "As an AI language model, ", "Listen to article\n", "Key Takeaways:\n", "Share this story\n", "[sic] ",
    "https://example.org/a_b?c=d ", "x@y.org ", "#tag ", "@handle ", "e.g. ", "… ", " — ", " – ", "--",
    "LONDON, March 4 (Reuters) - ", "By Staff Reporter\n", "Q: ", "A: ", "Senior Editor: ",
]
MARKDOWN = [
    "# Heading\n", "## Sub heading\n", "Title\n=====\n", "> quote\n", "> > nested\n", "- item\n", "* item\n",
    "1. item\n", "   indented\n", "```\n", "```python\n", "~~~\n", "`code | pipe`", "**bold**", "*em*", "_em_",
    "[link](https://example.org)", "![img](a.png)", "[ref][1]", "[1]: https://example.org\n", "[^1]",
    "[^1]: A note.\n", "<div>", "</div>", "<br>", "<!-- c -->", "<!--", "-->", "---\n", "***\n", "\\|", "\\*",
    "| a | b |\n", "|---|---|\n", "|:--|--:|\n", "| x |\n", "|—|—|\n", "| 1 | 2 |\r\n", "0|\n", "-|\n",
    ":\r|", "|\r", "| a\r| b |\n", "<!-- newslint-disable -->", "<!-- newslint-enable -->",
    "<!-- newslint-disable-next-line NL101 -->", "<!-- newslint-disable-file -->",
]
TEMPLATES = [
    "{{< figure src=\"a.png\" caption=\"adn\" >}}", "{{% note %}}teh{{% /note %}}", "{{ .Title }}",
    "{% include card.html name=\"adn\" %}", "{{#if x}}teh{{/if}}", "<%= user.name %>", "{# comment #}",
    "[[wiki link]]", "{{< youtube id >}}", "{{ page.title | upcase }}", "${variable}",
]
FRONT_MATTER = [
    "---\ntitle: He left adn did not return\nauthor: Ana Silva\ntags: [a, b]\n---\n",
    "---\ntitle: \"Teh title\"\ndescription: the the\n---\n\n",
    "+++\ntitle = 'adn'\ndate = 2025-01-12\n+++\n",
    "---\n---\n", "---\ntitle: x\n",
]
SPECIAL = [
    "\r", "\r\n", "\n", "\n\n", "\t", "  ", "\ufeff", "\u200b", "\u200d", "\u2028", "\u2029", "\x85", "\x0b",
    "\x0c", "\x1b", "\x7f", "\x01", "\u00ad", "\u202e", "\ufffd", "😀", "𝐀𝐁", "\U0001F1FA\U0001F1F8", "𠀀",
    "👩\u200d👩\u200d👧", "e\u0301", "中文", "Ελληνικά", "עברית", "…", ".", ",", "?", "!", ":", ";", "(", ")",
    "[", "]", "“", "”", "'", "%", "0",
]


@st.composite
def long_lines(draw):
    unit = draw(st.sampled_from(["word ", "adn ", "x", "| a ", "“", "(", "😀", "The council met. ", "-"]))
    return unit * draw(st.integers(50, 5000 // len(unit)))


@st.composite
def articles(draw):
    """One generated input: (text, file name)."""
    part = st.one_of(
        st.sampled_from(PROSE), st.sampled_from(MARKDOWN), st.sampled_from(SPECIAL), st.sampled_from(TEMPLATES),
        st.text(max_size=12), st.characters(codec="utf-8").map(str),
    )
    parts = draw(st.lists(part, max_size=60))
    if draw(st.integers(0, 9)) == 0:
        parts.append(draw(long_lines()))
    text = "".join(parts)
    if draw(st.integers(0, 4)) == 0:
        text = draw(st.sampled_from(FRONT_MATTER)) + text
    text = draw(st.sampled_from(["", "", "", "\ufeff", "\ufeff\ufeff"])) + text
    return text, draw(st.sampled_from(["a.txt", "a.md", "a.md", "a.mdx"]))


# --- what must hold ------------------------------------------------------------------------------
class Checker:
    """The linters and a scratch folder, built once per process."""

    def __init__(self, slow: float = SLOW_SECONDS):
        self.linter = Linter(Settings(select=["ALL"]))
        self.lint_session = Session(Overrides(select=["ALL"], isolated=True))
        self.fix_session = Session(Overrides(select=["ALL"], isolated=True, fix=True))
        self.dir = tempfile.mkdtemp(prefix="newslint-fuzz-")
        self.slow = slow

    def __call__(self, text: str, path: str) -> None:
        took = self.check(text, path)
        if took > self.slow:
            took = min(took, self.time(text, path))  # once more: a busy machine is not a slow input
            if took > self.slow:
                raise AssertionError(f"slow input in {self.hot_spot(text, path)}: {took:.2f} s for {len(text)} characters")

    def time(self, text: str, path: str) -> float:
        """Seconds to lint the input and fix it (what --fix does in memory)."""
        started = time.perf_counter()
        doc = Document(text, path)
        findings, _ = self.linter.lint(doc)
        fix_document(self.linter, doc, findings, bom=text.startswith("\ufeff"))
        return time.perf_counter() - started

    def hot_spot(self, text: str, path: str) -> str:
        """The newslint function that spends the most time of its own on this input, the time
        of the built-ins it calls (a regex search, say) counted as its own."""
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.runcall(self.time, text, path)
        stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
        own: dict[tuple, float] = {}
        for func, (_, _, tt, _, callers) in stats.items():
            if "newslint" in func[0]:
                own[func] = own.get(func, 0.0) + tt
            elif func[0] == "~":  # a built-in: to the newslint functions that called it
                for caller, (_, _, part, _) in callers.items():
                    if "newslint" in caller[0]:
                        own[caller] = own.get(caller, 0.0) + part
        if not own:
            return "the standard library"
        file, _, name = max(own, key=own.__getitem__)
        return f"{Path(file).name} {name}"

    def check(self, text: str, path: str) -> float:
        """Check the input; return the seconds linting and fixing it took."""
        linter = self.linter
        started = time.perf_counter()
        # the text as the CLI reads a file holding it: one leading BOM dropped, lone CRs as LF
        decoded = decode_text(text.encode("utf-8"))
        doc = Document(decoded.text, path)
        findings, errors = linter.lint(doc)
        took = time.perf_counter() - started
        assert not errors, errors
        body = doc.text
        for f in findings:
            assert 0 <= f.start <= f.end <= len(body), (f.rule, f.start, f.end)
            assert (f.line, f.column) == doc.position(f.start), f.rule
            assert (f.end_line, f.end_column) == doc.position(f.end), f.rule
            assert f.text == body[f.start : f.end], f.rule
            for e in f.fix.edits if f.fix else ():
                assert 0 <= e.start <= e.end <= len(body), (f.rule, "edit outside the text", e)

        # fixes touch only their spans: the first pass rebuilt from the text between its edits
        edits = sorted(set(safe_edits(findings)), key=lambda e: (e.start, e.end, e.replacement))
        assert apply_edits(body, edits) == rebuilt_between(body, edits)

        # the file holds the text as it is: a leading U+FEFF is its byte-order mark
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        started = time.perf_counter()
        fixed, remaining, errors = fix_document(linter, doc, findings, bom=bool(bom))
        took += time.perf_counter() - started
        assert not errors, errors
        written = bom + fixed  # what --fix writes (the BOM kept)
        doc2 = Document(decode_text(written.encode("utf-8")).text, path)  # read again
        again, _, errors = fix_document(linter, doc2, linter.lint(doc2)[0], bom=written.startswith("\ufeff"))
        assert not errors, errors
        assert again == doc2.text, "--fix is not idempotent"

        if "\x00" in text:  # a binary file to the CLI
            return took
        # the real thing: a file, decoded, fixed, rewritten, fixed again
        target = os.path.join(self.dir, path)
        data = text.encode("utf-8")
        with open(target, "wb") as fh:
            fh.write(data)
        result = lint_one(self.lint_session, target)[0]
        assert result.error is None, result.error
        result = lint_one(self.fix_session, target)[0]
        if decoded.lone_cr == "some" and fixed != decoded.text:  # mixed line ends are never rewritten
            assert result.error is not None and "lone CR" in result.error, result.error
            with open(target, "rb") as fh:
                assert fh.read() == data, "a file with mixed line ends was changed"
            return took
        assert result.error is None, result.error
        with open(target, "rb") as fh:
            once = fh.read()
        if fixed == decoded.text:  # nothing to fix: the file is not rewritten
            assert once == data, "a file with nothing to fix was changed"
        else:
            if decoded.lone_cr == "all":  # written back with its own line ends
                written = written.replace("\n", "\r")
            assert once == written.encode("utf-8"), "the file differs from the in-memory fix"
        result = lint_one(self.fix_session, target)[0]
        assert result.error is None, result.error
        with open(target, "rb") as fh:
            assert fh.read() == once, "a second --fix changed the file"
        assert result.fixed == 0
        return took


_SIGNATURE = re.compile(r"internal error in rule (\S+) .*?: (\w+): .*\[(\S+)\]")


def rebuilt_between(text: str, edits: list) -> str:
    """What applying ``edits`` (sorted) must give, rebuilt from the untouched text between them:
    every character outside an applied edit is the original one. An edit overlapping one applied
    before it, or a second insertion at one offset, waits for the next pass."""
    pos, out, inserted_at = 0, [], -1
    for e in edits:
        if e.start < pos or e.start == e.end == inserted_at:
            continue
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
        if e.start == e.end:
            inserted_at = e.start
    out.append(text[pos:])
    return "".join(out)


def signature(exc: BaseException) -> str:
    """What identifies a failure across inputs: the rule, exception and source line of an
    internal error, else the exception type and assertion text up to its first digit."""
    msg = str(exc)
    m = _SIGNATURE.search(msg)
    if m:
        return " ".join(m.groups())
    if isinstance(exc, AssertionError):
        return "assert " + re.split(r"[\d']", msg, maxsplit=1)[0][:80]
    import traceback

    tb = traceback.extract_tb(exc.__traceback__)[-1]
    return f"{type(exc).__name__} {tb.filename.rsplit('/', 1)[-1]}:{tb.lineno}"


def save(text: str, path: str, sig: str, folder: Path = CORPUS) -> Path:
    """Keep a minimised failure as a regression input (``tests/fuzz_corpus/<digest>.json``)."""
    folder.mkdir(exist_ok=True)
    digest = hashlib.sha256(f"{path}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
    out = folder / f"{digest}.json"
    out.write_text(json.dumps({"path": path, "text": text, "found": sig}, ensure_ascii=True, indent=1) + "\n")
    return out


def corpus(folder: Path = CORPUS) -> list[tuple[str, str, str]]:
    """(name, text, path) of every kept input."""
    out = []
    for p in sorted(folder.glob("*.json")):
        entry = json.loads(p.read_text())
        out.append((p.stem, entry["text"], entry["path"]))
    return out


# --- long runs -----------------------------------------------------------------------------------
def run(seconds: float, max_inputs: int | None, seed: int | None, slow: float, save_to: Path | None) -> int:
    checker = Checker(slow)
    known: dict[str, int] = {}
    state = {"inputs": 0, "failure": None}

    def one(article):
        text, path = article
        state["inputs"] += 1
        try:
            checker(text, path)
        except Exception as e:
            sig = signature(e)
            if sig in known:
                known[sig] += 1
                return  # known this run: counted, not shrunk again
            state["failure"] = (text, path, sig, e)
            raise

    started = time.monotonic()
    batch = 0
    found = 0
    while time.monotonic() - started < seconds and (max_inputs is None or state["inputs"] < max_inputs):
        batch += 1
        test = settings(
            max_examples=500, deadline=None, database=None, derandomize=False, report_multiple_bugs=False,
            phases=[Phase.generate, Phase.shrink], print_blob=False,
            suppress_health_check=list(HealthCheck),
        )(given(articles())(one))
        if seed is not None:
            from hypothesis import seed as hseed

            test = hseed(seed * 100003 + batch)(test)
        state["failure"] = None
        try:
            test()
        except Exception as e:  # noqa: BLE001 - reported below
            if state["failure"] is None:
                raise
            text, path, sig, err = state["failure"]
            found += 1
            known[sig] = 1
            where = save(text, path, sig, save_to) if save_to else None
            print(f"FAILURE {sig}\n  input ({path}): {text!r}\n  {type(err).__name__}: {str(err)[:300]}"
                  + (f"\n  saved to {where}" if where else ""), flush=True)
        elapsed = time.monotonic() - started
        print(f"{state['inputs']} inputs in {elapsed:.0f} s ({state['inputs'] / elapsed:.1f}/s), "
              f"{found} distinct failures", flush=True)
    elapsed = time.monotonic() - started
    print(f"done: {state['inputs']} inputs in {elapsed:.0f} s ({state['inputs'] / max(elapsed, 1e-9):.1f} inputs/s); "
          f"{found} distinct failures" + "".join(f"\n  {n} x {s}" for s, n in known.items()))
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python tests/fuzz.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--hours", type=float, default=0)
    ap.add_argument("--minutes", type=float, default=0)
    ap.add_argument("--inputs", type=int, default=None, help="stop after this many inputs")
    ap.add_argument("--seed", type=int, default=None, help="a reproducible run")
    ap.add_argument("--slow", type=float, default=SLOW_SECONDS, help="seconds an input may take (default 1)")
    ap.add_argument("--no-save", action="store_true", help="do not add failures to tests/fuzz_corpus/")
    args = ap.parse_args(argv)
    seconds = args.hours * 3600 + args.minutes * 60 or (float("inf") if args.inputs else 60.0)
    return run(seconds, args.inputs, args.seed, args.slow, None if args.no_save else CORPUS)


if __name__ == "__main__":
    sys.exit(main())
