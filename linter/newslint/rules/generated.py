"""Rule family: generated copy (NL6xx, category ai-content).

Content farms rewrite wire stories with a chatbot and pad them out: an interview with an invented
expert, "Key Takeaways" and "Key Points at a Glance" sections, questions to the reader, stock
phrasing ("adds a layer of complexity", "the world watches closely"), and sometimes the
chatbot's own chatter ("Certainly! Here's", "[Insert quote]", "oaicite").

Every phrase list lives in ``rules/ai-content.yaml`` (read with ``ctx.list``); the structure (the
Q&A shape of an interview, phrase density, template blocks) is worked out here.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from ..document import Document, Line
from ..finding import Finding, Related, Severity
from ..packs import PhraseIndex
from ..rule import Context, Option, Rule

# --- shared helpers (also used by boilerplate.py) ----------------------------------------------

_APOS = str.maketrans({"’": "'", "‘": "'"})


def norm_prose(doc: Document) -> str:
    """``doc.prose`` with curly apostrophes folded to ' (same length, same offsets)."""
    return doc.memo("gen.prose", lambda d: d.prose.translate(_APOS))


def norm_text(doc: Document) -> str:
    return doc.memo("gen.text", lambda d: d.text.translate(_APOS))


def _cache(ctx: Context) -> dict:
    return ctx.__dict__.setdefault("_newslint_gen_cache", {})


def compiled_entries(ctx: Context, name: str) -> list[tuple[re.Pattern, dict]]:
    """A YAML list of regexes (strings or mappings with ``pattern``) compiled once per Context.

    Matching is case-insensitive unless the entry says ``case: true``."""
    cache = _cache(ctx)
    key = ("entries", name)
    if key not in cache:
        out = []
        for item in ctx.list(name):
            spec = dict(item) if isinstance(item, dict) else {"pattern": str(item)}
            flags = re.M | (0 if spec.get("case") else re.I)
            out.append((re.compile(str(spec["pattern"]), flags), spec))
        cache[key] = out
    return cache[key]


def combined(ctx: Context, name: str, *, whole: bool = False) -> re.Pattern | None:
    """All regexes of a list as one alternation (one scan instead of many)."""
    cache = _cache(ctx)
    key = ("combined", name, whole)
    if key not in cache:
        parts = []
        for item in ctx.list(name):
            pat = str(item["pattern"]) if isinstance(item, dict) else str(item)
            parts.append(f"(?:{pat})")
        cache[key] = re.compile("|".join(parts), re.I | re.M) if parts else None
    return cache[key]


def phrase_index(ctx: Context, name: str) -> PhraseIndex:
    cache = _cache(ctx)
    key = ("phrases", name)
    if key not in cache:
        cache[key] = PhraseIndex(str(p) for p in ctx.list(name))
    return cache[key]


def word_set(ctx: Context, name: str) -> frozenset[str]:
    cache = _cache(ctx)
    key = ("set", name)
    if key not in cache:
        cache[key] = frozenset(" ".join(str(p).lower().split()) for p in ctx.list(name))
    return cache[key]


def word_set_cased(ctx: Context, name: str) -> frozenset[str]:
    cache = _cache(ctx)
    key = ("cased", name)
    if key not in cache:
        cache[key] = frozenset(" ".join(str(p).split()) for p in ctx.list(name))
    return cache[key]


def in_quotes(doc: Document, start: int) -> bool:
    return doc.in_quotation(start)


def shorten(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


_STRIP_MARKS = re.compile(r"^[\s#>*_•·▪●◦‣-]*|[\s*_:]*$")


def bare_line(text: str) -> str:
    """A line without Markdown heading/quote/bullet marks, emphasis and a trailing colon."""
    return _STRIP_MARKS.sub("", text)


# --- NL601 fabricated interview ------------------------------------------------------------------

_LABEL_AT = re.compile(r"[ \t]*(?:\*\*)?(?P<label>[^:\n]{1,60}?)(?:\*\*)?:")
_TITLES = frozenset("dr dr. prof prof. professor mr mr. mrs mrs. ms ms. sir dame gen. gen col. rev. rev".split())
_GENERIC_GUESTS = frozenset({
    "a",
    "answer",
    "guest",
    "expert",
    "analyst",
    "the expert",
    "the guest",
    "respondent",
    "interviewee",
})


def _norm_label(label: str) -> str:
    return " ".join(label.replace("*", "").replace("’", "'").lower().split()).strip(" .")


def _label_span(doc: Document, line: Line) -> tuple[int, int]:
    m = _LABEL_AT.match(doc.text, line.start, line.end)
    if not m:
        return line.start, line.end
    return line.start + (len(line.text) - len(line.text.lstrip())), m.end()


class _Interview:
    __slots__ = ("first", "interviewer", "guest", "evidence", "score", "counter", "generic")

    def __init__(self) -> None:
        self.evidence: list[tuple[int, int, str]] = []
        self.score = 0
        self.counter: list[str] = []


def _affiliated(text: str, words: frozenset[str]) -> bool:
    """True when text names an institution: 'at/of/from/with (the) <Capitalised words with an
    institution word>' or an all-capital acronym after such a preposition."""
    for m in _AFFIL.finditer(text):
        org = m.group("org")
        tokens = org.split()
        if any(t.strip(",.;’'") in words for t in tokens) or any(
            " ".join(tokens[i : i + 2]).strip(",.;") in words for i in range(len(tokens))
        ):
            return True
        if re.fullmatch(r"[A-Z]{2,6}", tokens[0].strip(",.;")):
            return True
    return False


_AFFIL = re.compile(
    r"\b(?:at|of|from|with|for|joined|leads|heads|runs|directs|chairs)\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w&’'.-]*(?:\s+(?:of|for|and|on|in|de|the|&|[A-Z][\w&’'.-]*)){0,7})"
)


def analyse_interview(doc: Document, ctx: Context) -> _Interview | None:
    """The Q&A structure of a document and the evidence that it was generated."""
    lines = doc.lines
    label_lines = [ln for ln in lines if ln.kind == "label"]
    if len(label_lines) < 4:
        return None
    generic = word_set(ctx, "ai.generic-interviewer-labels")
    turns: dict[str, list[Line]] = {}
    for ln in label_lines:
        lab = doc.label(ln)
        if lab is None:
            continue
        turns.setdefault(_norm_label(lab), []).append(ln)
    speakers = [k for k, v in turns.items() if len(v) >= 2]
    if len(speakers) < 2:
        return None
    iv = _Interview()
    placeholder = [k for k in speakers if k.startswith("[")]
    gen = [k for k in speakers if k in generic]
    interviewer = (placeholder + gen or [None])[0]
    if interviewer is None:
        return None  # a named interviewer: not our business
    others = sorted((k for k in speakers if k != interviewer), key=lambda k: -len(turns[k]))
    guest = others[0]
    iv.interviewer, iv.guest = interviewer, guest
    iv.first = min(label_lines, key=lambda ln: ln.start)
    first_label_start = iv.first.start
    text = doc.text

    ia, ib = _label_span(doc, turns[interviewer][0])
    shown = text[ia:ib].rstrip(":*").strip("* ")
    if interviewer.startswith("["):
        iv.evidence.append((ia, ib, f"placeholder interviewer label '{shown}'"))
        iv.score += 3
    else:
        iv.evidence.append((ia, ib, f"generic interviewer label '{shown}'"))
        iv.score += 2
    ga, gb = _label_span(doc, turns[guest][0])
    gshown = text[ga:gb].rstrip(":*").strip("* ")
    if guest.startswith("["):
        iv.evidence.append((ga, gb, f"placeholder guest label '{gshown}'"))
        iv.score += 3

    # who is the guest? look at the introduction (everything before the first speaker line)
    intro = doc.prose[:first_label_start]
    affiliation_words = word_set_cased(ctx, "ai.affiliation-words")
    if not guest.startswith("["):
        name_tokens = [t for t in re.findall(r"[^\W\d_][\w’'-]*", gshown) if t.lower() not in _TITLES]
        surname = name_tokens[-1] if name_tokens and guest not in _GENERIC_GUESTS else None
        if surname and len(surname) > 1:
            m = re.search(r"\b" + re.escape(surname) + r"\b", intro, re.I)
            if m is None:
                if not _affiliated(intro, affiliation_words):
                    iv.evidence.append((ga, gb, f"guest '{gshown}' is never introduced"))
                    iv.score += 2
            else:
                si = doc.sentence_index(m.start())
                s_end = doc.sentences[si].end if si >= 0 else min(len(intro), m.end() + 200)
                # the full name and its appositive: "Dr. Elena Kovalenko, a geopolitical analyst"
                a = m.start()
                back = re.search(r"(?:\b(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?(?:[A-Z][\w’'-]*\s+){0,3}$", intro[max(0, a - 60) : a])
                if back:
                    a = max(0, a - 60) + back.start()
                desc = intro[m.end() : s_end]
                if not _affiliated(intro[a:s_end], affiliation_words):
                    app = re.match(r",?\s*((?:an?|the|who is an?)\s[^,.;]{2,80})", desc)
                    b = m.end() + (app.end() if app else 0)
                    what = f" as '{shorten(app.group(1), 50)}'" if app else ""
                    iv.evidence.append((a, b, f"guest introduced only{what}, with no checkable affiliation"))
                    iv.score += 2
        elif not _affiliated(intro, affiliation_words):
            iv.evidence.append((ga, gb, "the guest is never named or affiliated"))
            iv.score += 2

    # stock framing anywhere in the document
    pat = combined(ctx, "ai.interview-framing")
    if pat is not None:
        seen = 0
        for m in pat.finditer(norm_prose(doc)):
            iv.evidence.append((m.start(), m.end(), f"stock framing '{shorten(text[m.start():m.end()], 40)}'"))
            seen += 1
        iv.score += min(seen, 5)
    conv = combined(ctx, "ai.transcript-conventions")
    if conv is not None:
        m = conv.search(norm_prose(doc))
        if m:
            iv.counter.append(f"transcript note '{shorten(text[m.start():m.end()], 40)}'")
            iv.score -= 2
    iv.evidence.sort()
    return iv


class FabricatedInterview(Rule):
    """A Q&A with a role-labelled interviewer and an expert nobody can check.

    Generated articles end in an "interview" between "Senior Editor:" (or "Host:", "Q:",
    "[Host's Name]:") and an expert introduced only as "a geopolitical analyst", framed with
    "we sat down with", "to unpack", "that's the million-dollar question" and "thank you for
    having me". The rule scores the evidence (2 for a role label, 3 for a placeholder label, 2
    for a guest with no institution named, 1 for each stock framing phrase up to 5, minus 2 for
    a transcript note such as "edited for length and clarity") and reports the interview once,
    at its first speaker line, when the score reaches ``min-score``. A named interviewer
    ("Lindqvist:") never triggers it.

    Bad:
        To unpack the decision, we sat down with Dr. Mara Voss, a seasoned energy analyst.
        Senior Editor: Dr. Voss, why did the ministry act now?
        Dr. Voss: That's the million-dollar question. Prices had risen for months.
        Senior Editor: What happens next?
        Dr. Voss: Households will feel it first.
        Senior Editor: Thank you, Dr. Voss, for your insights.
        Dr. Voss: Thank you for having me.

    Good:
        Anna Berg, director of the Nordic Energy Institute at Uppsala University, spoke to Pål Ek of the Baltic Ledger. The interview has been edited for length and clarity.
        Q: Why did the ministry act now?
        A: Prices had risen for months and the winter reserve was low.
        Q: What happens next?
        A: Households will feel it first, in the January bills.
    """

    code = "NL601"
    name = "fabricated-interview"
    category = "ai-content"
    severity = Severity.warning
    summary = "A Q&A with a generic interviewer label and an expert nobody can verify"
    options = {"min_score": Option(5, "evidence score at which the interview is reported", min=1, max=20)}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if ":" not in doc.text:
            return
        iv = doc.memo("gen.interview", lambda d: analyse_interview(d, ctx))
        if iv is None or iv.score < self.opts["min_score"]:
            return
        a, b = _label_span(doc, iv.first)
        parts = [e[2] for e in iv.evidence]
        msg = "Likely fabricated interview: " + "; ".join(parts)
        if iv.counter:
            msg += " (despite " + ", ".join(iv.counter) + ")"
        msg += f" [score {iv.score}, threshold {self.opts['min_score']}]"
        yield self.finding(a, b, msg, related=[Related(s, e, m) for s, e, m in iv.evidence])


# --- NL602 chatbot artefacts ---------------------------------------------------------------------


class ChatbotArtefact(Rule):
    """Text a chatbot left in the copy: its self-description, a refusal, chatter to the user,
    a knowledge-cutoff disclaimer, an unfilled placeholder, a prompt instruction in brackets or
    citation debris. Patterns are in the ``ai.chatbot-artefacts`` list; chatter and refusals
    inside quotation marks are left alone (someone may be quoted saying "let me know if").

    Bad:
        Certainly! Here's a rewritten news article about the summit: Leaders met in Oslo on Monday.
    ---
        The minister, [Insert quote], said the plan would work.
    ---
        As an AI language model, I cannot verify these figures.
    ---
        Exports rose 4% in March. :contentReference[oaicite:3]{index=3}

    Good:
        "Let me know if you need anything," the mayor told residents on Monday.
    ---
        The minister said the plan [to cut fuel duty] would work.
    """

    code = "NL602"
    name = "chatbot-artefact"
    category = "ai-content"
    severity = Severity.error
    summary = "Chatbot output left in the copy (AI self-reference, chatter, placeholder, citation debris)"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = text = None
        last_end = -1
        hits = []
        for pat, spec in compiled_entries(ctx, "ai.chatbot-artefacts"):
            if spec.get("on") == "text":
                text = text if text is not None else norm_text(doc)
                hay = text
            else:
                prose = prose if prose is not None else norm_prose(doc)
                hay = prose
            for m in pat.finditer(hay):
                if m.end() <= m.start():
                    continue
                if spec.get("quotes", True) is False and in_quotes(doc, m.start()):
                    continue
                if doc.line_of(m.start()).kind == "code":
                    continue
                hits.append((m.start(), m.end(), str(spec.get("what", "chatbot output"))))
        hits.sort()
        for s, e, what in hits:
            if s < last_end:
                continue
            last_end = e
            yield self.finding(s, e, f"Chatbot artefact: {what} ('{shorten(doc.text[s:e], 50)}')")


# --- NL603 / NL604 stock phrasing -----------------------------------------------------------------


def stock_hits(doc: Document, ctx: Context) -> list[tuple[int, int, bool]]:
    """(start, end, strong) for every stock phrase outside quotation marks, in order."""

    def compute(d: Document) -> list[tuple[int, int, bool]]:
        found: list[tuple[int, int, bool]] = []
        for name, strong in (("ai.stock-phrases", True), ("ai.stock-phrases-weak", False)):
            idx = phrase_index(ctx, name)
            if idx.count:
                found += [(s, e, strong) for s, e, _ in idx.finditer(d)]
        prose = norm_prose(d)
        for name, strong in (("ai.stock-patterns", True), ("ai.stock-patterns-weak", False)):
            pat = combined(ctx, name)
            if pat is not None:
                found += [(m.start(), m.end(), strong) for m in pat.finditer(prose) if m.end() > m.start()]
        found.sort(key=lambda h: (h[0], -h[1], not h[2]))
        out: list[tuple[int, int, bool]] = []
        for s, e, strong in found:
            if out and s < out[-1][1]:  # overlapping matches: keep one, strong if either is
                ps, pe, pst = out[-1]
                out[-1] = (ps, max(pe, e), pst or strong)
                continue
            if d.in_quotation(s) or d.line_of(s).kind in ("code", "table"):
                continue
            out.append((s, e, strong))
        return out

    return doc.memo("gen.stock_hits", compute)


class StockAiPhrase(Rule):
    """A stock phrase of machine-written news ("adds a layer of complexity", "underscores the
    complex dynamics", "the world watches closely", a closing "In summary,").

    Only phrases professional copy almost never uses are reported one by one (the
    ``ai.stock-phrases`` and ``ai.stock-patterns`` lists); commoner ones ("a testament to",
    "delve into") only count toward the density rule, NL604. Quoted speech is not checked.

    Bad:
        The move adds a layer of complexity to the talks.
    ---
        In summary, the vote underscores the complex dynamics of the coalition.

    Good:
        The move complicates the talks, officials said.
    ---
        "It adds a layer of complexity," the minister said.
    """

    code = "NL603"
    name = "stock-ai-phrase"
    category = "ai-content"
    severity = Severity.info
    summary = "A stock phrase typical of machine-written news"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for s, e, strong in stock_hits(doc, ctx):
            if strong:
                yield self.finding(s, e, f"Stock AI phrasing: '{shorten(doc.text[s:e], 60)}'; say what happened instead")


class StockPhraseDensity(Rule):
    """Too many stock phrases for the length of the article: the document reads as generated.

    Counts every stock phrase of the ``ai.stock-*`` lists (strong and weak, outside quotation
    marks) per 1,000 words and reports the document once, at the first phrase, when the density
    reaches ``threshold`` and there are at least ``min-phrases``. Clean professional copy in the
    fixtures has a density of 0 to 1.5; generated copy 4 and up.

    Bad:
        The decision adds a layer of complexity to the talks. It is a testament to the resolve of both sides, and it underscores the complex dynamics of the region. The world watches closely.

    Good:
        The decision complicates the talks. Both sides have held firm for months. Diplomats in Geneva expect a further round in May.
    """

    code = "NL604"
    name = "stock-phrase-density"
    category = "ai-content"
    severity = Severity.warning
    summary = "Stock AI phrasing far denser than in professional copy"
    options = {
        "threshold": Option(4.0, "stock phrases per 1,000 words at which the document is reported", type=float, min=0.1),
        "min_phrases": Option(3, "fewest stock phrases that can trigger the report", min=1),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        hits = stock_hits(doc, ctx)
        if len(hits) < self.opts["min_phrases"]:
            return
        words = max(doc.word_count, 1)
        density = len(hits) * 1000.0 / words
        threshold = float(self.opts["threshold"])
        if density < threshold:
            return
        s, e, _ = hits[0]
        listed = ", ".join(f"'{shorten(doc.text[a:b], 40)}'" for a, b, _ in hits[:6]) + (", …" if len(hits) > 6 else "")
        yield self.finding(
            s,
            e,
            f"Reads as generated: {len(hits)} stock phrases in {words} words = {density:.1f} per 1,000 words "
            f"(threshold {threshold:g}): {listed}",
            related=[Related(a, b, "stock phrase") for a, b, _ in hits],
        )


# --- NL605 template sections ---------------------------------------------------------------------


class TemplateSection(Rule):
    """A content-farm template section in news copy: "Key Takeaways", "Key Points at a Glance"
    (and the summary table under it), "Frequently Asked Questions", "Final Thoughts". The
    headings are in the ``ai.template-headings`` list; a heading must stand alone on its line.

    Bad:
        Key Points at a Glance
        | Aspect | Details |
        | --- | --- |
        | Vote | Passed 61-39 |
    ---
        Frequently Asked Questions
        What is the new tariff? It is a 10% levy on imported steel.

    Good:
        The key points of the agreement were published on Monday.
    """

    code = "NL605"
    name = "template-section"
    category = "ai-content"
    severity = Severity.warning
    summary = "A content-farm template section (Key Takeaways, Key Points at a Glance, FAQ)"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        entries = compiled_entries(ctx, "ai.template-headings")
        if not entries:
            return
        low = doc.text.lower()
        if not any(w in low for w in ("key", "glance", "question", "faq", "takeaway", "conclusion", "thoughts", "people also ask")):
            return
        lines = doc.lines
        for i, ln in enumerate(lines):
            if ln.kind not in ("text", "heading", "label") or len(ln.text) > 60:
                continue
            bare = bare_line(ln.text)
            if not bare or len(bare.split()) > 7:
                continue
            for pat, spec in entries:
                if pat.fullmatch(bare):
                    break
            else:
                continue
            related = []
            # the block under the heading: a table, list or run of questions
            j = i + 1
            while j < len(lines) and lines[j].kind == "blank":
                j += 1
            block = []
            while j < len(lines) and lines[j].kind in ("table", "list") or (
                j < len(lines) and lines[j].kind in ("text", "label") and lines[j].text.rstrip().endswith("?") and "faq" in str(spec.get("what", "")).lower()
            ):
                block.append(lines[j])
                j += 1
                while j < len(lines) and lines[j].kind == "blank" and j + 1 < len(lines) and lines[j + 1].kind in ("table", "list"):
                    j += 1
            if block:
                kind = "summary table" if block[0].kind == "table" else "list" if block[0].kind == "list" else "questions"
                related.append(Related(block[0].start, block[-1].end, f"the {kind} under the heading"))
            s = ln.start + (len(ln.text) - len(ln.text.lstrip()))
            yield self.finding(
                s,
                ln.end,
                f"Content-farm template section ({spec.get('what', 'template heading')}): '{shorten(ln.text.strip(), 40)}'",
                related=related,
            )


# --- NL606 engagement questions ------------------------------------------------------------------


class EngagementQuestion(Rule):
    """A rhetorical question put to the reader ("What are your thoughts on this proposed
    exchange?"), the sign-off of generated copy. Interview questions (speaker lines) and quoted
    questions are not reported. Patterns are in the ``ai.engagement-questions`` list.

    Bad:
        What are your thoughts on the new tariff? Share them below.
    ---
        So, what do you make of this decision?

    Good:
        "What are your thoughts on the tariff?" a reporter asked the minister.
    ---
        Senior Editor: What do you think of this decision?
        Dr. Voss: It was overdue.
        Senior Editor: Why?
        Dr. Voss: Prices had risen.
    """

    code = "NL606"
    name = "engagement-question"
    category = "ai-content"
    severity = Severity.warning
    summary = "A rhetorical question to the reader, typical of generated copy"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if "?" not in doc.text:
            return
        entries = compiled_entries(ctx, "ai.engagement-questions")
        prose = norm_prose(doc)
        for sp in doc.sentences:
            if prose[sp.end - 1 : sp.end] != "?" and "?" not in prose[sp.start : sp.end]:
                continue
            ln = doc.line_of(sp.start)
            if ln.kind in ("label", "code", "table", "quote") or doc.in_quotation(sp.start):
                continue
            start = sp.start
            while start < sp.end and prose[start] in "\"“'*_":
                start += 1
            tail = prose[start : ln.end]
            for pat, _ in entries:
                m = pat.match(tail)
                if m:
                    q = prose.find("?", start, ln.end)
                    end = q + 1 if q >= 0 else sp.end
                    yield self.finding(start, end, f"Question to the reader: '{shorten(doc.text[start:end], 60)}'; cut it")
                    break


RULES = [FabricatedInterview, ChatbotArtefact, StockAiPhrase, StockPhraseDensity, TemplateSection, EngagementQuestion]
