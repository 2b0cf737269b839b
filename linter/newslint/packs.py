"""Declarative rule packs: YAML files of typed rules (Vale's extension points) and shared lists.

A pack is a YAML mapping with two optional keys:

``rules``
    a list of rules, each of one ``kind``:

    * ``existence``: report each occurrence of a phrase (``tokens``) or regex (``patterns``);
      ``tokens_from`` names a list (below) to use as the phrases.
    * ``substitution``: ``swap`` maps a wrong form to its correction (or a list of candidates);
      a single correction is a safe fix.
    * ``consistency``: ``either`` lists groups of variants; when an article mixes variants of one
      group, the minority form is reported with the majority form as suggestion.
    * ``repetition``: a token (``pattern``, default: a word) repeated back to back
      ("the the"), except the pairs in ``exceptions``.

``lists``
    named lists of phrases that Python rules read (``Context.list(name)``). Lists of the same
    name from several packs are concatenated, so a newsroom extends a built-in list by naming
    a pack of its own in its configuration.

Every key is validated against its kind's schema; errors name the file and line.
Phrases are matched on word tokens (case-insensitive by default, ’ and ' alike), so thousands of
entries cost one dictionary look-up per word. Regex patterns are compiled once with the
``regex`` module and run with a timeout, so a catastrophic pattern is reported, not hung.
"""
from __future__ import annotations

import os
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from . import rx
from .finding import CATEGORIES, Severity
from .kinds import ConsistencyRule, ExistenceRule, RepetitionRule, SubstitutionRule
from .record import Record
from .rule import Rule, WordList

def _close_matches(word: str, candidates: list, n: int = 1) -> list:
    import difflib

    return difflib.get_close_matches(word, candidates, n=n)





class PackError(Exception):
    """A pack that cannot be loaded; the message names the file and line."""


# --- YAML with line numbers ------------------------------------------------------------------
class _LineDict(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


@lru_cache(maxsize=1)
def _line_loader() -> type:
    """A YAML loader that keeps line numbers (libyaml's when available: 10x faster). yaml is
    imported here, not at module level: a start with every pack parse cached never needs it."""
    import yaml

    class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    def construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
        d = _LineDict()
        d.line = node.start_mark.line + 1
        d.key_lines = {}
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # "? [a, b]": a list or mapping as a key
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text, not a list or mapping", key_node.start_mark
                )
            key = loader.construct_object(key_node, deep=True)
            d[key] = loader.construct_object(value_node, deep=True)
            d.key_lines[key] = key_node.start_mark.line + 1
        return d

    def get_single_data(loader: _LineLoader) -> Any:
        from .packcheck import check_nodes

        node = loader.get_single_node()
        if node is None:
            return None
        check_nodes(node)
        return loader.construct_document(node)

    _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    _LineLoader.get_single_data = get_single_data
    return _LineLoader


#: parsed packs kept in the cache directory (one entry per pack file and version of it: the
#: built-in packs, a newsroom's own, and a few older versions of each while they are edited)
PARSE_CACHE_ENTRIES = 64
_LINE_KEY = "\x00line"  # the JSON form of a _LineDict: its line and key lines under this key


def _to_json(data: Any) -> Any:
    """``data`` (a parse) as JSON-ready values; ValueError for anything JSON cannot carry
    exactly (then the parse is simply not cached)."""
    if isinstance(data, _LineDict):
        if not all(isinstance(k, str) for k in data) or _LINE_KEY in data:
            raise ValueError("a key JSON cannot keep")
        out = {k: _to_json(v) for k, v in data.items()}
        out[_LINE_KEY] = [data.line, [data.key_lines.get(k, data.line) for k in data]]
        return out
    if isinstance(data, list):
        return [_to_json(v) for v in data]
    if data is None or isinstance(data, (str, bool, int, float)):
        return data
    raise ValueError(f"a {type(data).__name__} JSON cannot keep")


def _from_json_object(obj: dict) -> Any:
    meta = obj.pop(_LINE_KEY, None)
    if meta is None:
        raise ValueError("not a cached parse")
    d = _LineDict(obj)
    d.line = meta[0]
    d.key_lines = dict(zip(obj, meta[1]))
    return d


def load_yaml_cached(path: str | Path) -> Any:
    """:func:`load_yaml` for pack files, with the parse kept in the user cache directory: the
    built-in packs hold thousands of entries, and parsing them (about 0.4 s with libyaml) on
    every start would dominate a one-file run; loading the JSON takes a few milliseconds.

    Entries are JSON behind a digest (:func:`newslint.dirs.seal`) in ``packs-v2/`` of the cache
    directory, named by a hash of the pack's path, size and mtime and of :func:`newslint.dirs.stamp`
    (newslint's and its libraries' versions), at most :data:`PARSE_CACHE_ENTRIES` of them. Any
    problem (a damaged or tampered entry, an unwritable directory) falls back to parsing."""
    import json

    from . import dirs

    folder = entry = None
    try:
        st = os.stat(path)
        folder = dirs.private_dir("packs-v2")
        if folder is not None:
            key = dirs.digest(f"{dirs.stamp()}:{os.path.abspath(path)}:{st.st_size}:{st.st_mtime_ns}")
            entry = os.path.join(folder, key + ".json")
            body = dirs.read_sealed(entry)
            if body is not None:
                return json.loads(bytes(body), object_hook=_from_json_object)
    except (OSError, ValueError, TypeError, IndexError):
        pass
    data = load_yaml(path)
    if entry is not None:
        try:
            body = json.dumps(_to_json(data), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (ValueError, RecursionError):
            return data
        if dirs.write_private(entry, dirs.seal(body)):
            dirs.evict(folder, ".json", PARSE_CACHE_ENTRIES)
    return data


def load_yaml(path: str | Path, text: str | None = None) -> Any:
    """Parse YAML keeping line numbers on mappings; errors name the file and line."""
    import yaml

    from .limits import read_regular

    try:
        if text is None:
            text = read_regular(path, "config", "a rule pack").decode("utf-8")
        return yaml.load(text, Loader=_line_loader())
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise PackError(f"{where}: invalid YAML: {e.problem or e}") from None
    except yaml.YAMLError as e:  # a reader error: a NUL or other control character
        where = f"{path}:{text.count(chr(10), 0, e.position) + 1}" if isinstance(getattr(e, "position", None), int) and text else str(path)
        raise PackError(f"{where}: invalid YAML: {getattr(e, 'reason', None) or e}"
                        + (f" (character U+{e.character:04X})" if isinstance(getattr(e, "character", None), int) else "")) from None
    except OSError as e:
        raise PackError(f"{path}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise PackError(f"{path}: not UTF-8: {e}") from None
    except RecursionError:
        raise PackError(f"{path}: invalid YAML: nested too deeply") from None


# --- the kinds -------------------------------------------------------------------------------
COMMON_KEYS = {
    "code": str,
    "name": str,
    "kind": str,
    "category": str,
    "severity": str,
    "summary": str,
    "message": str,
    "ignorecase": bool,
    "examples": dict,
    "description": str,
}
KIND_KEYS: dict[str, dict[str, Any]] = {
    "existence": {"tokens": list, "tokens_from": str, "patterns": list, "scope": str, "fix": str, "exceptions": list},
    "substitution": {"swap": dict, "fix": str, "exceptions": list},
    "consistency": {"either": list},
    "repetition": {"pattern": str, "exceptions": list, "fix": str},
}
REQUIRED = ("code", "name", "kind", "category", "message")
SCOPES = ("prose", "line")
FIXES = ("none", "safe", "unsafe", "delete-line")
_CODE = rx.compile(r"^[A-Z][A-Z0-9]*\d{2,}$")
_NAME = rx.compile(r"^[a-z][a-z0-9-]*$")


class Pack(Record):
    path: str
    rules: list[type[Rule]]
    lists: dict[str, list]
    #: the line of each list's name in the file (for errors)
    list_lines: dict[str, int]

    __match_args__ = ("path", "rules", "lists", "list_lines")

    def __init__(
        self,
        path: str,
        rules: list[type[Rule]] | None = None,  # None: a new list (and a new dict below)
        lists: dict[str, list] | None = None,
        list_lines: dict[str, int] | None = None,
    ) -> None:
        self.path = path
        self.rules = [] if rules is None else rules
        self.lists = {} if lists is None else lists
        self.list_lines = {} if list_lines is None else list_lines


def builtin_pack_paths() -> list[str]:
    """The YAML packs shipped in ``newslint.builtin_packs`` (the repository's rules/ folder).
    A plain directory listing: importlib.resources would add about 6 ms to every start."""
    from . import builtin_packs

    root = os.path.dirname(os.path.abspath(builtin_packs.__file__))
    return sorted(os.path.join(root, n) for n in os.listdir(root) if n.endswith((".yaml", ".yml")))


def load_pack(path: str | Path, trusted: bool | None = None) -> Pack:
    """A pack, every rule validated and built. ``trusted`` (default: whether it is one of the
    built-in packs, which the test suite validates in full) skips the checks of each field's
    items and the compiling of its patterns before their first use: they cost a few
    milliseconds on every start."""
    path = str(path)
    if trusted is None:
        trusted = path in builtin_pack_paths()
    data = load_yaml_cached(path)
    if data is None:
        return Pack(path)
    if not isinstance(data, dict):
        raise PackError(f"{path}:1: a pack is a mapping with 'rules' and/or 'lists'")
    _check_keys(path, data, {"rules": list, "lists": dict, "pack": str, "description": str}, "pack")
    pack = Pack(path)
    for name, items in (data.get("lists") or {}).items():
        if not isinstance(items, list):
            raise PackError(f"{path}:{data['lists'].line_of(name)}: list '{name}' must be a YAML list")
        pack.lists[name] = items
        pack.list_lines[name] = data["lists"].line_of(name)
    for spec in data.get("rules") or []:
        pack.rules.append(_build_rule(path, spec, trusted))
    return pack


def _check_keys(path: str, spec: dict, allowed: dict[str, Any], what: str) -> None:
    for key, value in spec.items():
        line = spec.line_of(key) if isinstance(spec, _LineDict) else 0
        if isinstance(key, bool):
            raise PackError(f"{path}:{line}: {what}: a key parsed as {key}: YAML reads on/off/yes/no as booleans; quote it")
        if key not in allowed:
            close = _close_matches(str(key), list(allowed), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (valid: {', '.join(sorted(allowed))})"
            raise PackError(f"{path}:{line}: {what}: unknown key '{key}'{hint}")
        want = allowed[key]
        if want is not None and not isinstance(value, want):
            raise PackError(f"{path}:{line}: {what}: '{key}' must be a {want.__name__}, not {type(value).__name__}")


def _build_rule(path: str, spec: Any, trusted: bool = False) -> type[Rule]:
    if not isinstance(spec, dict):
        raise PackError(f"{path}: each entry under 'rules' must be a mapping")
    line = getattr(spec, "line", 0)
    where = f"{path}:{line}"
    for key in REQUIRED:
        if key not in spec:
            raise PackError(f"{where}: rule is missing required key '{key}'")
    kind = spec["kind"]
    if not isinstance(kind, str):
        raise PackError(f"{path}:{spec.line_of('kind')}: 'kind' must be one of {', '.join(KIND_KEYS)}, not a {type(kind).__name__}")
    if kind not in KIND_KEYS:
        close = _close_matches(str(kind), list(KIND_KEYS), n=1)
        raise PackError(f"{path}:{spec.line_of('kind')}: unknown kind '{kind}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
    what = f"rule '{spec.get('name')}'"
    _check_keys(path, spec, {**COMMON_KEYS, **KIND_KEYS[kind]}, what)
    if not trusted:
        from .packcheck import check_items

        check_items(path, spec, what)
    if not _CODE.match(spec["code"]):
        raise PackError(f"{path}:{spec.line_of('code')}: {what}: code '{spec['code']}' must look like NL123")
    if not _NAME.match(spec["name"]):
        raise PackError(f"{path}:{spec.line_of('name')}: {what}: name must be lower-case-with-hyphens")
    if spec["category"] not in CATEGORIES:
        close = _close_matches(spec["category"], CATEGORIES, n=1)
        raise PackError(
            f"{path}:{spec.line_of('category')}: {what}: unknown category '{spec['category']}'"
            + (f" (did you mean '{close[0]}'?)" if close else "")
        )
    try:
        severity = Severity.parse(spec.get("severity", "warning"))
    except KeyError:
        raise PackError(f"{path}:{spec.line_of('severity')}: {what}: severity must be error, warning or info") from None
    if "scope" in spec and spec["scope"] not in SCOPES:
        raise PackError(f"{path}:{spec.line_of('scope')}: {what}: scope must be one of {', '.join(SCOPES)}")
    if "fix" in spec and spec["fix"] not in FIXES:
        raise PackError(f"{path}:{spec.line_of('fix')}: {what}: fix must be one of {', '.join(FIXES)}")
    compiled = []
    for i, pat in enumerate(spec.get("patterns") or []):
        # a user's pattern runs under the regex module's timeout with a budget per run
        # (rx.guarded); a built-in pack's (tested with the project) with re, compiled on first use
        flags = re.IGNORECASE if spec.get("ignorecase", True) else 0
        try:
            origin = f"{path}:{line}: rule {spec['code']} ({spec['name']})"
            compiled.append(rx.compile(pat, flags | re.MULTILINE) if trusted else rx.guarded(pat, flags | re.MULTILINE, origin))
        except re.error as e:
            raise PackError(f"{path}:{spec.line_of('patterns')}: {what}: pattern {i + 1} does not compile: {e}") from None
    if kind == "existence" and not (spec.get("tokens") or spec.get("patterns") or spec.get("tokens_from")):
        raise PackError(f"{where}: {what}: an existence rule needs 'tokens', 'tokens_from' or 'patterns'")
    if kind == "substitution" and not spec.get("swap"):
        raise PackError(f"{where}: {what}: a substitution rule needs 'swap'")
    if kind == "consistency":
        groups = spec.get("either") or []
        if not groups or not all(isinstance(g, list) and len(g) >= 2 for g in groups):
            raise PackError(f"{path}:{spec.line_of('either')}: {what}: 'either' is a list of lists of two or more variants")
    if kind == "repetition" and "pattern" in spec and not trusted:
        try:
            rx.guarded(spec["pattern"])
        except re.error as e:
            raise PackError(f"{path}:{spec.line_of('pattern')}: {what}: pattern does not compile: {e}") from None
    examples = spec.get("examples") or {}
    doc = (spec.get("description") or spec.get("summary") or "").strip()
    if examples:
        doc += "\n\n" + _examples_doc(examples)
    base = {"existence": ExistenceRule, "substitution": SubstitutionRule, "consistency": ConsistencyRule, "repetition": RepetitionRule}[kind]
    attrs = {
        "code": spec["code"],
        "name": spec["name"],
        "category": spec["category"],
        "severity": severity,
        "summary": spec.get("summary", ""),
        "__doc__": doc,
        "origin": f"{path}:{line}",
        "spec": spec,
        "compiled": compiled,
        "trusted": trusted,
        "fixable": spec.get("fix", "none") in ("safe", "delete-line"),
        "options": {},
    }
    if spec.get("tokens_from"):
        attrs["lists"] = {spec["tokens_from"]: WordList(f"phrases that rule {spec['code']} finds", entry="phrase")}
    cls = type(_class_name(spec["name"]), (base,), attrs)
    cls.compile_spec()
    return cls


def _examples_doc(examples: dict) -> str:
    out = []
    for key in ("bad", "good"):
        items = examples.get(key) or []
        if items:
            out.append(f"{key.capitalize()}:")
            for j, ex in enumerate(items):
                if j:
                    out.append("    ---")
                out += ["    " + line for line in str(ex).rstrip("\n").split("\n")]
    return "\n".join(out)


def _class_name(name: str) -> str:
    return "".join(p.capitalize() for p in name.split("-")) + "Rule"


def check_lists(pack: Pack, declared: dict[str, WordList], *, patterns: bool = True) -> None:
    """Every list a pack fills must be declared by a rule, and every entry must have the declared
    shape. Errors name the file, the line and, for a misspelt name or key, the closest match.
    ``patterns=False`` skips compiling ``pattern`` entries (the built-in packs are tested)."""
    for name, items in pack.lists.items():
        line = pack.list_lines.get(name, 0)
        spec = declared.get(name)
        if spec is None:
            close = _close_matches(name, list(declared), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (`newslint lists` shows them)"
            raise PackError(f"{pack.path}:{line}: list '{name}' is not read by any rule{hint}")
        for i, item in enumerate(items):
            problem = _entry_problem(item, spec, patterns)
            if problem:
                where = getattr(item, "line", 0) or line
                raise PackError(f"{pack.path}:{where}: list '{name}': {problem}")
            if isinstance(item, (int, float)) and spec.entry in ("word", "phrase", "pattern"):
                items[i] = str(item)  # a year or a number is read as the text it is written as


def _entry_problem(item: Any, spec: WordList, patterns: bool) -> str | None:
    """What is wrong with one list entry, or None."""
    if isinstance(item, bool) or item is None:
        return f"entry {item!r} is not text: YAML reads on/off/yes/no/null as booleans or null; quote it"
    kind = spec.entry
    if kind in ("word", "phrase", "pattern"):
        if not isinstance(item, (str, int, float)):
            return f"each entry is a {kind}, not a {type(item).__name__}"
        if kind == "word" and len(str(item).split()) != 1:
            return f"each entry is a single word, not '{item}'"
        if kind == "pattern" and patterns:
            return _pattern_problem(str(item))
        return None
    if kind == "group":
        if not isinstance(item, list) or len(item) < 2 or not all(isinstance(v, str) for v in item):
            return "each entry is a list of two or more strings"
        return None
    if not isinstance(item, dict):
        return f"each entry is a mapping, not {item!r}"
    if spec.keys is None:
        for key, value in item.items():
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return f"'{key}' must be a list of strings"
        return None
    for key, value in item.items():
        if key not in spec.keys:
            close = _close_matches(str(key), list(spec.keys), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (valid: {', '.join(sorted(spec.keys))})"
            return f"unknown key '{key}'{hint}"
        want = spec.keys[key]
        if want is not None and not isinstance(value, want):
            names = " or ".join(t.__name__ for t in want) if isinstance(want, tuple) else want.__name__
            return f"'{key}' must be a {names}, not {type(value).__name__}"
        if key == "pattern" and patterns:
            problem = _pattern_problem(str(value))
            if problem:
                return problem
    missing = [k for k in spec.required if k not in item]
    if missing:
        return f"entry is missing required key '{missing[0]}'"
    return None


def _pattern_problem(pattern: str) -> str | None:
    try:
        re.compile(pattern)
    except re.error as e:
        return f"pattern /{pattern}/ does not compile: {e}"
    return None


def merge_lists(packs: Iterable[Pack]) -> dict[str, list]:
    merged: dict[str, list] = defaultdict(list)
    for p in packs:
        for name, items in p.lists.items():
            merged[name].extend(items)
    return dict(merged)


__all__ = [
    "Pack",
    "PackError",
    "load_pack",
    "builtin_pack_paths",
    "merge_lists",
    "check_lists",
    "load_yaml",
]
