"""Configuration: discovery and validation, in this one place (rule selection: ``selection.py``).

Sources, nearest first: ``--config FILE``; else, walking up from each linted file, the first
``.newslint.yaml`` (or ``.newslint.yml``) or ``pyproject.toml`` with a ``[tool.newslint]`` table.
Command-line options override the file.

Keys (hyphens and underscores are the same):

================  ==========================================================================
select            rules to run: codes, code prefixes, names or categories ("ALL")
extend-select     added to ``select`` (e.g. to switch on an opt-in rule)
ignore            removed from the selection
per-file-ignores  ``{glob: [selector, ...]}``: rules ignored for matching paths
exclude           globs of paths not to lint
severity          ``{selector: error|warning|info}``: severity overrides
fail-on           lowest severity that makes the exit code 1 (default: warning)
packs             extra YAML rule packs (paths relative to the config file)
accept            words and names that are correct: a list, or a path to a file (one a line)
rules             ``{rule-name-or-code: {option: value}}``: per-rule options
languagetool      ``{url: "http://localhost:8081", language: "en-US"}``: grammar backend
prose-fields      front-matter fields linted as prose (default: title, subtitle, description,
                  summary, excerpt, caption, alt); every other field is data, never linted
ignore-patterns   regular expressions for house syntax that is never prose (masked, never fixed)
extend            another configuration file (relative to this one) whose settings this one
                  starts from: its keys override, ``accept`` and ``packs`` add up, and the
                  tables (``per-file-ignores``, ``severity``, ``rules``) merge key by key
================  ==========================================================================

Two configuration files in one folder (``.newslint.yaml`` beside a ``pyproject.toml`` with a
``[tool.newslint]`` table) are an error: neither silently wins. ``--isolated`` reads none.
"""
from __future__ import annotations

import fnmatch
import os
import re
import sys
from pathlib import Path
from typing import Any, Iterable, Mapping

from .finding import Severity
from .record import Record

CONFIG_NAMES = (".newslint.yaml", ".newslint.yml", "pyproject.toml")
KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "exclude",
    "severity",
    "fail-on",
    "packs",
    "accept",
    "rules",
    "languagetool",
    "prose-fields",
    "ignore-patterns",
    "extend",
)
LANGUAGETOOL_KEYS = ("url", "language", "timeout")


class ConfigError(Exception):
    """A configuration problem; the message names the file, the key and the closest valid choice."""


def closest(word: str, choices: Iterable[str]) -> str:
    choices = list(choices)
    import difflib

    match = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.5)
    return f" (did you mean '{match[0]}'?)" if match else ""


class Settings(Record):
    """A validated configuration (file plus command line), before rules are instantiated."""

    # a list or dict parameter left at None is a new one (["ALL"] for select)
    path: str | None  # the file it came from, if any
    root: str  # directory globs and pack paths are relative to
    select: list[str]
    extend_select: list[str]
    ignore: list[str]
    per_file_ignores: dict[str, list[str]]
    exclude: list[str]
    severity: dict[str, Severity]
    fail_on: Severity
    packs: list[str]
    accept: frozenset[str]
    rules: dict[str, dict[str, Any]]
    extend: str | None  # the file this one extends (resolved against its folder)
    languagetool: dict[str, Any]
    prose_fields: list[str] | None  # None: the document's default prose fields
    ignore_patterns: list[Any]  # compiled patterns
    #: (key, selector) -> where it was set ("file:line" or "--ignore (command line)"), for errors
    blame: dict[tuple[str, str], str]
    #: the keys set by the file(s), for ``extend``
    set_keys: set[str]
    #: the configuration files read, nearest first (a file and the ones it extends)
    sources: list[str]

    __match_args__ = (
        "path", "root", "select", "extend_select", "ignore", "per_file_ignores", "exclude", "severity", "fail_on",
        "packs", "accept", "rules", "extend", "languagetool", "prose_fields", "ignore_patterns", "blame", "set_keys",
        "sources",
    )

    def __init__(
        self,
        path: str | None = None,
        root: str = ".",
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        per_file_ignores: dict[str, list[str]] | None = None,
        exclude: list[str] | None = None,
        severity: dict[str, Severity] | None = None,
        fail_on: Severity = Severity.warning,
        packs: list[str] | None = None,
        accept: frozenset[str] = frozenset(),
        rules: dict[str, dict[str, Any]] | None = None,
        extend: str | None = None,
        languagetool: dict[str, Any] | None = None,
        prose_fields: list[str] | None = None,
        ignore_patterns: list[Any] | None = None,
        blame: dict[tuple[str, str], str] | None = None,
        set_keys: set[str] | None = None,
        sources: list[str] | None = None,
    ) -> None:
        self.path = path
        self.root = root
        self.select = ["ALL"] if select is None else select
        self.extend_select = [] if extend_select is None else extend_select
        self.ignore = [] if ignore is None else ignore
        self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        self.exclude = [] if exclude is None else exclude
        self.severity = {} if severity is None else severity
        self.fail_on = fail_on
        self.packs = [] if packs is None else packs
        self.accept = accept
        self.rules = {} if rules is None else rules
        self.extend = extend
        self.languagetool = {} if languagetool is None else languagetool
        self.prose_fields = prose_fields
        self.ignore_patterns = [] if ignore_patterns is None else ignore_patterns
        self.blame = {} if blame is None else blame
        self.set_keys = set() if set_keys is None else set_keys
        self.sources = [] if sources is None else sources


# --- reading files ---------------------------------------------------------------------------
def read_config_file(path: str | Path) -> dict[str, Any] | None:
    """The raw newslint table of a config file, or None when a pyproject has no [tool.newslint]."""
    from .limits import read_regular

    path = Path(path)
    try:
        raw = read_regular(path, "config", "a configuration file")
    except OSError as e:
        raise ConfigError(f"{path}: cannot read configuration: {e.strerror or e}") from None
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        if b"newslint" not in raw:
            return None  # no [tool.newslint] table in any spelling: skip the TOML parser
        if path.name == "pyproject.toml" and _known_without_table(path, raw):
            return None
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as e:
            raise ConfigError(f"{path}: not UTF-8: {e}") from None
        except tomllib.TOMLDecodeError as e:
            m = re.search(r"at line (\d+)", str(e))
            line = int(m.group(1)) if m else raw.count(b"\n") + 1
            raise ConfigError(f"{path}:{line}: invalid TOML: {e}") from None
        except RecursionError:  # arrays or tables nested a thousand deep
            raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
        tool = data.get("tool", {})
        table = tool.get("newslint") if isinstance(tool, dict) else None
        if table is None and path.name == "pyproject.toml":
            _known_without_table(path, raw, remember=True)
            return None
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: 'tool.newslint' must be a table ([tool.newslint]), not a {_type_name(table)}")
        prefix = "tool.newslint" if table is not None else ""
        return _TomlTable(table if table is not None else data, _toml_key_lines(raw.decode("utf-8"), prefix))
    from .packs import PackError, load_yaml

    try:
        data = load_yaml(path, raw.decode("utf-8"))
    except PackError as e:
        raise ConfigError(str(e)) from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not UTF-8: {e}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the configuration must be a mapping of keys")
    return data


#: pyproject.toml files remembered as having no [tool.newslint] table
_WITHOUT_TABLE_KEPT = 32


def _known_without_table(path: Path, raw: bytes, remember: bool = False) -> bool:
    """Whether this pyproject.toml (these bytes at this path) was found to have no [tool.newslint]
    table before; with ``remember``, note that it has none. A project's pyproject.toml often names
    newslint (a dependency, a script) without configuring it, and parsing it on every start costs
    more than the rest of the configuration (tomllib and its imports, ~4 ms), so the answer is kept
    in the cache directory, keyed on the file's path, length and two checksums (an edit is a new
    key)."""
    import zlib

    from . import dirs

    folder = dirs.private_dir("pyproject-v1")
    if folder is None:
        return False
    key = f"{dirs.digest(f'{dirs.stamp()}:{os.path.abspath(path)}:{len(raw)}')}{dirs.digest(raw)}{zlib.adler32(raw):08x}"
    entry = os.path.join(folder, key + ".txt")
    if remember:
        if dirs.write_private(entry, dirs.seal(b"no [tool.newslint] table\n")):
            dirs.evict(folder, ".txt", _WITHOUT_TABLE_KEPT)
        return True
    return dirs.read_sealed(entry) is not None


def _type_name(value: Any) -> str:
    return {"str": "string", "int": "number", "float": "number", "bool": "boolean", "list": "list", "dict": "table",
            "NoneType": "null"}.get(type(value).__name__, type(value).__name__)


class _TomlTable(dict):
    """A TOML table that knows the line of each of its keys (for errors)."""

    def __init__(self, data: dict, lines: dict[str, int]):
        super().__init__(data)
        self.lines = lines

    def line_of(self, key: str) -> int:
        return self.lines.get(str(key), 1)


_TOML_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")
_TOML_KEY = re.compile(r"^\s*(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_.-]+)\s*=")


def _toml_key_lines(text: str, prefix: str) -> dict[str, int]:
    """Line numbers of the keys of the table ``prefix`` (its sub-tables: the header's line)."""
    out: dict[str, int] = {}
    table = ""
    for n, line in enumerate(text.splitlines(), 1):
        h = _TOML_HEADER.match(line)
        if h and not _TOML_KEY.match(line):
            table = ".".join(part.strip().strip("\"'") for part in h.group(1).split("."))
            if prefix and table.startswith(prefix + "."):
                out.setdefault(table[len(prefix) + 1 :].split(".")[0], n)
            elif not prefix and table:
                out.setdefault(table.split(".")[0], n)
            continue
        k = _TOML_KEY.match(line)
        if k and table == prefix:
            out.setdefault(k.group(1).strip("\"'").split(".")[0], n)
    return out


def configs_in(d: Path) -> list[Path]:
    """The configuration files in one folder (a pyproject.toml only with a [tool.newslint] table)."""
    out = []
    for name in CONFIG_NAMES:
        candidate = d / name
        try:
            found = candidate.is_file()
        except OSError as e:  # a folder on the way that cannot be searched
            raise ConfigError(f"{candidate}: cannot check for a configuration file: {e.strerror or e}") from None
        if found:
            if name == "pyproject.toml":
                try:
                    if read_config_file(candidate) is None:
                        continue
                except ConfigError:
                    pass  # report the broken file rather than skip it
            out.append(candidate)
    return out


def find_config(start: str | Path) -> Path | None:
    """The nearest config file at or above ``start`` (a file or directory). Two in one folder
    are an error: neither may silently win (and hide the other's typos)."""
    try:
        here = Path(start).resolve()
        if not here.is_dir():
            here = here.parent
    except OSError as e:
        raise ConfigError(f"{start}: cannot look for a configuration file: {e.strerror or e}") from None
    for d in (here, *here.parents):
        found = configs_in(d)
        if len(found) > 1:
            raise ConfigError(
                f"{d}: two configuration files compete in one folder ({', '.join(p.name for p in found)}); "
                "keep one (the other can 'extend' it from elsewhere)"
            )
        if found:
            return found[0]
    return None


def load_settings(path: str | Path, _chain: tuple[str, ...] = ()) -> Settings:
    """Read and validate one configuration file, following its ``extend`` chain."""
    path = str(path)
    real = os.path.realpath(path)
    if real in _chain:
        raise ConfigError(f"{path}: 'extend' goes round in a circle ({' -> '.join(_chain + (real,))})")
    data = read_config_file(path) or {}
    s = parse_settings(data, path)
    if s.extend:
        parent_path = s.extend
        if not os.path.isfile(parent_path):
            raise ConfigError(f"{_where(path, data, _key_of(data, 'extend'))}: 'extend': no such file {parent_path}")
        parent = load_settings(parent_path, _chain + (real,))
        if read_config_file(parent_path) is None:
            raise ConfigError(f"{_where(path, data, _key_of(data, 'extend'))}: 'extend': {parent_path} has no [tool.newslint] table")
        s = merge_settings(parent, s)
    return s


def _key_of(data: Mapping, key: str) -> str:
    for k in data:
        if str(k).replace("_", "-") == key:
            return k
    return key


def merge_settings(parent: Settings, child: Settings) -> Settings:
    """``child`` on top of ``parent``: what the child sets wins; ``accept`` and ``packs`` add up;
    the tables merge key by key; errors are still blamed on the file that set the value."""
    out = Settings(path=child.path, root=child.root)
    for f in ("select", "extend_select", "ignore", "exclude", "fail_on", "languagetool", "prose_fields", "ignore_patterns"):
        key = f.replace("_", "-")
        setattr(out, f, getattr(child if key in child.set_keys else parent, f))
    out.per_file_ignores = {**parent.per_file_ignores, **child.per_file_ignores}
    out.severity = {**parent.severity, **child.severity}
    out.rules = {**parent.rules, **child.rules}
    out.accept = parent.accept | child.accept
    out.packs = list(dict.fromkeys(parent.packs + child.packs))
    out.blame = {**parent.blame, **child.blame}
    out.set_keys = parent.set_keys | child.set_keys
    out.sources = child.sources + parent.sources
    return out


# --- validation ------------------------------------------------------------------------------
def _where(path: str | None, data: Mapping, key: str) -> str:
    line = getattr(data, "line_of", None)
    if path and line:
        return f"{path}:{line(key)}"
    return path or "<command line>"


def _str_list(value: Any, where: str, key: str) -> list[str]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return value


def parse_settings(data: Mapping[str, Any], path: str | None = None, root: str | None = None) -> Settings:
    """Validate a raw config table. Unknown keys and bad values are errors naming the key."""
    s = Settings(path=path, root=root or (str(Path(path).parent) if path else "."))
    if path:
        s.sources = [path]
    for raw_key, value in data.items():
        key = str(raw_key).replace("_", "-")
        where = _where(path, data, raw_key)
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key '{raw_key}'{closest(key, KEYS)}")
        s.set_keys.add(key)
        if key in ("select", "extend-select", "ignore", "exclude"):
            setattr(s, key.replace("-", "_"), _str_list(value, where, key))
            if key != "exclude":
                for sel in getattr(s, key.replace("-", "_")):
                    s.blame[(key, sel)] = where
        elif key == "extend":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{where}: 'extend' must be the path of another configuration file")
            s.extend = str(Path(s.root) / value)
        elif key == "prose-fields":
            s.prose_fields = _str_list(value, where, key)
        elif key == "ignore-patterns":
            pats = []
            for i, pat in enumerate(_str_list(value, where, key)):
                try:  # the user's own: under the timeout, as every user-supplied pattern (rx.guarded)
                    from . import rx

                    pats.append(rx.guarded(pat, re.M, f"{where}: 'ignore-patterns' pattern {i + 1}"))
                except re.error as e:
                    raise ConfigError(f"{where}: 'ignore-patterns' pattern {i + 1} ({pat!r}) does not compile: {e}") from None
            s.ignore_patterns = pats
        elif key == "per-file-ignores":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where}: 'per-file-ignores' must map globs to lists of rules")
            s.per_file_ignores = {str(g): _str_list(v, where, f"per-file-ignores.{g}") for g, v in value.items()}
        elif key == "severity":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where}: 'severity' must map rules to error, warning or info")
            for sel, sev in value.items():
                s.severity[str(sel)] = _severity(sev, where, f"severity.{sel}")
        elif key == "fail-on":
            s.fail_on = _severity(value, where, "fail-on")
        elif key == "packs":
            s.packs = [str(Path(s.root) / p) for p in _str_list(value, where, key)]
        elif key == "accept":
            s.accept = frozenset(_accept(value, where, s.root))
        elif key == "rules":
            if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
                raise ConfigError(f"{where}: 'rules' must map rule names to tables of options")
            s.rules = {str(k): dict(v) for k, v in value.items()}
        elif key == "languagetool":
            if isinstance(value, str):
                value = {"url": value}
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where}: 'languagetool' must be a table such as {{url = \"http://localhost:8081\"}}")
            for k, v in value.items():
                if k not in LANGUAGETOOL_KEYS:
                    raise ConfigError(f"{where}: unknown key 'languagetool.{k}'{closest(str(k), LANGUAGETOOL_KEYS)}")
                if k == "timeout":
                    if isinstance(v, bool) or not isinstance(v, (int, float)) or not v > 0:
                        raise ConfigError(f"{where}: 'languagetool.timeout' must be a positive number of seconds")
                elif not isinstance(v, str):
                    raise ConfigError(f"{where}: 'languagetool.{k}' must be a string, not a {_type_name(v)}")
            s.languagetool = dict(value)
    return s


def _severity(value: Any, where: str, key: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except KeyError:
        names = [x.name for x in Severity]
        raise ConfigError(f"{where}: '{key}' must be one of error, warning, info, not '{value}'{closest(str(value), names)}") from None


def _accept(value: Any, where: str, root: str) -> set[str]:
    if isinstance(value, str):
        from .limits import read_regular

        p = Path(root) / value
        try:
            lines = read_regular(p, "config", "an accept file").decode("utf-8").splitlines()
        except OSError as e:
            raise ConfigError(f"{where}: 'accept' file {p}: {e.strerror or e}") from None
        except UnicodeDecodeError as e:
            raise ConfigError(f"{where}: 'accept' file {p}: not UTF-8 ({e.reason} at byte {e.start})") from None
        return {ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")}
    return set(_str_list(value, where, "accept"))


def path_matches(path: str, pattern: str, root: str) -> bool:
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:
        rel = path
    rel = rel.replace(os.sep, "/")
    base = os.path.basename(path)
    if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(base, pattern):
        return True
    if pattern.endswith("/**") and (rel + "/").startswith(pattern[:-2]):
        return True
    return pattern.startswith("**/") and fnmatch.fnmatch(rel, pattern[3:])
