"""``newslint eval DIR``: score findings against annotated articles.

Each article ``NAME.txt`` (or ``.md``) has a sidecar ``NAME.yaml`` listing its defects::

    article: NAME.txt
    source: where the text came from
    group: seed | clean | ...        # clean = professionally edited copy
    clean: false                     # true: any finding outside `defects` is a false alarm
    lines: N
    defects:
      - {line: 5, category: typo, text: "adn", note: "why it is a defect"}

A finding covers an annotation when it is in the same file, its category counts for the
annotation's category (``COMPAT``), and its line range, or that of one of its related locations,
includes the annotated line. Readability findings are informational: neither hits nor false alarms.
Recall = annotations covered / annotations; precision = findings that cover an annotation / findings.
"""
from __future__ import annotations

import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from .cli import UsageError, _Parser

COMPAT = {
    "typo": {"spelling", "mechanics", "grammar"},
    "mechanics": {"mechanics", "spelling", "grammar", "style", "consistency"},
    "table": {"table"},
    "unattributed": {"attribution"},
    "ai_marker": {"ai-content", "boilerplate"},
    "fabricated_interview": {"ai-content"},
    "boilerplate": {"boilerplate", "ai-content"},
    "numeric_contradiction": {"consistency"},
}
NEUTRAL = {"readability"}


@dataclass
class Article:
    path: str
    meta: dict[str, Any]

    @property
    def defects(self) -> list[dict]:
        return self.meta.get("defects") or []

    @property
    def clean(self) -> bool:
        return bool(self.meta.get("clean")) or self.meta.get("group") == "clean"


@dataclass
class Score:
    hit: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    judged: Counter = field(default_factory=Counter)  # findings per newslint category
    claimed: Counter = field(default_factory=Counter)  # of those, covering an annotation
    clean_false_alarms: list[tuple[str, int, str, str]] = field(default_factory=list)
    missed: list[tuple[str, int, str, str]] = field(default_factory=list)
    articles: int = 0
    clean_articles: int = 0

    @property
    def recall(self) -> float:
        t = sum(self.total.values())
        return sum(self.hit.values()) / t if t else 1.0

    @property
    def precision(self) -> float:
        j = sum(self.judged.values())
        return sum(self.claimed.values()) / j if j else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "clean_articles": self.clean_articles,
            "recall": {c: {"hit": self.hit[c], "total": self.total[c]} for c in sorted(self.total)},
            "precision": {c: {"claimed": self.claimed[c], "findings": self.judged[c]} for c in sorted(self.judged)},
            "overall_recall": round(self.recall, 4),
            "overall_precision": round(self.precision, 4),
            "clean_false_alarms": len(self.clean_false_alarms),
        }


def load_articles(directory: str) -> list[Article]:
    """Every sidecar YAML under ``directory`` (recursively) whose article exists beside it."""
    from .packs import PackError, load_yaml

    out: list[Article] = []
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml")):
                continue
            path = os.path.join(root, name)
            try:
                meta = load_yaml(path)
            except PackError as e:
                raise UsageError(str(e)) from None
            if not isinstance(meta, dict) or "article" not in meta:
                continue
            article = os.path.join(root, str(meta["article"]))
            if not os.path.isfile(article):
                raise UsageError(f"{path}: article '{meta['article']}' does not exist beside it")
            out.append(Article(article, meta))
    return out


def covers(f: dict, line: int) -> bool:
    spans = [(f["line"], f.get("end_line") or f["line"])]
    spans += [(r["line"], r.get("end_line") or r["line"]) for r in f.get("related") or []]
    return any(a <= line <= b for a, b in spans)


def score(articles: Iterable[Article], findings_by_path: dict[str, list[dict]], only: set[str] | None = None) -> Score:
    s = Score()
    for art in articles:
        s.articles += 1
        s.clean_articles += art.clean
        findings = [f for f in findings_by_path.get(art.path, []) if only is None or f["category"] in only]
        defects = art.defects
        if only is not None:
            defects = [d for d in defects if COMPAT[d["category"]] & only]
        for d in defects:
            s.total[d["category"]] += 1
            if any(f["category"] in COMPAT[d["category"]] and covers(f, d["line"]) for f in findings):
                s.hit[d["category"]] += 1
            else:
                s.missed.append((art.path, d["line"], d["category"], str(d.get("text", ""))[:60]))
        for f in findings:
            if f["category"] in NEUTRAL:
                continue
            s.judged[f["category"]] += 1
            ok = any(f["category"] in COMPAT[d["category"]] and covers(f, d["line"]) for d in defects)
            s.claimed[f["category"]] += ok
            if not ok and art.clean:
                s.clean_false_alarms.append((art.path, f["line"], f["rule"], f["message"][:80]))
    return s


def lint_articles(articles: list[Article], select: list[str] | None = None, config: str | None = None) -> dict[str, list[dict]]:
    from .runner import Overrides, Session, lint_one

    session = Session(Overrides(config=config, select=select))
    out: dict[str, list[dict]] = {}
    for art in articles:
        result, _, _ = lint_one(session, art.path)
        if result.error:
            raise UsageError(result.error)
        out[art.path] = [f.to_dict() for f in result.findings]
    return out


def evaluate(directory: str, select: list[str] | None = None, only: set[str] | None = None, config: str | None = None) -> Score:
    articles = load_articles(directory)
    if not articles:
        raise UsageError(f"{directory}: no annotated articles (NAME.yaml beside NAME.txt)")
    return score(articles, lint_articles(articles, select, config), only)


def markdown_table(rows: list[tuple[str, Score]]) -> str:
    cats = sorted({c for _, s in rows for c in s.total})
    head = "| corpus | articles (clean) | " + " | ".join(f"recall {c}" for c in cats) + " | overall recall | precision | clean false alarms |"
    out = [head, "|" + "---|" * (head.count("|") - 1)]
    for name, s in rows:
        cells = [f"{s.hit[c]}/{s.total[c]}" if s.total[c] else "–" for c in cats]
        out.append(
            f"| {name} | {s.articles} ({s.clean_articles}) | " + " | ".join(cells)
            + f" | {s.recall:.2f} | {s.precision:.2f} | {len(s.clean_false_alarms)} |"
        )
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    p = _Parser(prog="newslint eval", description="Score newslint's findings against annotated articles (NAME.yaml beside NAME.txt).")
    p.add_argument("dirs", nargs="+", metavar="DIR")
    p.add_argument("--select", help="rules to run (comma-separated codes, prefixes, names, categories)")
    p.add_argument("--only", help="judge only findings of these newslint categories (comma-separated)")
    p.add_argument("--config", help="configuration file")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.add_argument("--show-missed", action="store_true", help="list the annotations no finding covers")
    args = p.parse_args(argv)
    select = [s for s in args.select.split(",")] if args.select else None
    only = set(args.only.split(",")) if args.only else None
    rows = [(d.rstrip("/"), evaluate(d, select, only, args.config)) for d in args.dirs]
    if args.format == "json":
        json.dump({name: s.as_dict() for name, s in rows}, sys.stdout, indent=1)
        print()
        return 0
    if args.format == "markdown":
        sys.stdout.write(markdown_table(rows))
        return 0
    for name, s in rows:
        print(f"== {name}: {s.articles} articles ({s.clean_articles} clean)")
        for c in sorted(s.total):
            print(f"recall {c:22s} {s.hit[c]:4d}/{s.total[c]:4d} = {s.hit[c] / s.total[c]:.2f}")
        for c in sorted(s.judged):
            print(f"precision {c:19s} {s.claimed[c]:4d}/{s.judged[c]:4d} = {s.claimed[c] / s.judged[c]:.2f}")
        print(f"overall recall {s.recall:.2f}; precision {s.precision:.2f}; clean false alarms {len(s.clean_false_alarms)}")
        for fa in s.clean_false_alarms[:30]:
            print("  clean false alarm:", *fa)
        if args.show_missed:
            for m in s.missed:
                print("  missed:", *m)
    return 0


__all__ = ["COMPAT", "evaluate", "score", "load_articles", "markdown_table"]
