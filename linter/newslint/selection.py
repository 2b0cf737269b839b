"""Rule selection: which rules run for a configuration, with which options and severities.

Selectors (``select``, ``ignore``, ``per-file-ignores``, ``severity`` keys, ``--select``...) name
rules by code (``NL101``), code prefix (``NL1``), name (``known-typo``), category (``spelling``),
``ALL``, or a sub-code of one rule's findings (``LT.EN_QUOTES``).
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from .config import ConfigError, Settings, closest
from .finding import CATEGORIES
from .rule import Option, Rule


def select_rules(settings: Settings, rules: Iterable[type[Rule]], find) -> list[Rule]:
    """Instantiate the selected rules with their options and severities (errors: ConfigError).
    ``find`` looks a rule up by code or name (``Registry.find``)."""
    s = settings
    rules = list(rules)
    where = s.path or "<command line>"
    for key in ("select", "extend_select", "ignore"):
        name = key.replace("_", "-")
        for sel in getattr(s, key):  # each blamed on where it was set: a file's line, or the command line
            check_selectors([sel], rules, s.blame.get((name, sel), where), name)
    for glob, sels in s.per_file_ignores.items():
        check_selectors(sels, rules, where, f"per-file-ignores.{glob}")
    check_selectors(s.severity, rules, where, "severity")
    options: dict[type[Rule], dict] = {}
    for key, opts in s.rules.items():
        rule = find(key)
        if rule is None:
            raise ConfigError(f"{where}: 'rules': unknown rule '{key}'{closest(key, [r.name for r in rules] + [r.code for r in rules])}")
        options[rule] = validate_rule_options(rule, opts, f"{where}: rules.{key}")
    out = []
    for r in rules:
        chosen = any(selector_matches(x, r) for x in s.select) or any(selector_matches(x, r) for x in s.extend_select)
        if getattr(r, "opt_in", False):
            chosen = any(selector_matches(x, r) and x.upper() != "ALL" for x in s.select + s.extend_select)
        if not chosen or any(selector_matches(x, r) and not is_subcode(x, r) for x in s.ignore):
            continue
        sev = None
        for sel, level in s.severity.items():
            if selector_matches(sel, r) and not is_subcode(sel, r):
                sev = level
        out.append(r(options.get(r), sev))
    return out


def selector_matches(selector: str, rule: type[Rule]) -> bool:
    sel = selector.strip()
    if sel.upper() == "ALL":
        return True
    if sel == rule.name or sel == rule.category or rule.code.upper().startswith(sel.upper()):
        return True
    return is_subcode(sel, rule)


def is_subcode(selector: str, rule: type[Rule]) -> bool:
    """A selector for some of one rule's findings: ``LT.EN_QUOTES`` within the LanguageTool rule."""
    return selector.strip().upper().startswith(rule.code.upper() + ".")


def finding_code_matches(selector: str, code: str) -> bool:
    """Does a sub-code selector (one with a dot) match a finding's code?"""
    return "." in selector and code.upper().startswith(selector.strip().upper())


def check_selectors(selectors: Iterable[str], registry: Iterable[type[Rule]], where: str, key: str) -> None:
    rules = list(registry)
    for sel in selectors:
        if not any(selector_matches(sel, r) for r in rules) and sel not in CATEGORIES:
            choices = [r.code for r in rules] + [r.name for r in rules] + list(CATEGORIES)
            raise ConfigError(f"{where}: '{key}': unknown rule or category '{sel}'{closest(sel, choices)}")


def validate_rule_options(rule: type[Rule], options: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Check per-rule options against the rule's declared schema; return them normalised."""
    out: dict[str, Any] = {}
    declared = {k.replace("_", "-"): (k, o) for k, o in rule.options.items()}
    for raw, value in options.items():
        name = str(raw).replace("_", "-")
        if name not in declared:
            hint = closest(name, declared) or (f" (options: {', '.join(declared)})" if declared else " (it has no options)")
            raise ConfigError(f"{where}: rule {rule.code} ({rule.name}) has no option '{raw}'{hint}")
        key, opt = declared[name]
        out[key] = _coerce(opt, value, f"{where}: option '{raw}' of {rule.name}")
    return out


def _coerce(opt: Option, value: Any, what: str) -> Any:
    kind = opt.kind
    if kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{what} must be true or false")
    elif kind in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
            raise ConfigError(f"{what} must be a{'n integer' if kind is int else ' number'}, not {value!r}")
        if opt.min is not None and value < opt.min:
            raise ConfigError(f"{what} must be at least {opt.min:g}, not {value}")
        if opt.max is not None and value > opt.max:
            raise ConfigError(f"{what} must be at most {opt.max:g}, not {value}")
    elif kind is list:
        if isinstance(value, str) or not isinstance(value, list):
            raise ConfigError(f"{what} must be a list")
    elif kind is str:
        if not isinstance(value, str):
            raise ConfigError(f"{what} must be a string")
    if opt.choices is not None and value not in opt.choices:
        raise ConfigError(f"{what} must be one of {', '.join(map(str, opt.choices))}, not {value!r}{closest(str(value), map(str, opt.choices))}")
    return value
