"""Where rules come from: built-in Python rules, third-party entry points, and YAML packs.

Built-in Python rules are listed explicitly in ``newslint.rules.MODULES`` (each module has a
``RULES`` list). Third-party packages register under the entry-point group ``newslint.rules``;
an entry point loads to a Rule subclass or a list of them. Packs are the YAML files shipped in
the repository's ``rules/`` folder plus any a configuration names.
"""
from __future__ import annotations

import os
import sys
from functools import cached_property, lru_cache
from typing import Iterable, NamedTuple

from .packs import Pack, PackError, builtin_pack_paths, check_lists, load_pack, merge_lists
from .record import FrozenRecord
from .rule import Rule, WordList

ENTRY_POINT_GROUP = "newslint.rules"


class RegistryError(Exception):
    pass


class Registry(FrozenRecord):
    rules: tuple[type[Rule], ...]
    lists: dict
    #: the lists that packs other than the built-in ones add entries to
    user_lists: frozenset

    __match_args__ = ("rules", "lists", "user_lists")

    def __init__(self, rules: tuple[type[Rule], ...], lists: dict, user_lists: frozenset = frozenset()) -> None:
        self._init(rules=rules, lists=lists, user_lists=user_lists)

    @cached_property
    def declared(self) -> dict[str, WordList]:
        """Every word list a rule declares, by name (see ``Rule.lists``)."""
        return declared_lists(self.rules)

    def readers(self, name: str) -> list[type[Rule]]:
        """The rules that read a word list."""
        return [r for r in self.rules if name in r.lists]

    def by_code(self) -> dict[str, type[Rule]]:
        return {r.code: r for r in self.rules}

    def find(self, key: str) -> type[Rule] | None:
        for r in self.rules:
            if key in (r.code, r.name) or key.upper() == r.code:
                return r
        return None


def python_rules() -> list[type[Rule]]:
    from .rules import builtin_rules

    return list(builtin_rules())


class EntryPoint(NamedTuple):
    """One ``name = module:attr`` line of an installed distribution's entry_points.txt."""

    name: str
    value: str

    def load(self) -> object:
        import importlib

        module, _, attr = self.value.partition(":")
        obj: object = importlib.import_module(module.strip())
        for part in filter(None, attr.strip().split(".")):
            obj = getattr(obj, part)
        return obj


def plugin_entry_points(group: str = ENTRY_POINT_GROUP, path: list[str] | None = None) -> list[EntryPoint]:
    """Entry points of ``group`` declared by the distributions on ``sys.path``.

    This reads ``*.dist-info/entry_points.txt`` (and ``*.egg-info``), the files that
    ``importlib.metadata.entry_points`` reads, directly: importing importlib.metadata costs about
    15 ms, a tenth of newslint's cold start, and scanning the site directories costs about 1 ms.
    As with importlib.metadata, the first distribution of a name on the path wins. Extras
    markers (``[extra]`` after the value) are ignored."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    header = f"[{group}]"
    for entry in sys.path if path is None else path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue  # a zip file or a missing directory
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            dist = name.rsplit(".", 1)[0].split("-", 1)[0].lower().replace("_", "-").replace(".", "-")
            if dist in seen:
                continue
            seen.add(dist)
            try:
                with open(os.path.join(entry or ".", name, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                continue
            if header not in text:
                continue
            found.extend(_section(text, header))
    return found


def _section(text: str, header: str) -> list[EntryPoint]:
    out: list[EntryPoint] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            inside = line == header
            continue
        if inside and "=" in line:
            key, _, value = line.partition("=")
            out.append(EntryPoint(key.strip(), value.split("[", 1)[0].strip()))
    return out


def entry_point_rules() -> list[type[Rule]]:
    found: list[type[Rule]] = []
    for ep in plugin_entry_points():
        try:
            obj = ep.load()
        except Exception as e:  # a broken plugin must not take newslint down
            raise RegistryError(f"plugin '{ep.name}' ({ep.value}) failed to load: {e}") from None
        items = obj if isinstance(obj, (list, tuple)) else [obj]
        for item in items:
            if not (isinstance(item, type) and issubclass(item, Rule)):
                raise RegistryError(f"plugin '{ep.name}' ({ep.value}) is not a newslint Rule subclass")
            item.origin = item.origin or f"plugin {ep.value}"
            found.append(item)
    return found


def load_packs(paths: tuple[str, ...]) -> tuple[Pack, ...]:
    """The packs at these paths, parsed once per process while the files stay unchanged."""
    return _load_packs(tuple((p, _stamp(p)) for p in paths))


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None  # load_pack reports it
    return (st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=32)
def _load_packs(stamped: tuple[tuple[str, tuple[int, int] | None], ...]) -> tuple[Pack, ...]:
    return tuple(load_pack(p) for p, _ in stamped)


def build_registry(extra_packs: Iterable[str] = ()) -> Registry:
    """All rules known for a configuration. Duplicate codes or names are errors."""
    packs = load_packs(tuple(builtin_pack_paths()) + tuple(extra_packs))
    rules: list[type[Rule]] = python_rules() + entry_point_rules()
    for p in packs:
        rules.extend(p.rules)
    seen: dict[str, type[Rule]] = {}
    for r in rules:
        for key in (r.code, r.name):
            if key in seen and seen[key] is not r:
                raise RegistryError(
                    f"rule {key!r} is defined twice: {seen[key].origin or seen[key].__module__} and {r.origin or r.__module__}"
                )
            seen[key] = r
    rules.sort(key=lambda r: _code_key(r.code))
    declared = declared_lists(rules)
    builtin = set(builtin_pack_paths())
    for p in packs:  # before the lists are merged: entries written as numbers become text
        check_lists(p, declared, patterns=p.path not in builtin)
    user_lists = frozenset(name for p in packs if p.path not in builtin for name in p.lists)
    registry = Registry(tuple(rules), merge_lists(packs), user_lists)
    registry.__dict__["declared"] = declared  # the cached property, worked out once
    return registry


def declared_lists(rules: Iterable[type[Rule]]) -> dict[str, WordList]:
    """The word lists the rules declare. Two rules may read one list if they agree on its entries."""
    out: dict[str, WordList] = {}
    owner: dict[str, type[Rule]] = {}
    for r in rules:
        for name, spec in r.lists.items():
            if not isinstance(spec, WordList):
                raise RegistryError(f"rule {r.code}: lists['{name}'] must be a WordList, not {type(spec).__name__}")
            seen = out.get(name)
            if seen is not None and (seen.entry, seen.keys, seen.required) != (spec.entry, spec.keys, spec.required):
                raise RegistryError(
                    f"word list '{name}' is declared differently by rules {owner[name].code} and {r.code}"
                )
            out.setdefault(name, spec)
            owner.setdefault(name, r)
    return out


def _code_key(code: str) -> tuple:
    import re

    m = re.match(r"([A-Z.]+?)(\d+)$", code)
    return (m.group(1), int(m.group(2))) if m else (code, 0)


__all__ = ["Registry", "RegistryError", "PackError", "build_registry", "ENTRY_POINT_GROUP"]
