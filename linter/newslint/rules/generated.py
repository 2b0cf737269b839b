"""Rule family: generated copy (NL6xx, category ai-content).

Content farms rewrite wire stories with a chatbot and pad them out: an interview with an invented
expert, "Key Takeaways" and "Key Points at a Glance" sections, questions to the reader, stock
phrasing ("adds a layer of complexity", "the world watches closely"), and sometimes the
chatbot's own chatter ("Certainly! Here's", "[Insert quote]", "oaicite").

Every phrase list lives in ``rules/ai-content.yaml`` (read with ``ctx.list``); the structure (the
Q&A shape of an interview, phrase density, template blocks) is worked out here.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator

from .. import rx
from ..document import Document, Line
from ..finding import Finding, Related, Severity
from ..analysis.words import word_table
from ..analysis.quantities import add_keywords, word_hits
from ..rule import Context, Option, Rule

# --- shared helpers (also used by boilerplate.py) ----------------------------------------------

def _fold(s: str) -> str:
    return s.replace("’", "'").replace("‘", "'") if ("’" in s or "‘" in s) else s


def norm_prose(doc: Document) -> str:
    """``doc.prose`` with curly apostrophes folded to ' (same length, same offsets)."""
    return doc.memo("gen.prose", lambda d: _fold(d.prose))


def norm_text(doc: Document) -> str:
    return doc.memo("gen.text", lambda d: _fold(d.text))


def _cache(ctx: Context) -> dict:
    """Compiled lists, kept on the Context (built once per configuration)."""
    try:
        return ctx.__dict__["_newslint_gen_cache"]
    except KeyError:
        cache = ctx.__dict__["_newslint_gen_cache"] = {}
        return cache


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
            out.append((rx.compile(str(spec["pattern"]), flags), spec))
        cache[key] = out
    return cache[key]


def combined(ctx: Context, name: str) -> re.Pattern | None:
    """All regexes of a list as one alternation (one scan instead of many)."""
    cache = _cache(ctx)
    key = ("combined", name)
    if key not in cache:
        parts = []
        for item in ctx.list(name):
            pat = str(item["pattern"]) if isinstance(item, dict) else str(item)
            parts.append(f"(?:{pat})")
        cache[key] = rx.compile("|".join(parts), re.I | re.M) if parts else None
    return cache[key]


class Entry:
    """One compiled list entry and its gate (words or substrings that must occur for it to run)."""

    __slots__ = ("rx", "spec", "gate", "subset", "contains", "on_text", "key")

    def __init__(self, rx: re.Pattern, spec: dict, gate: frozenset[str], subset: bool, contains: tuple[str, ...]):
        self.rx, self.spec, self.gate, self.subset, self.contains = rx, spec, gate, subset, contains
        self.on_text = spec.get("scan") == "text"
        # a phrase needs all its words: it is looked for near its longest (rarest) one (the first
        # in alphabetical order of equally long ones, so every process picks the same)
        self.key = max(sorted(gate), key=len) if subset and gate else None

    def wanted(self, vocab: frozenset[str], text: str) -> bool:
        if not self.gate and not self.contains:
            return True
        if self.gate and (self.gate <= vocab if self.subset else not self.gate.isdisjoint(vocab)):
            return True
        return any(c in text for c in self.contains)


_GAP = r"(?:[\s\u00a0]*[-–—][\s\u00a0]*|[\s\u00a0]+)"


class GatedList:
    """Entries of one list, indexed by gate word so an article tries only the entries it can match."""

    __slots__ = ("entries", "always", "by_word", "words", "by_contains")

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.always: list[int] = []
        self.by_word: dict[str, list[int]] = {}
        by_contains: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            if not e.gate and not e.contains:
                self.always.append(i)
            if e.gate:
                keys = [e.key] if e.subset else list(e.gate)
                for k in keys:
                    self.by_word.setdefault(k, []).append(i)
            for c in e.contains:
                by_contains.setdefault(c, []).append(i)
        self.by_contains = tuple(by_contains.items())
        self.words = frozenset(self.by_word)

    def wanted(self, vocab: frozenset[str], text: str) -> list[Entry]:
        chosen = set(self.always)
        for w in self.words & vocab:
            for i in self.by_word[w]:
                e = self.entries[i]
                if not e.subset or e.gate <= vocab:
                    chosen.add(i)
        for c, idx in self.by_contains:
            if c in text:
                chosen.update(idx)
        if not chosen:
            return []
        return [self.entries[i] for i in sorted(chosen)]


def gated_list(ctx: Context, name: str) -> GatedList:
    cache = _cache(ctx)
    key = ("gated-list", name)
    if key not in cache:
        cache[key] = GatedList(gated_entries(ctx, name))
    return cache[key]


def gated_entries(ctx: Context, name: str) -> list[Entry]:
    """A YAML list compiled once per Context. An entry is a phrase (a string: matched on whole
    words, case-insensitive, tried only when all its words occur in the article) or a mapping
    with ``pattern`` (regex; case-insensitive unless ``case: true``), an optional ``gate`` (words,
    lower case, one of which must occur for the pattern to be tried: a speed-up only) and
    ``contains`` (substrings of the raw text with the same role)."""
    cache = _cache(ctx)
    key = ("gated", name)
    if key not in cache:
        out = []
        for item in ctx.list(name):
            if isinstance(item, dict):
                spec = dict(item)
                flags = re.M | (0 if spec.get("case") else re.I)
                gate = frozenset(str(g).lower().replace("’", "'") for g in spec.get("gate") or ())
                contains = tuple(str(c) for c in spec.get("contains") or ())
                out.append(Entry(rx.compile(str(spec["pattern"]), flags), spec, gate, False, contains))
            else:
                toks = WORD_RX.findall(str(item).lower().replace("’", "'"))
                if not toks:
                    continue
                phrase_rx = rx.compile(r"(?<![\w'])" + _GAP.join(re.escape(t) for t in toks) + r"(?![\w]|'\w)", re.I)
                out.append(Entry(phrase_rx, {"phrase": str(item)}, frozenset(toks), True, ()))
        cache[key] = out
    return cache[key]


WORD_RX = rx.compile(r"[^\W_]+(?:'[^\W_]+)*")


def vocabulary(doc: Document) -> frozenset[str]:
    return word_table(doc).vocabulary


def _ascii_prose(doc: Document) -> bytes:
    """The prose as one byte per character, to find ASCII words with ``bytes.find`` (several times
    faster than comparing the word table's words one by one). ASCII letters are lower-cased and
    ’ is ' (‘ too), as in the word table; the Kelvin sign becomes k, since it is the one character
    beyond Latin-1 that lower-cases to ASCII (İ lower-cases to two characters and the word table
    keeps it); other characters beyond Latin-1 become '?'. So every ASCII word of the word table
    sits at the same offset here; a hit may still be part of a longer word and is checked."""

    def compute(d: Document) -> bytes:
        prose = norm_prose(d)
        if "\u212a" in prose:
            prose = prose.replace("\u212a", "k")
        return prose.encode("latin-1", "replace").lower()

    return doc.memo("gen.ascii_prose", compute)


# the gate words and phrase keys of the built-in lists (rules/ai-content.yaml and
# rules/boilerplate.yaml), registered for the shared word index (quantities.word_hits) so that
# finding their lines costs a dict look-up; any other word (a pack's, or one the YAML gains) is
# found by a search of the prose instead: slower, never missed
_INDEXED_GATE_WORDS = add_keywords(
    # ai.chatbot-artefacts
    "absolutely afraid ai certainly course do don't free here here's hope let me model my question "
    "request shall sorry sure "
    # boilerplate.engagement-bait
    "bookmark checking comment comments conversation debate discussion following forget know share "
    "smash tuned updates your "
    # ai.stock-phrases and ai.stock-patterns
    "challenging changing clarity evolving facets landscape tapestry today's underscore underscores "
    "underscoring watches watching add added adding adds bolster bolstering bolsters complex "
    "conclusion conversations discussions intricate introduce introduces introducing multifaceted "
    "summary unpack "
    # ai.stock-phrases-weak and ai.stock-patterns-weak
    "beacon complexities couldn't deeper diplomatic fostering geopolitical higher important "
    "international intricacies journey noting pivotal ramifications significant situation testament "
    "uncharted understanding delve delved delves delving navigate navigated navigates navigating "
    # ai.interview-framing
    "analysis caught expertise having insights joining million perspective pleasure sat spoke "
    "talked welcome".split()
)


class _WordLines:
    """Per-document state of :func:`word_lines`: the lines found so far per word, and the word
    table and line starts a search needs, looked up once per document rather than once per word.
    It is kept in the document's memo, so it must not refer to the document: a reference cycle
    would keep every document alive until a full garbage collection."""

    __slots__ = ("found", "words", "starts", "line_starts", "text_len")

    def __init__(self, doc: Document):
        t = word_table(doc)
        self.found: dict[str, list[tuple[int, int]]] = {}
        self.words, self.starts = t.words, t.starts
        self.line_starts = doc.line_starts
        self.text_len = len(doc.text)

    def line_at(self, offset: int) -> tuple[int, int]:
        """(start, end) of the line holding an offset."""
        line_starts = self.line_starts
        ln = bisect.bisect_right(line_starts, offset)  # the number of the line (1-based)
        return line_starts[ln - 1], line_starts[ln] - 1 if ln < len(line_starts) else self.text_len

    def search(self, doc: Document, word: str) -> list[tuple[int, int]]:
        """The lines of a word not looked for yet (see :func:`word_lines`)."""
        words, starts = self.words, self.starts
        got: list[tuple[int, int]] = []
        if word in _INDEXED_GATE_WORDS:
            # the word's indexes in the word table, from the shared index
            for i in word_hits(doc).get(word, ()):
                line = self.line_at(starts[i])
                if not got or got[-1] != line:
                    got.append(line)
        elif word.isascii():
            # find the word in the prose, keep hits where the word table has this very word
            # (not "my" in "economy"), then go on from the end of its line (so no line twice)
            needle = word.encode("ascii")
            find = _ascii_prose(doc).find
            n = len(starts)
            p = find(needle)
            while p >= 0:
                i = bisect.bisect_left(starts, p)
                if i < n and starts[i] == p and words[i] == word:
                    line = self.line_at(p)
                    got.append(line)
                    p = find(needle, line[1])
                else:
                    p = find(needle, p + 1)
        else:
            i = -1
            index = words.index
            try:
                while True:
                    i = index(word, i + 1)
                    line = self.line_at(starts[i])
                    if not got or got[-1] != line:
                        got.append(line)
            except ValueError:
                pass
        return got


def word_lines(doc: Document, word: str) -> list[tuple[int, int]]:
    """(start, end) of the lines on which a word (lower case, ' folded) occurs, in order.

    A word of ``_INDEXED_GATE_WORDS`` is looked up in the shared word index; any other ASCII word
    is looked for with ``bytes.find`` in ``_ascii_prose``, and a non-ASCII word by scanning the
    word table."""
    state = doc.memo("gen.word_lines", _WordLines)
    got = state.found.get(word)
    if got is None:
        got = state.found[word] = state.search(doc, word)
    return got


def run_entries(doc: Document, ctx: Context, name: str) -> Iterator[tuple[re.Match, dict]]:
    """Matches of every wanted entry of a list, over the normalised prose (or raw text when the
    entry says ``scan: text``). An entry gated by words is run only over the lines where its
    gate words occur (a phrase: its longest word), so a pattern must not span lines."""
    gl = gated_list(ctx, name)
    if not gl.entries:
        return
    vocab = vocabulary(doc)
    for e in gl.wanted(vocab, doc.text):
        hay = norm_text(doc) if e.on_text else norm_prose(doc)
        if e.gate and not e.contains and not e.on_text:
            if e.subset:
                ranges = word_lines(doc, e.key)
            else:
                keys = [w for w in e.gate if w in vocab]
                if len(keys) == 1:
                    ranges = word_lines(doc, keys[0])
                else:
                    ranges = sorted({r for k in keys for r in word_lines(doc, k)})
            for a, b in ranges:
                for m in e.rx.finditer(hay, a, b):
                    if m.end() > m.start():
                        yield m, e.spec
            continue
        for m in e.rx.finditer(hay):
            if m.end() > m.start():
                yield m, e.spec


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
    """doc.in_quotation, by bisection (quotations are sorted and do not overlap)."""
    quotes = doc.quotations
    if not quotes:
        return False
    starts = doc.memo("gen.quote_starts", lambda d: [q.start for q in d.quotations])
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and quotes[i].start <= start < quotes[i].end


def shorten(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


_STRIP_MARKS = rx.compile(r"^[\s#>*_•·▪●◦‣-]*|[\s*_:]*$")


def bare_line(text: str) -> str:
    """A line without Markdown heading/quote/bullet marks, emphasis and a trailing colon."""
    return _STRIP_MARKS.sub("", text)


# --- NL601 fabricated interview ------------------------------------------------------------------

_LABEL_AT = rx.compile(r"[ \t]*(?:\*\*)?(?P<label>[^:\n]{1,60}?)(?:\*\*)?:")
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


_AFFIL = rx.compile(
    r"\b(?:at|of|from|with|for|joined|leads|heads|runs|directs|chairs)\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w&’'.-]*(?:\s+(?:of|for|and|on|in|de|the|&|[A-Z][\w&’'.-]*)){0,7})"
)


def _role_pattern(ctx: Context) -> re.Pattern | None:
    """A job title followed closely by 'at X', 'with X' or 'of the X' (X capitalised)."""
    cache = _cache(ctx)
    if "roles" not in cache:
        roles = [re.escape(str(r)) for r in ctx.list("ai.affiliation-roles")]
        cache["roles"] = (
            rx.compile(r"\b(?:" + "|".join(roles) + r")s?\b[^,.;:\n]{0,40}?\b(?:at|with|of the)\s+(?:the\s+)?(?-i:[A-Z])", re.I)
            if roles
            else None
        )
    return cache["roles"]


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
    roles = _role_pattern(ctx)
    if not guest.startswith("["):
        name_tokens = [t for t in re.findall(r"[^\W\d_][\w’'-]*", gshown) if t.lower() not in _TITLES]
        surname = name_tokens[-1] if name_tokens and guest not in _GENERIC_GUESTS else None
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
                back = re.search(r"(?:\b(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?(?:[A-Z][\w’'-]*\s+){0,3}$", intro[max(0, a - 60) : a])
                if back:
                    a = max(0, a - 60) + back.start()
                desc = intro[m.end() : s_end]
                if not _affiliated(intro[a:s_end], affiliation_words, roles):
                    app = re.match(r",?\s*((?:an?|the|who is an?)\s[^,.;]{2,80})", desc)
                    b = m.end() + (app.end() if app else 0)
                    what = f" as '{shorten(app.group(1), 50)}'" if app else ""
                    iv.evidence.append((a, b, f"guest introduced only{what}, with no checkable affiliation"))
                    iv.score += 2
        elif not _affiliated(intro, affiliation_words, roles):
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
    options = {"min_score": Option(5, "evidence score at which the interview is reported", min=1, max=20)}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if ":" not in doc.text:
            return
        iv = doc.memo("gen.interview", lambda d: analyse_interview(d, ctx))
        if iv is None or iv.score < self.opts["min_score"]:
            return
        a, b = _label_span(doc, iv.first)
        framing = [e[2][len("stock framing ") :] for e in iv.evidence if e[2].startswith("stock framing ")]
        parts = sorted((e[2] for e in iv.evidence if not e[2].startswith("stock framing ")), key=lambda m: "label" not in m)
        if framing:
            parts.append("stock framing " + ", ".join(framing))
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
        hits = []
        for m, spec in run_entries(doc, ctx, "ai.chatbot-artefacts"):
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


def stock_hits(doc: Document, ctx: Context) -> list[tuple[int, int, bool]]:
    """(start, end, strong) for every stock phrase outside quotation marks, in order."""

    def compute(d: Document) -> list[tuple[int, int, bool]]:
        found: list[tuple[int, int, bool]] = []
        for name, strong in (
            ("ai.stock-phrases", True),
            ("ai.stock-patterns", True),
            ("ai.stock-phrases-weak", False),
            ("ai.stock-patterns-weak", False),
        ):
            found += [(m.start(), m.end(), strong) for m, _ in run_entries(d, ctx, name)]
        found.sort(key=lambda h: (h[0], -h[1], not h[2]))
        out: list[tuple[int, int, bool]] = []
        for s, e, strong in found:
            if out and s < out[-1][1]:  # overlapping matches: keep one, strong if either is
                ps, pe, pst = out[-1]
                out[-1] = (ps, max(pe, e), pst or strong)
                continue
            if in_quotes(d, s) or d.line_of(s).kind in ("code", "table"):
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


# lines that can be a template heading
_HEADING_KINDS = frozenset(("text", "heading", "label"))


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
        lines = doc.lines
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
            yield self.finding(
                s,
                ln.end,
                f"Content-farm template section ({spec.get('what', 'template heading')}): '{shorten(ln.text.strip(), 40)}'",
                related=related,
            )


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

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if "?" not in doc.text:
            return
        entries = compiled_entries(ctx, "ai.engagement-questions")
        # a Q&A laid out as question lines (bold questions, no labels): its questions are the
        # interviewer's, not questions to the reader
        if sum(1 for ln in doc.lines if ln.kind != "label" and ln.text.rstrip(" *_").endswith("?")) >= 3:
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
            ln = doc.line_of(sp.start)
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


RULES = [FabricatedInterview, ChatbotArtefact, StockAiPhrase, StockPhraseDensity, TemplateSection, EngagementQuestion]
