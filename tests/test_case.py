"""Case and names (NL201-NL206): proper nouns, sentence and answer starts, labels, variants."""
import glob
import os

import pytest
import yaml

from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L = Linter(Settings(select=["NL2"]))
CASE = {"NL201", "NL202", "NL203", "NL204", "NL205", "NL206", "NL207"}


def lint(text, path="x.txt"):
    fs, errs = L.lint(Document(text, path))
    assert not errs, errs
    return [f for f in fs if f.rule in CASE]


def texts(fs, rule=None):
    return [f.text for f in fs if rule is None or f.rule == rule]


def test_proper_nouns_from_the_list():
    fs = lint("Troops in the kursk region came from russia, ukrainian officials said.\n")
    assert texts(fs, "NL201") == ["kursk", "russia", "ukrainian"]
    assert [f.suggestions[0] for f in fs] == ["Kursk", "Russia", "Ukrainian"]
    assert all(f.fix is None for f in fs)  # case fixes are suggestions only


def test_ambiguous_common_words_are_not_names():
    fs = lint("He will march in may, eat turkey from china plates and polish the jordan almonds in august.\n")
    assert not fs


def test_mixed_case_phrase_and_possessive():
    fs = lint("Analysts said north Korea's army and North korea's navy grew.\n")
    assert texts(fs, "NL201") == ["north Korea", "North korea"]
    assert fs[0].suggestions == ("North Korea",)


def test_name_learned_from_the_article_mid_sentence_only():
    fs = lint("We spoke to Dr. Elena Kovalenko on Monday. Later kovalenko said more.\n")
    assert texts(fs, "NL201") == ["kovalenko"]
    # capitalised only at a sentence start: nothing learned
    assert not lint("Grumpkins are rare. The grumpkins grew.\n")


def test_lowercase_name_after_title_and_lowercase_title():
    fs = lint("The panel heard Dr. smith and then dr. Jones.\n")
    assert ("NL201", "smith") in [(f.rule, f.text) for f in fs]
    assert ("NL202", "dr.") in [(f.rule, f.text) for f in fs]
    assert not lint("Mr. and Mrs. Smith arrived.\n")


def test_kim_jong_un_in_lower_case():
    fs = lint("It depends on North Korean leader kim Jong-un’s willingness.\n")
    assert texts(fs, "NL201") == ["kim"]


@pytest.mark.parametrize("text,word", [
    ("The talks ended. negotiators left.\n", "negotiators"),
    ("Headline In Title Case\nin a surprising move, the envoy left.\n", "in"),
    ("It rose 5%. while prices fell, wages rose.\n", "while"),
])
def test_lowercase_sentence_start(text, word):
    assert texts(lint(text), "NL203") == [word]


@pytest.mark.parametrize("text", [
    '"Why now?" she asked. The minister did not answer.\n',
    "The talks ended... or so it seemed.\n",
    "Apple said iPhone sales rose. eBay shares fell.\n",
    "Use the form (e.g. the green one). i.e. the first.\n",
    "He met Lt. Gen. Kyrylo Budanov at 5 p.m. on Friday in Kyiv.\n",
    "The office on Fifth Ave. said nothing.\n",
    "The minister said\nthe talks were over.\n",
    "It was, he said, “not to hide”. “not now,” she replied.\n",
    "Visit www.example.com. the site is down.\n".replace(". the", ". The"),
    "Code: `x = 1`. Then it ran.\n",
    "He quoted Seneca: \"sic transit\". Then he left.\n",
])
def test_sentence_starts_that_are_fine(text):
    assert not texts(lint(text), "NL203")


def test_list_item_lowercase_among_capitalised():
    md = "Advice:\n\n- Drink water.\n- Stay inside.\n- wear a hat.\n- Check neighbours.\n"
    assert texts(lint(md, "x.md"), "NL203") == ["wear"]
    all_lower = "Advice:\n\n- drink water\n- stay inside\n- wear a hat\n"
    assert not texts(lint(all_lower, "x.md"), "NL203")


def test_answer_after_label_and_label_case():
    text = (
        "Senior Editor: What next?\nDr. Kovalenko: it depends.\nSenior editor: Why?\n"
        "Dr. Kovalenko: Money.\nSenior Editor: Thanks.\ndr. Kovalenko: it was a pleasure.\n"
    )
    fs = lint(text)
    assert [(f.line, f.text) for f in fs if f.rule == "NL204"] == [(2, "it"), (6, "it")]
    lab = [f for f in fs if f.rule == "NL205"]
    assert [(f.line, f.text, f.suggestions[0]) for f in lab] == [(3, "Senior editor", "Senior Editor"), (6, "dr. Kovalenko", "Dr. Kovalenko")]
    assert lab[0].related_positions[0][0] == 1
    # the lower-case title inside a mis-cased label is reported once, by NL205
    assert not [f for f in fs if f.rule == "NL202"]


def test_name_variants_within_one_article():
    fs = lint("Zelenskyy spoke. Zelenskyy left. Later Zelensky returned.\n")
    (f,) = [f for f in fs if f.rule == "NL206"]
    assert f.text == "Zelensky" and f.suggestions == ("Zelenskyy",) and f.related_positions
    fs = lint("Kim Jong Un met them. Kim Jong-un left. Kim Jong Un spoke.\n")
    assert [f.text for f in fs if f.rule == "NL206"] == ["Jong-un"]
    fs = lint("Officials in Kyiv said Kiev was hit. Kyiv was calm.\n")
    assert [(f.text, f.suggestions[0]) for f in fs if f.rule == "NL206"] == [("Kiev", "Kyiv")]


def test_name_variants_across_articles_are_fine():
    assert not [f for f in lint("Zelensky spoke in Kiev.\n") if f.rule == "NL206"]
    assert not [f for f in lint("Zelenskyy spoke in Kyiv. Olena Zelenska agreed.\n") if f.rule == "NL206"]


@pytest.mark.parametrize("text", ["", "\n", "🙂 🚀", "Президент заявив. північна Корея.\n", "a", "x\n" * 3, "`kyiv` and https://kyiv.example.com/russia\n", "#russia @kyiv\n"])
def test_bad_input(text):
    assert not lint(text)


def _annotated(dirname):
    for p in sorted(glob.glob(os.path.join(ROOT, dirname, "*.yaml"))):
        d = yaml.safe_load(open(p))
        art = os.path.join(os.path.dirname(p), d["article"])
        yield art, d


def test_seed_case_annotations_are_covered():
    lin = Linter(Settings(select=["spelling", "NL2"]))
    misses = []
    for art, d in _annotated("seeds"):
        fs, _ = lin.lint(Document(open(art, encoding="utf-8").read(), art))
        for x in d["defects"]:
            if x["category"] in ("typo", "mechanics") and not any(f.line <= x["line"] <= f.end_line for f in fs):
                misses.append((d["article"], x["line"], x["text"]))
    assert not misses


def test_no_findings_on_clean_fixtures():
    for art, d in _annotated("fixtures/clean"):
        fs = lint(open(art, encoding="utf-8").read(), art)
        assert not fs, (art, [(f.line, f.rule, f.text) for f in fs])


def test_spelling_fixtures_fully_found_without_false_alarms():
    lin = Linter(Settings(select=["spelling", "NL201", "NL202", "NL203", "NL204", "NL205", "NL206"]))
    for art, d in _annotated("fixtures/spelling"):
        fs, _ = lin.lint(Document(open(art, encoding="utf-8").read(), art))
        lines = {x["line"] for x in d["defects"] if x["category"] in ("typo", "mechanics")}
        assert lines <= {f.line for f in fs}, art
        assert {f.line for f in fs} <= lines, (art, [(f.line, f.rule, f.text) for f in fs])


def test_hyphenated_tokens_equal_the_full_scan():
    """hyphenated_tokens starts at hyphens and walks back to the token start; its set must be
    that of the full pattern's findall."""
    from hypothesis import given, settings, strategies as st

    from newslint.rules.case import _HYPHENATED_TOKEN, hyphenated_tokens

    pieces = st.sampled_from(
        ["Jong", "-", "un", "Un", "Kim", " ", "Ab", "x", "É", "é", "1", "_", "'", "’", "--", "O'", "Lee-", "-Myung",
         "\n", ".", "based", "Washington"]
    )

    @settings(max_examples=2000, deadline=None)
    @given(st.lists(pieces, max_size=14).map("".join))
    def same(text):
        assert hyphenated_tokens(text) == frozenset(_HYPHENATED_TOKEN.findall(text)), repr(text)

    same()


def test_lowercase_sentence_start_after_an_opening_mark():
    """A sentence whose first character is a bracket or dash, not a letter, is still examined."""
    fs = lint("The talks ended on Friday. (negotiators will meet again in March.)\n")
    assert texts(fs, "NL203") == ["negotiators"]


def test_present_phrases_are_those_whose_words_all_occur():
    """The phrase index picks exactly the phrases whose ASCII words all occur, in list order."""
    from hypothesis import given, settings, strategies as st

    from newslint.analysis.names import name_phrases

    phrases = name_phrases(L.context)
    vocabulary = sorted(phrases.words) + ["kyiv", "the"]

    @settings(max_examples=500, deadline=None)
    @given(st.frozensets(st.sampled_from(vocabulary), max_size=12))
    def same(words):
        assert phrases.present(words) == [p for p, parts in phrases.parts if parts <= words]

    same()


def test_lowercase_title_needs_a_title_word():
    assert texts(lint("The guest was dr. Elena Kovalenko of the institute.\n"), "NL202") == ["dr."]
    assert texts(lint("The guest was xdr. Elena Kovalenko of the institute.\n"), "NL202") == []


def test_rules_read_only_the_lists_they_declare():
    from newslint.rule import Context

    linter = Linter(Settings(select=["NL2"]))
    doc = Document("Officials in kyiv met north Korea's envoy. Kiev was calm. Kyiv was not.\n", "x.txt")
    for rule in linter.rules:
        ctx = Context(lists=linter.context.lists, declared=frozenset(rule.lists))
        rule.setup(ctx)
        list(rule.check(doc, ctx))


@pytest.mark.parametrize("text", [
    # a byline under a dateline paragraph
    "Rescuers searched the rubble on Sunday.\nby Staff Writers\nDhaka (AFP) May 2, 2019\n",
    # a scraped template identifier and an image file name
    "Senate passes the bill\n\nitems.[0].image.alt\nThe vote was 69 to 30.\n",
    "The mayor spoke last.\nharbour lights 300x200 promo.jpg\n",
    # a hard-wrapped sentence: the line above did not end
    "The council met on Tuesday evening and voted to close the pool, which has\nbeen shut since the storm. It will reopen in May.\n",
    "Posted at 9:41 PM, Mar 3, 2024\nand last updated 2024-03-04 08:15:09-05\n",
    # a title with its own question mark
    "She starred in Whose Turn Is It Anyway? and later joined a touring company.\n",
])
def test_lowercase_sentence_start_ignores_fragments_wraps_and_titles(text):
    assert texts(lint(text), "NL203") == []


def test_lowercase_sentence_start_still_reports_a_sentence_after_a_question():
    assert texts(lint("Will it pass? nobody in the chamber could say for sure.\n"), "NL203") == ["nobody"]


def test_name_case_variants():
    fs = lint("WhatsApp said users of WhatsApp could not log in. Whatsapp later fixed it.\n")
    assert texts(fs, "NL207") == ["Whatsapp"]
    # an all-caps label, a dictionary word (US/Us), a headline in capitals
    assert texts(lint("DEANNE CRISWELL: Good morning.\n\nCriswell said the storm was large.\n"), "NL207") == []
    assert texts(lint("The US said it would help. Let Us Pray is a film. WHO and Who.\n"), "NL207") == []
