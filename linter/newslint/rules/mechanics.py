"""Rule family: mechanics (NL220-NL299): spacing, punctuation, quotation marks, brackets, a/an.

Every rule here is written for precision first: a pattern that is sometimes right in news copy
(decimals, times, domains, initials, French spacing, inch marks, multi-paragraph quotations,
acronyms said as words) is left alone rather than reported. Word lists (a/an exceptions,
acronyms said as words) are in ``rules/mechanics.yaml`` and read through ``ctx.list``; the
doubled-word rule (NL223) is a declarative rule in the same pack.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .. import rx
from ..document import Document, offsets_of
from ..analysis import per_config, per_document
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
_SPACE_BEFORE = rx.compile(r"(?<=[^\W_])([ \t]+)([,;.!?])(?=[\s”’\"')\]]|$)")


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
            yield self.finding(
                s,
                p + 1,
                f"Space before '{punct}'",
                suggestions=[punct],
                fix=Fix.replace(s, p + 1, punct, safe=False),
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


@dataclass(frozen=True)
class QuoteAnalysis:
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
            for i in unclosed:
                later = [j for j, role in marks if j > i]
                if not later:
                    if _starts_with_open_quote(doc, pi + 1):
                        continue  # multi-paragraph quotation
                    if nxt_marks and nxt_marks[0][1] == "close":
                        continue  # the quotation closes on the next line
                yield self.finding(i, i + 1, "This quotation mark opens a quotation that is never closed in its paragraph")
            for i in stray:
                if prev[0] and not [j for j, _ in prev[2] if j > prev[0][-1]]:
                    continue  # closes a quotation the previous line left open
                yield self.finding(i, i + 1, "This closing quotation mark has no opening mark in its paragraph")


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
            if art == "An" and word[:1].isupper() and not _ACRONYM.match(word) and _listed(low, lists) is None:
                continue  # "An Phu", "An Nam": the Vietnamese and Korean name, not the article
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


RULES: list = [
    MissingSpaceAfterPunctuation,
    DoubledSpace,
    SpaceBeforePunctuation,
    UnbalancedQuotes,
    UnbalancedBrackets,
    MixedQuoteStyles,
    ArticleBySound,
]
