"""Subcommands: ``rules`` (list), ``explain CODE`` (describe one), ``lists`` (the word lists),
``eval DIR`` (score), ``serve`` (the review page)."""
from __future__ import annotations

import json
import sys
from typing import Sequence

from .cli import UsageError, _Parser


def run(name: str, argv: Sequence[str]) -> int:
    return {"rules": rules_cmd, "explain": explain_cmd, "lists": lists_cmd, "eval": eval_cmd, "serve": serve_cmd}[name](list(argv))


def _registry(config: str | None, packs: list[str] | None = None):
    from .config import ConfigError, find_config, load_settings
    from .packs import PackError
    from .registry import RegistryError, build_registry

    try:
        path = config or (str(find_config(".")) if find_config(".") else None)
        settings = load_settings(path) if path else None
        return build_registry((settings.packs if settings else []) + (packs or []))
    except (ConfigError, PackError, RegistryError) as e:
        raise UsageError(str(e)) from None


def rules_cmd(argv: list[str]) -> int:
    p = _Parser(prog="newslint rules", description="List the rules newslint knows.")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.add_argument("--config", help="configuration file (its packs are listed too)")
    args = p.parse_args(argv)
    reg = _registry(args.config)
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "category": r.category,
            "severity": str(r.severity),
            "fixable": bool(r.fixable),
            "summary": r.summary,
            "origin": r.origin or r.__module__,
        }
        for r in reg.rules
    ]
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=1)
        print()
    elif args.format == "markdown":
        sys.stdout.write(rules_markdown(reg.rules))
    else:
        for r in rows:
            fix = " (fixable)" if r["fixable"] else ""
            print(f"{r['code']:7s} {r['name']:32s} {r['category']:12s} {r['severity']:8s} {r['summary']}{fix}")
    return 0


def rules_markdown(rules) -> str:
    """The rule table in the README (a test keeps it in step with the registry)."""
    out = ["| code | name | category | severity | fix | summary |", "|---|---|---|---|---|---|"]
    for r in rules:
        summary = (r.summary or "").replace("|", "\\|")
        out.append(f"| {r.code} | {r.name} | {r.category} | {r.severity} | {'safe' if r.fixable else ''} | {summary} |")
    return "\n".join(out) + "\n"


def explain_cmd(argv: list[str]) -> int:
    p = _Parser(prog="newslint explain", description="Explain a rule: what it finds, its options and examples.")
    p.add_argument("rule", help="rule code or name, e.g. NL101 or known-typo")
    p.add_argument("--config", help="configuration file (to find rules in its packs)")
    args = p.parse_args(argv)
    reg = _registry(args.config)
    rule = reg.find(args.rule)
    if rule is None:
        from .config import closest

        raise UsageError(f"unknown rule '{args.rule}'{closest(args.rule, [r.code for r in reg.rules] + [r.name for r in reg.rules])}")
    print(f"{rule.code} {rule.name}")
    print(f"category: {rule.category}; default severity: {rule.severity}; fixable: {'yes' if rule.fixable else 'no'}")
    print(f"defined in: {rule.origin or rule.__module__}")
    print()
    print(rule.describe())
    if rule.options:
        print("\nOptions (set them under [tool.newslint.rules.%s]):" % rule.name)
        for key, opt in rule.options.items():
            print(f"  {key.replace('_', '-')} = {opt.default!r}  {opt.help}")
    if rule.lists:
        print("\nWord lists it reads (extend them with a pack: `lists: {NAME: [...]}`):")
        for name, spec in rule.lists.items():
            print(f"  {name} ({len(reg.lists.get(name, ()))} {_entry_noun(spec)}): {spec.help}")
            if spec.entry == "mapping":
                print(f"    each entry: {_entry_shape(spec)}")
    return 0


def _entry_noun(spec) -> str:
    return {"word": "words", "phrase": "phrases", "pattern": "patterns", "group": "groups"}.get(spec.entry, "entries")


def _entry_shape(spec) -> str:
    if spec.entry != "mapping":
        return spec.entry
    if spec.keys is None:
        return "mapping of names to word lists"
    keys = [f"{k} (required)" if k in spec.required else k for k in spec.keys]
    return "mapping with keys " + ", ".join(keys)


def lists_cmd(argv: list[str]) -> int:
    p = _Parser(prog="newslint lists", description="List the word lists rules read, with their sizes.")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--config", help="configuration file (its packs' additions are counted)")
    args = p.parse_args(argv)
    reg = _registry(args.config)
    rows = [
        {
            "name": name,
            "entries": len(reg.lists.get(name, ())),
            "entry": spec.entry,
            "shape": _entry_shape(spec),
            "rules": [r.code for r in reg.readers(name)],
            "help": spec.help,
        }
        for name, spec in sorted(reg.declared.items())
    ]
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=1)
        print()
        return 0
    width = max((len(r["name"]) for r in rows), default=10)
    print(f"{'list':{width}s} {'size':>5s}  {'entry':8s} {'read by':14s} what it holds")
    for r in rows:
        print(f"{r['name']:{width}s} {r['entries']:5d}  {r['entry']:8s} {','.join(r['rules']):14s} {r['help']}")
    return 0


def eval_cmd(argv: list[str]) -> int:
    from .evaluate import main as eval_main

    return eval_main(argv)


def serve_cmd(argv: list[str]) -> int:
    from .serve import main as serve_main

    return serve_main(argv)


__all__ = ["run", "rules_markdown"]
