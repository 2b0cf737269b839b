"""Generated copy (NL6xx, ai-content): fabricated interviews, chatbot artefacts, stock phrasing,
template sections and questions to the reader."""
import glob
import os

import pytest
import yaml

from conftest import FIXTURES, SEEDS
from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter

AI = Linter(Settings(select=["ai-content"]))
BOTH = Linter(Settings(select=["ai-content", "boilerplate"]))
COMPAT = {"ai_marker": {"ai-content", "boilerplate"}, "fabricated_interview": {"ai-content"}, "boilerplate": {"boilerplate", "ai-content"}}


def lint(text, path="x.txt", linter=AI):
    findings, errors = linter.lint(Document(text, path))
    assert not errors, errors
    return findings


def codes(text, path="x.txt", linter=AI):
    return [f.rule for f in lint(text, path, linter)]


def covers(f, line):
    spans = [(f.line, f.end_line)] + [(a, c) for a, _, c, _, _ in f.related_positions]
    return any(a <= line <= b for a, b in spans)


def annotated(directory):
    for y in sorted(glob.glob(os.path.join(directory, "*.yaml"))):
        meta = yaml.safe_load(open(y, encoding="utf-8"))
        path = os.path.join(directory, meta["article"])
        yield path, meta


def read(path):
    return open(path, encoding="utf-8").read()


# --- seeds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path,meta", list(annotated(SEEDS)), ids=lambda x: os.path.basename(x) if isinstance(x, str) else "")
def test_seed_ai_annotations_are_covered(path, meta):
    findings = lint(read(path), path, BOTH)
    for d in meta["defects"]:
        if d["category"] in ("ai_marker", "fabricated_interview"):
            assert any(f.category in COMPAT[d["category"]] and covers(f, d["line"]) for f in findings), d
    # precision: every ai-content finding sits on an annotated line of a compatible category
    lines = {d["line"] for d in meta["defects"] if d["category"] in COMPAT}
    for f in findings:
        if f.category == "ai-content":
            assert any(covers(f, n) for n in lines), (f.line, f.rule, f.message)


def test_seed_004_real_reporting_is_left_alone():
    path = os.path.join(SEEDS, "004_10b7d57b100c4354.txt")
    for f in lint(read(path), path, BOTH):
        if 12 <= f.line <= 22:
            raise AssertionError((f.line, f.rule, f.message))


def test_seed_001_interview_is_reported_once_at_the_first_speaker_line():
    path = os.path.join(SEEDS, "001_27f854d20dfb57b0.txt")
    found = [f for f in lint(read(path), path) if f.rule == "NL601"]
    assert len(found) == 1
    f = found[0]
    assert (f.line, f.text) == (20, "Senior Editor:")
    assert f.severity.name == "warning"
    for piece in ("Senior Editor", "geopolitical analyst", "we sat down with", "million-dollar question", "Thank you for having me"):
        assert piece in f.message, piece
    related_lines = {r[0] for r in f.related_positions}
    assert {18, 20, 23, 42, 43} <= related_lines


# --- fabricated interviews ---------------------------------------------------------------------


INTERVIEWS = os.path.join(FIXTURES, "interviews")


def _interviews(kind):
    out = [(p, m) for p, m in annotated(INTERVIEWS) if os.path.basename(p).startswith(kind)]
    assert len(out) >= 6, kind
    return out


@pytest.mark.parametrize("path,meta", _interviews("fab_"), ids=lambda x: os.path.basename(x) if isinstance(x, str) else "")
def test_fabricated_interviews_are_reported(path, meta):
    found = [f for f in lint(read(path), path) if f.rule == "NL601"]
    assert len(found) == 1, path
    for d in meta["defects"]:
        if d["category"] == "fabricated_interview":
            assert covers(found[0], d["line"]), d


@pytest.mark.parametrize("path,meta", _interviews("gen_"), ids=lambda x: os.path.basename(x) if isinstance(x, str) else "")
def test_genuine_interviews_are_not_reported(path, meta):
    assert meta["clean"] is True and meta["group"] == "clean"
    assert [f for f in lint(read(path), path, BOTH)] == []


QA = """{intro}
{iv}: Why did the ministry act now?
{gu}: Prices had risen for months and the reserve was low.
{iv}: What happens next?
{gu}: Households will feel it first, in the January bills.
{iv}: {close}
{gu}: {reply}
"""


def qa(intro, iv="Senior Editor", gu="Dr. Voss", close="Is there anything else?", reply="Only that winter is long."):
    return QA.format(intro=intro, iv=iv, gu=gu, close=close, reply=reply)


def test_generic_label_and_unaffiliated_guest_with_framing_is_reported():
    text = qa("We sat down with Dr. Mara Voss, a seasoned energy analyst.", close="Thank you, Dr. Voss, for your insights.")
    assert codes(text).count("NL601") == 1


def test_named_interviewer_is_never_reported():
    text = qa(
        "We sat down with Dr. Mara Voss, a seasoned energy analyst.",
        iv="Lindqvist",
        close="Thank you, Dr. Voss, for your insights.",
        reply="Thank you for having me.",
    )
    assert "NL601" not in codes(text)


def test_affiliated_guest_with_transcript_note_is_not_reported():
    intro = (
        "Mara Voss, head of research at the Nordic Energy Institute, spoke to Pål Ek of the Baltic Ledger. "
        "The interview has been edited for length and clarity."
    )
    assert "NL601" not in codes(qa(intro, iv="Q", gu="A", reply="Thanks for having me."))


def test_generic_label_alone_is_not_enough():
    # a role label and an introduced, affiliated guest, no stock framing: a house style, not a fake
    intro = "Mara Voss is an economist at Uppsala University."
    assert "NL601" not in codes(qa(intro, iv="Interviewer", gu="Voss"))


def test_named_byline_counts_against_a_fake():
    base = qa("We spoke with Adele about the last night of her residency.", iv="Q", gu="A", reply="Thanks for having me.")
    assert "NL601" in codes(base)
    assert "NL601" not in codes("By Hannah Okoye\n" + base)
    assert "NL601" in codes("By Staff Writer\n" + base)  # a generic byline is no counter-evidence


def test_placeholder_labels_are_reported():
    text = qa("Joining us today is [Guest Name].", iv="[Host's Name]", gu="[Guest Name]")
    assert codes(text).count("NL601") == 1


def test_min_score_option_is_respected():
    text = qa("We sat down with Dr. Mara Voss, a seasoned energy analyst.", close="Thank you, Dr. Voss, for your insights.")
    strict = Linter(Settings(select=["NL601"], rules={"NL601": {"min_score": 20}}))
    assert lint(text, linter=strict) == []


# --- chatbot artefacts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Certainly! Here's a rewritten news article about the vote:\nThe council voted on Monday.\n",
        "As an AI language model, I cannot confirm the figures.\n",
        "I'm sorry, but I cannot fulfill this request.\n",
        "The council voted on Monday. I hope this helps!\n",
        "The council voted on Monday.\nLet me know if you'd like a shorter version.\n",
        "As of my last knowledge update, the mine employed 4,000 people.\n",
        "The mayor, [Insert quote], said the plan would work.\n",
        "The article was written by [Alex Reed Credentials].\n",
        "[Rewrite this in a neutral tone and add two quotes]\nThe council voted on Monday.\n",
        "Exports rose 4% in March. :contentReference[oaicite:3]{index=3}\n",
        "Exports rose 4% in March citeturn0search2.\n",
        "Details at https://example.org/report?utm_source=chatgpt.com today.\n",
    ],
)
def test_chatbot_artefacts_are_errors(text):
    found = [f for f in lint(text) if f.rule == "NL602"]
    assert found and all(f.severity.name == "error" for f in found)


@pytest.mark.parametrize(
    "text",
    [
        '"Let me know if you need anything," the mayor told residents on Monday.\n',
        "The minister said the plan [to cut fuel duty] would work.\n",
        "As an AI researcher at Oxford, she has studied chatbots for a decade.\n",
        "He said he hoped the report would help investors.\n",
        "Section [4] of the act applies.\n",
    ],
)
def test_chatbot_artefacts_precision(text):
    assert "NL602" not in codes(text)


# --- stock phrasing ----------------------------------------------------------------------------


def test_strong_stock_phrase_is_info_and_weak_one_is_silent():
    fs = lint("The ruling adds a layer of complexity to the talks.\n")
    assert [(f.rule, f.severity.name) for f in fs] == [("NL603", "info")]
    assert lint("Her career is a testament to hard work.\n") == []


def test_quoted_stock_phrase_is_not_reported():
    assert lint('"It adds a layer of complexity," the minister said.\n') == []


def test_density_reports_density_and_threshold():
    text = (
        "The decision adds a layer of complexity to the talks. It is a testament to the resolve of both sides, "
        "and it underscores the complex dynamics of the region. The world watches closely.\n"
    )
    found = [f for f in lint(text) if f.rule == "NL604"]
    assert len(found) == 1
    assert "per 100 words (threshold 2)" in found[0].message and "strongest: stock phrase" in found[0].message
    assert len(found[0].related_positions) == 3  # the other three pieces of evidence


def test_density_stays_quiet_in_long_copy_with_few_phrases():
    body = "The council met on Tuesday and approved the budget after a long debate about roads and schools. " * 60
    text = body + "The decision is a testament to the mayor's patience. It marks a pivotal moment. It adds a layer of complexity.\n"
    assert "NL604" not in codes(text)


def test_density_threshold_option():
    text = "It adds a layer of complexity. It is a testament to them. The world watches closely.\n"
    loose = Linter(Settings(select=["NL604"], rules={"NL604": {"threshold": 500.0}}))
    assert lint(text, linter=loose) == []


# --- template sections and reader questions ------------------------------------------------------


def test_key_points_table_is_related():
    path = os.path.join(SEEDS, "001_27f854d20dfb57b0.txt")
    found = [f for f in lint(read(path), path) if f.rule == "NL605"]
    assert [f.line for f in found] == [7]
    assert found[0].related_positions[0][0] == 8 and found[0].related_positions[0][2] == 13


@pytest.mark.parametrize("heading", ["Key Takeaways:", "## Key Takeaways", "Key Points at a Glance", "Final Thoughts"])
def test_template_headings(heading):
    text = f"The council voted on Monday to approve the budget.\n{heading}\nThe vote was 7-2.\n"
    assert "NL605" in codes(text)


@pytest.mark.parametrize("heading", ["**Frequently Asked Questions**", "## FAQ", "The Bottom Line"])
def test_headings_newsrooms_use_too_need_corroboration(heading):
    plain = f"The council voted on Monday to approve the budget.\n\n{heading}\n\nThe vote was 7-2.\n"
    assert "NL605" not in codes(plain)
    farm = ("In today's fast-paced world, the council's budget is a testament to its vibrant, multifaceted "
            f"vision.\n\n{heading}\n\nThe vote was 7-2.\n")
    assert "NL605" in codes(farm)
    with_another = f"Key Takeaways\n\n- The budget passed.\n\n{heading}\n\nThe vote was 7-2.\n"
    assert [f.line for f in lint(with_another) if f.rule == "NL605"] == [1, 5]


def test_template_words_inside_a_sentence_are_fine():
    assert codes("The key takeaways from the summit were modest, diplomats said.\n") == []


def test_reader_question_not_in_interviews_or_quotes():
    assert "NL606" in codes("The vote is on Friday.\nWhat are your thoughts on this proposed exchange? Share them below.\n")
    assert "NL606" not in codes('"What are your thoughts on this?" a reporter asked the minister.\n')


# --- fixtures ----------------------------------------------------------------------------------


def _all_annotated():
    for d in sorted(glob.glob(os.path.join(FIXTURES, "*"))):
        yield from annotated(d)


def test_generated_fixtures_are_fully_covered_and_precise():
    directory = os.path.join(FIXTURES, "generated")
    items = list(annotated(directory))
    assert len(items) >= 5
    for path, meta in items:
        findings = lint(read(path), path, BOTH)
        for d in meta["defects"]:
            if d["category"] in COMPAT:
                assert any(f.category in COMPAT[d["category"]] and covers(f, d["line"]) for f in findings), (path, d)
        lines = [d["line"] for d in meta["defects"] if d["category"] in COMPAT]
        for f in findings:
            assert any(covers(f, n) for n in lines), (path, f.line, f.rule, f.message)


def test_no_ai_findings_on_clean_fixtures():
    seen = 0
    for path, meta in _all_annotated():
        if meta.get("clean"):
            seen += 1
            found = [(f.line, f.rule, f.message) for f in lint(read(path), path)]
            assert found == [], (path, found)
    assert seen >= 6


def test_template_closing_heading_the_bottom_line_is_found():
    """Every heading of ai.template-headings is reported; a hard-coded keyword gate once hid
    "The Bottom Line"."""
    from newslint.engine import lint_text

    text = (
        "Tariff vote passes\n\nIn today's fast-paced world, the Senate passed the tariff bill 61-39, a testament to "
        "its multifaceted vision.\n\nThe Bottom Line\n\nThe new levy takes effect in March, officials said.\n"
    )
    assert [(f.rule, f.line) for f in lint_text(text, "a.txt") if f.rule == "NL605"] == [("NL605", 5)]


# --- word_lines: the gate words' lines, found in one pass, and the word table agree -----------------


def _lines_of_word(doc, word):
    """The plain definition of word_lines: the lines of the word table's tokens equal to word."""
    from newslint.analysis.words import word_table

    t = word_table(doc)
    out = []
    for w, s in zip(t.words, t.starts):
        if w == word:
            ln = doc.line_of(s)
            if not out or out[-1] != (ln.start, ln.end):
                out.append((ln.start, ln.end))
    return out


@pytest.mark.slow
def test_word_lines_agree_with_the_word_table():
    from hypothesis import given, settings, strategies as st

    from newslint.analysis.entries import word_lines

    ctx = BOTH.context
    gates = ["comment", "my", "me", "don't", "your", "share"]  # gate words of the built-in lists
    others = ["comm", "mine", "economy", "ent", "café"]
    pieces = st.sampled_from(
        gates + others + ["Comment", "MY", "don’t", "comments", "x'my", "my_", "ſhare", "İ", " ", "  ", "\n", "-", ".", "’", "`my`", "é"]
    )

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=30), st.booleans())
    def check(parts, others_first):
        doc = Document("".join(parts))
        for word in (others + gates) if others_first else (gates + others):
            assert word_lines(doc, ctx, word) == _lines_of_word(doc, word), word

    check()


def test_gates_come_from_the_loaded_lists():
    """A newsroom's entry is gated by its own words: found where they occur, on any line."""
    import tempfile

    pack = (
        "pack: newsroom\nlists:\n"
        "  boilerplate.engagement-bait:\n"
        "    - pattern: '\\bwrite to the desk\\b'\n      gate: [desk]\n"
        "  ai.stock-phrases:\n    - a kaleidoscope of voices\n"
    )
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "newsroom.yaml")
        open(path, "w", encoding="utf-8").write(pack)
        linter = Linter(Settings(packs=[path], select=["NL703", "NL603"]))
        text = "The vote was close.\nWrite to the desk about it.\nIt gathered a kaleidoscope of voices.\n"
        found = [(f.rule, f.line) for f in lint(text, linter=linter)]
    assert ("NL703", 2) in found
    assert ("NL603", 3) in found


def test_changed_gates_still_let_their_patterns_run():
    text = (
        "The vote was close.\n"
        "Share your views in the comments below.\n"
        "I don't have real-time data on the count. I do not have access to live information.\n"
    )
    found = [(f.rule, f.line) for f in lint(text, linter=BOTH)]
    assert ("NL703", 2) in found
    assert found.count(("NL602", 3)) == 2


# --- issue 14: slots, assistant replies, verdict evidence, interviews, spun copy ------------------


@pytest.mark.parametrize("text", [
    "The mayor said [insert quote here] on Monday.\n",
    "The mayor said (add a quote from the mayor) on Monday.\n",
    "Work starts in (Date) at {{city}}.\n",
])
def test_unfilled_slots_in_every_bracket_shape(text):
    assert "NL602" in codes(text)


@pytest.mark.parametrize("text", [
    "He called it a \"disgrace [sic]\" on Monday.\n",
    "She said [the president] had agreed. (AP)\n",
    "The mayor (pictured) and her deputy (left) opened the bridge [Updated].\n",
    "The study found a rise [1] and a fall [2].\n",
])
def test_editorial_brackets_stay_quiet(text):
    assert "NL602" not in codes(text)


@pytest.mark.parametrize("text", [
    "Please provide the text you want me to rewrite.\n",
    "Here's a formatted HTML article as per your requirements:\n",
    "You are an experienced news writer.\n",
    "Model:\ngpt-4o\n",
    "I apologize for the confusion. The vote was on Tuesday.\n",
])
def test_assistant_replies_and_leaked_prompts(text):
    assert "NL602" in codes(text)


def test_verdict_names_strongest_evidence_and_needs_more_than_words():
    text = (
        "In this article, we delve into the vibrant harbour and its bustling market. "
        "The town is a testament to trade, and it underscores the multifaceted interplay of faith and commerce.\n"
    )
    found = [f for f in lint(text) if f.rule == "NL604"]
    assert len(found) == 1 and "strongest: template opener 'In this article, we'" in found[0].message
    assert found[0].related_positions
    # the lexicon alone never gives the verdict
    assert "NL604" not in codes("The vibrant, bustling, breathtaking, meticulous and intricate harbour.\n")


def test_interview_with_labels_that_do_not_recur():
    text = (
        "Interview with Economic Commentator Dr. Ana Ruiz on the Budget\n"
        "news.site Editor: We are glad to have you here, Dr. Ana Ruiz. Can you shed light on the budget?\n"
        "Dr. Ana Ruiz: Thank you for having me. The budget marks a significant turn for the country.\n"
    )
    found = [f for f in lint(text) if f.rule == "NL601"]
    assert len(found) == 1 and "generic interviewer label 'news.site Editor'" in found[0].message


def test_genuine_qa_fixture_stays_quiet():
    path = os.path.join(FIXTURES, "interviews", "clean_newsroom_economist_lin.txt")
    assert [f for f in lint(read(path), path) if f.category == "ai-content"] == []


def test_spintax_and_spinner_substitutions():
    assert codes("Prices {rose|climbed|jumped} on Monday.\n") == ["NL607"]
    two = "Tensions are rising/growing/mounting. The dispute/row/standoff drags on.\n"
    assert codes(two) == ["NL607", "NL607"]
    assert "NL607" not in codes("Send a letter and/or an email/text/fax to the office.\n")
    found = [f for f in lint("The rebels, backed through the US, held the town.\n") if f.rule == "NL608"]
    assert found and "stands for 'backed by'" in found[0].message


# --- round five: shapes of generated copy the seeds lack ------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # the site itself as the interviewer, an expert with praise and no institution
        "We recently had the pleasure of sitting down with Dr. Helena Marsh, a renowned sustainability expert. "
        "\"Small changes add up,\" she told us.\n",
        # credentials instead of an institution, and the site's own conversation
        "Throughout our conversation, Mark Ellis, an energy analyst with more than 20 years of experience, "
        "was upbeat. \"Prices will fall,\" he said. We had the opportunity to speak with him at length.\n",
    ],
)
def test_prose_interviews_by_the_site_itself(text):
    assert "NL609" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "We spoke with Dr. Wei Lin, an economist at the University of Leeds with 20 years of experience. \"Prices will fall,\" she told us.\n",
        "Tom Reyes, an analyst at Moody's, said the outlook was stable. He told us the bank would cut rates.\n",
    ],
)
def test_interviews_with_a_checkable_expert_are_not_invented(text):
    assert "NL609" not in codes(text)


@pytest.mark.parametrize(
    "text, artefact",
    [
        ("Revenue rose XX% to $XX million in the quarter.", "XX%"),
        ("The plant opened in 20XX with 300 jobs.", "20XX"),
        ("For details contact [Email] or [Phone].", "[Email]"),
        ("The phone now costs well over a thousand {dollars}.", "{dollars}"),
    ],
)
def test_unfilled_figures_slots_and_braced_words(text, artefact):
    got = [f.text for f in lint(text + "\n") if f.rule == "NL602"]
    assert artefact in got


@pytest.mark.parametrize("text", ["Super Bowl XX was played in New Orleans.", "The XX chromosome pair was sequenced.", "Entries {closed} early."])
def test_roman_numerals_and_prose_are_not_placeholders(text):
    assert [f.text for f in lint(text + "\n") if f.rule == "NL602" and "X" in f.text] == []


@pytest.mark.parametrize(
    "text",
    [
        "The town hall has presented this Tuesday the programme of the festivities.",
        "The festival will count with more than 40 activities for all the publics.",
        "The mayor has thanked to the associations for their work.",
        "The party will last until the high hours of the morning.",
        "The budget ascends to 185,000 euros, a 12 per cent more than the past year.",
        "In relation with the traffic, the council recommends to the residents to leave the car at home.",
        "Drivers can use the dissuasive parkings near the station.",
        "Main Street will be closed to the circulation from Friday.",
        "The full programme is in the web of the city council and in the social networks.",
        "Among the novelties of this edition it stands out a paella contest.",
        "The fair runs from the 3 until the 8 of October.",
    ],
)
def test_machine_translation_calques(text):
    assert [f.rule for f in lint(text + "\n") if f.rule == "NL608"]


@pytest.mark.parametrize(
    "text",
    [
        "Your phone may have become your best friend. 5 min learn. Battery existence stays the biggest complaint.",
        "This content material is for informational functions handiest.",
        "Keep your coronary heart charge up and tame your candy enamel with a wholesome weight-reduction plan.",
        "Add bodily hobby and power schooling, and cut garbage meals.",
        "The hefty cost label puts it beyond most buyers, who want a consumer pleasant device.",
    ],
)
def test_back_translation_spinner_substitutions(text):
    assert [f.rule for f in lint(text + "\n") if f.rule == "NL608"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister announced on Tuesday that the party had counted the votes, and she has met the mayor twice.",
        "Ticket sales rose 12 per cent, more than the club expected; parking at the ground is limited.",
        "The regulator said the battery life of the device was too short and its price tag too high.",
        "Heart rate and blood pressure were recorded every hour, the researchers said.",
        "In relation to the budget, the council will consult residents, and the festival runs from 3 to 8 October.",
    ],
)
def test_plain_english_is_not_calque_or_spin(text):
    assert [f.rule for f in lint(text + "\n") if f.rule == "NL608"] == []


def test_hedged_explainer_without_buzzwords_reads_as_generated():
    text = (
        "How to choose a home charger\n\n"
        "This guide explains the basics in a clear and simple way. When choosing a charger, there are several "
        "factors to consider. Every household is different, so the right choice depends on your individual needs.\n\n"
        "It is important to note that charging needs vary. There is no one-size-fits-all answer, and it is always a "
        "good idea to consult a qualified professional before you buy.\n\n"
        "The good news is that small changes can make a significant difference. Overall, home charging is simple "
        "and convenient, and owners can enjoy all the benefits that electric driving has to offer.\n"
    )
    assert "NL604" in codes(text)


def test_an_unaffiliated_praised_expert_counts_toward_the_verdict():
    from newslint.rules.generated import unaffiliated_experts

    ctx = AI.context
    doc = Document("\"It will hurt exports,\" said Daniel Whitmore, a leading supply chain analyst.\n", "x.txt")
    assert [w for _, _, w in unaffiliated_experts(doc, ctx)] == ["an expert introduced with praise and no institution"]
    doc = Document("\"It will hurt exports,\" said Daniel Whitmore, a leading supply chain analyst at Cardiff University.\n", "x.txt")
    assert unaffiliated_experts(doc, ctx) == []
