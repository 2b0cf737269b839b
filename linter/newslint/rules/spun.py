"""Rule family: spun copy (NL6xx, category ai-content).

Content farms pass wire copy through a synonym spinner so that it no longer matches its source:
"artificial intelligence" comes out as "counterfeit consciousness", "under sanctions" as "less
than sanction", "backed by" as "backed through". Some publish the spinner's input unresolved,
with its alternatives still in braces or slashes ("{rose|climbed|jumped}", "fell/dropped/slid").

The substitutions are data (``ai.spinner-substitutions`` in ``rules/ai-content.yaml``): each
entry is the spun wording and the phrase it replaced; a contributor adds pairs there.
"""
from __future__ import annotations

from typing import Iterator

from .. import rx
from ..analysis.entries import GATED_KEYS, gated_list
from ..analysis.lines import in_quotes, shorten
from ..document import Document
from ..finding import Finding, Related, Severity
from ..rule import Context, Rule, WordList

SUBSTITUTIONS = WordList(
    "spinner substitutions: the spun wording (regex `pattern` with a `gate`) and the phrase it replaced (`for`)",
    entry="mapping",
    keys={**GATED_KEYS, "for": str, "what": str},
    required=("pattern", "for"),
)

# {a|b|c}: unresolved spintax in braces
_BRACES = rx.compile(r"\{[^{}|\n]{1,60}(?:\|[^{}|\n]{0,60})+\}")
# a/b/c: three or more alternatives of one to four lower-case words, joined by slashes
_ALT = r"[a-z][a-z'’-]*(?: [a-z][a-z'’-]*){0,3}"
_ONE = r"[a-z][a-z'’-]*"
_SLASHES = rx.compile(r"(?<![\w/.:])" + _ONE + r"(?:/" + _ALT + r")+/" + _ONE + r"(?![\w/])")


class UnspunSpintax(Rule):
    """Spinner input published unresolved: alternatives in braces ("{rose|climbed|jumped}"),
    or two or more groups of three or more alternatives joined by slashes in one article
    ("prices fell/dropped/slid as the strike/walkout/stoppage ..."). One slash group alone ("and/or/but") is left alone; URLs and dates never match.

    Bad:
        Prices {rose|climbed|jumped} sharply on Monday.
    ---
        Tensions are rising/growing/mounting as the dispute/row/standoff drags on.

    Good:
        Applicants may send a letter and/or an email/text message.
    ---
        See example.com/news/world/europe for more.
    """

    code = "NL607"
    name = "unspun-spintax"
    category = "ai-content"
    severity = Severity.error
    summary = "Spinner alternatives left unresolved ({a|b|c} or a/b/c groups)"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.prose
        hits: list[tuple[int, int, str]] = []
        if "{" in text and "|" in text:
            hits += [(m.start(), m.end(), "braces") for m in _BRACES.finditer(text)]
        if text.count("/") >= 4:
            slashes = [(m.start(), m.end(), "slashes") for m in _SLASHES.finditer(text) if doc.line_of(m.start()).kind not in ("code", "table")]
            if len(slashes) >= 2:
                hits += slashes
        hits.sort()
        for s, e, how in hits:
            others = [Related(a, b, "unresolved alternatives") for a, b, _ in hits if a != s]
            n = doc.text[s:e].count("|" if how == "braces" else "/") + 1
            yield self.finding(s, e, f"Unresolved spinner alternatives ({n} choices): '{shorten(doc.text[s:e], 50)}'; pick one", related=others)


class SpinnerSubstitution(Rule):
    """A synonym spinner's substitution for a common collocation, or a machine translation's calque
    of another language's news wording ("realized a press conference", "affirmed the minister"):
    "counterfeit consciousness"
    for "artificial intelligence", "backed through the US" for "backed by the US", "less than
    sanction" for "under sanctions". The pairs are in the ``ai.spinner-substitutions`` list
    (published "tortured phrases" of Cabanac et al. 2021 and the unidiomatic swaps spinners make
    in news copy); quoted speech is not checked. Each finding names the phrase replaced and
    points at the article's other substitutions.

    Bad:
        Banks are investing in counterfeit consciousness to vet loans.
    ---
        The rebels, backed through the US, held the town.

    Good:
        Banks are investing in artificial intelligence to vet loans.
    ---
        The rebels, backed by the US, held the town.
    """

    code = "NL608"
    name = "spinner-substitution"
    category = "ai-content"
    severity = Severity.warning
    summary = "A synonym spinner's substitution for a common phrase"
    lists = {"ai.spinner-substitutions": SUBSTITUTIONS}

    def setup(self, ctx: Context) -> None:
        self.entries = gated_list(ctx, "ai.spinner-substitutions")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        hits = []
        for m, spec in self.entries.run(doc, ctx):
            if in_quotes(doc, m.start()):
                continue
            hits.append((m.start(), m.end(), str(spec.get("for", "")), str(spec.get("what", "Spun wording"))))
        hits.sort()
        for s, e, orig, what in hits:
            others = [Related(a, b, w.lower()) for a, b, _, w in hits if a != s]
            yield self.finding(s, e, f"{what}: '{shorten(doc.text[s:e], 40)}' stands for '{orig}'", related=others)


RULES = [UnspunSpintax, SpinnerSubstitution]
