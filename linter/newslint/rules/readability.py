"""Rule family: readability (NL300-NL399): reading ease and sentence and paragraph length.

Scores are textstat's Flesch formulas with textstat's English constants (``get_lang_cfg``;
textstat is pinned to 0.7.8, the last release that works offline):

* Flesch reading ease = 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words)
* Flesch-Kincaid grade = 0.39 x (words / sentences) + 11.8 x (syllables / words) - 15.59

but not textstat's syllable counter. ``textstat.flesch_reading_ease`` looks every word up in the
CMU pronouncing dictionary, which takes about 0.8 s to load on the first call; its other source,
the Pyphen hyphenation dictionary, loads in 40 ms but costs about 50 µs a word (some 2 s for
the distinct words of 1,000 articles) and undercounts by 7% (hyphenation never splits off one
letter: "over", "able"). So syllables are counted here by vowel groups with corrections for
silent e and for vowel pairs said as two syllables, about 1 µs a word and cached; on the
seeds and fixtures the total is within 1% of textstat's CMU count (tests/test_readability.py
checks it against textstat). Sentences come from the Document's abbreviation-aware splitter.
Nothing is loaded from the network. The English constants are copied below (importing textstat
costs about 24 ms, a tenth of a one-article run); tests/test_readability.py checks them against
textstat's ``get_lang_cfg("en", ...)`` so a textstat upgrade that changes them is noticed.

The scores land in ``doc.stats`` (``flesch_reading_ease``, ``flesch_kincaid_grade``,
``words``, ``sentences``, ``syllables``), shown by ``--statistics`` and in the JSON summary.
All findings are informational.
"""
from __future__ import annotations

from typing import Callable, Iterator

from .. import rx
from ..document import Document
from ..finding import Finding, Related, Severity
from ..rule import Context, Option, Rule

#: a word as textstat counts it: a whitespace token with a letter or digit (high-stakes,
#: Zelensky’s, 2,700 are one word each; a dash is none)
_HAS_ALNUM = rx.compile(r"[^\W_]")
_TOKEN = rx.compile(r"[^\s\w]*[^\W_]\S*")
_SYLLABLE_PART = rx.compile(r"[^\W\d_]+")
_BODY_KINDS = ("text", "quote", "label", "list")

_syllable_fn: Callable[[str], int] | None = None
#: textstat 0.7.8's ``get_lang_cfg("en", key)`` for the Flesch reading-ease formula
FLESCH_EN: dict[str, float] = {"fre_base": 206.835, "fre_sentence_length": 1.015, "fre_syll_per_word": 84.6}
_constants: dict[str, float] = dict(FLESCH_EN)

_VOWELS = rx.compile(r"[aeiouy]+")
_SILENT_E = rx.compile(r"[^aeiouy]e(?:s|d|ment|ments|ly|ness|ful|less)?$")
_SOUNDED_E = rx.compile(r"(?:[cgsxz]|ch|sh)es$|[td]ed$|[^aeiouy]les?$|[^aeiouyl]led$")
#: vowel pairs said as two syllables: cre-ate, vi-deo, Ko-re-a, so-ci-et-y, qui-et
_HIATUS = rx.compile(
    r"[aeo]i(?=[aeiou])|ia(?!n?$)|(?<![cgstl])i[ao](?!u)|(?<!p)eo|uo|ua(?!r)|iu|(?<=[a-z]{3})ea(?=ns?$|$)"
    r"|ie(?=t|r$)|oe(?!s?$)|uee|uie"
)


def _count(word: str) -> int:
    n = 0
    for part in _SYLLABLE_PART.findall(word.lower()):
        k = len(_VOWELS.findall(part))
        if k > 1 and _SILENT_E.search(part) and not _SOUNDED_E.search(part) and not part.endswith(("ee", "ye")):
            k -= 1
        k += len(_HIATUS.findall(part))
        n += max(1, k)
    return n or 1  # a number reads as one unit, as in textstat


def _load() -> Callable[[str], int]:
    """A cached syllable counter, set up once per process."""
    global _syllable_fn
    if _syllable_fn is None:
        cache: dict[str, int] = {}

        def syllables(word: str) -> int:
            try:
                return cache[word]
            except KeyError:
                n = _count(word)
                if len(cache) < 200_000:
                    cache[word] = n
                return n

        _syllable_fn = syllables
    return _syllable_fn


def syllable_count(word: str) -> int:
    return _load()(word)


def body_sentences(doc: Document) -> list[tuple[int, int]]:
    """(start, end) of each sentence in body paragraphs (not headings, tables, code)."""

    def compute(d: Document) -> list[tuple[int, int]]:
        body = _body_paragraphs(d)
        out = []
        j = 0
        nb = len(body)
        for s in d.sentences:
            while j < nb and body[j][1] < s.start:
                j += 1
            if j == nb:
                break
            if body[j][0] <= s.start:
                out.append((s.start, s.end))
        return out

    return doc.memo("readability.sentences", compute)


def word_count(doc: Document, start: int, end: int, limit: int) -> int:
    """Words in prose[start:end] when there may be more than ``limit``, else an upper bound.
    Words are whitespace-separated tokens holding a letter or digit (URLs and code are blanked
    in ``prose``). Counting spaces first is an upper bound that spares the regex almost always."""
    prose = doc.prose
    bound = prose.count(" ", start, end) + prose.count("\n", start, end) + 1
    if bound <= limit:
        return bound
    return len(_TOKEN.findall(prose, start, end))


def _body_paragraphs(doc: Document) -> list[tuple[int, int]]:
    return doc.memo(
        "readability.body",
        lambda d: [(p.start, p.end) for p in d.paragraphs if p.kind in _BODY_KINDS],
    )


def _body_runs(doc: Document) -> list[tuple[int, int]]:
    """The body paragraphs with neighbours joined when only spaces and newlines lie between
    them: splitting a run on whitespace gives the same tokens as splitting each paragraph, in
    one call instead of one per paragraph."""
    prose = doc.prose
    runs: list[tuple[int, int]] = []
    for start, end in _body_paragraphs(doc):
        if runs and prose[runs[-1][1] : start].isspace():
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def reading_scores(doc: Document) -> dict[str, float | int]:
    """Flesch reading ease and Flesch-Kincaid grade of the article's body text."""

    def compute(d: Document) -> dict[str, float | int]:
        n_sent = len(body_sentences(d))
        prose = d.prose
        tokens: list[str] = []
        for start, end in _body_runs(d):
            tokens += prose[start:end].split()
        if not tokens or not n_sent:
            return {"words": 0, "sentences": n_sent}
        _load()
        cache = _token_cache
        vals = list(map(cache.get, tokens))  # C-level look-ups: this is the hot path
        if None in vals:
            for i, tok in enumerate(tokens):
                if vals[i] is None:
                    vals[i] = v = cache.get(tok)
                    if v is None:
                        vals[i] = v = _token_syllables(tok)
                        if len(cache) < 200_000:
                            cache[tok] = v
        n_syl = sum(vals)
        n_words = len(vals) - vals.count(0)  # a token without a letter or digit is no word
        if not n_words:
            return {"words": 0, "sentences": n_sent}
        wps = n_words / n_sent
        spw = n_syl / n_words
        c = _constants
        fre = c["fre_base"] - c["fre_sentence_length"] * wps - c["fre_syll_per_word"] * spw
        fk = 0.39 * wps + 11.8 * spw - 15.59
        return {
            "words": n_words,
            "sentences": n_sent,
            "syllables": n_syl,
            "flesch_reading_ease": round(fre, 1),
            "flesch_kincaid_grade": round(fk, 1),
        }

    return doc.memo("readability.scores", compute)


#: whitespace token -> syllables, 0 for a token that is not a word ("—", "|")
_token_cache: dict[str, int] = {}


def _token_syllables(token: str) -> int:
    """A token as textstat counts words: it is one when it holds a letter or digit."""
    if not _HAS_ALNUM.search(token):
        return 0
    return _count(token)


class ReadingEase(Rule):
    """Per-article Flesch reading ease and Flesch-Kincaid grade, stored in the document's
    statistics (``--statistics``, JSON summary). An article of at least ``min-words`` words
    whose reading ease falls below ``min-reading-ease`` is reported once, at its first
    sentence. The default, 25, lies inside Flesch's "very difficult" band (0-30), text
    read like an academic paper; wire copy usually scores 40-60, dense political copy 30-45.

    Bad:
        Notwithstanding considerable institutional disagreement regarding the methodological appropriateness of comparative evaluations, governmental representatives characterised the international negotiations as extraordinarily consequential, unprecedentedly complicated and fundamentally transformational. Parliamentary commentators, diplomatic intermediaries and constitutional authorities reiterated that the contemporaneous implementation of retaliatory administrative restrictions represented an unjustifiable escalation. Consequently, multinational organisations anticipated considerable reputational deterioration, infrastructural vulnerability and macroeconomic instability throughout the subsequent legislative deliberations. Governmental spokespeople emphasised that interdepartmental coordination remained indispensable, notwithstanding unavoidable bureaucratic complications, jurisdictional ambiguities and considerable organisational inefficiencies affecting international humanitarian operations.
    Good:
        The talks ended on Monday. Both sides said they would meet again next week. Officials in Kyiv said the first prisoners could be freed by the end of the month.
    """

    code = "NL300"
    name = "reading-ease"
    category = "readability"
    severity = Severity.info
    summary = "Article reading ease (Flesch) far below news style"
    options = {
        "min-reading-ease": Option(25.0, "report an article whose Flesch reading ease is below this", type=float, min=-200, max=120),
        "min-words": Option(60, "only score articles with at least this many words", min=1),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        scores = reading_scores(doc)
        doc.stats.update(scores)
        fre = scores.get("flesch_reading_ease")
        if fre is None or scores["words"] < self.opts["min-words"]:
            return
        if fre < self.opts["min-reading-ease"]:
            first = body_sentences(doc)[0]
            yield self.finding(
                first[0],
                first[1],
                f"The article is very hard to read: Flesch reading ease {fre:g} (grade {scores['flesch_kincaid_grade']:g}); "
                f"news copy usually scores 40-60. Use shorter sentences and plainer words",
            )


class LongSentence(Rule):
    """A sentence far longer than news style allows. Wire guides ask for sentences of about
    20-25 words on average and ledes of at most 35-40; the default, 45 words, is past any of
    those, so only a sentence that really needs splitting is reported. Headings, tables and
    code are not counted.

    Bad:
        The proposal, which officials in Kyiv described on Sunday as a humanitarian gesture rather than a bargaining chip, would see the two wounded soldiers handed over to Pyongyang in exchange for Ukrainian prisoners held in Russia, although neither Moscow nor Pyongyang has acknowledged that North Korean troops are fighting in the Kursk region at all.
    Good:
        The proposal would see the two wounded soldiers handed over to Pyongyang in exchange for Ukrainian prisoners held in Russia. Neither Moscow nor Pyongyang has acknowledged that North Korean troops are fighting in the Kursk region.
    """

    code = "NL301"
    name = "long-sentence"
    category = "readability"
    severity = Severity.info
    summary = "A sentence far longer than news style allows"
    options = {"max-words": Option(45, "report sentences with more words than this", min=5)}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        limit = self.opts["max-words"]
        for start, end in body_sentences(doc):
            n = word_count(doc, start, end, limit)
            if n > limit:
                yield self.finding(start, end, f"Sentence of {n} words (news style: at most {limit}); consider splitting it")


class LongParagraph(Rule):
    """A paragraph far longer than news style allows. News paragraphs are short: one to three
    sentences and 25-70 words in wire copy, because readers scan them on narrow screens. The
    defaults report a paragraph of more than 120 words or more than 5 sentences, about twice
    the usual size. Reported at the paragraph's first sentence, with its last as related location.

    Bad:
        Ukraine said on Sunday it was ready to exchange two captured North Korean soldiers. The offer came a day after it announced their capture. Officials said both men were wounded. One was held in a bunk bed. The other was sitting up with a bandaged jaw. Seoul confirmed the capture. Moscow did not comment.
    Good:
        Ukraine said on Sunday it was ready to exchange two captured North Korean soldiers. The offer came a day after it announced their capture.

        Seoul confirmed the capture. Moscow did not comment.
    """

    code = "NL302"
    name = "long-paragraph"
    category = "readability"
    severity = Severity.info
    summary = "A paragraph far longer than news style allows"
    options = {
        "max-words": Option(120, "report paragraphs with more words than this", min=10),
        "max-sentences": Option(5, "report paragraphs with more sentences than this", min=1),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        max_words, max_sent = self.opts["max-words"], self.opts["max-sentences"]
        groups: dict[int, list[tuple[int, int]]] = {}
        for s in body_sentences(doc):
            groups.setdefault(doc.paragraph_index(s[0]), []).append(s)
        for pi, sents in groups.items():
            if pi < 0:
                continue
            first, last = sents[0], sents[-1]
            words = word_count(doc, first[0], last[1], max_words)
            if words > max_words or len(sents) > max_sent:
                yield self.finding(
                    first[0],
                    first[1],
                    f"Paragraph of {len(sents)} sentences and {words if words > max_words else 'up to ' + str(words)} words "
                    f"(news style: at most {max_sent} sentences and {max_words} words); consider breaking it up",
                    related=[Related(last[0], last[1], "the paragraph ends here")] if len(sents) > 1 else [],
                )


RULES: list = [ReadingEase, LongSentence, LongParagraph]
