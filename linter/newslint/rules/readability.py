"""Rule family: readability (NL300-NL399): reading ease and sentence and paragraph length.

The measures (textstat's Flesch formulas with its English constants, a fast syllable counter,
the sentences of body paragraphs) are computed in :mod:`newslint.analysis.readability`. The
scores land in ``doc.stats`` (``flesch_reading_ease``, ``flesch_kincaid_grade``, ``words``,
``sentences``, ``syllables``), shown by ``--statistics`` and in the JSON summary. All findings
are informational.
"""
from __future__ import annotations

from typing import Iterator

from ..analysis.readability import body_sentences, reading_scores, word_count
from ..document import Document
from ..finding import Finding, Related, Severity
from ..rule import Context, Option, Rule


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
            # words are separated by spaces: a sentence of 2 * limit characters or fewer holds at
            # most limit words (the count is not needed then)
            if end - start <= 2 * limit:
                continue
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
            if len(sents) <= max_sent and last[1] - first[0] <= 2 * max_words:
                continue  # at most max_words words (see LongSentence): nothing to report
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
