"""The review page (`newslint serve`) and the HTML report (`--format html`), issue 19.

The API tests talk HTTP to a real server on a free loopback port. The browser tests drive
Debian's Chromium with Playwright and skip when either is missing; set NEWSLINT_SCREENSHOTS to a
folder to keep their screenshots (review-*.png) for a person to look at.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SEEDS

SEED_001 = os.path.join(SEEDS, "001_27f854d20dfb57b0.txt")
CHROMIUM = "/usr/bin/chromium"
HOSTILE = 'Tom said <script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 2"> adn "left" & went.\n'


# --- a server on a free port ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def server():
    from newslint.runner import Overrides, Session
    from newslint.serve import Reviewer, make_server

    srv = make_server("127.0.0.1", 0, Reviewer(Session(Overrides(isolated=True))))
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def request(srv, method, path, body=None, headers=None):
    """(status, headers, body bytes)."""
    conn = http.client.HTTPConnection(*srv.server_address[:2], timeout=60)
    try:
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode("utf-8")
            headers = {"Content-Type": "application/json", **(headers or {})}
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        conn.close()


def post(srv, path, obj):
    status, _, body = request(srv, "POST", path, obj)
    return status, json.loads(body)


# --- the API --------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["x.txt", "x.md"])
def test_api_lint_is_the_json_formats_per_file_object(server, run_cli, tmp_path, monkeypatch, name):
    text = Path(SEED_001).read_text(encoding="utf-8") + "\n# A heading\n\nSome *emphasis* adn `code adn`.\n"
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("--format", "json", "--isolated", "--no-cache", name)
    assert code == 1
    expected = json.loads(out)["files"][0]
    status, got = post(server, "/api/lint", {"text": text, "filename": name})
    assert status == 200
    assert got == expected
    assert len(got["findings"]) > 40 and got["statistics"]


def test_api_review_lists_each_findings_safe_fix(server):
    text = Path(SEED_001).read_text(encoding="utf-8")
    status, got = post(server, "/api/review", {"text": text, "filename": "001.txt"})
    assert status == 200
    findings, fixes = got["file"]["findings"], got["fixes"]
    assert len(fixes) == len(findings)
    typo = next(i for i, f in enumerate(findings) if f["rule"] == "NL101" and f["text"] == "adn")
    assert fixes[typo] == {
        "edits": [{"line": 5, "column": 140, "end_line": 5, "end_column": 143, "text": "adn", "replacement": "and"}],
        "before": "adn",
        "after": "and",
    }
    # a finding without a fix has none; the count matches the CLI's "fixable" count for the seed
    assert any(f is None for f in fixes)
    assert sum(f is not None for f in fixes) == 8


def test_api_fix_changes_only_that_findings_edit(server):
    text = Path(SEED_001).read_text(encoding="utf-8")
    _, review = post(server, "/api/review", {"text": text, "filename": "001.txt"})
    i = next(i for i, f in enumerate(review["file"]["findings"]) if f["text"] == "adn")
    status, got = post(server, "/api/fix", {"text": text, "filename": "001.txt", "finding": i, "rule": "NL101"})
    assert status == 200
    at = text.index(",adn ") + 1
    assert got["text"] == text[:at] + "and" + text[at + 3 :]
    # the answer is the review of the new text: the typo is gone, the other findings stay put
    rules = [(f["rule"], f["line"], f["column"]) for f in got["file"]["findings"]]
    assert ("NL101", 5, 140) not in rules
    before = [(f["rule"], f["line"], f["column"]) for f in review["file"]["findings"] if f["rule"] != "NL101" or f["line"] != 5]
    assert before == rules
    assert len(got["fixes"]) == len(got["file"]["findings"])


def test_api_fix_refuses_a_finding_that_is_not_there(server):
    text = "He went adn left.\n"
    assert post(server, "/api/fix", {"text": text, "finding": 0, "rule": "NL999"})[0] == 409
    assert post(server, "/api/fix", {"text": text, "finding": 7, "rule": "NL101"})[0] == 409
    status, body = post(server, "/api/fix", {"text": text, "finding": "0", "rule": "NL101"})
    assert status == 400 and "finding" in body["error"]
    # a finding without a safe fix
    text2 = "Reports suggest the plan failed.\n"
    _, lint = post(server, "/api/lint", {"text": text2})
    i = next(i for i, f in enumerate(lint["findings"]) if f["rule"] == "NL501")
    status, body = post(server, "/api/fix", {"text": text2, "finding": i, "rule": "NL501"})
    assert status == 409 and "no safe fix" in body["error"]


def test_api_text_is_data_not_markup(server):
    status, got = post(server, "/api/lint", {"text": HOSTILE, "filename": "x.txt"})
    assert status == 200
    typo = next(f for f in got["findings"] if f["rule"] == "NL101")
    assert (typo["line"], typo["column"], typo["text"]) == (1, HOSTILE.index("adn") + 1, "adn")
    status, headers, body = request(server, "POST", "/api/lint", {"text": HOSTILE})
    assert headers["Content-Type"].startswith("application/json")
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_api_rejects_what_it_does_not_take(server, monkeypatch):
    import newslint.serve as serve

    # not JSON, not an object, wrong field types: 400
    for body in (b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe", b'{"filename": "x.md"}', b'{"text": 5}', b'{"text": "a", "filename": 3}'):
        status, _, raw = request(server, "POST", "/api/lint", body, {"Content-Type": "application/json"})
        assert status == 400, body
        assert json.loads(raw)["error"]
    # another content type: 415
    assert request(server, "POST", "/api/lint", b'{"text": "a"}', {"Content-Type": "text/plain"})[0] == 415
    # over the size bound: 413, whatever the body
    monkeypatch.setattr(serve, "MAX_REQUEST_BYTES", 1000)
    status, _, raw = request(server, "POST", "/api/lint", {"text": "word " * 400})
    assert status == 413 and "1,000 bytes" in json.loads(raw)["error"]
    assert post(server, "/api/lint", {"text": "word " * 150})[0] == 200


def test_only_the_defined_routes(server):
    assert request(server, "GET", "/nope")[0] == 404
    assert request(server, "GET", "/../etc/passwd")[0] == 404
    assert request(server, "GET", "/static/review.js")[0] == 404
    assert request(server, "POST", "/api/nope", {"text": "a"})[0] == 404
    status, headers, _ = request(server, "GET", "/api/lint")
    assert status == 405 and headers["Allow"] == "POST"
    assert request(server, "POST", "/review.js", {"text": "a"})[0] == 405
    assert request(server, "PUT", "/api/lint", {"text": "a"})[0] == 501
    for path, kind in (("/", "text/html"), ("/review.js", "text/javascript"), ("/review.css", "text/css")):
        status, headers, body = request(server, "GET", path)
        assert status == 200 and headers["Content-Type"].startswith(kind) and body
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    # the page loads nothing from elsewhere
    page = request(server, "GET", "/")[2].decode()
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_a_foreign_host_header_is_refused_on_loopback(server):
    """A page on another site that rebinds its name to 127.0.0.1 cannot use the API."""
    assert request(server, "GET", "/", headers={"Host": "attacker.example:8700"})[0] == 403
    assert request(server, "POST", "/api/lint", {"text": "a"}, {"Host": "attacker.example"})[0] == 403
    assert request(server, "GET", "/", headers={"Host": "localhost:8700"})[0] == 200
    assert request(server, "GET", "/", headers={"Host": "[::1]:8700"})[0] == 200


def test_the_working_directorys_configuration_applies(tmp_path, monkeypatch):
    from newslint.serve import Reviewer

    (tmp_path / ".newslint.yaml").write_text("ignore: [NL101]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    reviewer = Reviewer()
    reviewer.check()
    rules = {f.rule for f in reviewer.lint("He went adn left. the end.\n", "../../elsewhere/x.txt").findings}
    assert "NL101" not in rules and "NL203" in rules
    # the file name is reduced to its base name: no other folder's configuration is read
    assert reviewer.lint("a", "../../elsewhere/x.md").path == "x.md"
    assert reviewer.lint("a", "..").path == "article.txt"


def test_serve_command_errors_are_one_line(run_cli, tmp_path, monkeypatch):
    import socket

    code, _, err = run_cli("serve", "--port", "70000")
    assert code == 2 and "not a port number" in err
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    try:
        code, _, err = run_cli("serve", "--port", str(busy.getsockname()[1]))
    finally:
        busy.close()
    assert code == 2 and err.strip().startswith("newslint: error: cannot listen on 127.0.0.1:") and "Traceback" not in err
    (tmp_path / ".newslint.yaml").write_text("select: [NL101\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("serve", "--port", "0")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err


def test_loopback_addresses():
    from newslint.serve import _loopback

    assert all(_loopback(h) for h in ("127.0.0.1", "127.8.9.1", "localhost", "::1", "[::1]"))
    assert not any(_loopback(h) for h in ("0.0.0.0", "192.168.1.4", "::", "example.org", ""))


# --- the HTML report ------------------------------------------------------------------------------
TEXT_LINE = re.compile(r"^(.+?):(\d+):(\d+): (error|warning|info) (\S+) \[([^\]]+)\] (.*)$")


class ReportParser(HTMLParser):
    """Pulls out of the report: each finding entry (article, rule, line, column, severity,
    message), the text of every <mark> by the findings it covers, the numbered references, and
    any element an article could have smuggled in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.article = None
        self.entries = []
        self.marked: dict[str, str] = {}
        self.refs: set[str] = set()
        self.tags: list[str] = []
        self._in: list[str] = []  # what the text being read belongs to
        self._mark: list[str] | None = None
        self._entry: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "section" and "article" in (a.get("class") or ""):
            self.article = {"id": a["id"], "path": ""}
        elif tag == "h2" and self.article is not None:
            self._in.append("path")
        elif tag == "mark":
            self._mark = a["data-f"].split()
        elif tag == "a" and "ref" in (a.get("class") or "").split():
            self.refs.add(a["href"][1:])
        elif tag == "li" and "data-rule" in a:
            self._entry = {"article": self.article["path"], "id": a["id"], "rule": a["data-rule"], "line": int(a["data-line"]),
                           "column": int(a["data-column"]), "message": ""}
        elif tag == "span" and self._entry is not None and a.get("class") == "message":
            self._in.append("message")
        elif tag == "span" and self._entry is not None and (a.get("class") or "").startswith("sev "):
            self._entry["severity"] = a["class"].split()[1]

    def handle_endtag(self, tag):
        if tag == "mark":
            self._mark = None
        elif tag in ("h2", "span") and self._in:
            self._in.pop()
        elif tag == "li" and self._entry is not None:
            self.entries.append(self._entry)
            self._entry = None

    def handle_data(self, data):
        if self._mark is not None:
            for fid in self._mark:
                self.marked[fid] = self.marked.get(fid, "") + data
        if self._in and self._in[-1] == "path":
            self.article["path"] += data
        elif self._in and self._in[-1] == "message" and self._entry is not None:
            self._entry["message"] += data


def test_html_report_has_every_finding_of_the_text_output(run_cli, tmp_path):
    report = tmp_path / "report.html"
    code, _, _ = run_cli("--format", "html", "--output-file", str(report), "--no-cache", SEEDS)
    assert code == 1
    _, text_out, _ = run_cli("--format", "text", "--quiet", "--no-cache", SEEDS)
    expected = {m.groups() for m in map(TEXT_LINE.match, text_out.splitlines()) if m}
    assert len(expected) > 80
    p = ReportParser()
    p.feed(report.read_text(encoding="utf-8"))
    got = {(e["article"], str(e["line"]), str(e["column"]), e["severity"], e["rule"], None, e["message"]) for e in p.entries}
    assert {(a, l, c, s, r, None, m) for a, l, c, s, r, _n, m in expected} == got
    assert len(p.entries) == len(expected)
    # each finding is highlighted: the marked text covering it is its matched text, and the
    # numbered reference in the text links to its entry
    _, json_out, _ = run_cli("--format", "json", "--no-cache", SEEDS)
    files = json.loads(json_out)["files"]
    ids = iter(p.entries)
    for obj in files:
        for f in obj["findings"]:
            entry = next(ids)
            assert entry["rule"] == f["rule"] and entry["article"] == obj["path"]
            assert p.marked.get(entry["id"], "") == f["text"], (entry, f)
            assert entry["id"] in p.refs
    assert "<script" not in report.read_text(encoding="utf-8")


def test_html_report_escapes_the_article(run_cli, tmp_path):
    art = tmp_path / 'a<b>"c".txt'
    art.write_text(HOSTILE, encoding="utf-8")
    report = tmp_path / "r.html"
    code, _, _ = run_cli("--format", "html", "-o", str(report), "--isolated", "--no-cache", str(art), str(tmp_path / "missing.txt"))
    assert code == 2  # the missing file
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html and '<b>"c"' not in html
    assert ">&lt;script&gt;</mark>window.pwned = 1&lt;/script&gt;" in html  # the tag is a finding (page residue)
    assert '&lt;img src=x onerror="window.pwned = 2"&gt;' in html
    assert "a&lt;b&gt;&quot;c&quot;.txt" in html
    p = ReportParser()
    p.feed(html)
    assert set(p.tags) <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "div", "section", "ul", "li", "b",
                           "span", "h3", "svg", "g", "rect", "text", "table", "tr", "th", "td", "code", "a", "main", "h2",
                           "p", "mark", "ol", "br", "i"}
    assert "missing.txt: no such file or directory" in html
    # the page's policy: nothing but its own inline style, allowed by hash
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert csp.startswith("default-src 'none'; style-src 'sha256-") and "script" not in csp


def test_html_report_with_no_findings(run_cli, tmp_path):
    art = tmp_path / "clean.txt"
    art.write_text("The council met on Tuesday.\n", encoding="utf-8")
    report = tmp_path / "r.html"
    code, _, _ = run_cli("--format", "html", "-o", str(report), "--isolated", "--no-cache", "--select", "NL101", str(art))
    assert code == 0
    html = report.read_text(encoding="utf-8")
    assert "no findings" in html and "<svg" not in html and html.rstrip().endswith("</html>")


# --- in Chromium ----------------------------------------------------------------------------------
def _browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    return sync_api


@pytest.fixture(scope="module")
def browser():
    sync_api = _browser()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    pg.problems = []
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type in ("error", "warning") else None)
    yield pg
    context.close()


def _shot(pg, name, tmp_path):
    folder = os.environ.get("NEWSLINT_SCREENSHOTS") or str(tmp_path)
    pg.screenshot(path=os.path.join(folder, f"review-{name}.png"))


#: for each finding index, the text of the marks covering it (read from the DOM)
MARKED = """() => {
  const out = {};
  for (const m of document.querySelectorAll('#view mark')) {
    for (const i of m.dataset.f.split(' ')) out[i] = (out[i] || '') + m.textContent;
  }
  return out;
}"""


def _check(pg, server, text, filename="001.txt"):
    pg.goto(server.url)
    pg.fill("#filename", filename)
    pg.fill("#source", text)
    pg.click("#check")
    pg.locator("#view").wait_for()
    pg.locator("#summary b").wait_for()


def test_review_page_highlights_the_seed_and_accepts_one_fix(page, server, tmp_path):
    text = Path(SEED_001).read_text(encoding="utf-8")
    _, expected = post(server, "/api/lint", {"text": text, "filename": "001.txt"})
    findings = expected["findings"]
    _check(page, server, text)
    _shot(page, "page", tmp_path)
    assert page.locator("#summary b").text_content() == f"{len(findings)} findings"
    marked = page.evaluate(MARKED)
    for i, f in enumerate(findings):
        assert marked.get(str(i), "") == f["text"], f
    assert page.locator(".card").count() == len(findings)
    assert page.locator("#view .ref").count() == len(findings)
    # the shown text is the article, character for character (badges aside)
    shown = page.evaluate("() => [...document.getElementById('view').childNodes].filter(n => !(n.classList && n.classList.contains('ref'))).map(n => n.textContent).join('')")
    assert shown == text

    # filters: hiding the warnings hides their marks and cards
    warnings = sum(f["severity"] == "warning" for f in findings)
    page.locator("#sevfilters .chip", has_text="warning").click()
    assert page.locator(".card").count() == len(findings) - warnings
    assert page.locator("#view mark.warning").count() == 0
    page.locator("#sevfilters .chip", has_text="warning").click()
    assert page.locator(".card").count() == len(findings)

    # reject a fix, then accept the 'adn' one: only that word changes
    wiht = page.locator(".card", has=page.locator(".msg", has_text="'wiht'"))
    wiht.locator("button.reject").click()
    assert wiht.locator(".fix.rejected").count() == 1
    card = page.locator(".card", has=page.locator(".msg", has_text="'adn'")).first
    card.click()
    assert page.locator("#view mark.selected").first.text_content() == "adn"
    card.locator("button.accept").click()
    page.locator("#status", has_text="Applied NL101").wait_for()
    _shot(page, "page-fixed", tmp_path)
    with page.expect_download() as dl:
        page.click("#download")
    after = Path(dl.value.path()).read_text(encoding="utf-8")
    at = text.index(",adn ") + 1
    assert after == text[:at] + "and" + text[at + 3 :]
    assert page.locator("#summary b").text_content() == f"{len(findings) - 1} findings"
    # the rejection outlived the re-lint; undo brings the word back
    assert wiht.locator(".fix.rejected").count() == 1
    page.click("#undo")
    page.locator("#status", has_text="Undone").wait_for()
    with page.expect_download() as dl:
        page.click("#download")
    assert Path(dl.value.path()).read_text(encoding="utf-8") == text
    assert page.problems == []


def test_review_page_shows_hostile_text_as_text(page, server, tmp_path):
    _check(page, server, HOSTILE, "x.txt")
    _shot(page, "page-hostile", tmp_path)
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("#view script, #view img, #findings script, #findings img").count() == 0
    assert "<script>window.pwned = 1</script>" in page.locator("#view").text_content()
    assert page.locator("#view mark", has_text="adn").count() == 1
    assert page.problems == []


def test_html_report_renders_every_finding_highlighted(browser, run_cli, tmp_path):
    report = tmp_path / "report.html"
    run_cli("--format", "html", "-o", str(report), "--no-cache", SEEDS)
    _, json_out, _ = run_cli("--format", "json", "--no-cache", SEEDS)
    files = json.loads(json_out)["files"]
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    pg.on("console", lambda m: problems.append(m.text))
    pg.goto(report.as_uri())
    _shot(pg, "report", tmp_path)
    marked = pg.evaluate("""() => {
      const out = {};
      for (const m of document.querySelectorAll('mark')) {
        for (const i of m.dataset.f.split(' ')) out[i] = (out[i] || '') + m.textContent;
      }
      return out;
    }""")
    for n, obj in enumerate(files, 1):
        for i, f in enumerate(obj["findings"], 1):
            assert marked.get(f"a{n}-f{i}", "") == f["text"], (obj["path"], f)
            assert pg.locator(f"#a{n}-r{i}").count() == 1
            assert pg.locator(f"#a{n}-f{i}").count() == 1
    # the inline style applied (the CSP hash matches) and the chart drew a bar per category
    assert pg.evaluate("() => getComputedStyle(document.querySelector('mark.error')).borderBottomStyle") == "solid"
    categories = {f["category"] for obj in files for f in obj["findings"]}
    assert pg.locator("svg.chart g").count() == len(categories)
    pg.goto(report.as_uri() + "#a2")
    _shot(pg, "report-article", tmp_path)
    assert problems == []
    pg.close()


def test_review_page_opens_a_file(page, server, tmp_path):
    art = tmp_path / "story.md"
    art.write_text("# A heading\n\nThe mayor went adn left. `adn` in code is fine.\n", encoding="utf-8")
    page.goto(server.url)
    page.set_input_files("#open", str(art))
    page.locator("#summary b").wait_for()
    assert page.input_value("#filename") == "story.md"
    assert [m.text_content() for m in page.locator("#view mark").all()] == ["adn"]  # Markdown: code is not prose
    _shot(page, "page-opened", tmp_path)
    assert page.problems == []
