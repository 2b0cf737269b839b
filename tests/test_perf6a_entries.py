"""An entry with gate words and 'contains' substrings (the generator's metadata of
ai.chatbot-artefacts, 'contains: [llama]') finds the same lines whether it is run over its gate
words' lines (no substring in the text) or over the whole text (the substring, or İ, ı, ſ)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.document import Document
from newslint.engine import Linter

BODY = "The council met on Monday to discuss the budget for the coming year, officials said.\n\n"
META = {
    "Model: gpt\n\nTemperature:\n\n": ["Model: gpt", "Temperature:", "gpt-4o"],
    "Temperature:\n\n": ["Temperature:", "gpt-4o"],
    "gpt-4o\n\n": ["gpt-4o", "gpt-4o"],
    "Max tokens: claude\n\n": ["Max tokens: claude", "gpt-4o"],
}


@pytest.fixture(scope="module")
def linter():
    return Linter()


@pytest.mark.parametrize("extra", ["", "A llama3 note.\n", "Istanbul İzmir.\n", "The model is used.\n"])
@pytest.mark.parametrize("meta", list(META))
def test_metadata_lines_found_either_way(linter, extra, meta):
    text = BODY + meta + extra + BODY + "gpt-4o\n"
    findings, _ = linter.lint(Document(text, "a.txt"))
    assert [text[f.start : f.end] for f in findings if f.rule == "NL602"] == META[meta]


_CREDIT_PARTS = ["Photo", "photographs", "PICTURE", "Pictured", "image", "Credits", "caption", "aption", "s", " ", "\n",
                 "\t", ":", "x", "İ", "ı", "ſ", "\u00a0", "  :", "P", "hoto", "redit"]


@settings(max_examples=500, deadline=None, database=None, derandomize=True)
@given(st.lists(st.sampled_from(_CREDIT_PARTS), max_size=10).map("".join))
def test_credit_gate_before_colons_is_the_search(text):
    from newslint.rules.boilerplate import _CREDIT_GATE, credit_gate

    assert credit_gate(text) == bool(_CREDIT_GATE.search(text))


_APOSTROPHE_PARTS = ["it", "'", "’", "s", "x", " ", "some", "Many", "_", "é", "9", "analysts", "t", "\n", "-"]


@settings(max_examples=500, deadline=None, database=None, derandomize=True)
@given(st.lists(st.sampled_from(_APOSTROPHE_PARTS), max_size=10).map("".join))
def test_joined_keyword_is_the_runs_after_apostrophes(text):
    import re

    from newslint.rules.attribution import _joined_keyword

    keywords = frozenset(["it", "some", "many", "analysts"])
    doc = Document(text, "a.txt")
    runs = re.findall(r"['’]([^\W_]+)", doc.prose)
    assert _joined_keyword(doc, keywords) == (not keywords.isdisjoint(map(str.lower, runs)))
