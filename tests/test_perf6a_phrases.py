"""The phrase matcher finds the same matches whether it looks for the few candidate phrases one by
one (the words of each occur in the article) or scans the article's words with its automaton."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.analysis import phrases
from newslint.analysis.phrases import PhraseMatcher
from newslint.document import Document

_WORDS = ["a", "b", "c", "the", "big", "bad", "wolf", "it's", "x"]
_SEPARATORS = [" ", "  ", "-", " - ", "\n", ", ", " — "]


def _scan(matcher: PhraseMatcher, text: str, few: int):
    saved = phrases._FEW_PHRASES
    phrases._FEW_PHRASES = few
    try:
        return matcher.scan(Document(text, "t.txt"))
    finally:
        phrases._FEW_PHRASES = saved


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(
    st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6),
    st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join), max_size=4),
    st.lists(st.tuples(st.sampled_from(_WORDS + ["Big", "THE"]), st.sampled_from(_SEPARATORS)), max_size=30),
)
def test_candidates_find_what_the_automaton_finds(set1, set2, parts):
    text = "".join(w + s for w, s in parts)
    m = PhraseMatcher()
    m.add(set1)
    m.add(set2)
    assert _scan(m, text, 10**6) == _scan(m, text, -1)
