"""The offline English lexicon: en-US and en-GB words with frequencies.

Source: the word-frequency list shipped inside the PyPI package ``pyspellchecker``
(``spellchecker/resources/en.json.gz``, ~160k lower-case words). Nothing is downloaded.
That list is US-centric, so British spellings are added by folding rules applied to the US
forms it knows (``-ize``/``-ise``, ``-yze``/``-yse``, ``-or``/``-our``, ``-er``/``-re``,
``-og``/``-ogue``, ``-ense``/``-ence``, doubled ``l``, ``ae``/``oe`` and single words such as
programme, grey, tyre, cheque, jewellery...). Over-generating a few non-words is harmless
(it only hides a typo that happens to look like a British spelling); missing a British form
would be a false alarm, which is worse.

The compiled lexicon is cached as an SQLite database image (plain data behind a digest) in
``lexicon/`` under newslint's cache directory (see :mod:`newslint.dirs`), keyed by the versions of
newslint and the libraries that shape results (pyspellchecker's among them) and of the folding
rules; the newest few builds are kept. A short run opens the image in memory and asks it about the
article's words (~3 ms); a long one loads the whole word set (~50 ms) for set arithmetic in C. A
cold build takes ~0.5 s. When the cache directory is not writable the lexicon is built in memory.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import dirs, rx
from .wordstore import WordStore, cached_image

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
#: directory keep one each instead of rebuilding each other's); about 3 MB each
KEEP = 4
#: words looked up one batch at a time before a process loads the whole word set instead (a run
#: over one article asks about ~1,000; a long run is cheaper with the set)
BATCH_LIMIT = 5000


def _cache_name() -> str:
    return f"lexicon-{dirs.digest(_versions())}.sqlite3"


class _Sets:
    """The lexicon as a frozenset and a dict: set arithmetic in C, the fastest over many articles."""

    def __init__(self, words: frozenset, common: dict):
        self.words, self.common = words, common

    def has(self, word: str) -> bool:
        return word in self.words

    def unknown(self, words) -> frozenset:
        return frozenset(words).difference(self.words)

    def common_among(self, words) -> dict[str, int]:
        com = self.common
        return {w: com[w] for w in words if w in com}


class _Stored:
    """The lexicon in its cached database image (:class:`newslint.wordstore.WordStore`), asked one
    batch of words at a time: opening it costs ~3 ms where building the word set costs ~45 ms,
    most of a one-article run's lexicon time."""

    def __init__(self, store: WordStore):
        self.store = store

    def has(self, word: str) -> bool:
        return self.store.get(word) is not None

    def unknown(self, words) -> frozenset:
        words = frozenset(words)
        store = self.store
        store.learn(words.difference(store.found, store.absent))
        return words.difference(store.found)

    def common_among(self, words) -> dict[str, int]:
        return {w: n for w, n in self.store.among(words).items() if n >= COMMON_FREQ}


def _rows() -> list[tuple[str, int]]:
    words, common = build()
    return [(w, common.get(w, 0)) for w in words]


def _image() -> bytes | None:
    """The cached database image of (word, frequency; 0 for the words that are not common), built
    and cached first if needed; None when it cannot be used (the lexicon is then built in memory)."""
    return cached_image("lexicon", _cache_name(), _rows, KEEP, legacy=(".txt", ".marshal"))


@lru_cache(maxsize=1)
def load() -> tuple[frozenset, dict]:
    """The whole lexicon as (every word, {common word: frequency}), from the on-disk cache when it
    is there, else built (and cached if possible)."""
    image = _image()
    if image is None:
        return build()
    rows = WordStore(image).rows()
    return frozenset(w for w, _ in rows), {w: n for w, n in rows if n >= COMMON_FREQ}


_backend_now: "_Stored | _Sets | None" = None


def _backend() -> "_Stored | _Sets":
    """Where words are looked up: the cached image while few words have been asked about, else
    the word set (:data:`BATCH_LIMIT`)."""
    global _backend_now
    b = _backend_now
    if b is None:
        image = _image()
        b = _backend_now = _Stored(WordStore(image)) if image is not None else _Sets(*load())
    elif type(b) is _Stored and b.store.asked > BATCH_LIMIT:
        b = _backend_now = _Sets(*load())
    return b


def use_sets() -> None:
    """Load the whole word set now (a process about to ask about many words)."""
    global _backend_now
    if type(_backend_now) is not _Sets:
        _backend_now = _Sets(*load())


def reset() -> None:
    """Forget what was loaded (tests that change the cache directory)."""
    global _backend_now
    _backend_now = None
    load.cache_clear()
    known.cache_clear()
    suggestions.cache_clear()


def words() -> frozenset:
    """Every word of the lexicon (loads the whole set: :func:`unknown` is cheaper for a few words)."""
    return load()[0]


def common() -> dict:
    return load()[1]


def unknown(words) -> frozenset:
    """Those of ``words`` (lower case, ’ folded to ') that are not in the lexicon: the same as
    ``frozenset(words) - words()``, without loading the whole word set for a short run."""
    return _backend().unknown(words)


@lru_cache(maxsize=65536)
def known(word: str) -> bool:
    """True when ``word`` (any case; ’ folded) is an English word in either spelling."""
    w = word.lower().replace("’", "'")
    has = _backend().has
    if has(w):
        return True
    if w.endswith("'s") and has(w[:-2]):
        return True
    return False


def frequency(word: str) -> int:
    """Frequency of a common word (0 when it is rare or unknown)."""
    w = word.lower()
    return _backend().common_among((w,)).get(w, 0)


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
    found = list(_backend().common_among(one_edit(word.lower())).items())
    found.sort(key=lambda x: (-x[1], x[0]))
    return tuple(found)


__all__ = ["load", "build", "unknown", "use_sets", "reset", "known", "frequency", "suggestions", "one_edit", "words", "common", "cache_dir", "COMMON_FREQ"]
