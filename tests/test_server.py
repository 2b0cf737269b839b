"""``newslint server``: the language server, driven end to end over pipes by pytest-lsp's client
(a real server process per test), and its position and suppression helpers on their own."""
from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.engine import lint_text

pytest.importorskip("pygls")
pytest.importorskip("lsprotocol")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from newslint.document import Document  # noqa: E402
from newslint.server import HELP_URI, Positions, suppression_edit  # noqa: E402

TYPO = "He left adn did not return.\n"
SERVER = [sys.executable, "-m", "newslint", "server", "--debounce", "50"]


# --- the client's side of positions, worked out independently of the server -----------------
def utf16_col(line: str, codepoints: int) -> int:
    return len(line[:codepoints].encode("utf-16-le")) // 2


def offset_of(text: str, pos: lsp.Position) -> int:
    """An LSP position (UTF-16) -> a code-point offset, as an editor counts."""
    lines = text.splitlines(keepends=True)
    start = sum(len(x) for x in lines[: pos.line])
    line = lines[pos.line] if pos.line < len(lines) else ""
    units = 0
    for i, ch in enumerate(line):
        if units >= pos.character:
            return start + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return start + len(line.rstrip("\r\n"))


def apply(text: str, edit: lsp.WorkspaceEdit) -> str:
    if edit.document_changes:
        edits = [e for change in edit.document_changes for e in change.edits]
    else:
        edits = [e for es in (edit.changes or {}).values() for e in es]
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        a, b = offset_of(text, e.range.start), offset_of(text, e.range.end)
        text = text[:a] + e.new_text + text[b:]
    return text


# --- the session -----------------------------------------------------------------------------
@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    ws = tmp_path / "ws"
    ws.mkdir()
    lsp_client.registrations = []

    @lsp_client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        lsp_client.registrations.extend(params.registrations)

    params = lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=ws.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=ws.as_uri(), name="ws")],
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def ready(client: LanguageClient) -> str:
    """Wait for the server's 'ready' log line (its rules and lexicon are built)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for m in client.log_messages:
            if "ready" in m.message:
                return m.message
        await asyncio.sleep(0.05)
    raise AssertionError(f"the server never said it was ready: {client.log_messages}")


async def published(client: LanguageClient, uri: str, timeout: float = 20.0) -> tuple[list[lsp.Diagnostic], float]:
    """The next diagnostics the server publishes for ``uri``, and the seconds they took (call
    right after sending what should cause them: nothing is read from the server in between)."""
    t0 = time.monotonic()
    while True:
        left = timeout - (time.monotonic() - t0)
        if left <= 0:
            raise AssertionError(f"no diagnostics for {uri} within {timeout} s")
        params = await asyncio.wait_for(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), left)
        if params.uri == uri:
            return list(params.diagnostics), time.monotonic() - t0


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "markdown", version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=version, text=text))
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str, rng: lsp.Range | None = None) -> None:
    event = (
        lsp.TextDocumentContentChangePartial(range=rng, text=text) if rng else lsp.TextDocumentContentChangeWholeDocument(text=text)
    )
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[event]
        )
    )


def codes(diags: list[lsp.Diagnostic]) -> list[str]:
    return [str(d.code) for d in diags]


# --- end to end ------------------------------------------------------------------------------
@pytest.mark.asyncio
async def test_diagnostics_on_open_and_change_within_a_second(client: LanguageClient, tmp_path: Path):
    await ready(client)
    uri = open_doc(client, tmp_path / "ws" / "story.md", TYPO)
    diags, took = await published(client, uri)
    assert took < 1.0, f"diagnostics took {took:.2f} s after didOpen"
    (d,) = [d for d in diags if d.code == "NL101"]
    assert d.range == lsp.Range(start=lsp.Position(line=0, character=8), end=lsp.Position(line=0, character=11))
    assert d.severity == lsp.DiagnosticSeverity.Error
    assert d.source == "newslint" and "'adn'" in d.message
    assert d.code_description is not None and d.code_description.href == HELP_URI

    # an incremental change: a second typo on a new line
    change(client, uri, 2, "She came back adn sat down.\n", lsp.Range(start=lsp.Position(line=1, character=0), end=lsp.Position(line=1, character=0)))
    diags, took = await published(client, uri)
    assert took < 1.0, f"diagnostics took {took:.2f} s after didChange"
    assert [(d.range.start.line, d.range.start.character) for d in diags if d.code == "NL101"] == [(0, 8), (1, 14)]

    # the typos corrected: NL101 goes
    change(client, uri, 3, "He left and did not return.\nShe came back and sat down.\n")
    diags, _ = await published(client, uri)
    assert "NL101" not in codes(diags)

    # closing the document clears its diagnostics
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    diags, _ = await published(client, uri)
    assert diags == []


@pytest.mark.asyncio
async def test_debounce_lints_only_the_last_of_quick_changes(client: LanguageClient, tmp_path: Path):
    await ready(client)
    uri = open_doc(client, tmp_path / "ws" / "story.md", "Calm text.\n")
    await published(client, uri)
    for v, text in enumerate(["He left a", "He left ad", "He left adn", "He left adn did not return.\n"], start=2):
        change(client, uri, v, text)  # faster than the 50 ms debounce
    diags, _ = await published(client, uri)
    assert [d.range.start.character for d in diags if d.code == "NL101"] == [8]
    with pytest.raises(asyncio.TimeoutError):  # one lint for the burst, not four
        await published(client, uri, timeout=0.5)


@pytest.mark.asyncio
async def test_quick_fix_changes_only_the_word(client: LanguageClient, tmp_path: Path):
    await ready(client)
    text = "# Council meets\n\nHe left adn did not return, said adn aide.\n"
    uri = open_doc(client, tmp_path / "ws" / "story.md", text)
    diags, _ = await published(client, uri)
    first = [d for d in diags if d.code == "NL101"][0]
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=first.range,
            context=lsp.CodeActionContext(diagnostics=[first], only=[lsp.CodeActionKind.QuickFix]),
        )
    )
    fixes = [a for a in actions if a.is_preferred]
    assert len(fixes) == 1 and fixes[0].kind == lsp.CodeActionKind.QuickFix
    assert fixes[0].title == "Replace 'adn' with 'and' (NL101)"
    assert fixes[0].diagnostics[0].code == "NL101"
    fixed = apply(text, fixes[0].edit)
    assert fixed == "# Council meets\n\nHe left and did not return, said adn aide.\n"  # only that word

    # the suppression comment: after it the finding is gone and nothing reports it unused
    (suppress,) = [a for a in actions if a.title == "Suppress NL101 on this line"]
    suppressed = apply(text, suppress.edit)
    assert suppressed == "# Council meets\n\nHe left adn did not return, said adn aide. <!-- newslint-disable-line NL101 -->\n"
    change(client, uri, 2, suppressed)
    diags, _ = await published(client, uri)
    assert "NL101" not in codes(diags) and "NL900" not in codes(diags)


@pytest.mark.asyncio
async def test_fix_all_is_what_fix_writes(client: LanguageClient, tmp_path: Path):
    await ready(client)
    text = "He left adn did not return.  The goverment said it would recieve teh report.\n"
    uri = open_doc(client, tmp_path / "ws" / "story.md", text)
    await published(client, uri)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)),
            context=lsp.CodeActionContext(diagnostics=[], only=[lsp.CodeActionKind.SourceFixAll]),
        )
    )
    (action,) = actions
    assert action.kind == "source.fixAll.newslint"
    if action.edit is None:  # the client resolves it when picked
        action = await client.code_action_resolve_async(action)
    source = tmp_path / "story.md"
    source.write_text(text, encoding="utf-8")
    assert main(["--fix", "--isolated", "--no-cache", "-q", str(source)]) in (0, 1)
    assert apply(text, action.edit) == source.read_text(encoding="utf-8") != text


@pytest.mark.asyncio
async def test_hover_explains_the_rule(client: LanguageClient, tmp_path: Path, capsys):
    await ready(client)
    uri = open_doc(client, tmp_path / "ws" / "story.md", TYPO)
    await published(client, uri)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=0, character=9))
    )
    assert hover is not None
    assert hover.range == lsp.Range(start=lsp.Position(line=0, character=8), end=lsp.Position(line=0, character=11))
    main(["explain", "NL101"])
    explained = capsys.readouterr().out
    assert explained.strip() in hover.contents.value  # what `newslint explain NL101` prints
    assert "NL101 known-typo" in hover.contents.value
    nothing = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=0, character=2))
    )
    assert nothing is None


@pytest.mark.asyncio
async def test_positions_are_utf16_code_units(client: LanguageClient, tmp_path: Path):
    await ready(client)
    # an emoji (two UTF-16 code units, one code point) and an accented letter before the typo
    line = "Café 😀 crowd: he left adn did not return."
    text = f"{line}\n\U0001F4F0\U0001F4F0 adn again.\n"
    uri = open_doc(client, tmp_path / "ws" / "story.md", text)
    diags, _ = await published(client, uri)
    ranges = [d.range for d in diags if d.code == "NL101"]
    col = line.index("adn")
    assert ranges[0].start == lsp.Position(line=0, character=utf16_col(line, col)) == lsp.Position(line=0, character=col + 1)
    assert ranges[0].end.character == ranges[0].start.character + 3
    assert ranges[1].start == lsp.Position(line=1, character=5)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=ranges[1],
            context=lsp.CodeActionContext(diagnostics=[], only=[lsp.CodeActionKind.QuickFix]),
        )
    )
    (fix,) = [a for a in actions if a.is_preferred]
    assert apply(text, fix.edit) == f"{line}\n\U0001F4F0\U0001F4F0 and again.\n"
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=1, character=6))
    )
    assert hover is not None and hover.range == ranges[1]


@pytest.mark.asyncio
async def test_workspace_configuration_is_honoured(client: LanguageClient, tmp_path: Path):
    await ready(client)
    ws = tmp_path / "ws"
    (ws / "desk").mkdir()
    (ws / ".newslint.yaml").write_text("ignore: [NL101]\n", encoding="utf-8")
    inside = open_doc(client, ws / "desk" / "story.md", TYPO)
    diags, _ = await published(client, inside)
    assert "NL101" not in codes(diags)
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    outside = open_doc(client, elsewhere / "story.md", TYPO)
    diags, _ = await published(client, outside)
    assert "NL101" in codes(diags)  # the same text, without that configuration

    # the server watches configuration files; one edited, the open documents are linted again
    (watch,) = [r for r in client.registrations if r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert {w["globPattern"] for w in watch.register_options["watchers"]} >= {"**/.newslint.yaml", "**/pyproject.toml"}
    (ws / ".newslint.yaml").write_text("ignore: [NL2]\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(uri=(ws / ".newslint.yaml").as_uri(), type=lsp.FileChangeType.Changed)])
    )
    diags, _ = await published(client, inside)
    assert "NL101" in codes(diags)


@pytest.mark.asyncio
async def test_a_broken_configuration_is_a_message_not_a_crash(client: LanguageClient, tmp_path: Path):
    await ready(client)
    ws = tmp_path / "ws"
    (ws / ".newslint.yaml").write_text("selec: [ALL]\n", encoding="utf-8")
    uri = open_doc(client, ws / "story.md", TYPO)
    diags, _ = await published(client, uri)
    assert diags == []
    errors = [m for m in client.messages if m.type == lsp.MessageType.Error]
    assert len(errors) == 1 and "unknown key 'selec'" in errors[0].message and "did you mean 'select'" in errors[0].message
    # still serving: the configuration mended, the same document is linted
    (ws / ".newslint.yaml").write_text("select: [ALL]\n", encoding="utf-8")
    change(client, uri, 2, TYPO + "\n")
    diags, _ = await published(client, uri)
    assert "NL101" in codes(diags)


@pytest.mark.asyncio
async def test_only_prose_documents_are_linted(client: LanguageClient, tmp_path: Path):
    await ready(client)
    code = open_doc(client, tmp_path / "ws" / "tool.py", "# he left adn did not return\n", language="python")
    note = open_doc(client, tmp_path / "ws" / "notes", TYPO, language="plaintext")  # by languageId
    diags, _ = await published(client, note)  # lints run one after another: the .py came first
    assert "NL101" in codes(diags)
    assert code not in client.diagnostics


# --- without a client --------------------------------------------------------------------------
def test_positions_convert_code_points_to_code_units():
    text = "\ufeffa😀b\r\nc\rd😀\ne"
    p = Positions(text, lambda s: len(s.encode("utf-16-le")) // 2)
    # newslint drops the byte-order mark: its (1, 2) is the emoji, offset 2 in the editor's text
    assert p.offset_of(1, 2) == 2
    assert p.position(2) == lsp.Position(line=0, character=2)
    assert p.position(3) == lsp.Position(line=0, character=4)  # after the emoji: 2 more units
    # a lone CR ends an LSP line but not a newslint one
    assert p.position(text.index("d")) == lsp.Position(line=2, character=0)
    assert p.offset_of(2, 3) == text.index("d")
    assert p.position(text.index("e")) == lsp.Position(line=3, character=0)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] != "\r\n":  # inside a CRLF is no position
            assert p.offset(p.position(offset)) == offset
    utf8 = Positions("x😀adn", lambda s: len(s.encode("utf-8")))
    assert utf8.position(2) == lsp.Position(line=0, character=5)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He left adn did not return.  \n", "He left adn did not return. <!-- newslint-disable-line NL101 -->  \n"),
        (
            "He left adn again. <!-- newslint-disable-line NL205 -->\n",
            "He left adn again. <!-- newslint-disable-line NL205, NL101 -->\n",
        ),
        (
            "| who | what |\n|---|---|\n| aide | left adn went |\n",
            "| who | what |\n|---|---|\n| aide | left adn went <!-- newslint-disable-line NL101 --> |\n",
        ),
        (
            "---\ntitle: He left adn did not return\ndate: 2024-01-02\n---\n\nBody text.\n",
            "---\n# <!-- newslint-disable-next-line NL101 -->\ntitle: He left adn did not return\ndate: 2024-01-02\n---\n\nBody text.\n",
        ),
    ],
    ids=["line-end", "existing-comment", "table-row", "front-matter"],
)
def test_suppression_comment_hides_only_that_finding(text, expected):
    doc = Document(text, "story.md")
    before = lint_text(text, "story.md")
    (f,) = [f for f in before if f.rule == "NL101"]
    start, end, new = suppression_edit(doc, f)
    after_text = text[:start] + new + text[end:]
    assert after_text == expected
    after = lint_text(after_text, "story.md")
    # the same findings but that one (the comment used, no table rule set off by it)
    assert not [g for g in after if g.rule in ("NL900", "NL901")]
    assert sorted((g.rule, g.text) for g in after) == sorted((g.rule, g.text) for g in before if g is not f and g.rule != "NL900")


def test_no_suppression_inside_a_yaml_block_scalar():
    text = "---\ndescription: |\n  He left adn did not return\n---\n\nBody.\n"
    (f,) = [f for f in lint_text(text, "story.md") if f.rule == "NL101"]
    assert suppression_edit(Document(text, "story.md"), f) is None


def test_server_without_pygls_exits_2_with_how_to_install(monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pygls" else real(name, *a))
    assert main(["server"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'newslint[lsp]'" in err and "pygls" in err


def test_the_plain_cli_does_not_import_pygls(tmp_path):
    (tmp_path / "a.md").write_text(TYPO, encoding="utf-8")
    probe = (
        "import sys\nfrom newslint.cli import main\nmain(['--no-cache', '-q', sys.argv[1]])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'newslint.server')))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "a.md")], capture_output=True, text=True, check=False)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr
