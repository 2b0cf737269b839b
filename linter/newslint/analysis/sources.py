"""Sourcing evidence: is a claim tied to a named source?

The sourcing rules (NL5xx) decide from evidence in the text, never from a list of names: a proper
name of a person, organisation or document in a source's place ("according to the Health
Ministry", "Ana Silva said", "said Ana Silva", "a study by the University of Leeds", "published
in Nature", "a Pew survey"), in the sentence or the next. A name that is only the topic of the
claim ("investors are weighing Joe Biden's chances") is not a source.

Verb lists are written as lemmas ("caution", "point to", "remain optimistic"); :func:`verb_forms`
inflects the first word of each entry (lemminflect, offline) so that a pack adds a verb once.
"""
from __future__ import annotations

import json
import os
import re
from typing import Iterable

from .. import rx

__all__ = ["verb_forms", "noun_forms", "singular", "common_plural", "common_word", "names_source", "names_document", "capitalised_names", "CALENDAR"]

CALENDAR = frozenset(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)

# capitalised words that open a sentence or a clause without naming anyone
_NOT_NAMES = frozenset(
    """The A An This That These Those It Its In On At But And However Moreover Furthermore Meanwhile
    Recently Some Many Most All Both Each Several Other Others Few Such As If While When After Before
    Since Last Earlier Later Still Yet So For With From By Of To According There Here They We He She
    I You Our Their His Her What Who Why How One Two Three No Not Researchers Scientists Experts
    Analysts Officials Studies Research Reports Sources Critics Observers Economists""".split()
) | CALENDAR

_CAP_WORD = rx.compile(r"(?<![\w’'-])(?:[A-Z][\w’'&.-]*[\w]|[A-Z])(?![\w’'-])")
_SPEECH_VERB = (
    r"(?:said|says|say|told|tells|wrote|writes|stated|states|confirmed|announced|added|adds|noted|notes|"
    r"explained|explains|argued|argues|warned|warns|reported|reports|estimated|estimates|found|finds|"
    r"testified|tweeted|posted|acknowledged|insisted|cautioned|predicted|predicts|expects|expected)"
)
# a capitalised name, then (within three words) a speech verb: "Ana Silva said", "the Bank of
# England said", "NASA estimates", "Silva, a strategist at Arden, said"
_NAME_THEN_VERB = rx.compile(
    rf"(?P<name>(?<![\w’'-])[A-Z][\w’'&.-]*\w(?:\s+(?:of\s+|for\s+|the\s+|and\s+|&\s+)?[A-Z][\w’'&.-]*\w)*)"
    rf"(?:,[^,.;]{{0,80}},)?\s+(?:(?:also|later|previously|has|have|had)\s+)?{_SPEECH_VERB}\b"
)
# a speech verb, then a capitalised name: "said Ana Silva", "told Reuters"
_VERB_THEN_NAME = rx.compile(rf"\b{_SPEECH_VERB}\s+(?:the\s+)?(?P<name>[A-Z][\w’'&.-]*\w)")
# "according to the Health Ministry", "according to Silva", "citing the Treasury"
_ACCORDING_NAME = rx.compile(r"\b(?:according\s+to|citing|cited\s+by|per)\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,3}?(?P<name>[A-Z][\w’'&.-]*\w)")
# a document or body named as the origin of research: "a study by the University of Leeds",
# "published in Nature", "a Pew survey", "researchers at Oxford", "(Smith et al., 2021)"
_RESEARCH_NOUNS = (
    r"(?:stud(?:y|ies)|surveys?|reports?|research|analys[ie]s|polls?|papers?|reviews?|data|findings|trials?|"
    r"experiments?|researchers?|scientists?|team|group|authors?|experts?|analysts?|economists?|astronomers?)"
)
_DOCUMENT_NAMED = rx.compile(
    rf"\b{_RESEARCH_NOUNS}(?:,)?\s+(?:[\w-]+\s+){{0,2}}?(?:by|from|at|of|with|led\s+by|conducted\s+by|"
    r"commissioned\s+by|carried\s+out\s+by|funded\s+by)\s+(?:the\s+)?(?P<name>[A-Z][\w’'&.-]*\w)"
    r"|\b(?:published|appeared|appearing|reported)\s+(?:(?:on\s+\w+\s+)?in|by)\s+(?:the\s+)?(?:journal\s+)?(?P<journal>[A-Z][\w’'&.-]*\w)"
    r"|\bjournal\s+(?P<title>[A-Z][\w’'&.-]*\w)"
    rf"|(?P<owner>[A-Z][\w’'&.-]*\w)(?:’s|'s)?\s+(?:[\w-]+\s+)?{_RESEARCH_NOUNS}\b"
    r"|\bet\s+al\b"
)


def _is_name(word: str) -> bool:
    w = word.rstrip(".")
    return bool(w) and w not in _NOT_NAMES and not w.isdigit()


def capitalised_names(text: str, skip_first: bool = True) -> list[re.Match]:
    """Capitalised words of ``text`` that can be names: not the opening word of the text (or of a
    sentence inside it), not calendar words or capitalised function words."""
    out = []
    for m in _CAP_WORD.finditer(text):
        if not _is_name(m.group()):
            continue
        if skip_first:
            before = text[: m.start()].rstrip()
            if not before or before[-1] in ".!?:;\"“”‘’'(\n—–-":
                continue
        out.append(m)
    return out


def names_source(text: str) -> bool:
    """Whether ``text`` credits something to a named person, body or document: "Ana Silva said",
    "said the Treasury", "according to the Health Ministry", "citing Reuters"."""
    for m in _ACCORDING_NAME.finditer(text):
        if _is_name(m.group("name")):
            return True
    for m in _NAME_THEN_VERB.finditer(text):
        words = [w for w in m.group("name").split() if w[:1].isupper()]
        if len(words) == 1 and _opens(text, m.start()) and common_plural(words[0]):
            continue  # "Strategists say": a sentence-initial common noun, not a name
        if any(_is_name(w) for w in words):
            return True
    for m in _VERB_THEN_NAME.finditer(text):
        if _is_name(m.group("name")):
            return True
    return False


def names_document(text: str) -> bool:
    """Whether ``text`` names the study, report or body behind a piece of research: "by the
    University of Leeds", "published in Nature", "a Pew survey", "Smith et al."."""
    for m in _DOCUMENT_NAMED.finditer(text):
        name = m.group("name") or m.group("journal") or m.group("title") or m.group("owner")
        if name is None or (_is_name(name) and not (m.group("owner") and _opens(text, m.start()))):
            return True
    return False


def _opens(text: str, i: int) -> bool:
    """Whether offset i opens the text or a sentence in it (a capital there proves nothing)."""
    before = text[:i].rstrip()
    return not before or before[-1] in ".!?:;\"“”‘’'(\n—–-"


def common_plural(word: str) -> bool:
    """A plural common noun of the dictionary ("Strategists", "Troopers"): capitalised at the head of
    a sentence, it names nobody ("Reuters" is no plural the dictionary knows)."""
    low = word.lower()
    if not low.endswith("s") or not low.isalpha():
        return False
    nouns = _inflections()
    if nouns is None:  # pragma: no cover
        return False
    for cand in {low[:-1], low[:-2], low[:-3] + "y"}:
        if low in nouns(cand, upos="NOUN").get("NNS", ()):
            return True
    return False


def _inflections():
    """lemminflect's inflection look-up (imported on first use: it costs a quarter second)."""
    try:
        import lemminflect
    except ImportError:  # pragma: no cover
        return None
    return lemminflect.getAllInflections


# --- inflection ------------------------------------------------------------------------------
def _regular_verb_forms(lemma: str) -> set[str]:
    """A regular verb's forms, for when lemminflect is not installed."""
    if lemma.endswith("e"):
        stem = lemma[:-1]
        return {lemma, lemma + "s", stem + "ed", stem + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    return {lemma, lemma + "s", lemma + "ed", lemma + "ing"}


def _lemma_forms(lemma: str, upos: str) -> set[str]:
    try:
        import lemminflect
    except ImportError:  # pragma: no cover - lemminflect is a dependency
        return _regular_verb_forms(lemma) if upos == "VERB" else {lemma, lemma + "s"}
    forms = {lemma}
    # the dictionary knows irregular forms ("seen"); rules only for words it lacks ("sayed" is not a
    # form), and none for a form of another word ("are", "were": not "aring", "wered")
    table = lemminflect.getAllInflections(lemma, upos=upos)
    if not table:
        lemmas = lemminflect.getAllLemmas(lemma, upos=upos).get(upos, ())
        if lemmas and lemma not in lemmas:
            return forms
        table = lemminflect.getAllInflectionsOOV(lemma, upos=upos)
    for fs in table.values():
        forms.update(fs)
    return forms


def verb_forms(entries: Iterable[str]) -> list[str]:
    """:func:`inflect_verbs`, kept in newslint's cache directory (keyed by the entries and the
    versions that shape results, lemminflect's among them): a warm start does not load the
    inflection tables."""
    from .. import dirs

    entries = [str(e) for e in entries]
    folder = dirs.private_dir("verb-forms")
    if folder is None:  # no usable cache directory: work it out each time
        return inflect_verbs(entries)
    key = dirs.digest(f"{_FORMS_LAYOUT}\n" + "\n".join(entries) + "\n" + dirs.versions())
    path = os.path.join(folder, f"{key}.json")
    body = dirs.read_sealed(path)
    if body is not None:
        try:
            return json.loads(bytes(body))
        except ValueError:
            pass
    forms = inflect_verbs(entries)
    if dirs.write_private(path, dirs.seal(json.dumps(forms).encode("utf-8"))):
        dirs.evict(folder, ".json", KEEP_VERB_FORMS)
    return forms


#: verb-form tables kept (one per configuration's lists and versions)
KEEP_VERB_FORMS = 16
#: how verb forms are worked out, in their cache key: raised when the forms of an entry change
_FORMS_LAYOUT = 2


def inflect_verbs(entries: Iterable[str]) -> list[str]:
    """Every entry with its first word in each verb form: "point to" -> "points to", "pointed to",
    "pointing to"; "remain optimistic" -> "remains optimistic", ... Entries are lemmas; a form
    given in a list is kept as it is."""
    return _inflect(entries, "VERB", last=False)


def noun_forms(entries: Iterable[str]) -> list[str]:
    """Each noun entry with its singular and plural (the last word inflected)."""
    return _inflect(entries, "NOUN", last=True)


def _inflect(entries: Iterable[str], upos: str, last: bool) -> list[str]:
    """Each entry, and the entry with its first (or last) word in each of its forms, sorted."""
    out: set[str] = set()
    for entry in entries:
        entry = str(entry).strip()
        if last:
            head, _, word = entry.rpartition(" ")
            out.update(f"{head} {form}" if head else form for form in _lemma_forms(word.lower(), upos))
        else:
            word, _, rest = entry.partition(" ")
            out.update(f"{form} {rest}" if rest else form for form in _lemma_forms(word.lower(), upos))
        out.add(entry)
    return sorted(out)


def singular(noun: str) -> str:
    """The singular of a plural noun ("analysts" -> "analyst", "authorities" -> "authority")."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


def common_word(word: str) -> bool:
    """A word the dictionary knows as a common noun or adjective ("Market", "Military"): at the head
    of a sentence, its capital names nobody. Acronyms and words it lacks ("Seoul", "NIS") are left as
    possible names."""
    if not word.isalpha() or word.isupper():
        return False
    look = _inflections()
    if look is None:  # pragma: no cover
        return False
    low = word.lower()
    return bool(look(low, upos="NOUN") or look(low, upos="ADJ"))
