"""Rule family: mechanics (NL220-NL299): spacing, punctuation, quotation marks, brackets, a/an.

Every rule here is written for precision first: a pattern that is sometimes right in news copy
(decimals, times, domains, initials, French spacing, inch marks, multi-paragraph quotations,
acronyms said as words) is left alone rather than reported. Word lists (a/an exceptions,
acronyms said as words) are in ``rules/mechanics.yaml`` and read through ``ctx.list``; the
doubled-word rule (NL223) is a declarative rule in the same pack.
"""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from .. import rx
from .. import lexicon
from ..document import ABBREVIATIONS, Document, offsets_of
from ..analysis import per_config, per_document
from ..analysis.keywords import add_keywords
from ..analysis.keywords import indexes_of as keyword_indexes
from ..analysis.words import word_table
from ..finding import Finding, Fix, Related, Severity
from ..rule import Context, Option, Rule, WordList

_LETTER = r"[^\W\d_]"


def _by_paragraph(doc: Document, offsets: list[int]) -> dict[int, list[int]]:
    """Sorted offsets grouped by the index of their paragraph, in text order; offsets between
    paragraphs (code, blank lines) belong to none. Marks are few and paragraphs many: one
    look-up per mark, none per paragraph. (``paragraph_index`` counts a paragraph's end offset
    in; the marks looked up here are never there, where a line break or the text ends.)"""
    groups: dict[int, list[int]] = {}
    for i in offsets:
        k = doc.paragraph_index(i)
        if k >= 0:
            groups.setdefault(k, []).append(i)
    return groups


# --- missing space after punctuation ----------------------------------------------------------
_INITIALS = rx.compile(r"^(?:[^\W\d_]{1,2}\.)+[^\W\d_]{0,2}$")  # J.R.R, U.S, e.g, Ph.D, a.m
_CAP_WORD = rx.compile(r"^[A-Z][a-z]+(?:['’-][A-Za-z]+)*$")  # North, How, Kovalenko
_SCHEMES = frozenset("http https ftp mailto tel urn file re fwd cc bcc ps nb".split())
_ENTITY_TAIL = rx.compile(r"&#?\w+$")


_WORDS_AFTER_STOP = "mechanics.words-after-stop"


class MissingSpaceAfterPunctuation(Rule):
    """A comma, full stop, question or exclamation mark, colon or semicolon glued to the next
    word ("Ukraine,adn", "question.North", "Ukraine.How"): a space is missing after it.

    Left alone: decimals and thousands (1.5, 2,700), times and ratios (10:30, 3:1), URLs, e-mail
    addresses, file names and domains (report.pdf, Amazon.com), initials and abbreviations
    (J.R.R. Tolkien, U.S., e.g., a.m., Ph.D.), ellipses and HTML entities. After a full stop,
    a question or exclamation mark or a colon, the next word must be a capitalised word or a
    common function word ("question.North", "home.while"), so "node.js" and "Yahoo!news" are not
    flagged. The fix inserts one space.

    Bad:
        One of them wanted to remain in Ukraine,adn the other to go home.
        ---
        That is the question.North Korea rarely negotiates in public.
        ---
        One wants to return home,while the other hopes to stay in Ukraine.How do you read that?
    Good:
        Prices rose 1.5 percent to 2,700 won at 10:30 a.m. on Monday, the U.S. agency said.
        ---
        The report, e.g. the summary at example.com/report.pdf, cites J.R.R. Tolkien and Amazon.com.
        ---
        Kyiv won the match 3:1 after a 2-1 lead; she holds a Ph.D. from the LSE.
    """

    code = "NL220"
    name = "missing-space-after-punctuation"
    category = "mechanics"
    severity = Severity.warning
    summary = "No space after a comma, full stop, colon or other punctuation between words"
    fixable = True
    lists = {_WORDS_AFTER_STOP: WordList("lower-case words a full stop may be glued to by a missing space", entry="word")}

    def setup(self, ctx: Context) -> None:
        self.after_stop = frozenset(str(x) for x in ctx.list(_WORDS_AFTER_STOP))

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        after_stop = self.after_stop
        for p in sorted(m.start() for glue in _QUICK_GLUES for m in glue.finditer(prose)):
            if p == 0 or not prose[p - 1].isalnum():
                continue
            # the words around the mark: "(Ukraine,adn" -> "Ukraine" "," "adn"
            ls = _left_word_start(prose, max(0, p - 80), p)
            rm = _RIGHT_WORD.match(prose, p + 1)
            if rm is None:
                continue
            left, punct, right = prose[ls:p], prose[p], rm.group()
            if not _glued_is_missing_space(prose, ls, rm.end(), p, left, punct, right, after_stop):
                continue
            if punct != "," and doc.line_of(p).kind in ("code", "table"):
                continue
            start = ls
            while start < p and not prose[start].isalnum():
                start += 1
            end = rm.end()
            yield self.finding(
                start,
                end,
                f"Missing space after '{punct}': '{doc.text[start:end]}'",
                suggestions=[doc.text[start : p + 1] + " " + doc.text[p + 1 : end]],
                fix=Fix.replace(p + 1, p + 1, " "),
            )


# a mark glued to a letter; one pattern per mark, because re skips ahead to a literal character
# about twice as fast as to a character class (and a look-behind here is five times slower)
_QUICK_GLUES = [rx.compile(re.escape(mark) + r"(?=[^\W\d_])") for mark in ",;:.!?"]
# the word before a mark, as _LEFT_WORD.search(text, lo, p) finds it; _left_word_start gives
# its start without the search, which re tries from every start position (the costliest step)
_LEFT_WORD = rx.compile(r"[\w’'.&-]*[^\W_]$")
_LEFT_WORD_PUNCT = frozenset("_’'.&-")
_RIGHT_WORD = rx.compile(_LETTER + r"[\w’'-]*")


def _left_word_start(text: str, lo: int, p: int) -> int:
    """Where ``_LEFT_WORD.search(text, lo, p)`` starts, for text[p - 1] alphanumeric (then it
    always matches, to p): the start of the run of word characters and ’'.&- before p, from lo
    at the earliest. (\\w is str.isalnum() or "_".)"""
    i = p - 1
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in _LEFT_WORD_PUNCT):
        i -= 1
    return i


def _glued_is_missing_space(
    prose: str, start: int, end: int, p: int, left: str, punct: str, right: str, after_stop: frozenset
) -> bool:
    # the whole token around the mark, from whitespace to whitespace
    ts = start
    while ts > 0 and not prose[ts - 1].isspace():
        ts -= 1
    te = end
    n = len(prose)
    while te < n and not prose[te].isspace():
        te += 1
    token = prose[ts:te]
    if "@" in token or "/" in token or "\\" in token or "_" in token or token.lstrip("([“‘\"'").startswith("#"):
        return False  # handles, hashtags, paths, code-ish tokens
    nxt = prose[end] if end < n else " "
    nxt2 = prose[end + 1] if end + 1 < n else " "
    if nxt in "/@_=" or (nxt in ".:" and nxt2.isalnum() and punct != ","):
        return False  # a domain chain, a path, a further abbreviation ("Ph.D.", "example.co.uk")
    word_left = re.search(r"[^\W\d_][\w’'-]*$", left)
    lw = word_left.group(0) if word_left else ""
    if punct == ",":
        # "Ukraine,adn", "home,while", "2024,the": at least one side is a real word
        if len(right) < 2 and len(lw) < 2:
            return False  # "a,b" variable lists
        if re.search(r"\d", right):
            return False
        return True
    if punct == ";":
        if _ENTITY_TAIL.search(left):
            return False  # &nbsp;Kyiv
        return len(right) >= 2 and len(lw) >= 2
    if re.search(r"\d", right):
        return False
    if not lw:
        # "in 2031.He said", "52-48.Turnout": a figure of two or more digits, then a new sentence
        head = prose[ts:p].lstrip("([{“‘\"'")
        return punct in ".?!" and bool(re.search(r"\d\d$", left)) and "." not in head and bool(_CAP_WORD.match(right))
    if punct == ".":
        # initials and abbreviations: "J.R.R.Tolkien" is left alone too (precision first)
        if len(lw) == 1:
            return False
        head = prose[ts:p].lstrip("([{“‘\"'")
        if "." in head and _INITIALS.match(head):
            return False
        if "." in head:
            return False  # already a dotted token: "example.co.uk", "v1.2.beta"
        if prose[p - 1 : p + 1] == "..":
            return False
        if right in ("A", "I") and prose[end : end + 1] == " " and prose[end + 1 : end + 2].islower():
            return True  # "costs.A single fare", "home.I think"
        return bool(_CAP_WORD.match(right)) or right.lower() in after_stop and right.islower()
    if punct == ":":
        if lw.lower() in _SCHEMES or len(lw) < 2:
            return False
        return bool(_CAP_WORD.match(right)) or (right.islower() and right in after_stop)
    # ? and !
    if len(lw) < 2:
        return False
    return bool(_CAP_WORD.match(right)) or (right.islower() and right in after_stop)


# --- doubled spaces ---------------------------------------------------------------------------
_DOUBLE_SPACE = rx.compile(r"(?<=\S)[ \u00a0]{2,3}(?=\S)")
_SPACED_LINE_KINDS = ("text", "quote", "list", "label", "heading")


class DoubledSpace(Rule):
    """Two or three spaces between words where one belongs. Indentation, code, tables and wider
    runs (columns aligned with spaces) are left alone; so are two spaces after a full stop, an
    old typing convention, unless the option ``after-sentence`` is on. The fix leaves one space.

    Bad:
        Ukrainian forces  captured two soldiers in the Kursk region.
    Good:
        Ukrainian forces captured two soldiers in the Kursk region.
        ---
        Name        Role
        Kim Jong Un leader
    """

    code = "NL221"
    name = "doubled-space"
    category = "mechanics"
    severity = Severity.warning
    summary = "Two spaces between words"
    fixable = True
    options = {
        "after-sentence": Option(False, "also report two spaces after a full stop, question or exclamation mark"),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        # a one-character test runs many times faster than a two-character one: look for the
        # rare no-break space before testing its pairs
        if "  " not in text and (
            "\u00a0" not in text or ("\u00a0 " not in text and " \u00a0" not in text and "\u00a0\u00a0" not in text)
        ):
            return
        prose = doc.prose
        after_sentence = self.opts["after-sentence"]
        layout: dict[int, bool] = {}
        for m in _DOUBLE_SPACE.finditer(text):
            s, e = m.start(), m.end()
            if prose[s - 1].isspace() or prose[e].isspace():
                continue  # next to a URL or code span
            line = doc.line_of(s)
            if line.kind not in _SPACED_LINE_KINDS or line.text.startswith(("    ", "\t")):
                continue  # indented code (Markdown) or indented layout
            if line.number not in layout:
                body = line.text.strip()
                layout[line.number] = bool(_WIDE_GAP.search(body)) or len(_DOUBLE_SPACE.findall(body)) > 3
            if layout[line.number]:
                continue  # a line laid out in columns with spaces
            if text[s - 1] in ".!?:" and not after_sentence:
                continue
            yield self.finding(s, e, "Two spaces between words; use one", suggestions=[" "], fix=Fix.replace(s, e, " "))


_WIDE_GAP = rx.compile(r"\S(?: {4,}|\t)\S")


# --- space before punctuation -----------------------------------------------------------------
_SPACE_THEN_MARK = rx.compile(r" [,;.!?]")
# the mark followed by a space or a closing mark, or (a comma or semicolon) glued to the next word:
# "April 1 ,the authority said"
_SPACE_BEFORE = rx.compile(r"(?<=[^\W_])([ \t]+)([,;.!?])(?=[\s”’\"')\]]|$|(?<=[,;])[^\W\d_])")


class SpaceBeforePunctuation(Rule):
    """A space before a comma, semicolon, full stop, question or exclamation mark ("Kyiv , the
    capital"). French spacing (before ? ! ; and inside « guillemets »), ellipses (" ...") and
    Markdown list markers are left alone. The suggestion removes the space.

    Bad:
        The talks in Kyiv , the capital, ended on Monday .
    Good:
        The talks in Kyiv, the capital, ended on Monday ... or so it seemed.
        ---
        « Pourquoi pas ? » a-t-il demandé.
    """

    code = "NL222"
    name = "space-before-punctuation"
    category = "mechanics"
    severity = Severity.warning
    summary = "A space before a comma, full stop or other punctuation"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        # a reported gap ends in a space right before the mark: find those pairs in one scan (five
        # substring tests cost three times more) and match the full pattern only at their gaps
        marks = [m.end() - 1 for m in _SPACE_THEN_MARK.finditer(prose)]
        if not marks:
            return
        french = "«" in prose or "»" in prose
        for q in marks:
            gap = q
            while gap > 0 and prose[gap - 1] in " \t":
                gap -= 1
            m = _SPACE_BEFORE.match(prose, gap)
            if m is None:
                continue
            punct = m.group(2)
            p = m.start(2)
            if punct == "." and (prose[p + 1 : p + 2] == "." or prose[p - 1 : p] == "."):
                continue  # ellipsis
            if french and punct in "?!;:":
                continue
            line = doc.line_of(p)
            if line.kind in ("code", "table"):
                continue
            if punct in "?!" and re.search(r"[«»]", line.text):
                continue
            s = m.start(1)
            if s == line.start or not prose[line.start:s].strip():
                continue  # punctuation at the start of a line
            if "\t" in m.group(1) or len(m.group(1)) > 2:
                continue  # tab-aligned text
            moved = punct + (" " if prose[p + 1 : p + 2].isalpha() else "")  # "1 ,the" -> "1, the"
            yield self.finding(
                s,
                p + 1,
                f"Space before '{punct}'",
                suggestions=[moved],
                fix=Fix.replace(s, p + 1, moved, safe=False),
            )


# --- quotation marks ----------------------------------------------------------------------------
_DOUBLE_QUOTES = "\"“”„"
_OPEN_BEFORE = frozenset(" \t\n([{—–-/«‘'")
_CLOSE_AFTER = frozenset(" \t\n)]},.;:!?—–-/»’'…")


def _quote_role(text: str, i: int, lo: int, hi: int) -> str | None:
    """'open', 'close' or None (cannot tell, or not a quotation mark at all)."""
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if ch == '"' and before.isdigit() and not after.isalpha():
        k = i - 1
        while k > lo and (text[k - 1].isdigit() or text[k - 1] in "'.,/"):
            k -= 1
        if not (k > lo and text[k - 1].isalpha()):
            return None  # inch mark or seconds: 5'11", 12" (but "the G7" closes a quotation)
    opens = before in _OPEN_BEFORE or before in "“\"" and i - 1 >= lo
    closes = after in _CLOSE_AFTER or after in "”\""
    if opens and not after.isspace() and not closes:
        return "open"
    if closes and not before.isspace() and not opens:
        return "close"
    if opens and closes and not before.isspace() and before not in "([{" and not after.isspace() and not after.isalnum():
        return "close"  # "it's 'fine'". : after a closing single quote, before punctuation
    if ch in "“„":
        return "open"
    if ch == "”":
        return "close"
    if opens and not after.isspace():
        return "open"
    if closes and not before.isspace():
        return "close"
    return None


_NO_QUOTES: tuple = ((), (), ())


class QuoteAnalysis(NamedTuple):
    """The double quotation marks of an article (see :func:`quote_analysis`)."""

    #: per paragraph: (unclosed opening marks, stray closing marks, (offset, role) of its marks)
    paras: list[tuple]
    #: the indexes of the paragraphs with unclosed or stray marks
    flagged: list[int]
    straight: list[int]
    curly: list[int]


@per_document
def quote_analysis(doc: Document) -> QuoteAnalysis:
    """Per paragraph: the unclosed opening marks and stray closing marks of double quotes and
    the (offset, role) of its marks, as three sequences; the indexes of the paragraphs with
    unclosed or stray marks; and article-wide lists of straight and curly marks. Shared by NL224
    and NL226; read-only."""
    prose = doc.prose
    paras = doc.paragraphs
    # a paragraph without quotation marks shares one empty (immutable) entry
    per_para: list[tuple] = [_NO_QUOTES] * len(paras)
    straight: list[int] = []
    curly: list[int] = []
    flagged: list[int] = []  # the paragraphs with unclosed or stray marks
    for k, marks_at in _by_paragraph(doc, offsets_of(prose, _DOUBLE_QUOTES)).items():
        p = paras[k]
        if p.kind in ("table", "code"):
            continue
        marks: list[tuple[int, str]] = []
        for i in marks_at:
            role = _quote_role(prose, i, p.start, p.end)
            if role is None:
                continue
            (straight if prose[i] == '"' else curly).append(i)
            marks.append((i, role))
        stack: list[int] = []
        stray: list[int] = []
        for i, role in marks:
            if role == "open":
                stack.append(i)
            elif stack:
                stack.pop()
            else:
                stray.append(i)
        per_para[k] = (stack, stray, marks)
        if stack or stray:
            flagged.append(k)
    return QuoteAnalysis(per_para, flagged, straight, curly)


def _starts_with_open_quote(doc: Document, pi: int) -> bool:
    paras = doc.paragraphs
    if pi >= len(paras):
        return False
    text = doc.prose[paras[pi].start : paras[pi].end].lstrip(" \t>*-•")
    return text[:1] in ("“", '"', "„", "‘") or text[:2] in ("**",) and text[2:3] in ("“", '"')


class UnbalancedQuotes(Rule):
    """A double quotation opened and never closed in its paragraph ("“We are waiting for the
    first units tomorrow, Lt. Gen. Budanov told the outlet. “It is unclear ...”"), or a closing
    mark with no opening one. Reported at the unpaired mark.

    Not reported: the convention for quotations that run over several paragraphs (a paragraph
    that opens a quote without closing it, followed by a paragraph that starts with an opening
    mark), a quotation that continues on the next line, apostrophes and single ‘scare quotes’,
    inch and second marks (5'11"), and nested double quotes that pair up.

    Bad:
        “We are waiting for the first units tomorrow, Lt. Gen. Kyrylo Budanov told the outlet. “It is unclear how many will come.”
        ---
        The minister called the deal “historic and said it would be signed on Friday.
    Good:
        “We are waiting for the first units tomorrow,” Lt. Gen. Kyrylo Budanov told the outlet. “It is unclear how many will come.”
        ---
        “The first paragraph of a long statement runs on.

        “And the second one closes it,” the spokesman said.
        ---
        The 6'2" forward called it a ‘technical’ defeat; the team’s coach disagreed.
    """

    code = "NL224"
    name = "unbalanced-quotes"
    category = "mechanics"
    severity = Severity.warning
    summary = "A quotation mark opened and never closed (or closed and never opened)"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if '"' not in doc.text and "“" not in doc.text and "”" not in doc.text:
            return
        qa = quote_analysis(doc)
        paras = qa.paras
        for pi in qa.flagged:
            unclosed, stray, marks = paras[pi]
            nxt_marks = paras[pi + 1][2] if pi + 1 < len(paras) else []
            prev = paras[pi - 1] if pi > 0 else ([], [], [])
            last_mark = max((j for j, _ in marks), default=-1)  # once a paragraph: linear in its marks
            for i in unclosed:
                if last_mark <= i:  # no mark after this one
                    if _starts_with_open_quote(doc, pi + 1):
                        continue  # multi-paragraph quotation
                    if nxt_marks and nxt_marks[0][1] == "close":
                        continue  # the quotation closes on the next line
                yield self.finding(i, i + 1, "This quotation mark opens a quotation that is never closed in its paragraph")
            prev_left_open = bool(prev[0]) and not any(j > prev[0][-1] for j, _ in prev[2])
            for i in stray:
                if prev_left_open:
                    continue  # closes a quotation the previous line left open
                yield self.finding(i, i + 1, "This closing quotation mark has no opening mark in its paragraph")
        # a closing and an opening mark lost around the speaker: "“We know it is unwelcome, said
        # Alan Price. We kept it low.”" pairs up, but the attribution sits inside the quotation
        prose = doc.prose
        for q in doc.quotations:
            if q.closed and q.end - q.start > 20:
                inner = prose[q.start + 1 : q.end - 1]
                if not ("said" in inner or "says" in inner or "added" in inner or "told" in inner):
                    continue  # every match holds one of them
                m = _ATTRIBUTION_INSIDE.search(prose, q.start + 1, q.end - 1)
                if m:
                    g = "a" if m.group("a") else "b"
                    yield self.finding(
                        m.start(g), m.end(g),
                        "The speaker's attribution is inside the quotation marks: a closing mark is missing before it "
                        "and an opening mark after it",
                        related=[Related(q.start, q.start + 1, "the quotation opens here"), Related(q.end - 1, q.end, "and closes here")],
                    )


# an attribution that ends a sentence inside a quotation, another sentence of the quotation after
# it: ", said Alan Price, the director. We ..." or "..., Price said. We ..."
_ATTRIBUTION_INSIDE = rx.compile(
    r"(?:,\s+(?P<a>(?:said|says|added|told)\s+(?:[A-Z][\w’'.-]+\s*){1,3}(?:,[^,.\"“”]{0,80})?)"
    r"|[a-z],?\s+(?P<b>(?:[A-Z][\w’'-]+\s+){1,3}(?:said|says|added)))\.\s+(?=[A-Z])"
)
# --- apostrophe slips ------------------------------------------------------------------------------
# "its" before an article or "been" (or "not", but not "not-for-profit")
_ITS_SLIP = rx.compile(r"(?<![\w’'-])([Ii]ts)\s+(?:(?:a|an|the|been)\b|not\b(?!-))")
# the verb after a plural's stray apostrophe
_VERB_AFTER = rx.compile(r"\s(?:heard|said|says|told|were|was|are|is|have|had|will|would|could|should|did|does)\b")
_WORD_BEFORE_APOSTROPHE = rx.compile(r"(?:^|(?<=\s))(?P<the>(?:[Tt]he)\s+)?(?P<word>[A-Za-z]+s)\Z")


class ApostropheSlip(Rule):
    """Two apostrophe slips no dictionary check sees, because every word is real: "its" where
    "it's" is meant, before an article or "been" ("its the first time", "its been a year"; the
    possessive is followed by a noun), and a plural's possessive apostrophe right before a verb
    ("Magistrates' heard", "The workers' said": nothing is possessed), the plural opening its
    sentence or following "the". "its not-for-profit arm" and a quoted title ("'Into the Depths'
    was released") are left alone.

    Bad:
        Its the first time the council has raised the tax since 2019.
        ---
        Magistrates' heard that he had been driving at 70mph.
    Good:
        The charity and its not-for-profit arm reported a surplus.
        ---
        Magistrates heard that he had been driving at 70mph.
        ---
        'Into the Depths' was released in 1998.
    """

    code = "NL238"
    name = "apostrophe-slip"
    category = "mechanics"
    severity = Severity.warning
    summary = "An apostrophe lost ('its the' for 'it's the') or stray before a verb ('Magistrates' heard')"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        if "its" in word_table(doc).vocabulary:
            for k in offsets_of(prose, ("its", "Its")):
                m = _ITS_SLIP.match(prose, k)
                if m:
                    its = m.group(1)
                    yield self.finding(m.start(1), m.end(1), f"'{its}' here is '{its[0]}t's' (it is, it has): the possessive 'its' is followed by a noun")
        for k in offsets_of(prose, ("s'", "s’")):
            if not _VERB_AFTER.match(prose, k + 2):
                continue
            i = doc.sentence_index(k)
            sent_start = doc.sentences[i].start if i >= 0 else doc.line_of(k).start
            w = _WORD_BEFORE_APOSTROPHE.search(prose, sent_start, k + 1)
            if w is None:
                continue
            word = w.group("word")
            opens = w.start() == sent_start and not w.group("the") and word[0].isupper()
            after_the = bool(w.group("the")) and word.islower()
            if not (opens or after_the) or "'" in prose[sent_start : w.start()] or "‘" in prose[sent_start : w.start()]:
                continue  # a plural inside the sentence, or a quoted title closing ("'Into the Depths' was")
            yield self.finding(w.start("word"), k + 2, f"'{word}{prose[k + 1]}' takes no apostrophe before the verb: nothing is possessed ('{word}')")


# --- brackets -----------------------------------------------------------------------------------
_BRACKETS = "()[]"
_PAIR = {")": "(", "]": "["}
_ENUM_BEFORE = rx.compile(r"(?:^|[\s(])(?:[a-zA-Z]|\d{1,2}|[ivxIVX]{1,4})$")
_SMILEY_BEFORE = rx.compile(r"[:;=8xX][-^']?$")


class UnbalancedBrackets(Rule):
    """A parenthesis or square bracket opened and not closed in its paragraph, or closed
    without being opened. Enumerators ("a) ... b) ...", "1)"), smileys and Markdown links are
    left alone; a paragraph that continues a parenthesis from the previous one is not reported.

    Bad:
        The agency (which did not give its sources said 3,000 more troops had arrived.
    Good:
        The agency (which did not give its sources) said 3,000 more troops had arrived: a) in Kursk, b) in Bryansk.
    """

    code = "NL225"
    name = "unbalanced-brackets"
    category = "mechanics"
    severity = Severity.warning
    summary = "A parenthesis or bracket opened and never closed (or closed and never opened)"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        if "(" not in text and ")" not in text and "[" not in text and "]" not in text:
            return
        prose = doc.prose
        paras = doc.paragraphs
        for k, at in _by_paragraph(doc, offsets_of(prose, _BRACKETS)).items():
            if paras[k].kind in ("table", "code"):
                continue
            stack: list[tuple[str, int]] = []
            bad: list[tuple[int, str]] = []
            for i in at:
                ch = prose[i]
                if ch in "([":
                    if i + 1 < len(text) and prose[i + 1] == " " and text[i + 1] != " ":
                        # "(" of a Markdown link target: the masked URL may have taken its ")"
                        stack.append(("link", i))
                        continue
                    stack.append((ch, i))
                    continue
                if ch == ")" and stack and stack[-1][0] == "link":
                    stack.pop()
                    continue
                if stack and stack[-1][0] == _PAIR[ch]:
                    stack.pop()
                    continue
                line_start = doc.line_of(i).start
                before = prose[max(line_start, i - 6) : i]
                if _ENUM_BEFORE.search(before) or _SMILEY_BEFORE.search(before):
                    continue
                if any(o == _PAIR[ch] for o, _ in stack):
                    # a mismatched nesting like "( [ )": report the inner opener instead
                    while stack and stack[-1][0] != _PAIR[ch]:
                        o, j = stack.pop()
                        if o != "link":
                            bad.append((j, "open"))
                    stack.pop()
                    continue
                bad.append((i, "close"))
            for o, j in stack:
                if o != "link":
                    bad.append((j, "open"))
            for i, kind in sorted(bad):
                ch = text[i]
                if kind == "open":
                    msg = f"'{ch}' is opened and never closed in this paragraph"
                else:
                    msg = f"'{ch}' closes a bracket that was never opened in this paragraph"
                yield self.finding(i, i + 1, msg)


# --- mixed quotation styles -----------------------------------------------------------------
class MixedQuoteStyles(Rule):
    """Straight (") and curly (“ ”) double quotation marks mixed in one article: a sign of copy
    pasted together from several sources. Reported once, at the first mark of the less used
    style, with the first mark of the other style as related location.

    Bad:
        “We are ready,” Zelensky said. His aide called it "a fair offer".
    Good:
        “We are ready,” Zelensky said. His aide called it “a fair offer”.
    """

    code = "NL226"
    name = "mixed-quote-styles"
    category = "style"
    severity = Severity.info
    summary = "Straight and curly double quotes mixed in one article"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        if '"' not in text or ("“" not in text and "”" not in text):
            return
        qa = quote_analysis(doc)
        straight, curly = qa.straight, qa.curly
        if not straight or not curly:
            return

        if len(straight) <= len(curly):
            minority, major, what, other = straight, curly, "straight", "curly"
        else:
            minority, major, what, other = curly, straight, "curly", "straight"
        i, j = minority[0], major[0]
        yield self.finding(
            i,
            i + 1,
            f"{what.capitalize()} quotation marks ({len(minority)}) mixed with {other} ones ({len(major)}) in one article",
            related=[Related(j, j + 1, f"first {other} quotation mark")],
        )


# --- a / an --------------------------------------------------------------------------------------
# "a"/"an" as a word; the letter before the look-behind lets re skip ahead to a's (a leading \b
# is tried at every position)
_ARTICLE = rx.compile(r"([aA](?<!\w.)n?)([ \u00a0]+)(\w[\w.’'&+-]*)")
# what follows "a"/"A" at every position where _ARTICLE could start, as one string: "n" for "an",
# the spaces and the word ("n hour", " university"). The look-ahead consumes only the letter, so
# this finds a superset of the pairs _ARTICLE.findall gives (it skips a match that overlaps the
# one before); two patterns led by a literal letter, which re skips ahead to twice as fast as to
# [aA]
_ARTICLE_TAILS = [rx.compile(head + r"(?<!\w.)(?=(n?[ \u00a0]+\w[\w.’'&+-]*))") for head in "aA"]
_NOT_BEFORE_ARTICLE = frozenset("’'.@#/&+-")
_ACRONYM = rx.compile(r"^(?:[A-Z]\.){2,}$|^(?:[A-Z]\.){1,}[A-Z]$|^[A-Z][A-Z0-9&]*[A-Z][A-Z0-9]*s?$|^[A-Z]{1,3}[a-z][A-Z]+$")
_LETTER_THEN_SYMBOL = rx.compile(r"^[A-Za-z](?:[-‐][\w]|\d)")  # X-ray, F-16, M4, U-turn
_VOWEL_LETTERS = frozenset("AEIOFHLMNRSX")  # letters whose names start with a vowel sound
_ONSETS = frozenset(
    "bl br cl cr dr dw fl fr gl gr gw kl kn kr kw pl pr ps sc sh sk sl sm sn sp sq st sw th tr tw wh wr ch ph".split()
)
_SENTENCE_OPEN = rx.compile(r"(?:^|[.!?:;“\"‘(—–]|\n)[\s*_#>“\"‘(]*$")


_A_AN_LISTS = {
    "a-an.consonant-sound": WordList("word beginnings read with a consonant sound (uni, eu, one)", entry="word"),
    "a-an.vowel-sound": WordList("word beginnings read with a vowel sound (hour, honest, heir)", entry="word"),
    "a-an.either": WordList("word beginnings that take either article (historic, herb, hotel)", entry="word"),
    "a-an.vowel-sound-override": WordList("word beginnings that take 'an' though a shorter listed one takes 'a' (unim, unin)", entry="word"),
    "a-an.word-acronyms": WordList("acronyms said as words (NATO, NASA)", entry="word"),
    "a-an.either-acronyms": WordList("acronyms said either as letters or as a word", entry="word"),
    "a-an.letter-acronyms": WordList("acronyms said letter by letter though they read as words (MoU, MSc)", entry="word"),
    "a-an.not-an-article-before": WordList("lower-case words before which 'a' is a letter, not the article (a and b)", entry="word"),
}


class _AnLists:
    """The a/an word lists of one context, compiled once."""

    def __init__(self, ctx: Context):
        self.prefixes: dict[str, str] = {}
        for name, kind in (
            ("a-an.consonant-sound", "a"),
            ("a-an.vowel-sound", "an"),
            ("a-an.either", "either"),
            ("a-an.vowel-sound-override", "an"),
        ):
            for p in ctx.list(name):
                self.prefixes[str(p).lower()] = kind
        self.max_prefix = max((len(p) for p in self.prefixes), default=0)
        self.word_acronyms = frozenset(str(x).upper() for x in ctx.list("a-an.word-acronyms"))
        self.letter_acronyms = frozenset(str(x).upper() for x in ctx.list("a-an.letter-acronyms"))
        self.either_acronyms = frozenset(str(x).upper() for x in ctx.list("a-an.either-acronyms"))
        self.not_before = frozenset(str(x).lower() for x in ctx.list("a-an.not-an-article-before"))
        self.cache: dict[str, str | None] = {}
        # article tails (see _ARTICLE_TAILS) already judged, and those among them that are wrong
        self.tails_seen: set[str] = set()
        self.tails_wrong: set[str] = set()


@per_config
def _an_lists(ctx: Context) -> _AnLists:
    return _AnLists(ctx)


def _number_article(token: str) -> str | None:
    m = re.match(r"[\d,]+", token)
    if not m:
        return None
    digits = m.group().rstrip(",")
    groups = digits.split(",")
    first = groups[0]
    if not first:
        return None
    if first[0] == "8":
        return "an"  # eight, eighty, eight hundred, 8th
    if first in ("11", "18"):
        return "an"  # eleven, eighteen, 11,000, 18th
    if first[:2] in ("11", "18") and len(groups) == 1 and len(first) >= 4:
        return None  # 1100 / 1800s: "eleven hundred" or "one thousand one hundred"
    return "a"


def expected_article(word: str, lists: _AnLists) -> str | None:
    """'a', 'an', or None when either is fine or the sound cannot be told."""
    try:
        return lists.cache[word]
    except KeyError:
        pass
    result = _expected_article(word, lists)
    if len(lists.cache) < 20000:
        lists.cache[word] = result
    return result


def _expected_article(word: str, lists: _AnLists) -> str | None:
    w = word.rstrip(".’'-&+")
    if w.endswith(("’s", "'s")):
        w = w[:-2]
    if not w:
        return None
    c = w[0]
    if c.isdigit():
        return _number_article(w)
    if not c.isascii() or not c.isalpha():
        return None
    head = w.split("-", 1)[0]
    if head != w and len(head) > 1 and head.isupper():
        return _expected_article(head, lists)  # "a USB-C port", "a UN-backed plan": the acronym is read first
    # a single letter used as a letter: "an X-ray", "an F-16", "a U-turn", "an M4"
    if c.isupper() and (len(w) == 1 or _LETTER_THEN_SYMBOL.match(w)) and not (len(w) > 1 and w[1].islower()):
        return "an" if c in _VOWEL_LETTERS else "a"
    if w.startswith("x-ray"):
        return "an"
    if not w.islower() and w.replace(".", "").upper() in lists.letter_acronyms:
        return "an" if w[0].upper() in _VOWEL_LETTERS else "a"  # said letter by letter: an MoU, an MSc
    if _ACRONYM.match(w) and not re.match(r"^[A-Z][a-z]", w):
        bare = w.replace(".", "")
        up = bare.upper()
        if up.endswith("S") and up[:-1] in lists.word_acronyms | lists.letter_acronyms | lists.either_acronyms:
            up = up[:-1]
        if up in lists.either_acronyms:
            return None
        if up in lists.word_acronyms:
            return _word_article(up.lower(), lists)
        first = up[0]
        if first in "AEIO":
            return "an"
        if first == "U":
            return "a"
        if first not in _VOWEL_LETTERS:
            return "a"  # letter name and word both start with a consonant sound
        if "." in w or up in lists.letter_acronyms:
            return "an"
        # said as letters when it cannot be said as a word: no vowel, or an impossible onset
        low = bare.lower()
        if not re.search(r"[aeiouy]", low) or (len(low) >= 2 and low[1] not in "aeiouy" and low[:2] not in _ONSETS):
            return "an"
        return None  # could be said either way (FEMA, SIM): say nothing
    return _word_article(w.lower(), lists)


def _listed(low: str, lists: _AnLists) -> str | None:
    prefixes = lists.prefixes
    for n in range(min(len(low), lists.max_prefix), 0, -1):
        kind = prefixes.get(low[:n])
        if kind is not None:
            return kind
    return None


def _word_article(low: str, lists: _AnLists) -> str | None:
    prefixes = lists.prefixes
    for n in range(min(len(low), lists.max_prefix), 0, -1):
        kind = prefixes.get(low[:n])
        if kind is not None:
            return None if kind == "either" else kind
    c = low[0]
    if c in "aeiou":
        return "an"
    if c in "fhlmnrsx" and len(low) > 1 and low[1] not in "aeiouy" and low[:2] not in _ONSETS:
        return None  # "mpox", "nth", "sgRNA": said letter first, as "em-pox"; not listed, so unknown
    if c == "h" and len(low) == 1:
        return None
    return "a"


class ArticleBySound(Rule):
    """"a" or "an" chosen by the next word's spelling instead of its sound: "an prospect",
    "a hour", "an European", "a MBA", "an U.S.", "a 11-year-old", "an one-time", "a honest".

    The sound is worked out from exception lists in rules/mechanics.yaml (an hour, an heir,
    a university, a one-off, a European, a Ukrainian), from how acronyms are said (an FBI,
    an MBA, a U.S., a UN, an NFL, but a NATO and a NASA, which are said as words) and how
    numbers are read (an 11-year-old, an 18th-century, an 80-page, a 100-day). Words with two
    accepted forms (a/an historic, a/an herb, a/an hotel) and acronyms that could be said either
    way are left alone. Capitalised "A"/"An" is only checked at the start of a sentence
    ("Vitamin A", "Category A" and the name An are not articles). The fix keeps the case.

    Bad:
        The soldier may see an prospect for a better life.
        ---
        He waited a hour, then met a MBA graduate from an European university.
        ---
        It was an U.S. proposal for a 11-year-old boy and an one-time offer, a honest one.
    Good:
        He waited an hour, then met an MBA graduate from a European university.
        ---
        It was a U.S. proposal for an 11-year-old boy, an FBI agent, a NATO summit and a UN envoy.
        ---
        The tablet has a USB-C port, a UN-backed warranty and an MRI-safe case.
        ---
        An 18th-century map, a one-off deal, an heir, a university and an NFL player.
        ---
        The value lies between a and b, said the mayor of Frankfurt an der Oder.
    """

    code = "NL227"
    name = "a-an"
    category = "mechanics"
    severity = Severity.warning
    summary = "'a' or 'an' that does not match the sound of the next word"
    fixable = True
    lists = _A_AN_LISTS

    def setup(self, ctx: Context) -> None:
        self.an_lists = _an_lists(ctx)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        lists = self.an_lists
        cache = lists.cache
        # most articles are right: look for positions only when a pair is wrong
        if not _some_article_pair_wrong(prose, lists):
            return
        for m in _ARTICLE.finditer(prose):
            art, word = m.group(1), m.group(3)
            want = cache.get(word, False)
            if want is False:
                want = expected_article(word, lists)
            if want is None or want == art or want == art.lower():
                continue
            start = m.start(1)
            if start and prose[start - 1] in _NOT_BEFORE_ARTICLE:
                continue  # "U.S.-a", "@a", "e-a"
            if art[0] == "A":
                line_start = prose.rfind("\n", 0, start) + 1
                if not _SENTENCE_OPEN.search(prose[max(line_start, start - 8) : start]) and line_start != start:
                    continue  # "Vitamin A", "Category A": a letter, not the article
            low = word.lower().rstrip(".,")
            if word.islower() and low in lists.not_before:
                continue
            if low in ("a", "an"):
                continue  # "a a huge relief": a doubled article, the doubled-word rule's finding
            if art == "An" and word[:1].isupper() and not _ACRONYM.match(word) and _listed(low, lists) is None:
                continue  # "An Phu", "An Nam": the Vietnamese and Korean name, not the article
            if art[:1].isupper() and low in _NOT_AFTER_ARTICLE:
                continue  # "An said on Tuesday": the surname, followed by its verb
            if doc.line_of(start).kind == "code":
                continue
            fixed = _case_like(want, art)
            word_end = m.start(3) + len(word.rstrip(".,;:’'-")) or m.end(3)
            shown = doc.text[m.start(3):word_end]
            # the span is the article alone (as LanguageTool marks it), so the engine can
            # drop a grammar-backend duplicate of this finding
            yield self.finding(
                start,
                m.end(1),
                f"Use '{fixed}' before '{shown}' (it is read with a {'vowel' if want == 'an' else 'consonant'} sound)",
                suggestions=[fixed],
                fix=Fix.replace(start, m.end(1), fixed),
            )


#: words that never follow an article, so a capitalised "An"/"A" before them is a name
_NOT_AFTER_ARTICLE = frozenset(
    "said says told tells added was is has had will would did does can could should may might must".split()
)


def _some_article_pair_wrong(prose: str, lists: _AnLists) -> bool:
    """Whether an article (a superset of those ArticleBySound checks) looks wrong for the word
    after it. Decided on the distinct tails after "a"/"A", without match objects: the tails
    judged in earlier articles are looked up with set operations (in C), only new ones in Python."""
    tails = set(_ARTICLE_TAILS[0].findall(prose))
    tails.update(_ARTICLE_TAILS[1].findall(prose))
    seen, wrong = lists.tails_seen, lists.tails_wrong
    for tail in tails - seen:
        bad = _tail_is_wrong(tail, lists)
        if len(seen) < 20000:
            seen.add(tail)
            if bad:
                wrong.add(tail)
        if bad:
            return True
    return not wrong.isdisjoint(tails)


def _tail_is_wrong(tail: str, lists: _AnLists) -> bool:
    """Whether "a" + ``tail`` (see _ARTICLE_TAILS) has the wrong article; "A" is judged alike."""
    art = "an" if tail[0] == "n" else "a"
    word = tail[len(art) - 1 :].lstrip(" \u00a0")
    want = expected_article(word, lists)
    return want is not None and want != art


def _case_like(word: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[0].isupper():
        return word[0].upper() + word[1:]
    return word



# --- real-copy slips: shared helpers ------------------------------------------------------------
_NO_PROSE_LINES = ("table", "code")


def _in_prose_line(doc: Document, i: int) -> bool:
    return doc.line_of(i).kind not in _NO_PROSE_LINES


def _pattern_findings(rule: Rule, doc: Document, pattern, message, suggestion=None, fix=False) -> Iterator[Finding]:
    """One finding per match of ``pattern`` in the prose, outside tables and code. ``message``
    and ``suggestion`` are strings or functions of the match."""
    prose = doc.prose
    for m in pattern.finditer(prose) if hasattr(pattern, "finditer") else pattern(prose):
        s, e = m.span()
        if s == e or not _in_prose_line(doc, s):
            continue
        msg = message(m) if callable(message) else message
        sugg = suggestion(m) if callable(suggestion) else suggestion
        if sugg is None:
            yield rule.finding(s, e, msg)
        else:
            yield rule.finding(s, e, msg, suggestions=[sugg], fix=Fix.replace(s, e, sugg, safe=False) if fix else None)


# --- a paragraph that stops mid-sentence --------------------------------------------------------
_UNFINISHED_ENDS = frozenset(".?!:;…\"”’')]}*_|—–-,/\\>")
# a sentence boundary inside a line: "prices. The"
_INNER_STOP = rx.compile(r"[a-z0-9%)][.?!][\"”’]?[ \t]+(?=[A-Z\"“])")
_PLAIN_WORD = rx.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# words a sentence cannot end on: articles, prepositions, conjunctions, auxiliaries, possessives
_CONTINUES = frozenset(
    """a an the of to and or but nor with that which who whom whose how why when where whether if
    because as at by for from in into on onto than then so his her their its our my your is was
    were are be been being has have had will would can could should may might must not very about
    after before over under between during without within""".split()
)


# a subheading that may end on a preposition: a label with a colon, or a clause opening with a
# question word ("Where the money comes from")
_SUBHEAD = rx.compile(r"(?:[A-Z][^:.!?]{0,40}:\s+)?(?i:what|where|why|how|who|when|which)\b")


class UnfinishedParagraph(Rule):
    """A paragraph that stops mid-sentence: a stray paragraph break or line break splits a
    sentence in two (the paragraph ends on 'how', 'the', 'of'..., or the next one goes on in lower
    case), or a paragraph of several sentences whose last one lost its full stop after a figure or
    an -ing word. Reported from the paragraph's last word to the next paragraph's first word,
    with the next paragraph as related.

    Articles hard-wrapped at a fixed width (no line longer than 150 characters) are read
    paragraph by paragraph; elsewhere every line is a paragraph. The first line (a headline),
    captions, bylines,
    labels and lines without sentences (fewer than three words) are left alone.

    Bad:
        Councillors met on Monday.

        The committee will decide next month how

        the money is to be shared between the two councils.
        ---
        Markets at a glance

        Shares rose on Monday. The index of small companies ended the day up 1.1%

        The dollar fell against the yen.
    Good:
        The committee will decide next month how the money is to be shared.

        Councillors welcomed the plan.
        ---
        Markets at a glance
        The index of small companies ended the day up 1.1%.
        ---
        Councillors met on Monday.

        Where the money comes from

        Most of it is borrowed against future rents.
    """

    code = "NL228"
    name = "unfinished-paragraph"
    category = "mechanics"
    severity = Severity.warning
    summary = "A paragraph that stops mid-sentence or without its full stop"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        lines = doc.lines
        texts = [ln for ln in lines if ln.kind == "text"]
        if len(texts) < 2:
            return
        unwrapped = any(len(ln.text) > 150 for ln in texts)
        prose = doc.prose
        n = len(lines)
        first = texts[0].number
        for k, ln in enumerate(lines):
            if ln.kind != "text" or ln.number == first:
                continue  # the first line is the headline
            body = prose[ln.start : ln.end].rstrip()
            if not body or body[-1] in _UNFINISHED_ENDS:
                continue
            j = k + 1
            while j < n and lines[j].kind == "blank":
                j += 1
            if j >= n or lines[j].kind != "text":
                continue
            if j == k + 1 and not unwrapped:
                continue  # a hard-wrapped paragraph goes on on the next line
            nxt = lines[j]
            nbody = prose[nxt.start : nxt.end].strip()
            words = _PLAIN_WORD.findall(body)
            if len(words) < 3:
                continue
            last = words[-1]
            ends_on_word = body.endswith(last)
            if len(words) <= 12 and _SUBHEAD.match(body.strip()):
                continue  # a subheading: "Follow the money: where the pay comes from", "What it is for"
            why = None
            if ends_on_word and last in _CONTINUES:
                why = f"The paragraph stops on '{last}': a stray break splits the sentence"
            elif (
                ends_on_word
                and last[:1].islower()
                and nbody[:1].islower()
                and len(words) >= 5
                and len(nbody.split()) >= 3
                and _PLAIN_WORD.match(nbody)
                and _PLAIN_WORD.match(nbody).end() < len(nbody)
                and nbody[_PLAIN_WORD.match(nbody).end()] == " "
            ):
                why = "A stray break splits the sentence: the next paragraph goes on in lower case"
            else:
                stops = list(_INNER_STOP.finditer(body))
                if stops:
                    tail = _PLAIN_WORD.findall(body[stops[-1].end() :])
                    if (
                        len(tail) >= 5
                        and sum(w[:1].islower() for w in tail) >= 0.6 * len(tail)
                        and (body[-1].isdigit() or body[-1] == "%" or (ends_on_word and last.endswith("ing")))
                    ):
                        why = "The paragraph's last sentence has no full stop"
            if why is None:
                continue
            stop = ln.start + len(body)
            start = stop - len(last) if ends_on_word else stop - 1
            # the span runs from the last word over the break to the next paragraph's first word
            lead = len(prose[nxt.start : nxt.end]) - len(prose[nxt.start : nxt.end].lstrip())
            first = _PLAIN_WORD.match(prose, nxt.start + lead)
            end = first.end() if first else stop
            yield self.finding(start, end, why, related=[Related(nxt.start, nxt.start + min(len(nbody), 20), "the text goes on here")])


# --- encoding residue ------------------------------------------------------------------------------
# UTF-8 read as Latin-1/Windows-1252: "Â " for a no-break space, "â€™" for ’, "Ã©" for é; and
# the replacement character U+FFFD where a byte could not be decoded at all
_MOJIBAKE = rx.compile(
    r"Â(?=[\s\u00a0\u0080-\u00bf]|$)|Â[\u00a0-\u00bf]|â€[\u0080-\u00ff\u2010-\u203a\u2122\u0152\u0153\u0178\u02c6\u02dc]?"
    r"|Ã[\u0080-\u00bf\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u2122\u0152\u0153\u0160\u0161\u017d\u017e\u0178]|\ufffd"
)


class EncodingResidue(Rule):
    """Characters garbled by a wrong text encoding: UTF-8 read as Latin-1 or Windows-1252 ("Â "
    for a no-break space, "â€™" for an apostrophe, "Ã©" for é) and the replacement character
    (U+FFFD) where a byte was lost. Words that really use Â or Ã (Â-ge, São) are left alone.

    Bad:
        The council approved the budget.Â The mayor abstained.
        ---
        The mayorâ€™s office declined to comment.
        ---
        The bill passed\ufffdthe upper house on Tuesday.
    Good:
        The council approved the budget. The mayor abstained in São Paulo.
    """

    code = "NL229"
    name = "encoding-residue"
    category = "mechanics"
    severity = Severity.warning
    summary = "Mojibake or a replacement character from a wrong text encoding"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        if "Â" not in text and "â€" not in text and "Ã" not in text and "\ufffd" not in text:
            return
        yield from _pattern_findings(
            self, doc, _MOJIBAKE,
            lambda m: "A replacement character: a character was lost in decoding" if m.group() == "\ufffd"
            else f"'{m.group().strip()}' is encoding residue (UTF-8 read as Latin-1): retype the character",
        )


# --- typewriter and wire-service marks ------------------------------------------------------------
# one pattern per mark, each opening with its literal (a scan for a literal runs at memchr speed)
# and run only when the mark occurs in the text
_TYPEWRITER = (
    (" _ ", "us", rx.compile(r" _ (?<=[\w.,;:)\]\"”’] _ )(?=[\w\"“(])")),  # AP wire: ' _ ' for a dash
    ("``", "bt", rx.compile(r"``(?=[\w‘'\"])")),  # TeX-style opening quote
    ("\u2033", "dp", rx.compile(r"\u2033(?:(?<=[^\W\d_]\u2033)|(?<=[^\W\d_][.,!?]\u2033))")),  # a double prime closing a quotation
    ("''", "aa", rx.compile(r"''(?:(?<![\w']'')(?=[^\W\d_])|(?:(?<=[^\W\d_]'')|(?<=[^\W\d_][.,!?]''))(?![\w']))")),  # '' for "
    ("‘", "lq", rx.compile(r"‘(?:(?<=[A-Za-z]‘)(?=(?:s|t|re|ll|ve|d|m)\b)|(?:(?<=[A-Za-z]‘)|(?<=[A-Za-z][.,!?]‘))(?=[\s.,;:!?)]|$))")),  # ‘ for ’
)
_TYPEWRITER_MESSAGES = {
    "us": ("An underscore stands for a dash: use a dash", " — "),
    "bt": ("Two backticks stand for an opening quotation mark", "“"),
    "dp": ("A double prime (″) closes this quotation: use a quotation mark", "”"),
    "aa": ("Two apostrophes stand for a double quotation mark", "\""),
    "lq": ("An opening single quotation mark (‘) used as an apostrophe or closing mark: use ’", "’"),
}
_CURLY_STRAIGHT = rx.compile(r"‘[^‘’'\n]{1,80}?'(?![^\W\d_])")


class TypewriterMarks(Rule):
    """Marks that stand in for others and show in print: an underscore for a dash (" _ ", an old
    wire-service habit), backticks, doubled apostrophes or a double prime (″) for quotation
    marks, an opening single quote (‘) used as an apostrophe (don‘t) or to close a quotation,
    and a quotation opened with a curly ‘ and closed with a straight '.

    Bad:
        WASHINGTON (AP) _ The Senate passed the bill on Tuesday.
        ---
        The novel ``The Long Road″ won the prize.
        ---
        The agency said it couldn‘t confirm the report.
        ---
        The film ‘Summer Nights' topped the box office.
    Good:
        WASHINGTON (AP) — The Senate passed the bill on Tuesday.
        ---
        The novel “The Long Road” won the prize; the file was named draft_final.
        ---
        The film ‘Summer Nights’ topped the box office in Hawai‘i.
    """

    code = "NL230"
    name = "typewriter-marks"
    category = "mechanics"
    severity = Severity.warning
    summary = "An underscore for a dash, backticks or a double prime for quotation marks, ‘ for ’"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        for mark, key, pattern in _TYPEWRITER:
            if mark in text:
                message, suggestion = _TYPEWRITER_MESSAGES[key]
                yield from _pattern_findings(self, doc, pattern, message, suggestion)
        if "‘" in text and "'" in text:
            prose = doc.prose
            for m in _CURLY_STRAIGHT.finditer(prose):
                s, e = m.span()
                ln = doc.line_of(s)
                if ln.kind in _NO_PROSE_LINES or "’" in prose[e : ln.end]:
                    continue  # a straight apostrophe inside a curly quotation closed later
                yield self.finding(e - 1, e, "A quotation opened with ‘ is closed with a straight ': use ’",
                                   suggestions=["’"], related=[Related(s, s + 1, "opened here")])


# --- a hyphen with a space on one side -------------------------------------------------------------
_HYPHEN_BEFORE_CAP = rx.compile(r"-(?:(?<=[^\W_]-)|(?<=\)-))[ \t](?=[A-Z][a-z])")
_SPACE_IN_COMPOUND = rx.compile(r"[ \t]-(?=[a-z]{2,}\b)")
_COMPOUND_BEFORE = rx.compile(r"[^\W\d_]-[^\W\d_]{1,12}$")


class LopsidedHyphen(Rule):
    """A hyphen with a space on one side only: a dash whose other space was lost ("(WKBN)- Crews",
    "Mission- The Final Cut") or a compound broken by a space ("out-of -position"). A suspended
    hyphen ("pre- and post-war", "two- or three-year") is right.

    Bad:
        DAYTON, Ohio (WDTN)- Crews cleared the road on Friday.
        ---
        The out-of -position defender was booked.
    Good:
        DAYTON, Ohio (WDTN) — Crews cleared the road; pre- and post-match talks were short.
    """

    code = "NL231"
    name = "lopsided-hyphen"
    category = "mechanics"
    severity = Severity.warning
    summary = "A hyphen with a space on one side only"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if "- " not in doc.text and " -" not in doc.text:
            return
        yield from _pattern_findings(self, doc, _HYPHEN_BEFORE_CAP, "A hyphen with a space after it only: use a spaced dash ( — )", " — ")
        prose = doc.prose
        for m in _SPACE_IN_COMPOUND.finditer(prose):
            s, e = m.span()
            if _COMPOUND_BEFORE.search(prose, max(0, s - 14), s) and _in_prose_line(doc, s):
                yield self.finding(s, e, "A space breaks this hyphenated compound", suggestions=["-"])


# --- a compound modifier without its hyphen --------------------------------------------------------
_NUMBER_WORDS = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred"
_UNITS = (
    # units of measure only: "27 member states" and "two car families" are right as they are
    "minute|hour|day|week|month|year|decade|mile|kilometre|kilometer|metre|meter|foot|inch|acre|storey"
    "|magnitude|yard|gallon|pound|ton|tonne|degree"
)
_AFTER_UNIT_NOT_NOUN = frozenset(
    """of in ago later earlier before after from to and or the a an that for at on by with is was are were has have
    had will would long away apart each per more less than into since until till running straight back ahead
    behind old-fashioned""".split()
)
_NUMBER_WORDS_ANY_CASE = "|".join(f"[{w[0]}{w[0].upper()}]{w[1:]}" for w in _NUMBER_WORDS.split("|"))
_COMPOUND_MODIFIER = rx.compile(
    rf"(?<![\w.])(?:\d+(?:\.\d+)?|{_NUMBER_WORDS_ANY_CASE})[ ](?:{_UNITS})[ ](?P<noun>[a-z]{{3,}})\b"
)

# found by the shared keyword index's one pass over the words (analysis.keywords)
_UNIT_WORDS = add_keywords(_UNITS.split("|"))


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what re's \w matches in a str pattern


def _compound_modifiers(doc: Document) -> Iterator[re.Match]:
    """The matches of ``_COMPOUND_MODIFIER.finditer(doc.prose)``, found by trying the pattern
    (``match``) only before the prose's unit words: searched at every position the pattern costs
    more than the rest of the rule. A match's unit is a word of the word table between spaces, and
    its figure ends at the space before it and starts where the run of word characters before
    that space starts (the lookbehind allows no word character before it), or, for "5.9", where
    the run before the run's full stop starts. Those starts only are tried, in order, skipping
    any inside the last match, as ``finditer`` does."""
    prose = doc.prose
    t = word_table(doc)
    starts, ends = t.starts, t.ends
    last = 0
    for i in keyword_indexes(doc, _UNIT_WORDS):
        s = starts[i] - 1
        if s < 1 or prose[s] != " " or prose[ends[i] : ends[i] + 1] != " ":
            continue
        r1 = s
        while r1 > 0 and _is_word_char(prose[r1 - 1]):
            r1 -= 1
        if r1 == s:
            continue
        candidates = [r1]
        if r1 > 1 and prose[r1 - 1] == ".":
            r2 = r1 - 1
            while r2 > 0 and _is_word_char(prose[r2 - 1]):
                r2 -= 1
            candidates.insert(0, r2)
        for p in candidates:
            if p < last:
                continue
            m = _COMPOUND_MODIFIER.match(prose, p)
            if m is not None:
                last = m.end()
                yield m
                break


class CompoundModifierHyphen(Rule):
    """A number and a unit used together before a noun need a hyphen: "a 5.9-magnitude tremor",
    "a three-month delay", "a 10-year-old boy". Without it the unit reads as a noun of its own.
    The unit must be in the singular (a plural is no modifier: "three months later").

    Bad:
        The 5.9 magnitude tremor shook the valley before dawn.
        ---
        Officials announced a three month review of the contract.
    Good:
        The 5.9-magnitude tremor shook the valley in May; it lasted 20 seconds.
        ---
        The review will take three month-long phases, and the ten day ago figure was revised.
    """

    code = "NL232"
    name = "compound-modifier-hyphen"
    category = "mechanics"
    severity = Severity.info
    summary = "A number and a unit before a noun without a hyphen (a 5.9 magnitude tremor)"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        for m in _compound_modifiers(doc):
            noun = m.group("noun").lower()
            if noun in _AFTER_UNIT_NOT_NOUN or noun.endswith("ly") or not _in_prose_line(doc, m.start()):
                continue
            if m.group()[:1].isupper() and not m.group()[:1].isdigit() and m.start() > 0 and prose[m.start() - 1] not in " \n\t(\"“":
                continue
            number, unit, _ = m.group().split(" ", 2)
            s = m.start()
            e = s + len(number) + 1 + len(unit)
            yield self.finding(s, e, f"A compound modifier needs a hyphen: '{number}-{unit} {m.group('noun')}'",
                               suggestions=[f"{number}-{unit}"])


# --- brackets: inner spaces, a missing space before one ----------------------------------------------
# a bracketed aside on one line (its content is checked for a space inside one end only: both
# ends padded, "( Photo: AP )", is a deliberate style)
_BRACKETED = rx.compile(r"\((?P<p>[^()\n]{1,160})\)|\[(?P<b>[^\[\]\n]{1,160})\]")
# no space before an opening parenthesis that starts an aside: "the council(which met"
_GLUED_PAREN = rx.compile(r"\((?<=[a-z]{2}\()(?!(?:s|es|ies|ed|er|ers|a|an|the)\))(?=[a-z]{2,}[^()\n]{0,80}\))")


class BracketSpacing(Rule):
    """A space just inside a bracket ("( the first )"), or no space before an opening
    parenthesis that starts an aside ("the council(which met...)"). A plural in brackets
    ("officer(s)") and code are left alone.

    Bad:
        The fund ( set up in 2019) paid out twice.
        ---
        The council(which meets monthly) approved the plan.
    Good:
        The fund (set up in 2019) paid out twice; the officer(s) on duty were named.
        ---
        The photograph ( Jane Doe / Wire Photo ) ran on the front page.
    """

    code = "NL233"
    name = "bracket-spacing"
    category = "mechanics"
    severity = Severity.warning
    summary = "A space inside a bracket, or none before an opening parenthesis"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if "(" not in doc.text and "[" not in doc.text:
            return
        prose = doc.prose
        text = doc.text
        for m in _BRACKETED.finditer(text):
            g = "p" if m.group("p") is not None else "b"
            cs, ce = m.span(g)
            if prose[cs:ce] != text[cs:ce]:
                continue  # a URL or code inside: not prose
            inner = m.group(g)
            lead = len(inner) - len(inner.lstrip(" \t"))
            trail = len(inner) - len(inner.rstrip(" \t"))
            if bool(lead) == bool(trail) or not inner.strip() or not _in_prose_line(doc, cs):
                continue
            if not (inner.strip()[0].isalnum() and inner.strip()[-1].isalnum()):
                continue  # "( ... )", "[ * ]": marks, not words
            s, e = (cs, cs + lead) if lead else (ce - trail, ce)
            yield self.finding(s, e, "A space inside the bracket", suggestions=[""])
        yield from _pattern_findings(self, doc, _GLUED_PAREN, "No space before the opening parenthesis")


# --- broken Markdown emphasis ------------------------------------------------------------------------
_STRONG = rx.compile(r"(?<![*\\])\*\*(?!\*)")


class BrokenEmphasis(Rule):
    """A line with an odd number of ``**`` markers: bold opened and never closed (or closed and
    never opened), so the asterisks print. Tables and code are left alone.

    Bad:
        **Key points: the council voted to close the pool.
    Good:
        **Key points:** the council voted to close the pool.
    """

    code = "NL234"
    name = "broken-emphasis"
    category = "mechanics"
    severity = Severity.warning
    summary = "Markdown bold (**) opened and not closed on its line"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if "**" not in doc.text:
            return
        text = doc.text
        for ln in doc.lines:
            if ln.kind in _NO_PROSE_LINES or "**" not in ln.text:
                continue
            marks = [m.start() for m in _STRONG.finditer(text, ln.start, ln.end)]
            if len(marks) % 2:
                i = marks[-1]
                yield self.finding(i, i + 2, "Bold (**) is opened or closed here without its pair on the line")


# --- stray marks in figures and words -------------------------------------------------------------------
# abbreviations of five letters or more that a dictionary may take for words (Calif. = caliph?)
_MORE_ABBREVIATIONS = frozenset("calif penna mass. assoc admin amend blvd capt cmdr comdr corp govt sgt supt".split())
# (each branch starts with its literal, outside its group, so that re finds the candidates in C:
# a branch that starts with a group is tried at every position)
_STRAY = rx.compile(
    r"\.(?<=[A-Za-z][a-z]{4}\.)(?=,)(?P<dot>)"  # "Trump., died"
    r"|,(?<=\d,)\d{2}(?![\d,])(?!\.\d)(?P<num>)"  # "195,00": a thousands group of two digits
)


class StrayMarks(Rule):
    """A full stop before a comma after a word that is no abbreviation ("Trump., died"), and a
    figure whose last thousands group has two digits ("195,00": 195,000 or 195.00?).

    Bad:
        The former president, Donald Trump., died at home.
        ---
        About 195,00 people were displaced.
    Good:
        Acme Inc., Calif., and Smith Jr., attended; 195,000 people were displaced.
    """

    code = "NL235"
    name = "stray-marks"
    category = "mechanics"
    severity = Severity.warning
    summary = "A full stop before a comma; a malformed thousands group"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        if ".," not in prose and "," not in prose:
            return
        for m in _STRAY.finditer(prose):
            s, e = m.span()
            if not _in_prose_line(doc, s):
                continue
            if m.lastgroup == "dot":
                w = re.search(r"[A-Za-z]+$", prose[max(0, s - 20) : s]).group()
                if w.lower() in ABBREVIATIONS or w.lower() in _MORE_ABBREVIATIONS or not lexicon.known(w):
                    continue  # Calif., Corp., Sept.: an abbreviation keeps its full stop
                yield self.finding(s, e, "A stray full stop before the comma", suggestions=[""])
            else:
                k = s
                while k > 0 and prose[k - 1].isdigit():
                    k -= 1
                if s - k > 3 or (k > 0 and prose[k - 1] in ".,"):
                    continue  # 1234,56 or 1.234,56: another notation, not a slip
                yield self.finding(k, e, f"'{prose[k:e]}' has a thousands group of two digits: a digit is missing or the comma is wrong")


# --- doubled determiners and auxiliaries -------------------------------------------------------------------
_DOUBLED_AUXILIARIES = ("was", "were", "will", "would", "has", "have", "is", "are")
_DOUBLED_FUNCTION = rx.compile(
    r"\b(?P<det>(?:[Tt]he|[Aa]n?)[ ](?:his|her|their|its|our|my|your))\b(?![-’'])"
    r"|\b(?P<aux>(?P<a>" + "|".join(_DOUBLED_AUXILIARIES) + r")[ ][a-z]+ly[ ](?P=a)|had[ ][a-z]+ly[ ]had(?=[ ][a-z]+(?:ed|en)\b))\b"
    # "that" repeated after an aside: "said that, given the risks, that"
    r"|\b(?P<that>that,[ ](?!(?:and|or|but|not|too|is|was)\b)[^,.;:!?\n]{3,60},[ ]that)\b(?![,.;:!?])"
)
# where its matches can start (the pattern above, which starts with \b, would be tried at every
# position): "the|a|an" before a possessive, found by the shared keyword index's one pass over the
# words; an auxiliary before " [a-z]+ly ", "that, ", found by patterns that start with a literal
_POSSESSIVES = add_keywords(("his", "her", "their", "its", "our", "my", "your"))
_LY_SPACE = rx.compile(r"ly ")
_THAT_COMMA = rx.compile(r"that, ")
#: what the "det" branch of _DOUBLED_FUNCTION matches before its space
_DETERMINERS = frozenset(("the", "The", "a", "A", "an", "An"))
_AUX_WORDS = frozenset((*_DOUBLED_AUXILIARIES, "had"))
_AUX_LENGTHS = sorted({len(w) for w in _AUX_WORDS})


def _is_lower_ascii(c: str) -> bool:
    return "a" <= c <= "z"


def _doubled_function_words(doc: Document) -> Iterator[re.Match]:
    """The matches of ``_DOUBLED_FUNCTION.finditer(doc.prose)``: the pattern is tried (``match``)
    only where a match can start, in order, skipping starts inside the last match as
    ``finditer`` does. A "det" match has " his" (or another possessive) 3, 2 or 1 characters
    after its start, the possessive a whole word of the word table (a space before it; after
    it no word character and no apostrophe); an "aux" match an auxiliary, a space, and the run
    of a-z that ends in the "ly " found; a "that" match starts with "that, "."""
    prose = doc.prose
    starts = set()
    word_starts = word_table(doc).starts
    for i in keyword_indexes(doc, _POSSESSIVES):
        q = word_starts[i] - 1
        if q >= 0 and prose[q] == " ":
            # a "det" match starts with the/an/a (first letter either case) right before that space:
            # only such a start is tried for it (a start where another branch matches is found
            # by that branch's own search below)
            for p in (q - 3, q - 2, q - 1):
                if p >= 0 and prose[p:q] in _DETERMINERS:
                    starts.add(p)
    for m in _LY_SPACE.finditer(prose):
        r = m.start()
        while r > 0 and _is_lower_ascii(prose[r - 1]):
            r -= 1
        if r > 0 and prose[r - 1] == " ":
            # an "aux" match starts with an auxiliary (lower case) that ends at that space
            for n in _AUX_LENGTHS:
                if prose[r - 1 - n : r - 1] in _AUX_WORDS and r - 1 - n >= 0:
                    starts.add(r - 1 - n)
    starts.update(m.start() for m in _THAT_COMMA.finditer(prose))
    last = 0
    for p in sorted(starts):
        if p < last:
            continue
        m = _DOUBLED_FUNCTION.match(prose, p)
        if m is not None:
            last = m.end()
            yield m


class DoubledFunctionWord(Rule):
    """A determiner or an auxiliary left twice by an edit: "in the his absence", "had
    absolutely had changed", "was clearly was". Only one of them belongs.

    Bad:
        The meeting went ahead in the his absence.
        ---
        The company had quietly had changed its policy.
        ---
        He argued that, given the cost of the scheme, that it should be dropped.
    Good:
        The meeting went ahead in his absence; she had really had enough.
        ---
        He argued that, given the cost, it should be dropped; that, and that alone, was the point.
    """

    code = "NL236"
    name = "doubled-function-word"
    category = "mechanics"
    severity = Severity.warning
    summary = "A determiner or auxiliary doubled by an edit (the his, had ... had)"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        yield from _pattern_findings(
            self, doc, lambda prose: _doubled_function_words(doc),
            lambda m: {"det": f"'{m.group()}': a determiner too many", "aux": f"'{m.group()}': the auxiliary is doubled"}.get(
                m.lastgroup, "'that' is repeated after the aside: drop one"
            ),
        )



# --- a dropped word in "as many as" ------------------------------------------------------------------
_AS_MANY_AS = rx.compile(r" as (?=[$£€]?\d)(?:(?<=\b[Bb]y as )|(?<=\b[Uu]p to as )|(?<=\b[Ff]rom as ))")


class DroppedQuantifier(Rule):
    """'as many as' or 'as much as' with its middle word dropped by an edit: "trailed by as 16
    points", "up to as 40%". (A name such as "known as 7-Eleven" is not after by/up to/from.)

    Bad:
        The visitors trailed by as 16 points at half-time.
    Good:
        The visitors trailed by as many as 16 points at half-time.
    """

    code = "NL237"
    name = "dropped-quantifier"
    category = "mechanics"
    severity = Severity.warning
    summary = "'by as 16': 'as many as' or 'as much as' lost a word"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if " as " not in doc.text:
            return
        prose = doc.prose
        for m in _AS_MANY_AS.finditer(prose):
            s = prose.rfind(" ", 0, m.start()) + 1 if not prose[m.start() - 2 : m.start()].lower().endswith("to") else m.start() - 5
            if _in_prose_line(doc, m.start()):
                yield self.finding(s, m.end(), "A word is missing: 'as many as' or 'as much as'")

RULES: list = [
    MissingSpaceAfterPunctuation,
    DoubledSpace,
    SpaceBeforePunctuation,
    UnbalancedQuotes,
    UnbalancedBrackets,
    MixedQuoteStyles,
    ArticleBySound,
    UnfinishedParagraph,
    EncodingResidue,
    TypewriterMarks,
    LopsidedHyphen,
    CompoundModifierHyphen,
    BracketSpacing,
    BrokenEmphasis,
    StrayMarks,
    DoubledFunctionWord,
    DroppedQuantifier,
    ApostropheSlip,
]
