"""Rule family: generated copy (NL6xx, category ai-content).

Content farms rewrite wire stories with a chatbot and pad them out: an interview with an invented
expert, "Key Takeaways" and "Key Points at a Glance" sections, questions to the reader, stock
phrasing ("adds a layer of complexity", "the world watches closely"), and sometimes the
chatbot's own chatter ("Certainly! Here's", "[Insert quote]", "oaicite").

Every phrase list lives in ``rules/ai-content.yaml`` (declared below, compiled and gated by
``newslint.analysis.entries``); the structure (the Q&A shape of an interview, phrase density,
template blocks) is worked out here.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator, NamedTuple

from .. import rx
from ..analysis import per_config, per_document
from ..analysis.entries import GATED_KEYS, combined, compiled_entries, gated_list, run_entries, word_set, word_set_cased
from ..analysis.lines import bare_line, in_quotes, norm_prose, shorten, speaker_turns
from ..analysis.words import word_table
from ..document import Document
from ..finding import Finding, Related, Severity
from ..rule import Context, Option, Rule, WordList

# --- the lists (rules/ai-content.yaml) -----------------------------------------------------------

#: regex entries with a gate; NL602 also reads what and quotes
_PATTERN_ENTRY = dict(entry="mapping", keys=GATED_KEYS, required=("pattern",))
ARTEFACTS = WordList(
    "chatbot output left in the copy (regex; what, scan: text, quotes: false)",
    entry="mapping",
    keys={**GATED_KEYS, "what": str, "quotes": bool},
    required=("pattern",),
)
INTERVIEWER_LABELS = WordList("speaker labels that name a role, not a person (whole label)", entry="phrase")
INTERVIEW_FRAMING = WordList("stock framing of generated interviews (regex with a gate)", **_PATTERN_ENTRY)
AFFILIATION_WORDS = WordList("words that make an affiliation checkable (University, Ministry)", entry="phrase")
AFFILIATION_ROLES = WordList("job titles that count as an affiliation before 'at X'", entry="phrase")
TRANSCRIPT_CONVENTIONS = WordList("notes of genuine interview transcripts (regex)", entry="pattern")
STOCK_PHRASES = WordList("stock phrases of generated news, reported one by one", entry="phrase")
STOCK_PATTERNS = WordList("stock phrasing of generated news, reported one by one (regex with a gate)", **_PATTERN_ENTRY)
STOCK_PHRASES_WEAK = WordList("stock phrases that count toward the density only", entry="phrase")
STOCK_PATTERNS_WEAK = WordList("stock phrasing that counts toward the density only (regex with a gate)", **_PATTERN_ENTRY)
TEMPLATE_HEADINGS = WordList(
    "headings of content-farm templates (regex over the whole line)",
    entry="mapping",
    keys={"pattern": str, "what": str, "case": bool, "corroborate": bool},
    required=("pattern",),
)
GENERATED_FRAMING = WordList(
    "template openers and closers, generic framing (regex with a gate; what, weight)",
    entry="mapping",
    keys={**GATED_KEYS, "what": str, "weight": (int, float)},
    required=("pattern",),
)
EXPLAINER_HEADINGS = WordList(
    "listicle and explainer headings (regex searched in a heading-like line; what, weight)",
    entry="mapping",
    keys={"pattern": str, "what": str, "weight": (int, float), "case": bool},
    required=("pattern",),
)
EXCESS_VOCABULARY = WordList(
    "words whose excess in LLM-written text is published, with points (words, weight, source)",
    entry="mapping",
    keys={"words": list, "weight": (int, float), "source": str},
    required=("words", "weight"),
)
ENGAGEMENT_QUESTIONS = WordList("questions put to the reader (regex at the start of a question)", entry="pattern")

#: the stock lists and whether a hit is strong (reported by NL603) or counts toward NL604 only
_STOCK_LISTS = (
    ("ai.stock-phrases", True),
    ("ai.stock-patterns", True),
    ("ai.stock-phrases-weak", False),
    ("ai.stock-patterns-weak", False),
)
_STOCK_DECLARED = {
    "ai.stock-phrases": STOCK_PHRASES,
    "ai.stock-patterns": STOCK_PATTERNS,
    "ai.stock-phrases-weak": STOCK_PHRASES_WEAK,
    "ai.stock-patterns-weak": STOCK_PATTERNS_WEAK,
}


# --- NL601 fabricated interview ------------------------------------------------------------------

_LABEL_AT = rx.compile(r"[ \t]*(?:\*\*)?(?P<label>[^:\n]{1,60}?)(?:\*\*)?:")
_TITLES = frozenset("dr dr. prof prof. professor mr mr. mrs mrs. ms ms. sir dame gen. gen col. rev. rev".split())
# a guest presented by name and a description: "Dr. Michael Harrington, a renowned expert in ..."
_INTRODUCED_GUEST = rx.compile(
    r"\b(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms)\.?\s+)?(?:[A-Z][\w’'-]+\s+){1,2}[A-Z][\w’'-]+,\s*(?P<desc>(?:an?|the|who is an?)\s[^,.;\n]{2,100})"
)
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


class _Interview:
    __slots__ = ("first", "interviewer", "guest", "evidence", "score", "counter", "generic")

    def __init__(self) -> None:
        self.evidence: list[tuple[int, int, str]] = []
        self.score = 0
        self.counter: list[str] = []


_AFFIL = rx.compile(
    r"\b(?:at|of|from|with|for|joined|leads|heads|runs|directs|chairs)\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w&’'.-]*(?:\s+(?:of|for|and|on|in|de|the|&|[A-Z][\w&’'.-]*)){0,7})"
)


def _role_pattern(ctx: Context) -> re.Pattern | None:
    """A job title followed closely by 'at X', 'with X' or 'of the X' (X capitalised)."""
    roles = [re.escape(str(r)) for r in ctx.list("ai.affiliation-roles")]
    if not roles:
        return None
    return rx.compile(r"\b(?:" + "|".join(roles) + r")s?\b[^,.;:\n]{0,40}?\b(?:at|with|of the)\s+(?:the\s+)?(?-i:[A-Z])", re.I)


def _affiliated(text: str, words: frozenset[str], roles: re.Pattern | None = None) -> bool:
    """True when text names an institution: 'at/of/from/with (the) <Capitalised words with an
    institution word>', an acronym after such a preposition, or a job title at a named body."""
    for m in _AFFIL.finditer(text):
        tokens = [t.strip(",.;") for t in m.group("org").split()]
        tokens = [t[:-2] if t.endswith(("'s", "’s")) else t for t in tokens]
        if any(t in words for t in tokens) or any(" ".join(tokens[i : i + 2]) in words for i in range(len(tokens))):
            return True
        if re.fullmatch(r"[A-Z]{2,6}", tokens[0]):
            return True
    if roles is not None:
        for m in roles.finditer(text):
            return True
    return False


_BYLINE = rx.compile(
    r"^[ \t*_]*(?:By|Interview(?:ed)? by|Reporting by)[ \t]+(?P<name>[A-Z][\w'’-]+(?:[ \t]+(?:[A-Z][\w'’.-]+|de|van|von|da|al|bin|el))*[ \t]+[A-Z][\w'’-]+)",
    re.M,
)
_BYLINE_GENERIC = frozenset("staff writer writers team desk admin newsroom editorial news ai".split())


_OUTLET_LABEL = rx.compile(r"(?:\b(?:News|Times|Post|Daily|Magazine|Media|Journal|Today|Weekly|Digest|Insider|Report)|\.(?:com|news|net|org|info))$", re.I)
_GENERIC_ROLE_TITLE = rx.compile(
    r"\b(?:Interview|Conversation|Q&A|Chat)\b[^\n]{0,80}?\b(?:with|featuring)\b[^\n]{0,60}?(?P<role>\b(?:Political |Military |Energy |Financial |Economic |Health |Tech |Industry |Security |Legal |Climate |Market |Geopolitical |Middle East |Foreign Policy )?(?:Expert|Analyst|Specialist|Strategist|Scientist|Economist|Commentator|Insider))\b"
)
_INTERVIEW_HEADING = rx.compile(r"\b(?:Q&A|Q & A|Interview|In Conversation|Conversations?)\b", re.I)


def _speaker_key(label: str, generic: frozenset[str]) -> tuple[str, str]:
    """(key, kind) of a speaker label: kind is placeholder, generic (a role, perhaps with the
    outlet: "Editor, Time.news", "time.news Editor"), outlet (the site's own name) or person
    (keyed by surname, so "Dr. Sarah Klein" and "Dr. Klein" are one speaker)."""
    norm = _norm_label(label)
    if norm.startswith("["):
        return norm, "placeholder"
    if norm in generic:
        return norm, "generic"
    parts = [p.strip() for p in norm.split(",")]
    for p in parts:
        if p in generic:
            return p, "generic"
    toks = norm.replace(",", " ").split()
    for n in (3, 2, 1):
        for i in range(len(toks) - n + 1):
            if i + n == len(toks) and " ".join(toks[i:]) in generic and i > 0 and re.search(r"\.[a-z]{2,5}$|news|times|post", toks[i - 1]):
                return " ".join(toks[i:]), "generic"
    if _OUTLET_LABEL.search(norm):
        return norm, "outlet"
    names = [t for t in toks if t not in _TITLES]
    if names and norm not in _GENERIC_GUESTS:
        return "person:" + names[-1], "person"
    return norm, "person"


def analyse_interview(doc: Document, ctx: Context, roles: re.Pattern | None) -> _Interview | None:
    """The Q&A structure of a document and the evidence that it was generated (``roles``: the
    configuration's :func:`_role_pattern`)."""
    lines = doc.lines
    turns_at: dict[int, tuple[int, int, str]] = {}
    for ln_i, ln in enumerate(lines):
        if ln.kind == "label":
            lab = doc.label(ln)
            if lab is not None:
                a = ln.start + (len(ln.text) - len(ln.text.lstrip())) + ln.text.lstrip().index(lab[0])
                turns_at[ln_i] = (a, a + len(lab), lab)
    for t in speaker_turns(doc):
        turns_at.setdefault(t.line, (t.start, t.end, t.label))
    if len(turns_at) < 2:
        return None
    generic = word_set(ctx, "ai.generic-interviewer-labels")
    turns: dict[str, list[tuple[int, int, int]]] = {}
    kinds: dict[str, str] = {}
    for ln_i in sorted(turns_at):
        a, b, lab = turns_at[ln_i]
        while b < len(doc.text) and doc.text[b] in "*:" and b - turns_at[ln_i][1] < 4:
            b += 1  # the label with its colon
        lab = lab.strip("*")
        key, kind = _speaker_key(lab, generic)
        turns.setdefault(key, []).append((ln_i, a, b))
        kinds[key] = kind
    speakers = list(turns)
    if len(speakers) < 2:
        return None
    rank = {"placeholder": 0, "generic": 1, "outlet": 2}
    cands = sorted((k for k in speakers if kinds[k] in rank), key=lambda k: (rank[kinds[k]], turns[k][0][0]))
    if not cands:
        return None  # a named interviewer: not our business
    interviewer = cands[0]
    others = [k for k in speakers if k != interviewer and kinds[k] not in ("generic", "outlet")]
    if not others:
        return None
    # the guest: the other speaker with most turns (the first to speak among equals)
    guest = sorted(others, key=lambda k: (-len(turns[k]), turns[k][0][0]))[0]
    if len(turns[interviewer]) + len(turns[guest]) < 2 or len(turns_at) < 4 and len(turns[guest]) < 1:
        return None
    iv = _Interview()
    first_i = min(turns[interviewer][0][0], turns[guest][0][0])
    iv.first = lines[first_i]
    text = doc.text
    _, ia, ib = turns[interviewer][0]
    shown = text[ia:ib].rstrip(":*")
    kind = kinds[interviewer]
    if kind == "placeholder":
        iv.evidence.append((ia, ib, f"placeholder interviewer label '{shown}'"))
        iv.score += 3
    elif kind == "generic":
        iv.evidence.append((ia, ib, f"generic interviewer label '{shown}'"))
        iv.score += 2
    else:
        iv.evidence.append((ia, ib, f"the site's own name as interviewer label '{shown}'"))
        iv.score += 1
    _, ga, gb = turns[guest][0]
    gshown = text[ga:gb].rstrip(":*")
    if kinds[guest] == "placeholder":
        iv.evidence.append((ga, gb, f"placeholder guest label '{gshown}'"))
        iv.score += 3

    # who is the guest? the introduction: the prose before the guest first speaks (the
    # interviewer's first question often introduces them)
    intro_end = lines[turns[guest][0][0]].start
    intro = doc.prose[:intro_end]
    # the heading of a generated Q&A: "Interview with Economic Commentator Dr. X", "Q&A Interview: ..."
    for ln in lines[:first_i]:
        if ln.kind in ("blank", "code", "table") or len(ln.text) > 120 or ln.text.rstrip().endswith("."):
            continue
        m = _GENERIC_ROLE_TITLE.search(ln.text)
        s0 = ln.start + (len(ln.text) - len(ln.text.lstrip()))
        if m:
            iv.evidence.append((s0, ln.end, f"the guest titled only '{m.group('role')}' in the heading"))
            iv.score += 2
            break
        if _INTERVIEW_HEADING.search(ln.text) and ln.number >= iv.first.number - 3:
            iv.evidence.append((s0, ln.end, "interview heading"))
            break
    affiliation_words = word_set_cased(ctx, "ai.affiliation-words")
    if kinds[guest] != "placeholder":
        name_tokens = [t for t in re.findall(r"[^\W\d_][\w’'-]*", gshown) if t.lower() not in _TITLES]
        surname = name_tokens[-1] if name_tokens and _norm_label(gshown) not in _GENERIC_GUESTS else None
        if surname and len(surname) > 1:
            m = re.search(r"\b" + re.escape(surname) + r"\b", intro, re.I)
            if m is None:
                if not _affiliated(intro, affiliation_words, roles):
                    iv.evidence.append((ga, gb, f"guest '{gshown}' is never introduced"))
                    iv.score += 2
            else:
                si = doc.sentence_index(m.start())
                s_end = doc.sentences[si].end if si >= 0 else min(len(intro), m.end() + 200)
                # the full name and its appositive: "Dr. Elena Kovalenko, a geopolitical analyst"
                a = m.start()
                back = re.search(r"(?:\b(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?(?:[A-Z][\w’'-]*\s+){0,3}$", intro[max(0, a - 60) : a], re.I)
                if back:
                    a = max(0, a - 60) + back.start()
                desc = intro[m.end() : s_end]
                if not _affiliated(intro[a:s_end], affiliation_words, roles):
                    app = re.match(r",?\s*((?:an?|the|who is an?)\s[^,.;]{2,100})", desc)
                    b = m.end() + (app.end() if app else 0)
                    what = f"guest introduced only as '{shorten(app.group(1), 50)}'" if app else f"guest '{shorten(intro[a:m.end()], 40)}' introduced"
                    iv.evidence.append((a, b, f"{what}, with no checkable affiliation"))
                    iv.score += 2
        elif not _affiliated(intro, affiliation_words, roles):
            # a generic label ("A:"): the guest is whoever the introduction presents by name
            named = _INTRODUCED_GUEST.search(intro)
            if named:
                what = f"guest introduced only as '{shorten(named.group('desc'), 50)}'"
                iv.evidence.append((named.start(), named.end(), f"{what}, with no checkable affiliation"))
            else:
                iv.evidence.append((ga, gb, "the guest is never named or affiliated"))
            iv.score += 2

    # stock framing anywhere in the document
    seen = 0
    for m, _ in run_entries(doc, ctx, "ai.interview-framing"):
        iv.evidence.append((m.start(), m.end(), f"stock framing '{shorten(text[m.start():m.end()], 40)}'"))
        seen += 1
    iv.score += min(seen, 5)
    conv = combined(ctx, "ai.transcript-conventions")
    if conv is not None:
        m = conv.search(norm_prose(doc))
        if m:
            iv.counter.append(f"transcript note '{shorten(text[m.start():m.end()], 40)}'")
            iv.score -= 2
    m = _BYLINE.search(intro)
    if m and not any(w.lower() in generic or w.lower() in _BYLINE_GENERIC for w in m.group("name").split()):
        iv.counter.append(f"byline '{shorten(text[m.start():m.end()].strip(), 40)}'")
        iv.score -= 2
    iv.evidence.sort()
    return iv


#: what both interview rules (NL601, NL609) weigh, and the score at which they report
_INTERVIEW_EVIDENCE = {
    "ai.interview-framing": INTERVIEW_FRAMING,
    "ai.affiliation-words": AFFILIATION_WORDS,
    "ai.affiliation-roles": AFFILIATION_ROLES,
}
_MIN_SCORE = Option(5, "evidence score at which the interview is reported", min=1, max=20)


class FabricatedInterview(Rule):
    """A Q&A with a role-labelled interviewer and an expert nobody can check.

    Generated articles end in an "interview" between "Senior Editor:" (or "Host:", "Q:",
    "[Host's Name]:") and an expert introduced only as "a geopolitical analyst", framed with
    "we sat down with", "to unpack", "that's the million-dollar question" and "thank you for
    having me". The rule scores the evidence (2 for a role label, 3 for a placeholder label, 2
    for a guest with no institution named, 1 for each stock framing phrase up to 5, minus 2 for
    a transcript note such as "edited for length and clarity" and 2 for a named byline before the
    Q&A) and reports the interview once,
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
    options = {"min_score": _MIN_SCORE}
    lists = {"ai.generic-interviewer-labels": INTERVIEWER_LABELS, **_INTERVIEW_EVIDENCE, "ai.transcript-conventions": TRANSCRIPT_CONVENTIONS}

    def setup(self, ctx: Context) -> None:
        self.roles = _role_pattern(ctx)
        gated_list(ctx, "ai.interview-framing")  # its gate words join the configuration's

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if ":" not in doc.text:
            return
        iv = analyse_interview(doc, ctx, self.roles)
        if iv is None or iv.score < self.opts["min_score"]:
            return
        a, b = iv.evidence[0][0], iv.evidence[0][1]
        label_ev = [e for e in iv.evidence if "label" in e[2]]
        if label_ev:
            a, b = label_ev[0][0], label_ev[0][1]
        framing = [e[2][len("stock framing ") :] for e in iv.evidence if e[2].startswith("stock framing ")]
        parts = sorted((e[2] for e in iv.evidence if not e[2].startswith("stock framing ")), key=lambda m: "label" not in m)
        if framing:
            parts.append("stock framing " + ", ".join(framing))
        msg = "Likely fabricated interview: " + "; ".join(parts)
        if iv.counter:
            msg += " (despite " + ", ".join(iv.counter) + ")"
        msg += f" [score {iv.score}, threshold {self.opts['min_score']}]"
        yield self.finding(a, b, msg, related=[Related(s, e, m) for s, e, m in iv.evidence])


# --- NL609 invented interview in prose -------------------------------------------------------------
PROSE_INTERVIEW_CLAIMS = WordList(
    "interviews claimed with no outlet named: 'in an exclusive interview with our publication' (regex with a gate)",
    **_PATTERN_ENTRY,
)
PRAISE_EPITHETS = WordList("generic praise before an expert's role ('renowned', 'leading')", entry="word")
# the roles of an expert presented with praise: before the name ("renowned economist Dr. X"), and
# (the first fourteen) after it ("Dr. X, a leading economist")
_ROLES_AFTER_NAME = ("economist expert analyst scientist researcher doctor physician professor specialist strategist "
                     "consultant historian psychologist engineer").split()
_ROLES = _ROLES_AFTER_NAME + "lawyer investor entrepreneur futurist nutritionist meteorologist journalist author commentator".split()
_EXPERT = rx.compile(
    rf"\b(?P<praise>[a-z]+(?:-[a-z]+)?)\s+(?:[a-z]+\s+)?(?P<role>{'|'.join(_ROLES)})s?,?\s+"
    r"(?P<name>(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})"
    r"|(?P<name2>(?:(?:Dr|Prof|Professor)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}),\s+an?\s+(?P<praise2>[a-z]+(?:-[a-z]+)?)\s+"
    rf"(?:[a-z]+\s+){{0,2}}(?P<role2>{'|'.join(_ROLES_AFTER_NAME)})\b"
)
#: the role words as the word table holds them (singular and plural)
_EXPERT_ROLES = frozenset(_ROLES) | frozenset(r + "s" for r in _ROLES)
# credentials given where an affiliation belongs: "a military analyst with extensive experience
# in the region", "an expert with more than 20 years of experience"
_CREDENTIALS = rx.compile(
    rf"\b(?:{'|'.join(_ROLES)})s?,?\s+with\s+(?:(?:more than|over|nearly|almost|some|well over|close to)\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|a decade|decades|years|extensive|vast|"
    r"deep|considerable|wide|broad|long|rich|significant)(?:\s+(?:years?|decades?))?\s+(?:of\s+)?(?:[a-z-]+\s+)?(?:experience|expertise)\b"
)
_CREDENTIAL_WORDS = frozenset(("experience", "expertise"))


@per_config
def praise_words(ctx: Context) -> frozenset[str]:
    """The ``ai.praise-epithets`` of a configuration, lower case."""
    return frozenset(str(w).lower() for w in ctx.list("ai.praise-epithets"))


@per_document
def unaffiliated_experts(doc: Document, ctx: Context) -> list[tuple[int, int, str]]:
    """(start, end, what) of each expert presented with praise ("a leading supply chain
    analyst") or with credentials ("with over 15 years of experience") instead of an
    institution, outside quotations, whose sentence names no institution: the invented expert
    of generated news. Evidence, not a finding on its own (see NL604 and NL609)."""
    t = word_table(doc)
    prose = doc.prose
    praise = praise_words(ctx)
    out: list[tuple[int, int, str]] = []
    found: list[tuple[int, int, str]] = []
    if not praise.isdisjoint(t.vocabulary):
        words = t.words
        for i in t.indexes_of(praise):
            if words[i + 1 : i + 4] and not _EXPERT_ROLES.isdisjoint(words[i + 1 : i + 4]):
                j = next(k for k in range(i + 1, min(i + 4, len(words))) if words[k] in _EXPERT_ROLES)
                found.append((t.starts[i], t.ends[j], "an expert introduced with praise and no institution"))
    if not _CREDENTIAL_WORDS.isdisjoint(t.vocabulary):
        for i in t.indexes_of(_CREDENTIAL_WORDS):
            for m in _CREDENTIALS.finditer(prose, max(0, t.starts[i] - 90), t.ends[i]):
                if m.end() == t.ends[i]:
                    found.append((m.start(), m.end(), "an expert given years of experience instead of an institution"))
    affiliation_words = word_set_cased(ctx, "ai.affiliation-words")
    for a, b, what in sorted(set(found)):
        if in_quotes(doc, a) or out and a < out[-1][1]:
            continue
        i = doc.sentence_index(a)
        if i < 0:
            continue
        sent = doc.sentences[i]
        if _affiliated(prose[sent.start : sent.end], affiliation_words):
            continue
        out.append((a, b, what))
    return out


class ProseInterview(Rule):
    """An interview told in prose that nobody could check, the content farm's other shape besides
    the Q&A (NL601): the site claims the interview without naming an outlet or a reporter ("in an
    exclusive interview with our publication", "told us"), the expert comes with praise instead of
    an affiliation ("renowned economist Dr. Sarah Mitchell") and the copy thanks them "for taking
    the time". The evidence is scored (3 for an interview claimed by the site itself, 2 for a
    praised expert with no institution anywhere in the article, 1 for each stock framing phrase)
    and the interview is reported once, at its claim or its expert, when the score reaches
    ``min-score``. An interview with a named outlet ("in an interview with BBC Radio 4") or an
    expert at a named institution is left alone.

    Bad:
        In an exclusive interview with our publication, renowned economist Dr. Sarah Mitchell shared her insights on the market. "Prices will cool," she said. We would like to thank Dr. Mitchell for taking the time to speak with us.
    Good:
        In an interview with BBC Radio 4 on Sunday, the economist Sarah Mitchell of the Resolution Foundation said prices would cool.
    """

    code = "NL609"
    name = "prose-interview"
    category = "ai-content"
    severity = Severity.warning
    summary = "An interview in prose with no outlet named and an expert nobody can check"
    options = {"min_score": _MIN_SCORE}
    lists = {"ai.prose-interview-claims": PROSE_INTERVIEW_CLAIMS, "ai.praise-epithets": PRAISE_EPITHETS, **_INTERVIEW_EVIDENCE}

    def setup(self, ctx: Context) -> None:
        self.roles = _role_pattern(ctx)
        self.praise = praise_words(ctx)
        gated_list(ctx, "ai.prose-interview-claims")
        gated_list(ctx, "ai.interview-framing")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        claims = [(m.start(), m.end()) for m, _ in run_entries(doc, ctx, "ai.prose-interview-claims") if not in_quotes(doc, m.start())]
        praise = self.praise
        t = word_table(doc)
        if praise.isdisjoint(t.vocabulary):
            praised = []
        else:
            # a praise word with an expert's role one or two words on: the only places _EXPERT can match
            words = t.words
            praised = [i for i in t.indexes_of(praise) if words[i + 1 : i + 3] and not _EXPERT_ROLES.isdisjoint(words[i + 1 : i + 3])]
        creds = [x for x in unaffiliated_experts(doc, ctx) if "experience" in x[2]] if not _CREDENTIAL_WORDS.isdisjoint(t.vocabulary) else []
        if not claims and not praised and not creds:
            return
        prose = doc.prose
        evidence: list[tuple[int, int, str]] = []
        score = 0
        if claims:
            evidence.append((claims[0][0], claims[0][1], f"an interview claimed with no outlet named ('{shorten(doc.text[claims[0][0]:claims[0][1]], 40)}')"))
            score += 3
        affiliation_words = word_set_cased(ctx, "ai.affiliation-words")
        found = []
        for i in praised:
            # from a word start up to 80 characters before the praise word (the name of "Dr. X, a
            # leading economist") to 120 after it (a role and a name)
            lo = t.starts[i] - 80 if i else 0
            lo = prose.rfind(" ", 0, lo) + 1 if lo > 0 else 0
            found += _EXPERT.finditer(prose, lo, min(len(prose), t.ends[i] + 120))
        for m in sorted(found, key=lambda m: m.start()):
            word = (m.group("praise") or m.group("praise2") or "").lower()
            if word not in praise or in_quotes(doc, m.start()):
                continue
            if _affiliated(prose, affiliation_words, self.roles):
                break  # the article names an institution: the expert may be checkable
            evidence.append((m.start(), m.end(), f"an expert introduced with praise and no institution ('{shorten(doc.text[m.start():m.end()], 50)}')"))
            score += 2
            break
        if creds and not _affiliated(prose, affiliation_words, self.roles):
            a, b, what = creds[0]
            evidence.append((a, b, f"{what} ('{shorten(doc.text[a:b], 50)}')"))
            score += 2
        if not evidence:
            return
        framing = 0
        for m, _ in run_entries(doc, ctx, "ai.interview-framing"):
            if framing < 3 and not in_quotes(doc, m.start()):
                evidence.append((m.start(), m.end(), f"stock framing '{shorten(doc.text[m.start():m.end()], 40)}'"))
                framing += 1
        score += framing
        if score < self.opts["min_score"]:
            return
        if ":" in doc.text and analyse_interview(doc, ctx, self.roles) is not None:
            return  # a Q&A: the fabricated-interview rule (NL601) judges it
        evidence.sort()
        a, b, _ = evidence[0]
        yield self.finding(
            a, b,
            "Likely invented interview: " + "; ".join(e[2] for e in evidence) + f" [score {score}, threshold {self.opts['min_score']}]",
            related=[Related(s, e, m) for s, e, m in evidence[1:]],
        )


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
    lists = {"ai.chatbot-artefacts": ARTEFACTS}

    def setup(self, ctx: Context) -> None:
        self.artefacts = gated_list(ctx, "ai.chatbot-artefacts")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        hits = []
        for m, spec in self.artefacts.run(doc, ctx):
            if spec.get("quotes", True) is False and in_quotes(doc, m.start()):
                continue
            if doc.line_of(m.start()).kind == "code":
                continue
            hits.append((m.start(), m.end(), str(spec.get("what", "chatbot output"))))
        hits.sort()
        last_end = -1
        for s, e, what in hits:
            if s < last_end:
                continue
            last_end = e
            yield self.finding(s, e, f"Chatbot artefact: {what} ('{shorten(doc.text[s:e], 50)}')")


# --- NL603 / NL604 stock phrasing -----------------------------------------------------------------


@per_document
def stock_hits(doc: Document, ctx: Context) -> list[tuple[int, int, bool]]:
    """(start, end, strong) for every stock phrase outside quotation marks, in order (shared by
    NL603 and NL604)."""
    found: list[tuple[int, int, bool]] = []
    for name, strong in _STOCK_LISTS:
        found += [(m.start(), m.end(), strong) for m, _ in run_entries(doc, ctx, name)]
    found.sort(key=lambda h: (h[0], -h[1], not h[2]))
    out: list[tuple[int, int, bool]] = []
    for s, e, strong in found:
        if out and s < out[-1][1]:  # overlapping matches: keep one, strong if either is
            ps, pe, pst = out[-1]
            out[-1] = (ps, max(pe, e), pst or strong)
            continue
        if in_quotes(doc, s) or doc.line_of(s).kind in ("code", "table"):
            continue
        out.append((s, e, strong))
    return out


def _setup_stock_lists(ctx: Context) -> None:
    for name, _ in _STOCK_LISTS:
        gated_list(ctx, name)  # their gate words join the configuration's


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
    lists = _STOCK_DECLARED

    def setup(self, ctx: Context) -> None:
        _setup_stock_lists(ctx)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for s, e, strong in stock_hits(doc, ctx):
            if strong:
                yield self.finding(s, e, f"Stock AI phrasing: '{shorten(doc.text[s:e], 60)}'; say what happened instead")


#: (list, points) of the phrase evidence NL604 weighs besides the lexicon
_VERDICT_PHRASES = (("ai.stock-phrases", 3.0), ("ai.stock-patterns", 3.0), ("ai.stock-phrases-weak", 1.5), ("ai.stock-patterns-weak", 1.5))


@per_config
def excess_lexicon(ctx: Context) -> dict[str, tuple[float, str]]:
    """word -> (points, source) from the ``ai.excess-vocabulary`` list (the highest weight wins
    when a word is listed twice)."""
    out: dict[str, tuple[float, str]] = {}
    for entry in ctx.list("ai.excess-vocabulary"):
        w = float(entry.get("weight", 1))
        src = str(entry.get("source", ""))
        for word in entry["words"]:
            key = str(word).lower().replace("’", "'")
            if key not in out or out[key][0] < w:
                out[key] = (w, src)
    return out


@per_config
def excess_words(ctx: Context) -> frozenset[str]:
    """The words of :func:`excess_lexicon`, as a set (intersected with an article's vocabulary by
    set look-ups of the smaller, in C; a dict's keys view would be iterated in full)."""
    return frozenset(excess_lexicon(ctx))


class Evidence(NamedTuple):
    start: int
    end: int
    points: float
    what: str  # "excess word", "stock phrase", "template opener"...


_VERDICT_SKIP_KINDS = frozenset(("code", "table", "label"))


@per_document
def generated_evidence(doc: Document, ctx: Context) -> list[Evidence]:
    """Every piece of evidence that the article was generated, in order: stock phrases (strong and
    weak), template openers and closers, generic framing, explainer headings and words of the
    excess-vocabulary lexicon. Quoted speech, code and tables are not read; an excess word counts
    at most twice (a topic word repeated is not style)."""
    text = doc.text
    found: list[Evidence] = []
    taken: list[tuple[int, int]] = []
    for name, points in _VERDICT_PHRASES:
        for m, _ in run_entries(doc, ctx, name):
            found.append(Evidence(m.start(), m.end(), points, "stock phrase"))
    for m, spec in run_entries(doc, ctx, "ai.generated-framing"):
        found.append(Evidence(m.start(), m.end(), float(spec.get("weight", 2)), str(spec.get("what", "generic framing"))))
    headings = compiled_entries(ctx, "ai.explainer-headings")
    if headings:
        for ln in doc.lines:
            if ln.kind not in ("text", "heading") or len(ln.text) > 90:
                continue
            bare = bare_line(ln.text)
            if not bare or bare[-1] in ".!\"”" or len(bare.split()) > 12:
                continue
            for pat, spec in headings:
                if pat.search(bare):
                    s = ln.start + ln.text.index(bare[0])
                    found.append(Evidence(s, s + len(bare), float(spec.get("weight", 2)), str(spec.get("what", "explainer heading"))))
                    break
    found.sort(key=lambda e: (e.start, -e.end))
    out: list[Evidence] = []
    repeats: dict[str, int] = {}
    for e in found:
        if out and e.start < out[-1].end:  # overlapping: keep the weightier
            if e.points > out[-1].points:
                out[-1] = e
            continue
        if in_quotes(doc, e.start) or doc.logical_line_of(e.start).kind in _VERDICT_SKIP_KINDS:
            continue
        key = " ".join(text[e.start : e.end].lower().split())
        repeats[key] = repeats.get(key, 0) + 1
        if repeats[key] > 2:  # a phrase repeated is one habit, not many
            continue
        out.append(e)
    for a, b, what in unaffiliated_experts(doc, ctx):
        out.append(Evidence(a, b, 2.0, "unaffiliated expert"))
    out.sort(key=lambda e: (e.start, -e.end))
    taken = [(e.start, e.end) for e in out]
    lex = excess_lexicon(ctx)
    if lex:
        t = word_table(doc)
        seen: dict[str, int] = {}
        words = []
        for i in t.indexes_of(excess_words(ctx)):
            w = t.words[i]
            s = t.starts[i]
            if seen.get(w, 0) >= 2 or in_quotes(doc, s) or doc.logical_line_of(s).kind in _VERDICT_SKIP_KINDS:
                continue
            j = bisect.bisect_right(taken, (s, len(text) + 1)) - 1
            if j >= 0 and taken[j][0] <= s < taken[j][1]:
                continue  # already part of a phrase
            seen[w] = seen.get(w, 0) + 1
            words.append(Evidence(s, t.ends[i], lex[w][0], "excess word"))
        out = sorted(out + words)
    return out


class StockPhraseDensity(Rule):
    """The article reads as generated: the document-level verdict.

    Weighs every piece of evidence outside quotation marks, code and tables, and reports the
    document once, at its strongest piece, when the points per 100 words reach ``threshold``
    (and there are at least ``min-evidence`` pieces of at least two kinds):

    * stock phrases (``ai.stock-*``): 3 points for a strong one, 1.5 for a weak one;
    * template openers and closers ("In this article, we will", "In conclusion,"), generic
      framing ("In a world where", "not only ... but also underscores") and explainer headings
      ("Unpacking the...", "Navigating the...", "...: Why It Matters"): the points each entry of
      ``ai.generated-framing`` and ``ai.explainer-headings`` gives;
    * words whose excess in LLM-written text is published (``ai.excess-vocabulary``: "delve",
      "showcasing", "underscores", "intricate", "meticulous" with ratios of 10 and more in Kobak
      et al. 2024 and Liang et al. 2024; "pivotal", "realm", "multifaceted" lower), weighted by
      that excess and by how rarely edited news uses them; each word counts at most twice.

    The professionally edited stories of the development corpus score 0 to 0.3 points per 100
    words; generated copy 2 and up. Single phrases are NL603's business (info); this rule gives
    the verdict, its strongest evidence and the score against the threshold, with every piece of
    evidence as a related location.

    Bad:
        In this article, we delve into the intricate tapestry of the harbour's history. It is a testament to the town's vibrant spirit, and it underscores the multifaceted interplay of trade and faith.
    ---
        The decision adds a layer of complexity to the talks. It is a testament to the resolve of both sides, and it underscores the complex dynamics of the region. The world watches closely.

    Good:
        The decision complicates the talks. Both sides have held firm for months. Diplomats in Geneva expect a further round in May.
    ---
        The council's crucial vote on Tuesday was a significant moment for the harbour, which has lost 40 jobs since the ferry stopped calling in 2021.
    """

    code = "NL604"
    name = "stock-phrase-density"
    category = "ai-content"
    severity = Severity.warning
    summary = "Reads as generated: stock phrasing, template framing and LLM vocabulary denser than edited copy"
    options = {
        "threshold": Option(2.0, "evidence points per 100 words at which the document is reported", type=float, min=0.1),
        "min_evidence": Option(3, "fewest pieces of evidence that can trigger the report", min=1),
        "min_words": Option(120, "the score is taken over at least this many words (a short text is not judged on two words)", min=1),
    }
    lists = {
        **_STOCK_DECLARED,
        "ai.generated-framing": GENERATED_FRAMING,
        "ai.praise-epithets": PRAISE_EPITHETS,
        "ai.affiliation-words": AFFILIATION_WORDS,
        "ai.explainer-headings": EXPLAINER_HEADINGS,
        "ai.excess-vocabulary": EXCESS_VOCABULARY,
    }

    def setup(self, ctx: Context) -> None:
        _setup_stock_lists(ctx)
        gated_list(ctx, "ai.generated-framing")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        ev = generated_evidence(doc, ctx)
        if len(ev) < self.opts["min_evidence"] or len({e.what for e in ev}) < 2 and ev[0].what == "excess word":
            return
        words = max(doc.word_count, int(self.opts["min_words"]))
        total = sum(e.points for e in ev)
        score = total * 100.0 / words
        threshold = float(self.opts["threshold"])
        if score < threshold:
            return
        text = doc.text
        best = sorted(ev, key=lambda e: (-e.points, e.start))
        shown = []
        for e in best[:5]:
            shown.append(f"{e.what} '{shorten(text[e.start:e.end], 40)}' ({e.points:g})")
        kinds: dict[str, int] = {}
        for e in ev:
            kinds[e.what] = kinds.get(e.what, 0) + 1
        counted = ", ".join(f"{n} {k}{'s' if n > 1 else ''}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
        top = best[0]
        yield self.finding(
            top.start,
            top.end,
            f"Reads as generated: score {score:.1f} per 100 words (threshold {threshold:g}) from {len(ev)} pieces of evidence "
            f"({counted}) in {doc.word_count} words; strongest: " + "; ".join(shown),
            related=[Related(e.start, e.end, f"{e.what} ({e.points:g})") for e in ev if e is not top],
        )


# --- NL605 template sections ---------------------------------------------------------------------


# lines that can be a template heading
_HEADING_KINDS = frozenset(("text", "heading", "label"))
#: the points of generated phrasing (see generated_evidence) that let a heading newsrooms also
#: use count as a template's
_CORROBORATING_POINTS = 3


class TemplateSection(Rule):
    """A content-farm template section in news copy: "Key Takeaways", "Key Points at a Glance"
    (and the summary table under it), "Frequently Asked Questions", "Final Thoughts". The
    headings are in the ``ai.template-headings`` list; a heading must stand alone on its line.
    Headings that newsroom explainers use too (``corroborate: true``: an FAQ, "The bottom line")
    are reported only beside another template heading or some generated phrasing.

    Bad:
        Key Points at a Glance
        | Aspect | Details |
        | --- | --- |
        | Vote | Passed 61-39 |
        ---
        In today's fast-paced world, the tariff is a testament to a multifaceted trade policy.

        Frequently Asked Questions

        What is the new tariff? It is a 10% levy on imported steel.
    Good:
        The key points of the agreement were published on Monday.
        ---
        Ofwat confirmed the rise on Thursday.

        Frequently asked questions

        Can I switch water company? No. Households cannot choose their supplier.
    """

    code = "NL605"
    name = "template-section"
    category = "ai-content"
    severity = Severity.warning
    summary = "A content-farm template section (Key Takeaways, Key Points at a Glance, FAQ)"
    lists = {"ai.template-headings": TEMPLATE_HEADINGS}

    def setup(self, ctx: Context) -> None:
        self.headings = compiled_entries(ctx, "ai.template-headings")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        entries = self.headings
        if not entries:
            return
        lines = doc.lines
        found: list[tuple[bool, Finding]] = []
        for i in [i for i, ln in enumerate(lines) if len(ln.text) <= 60 and ln.kind in _HEADING_KINDS]:
            ln = lines[i]
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
            found.append((bool(spec.get("corroborate")), self.finding(
                s,
                ln.end,
                f"Content-farm template section ({spec.get('what', 'template heading')}): '{shorten(ln.text.strip(), 40)}'",
                related=related,
            )))
        # headings that newsroom explainers use too ("Frequently asked questions", "The bottom
        # line") count only beside another template heading or generated phrasing
        if found and all(weak for weak, _ in found):
            if sum(e.points for e in generated_evidence(doc, ctx)) < _CORROBORATING_POINTS:
                return
        for _, f in found:
            yield f


# --- NL606 engagement questions ------------------------------------------------------------------


class EngagementQuestion(Rule):
    """A rhetorical question put to the reader ("What are your thoughts on this proposed
    exchange?"), the sign-off of generated copy. Interview questions (speaker lines, or a
    document laid out as three or more question lines) and quoted questions are not reported.
    Patterns are in the ``ai.engagement-questions`` list.

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
    lists = {"ai.engagement-questions": ENGAGEMENT_QUESTIONS}

    def setup(self, ctx: Context) -> None:
        self.questions = compiled_entries(ctx, "ai.engagement-questions")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if "?" not in doc.text:
            return
        entries = self.questions
        # a Q&A laid out as question lines (bold questions, no labels): its questions are the
        # interviewer's, not questions to the reader
        if sum(1 for ln in doc.logical_lines if ln.kind != "label" and ln.text.rstrip(" *_").endswith("?")) >= 3:
            return
        prose = norm_prose(doc)
        sentences = doc.sentences
        chosen: list[int] = []
        q = prose.find("?")
        while q >= 0:
            si = doc.sentence_index(q)
            if si >= 0 and (not chosen or chosen[-1] != si):
                chosen.append(si)
            q = prose.find("?", q + 1)
        for si in chosen:
            sp = sentences[si]
            ln = doc.logical_line_of(sp.start)  # a question wrapped over two lines reads to its paragraph's end
            if ln.kind in ("label", "code", "table", "quote") or in_quotes(doc, sp.start):
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


RULES = [FabricatedInterview, ChatbotArtefact, StockAiPhrase, StockPhraseDensity, TemplateSection, EngagementQuestion, ProseInterview]
