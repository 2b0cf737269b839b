"""Sourcing: claims that hang on no named source, anonymous sources and conflicting credits.

The phrase lists live in ``rules/attribution.yaml`` (``attribution.*`` lists), so a newsroom can
extend them with a pack of its own; the logic that decides whether a source is named nearby is
here. Precision comes first: a phrase tied to a named origin ("reports from South Korea's spy
agency", "U.S. officials said", "according to the Health Ministry") is not reported, and neither
is anything inside a quotation (the quoted speaker owns it).
"""
from __future__ import annotations

import bisect
import functools
import re
from itertools import compress, count, islice, repeat
from operator import gt, sub
from typing import Iterator, NamedTuple

from .. import rx
from ..document import Document
from ..finding import Finding, Related, Severity
from ..analysis import per_config
from ..analysis.names import PROPER_NAMES, PROPER_NAMES_LIST, proper_names
from ..analysis.phrases import phrase_key
from ..analysis.sources import common_word, names_document, names_source, singular, verb_forms
from ..analysis.keywords import add_keywords, hits_of, word_hits
from ..analysis.keywords import indexes_of as keyword_indexes
from ..analysis.words import ODD_CASE, lower_prose, word_table
from ..rule import Context, Option, Rule, WordList


def _alt_ws(words) -> str:
    """As :func:`_alt`, with any whitespace (a line break of a hard-wrapped paragraph too)
    between the words of a phrase."""
    return "|".join(sorted((r"\s+".join(map(re.escape, str(w).split())) for w in words), key=lambda w: (-len(w), w)))


def _alt(words) -> str:
    """An alternation, longest first (then alphabetical: the same pattern text in every run,
    whatever order a set gives, so that a pattern reads the same in every run)."""
    return "|".join(sorted((re.escape(str(w)) for w in words), key=lambda w: (-len(w), w)))


# --- the word lists (rules/attribution.yaml) ------------------------------------------------
_REPORT_ADJECTIVES = "attribution.report-adjectives"
_REPORT_VERBS = "attribution.report-verbs"
_COLLECTIVES = "attribution.collectives"
_COLLECTIVE_VERBS = "attribution.collective-verbs"
_PASSIVE_VERBS = "attribution.passive-verbs"
_VAGUE_SUBJECTS = "attribution.vague-subjects"
_VAGUE_SUBJECT_VERBS = "attribution.vague-subject-verbs"
_ROLES = "attribution.roles"
_ATTRIBUTION_VERBS = "attribution.attribution-verbs"
_ANONYMITY_REASONS = "attribution.anonymity-reasons"
_CREDIT_LABELS = "attribution.credit-labels"
_ORIGINAL_POINTERS = "attribution.original-pointers"
_INSTITUTIONAL = "attribution.institutional-modifiers"
_PUBLIC_FIGURE_WORDS = "attribution.public-figure-words"
_RELATIONAL = "attribution.relational-collectives"
_INSTITUTIONAL_ROLES = "attribution.institutional-collectives"

_LISTS = {
    _REPORT_ADJECTIVES: WordList("words before 'reports' that leave them unnamed (various, recent)", entry="phrase"),
    _REPORT_VERBS: WordList("verbs after 'reports' that make a claim of them (suggest, indicate)", entry="phrase"),
    _COLLECTIVES: WordList("unnamed collectives that say things (experts, analysts)", entry="phrase"),
    _COLLECTIVE_VERBS: WordList("verbs after a collective that make a claim of it (say, warn)", entry="phrase"),
    _PASSIVE_VERBS: WordList("verbs of 'it is ...' claims with no one behind them (believed)", entry="phrase"),
    _VAGUE_SUBJECTS: WordList("sentence-opening subjects that name nobody (some, many)", entry="phrase"),
    _VAGUE_SUBJECT_VERBS: WordList("verbs after a vague subject (say, believe)", entry="phrase"),
    _ROLES: WordList("roles an anonymous source is given as (official, diplomat)", entry="phrase"),
    _ATTRIBUTION_VERBS: WordList("verbs after a role that attribute a claim to it (said, told)", entry="phrase"),
    _ANONYMITY_REASONS: WordList("phrases that say why a source is anonymous (condition of anonymity)", entry="phrase"),
    _CREDIT_LABELS: WordList("labels of a credit line ('Credited from: BBC')", entry="phrase"),
    _ORIGINAL_POINTERS: WordList("phrases that send readers to the original (original articles from)", entry="phrase"),
    _INSTITUTIONAL: WordList("modifiers that tie officials to an institution (state, police)", entry="word"),
    _PUBLIC_FIGURE_WORDS: WordList("words of figures that are public record (shares, index)", entry="phrase"),
    _RELATIONAL: WordList("collectives defined by whom they oppose or back, so 'X's critics' names none of them", entry="word"),
    _INSTITUTIONAL_ROLES: WordList(
        "collectives that speak for an institution, so an earlier mention or a modifier ('state officials') identifies them",
        entry="word",
    ),
}


# words that may stand between a collective and its verb: "analysts have long warned", "investors
# are increasingly worried", "economists continue to expect"
_AUXILIARIES = (
    "have|has|had|are|were|is|was|will|would|could|may|might|also|now|still|increasingly|long|widely|generally|"
    "largely|repeatedly|already|too|all|both|privately|publicly|continue\\s+to|continued\\s+to|began\\s+to|begin\\s+to"
)


def _declare(*names: str) -> dict[str, WordList]:
    return {name: _LISTS[name] for name in names}


_PLAIN_WORD = rx.compile(r"[a-z]+")


def _plain_words(words, keywords) -> frozenset[str] | None:
    """``words`` lower-cased, if they and ``keywords`` are all plain words (each one word of the
    word table), else None."""
    low = [str(w).lower() for w in [*words, *keywords]]
    if not all(map(_PLAIN_WORD.fullmatch, low)):
        return None
    return frozenset(low[: len(words)])


class _Keywords:
    """The words of the word table that a list's matches open with: the first word of each entry
    (lower case, ’ folded to '), derived from the loaded list so that a pack's additions are found
    too. They are registered for the shared word index (analysis.keywords.word_hits), where finding them
    costs a dict look-up; a word the index lacks for an article (registered after its hits were
    taken) is found by a scan of the word table."""

    __slots__ = ("entries", "words")

    def __init__(self, entries) -> None:
        #: the entries, lower-cased
        self.entries = frozenset(str(w).lower() for w in entries)
        self.words = add_keywords(k[0] for k in map(phrase_key, self.entries) if k)

    @property
    def plain(self) -> bool:
        """Every entry is one plain word: a match opens exactly at a word of the table."""
        return all(map(_PLAIN_WORD.fullmatch, self.entries))

    def indexes(self, doc: Document) -> list[int]:
        """Word-table indexes of the words, in text order."""
        return keyword_indexes(doc, self.words)


# families whose matches open with one of their keywords, followed by a space ("it is believed",
# "analysts say"): the pattern is tried at each keyword instead of being searched for at every
# position of a window
_OPENS_WITH_KEYWORD = frozenset({"according", "passive", "vague_subject", "collectives"})

class _Families(NamedTuple):
    """NL501's pattern families with their keywords, built once per configuration."""

    keys: dict[str, _Keywords]
    #: the families tried only at their keywords (all their keywords are plain words)
    at_keywords: frozenset[str]
    #: the keywords of those families (lower case)
    anchored_words: frozenset[str]
    #: the keywords (word-table words) of every family
    words: frozenset[str]


@per_config
def _families(ctx: Context) -> _Families:
    L = ctx.list
    keys = {
        "reports": _Keywords(["reports"]),
        "according": _Keywords(["according"]),
        "passive": _Keywords(["it"]),
        "vague_subject": _Keywords(L(_VAGUE_SUBJECTS)),
        "collectives": _Keywords(L(_COLLECTIVES)),
        "reportedly": _Keywords(["reportedly"]),
    }
    # a phrase a pack adds ("market watchers") opens a match at its first word, but the window
    # around that word is searched: the keyword-only shortcut holds for plain words
    anchored = frozenset(fam for fam, ks in keys.items() if fam in _OPENS_WITH_KEYWORD and ks.plain)
    return _Families(
        keys,
        anchored,
        frozenset().union(*(keys[fam].entries for fam in anchored)),
        frozenset().union(*(ks.words for ks in keys.values())),
    )


class _Window:
    """A stretch of text around a family's keywords: 60 characters either side of each (grown
    as overlapping windows are merged)."""

    __slots__ = ("start", "end", "keywords")

    def __init__(self, start: int, end: int, keywords: list[int] | None):
        self.start, self.end = start, end
        #: offsets of the keywords inside, where the family's matches open with a keyword (None:
        #: search the whole window)
        self.keywords = keywords


def _keyword_windows(doc: Document, families: _Families) -> dict[str, list[_Window]]:
    """For each pattern family, text windows around its keywords (none: the family cannot match)."""
    t = word_table(doc)
    present = t.vocabulary & families.words  # in C: most families have no keyword in an article
    if not present:
        return {}
    starts, ends = t.starts, t.ends
    hits = word_hits(doc)
    awkward = None
    out: dict[str, list[_Window]] = {}
    for fam, ks in families.keys.items():
        words = ks.words & present
        if not words:
            continue
        # the keywords' indexes, in order: from the shared index (analysis.keywords.indexes_of),
        # or from the word table for a word registered after the article's hits were taken
        indexes = [i for w in words for i in hits.get(w, ())]
        missing = [w for w in words if w not in hits]
        if missing:
            indexes += t.indexes_of(frozenset(missing))
        indexes.sort()
        windows = out[fam] = []
        at_keywords = fam in families.at_keywords
        if at_keywords:
            if awkward is None:
                # a keyword may open a match where the word table has none: inside a word, after
                # an apostrophe ("x'it is believed"), or spelt with an odd letter ("İt"); then the
                # windows are searched
                awkward = any(map(doc.prose.__contains__, ODD_CASE)) or _joined_keyword(doc, families.anchored_words)
            at_keywords = not awkward
        # 60 characters either side of each keyword; overlapping windows are searched once: a
        # keyword opens a new window where it starts more than 120 characters after the end of
        # the one before (the ends grow with the indexes), found in C (map, compress)
        at = list(map(starts.__getitem__, indexes))
        to = list(map(ends.__getitem__, indexes))
        firsts = [0, *compress(count(1), map(gt, map(sub, islice(at, 1, None), to), repeat(_WINDOW_GAP)))]
        for a, b in zip(firsts, [*firsts[1:], len(at)]) if at else ():
            windows.append(_Window(max(0, at[a] - 60), to[b - 1] + 60, at[a:b] if at_keywords else None))
    return out


#: keywords further apart than this are in separate windows (60 characters either side of each)
_WINDOW_GAP = 120


# the letters and digits of a word
_RUN = rx.compile(r"[^\W_]+")


def _joined_keyword(doc: Document, keywords: frozenset[str]) -> bool:
    """Whether a keyword may follow an apostrophe inside a word of the word table ("x'it"), where
    it opens no word of its own (the table joins words across an apostrophe): true whenever one
    follows an apostrophe at all (the run of letters and digits after one is a keyword). Asked
    only of a prose without İ, ı or ſ, so its lower-cased copy (shared) holds each character
    lowered in place (only İ lowers to two), and its runs are those of the prose, lowered. The
    apostrophes (a few an article) are found with str.find, faster than a regex's scan."""
    low = lower_prose(doc)
    for q in "'’":
        j = low.find(q)
        while j != -1:
            m = _RUN.match(low, j + 1)
            if m and m.group() in keywords:
                return True
            j = low.find(q, j + 1)
    return False


def _window_matches(prose: str, pattern: re.Pattern, windows: list[_Window]) -> list[re.Match]:
    """The pattern's matches inside the windows, in text order, as ``finditer`` over each window
    finds them. Where the pattern opens with a keyword (no match can start elsewhere), it is only
    tried at the keywords, which is much cheaper than a search."""
    found: list[re.Match] = []
    for w in windows:
        if w.keywords is None:
            found += pattern.finditer(prose, w.start, w.end)
            continue
        end = w.start
        for k in w.keywords:
            if k >= end:  # as with finditer, matches do not overlap
                m = pattern.match(prose, k, w.end)
                if m:
                    found.append(m)
                    end = m.end()
    return found


# a person's name: two or more capitalised words ("Kyrylo Budanov", "Mark Rutte")
_NAME = rx.compile(r"\b[A-Z][a-z’'-]+(?:\s+(?:[A-Z][a-z’'-]+|[A-Z]\.))+")
_NAMED_LIST = rx.compile(r"\b(?:such as|including|among them|led by|like)\s+(?:Dr\.\s+|Prof\.\s+)?[A-Z]")
_HEADLINE_END = rx.compile(r"[.!?:;…\"”’)]\s*$")
_FOOTNOTE_REFS_END = rx.compile(r"(?:\s*\[\^[^\]\s]+\])+$")  # "... rain.[^1]", "... rain.[^a][^b]"


def _sentence(doc: Document, offset: int) -> tuple[int, int, int]:
    """(index, start, end) of the sentence around offset; the line for table cells and titles."""
    i = doc.sentence_index(offset)
    if i >= 0:
        s = doc.sentences[i]
        return i, s.start, s.end
    line = doc.line_of(offset)
    return -1, line.start, line.end


# a line that ends on a word no title ends with: the sentence goes on on the next line
_OPEN_END = rx.compile(r"\b(?:of|the|a|an|and|or|to|in|for|with|that|which|who|by|from|on|at|as|is|are|was|were|has|have|had|its|their|his|her|but|than)$", re.I)
# a match of _OPEN_END is one of its words at the end of the line: only the line's last
# characters can hold one (the search, from there, sees the character before for its \b)
_OPEN_END_TAIL = 8


def _is_title(doc: Document, offset: int) -> bool:
    """Headlines and section titles are not claims. A line is read by its prose, so markup at
    its end (an HTML comment, a tag, a footnote reference) does not hide a sentence's full stop."""
    line = doc.line_of(offset)
    if line.kind == "heading":
        return True
    if line.kind != "text":
        return False
    pi = doc.paragraph_index(offset)
    if pi >= 0 and doc.paragraphs[pi].first_line != doc.paragraphs[pi].last_line:
        return False  # a line of a hard-wrapped paragraph: a claim may go on to the next line
    s = doc.prose[line.start : line.end].strip()
    if len(s) >= 120 and not s.endswith("]"):
        return False  # too long for a title (what the end says, without the searches)
    if _OPEN_END.search(s, max(0, len(s) - _OPEN_END_TAIL)):
        return False  # "... the prospect of": a line broken mid-sentence, not a title
    if s.endswith("]"):
        s = _FOOTNOTE_REFS_END.sub("", s)
    return len(s) < 120 and not _HEADLINE_END.search(s)


# patterns of the helpers below, compiled once (not looked up in re's cache at every call)
_OPENING_WORDS = rx.compile(r"(?:^|[.!?]\s+|\n)((?:[A-Za-z]+\s+){1,2})$")
_WORDISH = rx.compile(r"[\w.’'-]+")
_INITIALS = rx.compile(r"(?:[A-Z]\.)+")
_COUNT_BEFORE = rx.compile(r"\d[\d,]*\s+$")
_HYPHENATED_WORD = rx.compile(r"[\w-]+")
_CAPITALISED_INSIDE = rx.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
_AFFILIATION_AFTER = rx.compile(r"\w+\s+(?:at|from|with|of)\s+(?:the\s+)?[A-Z]")
_ACRONYM = rx.compile(r"\b[A-Z]{2,}\b")


# the letters other than its two cases that IGNORECASE matches to an ASCII letter
_FOLDS_TO = {"i": "İı", "s": "ſ", "k": "\u212a"}


@functools.lru_cache(maxsize=256)
def _word_pattern(word: str) -> re.Pattern:
    """The word, whole, in any case: ``\\b{word}\\b`` (IGNORECASE). A word of ASCII letters
    opens with a case-sensitive class of the letters its first one matches, so the engine
    skips to them, and the \\b before it checked after it: the same matches."""
    first = word[:1]
    if not (word.isascii() and word.isalpha()):
        return re.compile(rf"\b{re.escape(word)}\b", re.I)
    cls = first.lower() + first.upper() + _FOLDS_TO.get(first.lower(), "")
    return re.compile(rf"[{cls}](?<!\w.)(?i:(?<={first}){re.escape(word[1:])})\b")


@functools.lru_cache(maxsize=256)
def _word_start_pattern(word: str) -> re.Pattern:
    """The word at the start of a word, in any case."""
    return re.compile(rf"\b{re.escape(word)}", re.I)


def _opening_common_words(text: str, start: int) -> bool:
    """The one or two words before ``start`` open a sentence and are common words capitalised
    only for that ("Market analysts", "Military experts")."""
    before = text[max(0, start - 40) : start]
    m = _OPENING_WORDS.search(before)
    return bool(m) and all(common_word(w) for w in m.group(1).split())


def _preceded_by_name(text: str, start: int, proper: frozenset = frozenset()) -> bool:
    """"NIS reports", "Pentagon officials", "Seoul's analysts", "U.S. defense officials": a named
    owner among the (up to two) words before."""
    before = text[max(0, start - 60) : start]
    words = list(_WORDISH.finditer(before))[-2:]
    for m in reversed(words):
        gap = before[m.end() :]
        if gap.strip(" \u00a0"):
            break  # punctuation between: not a modifier
        word = m.group()
        if word.endswith((".", "!", "?")) and not _INITIALS.fullmatch(word):
            break  # the previous sentence's last word
        if word.endswith(("’s", "'s", "s’", "s'")) or word.lower().strip(".") in proper:
            return True
        if word[:1].isupper():
            prev = before[: m.start()].rstrip()
            starts_sentence = not prev or prev[-1] in ".!?:;\n\"“”"
            if not starts_sentence or word.isupper() or "." in word or word.lower() not in _COMMON_OPENERS:
                return True
        before = before[: m.start()]
    return False


# capitalised only because they open the sentence: not an owner ("Senior officials said")
_COMMON_OPENERS = frozenset(
    """the a an some many most several other others few these those senior top leading independent
    foreign local western military government security health unnamed anonymous two three four
    five both all and but yet so while as when""".split()
)
_INSTITUTION_LOWER = rx.compile(
    r"\bthe\s+(?:[\w-]+\s+){0,2}(?:ministry|department|agency|authority|council|commission|police|army|"
    r"navy|office|service|bureau|court|parliament|government|administration|company|board|committee|"
    r"embassy|military|regulator|prosecutor|prosecutors|union|university|hospital)\b",
    re.I,
)
# whether a sentence names an institution (only searched for: the capitalised words that may
# come before the noun, "the Port Authority", are left out of the pattern, which matches exactly
# where the noun matches at a word start, and no longer tries a run of them at every capital)
_INSTITUTION = rx.compile(
    r"\b(?:Ministry|Department|Agency|Authority|Council|Commission|Police|Army|Navy|"
    r"Office|Service|Bureau|Court|Parliament|Assembly|Government|Administration|Institute|University|"
    r"Bank|Fund|Organisation|Organization|Union|Committee|Board|Company|Corporation|Group|Port|Embassy)\b"
    r"|\b[A-Z]{2,}\b"
)


# the people behind a piece of research, with their institution: "Researchers from the University
# of Stirling", "a team led by Ana Silva"
_RESEARCHERS_NAMED = rx.compile(
    r"\b(?:[Rr]esearchers|[Ss]cientists|[Aa]uthors|[Tt]eam|[Aa]cademics|[Ee]cologists|[Ee]conomists|[Ee]pidemiologists)\s+"
    r"(?:from|at|of|with|led\s+by)\s+(?:the\s+)?[A-Z]"
)
# a name in the possessive ("FitPoint's head office"), past a sentence's first word
_POSSESSIVE_NAME = rx.compile(r"(?<=\s)[A-Z][\w&.-]*[a-z][\w&.-]*['’]s\b")
# an institution by its capitalised noun (acronyms left out: "COVID", "GDP" are no bodies)
_INSTITUTION_NAMED = rx.compile(
    r"\b[A-Z][\w'’.-]*\s+(?:[A-Z][\w'’.-]*\s+)*(?:Ministry|Department|Agency|Authority|Council|Commission|Police|"
    r"Office|Service|Bureau|Court|Parliament|Assembly|Government|Administration|Institute|University|Bank|Fund|"
    r"Organisation|Organization|Union|Committee|Board|Company|Corporation|Group|Port|Embassy|Trust|Inc|Ltd|plc)\b"
)


def _lede_names_body(doc: Document, prose: str, i: int) -> bool:
    """The story's first paragraph of prose names the body it is about ("The Nagpur Municipal
    Corporation on Friday presented a budget ..."): its officials, later, are that body's."""
    if i <= 0:
        return False
    for s in doc.sentences[: min(i, 4)]:
        line = doc.line_of(s.start)
        if line.kind != "text" or prose[s.end - 1 : s.end] not in ".\"”’":
            continue  # a headline or a label: the lede is the first sentence of prose
        para = doc.paragraph_index(s.start)
        return any(_INSTITUTION_NAMED.search(prose, t.start, t.end) for t in doc.sentences[: i] if doc.paragraph_index(t.start) == para)
    return False


# a named (or institutional) speaker credited elsewhere in the sentence: "police said", "Ana
# Silva told", "according to the Health Ministry", ", he added" (he: a speaker named before)
_CREDITED = rx.compile(
    r"\baccording\s+to\s+(?:the\s+|an?\s+(?:[a-z][\w-]*\s+){0,2})?[A-Z]"  # "according to a Reuters poll"
    r"|\b(?:a\s+(?:review|report|study|survey|statement)\s+(?:by|from)\s+(?:the\s+)?[A-Z])"
    r"|(?:\b(?:[Pp]olice|[Pp]rosecutors|[Ii]nvestigators|[Aa]uthorities|[Hh]e|[Ss]he)|\b[Tt]he\s+[\w-]+(?:\s+[\w-]+)?|\b[A-Z][\w.’'-]*[A-Za-z])"
    r"\s+(?:said|says|say|told|tells|stated|confirmed|announced|added|wrote|reported)\b"
    r"|\b(?:said|told|added)\s+(?:the\s+)?[A-Z][\w’'-]+"
)

# a word that every match of _CREDITED holds (it is case-sensitive): "according", a document,
# a verb of saying ("say" in "says", "report" in "reported")
_CREDITED_WORDS = (
    "said", "say", "told", "tells", "added", "according", "report", "review", "study", "survey", "statement",
    "stated", "confirmed", "announced", "wrote",
)

_UNNAMED_OPENERS = _COMMON_OPENERS | {
    "sources", "analysts", "experts", "officials", "critics", "observers", "diplomats", "insiders", "reports", "it",
    "some", "many",
}


def _credited_elsewhere(prose: str, s: int, e: int, m: re.Match | None, vague: frozenset[str] = frozenset()) -> bool:
    """The sentence credits its claim to a named source outside the vague phrase itself
    ("He was reportedly seen there, police said"; "Police said it was believed ...").
    ``vague``: more nouns that name nobody when they open the sentence ("Strategists say")."""
    text = prose[s:e] if m is None else prose[s : m.start()] + " " * (m.end() - m.start()) + prose[m.end() : e]
    if not any(map(text.__contains__, _CREDITED_WORDS)):
        return False  # every match of _CREDITED holds one of them
    for c in _CREDITED.finditer(text):
        words = c.group().split()
        word = words[0].lower()
        # a capitalised word opening the sentence is no name ("Sources said", "Analysts told")
        if c.start() == 0 and len(words) == 2 and (word in _UNNAMED_OPENERS or word in vague):
            continue
        return True
    return False


# a person introduced by name and description, then quoted: "Ian Brook, who runs a delivery
# firm ..., said", "Jane Ford, chief economist at Arden, told ..."
_EXEMPLAR = rx.compile(
    r"(?P<name>(?:[A-Z][\w’'-]+\.?\s+){1,3}[A-Z][\w’'-]+)(?:,\s+(?:who|whose|an?|the|one|[a-z]+(?:\s+[a-z]+)?\s+(?:at|of|for|with|from)\b)"
    r"|\s+(?:of|at|from)\s+(?:the\s+)?[A-Z])"  # "Ian Brook, who runs ...", "Stacy Rasgon of Bernstein"
    r"[^.!?\n]{0,200}?,?\s+(?:said|says|told|tells|added|argued|warned|wrote|explained)\b"
)
# a collective given an affiliation: "researchers at the Dutch firm Midnight Blue"
_NOUN_AFFILIATED = rx.compile(r"\b(?P<noun>[A-Za-z]+),?\s+(?:at|from|with|of)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}[A-Z]")
# the same, quoted first: "'This is the instrument we waited for,' said Phil Evans, director of Eumetsat"
_QUOTED_EXEMPLAR = rx.compile(
    r"[\"“][^\"“”\n]{3,400}[,?!]?[\"”]\s+(?:said|says|added|told\s+\w+)\s+(?P<name>(?:[A-Z][\w’'-]+\.?\s+){1,3}[A-Z][\w’'-]+)"
    r"(?:,\s+[^.\n]{3,150}|\s+(?:of|at|from)\s+(?:the\s+)?[A-Z][^.\n]{0,150})"  # ", director of Eumetsat" or " of Bernstein"
)
# a named body, then its own view: "Capital Economics forecasts a 1% rise"
_NAMED_FORECASTER = rx.compile(
    r"(?:The\s+)?(?P<org>(?:[A-Z][\w&’'.-]+\s+){0,3}[A-Z][\w&’'.-]+)\s+(?:forecasts?|expects?|predicts?|estimates?|sees|projects)\b"
)
# the people whose research a study is ("the researchers said": the study's authors)
_RESEARCH_PEOPLE = frozenset("researchers scientists authors investigators scholars academics".split())


def _is_capitalised_name(word: str) -> bool:
    return word[:1].isupper() and word.rstrip(".").lower() not in _COMMON_OPENERS


def _the_before(prose: str, start: int) -> bool:
    """The collective has the definite article: "the researchers", "The analysts"."""
    return prose[max(0, start - 4) : start].lower() == "the "


class VagueAttribution(Rule):
    """A claim credited to unnamed collectives or to nobody: "reports suggest", "various reports",
    "sources said", "it is believed", "analysts speculate", "some say", "according to reports",
    "reportedly". The editor needs to name the report or the people, or cut the claim.

    Not reported: reports or people tied to a named owner ("reports from South Korea's spy agency",
    "NIS reports", "U.S. officials said"), collectives named in the sentence ("analysts including
    Jane Ford"), claims the same sentence credits to a named source ("He was reportedly seen
    there, police said", "according to a Reuters poll"), collectives whose next sentence names
    one of them ("Critics say ... Ian Brook, who runs a delivery firm, said ..."), "the
    researchers" of a study the article has named, headlines, and words inside a quotation.
    "Allegedly" is left alone: in crime and court copy it is a legal hedge beside a named source,
    not a missing one.

    Bad:
        Reports suggest 11,000 troops have been deployed to the region.
        ---
        The offer drew attention, with analysts speculating on what comes next.
        ---
        It is believed that the minister will resign before the vote.
        ---
        The company reportedly plans to cut 2,000 jobs.
    Good:
        Reports from South Korea's intelligence agency suggest 11,000 troops have been deployed.
        ---
        The offer drew attention, with analysts including Jane Ford of the Lowy Institute speculating on what comes next.
        ---
        The minister will resign before the vote, her spokesman told Reuters on Monday.
        ---
        He was reportedly seen leaving the building on Friday, police said.
        ---
        Critics say the limit is too low. Ian Brook, who runs a haulage firm on the estate, said it cost him an hour a day.
    """

    code = "NL501"
    name = "vague-attribution"
    category = "attribution"
    severity = Severity.warning
    summary = "A claim credited to unnamed reports, sources or experts"
    lists = {
        **_declare(
            _REPORT_ADJECTIVES,
            _REPORT_VERBS,
            _COLLECTIVES,
            _COLLECTIVE_VERBS,
            _PASSIVE_VERBS,
            _VAGUE_SUBJECTS,
            _VAGUE_SUBJECT_VERBS,
            _INSTITUTIONAL,
            _RELATIONAL,
            _INSTITUTIONAL_ROLES,
        ),
        PROPER_NAMES: PROPER_NAMES_LIST,
    }

    def setup(self, ctx: Context) -> None:
        L = ctx.list
        adj = _alt(L(_REPORT_ADJECTIVES))
        self.reports = rx.compile(
            rf"\b(?:(?:{adj})\s+)?(?:news\s+|media\s+|press\s+)?reports\s+(?:(?:have|had)\s+)?(?:{_alt(L(_REPORT_VERBS))})\b",
            re.I,
        )
        self.collectives = rx.compile(
            rf"\b(?P<noun>{_alt(L(_COLLECTIVES))})\s+(?:(?:{_AUXILIARIES})\s+){{0,3}}(?:{_alt_ws(verb_forms(L(_COLLECTIVE_VERBS)))})\b",
            re.I,
        )
        self.vague_nouns = frozenset(str(x).lower() for x in L(_COLLECTIVES))
        self.relational = frozenset(str(x).lower() for x in L(_RELATIONAL))
        self.institutional_roles = frozenset(str(x).lower() for x in L(_INSTITUTIONAL_ROLES))
        self.passive = rx.compile(
            rf"\bit\s+(?:is|was|has\s+been|had\s+been)\s+(?:widely\s+)?(?:{_alt(L(_PASSIVE_VERBS))})\b", re.I
        )
        self.vague_subject = rx.compile(
            rf"(?:^|(?<=[.;:,!?]\s)|(?<=\n)|(?<=[,;]\sand\s)|(?<=[,;]\sbut\s)|(?<=[,;]\swhile\s))(?:{_alt(L(_VAGUE_SUBJECTS))})\s+(?:(?:people|[a-z]+s)\s+)?(?:(?:also|still|now|even|privately)\s+)?(?:{_alt_ws(L(_VAGUE_SUBJECT_VERBS))})\b",
            re.I | re.M,
        )
        # the claim first, then its unnamed reports: "..., say reports", "..., claim media reports"
        self.reports_after = rx.compile(
            rf"\b(?:say|says|said|suggest|suggests|claim|claims|indicate|indicates|show|shows)\s+(?:(?:{adj})\s+)?(?:news\s+|media\s+|press\s+)?reports\b"
            r"(?!\s+(?:by|from|of|in|on)\s+(?:the\s+)?(?-i:[A-Z]))",
            re.I,
        )
        self.according = rx.compile(rf"\baccording\s+to\s+(?:(?:{adj})\s+)?(?:news\s+|media\s+|press\s+)?reports\b", re.I)
        self.reportedly = rx.compile(r"\breportedly\b", re.I)
        self.families = _families(ctx)
        # lower-case forms of demonyms and place names ("greek fire officials" still has an owner)
        self.proper = proper_names(ctx).lower
        self.institutional = frozenset(str(x) for x in L(_INSTITUTIONAL))

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        p = self
        seen: set[int] = set()
        windows = _keyword_windows(doc, self.families)
        if not windows:
            return

        def hits(pattern: re.Pattern, family: str) -> list[re.Match]:
            """The pattern's matches, searched only around its keywords (anchored on the word table)."""
            return _window_matches(prose, pattern, windows.get(family, ()))

        spans: list[tuple[int, int]] = []

        def ok(start: int, end: int | None = None) -> bool:
            end = start + 1 if end is None else end
            if start in seen or any(a < end and start < b for a, b in spans):
                return False  # one finding per phrase ("Many people say" is not also "people say")
            return not doc.in_quotation(start) and not _is_title(doc, start) and doc.line_of(start).kind != "code"

        for m in hits(p.reports, 'reports'):
            if ok(m.start(), m.end()) and not _preceded_by_name(prose, m.start(), self.proper):
                seen.add(m.start()); spans.append((m.start(), m.end()))
                yield self.finding(m.start(), m.end(), f"'{m.group()}': which reports? Name the report or its source, or cut the claim")
        for m in hits(p.reports_after, 'reports'):
            if ok(m.start(), m.end()) and not _credited_elsewhere(prose, *_sentence(doc, m.start())[1:], m):
                seen.add(m.start()); spans.append((m.start(), m.end()))
                yield self.finding(m.start(), m.end(), f"'{m.group()}': which reports? Name the report or its source, or cut the claim")
        for m in hits(p.according, 'according'):
            if ok(m.start(), m.end()):
                seen.add(m.start()); spans.append((m.start(), m.end()))
                yield self.finding(m.start(), m.end(), f"'{m.group()}': name the reports (who published them)")
        for m in hits(p.passive, 'passive'):
            if ok(m.start(), m.end()) and not _credited_elsewhere(prose, *_sentence(doc, m.start())[1:], m):
                seen.add(m.start()); spans.append((m.start(), m.end()))
                yield self.finding(m.start(), m.end(), f"'{m.group()}': believed or reported by whom? Name the source")
        for m in hits(p.vague_subject, 'vague_subject'):
            if ok(m.start(), m.end()) and not _credited_elsewhere(prose, *_sentence(doc, m.start())[1:], m):
                if m.group().lower().startswith("others") and self._named_before(doc, prose, m.start()):
                    continue  # "... said Lena Okafor, a mortgage adviser. Others think ...": the others of a named one
                seen.add(m.start()); spans.append((m.start(), m.end()))
                yield self.finding(m.start(), m.end(), f"'{m.group()}': who says so? Name them or cut the claim")
        proper = self.proper
        for m in hits(p.collectives, 'collectives'):
            noun = m.group("noun").lower()
            if not ok(m.start(), m.end()):
                continue
            # "Pentagon officials" have an owner; "the president's critics" are only defined by
            # whom they criticise
            if noun not in self.relational and _preceded_by_name(prose, m.start(), proper):
                if noun in self.institutional_roles or not _opening_common_words(prose, m.start()):
                    continue  # "Pentagon officials"; but "Market analysts" opens a sentence with a common word
            i, s, e = _sentence(doc, m.start())
            if _NAMED_LIST.search(prose, s, e) or self._named_nearby(doc, prose, i, m):
                continue
            if _credited_elsewhere(prose, s, e, m, self.vague_nouns):
                continue
            if _the_before(prose, m.start()) and self._defined_before(doc, prose, i, noun):
                continue  # "The researchers said ...": the authors of a study named before
            if noun == "people" and _COUNT_BEFORE.search(prose[max(s, m.start() - 12) : m.start()]):
                continue  # "some 300 people say they were never paid": a counted group, not a vague source
            if _COMPARISON_BEFORE.search(prose, max(s, m.start() - 24), m.start()):
                continue  # "earlier than most forecasters expected": a benchmark, not a claim made
            institutional = noun in self.institutional_roles
            # "sources" and "insiders" are unnamed by calling: an institution named before does
            # not identify them
            anaphoric = institutional and noun not in ("sources", "insiders")
            if anaphoric and (self._introduced_before(doc, prose, i) or self._owned_before(doc, prose, i, noun) or _lede_names_body(doc, prose, i)):
                continue
            if institutional and self._institutional(prose, s, e, m):
                continue
            if self._member_named_next(doc, prose, i, noun, noun not in self.institutional_roles):
                continue
            seen.add(m.start()); spans.append((m.start(), m.end()))
            yield self.finding(
                m.start(), m.end(), f"'{m.group()}': which {m.group('noun').lower()}? Name at least one, with their affiliation"
            )
        for m in hits(p.reportedly, 'reportedly'):
            if not ok(m.start(), m.end()):
                continue
            i, s, e = _sentence(doc, m.start())
            if _has_attribution(prose[s:e]) or _credited_elsewhere(prose, s, e, m):
                continue
            if i > 0 and doc.paragraph_index(doc.sentences[i - 1].start) == doc.paragraph_index(s):
                prev = doc.sentences[i - 1]
                if _credited_elsewhere(prose, prev.start, prev.end, None, self.vague_nouns):
                    continue  # "Troopers say the crash happened at 7 p.m. A van reportedly ran a light."
            seen.add(m.start()); spans.append((m.start(), m.end()))
            yield self.finding(m.start(), m.end(), "'reportedly': reported by whom? Name the source")

    def _institutional(self, prose: str, s: int, e: int, m: re.Match) -> bool:
        """"state officials said" in a sentence that names the place or body."""
        before = _HYPHENATED_WORD.findall(prose[max(s, m.start() - 30) : m.start()])
        mods = self.institutional
        if not before or before[-1].lower() not in mods:
            return False
        return bool(_CAPITALISED_INSIDE.search(prose[s:e][1:]))

    @staticmethod
    def _introduced_before(doc: Document, prose: str, i: int) -> bool:
        """The two sentences before name an institution or a speaker the collective refers back
        to ("The port authority said ... Officials said ...")."""
        for j in (i - 1, i - 2):
            if j < 0:
                break
            s = doc.sentences[j]
            chunk = prose[s.start : s.end]
            if _INSTITUTION.search(chunk) or _INSTITUTION_LOWER.search(chunk) or _has_attribution(chunk):
                return True
        return False

    def _owned_before(self, doc: Document, prose: str, i: int, noun: str) -> bool:
        """An earlier sentence gives the same collective an owner ("County officials declared
        ..."; later "Officials say ..." means them)."""
        pattern = _word_pattern(noun)
        end = doc.sentences[i].start if i >= 0 else 0
        for m in pattern.finditer(prose, 0, end):
            if _preceded_by_name(prose, m.start(), self.proper):
                return True
        return False

    @staticmethod
    def _member_named_next(doc: Document, prose: str, i: int, noun: str, by_stance: bool = False) -> bool:
        """The next sentence names one of them: "Analysts expect a cut. Jane Ford, an analyst at
        Arden, said ...". For a collective that speaks for no institution (``by_stance``: critics,
        supporters, analysts; not officials or sources), anyone the same paragraph goes on to
        introduce and quote is one of them."""
        if i < 0 or i + 1 >= len(doc.sentences):
            return False
        nxt = doc.sentences[i + 1]
        text = prose[nxt.start : nxt.end]
        one = singular(noun)
        # the next sentence, or (for a collective that speaks for no institution) the one after
        for j in ((i + 1, i + 2) if by_stance else (i + 1,))[: len(doc.sentences) - i - 1]:
            later = prose[doc.sentences[j].start : doc.sentences[j].end]
            if _word_start_pattern(one).search(later) and (names_source(later) or names_document(later)):
                return True  # "Analysts expect a cut. Jane Ford, an analyst at Arden, said ..."; "... in a Reuters poll"
        if any(singular(a.group("noun").lower()) == one for a in _NOUN_AFFILIATED.finditer(text)):
            return True  # "... researchers said. The researchers, at the Dutch firm Midnight Blue, ..."
        # one of them introduced by name and description, then quoted: "Critics say the limit is
        # too low. Ian Brook, who runs a delivery firm on the estate, said ..."
        if not by_stance:
            return False
        same_paragraph = doc.paragraph_index(nxt.start) == doc.paragraph_index(doc.sentences[i].start)
        named = _NAMED_FORECASTER.match(text)
        if named and same_paragraph and all(map(_is_capitalised_name, named.group("org").split())):
            return True  # "Economists expect ... Capital Economics forecasts a 1% rise, while ..."
        lead = _EXEMPLAR.match(text.lstrip("\"“‘' ")) or _QUOTED_EXEMPLAR.match(text)
        if not lead or not all(map(_is_capitalised_name, lead.group("name").split())):
            return False
        if same_paragraph:
            return True
        # in the next paragraph (news copy's one-sentence paragraphs), an exemplar with an
        # affiliation: "Forecasters say ... / 'This is the instrument ...,' said Phil Evans,
        # director-general of Eumetsat" (or the introduction "Phil Evans, director of Eumetsat, said")
        return bool(_AFFILIATION_AFTER.search(lead.group()))

    @staticmethod
    def _named_before(doc: Document, prose: str, offset: int) -> bool:
        """The sentence before names its source ("... said Lena Okafor, an adviser at Harbour")."""
        i = doc.sentence_index(offset)
        if i <= 0:
            return False
        prev = doc.sentences[i - 1]
        return names_source(prose[prev.start : prev.end])

    @staticmethod
    def _defined_before(doc: Document, prose: str, i: int, noun: str) -> bool:
        """The article has already said whose they are: a sentence before names a source with the
        same collective ("researchers at Lindmoor ..."), or, for the people behind research, names
        a study, journal or body ("a trial published in the European Heart Journal")."""
        end = doc.sentences[i].start if i >= 0 else 0
        earlier = prose[:end]
        if not earlier.strip():
            return False
        if noun in _RESEARCH_PEOPLE and names_document(earlier):
            return True
        one = singular(noun)
        for j in range(i - 1, -1, -1):
            sent = doc.sentences[j]
            text = prose[sent.start : sent.end]
            if _word_start_pattern(one).search(text) and (names_source(text) or names_document(text)):
                return True
        return False

    @staticmethod
    def _named_nearby(doc: Document, prose: str, i: int, m: re.Match) -> bool:
        """The collective is identified right after it ("analysts at Chatham House", "officials, including ...")."""
        after = prose[m.start() : m.start() + 80]
        return bool(_AFFILIATION_AFTER.match(after))


_ATTRIB = rx.compile(
    r"\b(?:said|says|told|tells|wrote|writes|stated|confirmed|announced|according to|citing|added|noted|reported by)\b"
)


def _has_attribution(sentence: str) -> bool:
    return bool(_ATTRIB.search(sentence)) and bool(_NAME.search(sentence) or _ACRONYM.search(sentence))


# "people familiar with the matter said", "a person with knowledge of the talks told"
_FAMILIAR = rx.compile(
    r"\b(?:(?:[Aa]|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ss]everal|[Ss]ome)\s+)?(?:[Pp]eople|[Pp]ersons?|[Ss]ources?)\s+"
    r"(?:familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on)\s+(?:the|his|her|their|its)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:said|say|says|told)\b"
)


class _AnonymousPatterns(NamedTuple):
    """NL502's patterns and keywords, built from the lists once per configuration."""

    anonymous: re.Pattern
    reasons: re.Pattern
    roles: _Keywords
    #: the words that can follow a role in an ``anonymous`` match, lower case (None: not plain words)
    role_followers: frozenset[str] | None
    institutional: frozenset[str]  # lower case


class AnonymousSource(Rule):
    """A quotation or claim credited only to a role, with no name or institution: "a senior
    official said", "a South Korean lawmaker stated", "one diplomat told". Editors' convention:
    anonymous sourcing must say why the source is anonymous ("who spoke on condition of anonymity
    because ..."); when the sentence does, there is no finding. A role tied to an institution ("a
    senior official at the defence ministry said") or followed by a name is not anonymous, and
    neither is a spokesperson of a named kind of body ("a government spokesman said") or of the body
    the sentence before quotes ("Harbour Water said ... A spokesperson said"). "People
    familiar with the matter said" is anonymous too unless the sentence gives the reason.

    Bad:
        "The deal is dead," a senior official said.
        ---
        A South Korean lawmaker stated that the memos were genuine.
        ---
        People familiar with the matter said the deal could be announced on Monday.
    Good:
        "The deal is dead," a senior official said on condition of anonymity because the talks were private.
        ---
        A senior official at the finance ministry said the deal was dead.
        ---
        People familiar with the matter said the deal was close, asking not to be identified because the talks are private.
        ---
        A government spokesman said the talks would continue.
        ---
        Harbour Water said the repair needed a road closure. A spokesperson said work would start in May.
    """

    code = "NL502"
    name = "anonymous-source"
    category = "attribution"
    severity = Severity.info
    summary = "A source given only as a role, with no reason for anonymity"
    lists = _declare(_ROLES, _ATTRIBUTION_VERBS, _ANONYMITY_REASONS, _INSTITUTIONAL)

    def setup(self, ctx: Context) -> None:
        L = ctx.list
        self.patterns = _AnonymousPatterns(
            anonymous=rx.compile(
                r"\b(?P<det>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal)\s+"
                r"(?P<mods>(?:[\w’'-]+\s+){0,3}?)"
                rf"(?P<role>{_alt(L(_ROLES))})\s+"
                rf"(?:(?:also|later|previously)\s+)?(?P<verb>{_alt(L(_ATTRIBUTION_VERBS))})\b"
            ),
            reasons=rx.compile(_alt(L(_ANONYMITY_REASONS)), re.I),
            roles=_Keywords(L(_ROLES)),
            role_followers=_plain_words(["also", "later", "previously", *L(_ATTRIBUTION_VERBS)], L(_ROLES)),
            institutional=frozenset(str(x).lower() for x in L(_INSTITUTIONAL)),
        )

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        p = self.patterns
        t = word_table(doc)
        found: dict[int, re.Match] = {}
        roles = p.roles.indexes(doc)
        # every match holds a role word with a verb (or "also", "later", "previously") for its next
        # word, which may go on after an apostrophe ("said's": the verb's \b holds): the offsets
        # of those roles, the only places a window can hold a match (None: a pack's roles or verbs
        # are not all plain words, and every window is searched)
        live = None
        if roles and p.role_followers is not None:
            words, follow = t.words, p.role_followers
            live = [t.starts[i] for i in roles if i + 1 < len(words) and (words[i + 1] in follow or "'" in words[i + 1])]
        # the pattern ends at the role and its verb: search just around each role word (no live
        # role: no window holds one, and none is searched)
        for i in roles if live is None or live else ():
            lo, hi = _whole_words(prose, max(0, t.starts[i] - 70), t.ends[i] + 40)
            if live is not None and not _any_in(live, lo, hi):
                continue
            for m in p.anonymous.finditer(prose, lo, hi):
                # a window can end inside a match ("says" cut to "say"): keep the longest
                if m.start() not in found or m.end() > found[m.start()].end():
                    found[m.start()] = m
        if "familiar" in t.vocabulary or "knowledge" in t.vocabulary or "briefed" in t.vocabulary:
            for m in _FAMILIAR.finditer(prose):
                found.setdefault(m.start(), m)
        inst = p.institutional
        for m in (found[k] for k in sorted(found)):
            if m.re is _FAMILIAR.compiled():
                mods = []
            else:
                mods = m.group("mods").split()
                if any(w.lower() in ("of", "at", "from", "for", "with", "in", "and", "to", "the") for w in mods):
                    continue  # "a source at the ministry", "one of the officials" are not this pattern
                if m.group("role").lower().startswith("spokes") and any(w.lower() in inst for w in mods):
                    continue  # "a government spokesman": the institution speaks, on the record
                if any(_names_body(w) for w in mods):
                    continue  # "a Pentagon official", "a Number 10 source": tied to a named body
            if doc.in_quotation(m.start()) or _is_title(doc, m.start()):
                continue
            i, s, e = _sentence(doc, m.start())
            # the reason may come in the sentence before or after: "..., a person briefed on the
            # talks said. That person requested anonymity because ..."
            around = doc.sentences[max(0, i - 1) : i + 2] if i >= 0 else ()
            if p.reasons.search(prose, around[0].start if around else s, around[-1].end if around else e):
                continue
            if m.re is not _FAMILIAR.compiled() and m.group("role").lower().startswith("spokes") and i > 0:
                prev = doc.sentences[i - 1]
                chunk = prose[prev.start : prev.end]
                if names_source(chunk) or _INSTITUTION.search(chunk) or _POSSESSIVE_NAME.search(chunk, 1):
                    continue  # "Yorkshire Water said ... A spokesperson said", "I put it to FitPoint's head office. A spokeswoman said": the body's own, on the record
            yield self.finding(
                m.start(),
                m.end(),
                f"'{m.group()}' is an anonymous source: name them, or say why they cannot be named",
            )


# a comparison whose yardstick is the collective's expectation: "than (most) economists expected"
_COMPARISON_BEFORE = rx.compile(r"\bthan\s+(?:(?:most|many|some|the|other)\s+)?\Z", re.I)


def _whole_words(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Widen a search window so that it cuts no word: a pattern's ``\b`` holds at a window's edge,
    so "saidthe" cut after "said" would read as the verb "said"."""
    while 0 < lo < len(text) and text[lo - 1].isalnum() and text[lo].isalnum():
        lo -= 1
    while 0 < hi < len(text) and text[hi - 1].isalnum() and text[hi].isalnum():
        hi += 1
    return lo, min(hi, len(text))


# nationalities and country codes, which place a source but do not name its body ("a South
# Korean lawmaker", "a US diplomat")
_DEMONYM = rx.compile(r"[A-Z]{2,3}|[A-Z][a-z]*(?:an|ese|ish|ch|i)|Greek|Thai|Swiss|Czech|Western|Eastern|Northern|Southern|North|South|East|West")


def _names_body(word: str) -> bool:
    """A capitalised modifier of a role that names a body ("Pentagon", "Treasury", "Tory",
    "Number 10"), not a nationality."""
    return word[:1].isupper() and not _DEMONYM.fullmatch(word.strip("’'")) and word not in _CALENDAR_WORDS


_SPEECH = rx.compile(
    r"\b(?:said|says|say|saying|told|tells|telling|wrote|writes|added|adds|adding|asked|asks|stated|states|stating|replied|explained|"
    r"insisted|warned|according to|quoted|quoting|declared|announced|posted|tweeted|noted|argued|recalled|"
    r"continued|concluded|urged|acknowledged|admitted|conceded|claimed|remarked)\b",
    re.I,
)


# speech cues for quotations: as _SPEECH, but "adding", "continued" and "concluded" only in their
# speech use ("..., adding that", "he added") and not as plain verbs ("adding surcharges")
_SPEECH_Q_VERBS = (
    "said says say saying told tells telling wrote writes asked asks stated states stating replied explained "
    "insisted warned quoted quoting declared announced posted tweeted noted argued recalled "
    "urged acknowledged admitted conceded claimed remarked"
).split()
_SPEECH_Q_VERB = rx.compile(rf"\b(?:{'|'.join(_SPEECH_Q_VERBS)})\b", re.I)  # a cue wherever it stands
_SPEECH_Q = rx.compile(
    rf"{_SPEECH_Q_VERB.pattern}|\baccording to\b"
    r"|(?:,\s*|\b(?:he|she|they|who)\s+|(?-i:\b[A-Z][\w’'-]+)\s+)(?:add(?:ed|s|ing)|continued|concluded)\b"
    r"|\b(?:add(?:ed|s|ing)|continued|concluded)\s*(?:that\b|[,.:]|$)",
    re.I | re.M,
)
_SPEECH_Q_VERB_KEYS = add_keywords(_SPEECH_Q_VERBS)
# the end of a full sentence, searched for in the last two characters of a quotation
_SENTENCE_END = rx.compile(r"[.!?][’'\"]?$|[.!?,]$")


class UnattributedQuotation(Rule):
    """A direct quotation of a full sentence with no speaker: nobody is named (and no speech verb
    appears) in its sentence, the sentence before or the sentence after, and it is not an answer
    on a speaker-label line. Partial quotations ("called it “a blow”") and quotations in tables
    and headlines are not reported.

    Bad:
        New rules take effect on Monday.
        “These measures will save lives and we will not hesitate to extend them.”
        Shops will close at 8 p.m.
    Good:
        New rules take effect on Monday.
        “These measures will save lives and we will not hesitate to extend them,” Health Minister Ana Silva told reporters.
    """

    code = "NL504"
    name = "unattributed-quotation"
    category = "attribution"
    severity = Severity.warning
    summary = "A full-sentence quotation with no speaker"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        sentences = doc.sentences
        verbs_at: list[int] | None = None  # offsets of the words _SPEECH_Q_VERB may match
        for q in doc.quotations:
            if not q.closed:
                continue
            inner = prose[q.start + 1 : q.end - 1].strip()
            if len(inner.split()) < 6 or not inner[:1].isupper() or not _SENTENCE_END.search(inner, len(inner) - 2):
                continue  # not a full sentence
            line = doc.line_of(q.start)
            if line.kind in ("label", "table", "heading", "code") or _is_title(doc, q.start):
                continue
            i = doc.sentence_index(q.start)
            j = doc.sentence_index(max(q.start, q.end - 2))
            if i < 0:
                continue
            lo = sentences[max(0, i - 1)].start
            hi = sentences[min(len(sentences) - 1, max(i, j) + 1)].end
            # a speech verb around the quotation ("..., she said") settles it without the full search
            if verbs_at is None:
                starts = word_table(doc).starts
                verbs_at = [starts[k] for k in hits_of(doc, _SPEECH_Q_VERB_KEYS)]
            if _matches_at(_SPEECH_Q_VERB, prose, verbs_at, lo, q.start) or _matches_at(
                _SPEECH_Q_VERB, prose, verbs_at, q.end, hi
            ):
                continue
            around = prose[lo:q.start] + " " + prose[q.end:hi]
            if _SPEECH_Q.search(around):
                continue
            # a quotation continuing the one before it in the same paragraph (multi-sentence quotes)
            pi = doc.paragraph_index(q.start)
            para = doc.paragraphs[pi] if pi >= 0 else None
            if para is not None and _SPEECH_Q.search(prose, para.start, para.end):
                continue
            if _named_intro(prose, line.start, q.start) or _title_case(inner):
                continue
            k = max(i, j) + 1
            if k < len(sentences) and _NAMED_OPENING.match(prose, sentences[k].start, sentences[k].end):
                continue  # the speaker is named as the next sentence opens: "Mayor Ana Silva made the pledge ..."
            yield self.finding(q.start, q.end, "A full-sentence quotation with no speaker: say who said it")


# a speaker introduced by name before a colon on the quotation's line: "Coach Ana Silva: “...”"
_NAMED_INTRO = rx.compile(r"(?:\b[A-Z][\w’'.-]+\s+){1,4}[A-Z][\w’'-]+\s*:\s*$")
# words a title leaves in lower case ("The Best Little Town in the West")
_TITLE_SMALL = frozenset("a an the and or but nor of in on at to for by from with as into over per vs".split())


# a sentence that opens with a person's name, after a title or a dash of a credit line
_NAMED_OPENING = rx.compile(r"\s*(?:[—–-]\s*)?(?!(?:The|A|An|This|That|These|Those|In|On|At|But|And|For|If|When|While|After|Before)\b)(?:[A-Z][\w.’'-]+\s+){0,3}?[A-Z][a-z’'-]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z’'-]+\b(?!\s+(?:[A-Z]|of\b))")


def _named_intro(prose: str, line_start: int, quote_start: int) -> bool:
    """The quotation's line opens with a named speaker and a colon just before it."""
    return bool(_NAMED_INTRO.search(prose, max(line_start, quote_start - 80), quote_start))


def _title_case(inner: str) -> bool:
    """A quoted name or title ("The Biggest Market in the North"): every word but the small
    ones capitalised. Such a quotation is a name something is given, not a sentence someone said."""
    words = re.findall(r"[^\W\d_][\w’'-]*", inner)
    big = [w for w in words if w.lower() not in _TITLE_SMALL]
    return len(big) >= 3 and all(w[0].isupper() for w in big)


def _matches_at(pattern: re.Pattern, prose: str, offsets: list[int], start: int, end: int) -> bool:
    """Whether the pattern matches in [start, end) at one of the sorted ``offsets`` (those of the
    words it opens with, from the word table): much cheaper than ``pattern.search``. True settles
    it; after False a caller that must be exact still searches, as the pattern may match where the
    word table has no such word (an underscore or apostrophe against it, "İ")."""
    k = bisect.bisect_left(offsets, start)
    while k < len(offsets) and offsets[k] < end:
        if pattern.match(prose, offsets[k], end):
            return True
        k += 1
    return False


_FIGURE = rx.compile(
    r"(?<![\w.,])(?:[$€£¥]\s?\d[\d,.]*(?:\s*(?:million|billion|trillion|bn|m|mn)\b)?"
    r"|\d[\d,.]*\s*(?:%|per\s?cent\b|percent\b)"
    r"|\d[\d,.]*\s+(?:million|billion|trillion)\b"
    r"|\d{1,3}(?:,\d{3})+(?![\d,]))"
)
# where a figure can start: a currency sign or digit with no word character, point or comma before
# it (_FIGURE's look-behind, after the character so that a search can skip ahead to one)
_FIGURE_START = rx.compile(r"[$€£¥\d](?<![\w.,].)")
_DIGIT = rx.compile(r"\d")
_SOURCE_CUE = rx.compile(
    r"\b(?:according to|data (?:from|published)|figures (?:from|published|released)|estimates? (?:by|from)|"
    r"survey|census|statistics|report(?:ed)? by|cited|citing|show(?:s|ed)?|published|"
    r"reported|reports|posted|recorded|forecast|forecasts|expects|expected|estimates)\b",
    re.I,
)
# the words without which _SPEECH / _SOURCE_CUE cannot match: sentences and paragraphs with none
# of them are not searched at all
_SPEECH_KEYS = add_keywords(
    "said says say saying told tells telling wrote writes added adds adding asked asks stated states stating replied "
    "explained insisted warned according quoted quoting declared announced posted tweeted noted argued recalled "
    "continued concluded urged acknowledged admitted conceded claimed remarked".split()
)
_SOURCE_CUE_KEYS = add_keywords(
    "according data figures estimate estimates survey census statistics report reported cited citing show shows "
    "showed published reports posted recorded forecast forecasts expects expected".split()
)
_ESTIMATED = rx.compile(r"\b(?:an estimated|estimated|up to|as many as|possibly(?: up to)?)\s+$", re.I)
_ESTIMATE_WORDS = ("estimated", "up to", "as many as", "possibly")  # what an _ESTIMATED match ends with, bar spaces
_SPACES = rx.compile(r"\s+")
_HEDGED = rx.compile(r"\b(?:an estimated|estimated|up to|as many as|approximately|about|around|nearly|roughly|at least|more than|possibly)\s+$", re.I)


_DATELINE = rx.compile(r"^[A-Z][A-Z .,'’-]+(?:,\s*[A-Z][a-z]+)?(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z]+\))?\s*[-–—]\s*")
_CALENDAR_WORDS = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)


def _named_actor(sentence: str) -> bool:
    """A capitalised name among the first words (after a dateline): the sentence reports what a
    named person or body did, which is its own source."""
    body = _DATELINE.sub("", sentence, count=1)
    words = re.findall(r"[A-Za-z][\w’'-]*", body)[:8]
    return any(w[0].isupper() and w not in _CALENDAR_WORDS for w in words[1:])


class UnsourcedFigure(Rule):
    """An estimate stated with no source ("An estimated 40,000 children ...", "up to 12,000
    troops") in its sentence or paragraph, in an article that does source its other figures: the
    odd one out is the one an editor must check, and an estimate with no estimator is the likeliest
    to be invented or garbled.

    With ``report: all`` every unsourced statistic (a count, a percentage, a sum of money) is
    reported too, as info, and figures hedged with "about" or "more than" as warnings. That is off
    by default: on 1,000 generated wire stories it gave about one finding per article, mostly
    background figures (a city's population, the rates in a tax plan) that editors do not source.

    Bad:
        Unemployment fell to 4.1% in March, the statistics office said.
        Wages rose by 3.2%, according to the central bank.
        An estimated 12,000 jobs were lost in the car industry.
    Good:
        Unemployment fell to 4.1% in March, the statistics office said.
        Wages rose by 3.2%, according to the central bank.
        Some 12,000 jobs were lost in the car industry, the union said.
    """

    code = "NL505"
    name = "unsourced-figure"
    category = "attribution"
    severity = Severity.warning
    summary = "An estimate with no source, in an article that sources its other figures"
    options = {
        "report": Option(
            "estimates",
            "'estimates': figures given as estimates ('an estimated', 'up to', 'as many as'); "
            "'all': every unsourced statistic (info) and any hedged one (warning)",
            choices=("estimates", "all"),
        ),
    }

    lists = _declare(_PUBLIC_FIGURE_WORDS)

    def setup(self, ctx: Context) -> None:
        self.public = rx.compile(rf"\b(?:{_alt(ctx.list(_PUBLIC_FIGURE_WORDS))})\b", re.I)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose = doc.prose
        only_estimates = self.opts["report"] == "estimates"
        if only_estimates:
            low = lower_prose(doc)
            if not any(word in low for word in _ESTIMATE_WORDS):
                return
            if len(low) == len(prose) and not any(map(prose.__contains__, ODD_CASE)) and not _estimate_before_figure(prose, low):
                return  # no figure is given as an estimate: none can be reported
        if not _DIGIT.search(prose):
            return
        by_sentence: dict[int, list[re.Match]] = {}
        for m in _figures(prose):
            i = doc.sentence_index(m.start())
            if i < 0:
                continue
            line = doc.line_of(m.start())
            if line.kind in ("table", "label", "list", "heading", "code") or doc.in_quotation(m.start()) or _is_title(doc, m.start()):
                continue
            by_sentence.setdefault(i, []).append(m)
        if len(by_sentence) < 3:
            return
        sourced, unsourced = [], []
        public = self.public
        starts = word_table(doc).starts
        speech_at = [starts[k] for k in hits_of(doc, _SPEECH_KEYS)]  # sorted offsets
        cue_at = [starts[k] for k in hits_of(doc, _SOURCE_CUE_KEYS)]
        para_sourced: dict[tuple[int, int], bool] = {}
        for i in by_sentence:
            sent = doc.sentences[i]
            pi = doc.paragraph_index(sent.start)
            para = doc.paragraphs[pi] if pi >= 0 else sent
            key = (para.start, para.end)
            if key not in para_sourced:  # a speech verb anywhere in the paragraph (the sentence's included)
                para_sourced[key] = _any_in(speech_at, para.start, para.end) and (
                    _matches_at(_SPEECH, prose, speech_at, para.start, para.end)
                    or bool(_SPEECH.search(prose, para.start, para.end))
                )
            if para_sourced[key] or (
                _any_in(cue_at, sent.start, sent.end)
                and (
                    _matches_at(_SOURCE_CUE, prose, cue_at, sent.start, sent.end)
                    or _SOURCE_CUE.search(prose, sent.start, sent.end)
                )
            ):
                sourced.append(i)
            elif public.search(prose, sent.start, sent.end) or _named_actor(prose[sent.start : sent.end]):
                continue  # market data is public record; "The Bank of England kept its rate at 4.75%" is its own act
            else:
                unsourced.append(i)
        # only where the article's own convention is to source its figures
        if len(sourced) < 2 or len(sourced) < 2 * len(unsourced):
            return
        for i in unsourced:
            m = by_sentence[i][0]
            before = prose[max(0, m.start() - 25) : m.start()]
            if only_estimates:
                if not _ESTIMATED.search(before):
                    continue
                hedged = True
            else:
                hedged = bool(_HEDGED.search(before))
            yield self.finding(
                m.start(),
                m.end(),
                f"'{m.group()}' has no source here, though the article sources its other figures: say where it comes from",
                severity=Severity.warning if hedged else Severity.info,
            )


def _figures(prose: str) -> Iterator[re.Match]:
    """``_FIGURE.finditer(prose)``, tried only where a figure can start."""
    end = 0
    for c in _FIGURE_START.finditer(prose):
        if c.start() >= end:  # as with finditer, figures do not overlap
            m = _FIGURE.match(prose, c.start())
            if m:
                yield m
                end = m.end()


def _estimate_before_figure(prose: str, low: str) -> bool:
    """Whether one of the _ESTIMATE_WORDS stands before a figure, with whitespace between: what
    _ESTIMATED finds before every figure UnsourcedFigure reports as an estimate. ``low`` is
    ``prose.lower()`` with the same length, and the prose has none of the ODD_CASE letters, so
    each place where _ESTIMATED (IGNORECASE) matches one of the words has the word in ``low``."""
    for word in _ESTIMATE_WORDS:
        i = low.find(word)
        while i != -1:
            gap = _SPACES.match(prose, i + len(word))
            if gap and _FIGURE.match(prose, gap.end()):
                return True
            i = low.find(word, i + 1)
    return False


def _any_in(offsets: list[int], start: int, end: int) -> bool:
    """Whether a sorted list of offsets has one in [start, end)."""
    i = bisect.bisect_left(offsets, start)
    return i < len(offsets) and offsets[i] < end


def _outlets(who: str) -> set[str]:
    who = re.sub(r"\b(?:and|&)\b", ",", who)
    out = set()
    for part in who.split(","):
        name = part.strip().strip(".").strip()
        name = re.sub(r"^(?:the|www\.)\s*", "", name, flags=re.I)
        if name:
            out.add(name.lower())
    return out


def _lines_with(pattern: re.Pattern, text: str, char: str) -> list[re.Match]:
    """``pattern.finditer(text)`` for a whole-line pattern (``^...$``, re.M) that only matches lines
    holding ``char``: tried at the start of those lines only, found with ``str.find``."""
    found = []
    i = text.find(char)
    while i != -1:
        m = pattern.match(text, text.rfind("\n", 0, i) + 1)
        if m:
            found.append(m)
        end = text.find("\n", i)
        i = -1 if end == -1 else text.find(char, end)
    return found


class ConflictingCredits(Rule):
    """The article credits one outlet ("Credited from: BBC") and elsewhere sends the reader to
    different originals ("refer to the original articles from Reuters and AFP"). The reader cannot
    tell where the copy came from. One finding at the second place, pointing at the credit line.

    Bad:
        Credited from: BBC
        The minister resigned on Friday, the BBC reported.
        For more, refer to the original articles from Reuters and the Associated Press.
    Good:
        Credited from: BBC
        The minister resigned on Friday, the BBC reported.
        For more, refer to the original articles from the BBC.
    """

    code = "NL503"
    name = "conflicting-credits"
    category = "attribution"
    severity = Severity.warning
    summary = "The copy is credited to one outlet and sends readers to others"
    lists = _declare(_CREDIT_LABELS, _ORIGINAL_POINTERS)

    def setup(self, ctx: Context) -> None:
        L = ctx.list
        self.credit_line = rx.compile(
            rf"^[ \t]*(?P<label>{_alt(L(_CREDIT_LABELS))})[ \t]*:[ \t]*(?P<who>\S[^\n]*)$", re.I | re.M
        )
        self.pointer = rx.compile(rf"\b(?:{_alt(L(_ORIGINAL_POINTERS))})\s+(?P<who>[^\n.]+)", re.I)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        if ":" not in text:
            return
        p = self
        credit_lines = _lines_with(p.credit_line, text, ":")  # rare: cheaper to test first
        if not credit_lines:
            return
        low = text.lower()
        if not any(w in low for w in ("credit", "source", "courtesy", "via", "originally")):
            return
        credits = [(m.start("who"), m.end("who"), _outlets(m.group("who"))) for m in credit_lines]
        # a pointer names an outlet ("reporting by Reuters"); "coverage by local weeklies"
        # names none
        pointers = [
            (m.start("who"), m.end("who"), _outlets(m.group("who")))
            for m in p.pointer.finditer(doc.unwrapped)  # a list of outlets may wrap over a line break
            if re.search(r"[A-Z]", m.group("who"))
        ]
        others = credits[1:] + pointers
        first_start, first_end, first = credits[0]
        for start, end, outlets in others:
            if start == first_start or not outlets:
                continue
            if not (first & outlets) and not any(a in b or b in a for a in first for b in outlets):
                yield self.finding(
                    start,
                    end,
                    f"The copy is credited to {', '.join(sorted(first))} but this sends readers to "
                    f"{', '.join(sorted(outlets))}: say which outlet the text comes from",
                    related=[Related(first_start, first_end, "credited here")],
                )
                return


RULES = [VagueAttribution, AnonymousSource, ConflictingCredits, UnattributedQuotation, UnsourcedFigure]


# --- NL506: claims whose source is hidden -------------------------------------------------------
_AGENTLESS_PARTICIPLES = "attribution.agentless-participles"
_REACTION_VERBS = "attribution.reaction-verbs"
_REACTION_NOUNS = "attribution.reaction-nouns"
_REACTION_DEGREES = "attribution.reaction-degrees"
_RESEARCH_NOUNS = "attribution.research-nouns"
_RESEARCH_VERBS = "attribution.research-verbs"
_VAGUE_HEADS = "attribution.vague-source-heads"
_HYPE_WORDS = "attribution.hype-words"

_LISTS.update({
    _AGENTLESS_PARTICIPLES: WordList(
        "participles of a characterisation with nobody behind it ('is widely seen as', 'is being described as')", entry="phrase"
    ),
    _REACTION_VERBS: WordList("verbs that assert a reaction (sparked, drawn), as lemmas", entry="phrase"),
    _REACTION_NOUNS: WordList("the reactions asserted (debate, attention, backlash)", entry="word"),
    _REACTION_DEGREES: WordList("words that size a reaction nobody is shown having (considerable, widespread)", entry="word"),
    _RESEARCH_NOUNS: WordList("nouns of research that must be named (study, research, trends)", entry="word"),
    _RESEARCH_VERBS: WordList("what research is said to do (find, show, suggest), as lemmas", entry="phrase"),
    _VAGUE_HEADS: WordList("heads of a source phrase that name nobody ('according to industry trends', 'citing media')", entry="word"),
    _HYPE_WORDS: WordList("adjectives that sell a figure (astounding, whopping)", entry="word"),
})

# modifiers that place a source without naming its kind of body: "citing foreign media"
_PLACE_ONLY = frozenset({"foreign", "local", "regional", "international", "western"})
# determiners that point back to something already named: "the study", "this research"
_ANAPHORIC = frozenset("the this that these those its his her their our your such same".split())
_ANAPHORIC_RE = rx.compile(r"(?:\b(?:the|this|that|these|those|its|his|her|their|our|your|such|same)|’s|'s)\s+(?:[\w-]+\s+){0,2}$", re.I)
# a person's injuries or condition, which copy reports as "described as serious" (the police's
# or the hospital's wording, named elsewhere in the story)
_CONDITION_BEFORE = rx.compile(r"\b(?:injur(?:y|ies)|wounds?|condition)\s*,?\s*(?:(?:which|that)\s+)?$", re.I)
# a sentence whose subject is a named body: "The Met Office has issued ...", "Statistics Canada said"
_NAMED_BODY_OPENS = rx.compile(
    r"\s*(?:The\s+)?(?:[A-Z][\w&’'-]+\s+){0,4}(?:Office|Service|Agency|Authority|Bureau|Board|Commission|Council|"
    r"Institute|Department|Ministry|Bank|Fund|Administration|Centre|Center|Survey|Association|Federation|Statistics)"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w&’'-]+\s*){1,4})?\s+(?:has|have|had|said|says|issued|issues|expects|forecasts|predicts|warned|warns|published|reported)\b"
)
_AGENT_NAMED = rx.compile(r"\bby\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}[A-Z]")
# a number as a figure: 67%, $2.1 billion, 30 per cent, 4,000
_A_FIGURE = r"(?:[$€£¥]\s?\d[\d,.]*(?:\s*(?:million|billion|trillion|bn|m|mn)\b)?|\d[\d,.]*\s*(?:%|per\s?cent\b|percent\b)|\d[\d,.]*\s+(?:million|billion|trillion)\b|\d[\d,.]*)"
# a clause of a filing or contract pasted as prose: a defined term in parentheses ("(the “Merger Agreement”)")
_DEFINED_TERM = rx.compile(r"\((?:the\s+|each\s+a\s+|collectively\s+)?[“\"][A-Z][^”\"\n]{0,40}[”\"]\)")
_BLANK_LINE = rx.compile(r"\n[ \t]*\n")
_CUE_NEAR = rx.compile(r"\b(?:according to|said|says|stated|filed|filing|filings|statement|release|document|documents|agreement reads|reads)\b", re.I)


class UnsourcedClaim(Rule):
    """A claim whose source the copy hides or never had: a characterisation with nobody behind it
    ("is widely seen as", "is being described as", "has long been celebrated as"), a reaction
    nobody is shown having ("has sparked considerable debate", "drawing attention from investors
    worldwide"), research that is never named ("Research found", "Studies show", "Past trends
    suggest", "a study claimed", "published in a peer-reviewed journal"), a source phrase that names
    nobody ("according to industry trends", "citing foreign media"), a figure sold with a
    superlative ("an astounding 67%") or projected by nobody ("forecast to hit 40% by 2030"),
    and text pasted from a filing or contract (defined terms in parentheses) with no source.

    A named origin in the sentence (or, for research and reactions, the next) settles it: "a study
    by the University of Leeds", "published in Nature", "widely seen as a snub by diplomats in
    Paris", "The study, led by Ana Silva, ..." in the next sentence. "The research also found"
    refers back to research already named, and is not reported. A forecast counts as sourced when
    the forecaster is named or quoted in the sentences around it ("expected to reach 34C. The Met
    Office has issued a warning"), and a person's injuries or condition "described as serious" is
    the standard wording of police and hospital statements, not a hidden source.

    Bad:
        The decision, widely seen as a turning point for the club, was announced on Friday.
        ---
        Research found that two in three shoppers compare prices online.
        ---
        The proposal has sparked considerable debate in the region.
        ---
        According to industry trends, demand for heat pumps will double.
        ---
        Turnout reached an astounding 81% in the northern districts.
    Good:
        The decision, seen by the board as a turning point, was announced on Friday, chair Ana Silva said.
        ---
        Research by the University of Leeds found that two in three shoppers compare prices online.
        ---
        The proposal has sparked debate, with mayor Tom Reyes calling it rushed.
        ---
        According to the Heat Pump Association, demand will double.
        ---
        The cyclist was taken to hospital with leg injuries, which are described as serious.
        ---
        The research also found that most shoppers compare prices online.
    """

    code = "NL506"
    name = "unsourced-claim"
    category = "attribution"
    severity = Severity.warning
    summary = "A claim whose source is hidden: agentless, an unnamed study, a reaction nobody had"
    lists = {
        **_declare(
            _AGENTLESS_PARTICIPLES, _REACTION_VERBS, _REACTION_NOUNS, _REACTION_DEGREES, _RESEARCH_NOUNS,
            _RESEARCH_VERBS, _VAGUE_HEADS, _HYPE_WORDS, _COLLECTIVES, _INSTITUTIONAL,
        ),
    }

    def setup(self, ctx: Context) -> None:
        L = ctx.list
        parts = _alt_ws(L(_AGENTLESS_PARTICIPLES))
        self.agentless = rx.compile(
            rf"\b(?:(?:is|are|was|were|be|been|being|(?:has|have|had)\s+(?:(?:long|widely|often|always|generally|also)\s+)?been)\s+(?:(?:widely|generally|largely|long|often|increasingly|now|already|being|also)\s+){{0,2}}(?:{parts})"
            rf"|widely\s+(?:{parts}))\b",
            re.I,
        )
        nouns = _alt(L(_REACTION_NOUNS))
        collectives = _alt(L(_COLLECTIVES))
        self.reaction = rx.compile(
            rf"\b(?:{_alt_ws(verb_forms(L(_REACTION_VERBS)))})\s+(?:(?:a|an|the)\s+)?"
            rf"(?:(?P<degree>{_alt(L(_REACTION_DEGREES))})\s+(?:and\s+\w+\s+)?(?:[\w-]+\s+)?(?:{nouns})\b"
            rf"|(?:{nouns})\s+(?:from|among|of)\s+(?:(?:many|some|several|numerous|curious|eager|global|international|local|foreign)\s+)*(?:{collectives})\b)",
            re.I,
        )
        self.captivated = rx.compile(rf"\b(?:captivated|intrigued|fascinated|baffled|stunned|puzzled)\s+(?:(?:many|some|curious)\s+)?(?:{collectives})\b", re.I)
        rnouns = _alt(L(_RESEARCH_NOUNS))
        rverbs = _alt_ws(verb_forms(L(_RESEARCH_VERBS)))
        self.research = rx.compile(
            rf"(?<![\w’'-])(?P<subj>(?:(?:{'|'.join(_RESEARCH_MODIFIERS)}|\w+-based)\s+){{0,3}}(?:{rnouns}))"
            rf"(?:\s+(?:on|of|into|about|in|from|among|involving|across|with|for|conducted|carried|published)\s+(?:[^.;:!?\n]|\n(?![ \t]*\n)){{0,120}}?)?"
            rf"\s+(?:(?:have|has|had|also|consistently|repeatedly|now|already|even|clearly|often)\s+){{0,2}}(?P<verb>{rverbs})\b",
            re.I,
        )
        heads = _alt(L(_VAGUE_HEADS))
        self.vague_source = rx.compile(
            rf"\b(?P<lead>[Aa]ccording\s+to|[Cc]iting|[Cc]ited\s+by)\s+(?P<np>(?:(?!(?:the|this|that|these|those|its|his|her|their|our)\b)[a-z][\w-]*\s+){{0,3}}?)(?P<head>{heads})\b(?!\s+reports?\b)",
        )
        self.journal = rx.compile(r"\b(?:in|by)\s+(?:a|an|one)\s+(?:[\w-]+\s+){0,3}?journals?\b(?!\s*,?\s*(?:the\s+)?(?-i:[A-Z]))", re.I)
        self.hype = rx.compile(rf"\b(?:an?\s+)?(?:{_alt(L(_HYPE_WORDS))})\s+(?P<fig>{_A_FIGURE})", re.I)
        self.projection = rx.compile(
            rf"\b(?:projected|forecast|predicted|expected|estimated|set|poised|tipped)\s+to\s+(?:reach|hit|grow|rise|exceed|top|climb|surpass|"
            rf"fall|double|triple|increase|decline|drop|soar|balloon|jump)\s+(?:to\s+|by\s+)?(?:(?:about|around|nearly|almost|roughly|some|over|more\s+than|up\s+to)\s+)?"
            rf"(?P<fig>{_A_FIGURE})",
            re.I,
        )
        self.institutional = frozenset(str(x).lower() for x in L(_INSTITUTIONAL))
        self.keys = keys = {
            "agentless": frozenset(w.split()[0].lower() for w in L(_AGENTLESS_PARTICIPLES)) | {"widely"},
            "reaction": frozenset(f.split()[0].lower() for f in verb_forms(L(_REACTION_VERBS))),
            "captivated": frozenset("captivated intrigued fascinated baffled stunned puzzled".split()),
            "research": frozenset(str(x).lower() for x in L(_RESEARCH_NOUNS)),
            "vague_source": frozenset({"according", "citing", "cited"}),
            "journal": frozenset({"journal", "journals"}),
            "hype": frozenset(str(x).lower() for x in L(_HYPE_WORDS)),
            "projection": frozenset("projected forecast predicted expected estimated set poised tipped".split()),
        }
        for family, words in keys.items():
            keys[family] = add_keywords(words)
        # where _near may try the patterns at their keywords or at words only (see there): the
        # reaction verbs open their matches, and a research match opens with a word (a modifier
        # or a noun), as long as a pack's additions keep them so
        self.reaction_opens = 0 if all(map(_PLAIN_WORD.fullmatch, keys["reaction"])) else None
        # up to three modifiers before the noun, each one word or two ("evidence-based")
        self.research_opens = 6 if all(map(_PLAIN_WORD.fullmatch, keys["research"])) else None

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        vocab = word_table(doc).vocabulary
        prose = doc.prose
        taken: list[tuple[int, int]] = []

        def claim(m_start: int, m_end: int) -> bool:
            """A place worth reporting: prose of a sentence (not a title, code or quotation) not
            already reported."""
            if any(a < m_end and m_start < b for a, b in taken):
                return False
            line = doc.line_of(m_start)
            if line.kind in ("code", "table", "heading") or doc.in_quotation(m_start) or _is_title(doc, m_start):
                return False
            taken.append((m_start, m_end))
            return True

        def sentence(offset: int) -> tuple[int, int, int]:
            return _sentence(doc, offset)

        def neighbour(i: int, step: int) -> str:
            j = i + step
            if i < 0 or j < 0 or j >= len(doc.sentences):
                return ""
            return prose[doc.sentences[j].start : doc.sentences[j].end]

        def credited(i: int, s: int, e: int, m: re.Match) -> bool:
            blank = prose[s : m.start()] + " " * (m.end() - m.start()) + prose[m.end() : e]
            return names_source(blank) or _credited_elsewhere(prose, s, e, m)

        keys = self.keys
        if vocab & keys["agentless"]:
            for m in _near(doc, self.agentless, keys["agentless"], 40, 60):
                i, s, e = sentence(m.start())
                if _AGENT_NAMED.search(prose, m.end(), e) or credited(i, s, e, m):
                    continue
                if _CONDITION_BEFORE.search(prose, max(s, m.start() - 30), m.start()):
                    continue  # "injuries described as serious": a hospital's or police wording, standard in copy
                if claim(m.start(), m.end()):
                    yield self.finding(m.start(), m.end(), f"'{_squash(m.group())}': by whom? Name who sees it so, or say it in the copy's own voice with evidence")
        if vocab & keys["reaction"] or vocab & keys["captivated"]:
            found = list(_near(doc, self.reaction, keys["reaction"], 30, 160, self.reaction_opens)) if vocab & keys["reaction"] else []
            if vocab & keys["captivated"]:
                found += _near(doc, self.captivated, keys["captivated"], 10, 80, 0)
            for m in sorted(found, key=lambda m: m.start()):
                i, s, e = sentence(m.start())
                if credited(i, s, e, m) or names_source(neighbour(i, 1)):
                    continue
                if claim(m.start(), m.end()):
                    yield self.finding(m.start(), m.end(), f"'{_squash(m.group())}': whose reaction? Name or quote someone who reacted, or cut it")
        if vocab & keys["research"]:
            for m in _near(doc, self.research, keys["research"], 70, 220, self.research_opens, _RESEARCH_OPENERS):
                if _ANAPHORIC_RE.search(prose, max(0, m.start() - 40), m.start()):
                    continue  # "the study found": research named before
                before = re.findall(r"[\w-]+", prose[max(0, m.start() - 25) : m.start()])
                if before and before[-1].lower() in self.institutional:
                    continue  # "a police report said": a document of a named kind of body
                i, s, e = sentence(m.start())
                text = prose[s:e]
                if names_document(text) or names_document(neighbour(i, 1)) or credited(i, s, e, m):
                    continue
                if claim(m.start(), m.end()):
                    subj = _squash(m.group("subj"))
                    said = subj if m.end("subj") == m.start("verb") else f"{subj} … {_squash(prose[m.start('verb') - 1 : m.end()]).strip()}"
                    if m.end("subj") < m.start("verb") and len(_squash(m.group())) <= 60:
                        said = _squash(m.group())
                    yield self.finding(m.start(), m.end(), f"'{said}': which research? Name the study, its authors or where it was published")
        if vocab & keys["vague_source"]:
            for m in _near(doc, self.vague_source, keys["vague_source"], 10, 90):
                i, s, e = sentence(m.start())
                if names_document(prose[m.start() : e]) or re.search(r"[A-Z]", m.group("np")):
                    continue
                if any(w in self.institutional and w not in _PLACE_ONLY for w in m.group("np").lower().split()):
                    continue  # "according to a council report": a document of a named kind of body
                nxt = neighbour(i, 1)
                if m.group("head").lower() in keys["research"] and (names_document(nxt) or _RESEARCHERS_NAMED.search(nxt)):
                    continue  # a lede's "according to a three-year study", its authors named in the next sentence
                if claim(m.start(), m.end()):
                    yield self.finding(m.start(), m.end(), f"'{_squash(m.group())}' names no source: say which report, body or person")
        if vocab & keys["journal"]:
            for m in _near(doc, self.journal, keys["journal"], 60, 20):
                i, s, e = sentence(m.start())
                if names_document(prose[s:e]) and re.search(r"\bjournal\s+[A-Z]|\bin\s+(?:the\s+)?[A-Z]", prose[s:e]):
                    continue
                if claim(m.start(), m.end()):
                    yield self.finding(m.start(), m.end(), f"'{_squash(m.group())}': which journal? Name it (and the paper)")
        if vocab & keys["hype"] and _DIGIT.search(prose):
            for m in _near(doc, self.hype, keys["hype"], 20, 40):
                i, s, e = sentence(m.start())
                if credited(i, s, e, m) or names_source(neighbour(i, 1)) or _SOURCE_CUE.search(prose, s, e):
                    continue
                if claim(m.start(), m.end()):
                    yield self.finding(m.start(), m.end(), f"'{_squash(m.group())}': a figure sold as extraordinary with no source: say where it comes from")
        if vocab & keys["projection"] and _DIGIT.search(prose):
            for m in _near(doc, self.projection, keys["projection"], 20, 80):
                i, s, e = sentence(m.start())
                if credited(i, s, e, m) or any(names_source(neighbour(i, k)) for k in (-1, 1, 2)):
                    continue  # the forecaster named or quoted beside the figure
                if _NAMED_BODY_OPENS.match(neighbour(i, 1)):
                    continue  # "... expected to reach 34C. The Met Office has issued a warning"
                if re.search(r"\baccording to\b|\bforecasts?\s+(?:by|from)\b", prose[s:e], re.I):
                    continue
                if claim(m.start(), m.end()):
                    yield self.finding(m.start(), m.end(), f"'{_squash(m.group())}': projected by whom? Name the forecaster")
        if "(" in prose:
            yield from self._pasted_filing(doc, prose, claim)

    def _pasted_filing(self, doc: Document, prose: str, claim) -> Iterator[Finding]:
        """A paragraph with three or more defined terms ("(the “Merger Agreement”)") and no source."""
        # clusters of defined terms, each within 300 characters of the last and no blank line
        # between (a hard-wrapped clause may be cut into several paragraphs)
        clusters: list[list[re.Match]] = []
        for m in _DEFINED_TERM.finditer(prose):
            if clusters and m.start() - clusters[-1][-1].end() < 300 and not _BLANK_LINE.search(prose, clusters[-1][-1].end(), m.start()):
                clusters[-1].append(m)
            else:
                clusters.append([m])
        for ms in clusters:
            if len(ms) < 3:
                continue
            pi = doc.paragraph_index(ms[0].start())
            if pi < 0:
                continue
            start, end = doc.paragraphs[pi].start, ms[-1].end()
            text = prose[start:end]
            blank = _DEFINED_TERM.sub(lambda x: " " * len(x.group()), text)
            prev = prose[max(0, start - 200) : start]
            if _CUE_NEAR.search(blank) or _CUE_NEAR.search(prev):
                continue
            si = doc.sentence_index(start)
            first = doc.sentences[si] if si >= 0 else doc.paragraphs[pi]
            if claim(first.start, first.end):
                yield self.finding(
                    first.start,
                    first.end,
                    "Legal text with defined terms pasted as the copy's own words: quote it and name the filing or contract it comes from",
                    related=[Related(m.start(), m.end(), "defined term") for m in ms[1:3]],
                )


# the words that may come before a research noun in NL506's pattern (up to three, each one of
# these or a word before "-based"): the pattern is built from them, and _near tries it only at them
_RESEARCH_MODIFIERS = (
    "a", "an", "one", "new", "recent", "some", "several", "many", "numerous", "multiple", "past", "previous", "earlier",
    "current", "further", "other", "more", "independent", "scientific", "academic", "industry", "market", "emerging",
    "growing", "extensive", "latest", "various", "behavioral", "behavioural", "historical", "global", "international",
    "medical", "clinical",
)
_RESEARCH_OPENERS = frozenset(_RESEARCH_MODIFIERS)


def _near(
    doc: Document, pattern: re.Pattern, keys: frozenset[str], before: int, after: int, opens: int | None = None,
    openers: frozenset[str] | None = None,
) -> list[re.Match]:
    """The pattern's matches around the words ``keys`` (from ``before`` characters before each to
    ``after`` after it), as ``finditer`` over the text finds them where every match holds a key.

    ``opens``, for a pattern built so (the caller checks that the lists it was built from keep it
    so): every match holds a key as a whole word of the word table (a plain word, whitespace
    after it) and opens at the start of that word or of one of the ``opens`` words before it, or
    right after an apostrophe (where ``\b`` holds but the word table joins the words). The
    pattern is then tried only there, which is much cheaper than a search of every position of
    the windows, and finds the same matches. ``openers``: the only words before a key that a
    match may open at (besides the keys, and a word with "-" right after it, "evidence-based");
    the other words before a key are then not tried."""
    t = word_table(doc)
    idx = hits_of(doc, keys)  # registered in setup: a look-up in the shared keyword index
    prose = doc.prose
    found: list[re.Match] = []
    end = 0
    # overlapping windows are merged: a key opens a new one where it starts more than before +
    # after characters past the end of the one before (the ends grow with the indexes), in C
    at = list(map(t.starts.__getitem__, idx))
    to = list(map(t.ends.__getitem__, idx))
    firsts = [0, *compress(count(1), map(gt, map(sub, islice(at, 1, None), to), repeat(before + after)))] if at else []
    windows = [[max(0, at[a] - before), to[b - 1] + after] for a, b in zip(firsts, [*firsts[1:], len(at)])]
    # an underscore is a word character that the word table splits words at, and an odd letter
    # (İ, ı, ſ) matches an ASCII one in the pattern but not in the word table: search there
    if opens is None or "_" in prose or any(map(prose.__contains__, ODD_CASE)):
        for lo, hi in windows:
            for m in pattern.finditer(prose, max(lo, end), hi):
                found.append(m)
                end = m.end()
        return found
    starts = t.starts
    if opens and openers is not None:
        words, ends, n = t.words, t.ends, len(prose)
        at = sorted({
            starts[j] for i in idx for j in range(max(0, i - opens), i + 1)
            if words[j] in openers or words[j] in keys or ends[j] < n and prose[ends[j]] == "-"
        })
    elif opens:
        at = sorted({starts[j] for i in idx for j in range(max(0, i - opens), i + 1)})
    else:
        at = [starts[i] for i in idx]
    match = pattern.match
    for lo, hi in windows:
        lo = max(lo, end)
        k = bisect.bisect_left(at, lo)
        places = at[k : bisect.bisect_left(at, hi, k)]
        joined = False
        for q in "'’":
            j = prose.find(q, max(0, lo - 1), hi - 1)
            while j != -1:
                places.append(j + 1)
                joined = True
                j = prose.find(q, j + 1, hi - 1)
        if joined:
            places.sort()
        for c in places:
            if c >= end:
                m = match(prose, c, hi)
                if m:
                    found.append(m)
                    end = m.end()
    return found


def _squash(text: str) -> str:
    return " ".join(text.split())


RULES.append(UnsourcedClaim)
