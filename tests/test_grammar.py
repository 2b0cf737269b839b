"""The optional LanguageTool backend (LT.<RULE_ID> findings), against a fake server on 127.0.0.1
that answers what language-tool-python asks: GET /v2/languages, then POST /v2/check with the
form fields language and text, in LanguageTool's documented /v2/check JSON format."""
import json
import logging
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter
from newslint.rules import grammar

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]


def _utf16_offset(text, i):
    """LanguageTool (Java) counts offsets in UTF-16 code units."""
    return len(text[:i].encode("utf-16-le")) // 2


def lt_match(text, needle, rule_id, message, replacements, issue="grammar", category="GRAMMAR", occurrence=0):
    i = -1
    for _ in range(occurrence + 1):
        i = text.index(needle, i + 1)
    off = _utf16_offset(text, i)
    return {
        "message": message,
        "shortMessage": "",
        "replacements": [{"value": r} for r in replacements],
        "offset": off,
        "length": len(needle),
        "context": {"text": text[max(0, i - 20) : i + 40], "offset": min(i, 20), "length": len(needle)},
        "sentence": text,
        "type": {"typeName": "Other"},
        "rule": {
            "id": rule_id,
            "description": message,
            "issueType": issue,
            "category": {"id": category, "name": category.title()},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


class FakeLanguageTool:
    """A bounded local server: answers at most max_requests requests, then stops by itself."""

    def __init__(self, responder, max_requests=50):
        self.requests = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, payload):
                body = json.dumps(payload).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                outer.requests.append(("GET", self.path, {}))
                if self.path.startswith("/v2/languages"):
                    self._send(LANGUAGES)
                else:
                    self.send_error(404)

            def do_POST(self):
                n = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(n).decode("utf-8")).items()}
                outer.requests.append(("POST", self.path, form))
                if self.path.startswith("/v2/check"):
                    text = form["text"]
                    self._send({
                        "software": {"name": "LanguageTool", "version": "6.4", "apiVersion": 1},
                        "language": {"name": "English (US)", "code": "en-US"},
                        "matches": responder(text),
                    })
                else:
                    self.send_error(404)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.timeout = 0.1  # handle_request() returns this often to check for the stop
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.max_requests = max_requests
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        deadline = time.monotonic() + 30
        while len(self.requests) < self.max_requests and time.monotonic() < deadline and not self._stop:
            self.server.handle_request()

    def __enter__(self):
        self._stop = False
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._stop = True
        self.thread.join(timeout=5)
        self.server.server_close()


@pytest.fixture(autouse=True)
def _fresh_clients(monkeypatch):
    monkeypatch.delenv(grammar.ENV_URL, raising=False)
    grammar._CLIENTS.clear()
    yield
    grammar._CLIENTS.clear()


def lint(text, url=None, select=("LT",), **lt):
    settings = Settings(select=list(select), languagetool=({"url": url, **lt} if url else {}))
    findings, errors = Linter(settings).lint(Document(text, "story.txt"))
    assert not errors, errors
    return findings


def test_matches_map_to_lt_findings_with_positions_and_suggestions():
    text = "Officials met in Kyiv.\nHe go to the market every days, the mayor said.\n"

    def responder(t):
        return [
            lt_match(t, "go", "HE_VERB_AGR", "The pronoun ‘He’ is usually used with a third-person verb.", ["goes"]),
            lt_match(t, "every days", "EVERY_NNS", "‘every’ takes a singular noun.", ["every day"]),
        ]

    with FakeLanguageTool(responder) as server:
        findings = lint(text, server.url)
    assert [(f.rule, f.category, f.line, f.column, f.text, f.suggestions) for f in findings] == [
        ("LT.HE_VERB_AGR", "grammar", 2, 4, "go", ("goes",)),
        ("LT.EVERY_NNS", "grammar", 2, 21, "every days", ("every day",)),
    ]
    assert findings[0].name == "languagetool"
    assert "third-person" in findings[0].message
    assert all(f.fix is None for f in findings)  # LanguageTool's replacements are suggestions only
    # what the client asked: the language list once, then the text with the configured language
    methods = [(m, p) for m, p, _ in server.requests]
    assert methods == [("GET", "/v2/languages"), ("POST", "/v2/check")]
    form = server.requests[1][2]
    assert form["text"] == text and form["language"] == "en-US"


def test_offsets_after_non_bmp_characters_are_code_points():
    text = "Crowds cheered 🎉🎉 as he go home.\n"
    with FakeLanguageTool(lambda t: [lt_match(t, "go", "HE_VERB_AGR", "Agreement.", ["goes"])]) as server:
        (f,) = lint(text, server.url)
    assert f.text == "go" and f.column == text.index("go") + 1


def test_matches_on_urls_code_and_blanked_spans_are_dropped():
    text = "See https://example.com/he-go-home for details. He go home.\n"

    def responder(t):
        return [
            lt_match(t, "go", "HE_VERB_AGR", "Agreement.", ["goes"], occurrence=0),  # inside the URL
            lt_match(t, "go", "HE_VERB_AGR", "Agreement.", ["goes"], occurrence=1),
        ]

    with FakeLanguageTool(responder) as server:
        findings = lint(text, server.url)
    assert [f.column for f in findings] == [text.rindex("go") + 1]


def test_lt_duplicate_of_our_own_finding_on_the_same_span_is_dropped():
    text = "The soldier may see an prospect for a better life.\n"
    with FakeLanguageTool(
        lambda t: [
            lt_match(t, "an", "EN_A_VS_AN", "Use ‘a’ instead of ‘an’.", ["a"]),
            lt_match(t, "better life", "STYLE_X", "Style.", [], issue="style", category="STYLE"),
        ]
    ) as server:
        findings = lint(text, server.url, select=("LT", "NL227"))
    rules = sorted(f.rule for f in findings)
    assert rules == ["LT.STYLE_X", "NL227"]
    style = next(f for f in findings if f.rule == "LT.STYLE_X")
    assert str(style.severity) == "info"


def test_off_by_default_no_import_no_network(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("the grammar backend must not be contacted without a URL")

    monkeypatch.setattr(grammar, "client", boom)
    findings = lint("He go home.\n", None)
    assert findings == []


def test_environment_variable_enables_the_backend(monkeypatch):
    text = "He go home.\n"
    with FakeLanguageTool(lambda t: [lt_match(t, "go", "HE_VERB_AGR", "Agreement.", ["goes"])]) as server:
        monkeypatch.setenv(grammar.ENV_URL, server.url)
        findings = lint(text, None)
    assert [f.rule for f in findings] == ["LT.HE_VERB_AGR"]


def _closed_port_url():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}"


def test_unreachable_server_warns_once_and_other_rules_still_run(caplog):
    url = _closed_port_url()
    linter = Linter(Settings(select=["LT", "NL220"], languagetool={"url": url, "timeout": 2}))
    with caplog.at_level(logging.WARNING, logger="newslint.grammar"):
        for i in range(5):
            findings, errors = linter.lint(Document(f"Story {i} is about Ukraine,and Kyiv.\n", f"s{i}.txt"))
            assert not errors
            assert [f.rule for f in findings] == ["NL220"]
    warnings = [r for r in caplog.records if r.name == "newslint.grammar"]
    assert len(warnings) == 1
    assert url in warnings[0].getMessage() and "other rules still run" in warnings[0].getMessage()


def test_preflight_reports_availability():
    assert grammar.preflight({}) is False
    assert grammar.preflight({"languagetool": {"url": _closed_port_url(), "timeout": 1}}) is False
    with FakeLanguageTool(lambda t: []) as server:
        assert grammar.preflight({"languagetool": {"url": server.url}}) is True


def test_server_settings_defaults():
    assert grammar.server_settings({"languagetool": {}}) is None
    cfg = grammar.server_settings({"languagetool": {"url": "http://localhost:8081"}})
    assert cfg == {"url": "http://localhost:8081", "language": "en-US", "timeout": grammar.DEFAULT_TIMEOUT}


def test_one_warning_per_run_across_worker_processes(tmp_path):
    import subprocess
    import sys

    for i in range(6):
        (tmp_path / f"s{i}.txt").write_text(f"Story {i} is about Ukraine,and Kyiv.\n", encoding="utf-8")
    env = {k: v for k, v in __import__("os").environ.items() if k != grammar.ENV_URL}
    env[grammar.ENV_URL] = _closed_port_url()
    out = subprocess.run(
        [sys.executable, "-m", "newslint", "--no-cache", "--select", "NL220,LT", "-j", "2", str(tmp_path)],
        capture_output=True, text=True, timeout=60, env=env,
    )
    assert out.stdout.count("NL220") == 6, out.stdout
    warnings = [ln for ln in out.stderr.splitlines() if "grammar checking is off" in ln]
    assert len(warnings) == 1, out.stderr
    assert "Connection refused" in warnings[0]


def test_single_languagetool_rules_can_be_ignored_reclassified_and_suppressed():
    from newslint.finding import Severity

    text = "He go to the market every days.\n<!-- newslint-disable-next-line LT.EVERY_NNS -->\nThey buy every days.\n"

    def responder(t):
        out = [lt_match(t, "go", "HE_VERB_AGR", "Agreement.", ["goes"])]
        first = t.index("every days")
        out.append(lt_match(t, "every days", "EVERY_NNS", "Singular.", ["every day"]))
        second = dict(lt_match(t[first + 5 :], "every days", "EVERY_NNS", "Singular.", ["every day"]))
        second["offset"] += first + 5
        out.append(second)
        return out

    with FakeLanguageTool(responder, max_requests=6) as server:
        s = Settings(select=["LT"], ignore=["LT.HE_VERB_AGR"], severity={"LT.EVERY_NNS": Severity.error},
                     languagetool={"url": server.url})
        findings, errors = Linter(s).lint(Document(text, "story.md"))
    assert not errors
    assert [(f.rule, f.line, str(f.severity)) for f in findings] == [("LT.EVERY_NNS", 1, "error")]
