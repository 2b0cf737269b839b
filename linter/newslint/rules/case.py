"""Rule family: case and names (NL201-NL219, category mechanics / consistency).

Scraped and generated copy loses capitals: "kim Jong-un", "kursk", "ukrainian prisoners",
"Dr. kovalenko", "north Korea", sentences and answers that start in lower case, a speaker label
cased differently from its twins, and one name spelled two ways in one article.

Names come from two places: the curated lists in ``rules/names.yaml`` (``case.proper``,
``case.phrases``, ``case.variants``; extend them from a pack of your own) and the article
itself: a word that is not in the English lexicon and appears capitalised in the middle of a
sentence is a name in that article. Words capitalised only because they open a sentence, a
headline or an answer teach nothing. Case fixes are suggestions, never automatic fixes.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Iterator, NamedTuple

from .. import rx
from .. import lexicon
from ..document import ABBREVIATIONS, Document
from ..finding import Finding, Related, Severity
from ..analysis import per_document
from ..analysis.names import (
    NAME_PHRASES,
    NAME_PHRASES_LIST,
    NAME_VARIANTS,
    NAME_VARIANTS_LIST,
    PROPER_NAMES,
    PROPER_NAMES_LIST,
    name_phrases,
    name_variants,
    proper_names,
)
from ..analysis.words import ascii_words, capital_ascii_words, capitalised_ascii_words, lower_ascii_words, lower_prose, word_table
from ..rule import Context, Rule

# --- shared vocabulary ---------------------------------------------------------------------
TITLES = frozenset(
    "dr mr mrs ms prof gen lt col sen rep gov capt sgt maj adm rev cmdr supt insp det".split()
)
_LONGEST_TITLE = max(map(len, TITLES))
# words that may follow a title in lower case ("Mr. and Mrs. Smith") or open a name ("de Gaulle")
_NAME_PARTICLES = frozenset(
    "and or of the de del della der di da das dos du la le van von ten ter bin binti ibn al el ben".split()
)
# lower-case words that legitimately open a sentence
_LOWER_OPENERS = frozenset("e.g i.e vs etc de van von bin ibn al el da di du la le der den ter x".split())
# abbreviations the document's sentence splitter does not know; a split after them is not a sentence end
_MORE_ABBREVIATIONS = frozenset(
    """ave blvd rd hwy univ assn natl intl govt min max ch sec art para cl ibid et seq viz esp incl excl
    misc tel ext hr hrs yr yrs mo wk mln bln bn tn cent approx resp dist div admin asst assoc mgr""".split()
)

_WORD = rx.compile(r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_])|-(?=[^\W\d_]))*")
_LABEL_ANY = rx.compile(
    r"^[ \t]*(?:\*\*)?(?P<label>[A-Za-z][\w.’'&-]*(?:[ ][A-Za-z][\w.’'&-]*){0,4}|Q|A)(?:\*\*)?:(?:\*\*)?[ \t]+(?=\S)",
    re.M,
)
_LIST_MARK = rx.compile(r"^[ \t]*(?:[-*+•▪●◦‣]|\d{1,3}[.)])[ \t]+", re.M)
_OPENERS = "\"“”'‘’([{—–-*_ \t"


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


# --- per-document analysis shared by the rules --------------------------------------------------
class LabelUse(NamedTuple):
    line: int  # 1-based
    start: int
    end: int
    label: str
    answer: int  # offset of the answer's first character


class Analysis(NamedTuple):
    labels: list  # LabelUse, including lower-case-initial variants of real labels
    label_major: dict  # label.lower() -> majority spelling
    variant_labels: list  # LabelUse whose spelling differs (in case only) from the majority


def _first_letter(text: str, start: int, end: int) -> int:
    i = start
    while i < end and text[i] in _OPENERS:
        i += 1
    return i


@per_document
def analyse(doc: Document) -> Analysis:
    """The article's speaker labels, their majority spellings and their variants."""
    prose = doc.prose
    lines = doc.lines
    # speaker labels: the document's label lines plus lines whose label differs only in case
    known = {}
    for ln in lines:
        if ln.kind == "label":
            lab = doc.label(ln)
            if lab:
                known[lab.lower()] = known.get(lab.lower(), 0) + 1
    labels: list[LabelUse] = []
    if known:
        for ln in lines:
            if ln.kind not in ("label", "text"):
                continue
            m = _LABEL_ANY.match(prose, ln.start, ln.end)
            if not m or m.group("label").lower() not in known:
                continue
            labels.append(LabelUse(ln.number, m.start("label"), m.end("label"), m.group("label"), m.end()))
    by_key: dict[str, Counter] = defaultdict(Counter)
    first_at: dict[str, int] = {}
    for u in labels:
        by_key[u.label.lower()][u.label] += 1
        first_at.setdefault(u.label, u.start)
    label_major = {k: max(c, key=lambda s: (c[s], s[:1].isupper(), -first_at[s])) for k, c in by_key.items()}
    variant_labels = [u for u in labels if len(by_key[u.label.lower()]) > 1 and u.label != label_major[u.label.lower()]]
    return Analysis(labels, label_major, variant_labels)


@per_document
def _starts_and_titles(doc: Document) -> tuple[set, set]:
    """Offsets where a capital proves nothing (sentence, answer, heading and list-item starts,
    labels) and the numbers of headline-like lines. Computed only when a rule needs them."""
    prose = doc.prose
    a = analyse(doc)
    starts: set[int] = set()
    for s in doc.sentences:
        starts.add(_first_letter(prose, s.start, s.end))
    for u in a.labels:
        starts.add(_first_letter(prose, u.answer, len(prose)))
        starts.update(range(u.start, u.end))
    titles: set[int] = set()
    for ln in doc.lines:
        if ln.kind in ("heading", "list", "quote", "text", "label"):
            i = ln.start
            m = _LIST_MARK.match(prose, ln.start, ln.end) if ln.kind == "list" else None
            if m:
                i = m.end()
            starts.add(_first_letter(prose, i, ln.end))
        if ln.kind in ("heading", "table", "code") or (ln.kind in ("text", "list") and _titlecase(ln.text)):
            titles.add(ln.number)
    return starts, titles


_DOT_LOWER = rx.compile(r"\.[ \t]+([a-z]+)(?![\w-])")
_DOT_CAP = rx.compile(r"\.[ \t]+(?=[A-Z][a-z])")
_WORDCH = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_BEFORE_BAD = _WORDCH | set("@#/.&+’'-")
_AFTER_BAD = _WORDCH | set("@#/&+-")


def _find_word(prose: str, word: str, possessive: bool = True):
    """Offsets of ``word`` standing alone in prose (str.find, no regex to compile per document).
    A possessive 's may follow; a word glued to digits, hyphens, @, #, / or a domain dot is skipped."""
    n = len(word)
    i = prose.find(word)
    while i != -1:
        e = i + n
        ok = i == 0 or prose[i - 1] not in _BEFORE_BAD
        if ok and e < len(prose):
            c = prose[e]
            if c in _AFTER_BAD or (c.isalpha()):
                ok = False
            elif c == "." and e + 1 < len(prose) and prose[e + 1].isalpha():
                ok = False
            elif c in "'’":
                ok = possessive and prose[e + 1 : e + 2] == "s" and not prose[e + 2 : e + 3].isalpha()
        if ok:
            yield i
        i = prose.find(word, i + 1)


def mid_sentence_caps(doc: Document, cap: str) -> int:
    """How often ``cap`` is written capitalised mid-sentence, off headline lines and labels."""
    starts, titles = _starts_and_titles(doc)
    n = 0
    for i in _find_word(doc.prose, cap):
        if i in starts or doc.line_of(i).number in titles:
            continue
        n += 1
    return n


_SMALL = frozenset("a an and as at but by for from in into of on or the to with vs via is are was".split())


def _titlecase(line: str) -> bool:
    """A headline in title case: most of its words capitalised and no final full stop."""
    s = line.strip()
    if not s or len(s) > 160 or s.endswith((".", "”", '"')) and not s.endswith("?"):
        return False
    ws = [w for w in s.split() if w[:1].isalpha() and w.lower() not in _SMALL]
    return len(ws) >= 2 and sum(w[0].isupper() for w in ws) / len(ws) >= 0.6


def _in_variant_label(a: Analysis, start: int, end: int) -> bool:
    return any(u.start <= start and end <= u.end for u in a.variant_labels)


# --- NL201 ---------------------------------------------------------------------------------
class ProperNounLowercase(Rule):
    """A proper noun written in lower case: a country, nationality, city, language, month, day
    or well-known name from ``rules/names.yaml`` ("russia", "ukrainian", "kursk", "kim"), a
    multi-word name in mixed case ("north Korea", "North korea"), a word that is not in the
    dictionary and appears capitalised mid-sentence elsewhere in the same article
    ("kovalenko" beside "Elena Kovalenko"), or a lower-case word after a title ("Dr. smith").

    Words that are also ordinary lower-case words (china, turkey, polish, march, may, august,
    jordan, chad) are not in the list, and a word capitalised elsewhere only because it opens
    a sentence or a headline teaches nothing. The capitalised form is suggested, not applied.

    Bad:
        Officials in kyiv said the talks would resume.
        ---
        The ukrainian army said the bridge was destroyed.
        ---
        Tensions rose after north Korea fired a missile.
        ---
        Dr. Elena Kovalenko teaches in Lviv. Asked about the talks, kovalenko said little.
    Good:
        Officials in Kyiv said the talks would resume.
        ---
        She bought a china teapot and a turkey for the holiday in may or march.
        ---
        Tensions rose after North Korea fired a missile towards the north.
    """

    code = "NL201"
    name = "proper-noun-lowercase"
    category = "mechanics"
    severity = Severity.warning
    summary = "A proper noun (country, nationality, city, name) written in lower case"
    lists = {PROPER_NAMES: PROPER_NAMES_LIST, NAME_PHRASES: NAME_PHRASES_LIST}

    def setup(self, ctx: Context) -> None:
        self.proper = proper_names(ctx)
        self.phrases = name_phrases(ctx)
        # the lower-case words worth looking up in an article: those of the list and the phrases
        self.watched = self.proper.lower | self.phrases.words

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        if not prose or prose.isspace():  # blank (isspace stops early; strip would copy)
            return
        proper, phrases = self.proper, self.phrases
        a = analyse(doc)
        accept = ctx.accept
        known = lexicon.known
        taken: list[tuple[int, int]] = []
        # multi-word names in mixed case
        words = ascii_words(doc)
        lower_words = lower_ascii_words(doc)
        capitalised = capitalised_ascii_words(doc)
        # the watched words in the article, in lower case or in any case: few, and found with
        # set operations that iterate the smaller side
        watched_lower = lower_words & self.watched
        phrase_words = (watched_lower & phrases.words) | (capitalised & phrases.words)
        present = phrases.present(phrase_words)
        low_prose = lower_prose(doc) if present else ""
        if len(low_prose) != len(prose):
            present = []  # a rare character changed length when lower-cased: skip phrases
        for p in sorted(present, key=len, reverse=True):
            for start in _find_word(low_prose, p.lower(), possessive=True):
                if any(ts <= start < te for ts, te in taken):
                    continue
                end = start + len(p)
                got = prose[start:end]
                want = p
                if not want or got == want or got.islower() or got.isupper():
                    continue
                if doc.line_of(start).kind in ("code",):
                    continue
                # report the words whose case is wrong, as one span
                gw = got.split(" ")
                ww = want.split(" ")
                pos = start
                bad_spans = []
                for g, w in zip(gw, ww):
                    if g != w and g.lower() == w.lower() and not (g[:1].isupper() and w[:1].isupper()):
                        bad_spans.append((pos, pos + len(g)))
                    pos += len(g) + 1
                if not bad_spans:
                    continue
                s, e = bad_spans[0][0], bad_spans[-1][1]
                if _in_variant_label(a, s, e):
                    continue
                taken.append((start, end))
                yield self.finding(start, end, f"'{got}' is a name: write '{want}'", suggestions=[want])
        hits: dict[int, tuple[int, str, str]] = {}  # start -> (end, why, capitalised)
        for w in watched_lower & proper.lower:  # the same as words & proper.lower
            for i in _find_word(prose, w):
                hits[i] = (i + len(w), "list", proper.spelling[w])
        # a word also written capitalised is in both sets: intersecting them first leaves few words
        for w in lexicon.unknown(lower_words & capitalised) - proper.lower:
            if len(w) >= 3 and _cap(w) in words and not known(w):
                if mid_sentence_caps(doc, _cap(w)) >= 1:
                    for i in _find_word(prose, w):
                        hits.setdefault(i, (i + len(w), "article", _cap(w)))
        # a title before a lower-case word: the title is a whole run of ASCII letters, in any
        # case (of the other letters only the Kelvin sign and İ lower-case to ASCII; no title
        # has k or i̇), so an article without a title among its words has none
        titled = not (TITLES.isdisjoint(lower_words) and TITLES.isdisjoint(capitalised))
        for m in _DOT_LOWER.finditer(prose) if titled else ():  # starts with a literal: fast; few matches
            j = m.start()
            k = j
            while k > 0 and prose[k - 1].isalpha():
                k -= 1
            if prose[k:j].lower() not in TITLES or (k > 0 and prose[k - 1] in "._@/-'’" or prose[k - 1 : k].isdigit()):
                continue
            w = m.group(1)
            if w not in _NAME_PARTICLES:
                hits.setdefault(m.start(1), (m.end(1), "title", _cap(w)))
        for s in sorted(hits):
            e, why, cap = hits[s]
            w = prose[s:e]
            if w in accept or any(ts <= s < te for ts, te in taken):
                continue
            if _in_variant_label(a, s, e) or doc.line_of(s).kind == "code":
                continue
            if why == "list":
                msg = f"'{w}' is a proper noun: write '{cap}'"
            elif why == "article":
                msg = f"'{w}' is written '{cap}' elsewhere in this article"
            else:
                msg = f"'{w}' follows a title: a name is capitalised ('{cap}')"
            yield self.finding(s, e, msg, suggestions=[cap])


# --- NL202 ---------------------------------------------------------------------------------
class TitleLowercase(Rule):
    """A title abbreviation in lower case before a name ("dr. Kovalenko", "gen. Budanov").

    Bad:
        The guest was dr. Elena Kovalenko of the institute.
    Good:
        The guest was Dr. Elena Kovalenko of the institute.
    """

    code = "NL202"
    name = "title-lowercase"
    category = "mechanics"
    severity = Severity.warning
    summary = "A title before a name in lower case (dr. Kovalenko)"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        if "." not in prose or TITLES.isdisjoint(word_table(doc).vocabulary):
            return  # no title in the article, in any case
        a = None
        for m in _DOT_CAP.finditer(prose):
            e = m.start() + 1
            s = m.start()
            # the letters before the full stop; a run longer than any title is not one
            stop = max(0, s - _LONGEST_TITLE - 1)
            while s > stop and prose[s - 1].isalpha():
                s -= 1
            t = prose[s : e - 1]
            if t not in TITLES or (s > 0 and (prose[s - 1] in "._@/-'’" or prose[s - 1].isalnum())):
                continue
            if a is None:
                a = analyse(doc)
            if _in_variant_label(a, s, e) or doc.line_of(s).kind == "code":
                continue
            want = _cap(t) + "."
            yield self.finding(s, e, f"'{t}.' before a name is a title: write '{want}'", suggestions=[want])


# --- NL203 / NL204 -------------------------------------------------------------------------
def _skip_opening_word(prose: str, i: int) -> bool:
    """True when the lower-case word at i may open a sentence (iPhone, e.g., de Gaulle, x)."""
    m = _WORD.match(prose, i)
    if not m:
        return True
    w = m.group()
    if any(c.isupper() for c in w[1:]):
        return True  # iPhone, eBay, mRNA
    nxt = prose[m.end() : m.end() + 1]
    if nxt == "." and len(w) <= 3:
        return True  # e.g., i.e., p.m., vs.
    if w.lower() in _LOWER_OPENERS or not w[:1].islower():
        return True
    if nxt in ("@", "/", "_") or prose[i - 1 : i] in ("@", "#", "/", "."):
        return True
    return False


_KIND = attrgetter("kind")
# the first characters of a sentence that may start in lower case (see _first_letter)
_MAY_OPEN_LOWER = frozenset(_OPENERS + "abcdefghijklmnopqrstuvwxyz")
# what a line that ends a sentence ends with (else the next line of the paragraph continues it)
_LINE_ENDS = frozenset(".?!:;…\"”’')]*_|")
_SENTENCE_ENDS = frozenset(".?!…\"”’')]")


def _not_a_sentence(prose: str, i: int, start: int, end: int, ln) -> bool:
    """A fragment that is no sentence, so its case tells nothing: a byline (by Staff Writers),
    a scraped identifier (items.[0].image.alt), or a short line without final punctuation (a
    caption credit, a file name, a label, a time stamp)."""
    m = _WORD.match(prose, i)
    if m is None:
        return True
    after = prose[m.end() : m.end() + 2]
    if after[:1] in "[(" and after[:1] != "" or (after[:1] == "." and after[1:2].strip() and after[1:2] not in ".…"):
        return True  # glued to code-like punctuation: items.[0], config.json
    body = prose[start:end].rstrip()
    if body and body[-1] in _SENTENCE_ENDS:
        return False
    if end < ln.end and prose[end:ln.end].strip():
        return False  # the sentence goes on past a break we cannot see: judge it
    return m.group().lower() == "by" or len(_WORD.findall(prose, start, end)) < 6


class LowercaseSentenceStart(Rule):
    """A sentence, paragraph or list item that starts in lower case. Sentences come from the
    document's sentence splitter (aware of abbreviations and initials); a sentence after
    an ellipsis, a quotation closed by ? or ! ("Why now?" she asked), a partial quotation,
    a lower-case brand (iPhone) or e.g./i.e. is not reported. A list item is reported only when
    most items of its list start with a capital.

    Bad:
        The talks ended on Friday. negotiators will meet again in March.
        ---
        The Hanoi summit collapsed without a deal.
        in a surprising move, the envoy returned to Seoul.
    Good:
        "Why now?" she asked. The minister did not answer.
        ---
        The talks ended... or so it seemed. Apple said iPhone sales rose.
    """

    code = "NL203"
    name = "lowercase-sentence-start"
    category = "mechanics"
    severity = Severity.warning
    summary = "A sentence or paragraph that starts in lower case"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        if not prose or prose.isspace():  # blank (isspace stops early; strip would copy)
            return
        a = analyse(doc)
        answers = {u.answer for u in a.labels}
        label_starts = {u.start for u in a.labels}
        reported = set()
        sentences = doc.sentences
        # only a sentence whose first character is an opening mark or a lower-case letter can
        # start in lower case: pick those out in C (most start with a capital)
        firsts = map(prose.__getitem__, map(itemgetter(0), sentences))
        for s in compress(sentences, map(_MAY_OPEN_LOWER.__contains__, firsts)):
            i = _first_letter(prose, s.start, s.end)
            if i >= s.end or not ("a" <= prose[i] <= "z"):
                continue  # Latin script only
            ln = doc.line_of(s.start)
            if ln.kind in ("table", "code", "list", "blank"):
                continue
            if doc.text[s.start : i] != prose[s.start : i] or len(_WORD.findall(prose, s.start, s.end)) < 2:
                continue  # starts after code or a URL; or a fragment too short to judge
            if i in answers or i in label_starts or any(u.start <= i < u.answer for u in a.labels):
                continue
            lead = prose[s.start : i]
            if any(q in lead for q in "\"“”'‘’"):
                continue  # a partial quotation may start in lower case
            if _skip_opening_word(prose, i):
                continue
            w = _WORD.match(prose, i)
            if w and not lexicon.known(w.group()) and w.group().capitalize() not in prose:
                continue  # no English word, never capitalised here: a name styled in lower case (bdrmm), or a typo for the spelling rules
            if _not_a_sentence(prose, i, s.start, s.end, ln):
                continue
            if not self._after_sentence_end(doc, prose, s.start, ln):
                continue
            reported.add(i)
            yield self._report(prose, i)
        # list items: lower case where most siblings are capitalised
        yield from self._lists(doc, prose, reported)

    @staticmethod
    def _after_sentence_end(doc: Document, prose: str, start: int, ln) -> bool:
        """The text before this sentence really ended a sentence."""
        j = start - 1
        text = doc.text
        while j >= ln.start and prose[j] in " \t\u00a0":
            if not text[j].isspace():
                return False  # code, a URL or a tag right before: not a sentence start we can judge
            j -= 1
        if j < ln.start:
            # line start: the previous line of the paragraph must have ended a sentence (a
            # hard-wrapped line continues the sentence of the line above)
            if ln.number < 2:
                return True
            prev = doc.lines[ln.number - 2]
            if prev.kind == "blank":
                return True
            whole = doc.logical_line_of(prev.start)
            if whole.end == prev.end:  # a title wrapped over lines above: judged as a whole
                prev = whole
            tail = prose[prev.start : prev.end].rstrip()
            if not tail or tail[-1] in _LINE_ENDS or prev.kind == "heading":
                return True
            words = _WORD.findall(tail)
            # a headline in title case above the paragraph ended; a wrapped sentence did not
            return len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)
        ch = prose[j]
        if ch in "?!":
            # a title with its own question mark (Who Framed Roger Rabbit? and she...), or a name
            # with an exclamation mark (Yahoo!): the capitalised word before it is part of it
            w = re.search(r"([^\W\d_]+)[?!]$", prose[max(ln.start, j - 30) : j + 1])
            if w and w.group(1)[:1].isupper() and j - len(w.group(1)) > ln.start:
                return False
        if ch in "\"”’')]":
            # a quotation or bracket closed by ? or !: "Why now?" she asked.
            k = j
            while k >= ln.start and prose[k] in "\"”’')]":
                k -= 1
            if k >= ln.start and prose[k] in "?!…":
                return False
            ch = prose[k] if k >= ln.start else ""
            j = k
        if ch == "…" or prose[max(0, j - 2) : j + 1] == "...":
            return False
        if ch == ".":
            w = re.search(r"([\w.]+)\.$", prose[max(ln.start, j - 12) : j + 1])
            word = w.group(1).lower() if w else ""
            if word in ABBREVIATIONS or word in _MORE_ABBREVIATIONS or word.rstrip(".") in _MORE_ABBREVIATIONS:
                return False
            if (len(word) == 1 and word.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
                return False  # an initial or an abbreviation with dots (U.S., e.g.)
        return ch in ".?!"

    def _report(self, prose: str, i: int) -> Finding:
        m = _WORD.match(prose, i)
        w = m.group()
        return self.finding(i, m.end(), f"Sentence starts in lower case: '{w}'", suggestions=[_cap(w)])

    def _lists(self, doc: Document, prose: str, reported: set) -> Iterator[Finding]:
        if "list" not in map(_KIND, doc.lines):
            return  # no list item (the test runs in C)
        runs: list[list[int]] = []
        prev = -2
        for ln in doc.lines:
            if ln.kind != "list":
                if ln.kind != "blank":
                    prev = -2
                continue
            m = _LIST_MARK.match(prose, ln.start, ln.end)
            if not m:
                continue
            i = _first_letter(prose, m.end(), ln.end)
            if i >= ln.end or not prose[i].isalpha():
                continue
            if prev == -2:
                runs.append([])
            runs[-1].append(i)
            prev = i
        for items in runs:
            upper = [i for i in items if prose[i].isupper()]
            lower = [i for i in items if prose[i].islower() and not _skip_opening_word(prose, i)]
            if len(upper) >= 2 and len(upper) > 2 * len(lower):
                for i in lower:
                    if i not in reported:
                        f = self._report(prose, i)
                        f.message = f"List item starts in lower case unlike the others: '{f.suggestions[0].lower()}'"
                        yield f


class LowercaseAnswer(Rule):
    """An answer after a speaker label that starts in lower case ("Dr. Kovalenko: it adds...").

    Bad:
        Host: What happens next?
        Guest: it depends on Moscow.
        Host: Thank you.
        Guest: Thank you for having me.
    Good:
        Host: What happens next?
        Guest: It depends on Moscow.
        Host: Thank you.
        Guest: Thank you for having me.
    """

    code = "NL204"
    name = "lowercase-answer"
    category = "mechanics"
    severity = Severity.warning
    summary = "An answer after a speaker label that starts in lower case"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        a = analyse(doc)
        for u in a.labels:
            i = _first_letter(prose, u.answer, doc.lines[u.line - 1].end)
            if i >= len(prose) or not prose[i].islower():
                continue
            lead = prose[u.answer : i]
            if any(q in lead for q in "\"“”'‘’") or _skip_opening_word(prose, i):
                continue
            m = _WORD.match(prose, i)
            w = m.group()
            yield self.finding(
                i, m.end(), f"The answer after '{u.label}:' starts in lower case: '{w}'", suggestions=[_cap(w)]
            )


# --- NL205 ---------------------------------------------------------------------------------
class SpeakerLabelCase(Rule):
    """A speaker label spelled with different capitals from its twins ("Senior editor:" among
    "Senior Editor:", "dr. Kovalenko:" among "Dr. Kovalenko:"). The majority spelling is
    suggested; the related location points at it.

    Bad:
        Senior Editor: What happens next?
        Analyst: Talks, probably.
        Senior editor: When?
        Analyst: Soon.
        Senior Editor: Thank you.
    Good:
        Senior Editor: What happens next?
        Analyst: Talks, probably.
        Senior Editor: When?
        Analyst: Soon.
    """

    code = "NL205"
    name = "speaker-label-case"
    category = "mechanics"
    severity = Severity.warning
    summary = "A speaker label cased differently from the same label elsewhere"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        a = analyse(doc)
        if not a.variant_labels:
            return
        first = {}
        for u in a.labels:
            first.setdefault(u.label, u)
        for u in a.variant_labels:
            major = a.label_major[u.label.lower()]
            ref = first[major]
            yield self.finding(
                u.start,
                u.end,
                f"Speaker label '{u.label}' is written '{major}' elsewhere",
                suggestions=[major],
                related=[Related(ref.start, ref.end, f"'{major}' is used here")],
            )


# --- NL206 ---------------------------------------------------------------------------------
# the capital comes first and the look-behind after it, so that re can skip ahead to capitals
# (a leading look-behind is tried at every position: 2.3x slower)
_NAME_TOKEN = rx.compile(r"[A-Z](?<![\w-].)[a-z]+(?:-[A-Za-z][a-z]+)*(?![\w-])")
# the hyphenated ones among them: at any start, both patterns match the same hyphenated token
_HYPHENATED_TOKEN = rx.compile(r"[A-Z](?<![\w-].)[a-z]+(?:-[A-Za-z][a-z]+)+(?![\w-])")
# the first hyphen of a hyphenated name token: after a lower-case letter, before a part
_NAME_HYPHEN = rx.compile(r"-(?<=[a-z]-)(?=[A-Za-z][a-z])")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DOUBLED_LETTER = rx.compile(r"(.)\1")
# re.IGNORECASE matches these four non-ASCII letters with ASCII ones (İ ı: i, K: k, ſ: s)
_FOLDS_TO_ASCII = "\u0130\u0131\u212a\u017f"


def hyphenated_tokens(prose: str) -> frozenset[str]:
    """The same as ``frozenset(_HYPHENATED_TOKEN.findall(prose))``, about seven times faster.

    A token may start only after a character that is neither a word character nor a hyphen,
    so matches never overlap a possible start and the set is that of the matches at every
    start. Each match has a first hyphen between a lower-case letter and a letter followed by
    one: re skips ahead to hyphens (a literal), far rarer than the capitals the full pattern
    starts at, and from such a hyphen its token can only start where the run of ASCII
    letters before it starts."""
    found = set()
    end = 0
    for m in _NAME_HYPHEN.finditer(prose):
        s = m.start()
        if s < end:
            continue  # a later hyphen of the token just found
        while s > 0 and prose[s - 1] in _ASCII_LETTERS:
            s -= 1
        t = _HYPHENATED_TOKEN.match(prose, s)
        if t:
            found.add(t.group())
            end = t.end()
    return frozenset(found)


@per_document
def _name_tokens(doc: Document) -> frozenset[str]:
    """The distinct name tokens (``_NAME_TOKEN``) of the prose."""
    return frozenset(_NAME_TOKEN.findall(doc.prose))


def _doubled_twin(low: str, forms: frozenset[str]) -> bool:
    """``low`` has a doubled letter and ``forms`` holds it with the letter once (zelenskyy, zelensky)."""
    if not _DOUBLED_LETTER.search(low):
        return False
    return any(low[i] == low[i - 1] and low[:i] + low[i + 1 :] in forms for i in range(1, len(low)))


def _spaced_forms(doc: Document, parts: list[str]) -> Iterator[re.Match]:
    """The parts of a hyphenated name written with spaces, in any case ("Jong Un" for Jong-un)."""
    prose = doc.prose
    # without those four letters in the prose, a match needs the parts' lower-case text in the
    # lower-cased prose: a fast test that spares the case-insensitive scan (which re tries at
    # every position) in almost every article
    if not any(c in prose for c in _FOLDS_TO_ASCII) and " ".join(parts).lower() not in lower_prose(doc):
        return iter(())
    spaced = rx.compile(r"(?<![\w-])" + r"[ ]".join(re.escape(p) for p in parts) + r"(?![\w-])", re.I)
    return spaced.finditer(prose)


def _may_have_doubled_twins(doc: Document) -> bool:
    """Whether two capitalised words outside the lexicon may differ by a doubled letter. Name
    tokens are capitalised ASCII words, so without such a pair in the article's words there is
    none among its name tokens either, and the full token scan can be skipped."""
    capitalised = capitalised_ascii_words(doc)
    # the words with a doubled letter picked by the pattern called in C (filter): most have none
    longer = [low for low in lexicon.unknown(capitalised) if len(low) >= 5]
    return any(_doubled_twin(low, capitalised) for low in filter(_DOUBLED_LETTER.search, longer))


class NameSpellingVariants(Rule):
    """One person or place spelled two ways in one article: transliterations listed in
    ``rules/names.yaml`` (Kyiv/Kiev, Zelensky/Zelenskyy, Odesa/Odessa), a name with and without
    a doubled letter (Zelensky/Zelenskyy) and hyphenated against spaced forms (Kim Jong Un/Kim
    Jong-un). The minority form is reported with the majority form as suggestion and a related
    location pointing at it. Different articles may use different forms; only a mix within one
    article is reported.

    Bad:
        President Volodymyr Zelenskyy spoke in Kyiv. Zelenskyy said aid was needed. Later, Zelensky left.
        ---
        Kim Jong Un met officials. Analysts said Kim Jong-un wanted sanctions relief. Kim Jong Un left.
        ---
        Officials in Kyiv said Kiev had been hit. Kyiv was calm on Sunday.
    Good:
        President Volodymyr Zelenskyy spoke in Kyiv. Zelenskyy said aid was needed. Olena Zelenska agreed.
    """

    code = "NL206"
    name = "name-spelling-variants"
    category = "consistency"
    severity = Severity.warning
    summary = "The same name spelled two ways in one article"
    lists = {NAME_VARIANTS: NAME_VARIANTS_LIST}

    def setup(self, ctx: Context) -> None:
        self.variants = name_variants(ctx)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        variants = self.variants
        occurrences: dict[str, list[tuple[int, int]]] = defaultdict(list)  # surface -> spans
        groups: dict[object, set[str]] = defaultdict(set)
        if variants.pattern is not None and not variants.first_words.isdisjoint(word_table(doc).vocabulary):
            for m in variants.pattern.finditer(prose):
                occurrences[m.group()].append((m.start(), m.end()))
                groups[("list", variants.group_of[m.group()])].add(m.group())
        listed = variants.listed
        known = lexicon.known
        # candidates: hyphenated names, and names outside the lexicon with a doubled-letter twin;
        # all name tokens are needed only for the latter, which are rare
        hyphenated = hyphenated_tokens(prose) if "-" in prose else frozenset()
        if _may_have_doubled_twins(doc):
            forms = _name_tokens(doc)
        else:
            forms = hyphenated  # the only forms that can share a lower-case spelling with a hyphenated one
        by_low = {}
        for t in forms:
            by_low.setdefault(t.lower(), []).append(t)
        cands = set(hyphenated)
        for low in lexicon.unknown(by_low.keys()):
            if len(low) < 5 or "-" in low or not _DOUBLED_LETTER.search(low):
                continue
            for i in range(1, len(low)):
                if low[i] == low[i - 1] and low[:i] + low[i + 1 :] in by_low:
                    for t in by_low[low] + by_low[low[:i] + low[i + 1 :]]:
                        if t not in listed and not known(t):
                            cands.add(t)
        for t in hyphenated:
            cands.update(by_low.get(t.lower(), ()))
        toks: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for c in cands:
            for i in _find_word(prose, c):
                toks[c].append((i, i + len(c)))
        for t, spans in list(toks.items()):
            if t in listed:
                continue
            # doubled letter: Zelensky / Zelenskyy, neither an English word
            if len(t) >= 5 and "-" not in t and not known(t):
                for i in range(1, len(t)):
                    other = t[: i + 1] + t[i:]
                    if other in toks and other not in listed and not known(other):
                        key = ("double", t.lower())
                        groups[key].update((t, other))
                        occurrences[t] = spans
                        occurrences[other] = toks[other]
            # hyphenated against spaced or differently cased: Jong-un / Jong Un / Jong-Un
            if "-" in t:
                parts = t.split("-")
                if all(known(p) for p in parts) and not all(p[:1].isupper() for p in parts):
                    continue  # Washington-based, Anglo-something with a lower-case word
                for m in _spaced_forms(doc, parts):
                    occurrences[m.group()].append((m.start(), m.end()))
                    groups[("hyphen", t.lower())].update((t, m.group()))
                occurrences[t] = spans
                for other in toks:
                    if other != t and other.lower() == t.lower():
                        groups[("hyphen", t.lower())].update((t, other))
                        occurrences[other] = toks[other]
        done = set()
        for key, forms in groups.items():
            forms = {f for f in forms if occurrences.get(f)}
            if len(forms) < 2:
                continue
            fs = frozenset(forms)
            if fs in done:
                continue
            done.add(fs)
            counts = {f: len(set(occurrences[f])) for f in forms}
            first = {f: min(occurrences[f])[0] for f in forms}
            major = max(forms, key=lambda f: (counts[f], -first[f]))
            ms, me = min(occurrences[major])
            for f in sorted(forms):
                if f == major:
                    continue
                for s, e in sorted(set(occurrences[f])):
                    yield self.finding(
                        s,
                        e,
                        f"'{f}' is spelled '{major}' elsewhere in this article ({counts[major]} to {counts[f]})",
                        suggestions=[major],
                        related=[Related(ms, me, f"'{major}' is used here")],
                    )



# --- one name, two casings ------------------------------------------------------------------------


class NameCaseVariants(Rule):
    """A name written with two casings in one article: a brand or acronym with its inner
    capitals in most places and without them in one (WhatsApp and Whatsapp, YouTube and
    Youtube, PayPal and Paypal). All-capital forms are a style (labels, datelines). The minority casing is reported, with the majority one as
    suggestion; on a tie, the casing with more capitals (the brand's own) wins. Words of the
    dictionary are left alone (US/Us, WHO/Who, AIDS/Aids), and so are lines in capitals.

    Bad:
        Users of WhatsApp reported outages. WhatsApp said it was working on a fix, and Whatsapp
        later restored service.
    Good:
        Users of WhatsApp reported outages; the WHO said who was affected was unclear.
    """

    code = "NL207"
    name = "name-case-variants"
    category = "mechanics"
    severity = Severity.warning
    summary = "A name cased two ways in one article (WhatsApp and Whatsapp)"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # inner capitals, not all capitals: DEANNE CRISWELL in a transcript label, WASHINGTON in
        # a dateline and a headline in capitals are styles, not another spelling
        # only the words with a capital (a set difference in C) are looked at; for runs of ASCII
        # letters "a capital after the first letter" is "w[1:] is not all lower case"
        capped = capital_ascii_words(doc)
        forms = [w for w in capped if len(w) >= 3 and not w.isupper() and not w[1:].islower()]
        if not forms:
            return
        lows = {w.lower() for w in forms}
        twins = [w for w in capped if w[:1].isupper() and not w.isupper() and w.lower() in lows]
        by_low: dict[str, set[str]] = defaultdict(set)
        for w in twins:
            by_low[w.lower()].add(w)
        prose = doc.prose
        for low, ws in by_low.items():
            if len(ws) < 2 or lexicon.known(low):
                continue
            spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
            for w in ws:
                for i in _find_word(prose, w):
                    if i > 0 and prose[i - 1].isalpha():
                        continue
                    ln = doc.line_of(i)
                    letters = [c for c in ln.text if c.isalpha()]
                    if ln.kind in ("table", "code") or (letters and sum(c.isupper() for c in letters) > 0.6 * len(letters)):
                        continue  # a line in capitals says nothing about a name's casing
                    spans[w].append((i, i + len(w)))
            if len(spans) < 2:
                continue
            major = max(spans, key=lambda w: (len(spans[w]), sum(c.isupper() for c in w)))
            ms, me = spans[major][0]
            for w, sp in spans.items():
                if w == major:
                    continue
                for s, e in sp:
                    yield self.finding(
                        s, e, f"'{w}' is written '{major}' elsewhere in this article",
                        suggestions=[major], related=[Related(ms, me, f"'{major}' is used here")],
                    )

RULES = [ProperNounLowercase, TitleLowercase, LowercaseSentenceStart, LowercaseAnswer, SpeakerLabelCase, NameSpellingVariants, NameCaseVariants]
