"""Readability (NL300-NL302): Flesch scores in doc.stats, long sentences and paragraphs."""
import glob
import os
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings, strategies as st

from conftest import FIXTURES, ROOT, SEEDS
from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter
from newslint.analysis import readability

PLAIN = (
    "The talks ended on Monday. Both sides said they would meet again next week. "
    "Officials in Kyiv said the first prisoners could be freed by the end of the month.\n"
)
DENSE = (
    "Notwithstanding considerable institutional disagreement regarding methodological appropriateness, "
    "governmental representatives characterised the international negotiations as extraordinarily "
    "consequential and fundamentally transformational. Parliamentary commentators reiterated that "
    "retaliatory administrative restrictions represented an unjustifiable escalation.\n"
)


def lint(text, select=("NL3",), rules=None, path="story.txt"):
    linter = Linter(Settings(select=list(select), rules=rules or {}))
    doc = Document(text, path)
    findings, errors = linter.lint(doc)
    assert not errors, errors
    return doc, findings


def test_scores_land_in_doc_stats():
    doc, findings = lint(PLAIN)
    s = doc.stats
    assert s["sentences"] == 3 and s["words"] == 30
    assert 60 < s["flesch_reading_ease"] < 100
    assert 0 < s["flesch_kincaid_grade"] < 9
    assert findings == []
    dense = lint(DENSE)[0].stats
    assert dense["flesch_reading_ease"] < s["flesch_reading_ease"] - 50
    assert dense["flesch_kincaid_grade"] > s["flesch_kincaid_grade"] + 10


def test_constants_are_textstats():
    from textstat.backend.utils import get_lang_cfg

    from newslint.analysis.readability import FLESCH_EN

    for key, value in FLESCH_EN.items():
        assert float(get_lang_cfg("en", key)) == value, key


def test_formulas_use_textstat_constants():
    doc, _ = lint(PLAIN)
    s = doc.stats
    wps, spw = s["words"] / s["sentences"], s["syllables"] / s["words"]
    assert s["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * wps - 84.6 * spw, abs=0.06)
    assert s["flesch_kincaid_grade"] == pytest.approx(0.39 * wps + 11.8 * spw - 15.59, abs=0.06)


def test_syllable_counts_track_the_cmu_dictionary():
    """The fast vowel-group counter against textstat's CMU-based count."""
    from textstat.backend.utils import get_cmudict

    cmu = get_cmudict("en_US")
    words = []
    for path in sorted(glob.glob(os.path.join(SEEDS, "*.txt"))):
        words += readability.SYLLABLE_PART.findall(open(path, encoding="utf-8").read().lower())
    words = [w for w in words if w in cmu]
    ours = sum(readability.syllable_count(w) for w in words)
    theirs = sum(sum(1 for p in cmu[w][0] if p[-1].isdigit()) for w in words)
    assert abs(ours - theirs) / theirs < 0.02
    for word, n in [("the", 1), ("over", 2), ("international", 5), ("president", 3), ("forces", 2), ("able", 2)]:
        assert readability.syllable_count(word) == n, word


def test_scores_agree_with_textstat_on_plain_sentences():
    import textstat

    text = (
        "The council met on Tuesday. It voted to close the old bridge for repairs. "
        "Work will start in June and take about a year. Drivers will use the ring road until then.\n"
    )
    doc, _ = lint(text)
    assert doc.stats["flesch_reading_ease"] == pytest.approx(textstat.flesch_reading_ease(text), abs=6)
    assert doc.stats["flesch_kincaid_grade"] == pytest.approx(textstat.flesch_kincaid_grade(text), abs=1.5)


def test_works_offline_and_without_loading_the_cmu_dictionary():
    """In a fresh process with every socket connection refused, the scores are computed and the
    CMU dictionary is never loaded (textstat loads it, taking about 0.8 s, when its syllable
    counter is used)."""
    code = textwrap.dedent(
        f"""
        import socket
        def refuse(*a, **k):
            raise OSError("network disabled in this test")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from newslint.document import Document
        from newslint.analysis import readability
        doc = Document({PLAIN!r} * 20, "x.txt")
        s = readability.reading_scores(doc)
        from textstat.backend.utils._get_cmudict import get_cmudict
        assert get_cmudict.cache_info().currsize == 0, "cmudict was loaded"
        assert s["flesch_reading_ease"] > 60, s
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_reading_ease_finding_for_very_hard_articles_only():
    _, findings = lint(DENSE * 3)
    assert [f.rule for f in findings if f.rule == "NL300"] == ["NL300"]
    assert findings[0].category == "readability" and str(findings[0].severity) == "info"
    _, findings = lint(PLAIN * 5)
    assert findings == []
    # configurable
    _, findings = lint(PLAIN * 5, rules={"reading-ease": {"min-reading-ease": 99.0}})
    assert [f.rule for f in findings] == ["NL300"]


def test_long_sentence():
    words = " ".join(["word"] * 50)
    text = f"Short one here. The {words} end.\n"
    doc, findings = lint(text)
    long = [f for f in findings if f.rule == "NL301"]
    assert len(long) == 1 and long[0].text.startswith("The word")
    assert "52 words" in long[0].message
    _, findings = lint("One two three four five six seven eight nine ten eleven twelve.\n",
                       rules={"long-sentence": {"max-words": 10}})
    assert [f.rule for f in findings] == ["NL301"]


def test_long_paragraph_by_sentences_and_by_words():
    six = "Kyiv said so. " * 6
    _, findings = lint(six.strip() + "\n")
    (f,) = [f for f in findings if f.rule == "NL302"]
    assert "6 sentences" in f.message and f.related_positions
    _, findings = lint(("Kyiv said so. " * 5).strip() + "\n")
    assert [f for f in findings if f.rule == "NL302"] == []
    many_words = "The talks in the capital went on for a long time and ended late. " * 4  # 56 words, 4 sentences
    _, findings = lint(many_words.strip() + "\n", rules={"long-paragraph": {"max-words": 50}})
    assert [f.rule for f in findings] == ["NL302"]


def test_headings_and_tables_are_not_scored():
    text = "# " + " ".join(["Heading"] * 60) + "\n\n| a | b |\n|---|---|\n| " + " ".join(["cell"] * 60) + " | x |\n\nThe talks ended.\n"
    doc, findings = lint(text, path="story.md")
    assert findings == []
    assert doc.stats["sentences"] == 1 and doc.stats["words"] == 3


@pytest.mark.parametrize("text", ["", "\n\n", "🎉", "北京上海。東京", "1 2 3", "—", "| a | b |\n|---|---|\n"])
def test_bad_input(text):
    doc, findings = lint(text)
    assert findings == []


def test_no_findings_on_clean_fixtures():
    import yaml

    noisy = []
    for meta_path in sorted(glob.glob(os.path.join(FIXTURES, "*", "*.yaml"))):
        meta = yaml.safe_load(open(meta_path, encoding="utf-8"))
        if not meta.get("clean"):
            continue
        path = os.path.join(os.path.dirname(meta_path), meta["article"])
        _, findings = lint(open(path, encoding="utf-8").read(), path=path)
        noisy += [(os.path.basename(path), f.line, f.rule) for f in findings]
    assert noisy == []


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(
    st.sampled_from(["“", "(", "-", "_", "a", "É", "7", "٣", " ", "\n", "\u00a0", "\u2003", "’", "😀", "x_y"]),
    max_size=40))
def test_word_tokens_counted_as_the_token_pattern_counts(parts):
    """word_count's pattern, tried only where a token starts, finds as many words as the one
    it replaced."""
    from newslint.analysis.readability import _TOKEN, _WORD_TOKEN

    text = "".join(parts)
    assert len(_WORD_TOKEN.findall(text)) == len(_TOKEN.findall(text))


def test_word_count_is_linear_in_a_run_of_punctuation():
    import time

    from newslint.analysis.readability import word_count

    doc = Document("The council met. " + "“" * 100_000 + " Then it voted.\n", "a.txt")
    started = time.perf_counter()
    assert word_count(doc, 0, len(doc.text), 1) == 6
    assert time.perf_counter() - started < 1.0
