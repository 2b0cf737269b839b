"""Rule family: grammar, through an optional LanguageTool server (findings ``LT.<RULE_ID>``).

Off unless a server is named: the ``languagetool`` setting (``languagetool = {url =
"http://localhost:8081"}`` in the configuration, or the ``--languagetool URL`` option) or the
environment variable ``NEWSLINT_LANGUAGETOOL_URL``. Without one the rule returns at once: no
import, no network, no delay. LanguageTool itself cannot be installed by newslint (it is a Java
server); start one with, for example::

    docker run -d -p 8081:8010 erikvl87/languagetool
    # or, from an unpacked LanguageTool release:
    java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081 --allow-origin

The client is language-tool-python (imported lazily, only when a server is configured). It asks
``GET <url>/v2/languages`` once, then ``POST <url>/v2/check`` (form fields ``language`` and
``text``) per document. When the server cannot be reached, ONE warning is logged (logger
``newslint.grammar``, which prints to stderr when logging is not configured) per server and
run, the server is not asked again in that process, and every other rule still runs. Worker
processes of one run agree through a marker file in the temporary directory, named after
their parent process, so that only one of them prints it. ``preflight(settings)`` does the
connection early; a caller that forks workers can call it in the parent so that the workers
inherit the outcome and never try the server at all.

Each LanguageTool match becomes a finding of category ``grammar`` whose code is
``LT.<RULE_ID>`` (``LT.EN_A_VS_AN``), with LanguageTool's message and its replacements as
suggestions (never as automatic fixes). The engine drops an LT finding on exactly the span of
one of newslint's own findings.
"""
from __future__ import annotations

import os
from typing import Any, Iterator, Mapping

from ..document import Document
from ..finding import Finding, Severity
from ..rule import Context, Rule

ENV_URL = "NEWSLINT_LANGUAGETOOL_URL"
DEFAULT_LANGUAGE = "en-US"
DEFAULT_TIMEOUT = 10.0
MAX_SUGGESTIONS = 5


#: per (url, language, timeout): a connected client, or None after a failure (already warned)
_CLIENTS: dict[tuple[str, str, float], Any] = {}

#: LanguageTool rules that duplicate what newslint already checks on its own terms, or that
#: react to the blanks newslint leaves where URLs and code were
_SKIP_RULES = frozenset({"WHITESPACE_RULE", "CONSECUTIVE_SPACES"})


def server_settings(settings: Mapping[str, Any]) -> dict[str, Any] | None:
    """The configured server (url, language, timeout), or None when grammar checking is off."""
    lt = dict(settings.get("languagetool") or {})
    url = lt.get("url") or os.environ.get(ENV_URL, "").strip()
    if not url:
        return None
    return {
        "url": str(url),
        "language": str(lt.get("language") or DEFAULT_LANGUAGE),
        "timeout": float(lt.get("timeout") or DEFAULT_TIMEOUT),
    }


def client(url: str, language: str, timeout: float) -> Any:
    """A language-tool-python client for the server, or None when it cannot be used."""
    key = (url, language, timeout)
    if key in _CLIENTS:
        return _CLIENTS[key]
    tool = None
    try:
        import language_tool_python as ltp

        # the library's request timeout is a class attribute (300 s); bound it to ours
        cls = type("NewslintLanguageTool", (ltp.LanguageTool,), {"_TIMEOUT": timeout})
        tool = cls(language, remote_server=url)
    except ImportError:
        _warn(f"grammar checking is off: the language-tool-python package is not installed (needed for {url})", url)
    except Exception as e:  # connection refused, timeout, bad JSON, unsupported language...
        _warn(f"grammar checking is off: LanguageTool server at {url} cannot be used ({_short(e)}); other rules still run", url)
    _CLIENTS[key] = tool
    return tool


def preflight(settings: Mapping[str, Any]) -> bool:
    """Connect to the configured server now (before forking workers). True when usable."""
    cfg = server_settings(settings)
    return bool(cfg and client(cfg["url"], cfg["language"], cfg["timeout"]) is not None)


def _warn(message: str, url: str = "") -> None:
    if url and not _first_in_run(url):
        return  # another worker process of this run has already said it
    import logging  # only when there is something to say: 2 ms of every start otherwise

    logging.getLogger("newslint.grammar").warning("newslint: %s", message)


def _first_in_run(url: str) -> bool:
    """True in the first process of one newslint run to report ``url``. Worker processes of a
    run share their parent; a marker file named after the parent (pid and start time) lets
    only one of them print the warning. Any failure here errs on the side of warning."""
    try:
        import hashlib
        import multiprocessing
        import tempfile

        parent = multiprocessing.parent_process()
        pid = parent.pid if parent is not None else os.getpid()
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                started = fh.read().rsplit(b")", 1)[1].split()[19].decode()
        except (OSError, IndexError):
            started = "0"
        tag = hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
        marker = os.path.join(tempfile.gettempdir(), f"newslint-lt-warned-{pid}-{started}-{tag}")
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        return True
    except FileExistsError:
        return False
    except Exception:
        return True


def _short(e: BaseException) -> str:
    """The root cause of a client error, in a few words ("Connection refused")."""
    root = e
    seen = set()
    while True:
        nxt = root.__cause__ or root.__context__
        if nxt is None or id(nxt) in seen:
            break
        seen.add(id(nxt))
        root = nxt
    if isinstance(root, OSError) and root.strerror:
        return root.strerror
    text = str(root).strip() or type(root).__name__
    if "Connection refused" in str(e):
        return "Connection refused"
    if "timed out" in str(e).lower():
        return "timed out"
    return text.splitlines()[0][:160]


class LanguageToolGrammar(Rule):
    """Grammar and usage problems found by a LanguageTool server (optional; off by default).
    Each finding's code is ``LT.<RULE_ID>`` of the LanguageTool rule that matched
    (``LT.EN_A_VS_AN``); ``--ignore LT`` (or the name ``languagetool``) switches them all off.
    Needs a running server: set ``languagetool = {url = "http://localhost:8081"}`` or
    ``NEWSLINT_LANGUAGETOOL_URL``; without one, nothing happens.

    Bad:
        He go to the market every days.
    Good:
        He goes to the market every day.
    """

    code = "LT"
    name = "languagetool"
    category = "grammar"
    severity = Severity.warning
    summary = "Grammar problems reported by a LanguageTool server (needs a server)"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        cfg = server_settings(ctx.settings)
        if cfg is None or not doc.text.strip():
            return
        key = (cfg["url"], cfg["language"], cfg["timeout"])
        tool = client(*key)
        if tool is None:
            return
        try:
            matches = tool.check(doc.text)
        except Exception as e:
            _warn(f"grammar checking is off: LanguageTool server at {cfg['url']} failed ({_short(e)}); other rules still run", cfg["url"])
            _CLIENTS[key] = None
            return
        yield from self.findings_from_matches(doc, matches)

    def findings_from_matches(self, doc: Document, matches: list) -> Iterator[Finding]:
        n = len(doc.text)
        for m in matches:
            rule_id = str(getattr(m, "rule_id", "") or "UNKNOWN")
            if rule_id in _SKIP_RULES:
                continue
            start = int(m.offset)
            end = start + int(m.error_length)
            if not (0 <= start < end <= n) or not doc.is_prose(start, end):
                continue  # outside the text, or on a URL or code span
            if doc.line_of(start).kind in ("code", "table"):
                continue
            issue = str(getattr(m, "rule_issue_type", "") or "")
            severity = Severity.error if issue == "misspelling" else Severity.info if issue in ("style", "typographical", "whitespace") else None
            f = self.finding(
                start,
                end,
                str(m.message),
                suggestions=[r for r in list(m.replacements)[:MAX_SUGGESTIONS] if isinstance(r, str)],
                severity=severity,
            )
            f.rule = f"LT.{rule_id}"
            yield f


RULES: list = [LanguageToolGrammar]
