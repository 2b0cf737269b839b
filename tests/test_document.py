import pytest
from hypothesis import given, settings, strategies as st

from newslint.document import Document


def test_positions_are_one_based_code_points_and_end_exclusive():
    doc = Document("ab\n😀 adn x\n")
    off = doc.text.index("adn")
    assert doc.position(off) == (2, 3)  # the emoji is one code point
    assert doc.position(off + 3) == (2, 6)
    assert doc.offset(2, 3) == off


def test_bom_is_dropped_and_crlf_columns_match_an_editor():
    doc = Document.from_bytes("\ufeffone\r\ntwo adn\r\n".encode("utf-8"))
    assert doc.text.startswith("one")
    off = doc.text.index("adn")
    assert doc.position(off) == (2, 5)
    assert doc.lines[0].text == "one"  # no CR in the line text
    assert doc.newline == "\r\n"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_position_and_offset_are_inverse(text):
    doc = Document(text)
    for off in range(0, len(text) + 1, max(1, len(text) // 7 or 1)):
        line, col = doc.position(off)
        assert doc.offset(line, col) == off
        assert line == text.count("\n", 0, off) + 1


def test_prose_blanks_code_urls_and_comments_but_keeps_offsets():
    text = "Teh `adn` code\nsee https://example.com/adn and <!-- adn --> x@y.org\n```\nadn\n```\nend"
    doc = Document(text, "a.md")
    assert len(doc.prose) == len(text)
    assert "adn" not in doc.prose
    assert doc.prose.startswith("Teh ")
    # newlines are kept, except the soft break inside the first paragraph, which reads as a space
    assert doc.prose.count("\n") == text.count("\n") - 1 and doc.prose[text.index("\n")] == " "
    assert not doc.is_prose(text.index("https"))
    assert doc.is_prose(0, 3)
    assert [ln.kind for ln in doc.lines][2:5] == ["code", "code", "code"]


def test_line_kinds():
    text = "# Title\n\n- item\n> quote\n| a | b |\n|---|---|\nQ: Why?\nA: Because.\nQ: And?\nplain text.\n"
    kinds = [ln.kind for ln in Document(text, "a.md").lines]
    assert kinds == ["heading", "blank", "list", "quote", "table", "table", "label", "label", "label", "text", "blank"]


def test_speaker_labels_need_to_recur_so_titles_with_colons_are_not_labels():
    text = (
        "The Proposal: A Strategic Move?\n"
        "Senior Editor: What now?\n"
        "Dr. Ames: We wait.\n"
        "Senior editor: And then?\n"
        "Dr. Ames: We see.\n"
    )
    doc = Document(text)
    assert [ln.kind for ln in doc.lines] == ["text", "label", "label", "label", "label", "blank"]
    assert doc.label(doc.lines[3]) == "Senior editor"


def test_plain_text_lines_ending_a_sentence_are_paragraphs_and_soft_wraps_join():
    text = "First paragraph ends here.\nSecond one is wrapped over\ntwo lines here.\n"
    doc = Document(text)
    assert [(p.first_line, p.last_line) for p in doc.paragraphs] == [(1, 1), (2, 3)]


def test_sentences_respect_abbreviations_and_initials():
    text = "Lt. Gen. Kyrylo Budanov spoke to the U.S. press on Monday. He said J. Smith left. it rained.\n"
    doc = Document(text)
    got = [text[s.start : s.end] for s in doc.sentences]
    assert got == [
        "Lt. Gen. Kyrylo Budanov spoke to the U.S. press on Monday.",
        "He said J. Smith left.",
        "it rained.",
    ]


def test_answer_sentences_exclude_the_speaker_label():
    text = "Host: Welcome back.\nDr. Lee: thanks. it is good.\nHost: Indeed.\nDr. Lee: Yes.\n"
    doc = Document(text)
    first = [text[s.start : s.end] for s in doc.sentences][1]
    assert first == "thanks."


def test_quotations_pair_and_unclosed_is_reported():
    text = "“We are waiting, Budanov said. “It is unclear.”\nHe said “yes” and \"no\".\n"
    doc = Document(text)
    closed = [(text[q.start : q.end], q.closed) for q in doc.quotations]
    assert closed[0][1] is False and closed[0][0].startswith("“We are waiting")
    assert ("“It is unclear.”", True) in closed
    assert ("“yes”", True) in closed and ('"no"', True) in closed


@pytest.mark.slow
def test_ends_sentence_agrees_with_its_pattern():
    from hypothesis import given, settings, strategies as st

    from newslint.document import _SENTENCE_END, _ends_sentence

    alphabet = st.sampled_from(list("ab .!?…:;\"”’')] \t\n\u00a0\u2003x"))

    @settings(max_examples=3000, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=12))
    def same(line):
        assert _ends_sentence(line) == bool(_SENTENCE_END.search(line)), repr(line)

    same()


@pytest.mark.slow
def test_sentence_boundary_pattern_agrees_with_its_plain_form():
    """The boundary pattern starts with a character class so that re can scan for it in C;
    it must find exactly what the plain alternation finds."""
    import re

    from hypothesis import given, settings, strategies as st

    from newslint.document import _SENT_BOUNDARY

    plain = re.compile(r"((?:[.!?]+|…)[\"”’')\]]*)\s+(?=\S)")
    alphabet = st.sampled_from(list("ab .!?…\"”’')] \t\n\u00a0"))

    @settings(max_examples=3000, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=14), st.integers(0, 14), st.integers(0, 14))
    def same(text, a, b):
        a, b = min(a, b, len(text)), min(max(a, b), len(text))
        spans = lambda rx: [(m.span(), m.span(1)) for m in rx.finditer(text, a, b)]  # noqa: E731
        assert spans(_SENT_BOUNDARY) == spans(plain), repr(text)

    same()


def _sentences_paragraph_by_paragraph(doc):
    """The sentence splitter as first written: each paragraph scanned on its own."""
    from newslint.document import _ABBREVIATION_MAX, _INITIALISM, _LABEL, _SENT_BOUNDARY, _WORD_BEFORE, ABBREVIATIONS, Span

    prose, out, k = doc.prose, [], _ABBREVIATION_MAX + 1
    for p in doc.paragraphs:
        if p.kind == "table":
            continue
        start = p.start
        if p.kind == "label":
            m = _LABEL.match(prose, p.start)
            if m:
                start = m.end() - 1
        while start < p.end and prose[start].isspace():
            start += 1
        for m in _SENT_BOUNDARY.finditer(prose, start, p.end):
            stop = m.start()
            if prose[stop] == "." and not (stop - k >= start and prose[stop - k : stop].isalpha()):
                w = _WORD_BEFORE.search(prose, max(start, stop - 12), stop + 1)
                word = w.group(1).lower().rstrip(".") if w else ""
                if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or _INITIALISM.fullmatch(word):
                    continue
            out.append(Span(start, m.end(1)))
            start = m.end()
        end = p.end
        while end > start and prose[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Span(start, end))
    return out


@pytest.mark.slow
def test_sentences_from_one_scan_agree_with_a_scan_per_paragraph():
    from hypothesis import given, settings, strategies as st

    pieces = st.sampled_from(
        ["The vote passed.", " ", "  ", "\n", "\n\n", "Dr. Lee said so.", "U.S. troops left!", "Q: Why?", "A: Because. ",
         "Senior Editor: yes.", "| a | b |", "|---|---|", "“Go.”", "… then", "Wait...", "x", "Mr.", "e.g. this", "# Heading",
         "- item. Next", "\t", "?!", ")", "Sen. Kim: no."]
    )

    @settings(max_examples=1500, deadline=None)
    @given(st.lists(pieces, max_size=14).map("".join), st.booleans())
    def same(text, markdown):
        doc = Document(text, "a.md" if markdown else "a.txt")
        assert doc.sentences == _sentences_paragraph_by_paragraph(doc), repr(text)

    same()


def test_markdown_indented_code_is_masked_but_not_list_continuations():
    from newslint.engine import lint_text

    md = (
        "# Results\n\nThe count ended on Monday.\n\n    SELECT votes FROM adn_table;\n    -- teh raw query\n\n"
        "Back to the story.\n\n- First item\n\n    a continued paragraph with teh typo\n"
    )
    doc = Document(md, "a.md")
    kinds = [ln.kind for ln in doc.lines]
    assert kinds[4:6] == ["code", "code"] and kinds[-2] == "text"
    assert "SELECT" not in doc.prose and "continued paragraph" in doc.prose
    typos = [f.line for f in lint_text(md, "a.md") if f.rule == "NL101"]
    assert typos == [12]  # the list item's continuation, not the code block
    # plain text has no indented code blocks
    assert all(ln.kind != "code" for ln in Document(md, "a.txt").lines)


def test_plain_text_of_unknown_wrapping_softens_only_clauses_that_run_on():
    from newslint.engine import lint_text

    # a clause broken over two lines reads as one sentence
    assert "NL501" in [f.rule for f in lint_text("Experts say the talks\nhave stalled.\n")]
    # a label and its value, or a label line after a title, keep their line break
    d = Document("Model:\ngpt-4\n", "a.txt")
    assert d.prose == d.text
    d = Document("An Interview on the Harbour Plan\nnews desk Editor: Welcome to the programme.\n", "a.txt")
    assert d.prose == d.text


# --- hard-wrapped plain text: paragraphs, logical lines --------------------------------------------
WRAPPED = (
    "Harbour Board Approves New Ferry Timetable After Months of Talks Over\n"  # a title-case headline,
    "Winter Sailings\n"  # wrapped, then its story
    "The harbour board approved a new ferry timetable on Thursday, ending\n"
    "months of talks with the island councils over the number of winter\n"
    "sailings and the price of a return ticket for residents of the islands.\n"
    "Board Chair Says Fares Will Stay Frozen Until the End of Next Summer\n"  # a headline as long as the width
    "The chair said fares for residents would not rise before next autumn,\n"
    "and that the board would publish the running costs of each route in\n"
    "March. “We have listened to the islands and we have kept every sailing.\n"
    "Nobody loses a boat,” she told reporters after the vote in the town.\n"
    "  • Councillors said the timetable still left the smallest island with\n"
    "too few crossings on Sundays during the winter months.\n"
)


def test_hard_wrapped_text_reads_as_paragraphs_and_headlines_stand_alone():
    doc = Document(WRAPPED, "a.txt")
    assert doc._wrap_width == 71
    assert [(p.first_line, p.last_line) for p in doc.paragraphs] == [(1, 2), (3, 5), (6, 6), (7, 10), (11, 12)]
    # a sentence ending with a full line inside a quotation does not end the paragraph
    assert doc.paragraph_index(doc.text.index("Nobody")) == doc.paragraph_index(doc.text.index("March."))


def test_logical_lines_join_a_wrapped_paragraph_with_exact_offsets():
    doc = Document(WRAPPED, "a.txt")
    logical = doc.logical_lines
    assert [ln.number for ln in logical] == [1, 3, 6, 7, 11, 13]
    head, body, title, quote, item = logical[:5]
    assert head.text == "Harbour Board Approves New Ferry Timetable After Months of Talks Over Winter Sailings"
    assert item.kind == "list" and item.text.endswith("too few crossings on Sundays during the winter months.")
    for ln in logical:
        assert len(ln.text) == ln.end - ln.start
        assert doc.unwrapped[ln.start : ln.end] == ln.text
        assert doc.text[ln.start : ln.end].replace("\n", " ") == ln.text
    off = doc.text.index("Nobody")
    assert doc.logical_line_of(off) == quote and doc.line_bounds(off) == (quote.start, quote.end)
    assert doc.logical_index(9) == 3 and doc.logical_index(6) == 2
    assert len(doc.unwrapped) == len(doc.text) and doc.unwrapped.count("\n") == len(logical) - 1
    # unwrapped copy: logical lines are the lines themselves
    flat = Document("One line.\nAnother line.\n", "a.txt")
    assert flat.logical_lines is flat.lines and flat.unwrapped == flat.text


def test_a_speakers_turn_runs_on_over_sentence_ends_to_the_next_label():
    text = (
        "Host: Thank you for joining us to talk about the harbour and its ferries.\n"
        "Many listeners wrote in about the winter timetable and the cost of it.\n"
        "What changes now for the people who cross every day for their work?\n"
        "Guest: Very little changes for them, which is the point of the plan we\n"
        "agreed. The early boat stays and the late boat stays on the timetable.\n"
        "Host: And the fares?\n"
        "Guest: Frozen for residents until next autumn, as the board promised.\n"
    )
    doc = Document(text, "a.txt")
    assert [(p.first_line, p.last_line, p.kind) for p in doc.paragraphs][:2] == [(1, 3, "label"), (4, 5, "label")]


def test_narrow_lines_of_a_short_article_are_not_hard_wrapping():
    text = "Council Approves Budget After Long Debate\nUpdated 3 May 2025\nCouncil Approves Budget After Long Debate\nThe council approved the budget on Tuesday.\n"
    doc = Document(text, "a.txt")
    assert doc._wrap_width == 0
    assert [ln.number for ln in doc.logical_lines] == [1, 2, 3, 4, 5]


# --- the word table's two ways of splitting ---------------------------------------------------
_WORDISH = "abcXYZ09_'’ -.,\n\téüßÆµ²ªºİıſ€–—\u00a0αβЖж١٢中"


def _regex_split(prose):
    """The word table as the regex alone makes it (the Latin-1 shortcut switched off)."""
    from newslint.analysis import words as W

    saved = W._split_latin1
    W._split_latin1 = lambda low: None
    try:
        t = W.WordTable(prose)
    finally:
        W._split_latin1 = saved
    return t.words, t.starts, t.ends


def test_the_latin1_word_split_equals_the_regex_split():
    """Prose whose word characters are all Latin-1 is split with byte operations; the words and
    offsets must be the regex's, whatever the mix of apostrophes, underscores and scripts."""
    from hypothesis import given, settings, strategies as st

    from newslint.analysis.words import WordTable

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=_WORDISH, max_size=60))
    def same(prose):
        t = WordTable(prose)
        assert (t.words, t.starts, t.ends) == _regex_split(prose)

    same()
    for prose in ("rock'n'roll '90s ''quoted'' it's_ _x' l'été ſs İstanbul", "a''b 'tis x'", "naïve café ²³ µm"):
        t = WordTable(prose)
        assert (t.words, t.starts, t.ends) == _regex_split(prose)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=())), st.text(st.characters(blacklist_categories=()), min_size=1, max_size=4))
def test_holds_any_on_utf8_bytes_equals_the_substring_test(text, needle):
    """holds_any looks for a marker in the lower-cased text's UTF-8 (faster than in the text):
    the answer is the same as ``needle in text.lower()`` for any text, surrogates included."""
    from newslint.analysis.words import holds_any

    low = text.lower()
    assert holds_any(Document(text, "a.txt"), [needle]) is (needle in low)
    if len(low) > 2:
        assert holds_any(Document(text, "a.txt"), [low[1:3]]) is True
