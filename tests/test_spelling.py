"""Spelling: the known-typo pack (NL101), the lexicon and the dictionary check (NL102)."""
import glob
import os
import re

import pytest

from newslint import lexicon, wordstore
from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter
from newslint.packs import load_pack

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L = Linter(Settings(select=["spelling"]))


def lint(text, path="x.txt"):
    fs, errs = L.lint(Document(text, path))
    assert not errs, errs
    return fs


def test_known_typo_pack_is_large_and_every_wrong_form_is_not_a_word():
    pack = load_pack(os.path.join(ROOT, "rules", "typos.yaml"))
    (rule,) = [r for r in pack.rules if r.code == "NL101"]
    table = rule.table
    assert len(table) >= 5000
    for key, options in table.items():
        wrong = " ".join(key)
        assert not lexicon.known(wrong), wrong
        assert len(options) == 1, wrong  # one correction: a safe fix
        assert options[0].lower() != wrong


@pytest.mark.parametrize("wrong,right", [("adn", "and"), ("wiht", "with"), ("teh", "the"), ("recieve", "receive"),
                                         ("occured", "occurred"), ("seperate", "separate"), ("goverment", "government"),
                                         ("definately", "definitely"), ("accomodate", "accommodate"), ("taht", "that")])
def test_known_typo_has_safe_fix(wrong, right):
    fs = lint(f"Officials said {wrong} nothing more.\n")
    (f,) = [f for f in fs if f.rule == "NL101"]
    assert f.text == wrong and f.suggestions[0] == right
    assert f.fix is not None and f.fix.safe
    assert not [f for f in fs if f.rule == "NL102"]  # no second finding on the same word


@pytest.mark.parametrize("text", [
    "Teh Hong Piow founded the bank in 1966.\n",  # a surname, not 'The'
    "The new LTE modem chips reached phones this year.\n",  # an acronym, not 'LET'
    "The ADN party won two seats.\n",
    "TEH AND ADN WERE NAMED IN THE FILING.\n",
])
def test_known_typo_never_touches_names_acronyms_or_capitals(text):
    assert not [f for f in lint(text) if f.rule in ("NL101", "NL102")]


def test_known_typo_skips_a_word_cut_off_by_an_ellipsis():
    assert not [f for f in lint("Sanctions hit the nucle… Read more\n") if f.rule == "NL101"]


@pytest.mark.parametrize("word", ["colour", "analysed", "organise", "organisation", "signalling", "benefitting",
                                  "focussed", "travelled", "cancelled", "centre", "theatre", "defence", "licence",
                                  "programme", "grey", "catalogue", "paediatric", "judgement", "enrolment", "tyre",
                                  "labour", "neighbourhood", "favourite", "behaviour", "kilometres", "manoeuvre",
                                  "color", "analyzed", "organize", "center", "defense", "traveled", "program"])
def test_lexicon_accepts_us_and_gb_spellings(word):
    assert lexicon.known(word)


def test_lexicon_rejects_misspellings():
    for w in ("adn", "wiht", "recieve", "seperate", "goverment"):
        assert not lexicon.known(w)


def test_lexicon_cache_is_written_and_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    lexicon.reset()
    try:
        words, common = lexicon.load()
        files = list((tmp_path / "lexicon").glob("lexicon-*.sqlite3"))
        assert len(files) == 1 and files[0].stat().st_mode & 0o777 == 0o600
        lexicon.reset()
        monkeypatch.setattr(lexicon, "build", lambda: pytest.fail("a warm load builds nothing"))
        words2, common2 = lexicon.load()
        assert (words2, common2) == (words, common) and "colour" in words2
    finally:
        lexicon.reset()


def test_lexicon_builds_in_memory_when_cache_unwritable(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocker))  # a file, not a directory
    lexicon.reset()
    try:
        words, _ = lexicon.load()
        assert "government" in words
    finally:
        lexicon.reset()


def test_possible_typo_suggests_the_common_word():
    (f,) = [f for f in lint("The ministry issued a statment on Monday.\n") if f.rule == "NL102"]
    assert f.text == "statment" and f.suggestions == ("statement",) and f.fix is None
    assert (f.line, f.column) == (1, 23)


def test_transposition_is_one_edit():
    assert [f.suggestions[0] for f in lint("The talks were productive and the mood was clam... \n") if f.rule == "NL102"] == []
    fs = [f for f in lint("Delegates were given a brief descritpion of the plan.\n") if f.rule == "NL102"]
    assert [f.suggestions[0] for f in fs] == ["description"]


def test_names_are_learned_per_article():
    text = "Analyst Elena Kovalenko said the talks failed. Budanov agreed with kovalenko.\n"
    assert not [f for f in lint(text) if f.rule == "NL102"]


@pytest.mark.parametrize("text", [
    "Visit https://example.com/statment or write to statment@example.com today.\n",
    "Use `statment` in code and #statment or @statment online.\n",
    "The COVID19 data and the UNHCR and NATO reports came in 2024.\n",
    "A well-knwon pro-statment group spoke.\n",
    "The minister’s statment’s wording and the statment's tone.\n",
    "Президент заявив, що переговори тривають. 北朝鮮 🚀🔥 statement ✅\n",
    "\n", "", "a", "🙂🙂", "x" * 5000,
    "He said statment [sic] in the letter.\n",
])
def test_bad_input_never_crashes_or_reports(text):
    fs = lint(text)
    assert not [f for f in fs if f.rule == "NL102" and f.text in ("statment", "knwon")]


def test_accept_list_silences_words():
    lin = Linter(Settings(select=["NL102"], accept=frozenset({"statment"})))
    fs, _ = lin.lint(Document("The ministry issued a statment.\n", "x.txt"))
    assert not fs


def test_clean_fixtures_have_no_spelling_findings():
    paths = sorted(glob.glob(os.path.join(ROOT, "fixtures", "*", "*.txt")) + glob.glob(os.path.join(ROOT, "fixtures", "*", "*.md")))
    assert paths
    for p in paths:
        import yaml

        side = os.path.splitext(p)[0] + ".yaml"
        if not os.path.exists(side) or yaml.safe_load(open(side)).get("group") != "clean":
            continue
        fs = lint(open(p, encoding="utf-8").read(), p)
        assert not fs, (p, [(f.line, f.rule, f.text) for f in fs])


def test_lexicon_cache_is_written_once_and_stale_builds_are_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    folder = tmp_path / "lexicon"
    folder.mkdir(parents=True)
    (folder / "lexicon-0000000000000000.marshal").write_bytes(b"old")  # the earlier layout
    for i in range(lexicon.KEEP + 2):  # builds for other versions, oldest first
        old = folder / f"lexicon-{i:016x}.sqlite3"
        old.write_bytes(b"old")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    lexicon.reset()
    try:
        words, _ = lexicon.load()
        assert "minister" in words
        names = sorted(p.name for p in folder.iterdir())
        assert len(names) == lexicon.KEEP and lexicon._cache_name() in names
        assert f"lexicon-{lexicon.KEEP + 1:016x}.sqlite3" in names and "lexicon-0000000000000000.sqlite3" not in names
    finally:
        lexicon.reset()


def test_a_damaged_or_tampered_lexicon_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    lexicon.reset()
    try:
        words, common = lexicon.load()
        (entry,) = (tmp_path / "lexicon").glob("lexicon-*.sqlite3")
        data = entry.read_bytes()
        entry.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # a byte changed: the digest no longer matches
        lexicon.reset()
        assert lexicon.load() == (words, common) and "qzxqzx" not in lexicon.load()[0]
        assert entry.read_bytes() == data
    finally:
        lexicon.reset()


def test_is_learned_name_agrees_with_learned_names():
    """NL102 asks about single words instead of collecting every capitalised word."""
    from hypothesis import given, settings, strategies as st

    from newslint.document import Document
    from newslint.rules.spelling import is_learned_name

    def learned_names(doc):  # the definition: every capitalised word of the article, lower-cased
        return {w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", doc.prose)}

    pieces = st.sampled_from(["Kyiv", "kyiv", "Zo", "Zoë", "Kyiv2", "_Kyiv", "Kyiv’s", "KYIV", "Ky", " ", ", ", "\n", "é", "-", "x"])

    @settings(max_examples=2000, deadline=None)
    @given(st.lists(pieces, max_size=10).map("".join))
    def same(text):
        doc = Document(text, "a.txt")
        names = learned_names(doc)
        for w in ("kyiv", "zo", "ky"):
            assert is_learned_name(doc, w) == (w in names), (text, w)

    same()


def test_a_word_the_typo_pack_corrects_is_reported_once_and_by_nl102_when_the_pack_is_off():
    text = "The goverment parcel reached the depot on Monday.\n"
    on = Linter(Settings(select=["spelling"]))
    fs, _ = on.lint(Document(text, "x.txt"))
    assert [f.rule for f in fs] == ["NL101"]
    off = Linter(Settings(select=["spelling"], ignore=["NL101"]))
    fs, _ = off.lint(Document(text, "x.txt"))
    assert [f.rule for f in fs] == ["NL102"] and "government" in fs[0].message


@pytest.mark.parametrize("text", [
    "Tech shares led the gains as an influencer posted about the admin fees.\n",
    "She played the femme fatale in a thriller; the lede of the review praised her.\n",
    "The hed, the dek and the nut graf were marked TK until the kicker was written.\n",
])
def test_common_words_the_lexicon_lacks_and_newsroom_jargon_are_accepted(text):
    assert not [f for f in lint(text) if f.rule == "NL102"]


def test_possible_typo_needs_a_far_more_frequent_neighbour():
    fs = [f for f in lint("Police sealed off the scrne on Elm Street overnight.\n") if f.rule == "NL102"]
    assert [f.text for f in fs] == ["scrne"] and list(fs[0].suggestions) == ["scene"] and fs[0].fix is None


# --- property: no safe fix touches a name, an acronym or an ALL-CAPS word -------------------------
from hypothesis import HealthCheck, example, given, settings, strategies as st  # noqa: E402

from newslint.engine import default_linter  # noqa: E402
from newslint.runner import safe_edits  # noqa: E402

_PACK = load_pack(os.path.join(ROOT, "rules", "typos.yaml"))
# wrong forms of the known-typo pack whose correction is a plain word (not Tuesday, February:
# a capitalised correction is a calendar word, not a name, and is fixed in its capitalised form)
_WRONG = sorted(" ".join(k) for r in _PACK.rules if r.code == "NL101" for k, v in r.table.items()
                if len(k) == 1 and not v[0][:1].isupper())
_CAPITALISED = st.one_of(
    st.sampled_from(_WRONG).map(lambda w: w[:1].upper() + w[1:]),  # Teh, Adn, Wiht: surnames
    st.sampled_from(_WRONG).map(str.upper),  # LTE-like acronyms: TEH, ADN
    st.from_regex(r"[A-Z][a-z]{1,9}", fullmatch=True),
    st.from_regex(r"[A-Z]{2,6}", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]+[A-Z][a-z]+", fullmatch=True),  # inner capitals: McDonnell
)
_FRAMES = ["{} said on Tuesday that the talks had failed.", "The report by {} was published.",
           "Officials met {} Hong Piow in the capital.", "Shares of {} fell 3% after the results.",
           "\"We will appeal,\" {} told reporters.", "{}\n\nThe court heard the case on Monday."]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_CAPITALISED, st.sampled_from(_FRAMES))
@example("An", _FRAMES[0])  # the surname An before its verb, not the article
@example("Ad", _FRAMES[-1])  # a line that is only "Ad" is residue: deleting the line rewrites nothing
def test_no_safe_fix_changes_a_capitalised_token(token, frame):
    text = frame.format(token) + "\n"
    start = text.index(token)
    end = start + len(token)
    findings, errors = default_linter().lint(Document(text, "p.txt"))
    assert not errors
    for e in safe_edits(findings):
        whole_line = e.replacement == "" and text[e.start : e.end].strip() == token
        if whole_line:
            continue  # a line that is nothing but the token ("Ad") deleted as page residue: no rewrite
        assert e.end <= start or e.start >= end, (token, e)
    assert not [f for f in findings if f.rule == "NL101" and f.start < end and f.end > start], token


def _codes(text, code):
    return [f for f in default_linter().lint(Document(text, "x.txt"))[0] if f.rule == code]


def test_name_spelled_two_ways_reports_the_single_odd_spelling():
    text = ("Residents of Marrickvale met on Monday. Marrickvale has flooded twice.\n\n"
            "The road to Marickvalle stayed shut.\n")
    fs = _codes(text, "NL106")
    assert [f.text for f in fs] == ["Marickvalle"] and fs[0].suggestions[0] == "Marrickvale" and fs[0].fix is None
    # different people with common names; a plural; a doubled-letter twin (NL206's)
    assert not _codes("Stevens scored. Stevens passed. Stephens saved a shot.\n", "NL106")
    assert not _codes("The Kowalczyks arrived. Kowalczyk said so. Kowalczyk left.\n", "NL106")


def test_real_word_typo_fro_outside_to_and_fro():
    assert [f.text for f in _codes("It cost fro $16 billion.\n", "NL105")] == ["fro"]
    assert not _codes("Boats moved to and fro; the toing and froing went on. Fro Hansen spoke.\n", "NL105")


def test_misspelt_names_are_suggestions_never_safe_fixes():
    fs = _codes("Aid reached the Phillipines and Sierra Leona.\n", "NL104")
    assert [f.suggestions[0] for f in fs] == ["Philippines", "Sierra Leone"]
    assert all(f.fix is None or not f.fix.safe for f in fs)


def test_word_frequencies_load_offline():
    from newslint.analysis import dictionary

    assert dictionary.available()
    assert dictionary.zipf("the") > 7 and dictionary.zipf("qzxv") == 0.0
    assert dictionary.neighbours("scrne")[0][0] == "scene"


def test_run_together_words_need_a_function_word_or_a_glued_figure():
    fs = _codes("The quake hit thismountainous region, the most populatedits officials said. An earthquake7.9 followed.\n", "NL107")
    assert [f.text for f in fs] == ["thismountainous", "populatedits", "earthquake7"]
    assert fs[0].suggestions[0] == "this mountainous" and fs[0].fix is None
    # compounds and fused content words are not this rule's: outperformer, a widget's fused text
    assert not _codes("The small-cap index was the outperformer; achievementspublished at noon. Covid19 and mp3 files.\n", "NL107")


def test_short_runs_ask_the_database_and_agree_with_the_word_set(tmp_path, monkeypatch):
    """A one-article run looks words up in the cached database instead of loading the whole set;
    both answer alike, and a run that asks about many words switches to the set."""
    if not wordstore.available():
        pytest.skip("SQLite images open in memory from Python 3.11")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    lexicon.reset()
    try:
        sample = ["minister", "colour", "adn", "statment", "qzxqzx", "don't", "", "ministers", "the"]
        assert lexicon.unknown(sample) == {"adn", "statment", "qzxqzx", ""}
        assert type(lexicon._backend()).__name__ == "_Stored"  # the set was not loaded
        db_answers = ([lexicon.known(w) for w in ("Minister’s", "adn", "colour")],
                      lexicon.suggestions("statment"), lexicon.frequency("the"), lexicon.frequency("qzxqzx"))
        words, common = lexicon.load()
        assert lexicon.unknown(sample) == frozenset(sample) - words
        lexicon.use_sets()
        assert type(lexicon._backend()).__name__ == "_Sets"
        lexicon.known.cache_clear()
        lexicon.suggestions.cache_clear()
        set_answers = ([lexicon.known(w) for w in ("Minister’s", "adn", "colour")],
                       lexicon.suggestions("statment"), lexicon.frequency("the"), lexicon.frequency("qzxqzx"))
        assert db_answers == set_answers and db_answers[0] == [True, False, True] and db_answers[2] > 0
        lexicon.reset()
        monkeypatch.setattr(lexicon, "BATCH_LIMIT", 3)
        lexicon.unknown(["alpha", "beta", "gamma", "delta"])
        lexicon.unknown(["epsilon"])
        assert type(lexicon._backend()).__name__ == "_Sets"
    finally:
        lexicon.reset()


def test_a_misspelling_capitalised_by_its_place_in_the_sentence():
    fs = [f for f in lint("The council has no homes yet. Untill we have them, we cannot move people.\n") if f.rule == "NL101"]
    assert [f.text for f in fs] == ["Untill"] and list(fs[0].suggestions) == ["Until"]
    assert fs[0].fix is not None and not fs[0].fix.safe  # a capitalised word is never corrected unasked
    # a name goes on, or the article writes the word capitalised inside a sentence: a surname
    assert not [f for f in lint("Teh Hong Piow founded the bank in 1966.\n") if f.rule == "NL101"]
    assert not [f for f in lint("Thier said he would stay. The coach, Anna Thier, agreed.\n") if f.rule == "NL101"]


def test_then_for_than_after_a_comparative():
    assert [f.text for f in lint("Costs have risen faster then fares.\n") if f.rule == "NL103"] == ["faster then"]
    assert not [f for f in lint("Costs rose faster, then fell back.\n") if f.rule == "NL103"]


def test_precedence_for_precedent_in_its_collocations():
    assert [f.text for f in lint("The ruling could set a precedence for other councils.\n") if f.rule == "NL103"] == ["set a precedence"]
    assert not [f for f in lint("Safety takes precedence over speed, the board said.\n") if f.rule == "NL103"]


@pytest.mark.parametrize(
    "text, slip",
    [
        ("Families stood to loose their homes in the flood.", "to loose their"),
        ("The principle concern is cost, the mayor said.", "principle concern"),
        ("The work will run in three discreet phases.", "discreet phases"),
        ("Dry weather could adversely effect yields.", "adversely effect"),
        ("The pale stone compliments the light, the architect said.", "compliment"),
        ("Their are 12 candidates in the race.", "Their are"),
    ],
)
def test_homophones_in_their_collocations(text, slip):
    got = [f.text for f in lint(text + "\n") if f.rule == "NL103"]
    assert got and slip.lower() in got[0].lower()


@pytest.mark.parametrize(
    "text",
    [
        "The dogs broke loose their leads, the owner said.",
        "The principle of free movement was upheld by the court.",
        "Staff were discreet about the phases of the plan.",
        "The reform will effect change in the sector.",
        "She complimented the chef on the dish.",
        "Their arena is full and there are no tickets left.",
    ],
)
def test_homophones_used_right_are_left_alone(text):
    assert [f.text for f in lint(text + "\n") if f.rule == "NL103"] == []
