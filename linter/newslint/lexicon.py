"""The offline English lexicon: en-US and en-GB words with frequencies.

Source: the word-frequency list shipped inside the PyPI package ``pyspellchecker``
(``spellchecker/resources/en.json.gz``, ~160k lower-case words). Nothing is downloaded.
That list is US-centric, so British spellings are added by folding rules applied to the US
forms it knows (``-ize``/``-ise``, ``-yze``/``-yse``, ``-or``/``-our``, ``-er``/``-re``,
``-og``/``-ogue``, ``-ense``/``-ence``, doubled ``l``, ``ae``/``oe`` and single words such as
programme, grey, tyre, cheque, jewellery...). Over-generating a few non-words is harmless
(it only hides a typo that happens to look like a British spelling); missing a British form
would be a false alarm, which is worse.

The compiled lexicon (a frozenset of words and a dict of the common words' frequencies) is
cached as plain text in ``lexicon/`` under newslint's cache directory (see :mod:`newslint.dirs`),
keyed by the versions of newslint and the libraries that shape results (pyspellchecker's among
them) and of the folding rules; the newest few builds are kept. A warm load takes ~15 ms; a cold
build ~0.5 s. When the cache directory is not writable the lexicon is built in memory.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from . import rx

#: bump when the folding rules change (part of the cache key)
LEXICON_VERSION = "3"
#: frequency (in pyspellchecker's counts) at or above which a word is "common": ~top 20k words
COMMON_FREQ = 900

# --- en-GB folding -------------------------------------------------------------------------
# substring pairs (US, GB) applied to every lexicon word that contains the US stem
_STEMS = [
    # -our
    *[(s + "or", s + "our") for s in (
        "col", "hon", "fav", "lab", "neighb", "hum", "rum", "behavi", "harb", "vap", "flav",
        "savi", "endeav", "arm", "val", "vig", "rig", "od", "tum", "clam", "cand", "parl",
        "splend", "ard", "ferv", "demean", "glam", "sav", "rancor", "arb", "succ")],
    ("rancor", "rancour"), ("arbor", "arbour"), ("succor", "succour"),
    # -re
    ("center", "centre"), ("theater", "theatre"), ("meter", "metre"), ("liter", "litre"),
    ("fiber", "fibre"), ("caliber", "calibre"), ("saber", "sabre"), ("somber", "sombre"),
    ("specter", "spectre"), ("meager", "meagre"), ("maneuver", "manoeuvre"), ("luster", "lustre"),
    ("sepulcher", "sepulchre"), ("miter", "mitre"), ("ocher", "ochre"), ("louver", "louvre"),
    ("centered", "centred"), ("centering", "centring"), ("maneuvered", "manoeuvred"),
    ("maneuvering", "manoeuvring"),
    # -ogue
    ("catalog", "catalogue"), ("dialog", "dialogue"), ("analog", "analogue"), ("prolog", "prologue"),
    ("epilog", "epilogue"), ("monolog", "monologue"), ("travelog", "travelogue"),
    # -ence
    ("defense", "defence"), ("offense", "offence"), ("license", "licence"), ("pretense", "pretence"),
    # ae / oe
    ("anemi", "anaemi"), ("pediatric", "paediatric"), ("encyclopedi", "encyclopaedi"),
    ("archeolog", "archaeolog"), ("leukemi", "leukaemi"), ("hemorrh", "haemorrh"),
    ("anesthe", "anaesthe"), ("estrogen", "oestrogen"), ("esophag", "oesophag"), ("diarrhea", "diarrhoea"), ("orthopedic", "orthopaedic"),
    ("hematolog", "haematolog"), ("gynecolog", "gynaecolog"), ("hemoglobin", "haemoglobin"),
    ("hemophilia", "haemophilia"), ("ameba", "amoeba"), ("medieval", "mediaeval"),
    ("septicemia", "septicaemia"), ("toxemia", "toxaemia"),
    ("esthetic", "aesthetic"), ("homeopath", "homoeopath"), ("celiac", "coeliac"),
    # single l in GB where US doubles it
    ("enrollment", "enrolment"), ("skillful", "skilful"), ("installment", "instalment"),
    ("willful", "wilful"), ("thralldom", "thraldom"), ("fulfillment", "fulfilment"),
    
    # stems safe to replace inside longer words
    ("aluminum", "aluminium"), ("airplane", "aeroplane"), ("jewelry", "jewellery"),
    ("jeweler", "jeweller"), ("mustache", "moustache"), ("skeptic", "sceptic"), ("sulfur", "sulphur"),
    ("judgment", "judgement"), ("acknowledgment", "acknowledgement"), ("artifact", "artefact"),
    ("whiskey", "whisky"), ("licorice", "liquorice"), ("yogurt", "yoghurt"), ("inquir", "enquir"),
    ("smolder", "smoulder"), ("pajama", "pyjama"), ("carburetor", "carburettor"),
    ("mollusk", "mollusc"), ("sizable", "sizeable"), ("likable", "likeable"), ("livable", "liveable"),
    ("lovable", "loveable"), ("behoove", "behove"), ("sanitarium", "sanatorium"), ("tidbit", "titbit"),
    ("kilogram", "kilogramme"), ("ageing", "ageing"), ("aging", "ageing"),
]
# whole words (with inflections) only: as substrings they would touch unrelated words
_WORDS = [
    ("program", "programme"), ("gray", "grey"), ("tire", "tyre"), ("plow", "plough"), ("mold", "mould"),
    ("check", "cheque"), ("draft", "draught"), ("cozy", "cosy"), ("cozier", "cosier"), ("cozily", "cosily"),
    ("donut", "doughnut"), ("disk", "disc"), ("curb", "kerb"), ("story", "storey"), ("stories", "storeys"),
    ("practice", "practise"), ("ax", "axe"), ("learned", "learnt"), ("spelled", "spelt"),
    ("burned", "burnt"), ("dreamed", "dreamt"), ("leaped", "leapt"), ("spoiled", "spoilt"),
    ("kneeled", "knelt"), ("smelled", "smelt"), ("spilled", "spilt"), ("gage", "gauge"), ("vise", "vice"),
    ("omelet", "omelette"), ("chili", "chilli"), ("naught", "nought"), ("math", "maths"), ("furor", "furore"),
    ("specialty", "speciality"), ("specialties", "specialities"), ("annex", "annexe"), ("gram", "gramme"),
    ("ton", "tonne"), ("pudgy", "podgy"), ("mom", "mum"),
    ("fulfill", "fulfil"), ("enroll", "enrol"), ("distill", "distil"), ("instill", "instil"), ("appall", "appal"),
    ("fetus", "foetus"), ("fetal", "foetal"), ("fetuses", "foetuses"), ("paleo", "palaeo"),
]
_SUFFIXES = ("", "s", "es", "ed", "ing", "er", "ers", "ly", "ish", "ness", "ment", "ments")
# -ize / -ise and -yze / -yse, with their inflections
_IZE = rx.compile(r"iz(?=e|es|ed|er|ers|ing|ation|ations|ational|able)")
_YZE = rx.compile(r"yz(?=e|es|ed|er|ers|ing)")
# a single l after a single vowel before a suffix doubles in GB: traveled -> travelled
_LL = rx.compile(r"(?<=[^aeiou][aeiou])l(?=(?:ed|ing|er|ers|ation|ations)$)")
# words in -ment/-ful etc. are left alone; -ize words that must not fold (size, prize, seize...)
_IZE_KEEP = frozenset("size prize seize capsize downsize oversize resize upsize outsize baize".split())


def _gb_variants(word: str) -> list[str]:
    out = []
    if "iz" in word and not any(word.startswith(k) or word.endswith(k) for k in _IZE_KEEP):
        v = _IZE.sub("is", word)
        if v != word:
            out.append(v)
    if "yz" in word:
        v = _YZE.sub("ys", word)
        if v != word:
            out.append(v)
    if "l" in word:
        v = _LL.sub("ll", word)
        if v != word:
            out.append(v)
    return out


def _source_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("spellchecker")  # locates the package without importing it
    if spec is None or not spec.origin:
        raise RuntimeError("newslint needs the 'pyspellchecker' package for its lexicon")
    return Path(spec.origin).resolve().parent / "resources" / "en.json.gz"


def _versions() -> str:
    """The cache key: the versions of newslint and the libraries that shape results (see
    :func:`newslint.dirs.versions`, pyspellchecker's among them), the folding rules' version and
    the identity of pyspellchecker's data file (path, size, mtime)."""
    from .dirs import versions

    try:
        src = _source_path()
        st = src.stat()
        ident = f"{src}-{st.st_size}-{int(st.st_mtime)}"
    except (OSError, RuntimeError):
        ident = "?"
    return f"{versions()}|{LEXICON_VERSION}|{COMMON_FREQ}|{ident}"


def build() -> tuple[frozenset, dict]:
    """Build (all words, {common word: frequency}) from pyspellchecker's data file."""
    import gzip  # only for a build: a start with the lexicon cached never needs them
    import json

    with gzip.open(_source_path(), "rt", encoding="utf-8") as fh:
        freq: dict[str, int] = json.load(fh)
    words = set(freq)
    extra: dict[str, int] = {}
    stems = [(us, gb) for us, gb in _STEMS if us != gb]
    for w, n in freq.items():
        for v in _gb_variants(w):
            extra.setdefault(v, n)
        for us, gb in stems:
            if us in w:
                extra.setdefault(w.replace(us, gb), n)
    for us, gb in _WORDS:
        for suf in _SUFFIXES:
            n = freq.get(us + suf)
            if n:
                extra.setdefault(gb + suf, n)
                if gb.endswith("e") and suf[:1] in ("e", "i"):
                    extra.setdefault(gb[:-1] + suf, n)
    for v, n in extra.items():
        if v not in words:
            words.add(v)
            freq[v] = n
    common = {w: n for w, n in freq.items() if n >= COMMON_FREQ and w.isalpha()}
    return frozenset(words), common


def cache_dir() -> Path:
    from .dirs import cache_dir as root

    return Path(root())


#: compiled lexicons kept (one per combination of versions: two installs sharing the cache
#: directory keep one each instead of rebuilding each other's); about 2 MB each
KEEP = 4


def _cache_name() -> str:
    return f"lexicon-{hashlib.sha256(_versions().encode()).hexdigest()[:16]}.txt"


def _encode(words: frozenset, common: dict) -> bytes:
    """Plain text: the common words as ``word<TAB>frequency`` lines, an empty line, the other words."""
    head = "\n".join(f"{w}\t{n}" for w, n in sorted(common.items()))
    rest = "\n".join(sorted(w for w in words if w not in common))
    return f"{head}\n\n{rest}".encode("utf-8")


def _read_text(path: str) -> str:
    from . import dirs

    body = dirs.read_sealed(path)
    if body is None:
        raise ValueError("no lexicon cached, or a damaged one")
    return str(body, "utf-8")


def _decode(text: str) -> tuple[frozenset, dict]:
    end = text.find("\n\n")
    if end < 0:
        raise ValueError("not a lexicon")
    common = {}
    for line in text[:end].split("\n"):
        w, _, n = line.partition("\t")
        common[w] = int(n)
    words = text[end + 2:].split("\n")
    del text
    return frozenset(words).union(common), common


@lru_cache(maxsize=1)
def load() -> tuple[frozenset, dict]:
    """The lexicon, from the on-disk cache when it is there, else built (and cached if possible).

    The cache is plain text behind a digest (:func:`newslint.dirs.seal`), in a private folder of
    the cache directory; a damaged or tampered file is rebuilt."""
    from . import dirs

    folder = dirs.private_dir("lexicon")
    name = _cache_name()
    if folder is not None:
        try:
            # one expression: the file's bytes and text are freed before the word set is built
            return _decode(_read_text(os.path.join(folder, name)))
        except (ValueError, UnicodeDecodeError):
            pass
    words, common = build()
    if folder is not None and dirs.write_private(os.path.join(folder, name), dirs.seal(_encode(words, common))):
        dirs.evict(folder, ".txt", KEEP)
        dirs.evict(folder, ".marshal", 0)  # the earlier layout's builds
    return words, common


def words() -> frozenset:
    return load()[0]


def common() -> dict:
    return load()[1]


@lru_cache(maxsize=65536)
def known(word: str) -> bool:
    """True when ``word`` (any case; ’ folded) is an English word in either spelling."""
    w = word.lower().replace("’", "'")
    lex = load()[0]
    if w in lex:
        return True
    if w.endswith("'s") and w[:-2] in lex:
        return True
    return False


def frequency(word: str) -> int:
    """Frequency of a common word (0 when it is rare or unknown)."""
    return load()[1].get(word.lower(), 0)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit(word: str) -> set[str]:
    """Every string one edit from ``word`` (a letter dropped, added or changed, or two adjacent
    letters swapped), ``word`` itself excluded."""
    cands = set()
    for i in range(len(word) + 1):
        a, b = word[:i], word[i:]
        if b:
            cands.add(a + b[1:])
            if len(b) > 1:
                cands.add(a + b[1] + b[0] + b[2:])
            for c in _LETTERS:
                cands.add(a + c + b[1:])
        for c in _LETTERS:
            cands.add(a + c + b)
    cands.discard(word)
    return cands


@lru_cache(maxsize=16384)
def suggestions(word: str) -> tuple[tuple[str, int], ...]:
    """Common words one edit (delete, insert, substitute, transpose) from ``word``, most
    frequent first, as (word, frequency)."""
    com = load()[1]
    found = [(c, com[c]) for c in one_edit(word.lower()) if c in com]
    found.sort(key=lambda x: (-x[1], x[0]))
    return tuple(found)


__all__ = ["load", "build", "known", "frequency", "suggestions", "one_edit", "words", "common", "cache_dir", "COMMON_FREQ"]
