"""Internal consistency of details: one quotation worded two ways, one person given two titles
(NL807, NL808)."""
from __future__ import annotations

import re
from typing import Iterator

from .. import rx
from ..analysis.keywords import add_keywords, hits_of
from ..analysis.statements import sentence_span
from ..analysis.words import word_table
from ..document import Document
from ..finding import Finding, Related, Severity
from ..rule import Context, Rule

# --- quotations -------------------------------------------------------------------------------
_QWORD = rx.compile(r"[\w’'-]+")


class QuotationDrift(Rule):
    """The same quotation given twice with different wording: "This is not only the United
    States but also China" and later "This is not just the United States, but China too". Two
    quotations of six or more words whose wording mostly agrees (difflib ratio of 0.75 or more)
    but differs in some words are reported, with the differing words; a shorter excerpt of the
    same quotation is not drift.

    Bad:
        He said, "We will rebuild every school that was destroyed in the floods." Later he repeated: "We will rebuild every single school that was damaged in the floods."
    Good:
        He said, "We will rebuild every school that was destroyed in the floods." Later he repeated that "every school that was destroyed" would be rebuilt.
    """

    code = "NL807"
    name = "quotation-drift"
    category = "consistency"
    severity = Severity.warning
    summary = "The same quotation given twice with different wording"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        qs = [q for q in doc.quotations if q.closed]
        if len(qs) < 2:
            return
        prose = doc.prose
        items = []
        for q in qs:
            inner = prose[q.start + 1:q.end - 1]
            if "[" in inner:
                continue  # an editor's insertion: the wording was changed on purpose
            words = _words(inner)
            if len(words) >= 6:
                items.append((q, words, set(words), "…" in inner or "..." in inner))
        for i, (qa, wa, sa, ea) in enumerate(items):
            for qb, wb, sb, eb in items[i + 1:]:
                if wa == wb:
                    continue
                common = len(sa & sb)
                if common < 0.6 * max(len(sa), len(sb)):
                    continue
                if _contains(wa, wb) or _contains(wb, wa):
                    continue
                import difflib  # only for the few articles that reach it

                sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
                if sm.real_quick_ratio() < 0.75 or sm.quick_ratio() < 0.75 or sm.ratio() < 0.75:
                    continue
                diffs = []
                for op, a1, a2, b1, b2 in sm.get_opcodes():
                    if op == "equal":
                        continue
                    diffs.append(f"'{' '.join(wa[a1:a2]) or '—'}' vs '{' '.join(wb[b1:b2]) or '—'}'")
                # one quotation trimmed at either end is an excerpt, not drift
                ops = [o for o in sm.get_opcodes() if o[0] != "equal"]
                if (ea or eb) and all(o[0] in ("delete", "insert") for o in ops):
                    continue  # words left out with an ellipsis
                if all(o[0] == "delete" or o[0] == "insert" for o in ops) and all(
                    (o[1] == 0 and o[3] == 0) or (o[2] == len(wa) and o[4] == len(wb)) for o in ops
                ):
                    continue
                yield self.finding(
                    qb.start,
                    qb.end,
                    "The same quotation is worded differently elsewhere: " + "; ".join(diffs[:4]),
                    related=[Related(qa.start, qa.end, "the other rendering")],
                )
                break


def _words(inner: str) -> list[str]:
    """The words of a quotation, each lower-cased with ’ as '."""
    low = inner.lower()
    # lower-casing the whole quotation at once gives the same words, unless it changes the
    # length (İ lower-cases to two characters) or the case of Σ depends on what lies beyond
    # its word (σ or ς)
    if len(low) == len(inner) and "Σ" not in inner:
        return _QWORD.findall(low.replace("’", "'"))
    return [w.lower().replace("’", "'") for w in _QWORD.findall(inner)]


def _contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return n <= len(big) and any(big[i:i + n] == small for i in range(len(big) - n + 1))


# --- titles -----------------------------------------------------------------------------------
_TITLE_HEADS = (
    "Minister|President|Secretary|Governor|Senator|Mayor|General|Chancellor|Ambassador|Spokesperson|Spokesman|"
    "Spokeswoman|Director|Chairman|Chairwoman|Chair|Commissioner|Speaker|Premier|Judge|Justice|Colonel|Admiral|"
    "Commander|Envoy|Representative|Congressman|Congresswoman|Councillor|Councilor|Prosecutor|Coach|Captain|"
    "Lieutenant|Sergeant|Marshal|Superintendent|Inspector|Sheriff|Bishop|Cardinal|Rabbi|Imam"
)
_HEAD_WORDS = add_keywords(_TITLE_HEADS.lower().split("|"))
_NAME_AFTER = rx.compile(
    r" (?P<name>[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?){1,2})\b"
)
_RANK = frozenset("Deputy Vice Assistant Under Associate Junior Acting Interim Lieutenant".split())
_TITLE_TIMED = rx.compile(
    r"\b(?:former|then|ex|later|now|new|newly|incoming|outgoing|acting|interim|elected|appointed|named|became|become|"
    r"becomes|promoted|previously|served|serving|until|before|after|resigned|sworn|nominated|replaced|succeeded|"
    r"successor|predecessor|once|retired|late)\b",
    re.I,
)
_TITLE_DROP = frozenset("The A An Mr Mrs Ms Dr Russian American British Chinese French German Ukrainian Korean South North "
                        "Japanese Indian Israeli Iranian Turkish Polish Italian Spanish Canadian Australian Brazilian "
                        "European Kenyan Nigerian Mexican Then Former".split())


class TitleConflict(Rule):
    """One named person given two incompatible titles: "Defence Minister Ana Costa" and later
    "Foreign Minister Ana Costa" (two portfolios under one head), or "Deputy Mayor Tom Reyes"
    and "Mayor Tom Reyes" (a rank added or dropped). A shorter form of the same title
    ("Minister Ana Costa"), offices with different heads (President and General Secretary),
    places and parties ("Texas Governor", "Republican Governor") are fine, and so is any
    mention in a sentence with a time qualifier ("former", "then", "newly appointed", "later
    became").

    Bad:
        Defence Minister Ana Costa said the plan was ready. Foreign Minister Ana Costa told reporters it would be signed in May.
    Good:
        Defence Minister Ana Costa said the plan was ready. Minister Ana Costa told reporters it would be signed in May.
        ---
        Former Defence Minister Ana Costa criticised the plan. Foreign Minister Ana Costa, appointed in May, defended it.
        ---
        Texas Governor Greg Abbott signed the bill. Republican Governor Greg Abbott said it would pass.
    """

    code = "NL808"
    name = "title-conflict"
    category = "consistency"
    severity = Severity.warning
    summary = "One named person given two incompatible titles"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        t = word_table(doc)
        heads = hits_of(doc, _HEAD_WORDS)
        if len(heads) < 2:
            return
        seen: dict[str, list[tuple[tuple[str, ...], int, int]]] = {}
        for i in heads:
            hs = t.starts[i]
            if not prose[hs].isupper():
                continue
            m = _NAME_AFTER.match(prose, t.ends[i])
            if not m:
                continue
            # the title: the head and up to three capitalised words right before it
            first = i
            while first > 0 and i - first < 3 and prose[t.starts[first - 1]].isupper() and prose[t.ends[first - 1]:t.starts[first]] == " ":
                first -= 1
            words = tuple(w for w in prose[t.starts[first]:t.ends[i]].split() if w not in _TITLE_DROP)
            if words:
                seen.setdefault(m.group("name"), []).append((words, t.starts[first], t.ends[i]))
        for name, mentions in seen.items():
            if len(mentions) < 2 or all(_compatible(mentions[0][0], w) for w, _, _ in mentions[1:]):
                continue
            mentions = [x for x in mentions if not _TITLE_TIMED.search(prose, *sentence_span(doc, x[1]))]
            if len(mentions) < 2:
                continue
            first = mentions[0]
            for words, s, e in mentions[1:]:
                if _compatible(first[0], words):
                    continue
                yield self.finding(
                    s, e,
                    f"{name} is '{' '.join(words)}' here but '{' '.join(first[0])}' elsewhere",
                    related=[Related(first[1], first[2], "the other title")],
                )
                break


_PORTFOLIOS = frozenset(
    "Prime Defence Defense Foreign Finance Health Interior Education Justice Economy Economic Trade Energy Environment "
    "Agriculture Labour Labor Transport Transportation Culture Home Treasury Commerce Housing Digital Science Tourism "
    "Sports Youth Industry Fisheries Infrastructure Development Security Immigration Communications Information "
    "Veterans Attorney Solicitor".split()
)


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two titles can both be right unless they name different offices of one kind: another
    portfolio under the same head ("Defence Minister" and "Foreign Minister") or a dropped or
    added rank ("Deputy Mayor" and "Mayor"). Different heads can be held together (President
    and General Secretary); places and parties are descriptions ("Texas Governor", "Republican
    Governor")."""
    if a[-1] != b[-1]:
        return True
    ra, rb = set(a) & _RANK, set(b) & _RANK
    if ra != rb:
        return False
    pa, pb = set(a) & _PORTFOLIOS, set(b) & _PORTFOLIOS
    return not (pa and pb and pa != pb)



RULES = [QuotationDrift, TitleConflict]
