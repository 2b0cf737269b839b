"""Rule family: boilerplate and scraper residue (NL7xx, category boilerplate).

A scraper that lifts an article off a web page brings the page with it: "Listen to article",
"Share", "Follow", "Short Url", "Read also: ...", update stamps, credit lines, photo-caption
markers like "(5thL)", the headline a second time, the standfirst repeated as a body paragraph,
and sometimes the next article on the page glued onto the end. Content farms add their own
"stay tuned" and "join the conversation below".

Line patterns live in ``rules/boilerplate.yaml`` (declared below, compiled and gated by
``newslint.analysis.entries``); repetition and glued articles are structural and worked out here.
"""
from __future__ import annotations

import bisect
import re
from itertools import repeat
from typing import Any, Iterable, Iterator, NamedTuple

from .. import rx
from ..analysis import per_config, per_document
from ..analysis.entries import GATED_KEYS, combined, compiled_entries, gated_list, holds_marker, markers, per_list
from ..analysis.lines import bare_line, in_quotes, shorten
from ..analysis.tables import flat_tables
from ..analysis.words import ODD_CASE, holds_any, lower_bytes
from ..analysis.residue import (
    FUNCTION_WORDS,
    content_span,
    is_date_line,
    is_name_line,
    page_layout,
    words_of,
)
from ..document import Document, Line
from ..finding import Finding, Fix, Related, Severity
from ..rule import Context, Rule, WordList

# --- the lists (rules/boilerplate.yaml) ----------------------------------------------------------

CHROME_LINES = WordList(
    "lines of page chrome (regex over the whole line; what, fix: safe|unsafe)",
    entry="mapping",
    keys={"pattern": str, "what": str, "fix": str, "contains": list},
    required=("pattern",),
)
CAPTION_RESIDUE = WordList(
    "photo-caption position markers (regex; context: true for those that need a caption line)",
    entry="mapping",
    keys={"pattern": str, "context": bool, "case": bool},
    required=("pattern",),
)
CAPTION_CONTEXT = WordList("what makes a line read as a photo caption (regex)", entry="pattern")
ENGAGEMENT_BAIT = WordList(
    "calls to the reader appended by content farms (regex with a gate)", entry="mapping", keys=GATED_KEYS, required=("pattern",)
)

# --- page chrome (shared with the glued-article and repeated-headline rules) ---------------------


class _ChromeKinds(NamedTuple):
    """The chrome kinds of a configuration, in the list's order, and what finds their gates."""

    #: (pattern, spec) of each kind; a pattern is compiled the first time a line could be of its kind
    kinds: list[tuple[re.Pattern, dict]]
    #: the kinds without ``contains``: tried on every line
    always: frozenset[int]
    #: an Aho-Corasick automaton of the ``contains`` substrings (lower case), each with its kinds
    #: (None when no kind has any)
    gates: Any


@per_config
def _chrome_kinds(ctx: Context) -> _ChromeKinds:
    """The kinds of ``boilerplate.chrome-lines``. A line is tried only against the kinds whose
    ``contains`` it holds (one pass of an automaton over it), so a short article compiles few of
    their patterns and a line that is no chrome at all costs one look."""
    import ahocorasick

    name = "boilerplate.chrome-lines"
    kinds, always, owners = [], set(), {}
    for x in ctx.list(name):
        if isinstance(x, dict) and x.get("pattern"):
            contains = [str(c).lower() for c in x.get("contains") or ()]
            for c in contains:
                owners.setdefault(c, set()).add(len(kinds))
            if not contains:
                always.add(len(kinds))
            kinds.append((ctx.pattern(name, str(x["pattern"]), re.I), dict(x)))
    gates = None
    if owners:
        gates = ahocorasick.Automaton()
        for c, ks in owners.items():
            gates.add_word(c, frozenset(ks))
        gates.make_automaton()
    return _ChromeKinds(kinds, frozenset(always), gates)


def _chrome_kind(chrome: _ChromeKinds, text: str) -> dict | None:
    """The spec of the first chrome kind whose pattern matches the whole of ``text``."""
    if chrome.gates is None or any(map(text.__contains__, ODD_CASE)):
        tried = range(len(chrome.kinds))  # İ, ı, ſ match i and s case-insensitively: try every kind
    else:
        wanted = set(chrome.always)
        for _, ks in chrome.gates.iter(text.lower()):
            wanted |= ks
        tried = sorted(wanted)
    for i in tried:
        pat, spec = chrome.kinds[i]
        if pat.fullmatch(text):
            return spec
    return None


# first four characters of the chrome lines that can run long ("Read also: <a headline>"),
# lower-cased; a three-letter word counts with the space after it ("see also", "get our")
_LONG_CHROME_STARTS = frozenset(
    "read also more rela reco cred orig sour via: sign subs last upda publ post modi imag phot pict cook disc foll join shar tags".split()
) | {"see ", "you ", "get ", "via ", "we u", "this", "our ", "by c", "by u", "as a", "we m"}  # "We use cookies ...", "By continuing ..."


@per_document
def chrome_matches(doc: Document, ctx: Context) -> list[tuple[Line, dict]]:
    """(line, chrome spec) for every line that is nothing but page chrome. A paragraph wrapped
    over lines is read as one line ("Read also: <a headline>" wrapped); where it is not chrome
    as a whole, each of its lines is tried on its own (a credit line run into the next line)."""
    kinds = _chrome_kinds(ctx)
    out: list[tuple[Line, dict]] = []
    if not kinds.kinds:
        return out
    in_tables = {i + 1 for t in flat_tables(doc) if t.how == "split" for i in t.lines} if "|" in doc.text else set()

    def spec_of(ln: Line) -> dict | None:
        if ln.number in in_tables:
            return None  # a lone pipe ending a row of a flattened table: the table rule reports it
        if ln.kind in ("blank", "code", "table") or len(ln.text) > 200:
            return None
        if len(ln.text) > 60 and ln.text.lstrip(" \t#>*-•")[:4].lower() not in _LONG_CHROME_STARTS:
            return None  # long lines are chrome only when they start like a link or credit line
        bare = bare_line(ln.text)
        if not bare and ln.text.strip() not in ("-", "–", "—"):
            return None
        spec = _chrome_kind(kinds, bare)
        if spec is None and bare[:1] in "([" and bare[-1:] in ")]":
            spec = _chrome_kind(kinds, bare[1:-1].strip())  # "(Read more)", "[Share]"
        if spec is None and ln.text.strip() in ("|", "¦", "||", "-", "–", "—"):
            spec = _chrome_kind(kinds, ln.text.strip().replace("-", "—"))
        if spec is None and " | " in bare:
            # widgets side by side: "Follow us on Google News | Join our WhatsApp Channel"
            pieces = [p.strip() for p in bare.split(" | ") if p.strip()]
            found = [_chrome_kind(kinds, p) for p in pieces]
            if len(pieces) > 1 and all(found):
                spec = found[0]
        return spec

    lines = doc.lines
    for ln in doc.logical_lines:
        if ln.kind == "blank" and ln.end <= lines[ln.number - 1].end:
            continue  # what spec_of says of it, and not wrapped (half of an article's lines)
        spec = spec_of(ln)
        if spec is not None:
            out.append((ln, spec))
        elif ln.end > lines[ln.number - 1].end:  # wrapped: its lines one by one
            last = doc.line_of(ln.end).number
            for part in lines[ln.number - 1 : last]:
                before = lines[part.number - 2].text.rstrip() if part.number > ln.number else ""
                if part.text[:1].islower() and before and before[-1] not in ".!?:;\"”|":
                    continue  # the line goes on from the one before: a headline wrapped before "show"
                spec = spec_of(part)
                if spec is not None:
                    out.append((part, spec))
    # a navigation heading, or a related-stories label standing alone ("RELATED STORIES")
    headings = [ln for ln, spec in out if spec.get("what") == _NAV_HEADING or spec.get("what") == _RELATED and len(ln.text.split()) <= 3 and ":" not in ln.text]
    if headings:
        seen = {ln.number for ln, _ in out}
        for h in headings:
            out += [(ln, spec) for ln, spec in _navigation_block(doc, h) if ln.number not in seen]
            seen.update(ln.number for ln, _ in out)
        out.sort(key=lambda item: item[0].number)
    return out


_NAV_HEADING = "a navigation heading"
_RELATED = "a related-article link"
#: a link of the block under a navigation heading ("Related Topics" / "Health" / "Hospitals")
_NAV_LINK = {"what": "a link under a navigation heading", "fix": "safe"}
_SENTENCE_END = frozenset(".!:;")


def _navigation_block(doc: Document, heading: Line) -> list[tuple[Line, dict]]:
    """The headline-shaped lines under a navigation heading: links to topics or other stories,
    up to the first line that reads as the story's prose (a sentence, or a long line), blank
    lines passed over; at most a dozen. Only once the story has begun: above its first sentence,
    the lines under a "Related topics" are the story's own headline and date."""
    out: list[tuple[Line, dict]] = []
    lines = doc.lines
    if not any(_is_sentence_line(ln) for ln in lines[: heading.number - 1]):
        return out
    i = heading.number  # the index of the line after the heading
    while i < len(lines) and len(out) < 12:
        ln = lines[i]
        i += 1
        if ln.kind == "blank":
            continue
        text = ln.text.strip()
        if ln.kind not in ("text", "heading", "list") or len(text) > 80 or len(text.split()) > 10 or text[-1] in _SENTENCE_END:
            break
        out.append((ln, _NAV_LINK))
    return out


def _is_sentence_line(ln: Line) -> bool:
    """A line of the story's prose: text of eight words or more that ends a sentence."""
    text = ln.text.rstrip()
    return ln.kind == "text" and text[-1:] in ".!?\"”’" and len(text.split()) >= 8


@per_document
def chrome_lines(doc: Document, ctx: Context) -> dict[int, dict]:
    """{line number: chrome spec} of :func:`chrome_matches` (a wrapped one by its first line)."""
    return {ln.number: spec for ln, spec in chrome_matches(doc, ctx)}


def delete_line_fix(doc: Document, line: Line, safe: bool = True) -> Fix:
    """Delete a whole (logical) line with its newline (the newline before it when it is the last
    line)."""
    begin = line.start
    last = bisect.bisect_right(doc.line_starts, line.end)  # 1-based number of its last line
    stop = doc.line_starts[last] if last < len(doc.line_starts) else line.end
    if stop == line.end and begin > 0:
        begin -= 1
        if begin > 0 and doc.text[begin - 1] == "\r":
            begin -= 1
    return Fix.replace(begin, stop, "", safe=safe)


def _content_span(line: Line) -> tuple[int, int]:
    t = line.text
    return line.start + (len(t) - len(t.lstrip())), line.start + len(t.rstrip())


class PageChrome(Rule):
    """A line of page furniture scraped with the article: an audio-player label ("Listen to
    article"), share/follow/print buttons, "Short Url", "Read also: ...", "Advertisement",
    subscription prompts, update stamps ("Updated 23 October 2024"), a stray "|", and aggregator
    credit and source lines ("Original Source: www.rfa.org", "Credited from: BBC").

    Only a line that is nothing but chrome is reported (patterns in the
    ``boilerplate.chrome-lines`` list must match the whole line). The fix deletes the line with
    its newline; it is safe for pure page chrome and offered as unsafe for credit and source
    lines, which carry provenance an editor may want to keep.

    Bad:
        Listen to article
        The council approved the budget on Tuesday.
    ---
        The council approved the budget on Tuesday.
        Read also: Mayor Says Budget Will Balance By 2026
    ---
        Updated 23 October 2024
        Follow
        The council approved the budget on Tuesday.

    Good:
        The council will follow the mayor's advice, she said.
    ---
        Share prices rose 3% on Tuesday.
    ---
        Source: Office for National Statistics
    """

    code = "NL701"
    name = "page-chrome"
    category = "boilerplate"
    severity = Severity.warning
    summary = "A scraped line of page chrome (listen, share, follow, read also, update stamp, credit)"
    fixable = True
    lists = {"boilerplate.chrome-lines": CHROME_LINES}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for line, spec in chrome_matches(doc, ctx):
            s, e = _content_span(line)
            safe = spec.get("fix", "safe") == "safe"
            yield self.finding(
                s,
                e,
                f"Page chrome ({spec.get('what', 'page furniture')}): '{shorten(line.text.strip(), 50)}'; delete the line",
                fix=delete_line_fix(doc, line, safe=safe),
            )


# --- caption residue ------------------------------------------------------------------------------


class CaptionResidue(Rule):
    """A photo-caption position marker left in the copy: "(5thL)", "(2nd R)", "(L to R)", or a
    bare "(L)"/"(C)" on a line that reads as a caption (a "(AFP)" credit, "handout photograph",
    "file photo"). Patterns are in the ``boilerplate.caption-residue`` list.

    Bad:
        President Lula (3rdR) meets the delegation in Brasilia on May 2. (AFP)
    ---
        This handout photograph shows Chancellor Scholz (C) at the summit. (AFP)

    Good:
        Section (C) of the act applies to imports.
    ---
        The score was 2-1 (after extra time).
    """

    code = "NL702"
    name = "caption-residue"
    category = "boilerplate"
    severity = Severity.warning
    summary = "A photo-caption marker such as '(5thL)' left in the copy"
    lists = {"boilerplate.caption-residue": CAPTION_RESIDUE, "boilerplate.caption-context": CAPTION_CONTEXT}

    def setup(self, ctx: Context) -> None:
        self.residue = compiled_entries(ctx, "boilerplate.caption-residue")
        self.context = combined(ctx, "boilerplate.caption-context")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if "(" not in doc.text:
            return
        prose = doc.prose
        context = self.context
        for pat, spec in self.residue:
            for m in pat.finditer(prose):
                line = doc.line_of(m.start())
                if line.kind in ("code", "table"):
                    continue
                if spec.get("context") and (context is None or not context.search(prose, line.start, line.end)):
                    continue
                yield self.finding(m.start(), m.end(), f"Photo-caption residue '{m.group(0)}'; delete it")


# --- engagement bait ------------------------------------------------------------------------------


class EngagementBait(Rule):
    """A call to the reader appended by a content farm: "stay tuned to global news outlets",
    "For more updates on this developing story", "Share your opinions and join the conversation
    below". Patterns are in the ``boilerplate.engagement-bait`` list; quoted speech is not
    checked. Reported once per sentence.

    Bad:
        For more updates on this developing story, stay tuned.
    ---
        Share your opinions and join the conversation below.

    Good:
        "Stay tuned," the coach told reporters, smiling.
    ---
        Residents were invited to share their views at a public meeting on Thursday.
    """

    code = "NL703"
    name = "engagement-bait"
    category = "boilerplate"
    severity = Severity.warning
    summary = "Engagement bait or a 'stay tuned' line"
    lists = {"boilerplate.engagement-bait": ENGAGEMENT_BAIT}

    def setup(self, ctx: Context) -> None:
        self.bait = gated_list(ctx, "boilerplate.engagement-bait")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        last_sentence = -2
        for m, _ in sorted(self.bait.run(doc, ctx), key=lambda x: x[0].start()):
            if in_quotes(doc, m.start()):
                continue
            if doc.line_of(m.start()).kind in ("code", "table"):
                continue
            si = doc.sentence_index(m.start())
            if si >= 0 and si == last_sentence:
                continue
            last_sentence = si
            yield self.finding(m.start(), m.end(), f"Engagement bait: '{shorten(doc.text[m.start():m.end()], 50)}'; cut it")


# --- repeated headline and repeated text ------------------------------------------------------------

_NORM_PUNCT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_LEAD = rx.compile(r"^[\s#>*_•·▪●◦‣\-–—]+")
_TRAIL = rx.compile(r"[\s*_.!?;:,\"')\]]+$")


def _norm(s: str) -> str:
    s = _LEAD.sub("", s.translate(_NORM_PUNCT))
    s = _TRAIL.sub("", s)
    return " ".join(s.lower().split())


def is_title_like(text: str) -> bool:
    """A headline-shaped line: 3-25 words, not ending like a sentence, starting upper-case."""
    s = bare_line(text).strip()
    if not s or s[-1] in ".,;" or len(s) > 200:
        return False
    n = len(s.split())
    if n < 3 or n > 25:
        return False
    first = s.lstrip("\"'“‘")[:1]
    return first.isupper() or first.isdigit()


_KEY_STRIP = " \t#*_>•·▪●◦‣-–—"
_KEY_TRAIL = " \t*_.!?;:,\"'”’)]"


def _cheap_key(s: str) -> str:
    """A fast comparison key: marks and end punctuation stripped, lower case, ’ as '."""
    k = s.strip(_KEY_STRIP).rstrip(_KEY_TRAIL).lower()
    return k.replace("’", "'") if "’" in k else k


def _cheap_keys(strings: Iterable[str]) -> Iterator[str]:
    """``_cheap_key`` of each string, the same steps chained with ``map`` (no Python call per
    string): for a whole article at once."""
    keys = map(str.strip, strings, repeat(_KEY_STRIP))
    keys = map(str.rstrip, keys, repeat(_KEY_TRAIL))
    keys = map(str.lower, keys)
    return map(str.replace, keys, repeat("’"), repeat("'"))


@per_document
def repeated_headlines(doc: Document, ctx: Context) -> list[tuple[Line, Line]]:
    """(later line, first line) for every headline-shaped (logical) line that repeats an earlier
    one."""
    seen: dict[str, Line] = {}
    pairs = []
    for ln in doc.logical_lines:
        if ln.kind not in ("text", "heading") or len(ln.text) > 220:
            continue
        key = _cheap_key(ln.text)
        if len(key) < 10:
            continue
        first = seen.get(key)
        if first is None:
            seen[key] = ln
        else:
            pairs.append((ln, first))
    if not pairs:
        return []
    chrome = chrome_lines(doc, ctx)
    return [
        (later, first)
        for later, first in pairs
        if later.number not in chrome
        and first.number not in chrome
        and is_title_like(later.text)
        and is_title_like(first.text)
    ]


class RepeatedHeadline(Rule):
    """The headline (or any headline-shaped line) repeated further down: the page's title and
    the article's title both scraped. The later copy is reported, the first is related.

    Bad:
        Council Approves Budget After Long Debate
        Updated 3 May 2025
        Council Approves Budget After Long Debate
        The council approved the budget on Tuesday.

    Good:
        Council Approves Budget After Long Debate
        The council approved the budget on Tuesday after a long debate.
    """

    code = "NL704"
    name = "repeated-headline"
    category = "boilerplate"
    severity = Severity.warning
    summary = "A headline repeated in the copy"
    lists = {"boilerplate.chrome-lines": CHROME_LINES}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for later, first in repeated_headlines(doc, ctx):
            s, e = _content_span(later)
            fs, fe = _content_span(first)
            yield self.finding(
                s,
                e,
                f"Headline repeated from line {first.number}; delete the copy",
                fix=delete_line_fix(doc, later, safe=False),
                related=[Related(fs, fe, "first appears here")],
            )


_MIN_WORDS = 8
#: a copyright or rights notice: the agency's own line, repeated by design, not residue to cut
_LEGAL_NOTICE = rx.compile(r"\bcopyright\b|\ball rights reserved\b|©")


class RepeatedText(Rule):
    """A sentence or paragraph repeated verbatim (eight words or more): a standfirst scraped
    again as a body paragraph, or a block pasted twice. The later copy is reported, with the
    first as related; consecutive repeated sentences are reported together as one paragraph.

    Bad:
        • The mayor said the budget would balance by 2026 without new taxes
        The council met on Tuesday.
        The mayor said the budget would balance by 2026 without new taxes.

    Good:
        The mayor said the budget would balance by 2026.
        The council met on Tuesday. The mayor repeated that the budget would balance.
    """

    code = "NL705"
    name = "repeated-text"
    category = "boilerplate"
    severity = Severity.warning
    summary = "A sentence or paragraph repeated verbatim"
    lists = {"boilerplate.chrome-lines": CHROME_LINES}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        sentences = doc.sentences
        text = doc.unwrapped  # a sentence wrapped at other points is the same sentence
        long_keys = list(_cheap_keys([text[sp.start : sp.end] for sp in sentences if sp.end - sp.start >= 6 * _MIN_WORDS]))
        if len(set(long_keys)) == len(long_keys):
            return  # no long sentence repeats another (most articles)
        headline_lines = {later.number for later, _ in repeated_headlines(doc, ctx)} | {
            first.number for _, first in repeated_headlines(doc, ctx)
        }
        seen: dict[str, int] = {}
        runs: list[list[int]] = []  # [start, end, first_start, first_end, last_orig_index]
        for i, sp in enumerate(sentences):
            if sp.end - sp.start < 6 * _MIN_WORDS:
                continue
            raw = text[sp.start : sp.end]
            if raw.count(" ") + 1 < _MIN_WORDS:
                continue
            key = _cheap_key(raw)
            if _LEGAL_NOTICE.search(doc.logical_line_of(sp.start).text.lower()):
                continue  # a copyright line repeats under every picture and at the end by design
            if key not in seen:
                seen[key] = i
                continue
            line = doc.logical_line_of(sp.start)
            if line.number in headline_lines or line.kind in ("code", "table"):
                continue
            j = seen[key]
            orig = sentences[j]
            if (
                runs
                and runs[-1][5] == i - 1
                and runs[-1][4] == j - 1
                and doc.paragraph_index(runs[-1][0]) == doc.paragraph_index(sp.start)
            ):
                runs[-1][1] = sp.end
                runs[-1][3] = orig.end
                runs[-1][4] = j
                runs[-1][5] = i
                runs[-1][6] += 1
            else:
                runs.append([sp.start, sp.end, orig.start, orig.end, j, i, 1])
        for s, e, os_, oe, _, _, n in runs:
            oline = doc.line_of(os_).number
            what = "Paragraph" if n > 1 else "Sentence"
            yield self.finding(
                s,
                e,
                f"{what} repeated verbatim from line {oline}; delete the copy",
                related=[Related(os_, oe, "first appears here")],
            )


# --- glued-on second article ----------------------------------------------------------------------

_DATELINE = rx.compile(
    r"(?!(?:UPDATED?|BREAKING|EXCLUSIVE|NOTE|CORRECTIONS?|CLARIFICATION|EDITOR|ANALYSIS|OPINION|COMMENT|WATCH|"
    r"LISTEN|READ|PHOTOS?|VIDEO|LIVE|FACT|WARNING|ALERT|FLASHBACK|TIMELINE|FACTBOX|EXPLAINER|SPONSORED|AD|"
    r"FILE|UPDATE|FULL TEXT|TRANSCRIPT|DISCLAIMER|DISCLOSURE|PS|P\.S\.)\b)"
    r"(?:[A-Z][A-Z.'’-]{2,}(?:[ -][A-Z][A-Z.'’-]+){0,3}|U\.S\.|U\.K\.)"  # MOSCOW, NEW YORK, U.S.
    r"(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})?"  # , Taiwan
    r"(?:,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"  # , Jan 5
    r"\s*(?:\((?:AP|AFP|Reuters|dpa|DPA|Xinhua|UPI|Bloomberg|IANS|PTI|ANI|AA|Yonhap|Kyodo|TASS|RIA)\)\s*)?"
    r"(?::|—|–|--|\s-)\s+\S"
)
_DATELINE_AT_LINE = rx.compile(r"^[ \t]*" + _DATELINE.pattern, re.M)
# what a dateline needs at the start of its line (a capital and a capital or point: MOSCOW, U.S.);
# starting with a newline, so the regex engine finds such lines at C speed
_CAPITALS_AFTER_NEWLINE = rx.compile(r"\n[ \t]*[A-Z][A-Z.'’-]")
_STAMP_WHAT = "an update stamp"


def _body_line(ln: Line) -> bool:
    """A line of article body: prose of 12 words or more ending like a sentence."""
    return ln.kind in ("text", "quote") and ln.text.rstrip()[-1:] in ".!?\"”’'" and len(ln.text.split()) >= 12


class GluedArticle(Rule):
    """A second article glued onto the first: after the first article's body, a new headline
    followed by its own update stamp or dateline ("Updated 21 January 2026", "MOSCOW: ..."), as
    when a scraper keeps reading into the next story on the page. Reported at the new headline,
    with the evidence related.

    Bad:
        Council Approves Budget
        The council approved the budget on Tuesday after a debate that ran past midnight.
        The mayor said the plan would balance the books by 2026 without new taxes.
        Opposition members said the savings were not spelled out in enough detail.
        Storm Closes Ports Along the Coast
        Updated 21 January 2026
        LISBON: Storm Ines closed four ports on Wednesday as waves reached nine metres.

    Good:
        Council Approves Budget
        LISBON: The council approved the budget on Tuesday after a debate that ran past midnight.
        The mayor said the plan would balance the books by 2026 without new taxes.
        Opposition members said the savings were not spelled out in enough detail.
        What Happens Next
        The budget goes to the regional assembly, which votes on it in March.
    """

    code = "NL706"
    name = "glued-article"
    category = "boilerplate"
    severity = Severity.warning
    summary = "A second, unrelated article glued onto the first"
    lists = {"boilerplate.chrome-lines": CHROME_LINES}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if len(doc.lines) < 6:
            return
        lines = doc.logical_lines  # a headline or a paragraph wrapped over lines is one line here
        chrome = chrome_lines(doc, ctx)
        # lines that could open a second article: its update stamp or its dateline, below the top
        anchors = {doc.logical_index(num) for num, spec in chrome.items() if num > 4 and spec.get("what") == _STAMP_WHAT}
        text = doc.text
        line_starts = doc.line_starts
        for m in _CAPITALS_AFTER_NEWLINE.finditer(text, line_starts[4] - 1):
            k = doc.logical_index(bisect.bisect_left(line_starts, m.start() + 1) + 1)
            ln = lines[k]
            if ln.start > m.start() + 1:
                continue  # inside a wrapped paragraph, not at its start
            t = ln.text
            if ln.kind == "text" and len(t) > 40 and t.lstrip()[:2].isupper() and _DATELINE_AT_LINE.match(text, ln.start, ln.end):
                anchors.add(k)
        if not anchors:
            return
        # candidate headlines: a headline-shaped line up to 8 non-blank lines above an anchor
        candidates: set[int] = set()
        for k in anchors:
            seen = 0
            i = k - 1
            while i >= 0 and seen < 8:
                ln = lines[i]
                if ln.kind != "blank":
                    seen += 1
                    if ln.kind in ("text", "heading") and ln.number not in chrome and is_title_like(ln.text):
                        candidates.add(i)
                i -= 1
        if not candidates:
            return
        repeats = {later.number for later, _ in repeated_headlines(doc, ctx)}
        body = 0  # body lines of the current article, counted up to the three a headline needs
        for i in range(max(candidates) + 1):
            ln = lines[i]
            if i in candidates and body >= 3 and ln.number not in repeats:
                evidence = self._evidence(doc, lines, i, chrome)
                if any(w in ("its own update stamp", "its own dateline") for _, _, w in evidence):
                    s, e = _content_span(ln)
                    yield self.finding(
                        s,
                        e,
                        "A second article starts here, after the first article's body: a new headline with "
                        + " and ".join(w for _, _, w in evidence)
                        + "; cut it or split the file",
                        related=[Related(a, b, w) for a, b, w in evidence],
                    )
                    body = 0  # a third article needs a body of its own
                    continue
            if body < 3 and _body_line(ln):
                body += 1

    @staticmethod
    def _evidence(doc: Document, lines: list[Line], i: int, chrome: dict[int, dict]) -> list[tuple[int, int, str]]:
        """What follows a candidate headline: its update stamp, its headline again, its dateline."""
        key = _norm(lines[i].text)
        evidence: list[tuple[int, int, str]] = []
        n = len(lines)
        j = i + 1
        seen = 0
        while j < n and seen < 8:
            nxt = lines[j]
            j += 1
            if nxt.kind == "blank":
                continue
            seen += 1
            spec = chrome.get(nxt.number)
            if spec is not None:
                if spec.get("what") == _STAMP_WHAT:
                    s, e = _content_span(nxt)
                    evidence.append((s, e, "its own update stamp"))
                continue
            if _norm(nxt.text) == key:
                s, e = _content_span(nxt)
                evidence.append((s, e, "its headline repeated"))
                continue
            if nxt.kind == "list":
                continue  # a standfirst bullet
            if len(nxt.text.split()) >= 8:
                s, _ = _content_span(nxt)
                m = _DATELINE.match(doc.text, s, nxt.end)
                if m:
                    evidence.append((s, m.end() - 1, "its own dateline"))
            break
        return evidence


# --- page labels above the headline ---------------------------------------------------------------

EDITORIAL_LABELS = WordList("headings that introduce the story's own content (Summary, Key points)", entry="phrase")
MASTHEAD_WORDS = WordList("last words of a publication's name (Times, Post, Publisher)", entry="word")
_LABEL_MARKS = " \t-–•*·>#"


def _label_words(text: str) -> list[str] | None:
    """The words of a line shaped like a section label or masthead (one to three words, no
    function word, digit, colon or sentence punctuation), else None."""
    t = bare_line(text).strip().strip(_LABEL_MARKS)
    if not t or len(t) > 40 or t[-1] in "?!:;," or ":" in t or any(c.isdigit() for c in t):
        return None
    if t.endswith(".") and not t[:-1].replace(" ", "").isalpha():
        return None
    ws = words_of(t)
    if not 1 <= len(ws) <= 3 or any(w.lower().strip(".") in FUNCTION_WORDS for w in ws):
        return None
    if len(ws) == 3 and not all(w[0].isupper() for w in ws):
        return None  # "Capsule movie reviews" is a headline; "South Florida Sun-Sentinel" a masthead
    return ws


class PageLabel(Rule):
    """A section label, masthead or app banner scraped above the headline: "Politics",
    "DISASTER MANAGEMENT", "Columns & Blogs", "The Daily Courier". The page puts them above the
    story; the copy should start with the headline.

    A line is reported when it is one to three words with no function word, digit or colon, sits
    above the first line of running prose, and a headline (three words or more) still follows
    it; or when it is the first line and names a publication (its last word in the
    ``boilerplate.masthead-words`` list). Names alone ("Ana Ruiz", a byline), dates and editorial
    headings (``boilerplate.editorial-labels``: "Summary", "Analysis") are left alone.

    Bad:
        Environment

        Floods close the coastal road for a third day
        The coastal road stayed shut on Thursday after a third night of flooding, the council said.
    ---
        The Harbour Gazette

        Fishing fleet stays in port as storm passes
        The fleet stayed in port on Monday while the storm passed to the north of the bay.

    Good:
        Floods close the coastal road for a third day
        Ana Ruiz
        The coastal road stayed shut on Thursday after a third night of flooding, the council said.
    ---
        Summary

        Floods close the coastal road for a third day
        The coastal road stayed shut on Thursday after a third night of flooding, the council said.
    """

    code = "NL707"
    name = "page-label"
    category = "boilerplate"
    severity = Severity.warning
    summary = "A section label, masthead or banner scraped above the headline"
    fixable = True
    lists = {
        "boilerplate.chrome-lines": CHROME_LINES,
        "boilerplate.editorial-labels": EDITORIAL_LABELS,
        "boilerplate.masthead-words": MASTHEAD_WORDS,
    }

    def setup(self, ctx: Context) -> None:
        self.editorial = frozenset(" ".join(str(x).lower().split()) for x in ctx.list("boilerplate.editorial-labels"))
        self.mastheads = frozenset(str(x).lower() for x in ctx.list("boilerplate.masthead-words"))

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        head = page_layout(doc).head
        if not head:
            return
        lines = doc.logical_lines
        # the head lines shaped like a label or masthead, first: most articles have none, and
        # then nothing else is read (the tests below are the same, in another order)
        labels = []
        for k, i in enumerate(head[:15]):
            ln = lines[i]
            if ln.kind in ("table", "code"):
                continue
            ws = _label_words(ln.text)
            if ws is None and k == 0 and ln.text.lstrip().startswith("The "):
                ws = _label_words(ln.text.lstrip()[4:])  # "The Harbour Gazette": a masthead or nothing
                if ws is None or ws[-1].lower().rsplit("-", 1)[-1] not in self.mastheads:
                    continue
            if ws is not None:
                labels.append((k, ln, ws))
        if not labels:
            return
        chrome = chrome_lines(doc, ctx)
        repeats = {x.number for pair in repeated_headlines(doc, ctx) for x in pair}
        # does a headline (three words or more, not a name or a date) follow head line k?
        later_headline = [False] * len(head)
        seen = False
        for k in range(len(head) - 1, -1, -1):
            later_headline[k] = seen
            t = lines[head[k]].text
            if (len(words_of(t)) >= 3 and not is_name_line(t) and not is_date_line(t) and not _CREDIT.search(t)
                    and lines[head[k]].number not in chrome):
                seen = True
        for k, ln, ws in labels:
            if ln.number in chrome or ln.number in repeats:
                continue
            key = " ".join(w.lower() for w in ws)
            last = ws[-1].lower().rsplit("-", 1)[-1]
            if key in self.editorial or is_date_line(ln.text) or (is_name_line(ln.text) and last not in self.mastheads):
                continue
            masthead = k == 0 and last in self.mastheads
            if not (later_headline[k] or masthead):
                continue
            s, e = content_span(ln)
            what = "a masthead" if masthead else "a section label or banner"
            yield self.finding(s, e, f"Page furniture above the headline ({what}): '{shorten(ln.text.strip(), 40)}'; delete the line",
                               fix=delete_line_fix(doc, ln, safe=False))


# --- widget text glued onto a word -----------------------------------------------------------------

GLUED_WIDGETS = WordList(
    "widget text fused onto a word with no space (regex matching from the widget text; what)",
    entry="mapping", keys={"pattern": str, "what": str, "contains": list}, required=("pattern",),
)


class GluedWidget(Rule):
    """Widget text fused onto the end of a word, with no space: a live-blog entry's time stamp
    ("...recordpublished at 09:47 BST"), "Print this article", "Image source" or "Last
    Updated" glued to the link before it. The scraper dropped the markup between two page
    elements; the widget text is residue and the line needs separating. Patterns are in the
    ``boilerplate.glued-widgets`` list.

    Bad:
        Minister defends the budgetpublished at 09:47 BST
    ---
        Return to storyPrint this article

    Good:
        The minister defended the budget, published at 09:47 BST.
    ---
        The report was republished at 10 sites.
    """

    code = "NL708"
    name = "glued-widget"
    category = "boilerplate"
    severity = Severity.warning
    summary = "Widget text (a time stamp, 'Print this article') fused onto a word"
    lists = {"boilerplate.glued-widgets": GLUED_WIDGETS}

    def setup(self, ctx: Context) -> None:
        self.patterns = compiled_entries(ctx, "boilerplate.glued-widgets")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        done: set[int] = set()
        for pat, spec in _gated(_gated_entries(ctx, "boilerplate.glued-widgets"), doc):
            for m in pat.finditer(text):
                line = doc.line_of(m.start())
                if line.number in done or line.kind in ("code", "table"):
                    continue
                done.add(line.number)
                _, e = content_span(line)
                yield self.finding(m.start(), max(e, m.end()),
                                   f"Widget text glued onto the word before it ({spec.get('what', 'widget text')}): "
                                   f"'{shorten(text[m.start():e], 40)}'; delete it or split the line")


# --- markup, template variables and encoded data -----------------------------------------------

ENCODED_DATA = WordList(
    "markup, template variables, file names and encoded data (regex; what)",
    entry="mapping", keys={"pattern": str, "what": str, "contains": list, "run": int}, required=("pattern",),
)


def _is_encoded(s: str) -> bool:
    """A long run of base64 characters reads as data when it mixes cases and digits."""
    return any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c.islower() for c in s)


# every byte but ASCII white space becomes "x", white space a space
_RUN_BYTES = bytes(32 if c in b" \t\n\r\x0b\x0c" else 120 for c in range(256))


@per_document
def _runs(doc: Document) -> bytes:
    return doc.text.encode("utf-8", "replace").translate(_RUN_BYTES)


def has_run(doc: Document, n: int) -> bool:
    """Whether the article holds a run of ``n`` characters with no white space, or may: a run of
    ``n`` UTF-8 bytes between ASCII white space (never shorter than the run), found as ``n``
    "x"s in the article's bytes with every other byte an "x" and white space a space (in C, with
    no string made per word)."""
    return b"x" * n in _runs(doc)


@per_list
def _gated_entries(ctx: Context, name: str) -> list[tuple[re.Pattern, dict, tuple | None, int | None]]:
    """A list's compiled entries with their gates: (pattern, entry, ``contains`` as
    :func:`markers` or None, ``run`` or None)."""
    out = []
    for pat, spec in compiled_entries(ctx, name):
        gated = "contains" in spec or "run" in spec
        marks = markers(spec.get("contains", ())) if gated else None
        out.append((pat, spec, marks, int(spec["run"]) if "run" in spec else None))
    return out


def _gated(entries: list, doc: Document) -> Iterator:
    """The (pattern, entry) pairs worth running on an article: an entry's ``contains`` lists
    substrings (lower case), one of which the article must hold; its ``run`` (N), the other
    thing it may hold instead: a run of N characters with no white space."""
    low = None
    for pat, spec, marks, run in entries:
        if marks is None:
            yield pat, spec
            continue
        if low is None:
            low = lower_bytes(doc)
        if holds_marker(low, marks) or (run is not None and has_run(doc, run)):
            yield pat, spec


class EncodedResidue(Rule):
    """Markup or data the page never meant to show: an HTML tag ("<iframe src=...>"), a template
    variable left unfilled ("items.[0].image.alt", "{{ headline }}"), an image file name with its
    size ("banner 300x200 promo.jpg"), width and height attributes, base64 data, a tracking tag.
    When the residue is the whole line, the fix deletes the line. Patterns are in the
    ``boilerplate.encoded-data`` list.

    Bad:
        <iframe src="" width="640" height="360" title="embedded video">
    ---
        items.[0].image.alt
    ---
        summer fair 300x250 banner.jpg

    Good:
        The screen has a resolution of 1920 by 1080 pixels.
    ---
        The file, report.pdf, was sent on Monday.
    """

    code = "NL709"
    name = "encoded-residue"
    category = "boilerplate"
    severity = Severity.warning
    summary = "Markup, a template variable, a file name or encoded data in the copy"
    fixable = True
    lists = {"boilerplate.encoded-data": ENCODED_DATA}

    def setup(self, ctx: Context) -> None:
        self.patterns = compiled_entries(ctx, "boilerplate.encoded-data")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        done: set[int] = set()
        hits = []
        for pat, spec in _gated(_gated_entries(ctx, "boilerplate.encoded-data"), doc):
            for m in pat.finditer(text):
                if spec.get("what") == "encoded data" and not m.group(0).startswith("data:") and not _is_encoded(m.group(0)):
                    continue
                line = doc.line_of(m.start())
                if line.number in done or line.kind == "code" or m.end() > line.end:
                    continue
                done.add(line.number)
                hits.append((m, spec, line))
        for m, spec, line in sorted(hits, key=lambda h: h[0].start()):
            bare = bare_line(line.text).strip()
            whole = len(m.group(0).strip()) >= 0.8 * len(bare)
            fix = delete_line_fix(doc, line, safe=True) if whole else None
            yield self.finding(m.start(), m.end(), f"Page residue ({spec.get('what', 'markup')}): "
                                                   f"'{shorten(m.group(0), 40)}'; delete it", fix=fix)


# --- related-story links, video cards ------------------------------------------------------------

_DURATION = rx.compile(r"\(?\d{1,2}:\d{2}(?::\d{2})?\)?")
_PLAYER_LINE = rx.compile(r"(?:watch|listen to|listen|play|see)\s+[A-Za-z0-9‘“\"']", re.I)
_KICKER_LINK = rx.compile(
    r"[A-Z0-9][\w’'.&-]*(?:[ ,]+[\w’'.&-]+){0,4}:\s+[A-Z0-9‘'\"“][^\n]*"
)
_MORE_END = rx.compile(r"(?:,| and) more\W{0,3}$", re.I)


def _related_shape(text: str) -> bool:
    """A related-story link: "Kicker: Headline words" (four words or more after the colon) that
    does not end like a sentence or a question."""
    t = text.strip()
    if ":" not in t or not _KICKER_LINK.fullmatch(t) or t[-1] in ".?!:;,…\"”":
        return False
    return len(t.split(":", 1)[1].split()) >= 4


def _headline_shape(line: Line) -> bool:
    """A headline-shaped link: 4-14 words, capital first, no digits, no end punctuation."""
    if line.kind not in ("text", "heading"):
        return False
    r = line.text.rstrip()
    if not r or r[-1] in ".?!;,…\"”')":
        return False  # the same answer as below, without bare_line (which keeps such an end)
    t = bare_line(line.text).strip()
    if not t or t[-1] in ".?!:;,…\"”')" or any(c.isdigit() for c in t):
        return False
    if not (t[0].isupper() or t[0] in "‘'\"“" or (t[0].islower() and t[1:2].isupper())):  # "eBay", "mLife"
        return False
    return 4 <= len(t.split()) <= 14


class RelatedLinks(Rule):
    """A block of links to other stories scraped with the article: a video card (its running
    time, its title, a "Watch ..." line), a run of "Topic: Headline" links after the story has
    started, or four headline-shaped lines in a row with no prose between them. One finding per
    block, at its first line, with every line of it related.

    Bad:
        The council approved the budget on Tuesday after a debate that ran past midnight.
        Road works: Bypass to close for six weeks from Monday
        School meals: Prices rise for the first time since 2019
    ---
        The coach praised the defence after the match on Saturday night at the stadium.

        04:12

        Coach reviews the win over the Hawks

        Watch the press conference after the match

    Good:
        The council approved the budget on Tuesday after a debate that ran past midnight.
        Road works: The bypass will close for six weeks from Monday.
        Opposition members said the savings were not spelled out in enough detail.
    """

    code = "NL710"
    name = "related-links"
    category = "boilerplate"
    severity = Severity.warning
    summary = "A block of related-story links or a video card scraped with the article"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        lines = doc.logical_lines
        body_start = page_layout(doc).body_start
        nonblank = [i for i, ln in enumerate(lines) if ln.kind != "blank"]
        used: set[int] = set()
        blocks: list[tuple[list[int], str]] = []
        # video cards: a running time alone, then a title, then a "Watch ..." line
        for k, i in enumerate(nonblank):
            t = lines[i].text.strip()
            if len(t) > 10 or not _DURATION.fullmatch(t):
                continue
            nxt = nonblank[k + 1 : k + 4]
            for n, j in enumerate(nxt):
                tj = lines[j].text.strip()
                if _PLAYER_LINE.match(tj) and ":" not in tj[:8] and tj[-1:] not in ".?!" and len(tj.split()) <= 20:
                    block = [i, *nxt[: n + 1]]
                    blocks.append((block, "a video card (running time, title, 'Watch' line)"))
                    used.update(block)
                    break
        # "Topic: Headline" links after the story has started: two in a row, or one ending "..., more"
        run: list[int] = []
        for i in [*nonblank, None]:
            if i is not None and i > body_start and i not in used and _related_shape(lines[i].text):
                run.append(i)
                continue
            if len(run) >= 2 or (run and _MORE_END.search(lines[run[0]].text.strip())):
                blocks.append((run, "links to related stories"))
                used.update(run)
            run = []
        # four headline-shaped lines in a row (blank lines between them allowed)
        run = []
        for i in [*nonblank, None]:
            if i is not None and i not in used and _headline_shape(lines[i]):
                run.append(i)
                continue
            if len(run) >= 4 and len({_cheap_key(lines[j].text) for j in run}) == len(run):
                blocks.append((run, "a run of headlines with no story between them"))
                used.update(run)
            run = []
        for block, what in sorted(blocks):
            first, last = lines[block[0]], lines[block[-1]]
            s, _ = content_span(first)
            _, e = content_span(last)
            yield self.finding(s, e, f"Page furniture: {what}, {len(block)} lines; delete the block",
                               related=[Related(*content_span(lines[j]), "part of the block") for j in block[1:]])


# --- alt text and image labels ---------------------------------------------------------------------

_CREDIT = rx.compile(
    r"(?i:\b(?:photo(?:graph)?|picture|image|credit)s?\s*:)|/\s*(?:AP|AFP|Reuters|Getty|EPA|PA|Xinhua|Bloomberg)\b|"
    r"\b(?:Getty Images|AP Photo|Image source)\b"
)
_LABEL_PREFIX = rx.compile(r"^(?:image|photo|picture|caption|pictured)\s*:\s*", re.I)
# a line that may open with such a label once its markup is stripped
_LABEL_ANYWHERE = rx.compile(r"^\W*(?:image|photo|picture|caption|pictured)\s*:", re.I | re.M)
# what one of the two needs (a cheap gate): the labelling word and its colon, found from its first
# letter ([PpIiCc] and the two letters that match i case-insensitively, İ and ı: a case-sensitive
# class, so the regex engine skips to them), "/" before an agency, or the case-sensitive phrases
_CREDIT_GATE = rx.compile(r"(?-i:[PpIiCcİı])(?:hoto(?:graph)?|icture|ictured|mage|redit|aption)s?\s*:", re.I)
_AGENCY_GATE = rx.compile(r"/\s*(?:AP|AFP|Reuters|Getty|EPA|PA|Xinhua|Bloomberg)\b")


# what a match of _CREDIT_GATE holds after its first letter, lower-cased; the only letters that
# the case-insensitive part matches and str.lower() does not lower to these are İ and ı
_CREDIT_GATE_WORDS = ("hoto", "icture", "mage", "redit", "aption")


#: the most characters a match of _CREDIT_GATE holds before its white space and colon
_CREDIT_GATE_REACH = 12


def credit_gate(text: str) -> bool:
    """Whether _CREDIT_GATE matches in the text. A match ends at a colon, after white space and at
    most 11 other characters ("Photographs"), and has no look-around: it is searched only in
    the stretch before each colon (a few in an article; the regex engine would try every p, i and
    c of the text)."""
    j = text.find(":")
    while j != -1:
        k = j
        while k > 0 and text[k - 1].isspace():  # \s* (str.isspace is the regex engine's \s)
            k -= 1
        if _CREDIT_GATE.search(text, max(0, k - _CREDIT_GATE_REACH), j + 1):
            return True
        j = text.find(":", j + 1)
    return False


def _may_credit(doc: Document) -> bool:
    """False only when neither _CREDIT nor _LABEL_ANYWHERE can match in the text. _CREDIT_GATE
    is searched only when the lower-cased text holds one of the words it matches."""
    text = doc.text
    if text.isascii() or ("İ" not in text and "ı" not in text):
        may = holds_any(doc, _CREDIT_GATE_WORDS)
    else:
        may = True
    return bool(
        may and credit_gate(text) or _AGENCY_GATE.search(text)
        or "Getty Images" in text or "AP Photo" in text or "Image source" in text
    )


class AltText(Rule):
    """An image's alt text or label left above or below its caption: the caption's first words
    alone on a line next to the full caption ("The bridge at dawn." over "The bridge at dawn.
    Photo: J. Lee"), or the name of the person pictured alone next to a credited caption. The
    caption stays; the fix deletes the label line.

    Bad:
        Crews clear the road near the bridge.
        Crews clear the road near the bridge. Photo: County Fire Service
    ---
        Maria Lopez
        Mayor Maria Lopez at the town hall on Monday. Photograph: J. Lee/Harbour Press

    Good:
        Maria Lopez
        Maria Lopez has run the bakery on Mill Street for twenty years.
    """

    code = "NL711"
    name = "alt-text"
    category = "boilerplate"
    severity = Severity.warning
    summary = "An image's alt text or label left next to its caption"
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not _may_credit(doc) or not (_CREDIT.search(doc.text) or _LABEL_ANYWHERE.search(doc.text)):
            return  # no line credits or labels a picture: nothing can sit next to one
        lines = doc.lines
        nonblank = [i for i, ln in enumerate(lines) if ln.kind not in ("blank", "code", "table")]
        bare = {i: bare_line(lines[i].text).strip() for i in nonblank}
        # the lines that credit or label a picture: every finding sits next to one
        captions = {i for i in nonblank if _CREDIT.search(lines[i].text) or _LABEL_PREFIX.match(bare[i])}
        if not captions:
            return
        for k, i in enumerate(nonblank):
            near = [j for j in nonblank[max(0, k - 2) : k] + nonblank[k + 1 : k + 3] if j in captions]
            if not near:
                continue
            ln = lines[i]
            t = bare[i]
            if not t or len(t) > 200:
                continue
            reason = None
            if is_name_line(t):
                if any(t in lines[j].text for j in near) and any(_CREDIT.search(lines[j].text) for j in near):
                    reason = "the name of the person pictured, next to the credited caption"
            elif len(t.split()) >= 4:
                stem = t.rstrip(".").strip()
                for j in near:
                    other = _LABEL_PREFIX.sub("", bare[j])
                    if other != t and other.startswith(stem) and len(other) > len(stem) + 5 and _cheap_key(other) != _cheap_key(t):
                        reason = "the caption's words alone, next to the full caption"
                        break
            if reason:
                s, e = content_span(ln)
                yield self.finding(s, e, f"Image alt text or label ({reason}): '{shorten(t, 40)}'; delete the line",
                                   fix=delete_line_fix(doc, ln, safe=False))


RULES = [PageChrome, CaptionResidue, EngagementBait, RepeatedHeadline, RepeatedText, GluedArticle, PageLabel,
         GluedWidget, EncodedResidue, RelatedLinks, AltText]
