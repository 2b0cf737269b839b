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
from typing import Iterable, Iterator

from .. import rx
from ..analysis import per_config, per_document
from ..analysis.entries import GATED_KEYS, combined, compiled_entries, gated_list
from ..analysis.lines import bare_line, in_quotes, shorten
from ..document import Document, Line
from ..finding import Finding, Fix, Related, Severity
from ..rule import Context, Rule, WordList

# --- the lists (rules/boilerplate.yaml) ----------------------------------------------------------

CHROME_LINES = WordList(
    "lines of page chrome (regex over the whole line; what, fix: safe|unsafe)",
    entry="mapping",
    keys={"pattern": str, "what": str, "fix": str},
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


@per_config
def _chrome_pattern(ctx: Context) -> tuple[re.Pattern | None, list[dict]]:
    specs = [dict(x) for x in ctx.list("boilerplate.chrome-lines") if isinstance(x, dict) and x.get("pattern")]
    parts = [f"(?P<c{i}>{s['pattern']})" for i, s in enumerate(specs)]
    return rx.compile("|".join(parts), re.I) if parts else None, specs


# first four characters of the chrome lines that can run long ("Read also: <a headline>"),
# lower-cased; a three-letter word counts with the space after it ("see also", "get our")
_LONG_CHROME_STARTS = frozenset(
    "read also more rela reco cred orig sour via: sign subs last upda publ post modi imag phot pict".split()
) | {"see ", "you ", "get ", "via "}


@per_document
def chrome_lines(doc: Document, ctx: Context) -> dict[int, dict]:
    """{line number: chrome spec} for every line that is nothing but page chrome."""
    pat, specs = _chrome_pattern(ctx)
    out: dict[int, dict] = {}
    if pat is None:
        return out
    for ln in doc.lines:
        if ln.kind in ("blank", "code", "table") or len(ln.text) > 200:
            continue
        if len(ln.text) > 60 and ln.text.lstrip(" \t#>*-•")[:4].lower() not in _LONG_CHROME_STARTS:
            continue  # long lines are chrome only when they start like a link or credit line
        bare = bare_line(ln.text)
        if not bare:
            continue
        m = pat.fullmatch(bare)
        if m is None and ln.text.strip() in ("|", "¦", "||"):
            m = pat.fullmatch(ln.text.strip())
        if m is not None:
            out[ln.number] = specs[int(m.lastgroup[1:])]
    return out


def delete_line_fix(doc: Document, line: Line, safe: bool = True) -> Fix:
    """Delete a whole line with its newline (the newline before it when it is the last line)."""
    begin = line.start
    stop = doc.line_starts[line.number] if line.number < len(doc.line_starts) else line.end
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
        found = chrome_lines(doc, ctx)
        for number, spec in found.items():
            line = doc.lines[number - 1]
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
    """(later line, first line) for every headline-shaped line that repeats an earlier one."""
    seen: dict[str, Line] = {}
    pairs = []
    for ln in doc.lines:
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
        text = doc.text
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
            if _LEGAL_NOTICE.search(key):
                continue  # a copyright line repeats under every picture and at the end by design
            if key not in seen:
                seen[key] = i
                continue
            line = doc.line_of(sp.start)
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
        lines = doc.lines
        n = len(lines)
        if n < 6:
            return
        chrome = chrome_lines(doc, ctx)
        # lines that could open a second article: its update stamp or its dateline, below the top
        anchors = {num - 1 for num, spec in chrome.items() if num > 4 and spec.get("what") == _STAMP_WHAT}
        text = doc.text
        line_starts = doc.line_starts
        for m in _CAPITALS_AFTER_NEWLINE.finditer(text, line_starts[4] - 1):
            k = bisect.bisect_left(line_starts, m.start() + 1)
            ln = lines[k]
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


RULES = [PageChrome, CaptionResidue, EngagementBait, RepeatedHeadline, RepeatedText, GluedArticle]
