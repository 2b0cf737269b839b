"""``newslint server``: a Language Server (LSP over standard input and output) for editors.

Built on pygls and lsprotocol (the optional extra ``newslint[lsp]``); this module is imported only
by the ``server`` subcommand, so the plain CLI never loads them.

What it does, for ``.md``/``.txt`` documents (and any document whose languageId is ``markdown``
or ``plaintext``):

* publishes diagnostics on open and, debounced, on change, from the editor's in-memory text
  (never from disk): the rule code with a link to the rules' documentation, the severity, the
  exact range, related locations;
* code actions: a rule's safe fix as a quick fix, "suppress NLxxx on this line" (the
  ``<!-- newslint-disable-line NLxxx -->`` comment of :mod:`newslint.suppress`), and the
  ``source.fixAll.newslint`` action that applies every safe fix as ``--fix`` would;
* hover over a diagnostic: the rule's explanation, as ``newslint explain CODE`` prints it;
* configuration found as the CLI finds it (the nearest ``.newslint.yaml`` or ``pyproject.toml``
  above the document, through :class:`newslint.runner.Session`), re-read when a configuration
  file changes; a broken one is shown with ``window/showMessage``, never a crash.

Positions: newslint reports 1-based lines and code-point columns; LSP positions are 0-based lines
and columns in the code units the client and server agreed on (UTF-16 unless the client offers
another), so every position goes through :class:`Positions`.

Linting runs on one worker thread, away from the event loop, so the server keeps answering
(hover, code actions, cancellation) while a long article is linted; results for a text that has
changed since are dropped, never published.
"""
from __future__ import annotations

import asyncio
import bisect
import logging
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from . import __version__
from .config import CONFIG_NAMES, ConfigError
from .document import Document
from .engine import Linter
from .finding import Finding, Severity
from .packs import PackError
from .registry import RegistryError
from .runner import LINT_SUFFIXES, Overrides, Session, configure, fix_document

log = logging.getLogger("newslint.server")

#: languageIds linted whatever the file's name
LANGUAGES = ("markdown", "plaintext", "mdx")
MARKDOWN_LANGUAGES = ("markdown", "mdx")
#: seconds between the last change and the lint
DEBOUNCE = 0.2
#: the rules' documentation (the same link SARIF logs carry as each rule's helpUri)
HELP_URI = "https://pypi.org/project/newslint/#rules"
FIX_ALL = "source.fixAll.newslint"
SEVERITY = {
    Severity.error: lsp.DiagnosticSeverity.Error,
    Severity.warning: lsp.DiagnosticSeverity.Warning,
    Severity.info: lsp.DiagnosticSeverity.Information,
}
#: the engine's own findings about suppression comments: never suppressed themselves
UNSUPPRESSIBLE = ("NL900", "NL901")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: a line of YAML or TOML front matter that starts a key (a comment line may stand before it)
_FRONT_MATTER_KEY = re.compile(r"[ \t]*(?:- )?[\"']?[\w.-]+[\"']?[ \t]*[:=]")


# --- positions -------------------------------------------------------------------------------
class Positions:
    """Code-point offsets into one text <-> LSP positions, in the client's code units.

    ``units(s)`` counts the code units of ``s`` (2 for a character outside the Basic
    Multilingual Plane in UTF-16). LSP lines end at ``\\r\\n``, ``\\r`` or ``\\n``; newslint's
    (1-based) lines end at ``\\n`` and its columns count code points from the start of the
    Document's text, which drops a leading byte-order mark that the editor's text may keep.
    """

    def __init__(self, text: str, units: Callable[[str], int]):
        self.text = text
        self.units = units
        self.bom = 1 if text.startswith("\ufeff") else 0
        self.lsp_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self.nl_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def offset_of(self, line: int, column: int) -> int:
        """newslint's (line, column) -> an offset into the editor's text."""
        return self.nl_starts[line - 1] + column - 1 + (self.bom if line == 1 else 0)

    def position(self, offset: int) -> lsp.Position:
        line = bisect.bisect_right(self.lsp_starts, offset) - 1
        return lsp.Position(line=line, character=self.units(self.text[self.lsp_starts[line] : offset]))

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def finding_range(self, line: int, column: int, end_line: int, end_column: int) -> lsp.Range:
        return self.range(self.offset_of(line, column), self.offset_of(end_line, end_column))

    def offset(self, pos: lsp.Position) -> int:
        """An LSP position -> an offset (a position past the end of a line: the line's end)."""
        if pos.line >= len(self.lsp_starts):
            return len(self.text)
        start = self.lsp_starts[pos.line]
        end = self.lsp_starts[pos.line + 1] if pos.line + 1 < len(self.lsp_starts) else len(self.text)
        line = self.text[start:end].rstrip("\r\n")
        seen = 0
        for i, ch in enumerate(line):
            if seen >= pos.character:
                return start + i
            seen += self.units(ch)
        return start + len(line)


# --- one lint of one text --------------------------------------------------------------------
@dataclass
class Linted:
    """The findings for one version of one open document, with what code actions and hover need."""

    uri: str
    version: int | None
    text: str
    positions: Positions
    linter: Linter | None = None
    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)
    offsets: list[tuple[int, int]] = field(default_factory=list)  # each finding's span in ``text``
    errors: list[str] = field(default_factory=list)  # rules' internal errors
    config_error: str | None = None

    def at(self, start: int, end: int) -> Iterable[int]:
        """Indexes of the findings whose span meets [start, end] (a cursor touching one counts)."""
        for i, (a, b) in enumerate(self.offsets):
            if a <= end and start <= b:
                yield i


def fs_path(uri: str) -> str | None:
    """The file-system path of a ``file:`` URI, else None (an unsaved buffer)."""
    if urlparse(uri).scheme != "file":
        return None
    return to_fs_path(uri) or unquote(urlparse(uri).path)


def wanted(uri: str, language_id: str | None) -> bool:
    """Whether newslint lints this document."""
    if (language_id or "").lower() in LANGUAGES:
        return True
    path = urlparse(uri).path
    return unquote(path).lower().endswith(LINT_SUFFIXES)


class NewslintServer(LanguageServer):
    """The language server: pygls's LanguageServer with newslint's state."""

    def __init__(self, debounce: float = DEBOUNCE):
        super().__init__("newslint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.session = Session(Overrides())
        #: configuration file -> its files' stamps when the session read it
        self.stamps: dict[str | None, tuple] = {}
        self.results: dict[str, Linted] = {}
        self.languages: dict[str, str | None] = {}
        self.pending: dict[str, asyncio.Task] = {}
        #: set (on the event loop) when a configuration file changed; the lint thread then reads
        #: the configuration again before its next lint
        self.stale = False
        self.shown_errors: set[str] = set()
        self.logged_errors: set[str] = set()
        # one worker: rule instances are shared and linting is CPU-bound anyway
        self.linting = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lint")

    # --- configuration -----------------------------------------------------------------------
    def linter_for(self, path: str) -> Linter:
        """The Linter of the configuration governing ``path``, as the CLI finds it; built again
        when a configuration file it read (or a pack it loaded) has changed or a nearer one has
        appeared. Raises ConfigError, PackError or RegistryError."""
        from .config import find_config

        if self.stale:
            self.stale = False
            self.session = Session(Overrides())
            self.stamps.clear()
        key = self.session.config_key(path)
        where = os.path.dirname(os.path.abspath(path))
        found = find_config(where if os.path.isdir(where) else os.getcwd())  # raises as the session would
        if (str(found) if found else None) != key or (key in self.stamps and self.stamps[key] != _stamp(self.session, path)):
            self.session = Session(Overrides())
            self.stamps.clear()
            key = self.session.config_key(path)
        linter = self.session.linter_for(path)
        if key not in self.stamps:
            self.stamps[key] = _stamp(self.session, path)
        return linter

    def reset(self) -> None:
        """A configuration file changed: read the configuration again for the next lints and
        lint every open document again."""
        self.stale = True
        for uri in list(self.languages):
            if uri in self.workspace.text_documents:
                self.schedule(uri, 0)

    def path_of(self, uri: str) -> str:
        """The path a document is linted as: its own, or for an unsaved buffer a name in the
        workspace's folder (where its configuration is looked for)."""
        path = fs_path(uri)
        if path:
            return path
        root = self.workspace.root_path or os.getcwd()
        suffix = ".md" if (self.languages.get(uri) or "") in MARKDOWN_LANGUAGES else ".txt"
        return os.path.join(root, "untitled" + suffix)

    # --- linting ---------------------------------------------------------------------------
    def lint(self, uri: str, text: str, version: int | None) -> Linted:
        """Lint one version of a document (on the lint thread)."""
        positions = Positions(text, self.workspace.position_codec.client_num_units)
        out = Linted(uri, version, text, positions)
        path = self.path_of(uri)
        try:
            linter = self.linter_for(path)
        except (ConfigError, PackError, RegistryError) as e:
            out.config_error = str(e)
            return out
        out.linter = linter
        if fs_path(uri) and linter.excluded(path):
            return out
        language = (self.languages.get(uri) or "").lower()
        markdown = True if language in MARKDOWN_LANGUAGES else (None if path.lower().endswith(LINT_SUFFIXES) else False)
        doc = configure(Document(text, path, markdown=markdown), linter.settings)
        findings, errors = linter.lint(doc)
        out.document, out.findings, out.errors = doc, findings, errors
        for f in findings:
            out.offsets.append((positions.offset_of(f.line, f.column), positions.offset_of(f.end_line, f.end_column)))
            out.diagnostics.append(self.diagnostic(uri, positions, f))
        return out

    def diagnostic(self, uri: str, positions: Positions, f: Finding) -> lsp.Diagnostic:
        related = [
            lsp.DiagnosticRelatedInformation(
                location=lsp.Location(uri=uri, range=positions.finding_range(a, b, c, d)), message=m or "related"
            )
            for a, b, c, d, m in f.related_positions
        ]
        message = f.message
        if f.suggestions and not (f.fix and f.fix.safe):
            message += f" (suggestion: {', '.join(f.suggestions[:3])})"
        return lsp.Diagnostic(
            range=positions.finding_range(f.line, f.column, f.end_line, f.end_column),
            message=message,
            severity=SEVERITY[f.severity],
            code=f.rule,
            code_description=lsp.CodeDescription(href=HELP_URI),
            source="newslint",
            related_information=related or None,
            tags=[lsp.DiagnosticTag.Unnecessary] if f.rule == "NL900" else None,
            data={"name": f.name, "category": f.category, "fixable": bool(f.fix and f.fix.safe)},
        )

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds unless it changes again first."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            if uri not in self.workspace.text_documents:
                return
            doc = self.workspace.get_text_document(uri)
            text, version = doc.source, doc.version
            result = await asyncio.get_running_loop().run_in_executor(self.linting, self.lint, uri, text, version)
        except asyncio.CancelledError:
            return
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]
        if uri not in self.workspace.text_documents or self.workspace.get_text_document(uri).version != version:
            return  # closed or changed meanwhile: a newer lint is on its way
        self.publish(result)

    def publish(self, result: Linted) -> None:
        self.results[result.uri] = result
        if result.config_error:
            if result.config_error not in self.shown_errors:
                self.shown_errors.add(result.config_error)
                self.window_show_message(
                    lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"newslint: {result.config_error}")
                )
        else:
            self.shown_errors.clear()  # a configuration fixed and broken again is reported again
        for err in result.errors:
            if err not in self.logged_errors:
                self.logged_errors.add(err)
                self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Error, message=f"newslint: {err}"))
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=result.uri, diagnostics=result.diagnostics, version=result.version)
        )

    def current(self, uri: str) -> Linted | None:
        """The results for the document's present text, if it has been linted since it changed."""
        result = self.results.get(uri)
        if result is None or uri not in self.workspace.text_documents:
            return None
        return result if self.workspace.get_text_document(uri).version == result.version else None

    # --- code actions --------------------------------------------------------------------------
    def edit(self, r: Linted, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
        """A workspace edit of the linted version of a document (a client that knows versions
        refuses it if the text has changed since)."""
        caps = self.client_capabilities.workspace
        versioned = bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes)
        if versioned:
            ident = lsp.OptionalVersionedTextDocumentIdentifier(uri=r.uri, version=r.version)
            return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(text_document=ident, edits=edits)])
        return lsp.WorkspaceEdit(changes={r.uri: edits})

    async def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        r = self.current(params.text_document.uri)
        if r is None or r.document is None:
            return []
        only = params.context.only
        wants = lambda kind: only is None or any(kind == k or kind.startswith(k + ".") for k in only)  # noqa: E731
        out: list[lsp.CodeAction] = []
        if wants(lsp.CodeActionKind.QuickFix):
            pos = r.positions
            suppressed: set[tuple[str, int]] = set()
            for i in r.at(pos.offset(params.range.start), pos.offset(params.range.end)):
                f, diag = r.findings[i], r.diagnostics[i]
                if f.fix is not None and f.fix.safe:
                    out.append(
                        lsp.CodeAction(
                            title=_fix_title(f, r),
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[diag],
                            is_preferred=True,
                            edit=self.edit(r, [self.text_edit(r, e.start, e.end, e.replacement) for e in f.fix.edits]),
                        )
                    )
                line = r.document.line_of(f.start)
                if f.rule not in UNSUPPRESSIBLE and (f.rule, line.number) not in suppressed:
                    suppressed.add((f.rule, line.number))
                    edit = suppression_edit(r.document, f)
                    if edit is not None:
                        out.append(
                            lsp.CodeAction(
                                title=f"Suppress {f.rule} on this line",
                                kind=lsp.CodeActionKind.QuickFix,
                                diagnostics=[diag],
                                edit=self.edit(r, [self.text_edit(r, *edit)]),
                            )
                        )
        if wants(FIX_ALL) and any(f.fix is not None and f.fix.safe for f in r.findings):
            action = lsp.CodeAction(
                title="Fix all safe newslint problems", kind=FIX_ALL, data={"uri": r.uri, "version": r.version}
            )
            if self.resolves_edits():
                out.append(action)  # the edit is worked out if the user picks it (codeAction/resolve)
            elif only is not None:  # asked for by kind (e.g. on save): work it out now
                out.append(await self.resolve_fix_all(action))
        return out

    def resolves_edits(self) -> bool:
        """Whether the client asks for a code action's edit when the user picks it."""
        td = self.client_capabilities.text_document
        ca = td.code_action if td else None
        return bool(ca and ca.resolve_support and "edit" in ca.resolve_support.properties)

    async def resolve_fix_all(self, action: lsp.CodeAction) -> lsp.CodeAction:
        """Give the fix-all action its edit: every safe fix, applied pass after pass as
        ``--fix`` does (on the lint thread, which owns the rules)."""
        data = action.data if isinstance(action.data, dict) else {}
        r = self.current(str(data.get("uri", "")))
        if r is None or r.document is None or r.linter is None or r.version != data.get("version"):
            return action  # the text has changed since: no edit (the client asks again)
        loop = asyncio.get_running_loop()
        fixed, _, _ = await loop.run_in_executor(self.linting, fix_document, r.linter, r.document, r.findings)
        if fixed != r.document.text:
            action.edit = self.edit(r, [self.text_edit(r, 0, len(r.document.text), fixed)])
        return action

    def text_edit(self, r: Linted, start: int, end: int, new_text: str) -> lsp.TextEdit:
        """An edit of the Document's text (offsets without the byte-order mark) as a TextEdit."""
        b = r.positions.bom
        return lsp.TextEdit(range=r.positions.range(start + b, end + b), new_text=new_text)

    # --- hover ---------------------------------------------------------------------------------
    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        r = self.current(params.text_document.uri)
        if r is None or r.linter is None:
            return None
        at = r.positions.offset(params.position)
        hits = list(r.at(at, at))
        if not hits:
            return None
        markdown = _client_takes_markdown(self.client_capabilities)
        parts: list[str] = []
        seen: set[str] = set()
        for i in hits:
            f = r.findings[i]
            head = f"{f.rule} {f.name} ({f.category}, {f.severity}): {f.message}"
            parts.append(f"**{_md_escape(head)}**" if markdown else head)
            base = f.rule.split(".")[0]
            if base in seen:
                continue
            seen.add(base)
            explanation = _explanation(r.linter, f.rule)
            if explanation:
                parts.append(f"```text\n{explanation.rstrip()}\n```" if markdown else explanation.rstrip())
        a, b = r.offsets[hits[0]]
        return lsp.Hover(
            contents=lsp.MarkupContent(
                kind=lsp.MarkupKind.Markdown if markdown else lsp.MarkupKind.PlainText, value="\n\n".join(parts)
            ),
            range=r.positions.range(a, b),
        )


def _stamp(session: Session, path: str) -> tuple:
    """What a configuration's linter was built from: its files (and packs) with their sizes and
    modification times."""
    try:
        settings = session.linter_for(path).settings
    except (ConfigError, PackError, RegistryError):
        return ()
    out = []
    for p in [*settings.sources, *settings.packs]:
        try:
            st = os.stat(p)
            out.append((p, st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((p, None, None))
    return tuple(out)


def _fix_title(f: Finding, r: Linted) -> str:
    edits = f.fix.edits if f.fix else ()
    if len(edits) == 1:
        e = edits[0]
        old = r.document.text[e.start : e.end] if r.document else ""
        if old and e.replacement:
            return f"Replace '{_short(old)}' with '{_short(e.replacement)}' ({f.rule})"
        if old:
            return f"Remove '{_short(old)}' ({f.rule})"
        return f"Insert '{_short(e.replacement)}' ({f.rule})"
    return f"Apply the fix of {f.rule} {f.name}"


def _short(s: str, n: int = 40) -> str:
    s = " ".join(s.split()) or repr(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def suppression_edit(doc: Document, f: Finding) -> tuple[int, int, str] | None:
    """(start, end, new text) in the Document's text that suppresses ``f`` on its line, or None
    where no comment can go without changing what the text says or renders.

    In the body: ``<!-- newslint-disable-line CODE -->`` at the end of the line (inside the last
    cell of a table row, where a cell past the last pipe would be a cell too many), or CODE added
    to the line's own disable-line comment. In YAML or TOML front matter, a comment line
    ``# <!-- newslint-disable-next-line CODE -->`` before a key's line (a ``#`` line in a block
    scalar would be its text, so no other line of front matter gets one)."""
    from .suppress import directives

    line = doc.line_of(f.start)
    code = f.rule
    fm = doc.front_matter
    if fm is not None and fm.span.start <= f.start < fm.span.end:
        if fm.format not in ("yaml", "toml") or not _FRONT_MATTER_KEY.match(line.text):
            return None
        indent = line.text[: len(line.text) - len(line.text.lstrip(" \t-"))].rstrip("-").rstrip()
        return line.start, line.start, f"{indent}# <!-- newslint-disable-next-line {code} -->{doc.newline}"
    for d in directives(line.text):
        if d.kind == "disable-line" and d.rules:
            at = line.start + d.rules_end
            return at, at, f", {code}"
    content = line.text.rstrip()
    comment = f"<!-- newslint-disable-line {code} -->"
    if line.kind == "table" and content.endswith("|") and not content.endswith("\\|"):
        at = len(content) - 1
        before = content[:at]
        text = comment + " " if before.endswith((" ", "\t")) else " " + comment + " "
        return line.start + at, line.start + at, text
    return line.start + len(content), line.start + len(content), " " + comment


def _explanation(linter: Linter, code: str) -> str:
    from .commands import explain_text

    reg = linter.registry
    rule = reg.find(code) or reg.find(code.split(".")[0])
    return explain_text(rule, reg) if rule is not None else ""


def _client_takes_markdown(caps: lsp.ClientCapabilities) -> bool:
    hover = caps.text_document.hover if caps and caps.text_document else None
    formats = hover.content_format if hover else None
    return not formats or lsp.MarkupKind.Markdown in formats


def _md_escape(s: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", s)


# --- the protocol ----------------------------------------------------------------------------
def make_server(debounce: float = DEBOUNCE) -> NewslintServer:
    server = NewslintServer(debounce)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: NewslintServer, params: lsp.InitializedParams) -> None:
        # build the workspace's linter (rules, word lists, lexicon) before the first document
        # arrives, then say so in the client's log
        ready = await asyncio.get_running_loop().run_in_executor(ls.linting, _warm, ls)
        ls.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Info, message=ready))
        caps = ls.client_capabilities.workspace
        watch = caps.did_change_watched_files if caps else None
        if watch is not None and watch.dynamic_registration:
            watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
            options = lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
            try:
                await ls.client_register_capability_async(
                    lsp.RegistrationParams(
                        registrations=[
                            lsp.Registration(id="newslint-config", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)
                        ]
                    )
                )
            except Exception as e:  # the client may refuse; configuration changes are still seen on the next lint
                log.info("could not watch configuration files: %s", e)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        if wanted(doc.uri, doc.language_id):
            ls.languages[doc.uri] = doc.language_id
            ls.schedule(doc.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri in ls.languages:
            ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: NewslintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        if os.path.basename(urlparse(params.text_document.uri).path) in CONFIG_NAMES:
            ls.reset()

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.results.pop(uri, None)
        if ls.languages.pop(uri, False) is not False:
            ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: NewslintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(os.path.basename(urlparse(c.uri).path) in CONFIG_NAMES for c in params.changes):
            ls.reset()

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True),
    )
    async def code_action(ls: NewslintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return await ls.code_actions(params)

    @server.feature(lsp.CODE_ACTION_RESOLVE)
    async def code_action_resolve(ls: NewslintServer, action: lsp.CodeAction) -> lsp.CodeAction:
        if action.kind == FIX_ALL and action.edit is None:
            return await ls.resolve_fix_all(action)
        return action

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: NewslintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return ls.hover(params)

    return server


def _warm(ls: NewslintServer) -> str:
    """Lint a short text with the workspace's configuration (on the lint thread); what to log."""
    root = ls.workspace.root_path or os.getcwd()
    try:
        linter = ls.linter_for(os.path.join(root, "warm-up.md"))
        linter.lint(Document("Warm up adn go.\n", "warm-up.md"))
    except (ConfigError, PackError, RegistryError) as e:  # shown when a document is linted
        return f"newslint {__version__}: ready; the configuration has an error: {e}"
    where = linter.settings.path or "the defaults (no configuration file found)"
    return f"newslint {__version__}: ready, {len(linter.rules)} rules, configuration: {where}"


def main(debounce: float = DEBOUNCE) -> int:
    """Serve over standard input and output until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="newslint server: %(message)s")
    make_server(debounce).start_io()
    return 0
