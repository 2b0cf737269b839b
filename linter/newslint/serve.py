"""``newslint serve``: a review page for editors, on this machine only.

Paste or open an article in the page, see every finding highlighted with its explanation,
accept or reject each safe fix, then copy or download the result. Nothing leaves the machine:
the page's style and script are package data served by this process, and the server binds to
the loopback address unless told otherwise (with a warning).

Routes (anything else is 404):

``GET /``, ``GET /review.css``, ``GET /review.js``
    the page and its assets.
``POST /api/lint`` ``{"text": str, "filename": str}``
    the same per-file object as ``--format json`` (:func:`newslint.formatters.file_object`).
``POST /api/review`` (same request)
    ``{"file": <that object>, "fixes": [...]}``: for each finding, in order, its safe fix
    (``{"edits": [{"line", "column", "end_line", "end_column", "text", "replacement"}]}``) or
    ``null``. The JSON output has no fixes, so the page asks for them here.
``POST /api/fix`` ``{"text", "filename", "finding": i, "rule": code}``
    lints the text, applies only the edits of finding ``i``'s safe fix and answers as
    ``/api/review`` does for the new text, plus ``"text"``. (Each fix also has ``before`` and
    ``after``: the stretch of text around the finding as it is and as the fix leaves it.) 409 if finding ``i`` is not the
    named rule's or has no safe fix (the page's text and the server's view differ).

The text is untrusted: the page builds its DOM with ``textContent`` only, and every answer
carries a Content-Security-Policy that allows no inline script and no other origin. Requests
are bounded (413 over :data:`MAX_REQUEST_BYTES`), must be JSON (415 for another content type,
400 for a body that is not a JSON object of the right shape), and, on loopback, must name a
loopback host (a guard against DNS rebinding). The configuration is the working directory's, as
the CLI finds it for a file there (``filename`` is reduced to its base name: it picks plain text
or Markdown and per-file settings, never another folder's configuration).
"""
from __future__ import annotations

import ipaddress
import json
import os
import socket
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

from .cli import UsageError, _Parser
from .config import ConfigError
from .document import Document
from .engine import FileResult
from .finding import Edit, Finding
from .formatters import file_object
from .packs import PackError
from .registry import RegistryError
from .runner import Overrides, Session, apply_edits, configure

#: the largest request body accepted (an article is tens of kilobytes)
MAX_REQUEST_BYTES = 2_000_000
DEFAULT_FILENAME = "article.txt"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}
STATIC = {
    "/": ("review.html", "text/html; charset=utf-8"),
    "/review.css": ("review.css", "text/css; charset=utf-8"),
    "/review.js": ("review.js", "text/javascript; charset=utf-8"),
}


class ApiError(Exception):
    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status = status


class Reviewer:
    """Lints texts for the API with the working directory's configuration. One lint at a time:
    rule instances are not meant to be shared between threads."""

    def __init__(self, session: Session | None = None):
        self.session = session or Session(Overrides())
        self.lock = threading.Lock()

    def check(self) -> None:
        """Build the linter now, so a broken configuration stops the server before it starts."""
        self.session.linter_for(DEFAULT_FILENAME)

    def lint(self, text: str, filename: str) -> FileResult:
        """``text`` without a byte-order mark (as the Document holds it: positions and fix
        offsets count from there; callers strip it with :func:`_plain`)."""
        name = _basename(filename)
        with self.lock:
            linter = self.session.linter_for(name)
            doc = configure(Document(text, name), linter.settings)
            findings, errors = linter.lint(doc)
            result = FileResult(name, findings=findings, stats=dict(doc.stats))
        if errors:
            result.error = f"{name}: " + "; ".join(errors)
        return result

    def review(self, text: str, filename: str) -> dict[str, Any]:
        result = self.lint(text, filename)
        doc = Document(text)  # for positions only
        return {"file": file_object(result), "fixes": [_fix_object(f, doc) for f in result.findings]}

    def fix(self, text: str, filename: str, index: int, rule: str) -> dict[str, Any]:
        findings = self.lint(text, filename).findings
        if not 0 <= index < len(findings) or findings[index].rule != rule:
            raise ApiError(HTTPStatus.CONFLICT, f"finding {index} is not a {rule} finding of this text: lint it again")
        fix = findings[index].fix
        if fix is None or not fix.safe:
            raise ApiError(HTTPStatus.CONFLICT, f"finding {index} ({rule}) has no safe fix")
        new = apply_edits(text, fix.edits)
        return {"text": new, **self.review(new, filename)}


def _basename(filename: str) -> str:
    name = os.path.basename(filename.replace("\\", "/")).strip()
    return name if name and name not in (".", "..") else DEFAULT_FILENAME


def _fix_object(f: Finding, doc: Document) -> dict | None:
    """A finding's safe fix, or None: its edits in the JSON output's position convention, each
    with the text it replaces, and ``before``/``after``: the stretch of text from the finding
    and its edits, as it is and as the fix leaves it (what the page shows)."""
    if f.fix is None or not f.fix.safe:
        return None
    text = doc.text
    a = min([f.start, *(e.start for e in f.fix.edits)])
    b = max([f.end, *(e.end for e in f.fix.edits)])
    after = apply_edits(text[a:b], [Edit(e.start - a, e.end - a, e.replacement) for e in f.fix.edits])
    edits = []
    for e in f.fix.edits:
        (line, col), (end_line, end_col) = doc.position(e.start), doc.position(e.end)
        edits.append(
            {"line": line, "column": col, "end_line": end_line, "end_column": end_col, "text": text[e.start : e.end], "replacement": e.replacement}
        )
    return {"edits": edits, "before": text[a:b], "after": after}


# --- HTTP --------------------------------------------------------------------------------------
def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Handler(BaseHTTPRequestHandler):
    server_version = "newslint-serve"
    timeout = 30  # a client that stops sending does not hold a thread for ever
    reviewer: Reviewer
    loopback_only = True

    def version_string(self) -> str:
        return self.server_version

    # quiet by default: a request log in the terminal of an editor is noise
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in {**SECURITY_HEADERS, **(extra or {})}.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, obj: Any, extra: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(obj, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8", extra)

    def _error(self, status: HTTPStatus, message: str, extra: dict[str, str] | None = None) -> None:
        self._json(status, {"error": message}, extra)

    def _host_ok(self) -> bool:
        """On loopback, only requests that name a loopback host (DNS rebinding guard)."""
        if not self.loopback_only:
            return True
        host = self.headers.get("Host", "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return _loopback(name)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if not self._host_ok():
            return self._error(HTTPStatus.FORBIDDEN, "unexpected Host header")
        path = self.path.split("?", 1)[0]
        if path in STATIC:
            name, ctype = STATIC[path]
            body = resources.files("newslint").joinpath("static", name).read_bytes()
            return self._send(HTTPStatus.OK, body, ctype)
        if path in ROUTES:
            return self._error(HTTPStatus.METHOD_NOT_ALLOWED, f"{path} takes POST", {"Allow": "POST"})
        return self._error(HTTPStatus.NOT_FOUND, f"no such page: {path}")

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_ok():
            return self._error(HTTPStatus.FORBIDDEN, "unexpected Host header")
        path = self.path.split("?", 1)[0]
        if path not in ROUTES:
            if path in STATIC:
                return self._error(HTTPStatus.METHOD_NOT_ALLOWED, f"{path} takes GET", {"Allow": "GET, HEAD"})
            return self._error(HTTPStatus.NOT_FOUND, f"no such route: {path}")
        try:
            request = self._read_json()
            answer = ROUTES[path](self.reviewer, request)
        except ApiError as e:
            return self._error(e.status, str(e), {"Connection": "close"} if e.status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE else None)
        except (ConfigError, PackError, RegistryError) as e:  # the configuration broke while serving
            print(f"newslint serve: error: {e}", file=sys.stderr)
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(e))
        except Exception as e:  # a bug in a rule: one line to the terminal and a 500, never a traceback
            print(f"newslint serve: error: {path}: {type(e).__name__}: {e}", file=sys.stderr)
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(e).__name__}")
        self._json(HTTPStatus.OK, answer)

    def _read_json(self) -> dict[str, Any]:
        if self.headers.get("Transfer-Encoding"):
            raise ApiError(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length")
        raw = self.headers.get("Content-Length")
        try:
            length = int(raw) if raw is not None else -1
        except ValueError:
            length = -1
        if length < 0:
            raise ApiError(HTTPStatus.LENGTH_REQUIRED, "a Content-Length is required")
        if length > MAX_REQUEST_BYTES:
            self.close_connection = True  # the body is not read
            raise ApiError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_REQUEST_BYTES:,} bytes")
        ctype = self.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if ctype != "application/json":
            self.close_connection = True
            raise ApiError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON (Content-Type: application/json)")
        body = self.rfile.read(length)
        try:
            obj = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise ApiError(HTTPStatus.BAD_REQUEST, f"the body is not JSON: {e}") from None
        if not isinstance(obj, dict):
            raise ApiError(HTTPStatus.BAD_REQUEST, "the body must be a JSON object")
        if not isinstance(obj.get("text"), str):
            raise ApiError(HTTPStatus.BAD_REQUEST, '"text" must be a string')
        if not isinstance(obj.get("filename", DEFAULT_FILENAME), str):
            raise ApiError(HTTPStatus.BAD_REQUEST, '"filename" must be a string')
        return obj


def _plain(text: str) -> str:
    """The text as linted: a leading byte-order mark is not part of it."""
    return text[1:] if text.startswith("\ufeff") else text


def _api_lint(r: Reviewer, req: dict) -> dict:
    return file_object(r.lint(_plain(req["text"]), req.get("filename", DEFAULT_FILENAME)))


def _api_review(r: Reviewer, req: dict) -> dict:
    return r.review(_plain(req["text"]), req.get("filename", DEFAULT_FILENAME))


def _api_fix(r: Reviewer, req: dict) -> dict:
    index, rule = req.get("finding"), req.get("rule")
    if not isinstance(index, int) or isinstance(index, bool) or not isinstance(rule, str):
        raise ApiError(HTTPStatus.BAD_REQUEST, '"finding" must be an integer and "rule" a string')
    return r.fix(_plain(req["text"]), req.get("filename", DEFAULT_FILENAME), index, rule)


ROUTES = {"/api/lint": _api_lint, "/api/review": _api_review, "/api/fix": _api_fix}


class ReviewServer(ThreadingHTTPServer):
    daemon_threads = True
    verbose = False

    def __init__(self, host: str, port: int, reviewer: Reviewer):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.address_family = family
        handler = type("BoundHandler", (Handler,), {"reviewer": reviewer, "loopback_only": _loopback(host)})
        super().__init__((host.strip("[]"), port), handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"


def make_server(host: str = "127.0.0.1", port: int = 8700, reviewer: Reviewer | None = None) -> ReviewServer:
    return ReviewServer(host, port, reviewer or Reviewer())


def main(argv: list[str]) -> int:
    p = _Parser(prog="newslint serve", description="A review page for editors on this machine: paste an article, see its findings, accept fixes.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8700, help="port (default: 8700; 0 picks a free one)")
    p.add_argument("--verbose", action="store_true", help="log each request to standard error")
    args = p.parse_args(argv)
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: not a port number")
    reviewer = Reviewer()
    try:
        reviewer.check()
    except (ConfigError, PackError, RegistryError) as e:
        print(f"newslint: error: {e}", file=sys.stderr)
        return 2
    try:
        server = make_server(args.host, args.port, reviewer)
    except OSError as e:
        print(f"newslint: error: cannot listen on {args.host}:{args.port}: {e.strerror or e}", file=sys.stderr)
        return 2
    server.verbose = args.verbose
    if not _loopback(args.host):
        print(
            f"newslint: warning: listening on {args.host}, not loopback: other machines can reach this page "
            "and send it text to lint",
            file=sys.stderr,
        )
    print(f"newslint: review page at {server.url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
