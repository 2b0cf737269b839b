"""Boilerplate and scraper residue (NL7xx): page chrome, caption residue, engagement bait,
repeated headlines and text, glued-on second articles."""
import glob
import os

import pytest
import yaml

from conftest import FIXTURES, SEEDS
from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter
from newslint.runner import apply_edits, fix_document, safe_edits

BP = Linter(Settings(select=["boilerplate"]))


def lint(text, path="x.txt", linter=BP):
    findings, errors = linter.lint(Document(text, path))
    assert not errors, errors
    return findings


def codes(text, path="x.txt"):
    return [f.rule for f in lint(text, path)]


def read(path):
    return open(path, encoding="utf-8").read()


def covers(f, line):
    spans = [(f.line, f.end_line)] + [(a, c) for a, _, c, _, _ in f.related_positions]
    return any(a <= line <= b for a, b in spans)


def seed(prefix):
    (path,) = glob.glob(os.path.join(SEEDS, prefix + "_*.txt"))
    return path, yaml.safe_load(open(path[:-4] + ".yaml", encoding="utf-8"))


# --- seeds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_boilerplate_annotations_are_covered(prefix):
    path, meta = seed(prefix)
    findings = lint(read(path), path, Linter(Settings(select=["boilerplate", "ai-content"])))
    for d in meta["defects"]:
        if d["category"] == "boilerplate":
            assert any(f.category in ("boilerplate", "ai-content") and covers(f, d["line"]) for f in findings), d
    ok_lines = {d["line"] for d in meta["defects"] if d["category"] in ("boilerplate", "ai_marker")}
    for f in findings:
        if f.category == "boilerplate":
            assert any(covers(f, n) for n in ok_lines), (f.line, f.rule, f.message)


def test_seed_004_structure():
    path, _ = seed("004")
    by = {(f.rule, f.line): f for f in lint(read(path), path)}
    assert by[("NL704", 8)].related_positions[0][0] == 1
    assert by[("NL704", 31)].related_positions[0][0] == 26
    assert by[("NL705", 23)].related_positions[0][0] == 10  # the later copy is reported
    assert by[("NL705", 39)].related_positions[0][0] == 33
    glued = by[("NL706", 26)]
    assert {r[0] for r in glued.related_positions} >= {28, 35}
    assert {("NL701", n) for n in (4, 5, 6, 28, 29)} <= set(by)
    assert ("NL702", 3) in by
    assert not [f for f in by.values() if 12 <= f.line <= 22]


# --- page chrome and its fix ------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Listen to article",
        "Listen to article 4 min",
        "Share",
        "Follow",
        "Follow us on Telegram",
        "Short Url",
        "Read also: Zelensky Says He Wants War To End By Diplomatic Means In 2025",
        "READ MORE: Heatwave closes Acropolis",
        "Advertisement",
        "Subscribe to our newsletter",
        "Updated 23 October 2024",
        "Last updated: March 3, 2025 at 10:42 a.m. EST",
        "Published 2 hours ago",
        "|",
        "Credited from: BBC",
        "Original Source: www.rfa.org",
    ],
)
def test_chrome_lines(line):
    text = f"The council approved the budget on Tuesday.\n{line}\nThe mayor welcomed the vote.\n"
    found = [f for f in lint(text) if f.rule == "NL701"]
    assert len(found) == 1 and found[0].line == 2


@pytest.mark.parametrize(
    "line",
    [
        "The council will follow the mayor's advice, she said.",
        "Share prices rose 3% on Tuesday.",
        "Source: Office for National Statistics",
        "Read the full report on the council website before Friday's meeting, officials said.",
        "Updated forecasts are due in May.",
        "Via Appia is one of the oldest roads in Europe.",
        "Listen to the full interview, the station said.",
    ],
)
def test_chrome_precision(line):
    assert "NL701" not in codes(f"The council approved the budget on Tuesday.\n{line}\n")


def test_chrome_fix_deletes_whole_lines():
    text = "Listen to article\n|\nThe council approved the budget.\nShort Url\nThe mayor welcomed it.\nFollow"
    fixed, remaining, errors = fix_document(BP, Document(text, "x.txt"), lint(text))
    assert not errors
    assert fixed == "The council approved the budget.\nThe mayor welcomed it."
    assert not [f for f in remaining if f.rule == "NL701"]


def test_credit_line_fix_is_unsafe():
    text = "The council approved the budget.\nOriginal Source: www.rfa.org\n"
    (f,) = [f for f in lint(text) if f.rule == "NL701"]
    assert f.fix is not None and not f.fix.safe
    assert apply_edits(text, safe_edits([f])) == text
    assert apply_edits(text, f.fix.edits) == "The council approved the budget.\n"


def test_chrome_inside_code_is_ignored():
    text = "Some copy.\n\n```\nShare\n```\n"
    assert "NL701" not in codes(text, "x.md")


# --- caption residue and bait ------------------------------------------------------------------


def test_caption_residue():
    assert "NL702" in codes("President Lula (3rdR) meets the delegation in Brasilia. (AFP)\n")
    assert "NL702" in codes("This handout photograph shows Chancellor Scholz (C) at the summit.\n")
    assert "NL702" not in codes("Section (C) of the act applies to imports.\n")
    assert "NL702" not in codes("Senator Ann Cole (R) voted against the bill.\n")


def test_engagement_bait():
    assert "NL703" in codes("For more updates on this developing story, stay tuned to global news outlets.\n")
    assert "NL703" in codes("What are your thoughts? Share your opinions and join the conversation below.\n")
    assert "NL703" not in codes('"Stay tuned," the coach told reporters.\n')
    assert "NL703" not in codes("Residents were invited to share their views at a public meeting.\n")
    # one finding per sentence
    assert codes("Share your thoughts and join the conversation below.\n").count("NL703") == 1


# --- repetition ----------------------------------------------------------------------------------


def test_repeated_sentence_reports_later_copy():
    text = (
        "  • The mayor said the budget would balance by 2026 without new taxes\n"
        "The council met on Tuesday.\n"
        "The mayor said the budget would balance by 2026 without new taxes.\n"
    )
    (f,) = [f for f in lint(text) if f.rule == "NL705"]
    assert f.line == 3 and f.related_positions[0][0] == 1


def test_repeated_paragraph_is_one_finding():
    para = "The mayor said the budget would balance by 2026 without new taxes. Opposition members said the savings were not explained in enough detail."
    text = f"{para}\nThe vote was 7-2.\n{para}\n"
    found = [f for f in lint(text) if f.rule == "NL705"]
    assert len(found) == 1 and found[0].line == 3 and found[0].message.startswith("Paragraph")


def test_short_repeats_are_fine():
    assert "NL705" not in codes("He said no.\nThe vote was close.\nHe said no.\n")


def test_repeated_headline():
    text = "Council Approves Budget After Long Debate\nUpdated 3 May 2025\nCouncil Approves Budget After Long Debate\nThe council approved the budget on Tuesday.\n"
    found = [f for f in lint(text) if f.rule == "NL704"]
    assert [f.line for f in found] == [3]
    assert "NL705" not in codes(text)


# --- glued articles ------------------------------------------------------------------------------

BODY = (
    "The council approved the budget on Tuesday after a debate that ran past midnight.\n"
    "The mayor said the plan would balance the books by 2026 without new taxes.\n"
    "Opposition members said the savings were not spelled out in enough detail.\n"
)


def test_glued_article_with_dateline():
    text = "Council Approves Budget\n" + BODY + "Storm Closes Ports Along the Coast\nLISBON: Storm Ines closed four ports on Wednesday as waves reached nine metres.\n"
    (f,) = [f for f in lint(text) if f.rule == "NL706"]
    assert f.line == 5 and "dateline" in f.message


def test_glued_article_with_stamp():
    text = "Council Approves Budget\n" + BODY + "\nStorm Closes Ports Along the Coast\n\nPublished 21 January 2026\nStorm Ines closed four ports on Wednesday.\n"
    assert "NL706" in codes(text)


def test_subheads_are_not_glued_articles():
    text = "Council Approves Budget\n" + BODY + "What Happens Next\nThe budget goes to the regional assembly, which votes on it in March.\n"
    assert "NL706" not in codes(text)
    # an all-capital label is not a dateline
    update = "Council Approves Budget\n" + BODY + "Ministry Responds To Vote\nUPDATE: The ministry said on Wednesday it would review the budget in full.\n"
    assert "NL706" not in codes(update)
    # a headline, stamp and dateline at the top are the article's own
    top = "Council Approves Budget\nUpdated 3 May 2025\nLISBON: The council approved the budget on Tuesday after a long debate.\n" + BODY
    assert "NL706" not in codes(top)


# --- fixtures ----------------------------------------------------------------------------------


def test_no_boilerplate_findings_on_clean_fixtures():
    seen = 0
    for y in sorted(glob.glob(os.path.join(FIXTURES, "*", "*.yaml"))):
        meta = yaml.safe_load(open(y, encoding="utf-8"))
        if not meta.get("clean"):
            continue
        path = os.path.join(os.path.dirname(y), meta["article"])
        seen += 1
        found = [(f.line, f.rule, f.message) for f in lint(read(path), path)]
        assert found == [], (path, found)
    assert seen >= 6


def test_scraped_fixture_is_fully_covered():
    path = os.path.join(FIXTURES, "generated", "scraped_page_wildfire.txt")
    meta = yaml.safe_load(open(path[:-4] + ".yaml", encoding="utf-8"))
    findings = lint(read(path), path)
    for d in meta["defects"]:
        assert any(covers(f, d["line"]) for f in findings), d


def test_long_chrome_lines_that_open_with_a_three_letter_word_are_found():
    """Chrome lines over 60 characters are checked only when they open like a link or credit
    line; "You may also like: <a long headline>" opens with a three-letter word and a space."""
    text = (
        "Council approves budget\n\nThe council approved the budget on Tuesday after a long debate, members said.\n\n"
        "You may also like: Five things to know about the city budget and what it means for residents\n\n"
        "The budget takes effect in April.\n"
    )
    assert [(f.rule, f.line) for f in lint(text, "a.txt") if f.rule == "NL701"] == [("NL701", 5)]


# --- residue classes (NL707-NL711) -------------------------------------------------------------------
STORY = "The council approved the budget on Tuesday after a debate that ran past midnight, officials said.\n"


def test_page_label_above_the_headline_only():
    assert "NL707" in codes("Politics\n\nCouncil approves the budget for next year\n" + STORY)
    assert "NL707" in codes("The Harbour Gazette\n\n" + STORY)  # a masthead on the first line
    # a byline, a date, an editorial heading and a label with no headline after it stay quiet
    assert "NL707" not in codes("Council approves the budget\nAna Ruiz\n" + STORY)
    assert "NL707" not in codes("Friday, March 7, 2025\n\nCouncil approves the budget\n" + STORY)
    assert "NL707" not in codes("Summary\n\nCouncil approves the budget\n" + STORY)
    assert "NL707" not in codes("Obituaries\n\n" + STORY)
    assert "NL707" not in codes("Capsule film reviews\n\nCouncil approves the budget\n" + STORY)
    # below the first body line a short line is a subheading
    assert "NL707" not in codes(STORY + "\nPolitics\n\nWhat happens next\n" + STORY)


def test_glued_widget_text():
    (f,) = [f for f in lint("Minister defends the budgetpublished at 09:47 BST\n") if f.rule == "NL708"]
    assert (f.line, f.column) == (1, 28)
    assert "NL708" in codes("Return to storyPrint this article\n")
    assert "NL708" not in codes("The report was republished at 10 sites.\n")
    assert "NL708" not in codes("The minister defended the budget, published at 09:47 BST.\n")


def test_encoded_residue_and_its_fix():
    text = STORY + '  • <iframe src="" width="640" height="360" title="player">\n' + STORY
    (f,) = [f for f in lint(text) if f.rule == "NL709"]
    assert f.line == 2 and f.fix is not None and f.fix.safe
    assert "NL709" in codes("items.[0].image.alt\n" + STORY)
    assert "NL709" in codes(STORY + "summer fair 300x250 banner.jpg\n")
    assert "NL709" not in codes("The screen has a resolution of 1920 by 1080 pixels.\n")
    assert "NL709" not in codes("The file, report.pdf, was sent on Monday.\n")


def test_bare_encoded_data_is_found_by_its_run_without_white_space():
    blob = ("Qm9va2luZ3Mgb3BlbiBvbiBNb25kYXk" * 4)[:100]  # base64-shaped, mixed case and digits
    assert "NL709" in codes(STORY + blob + "\n")
    assert "NL709" not in codes(STORY + blob[:79] + "\n")  # the pattern wants 80


@pytest.mark.parametrize(("text", "n", "expected"), [
    ("ab cd", 2, True), ("ab cd", 3, False), ("a\tbcd\ne", 3, True), ("x" * 80, 80, True),
    ("é" * 40, 80, True),  # 80 UTF-8 bytes: "may hold" (never shorter than the run)
    ("ab\x0bcd", 3, False),
])
def test_has_run(text, n, expected):
    from newslint.rules.boilerplate import has_run

    assert has_run(Document(text, "a.txt"), n) is expected


def test_related_links_one_finding_per_block():
    text = STORY + "Road works: Bypass to close for six weeks from Monday\nSchool meals: Prices rise for the first time since 2019\n"
    (f,) = [f for f in lint(text) if f.rule == "NL710"]
    assert f.line == 2 and len(f.related) == 1
    card = STORY + "\n04:12\n\nCoach reviews the win over the Hawks\n\nWatch the press conference after the match\n"
    (f,) = [f for f in lint(card) if f.rule == "NL710"]
    assert (f.line, f.end_line) == (3, 7)
    # one such line that ends like a sentence, or a speaker's answer, is copy
    assert "NL710" not in codes(STORY + "Road works: The bypass will close for six weeks from Monday.\n" + STORY)
    assert "NL710" not in codes(STORY + "FP: How fast has the rescue been so far?\nLee: Faster than the last time.\n")


def test_alt_text_next_to_its_caption():
    assert "NL711" in codes("Crews clear the road near the bridge.\nCrews clear the road near the bridge. Photo: County Fire\n")
    assert "NL711" in codes("Maria Lopez\nMayor Maria Lopez at the town hall. Photograph: J. Lee/Harbour Press\n")
    assert "NL711" not in codes("Maria Lopez\nMaria Lopez has run the bakery on Mill Street for twenty years.\n")


def test_new_chrome_classes():
    for line in ("Download", "Transcript", "Next Story", "Back to Home", "Start reading", "(Read more)", "10 min read",
                 "9 hours ago", "1 Readers' comment", "No comments:", "Report this comment Cancel", "Media caption,",
                 "NPR logo", "Posted by", "Xinhua/IANS", "Photo by Sam Lee / Unsplash", "Latest news with #Budget",
                 "-", "and last updated 2023-03-14 16:21:07-05"):
        assert "NL701" in codes(f"{line}\n{STORY}"), line
    for line in ("Watch and act", "Live music returns to the park", "Back to school", "Edited by:"):
        assert "NL701" not in codes(f"{line}\n{STORY}"), line


def test_repeated_copyright_notice_is_not_repeated_text():
    note = "(Copyright 2025 The Agency. All rights reserved. No part of this story may be reproduced without permission.)\n"
    assert "NL705" not in codes(note + STORY + note)


def test_the_links_under_a_navigation_heading_once_the_story_has_begun():
    story = ("Waiting times fall\n\nThe number of patients waiting more than 18 weeks fell for the third month in a row.\n"
             "Related Topics\nHealth\nHospitals\nThe department said weekend clinics had helped, and unions disagreed.\n")
    found = [(f.line, f.rule) for f in lint(story) if f.rule == "NL701"]
    assert found == [(4, "NL701"), (5, "NL701"), (6, "NL701")]
    # above the story's first sentence, the lines under the label are its headline and date
    top = "Related topics\n\nObituaries in the News\n\nJanuary 28, 1999\n\nALBUQUERQUE (AP) _ A technician who set up the bureau has died.\n"
    assert [f.line for f in lint(top) if f.rule in ("NL701", "NL707")] == [1]


def test_a_wrapped_headline_ending_in_a_button_word_is_not_chrome():
    text = (
        "Asylum claims up 14 per cent but backlog falls, Home Office figures\nshow\n\n"
        "The number of claims rose in the first quarter, the Home Office said on Thursday.\n\n"
        "Photo: Reuters\nShare\n"
    )
    got = [(f.rule, f.line) for f in lint(text) if f.rule == "NL701"]
    assert got == [("NL701", 6), ("NL701", 7)]  # the credit and the button below it, not 'show'


# --- reader prompts, share bars, widgets, disclaimers (round five) ------------------------------
@pytest.mark.parametrize(
    "line, what",
    [
        ("Subscribe to our newsletter for weekly garden tips delivered straight to your inbox.", "a subscription prompt"),
        ("Sign up for our free morning briefing and get the day's news before breakfast.", "a subscription prompt"),
        ("Share this: Facebook | X | LinkedIn | WhatsApp", "a share bar"),
        ("Share this article:  Fb  Twitter  Pinterest  E-mail", "a share bar"),
        ("Facebook · Twitter · LinkedIn · Email", "a share bar"),
        ("👍 124   💬 18   🔁 Share", "a share or reaction counter"),
        ("2.3K views | 41 likes | 12 comments", "a share or reaction counter"),
        ("Was this article helpful?  Yes  /  No", "a feedback widget"),
        ("Tags: fintech, payments, interview", "a tag list"),
        ("Follow us on Google News | Join our WhatsApp Channel for the latest market updates", "a social prompt"),
        ("Disclaimer: The views expressed above are those of individual analysts and not of this website.", "a disclaimer"),
        ("This article is for informational purposes only and is not financial advice.", "a disclaimer"),
        ("This post contains affiliate links. As an Amazon Associate, we earn from qualifying purchases.", "an affiliate note"),
        ("[Check Price on Amazon]", "an affiliate button"),
    ],
)
def test_page_furniture_lines(line, what):
    text = "Council approves budget\n\nThe council approved the budget on Monday, the mayor said.\n\n" + line + "\n"
    got = [f for f in lint(text) if f.rule == "NL701"]
    assert [f.line for f in got] == [5] and what in got[0].message


@pytest.mark.parametrize(
    "line",
    [
        "Shares rose 12 per cent, and 41 of the 60 analysts polled said they would buy.",
        "Facebook, Twitter and LinkedIn all face new rules under the act, the minister said.",
        "Readers left 340 comments on the council's consultation page, officials said.",
        "The report, which tagged 12 sites for inspection, was published on Friday.",
        "12 34",
    ],
)
def test_prose_about_networks_counters_and_tags_is_not_furniture(line):
    text = "Council approves budget\n\nThe council approved the budget on Monday, the mayor said.\n\n" + line + "\n"
    assert [f.rule for f in lint(text) if f.rule == "NL701"] == []


@pytest.mark.parametrize(
    "sentence, bait",
    [
        ("Do you have a green tip of your own? Share it in the comments below!", "Share it in the comments"),
        ("Tell us what you think in the comments.", "Tell us what you think in the comments"),
        ("Get our weekly guide delivered straight to your inbox.", "delivered straight to your inbox"),
    ],
)
def test_comment_and_inbox_prompts_are_engagement_bait(sentence, bait):
    got = [f.text for f in lint("The council met on Monday.\n\n" + sentence + "\n") if f.rule == "NL703"]
    assert bait in got[0]


def test_comments_reported_on_are_not_bait():
    text = "Users left hundreds of angry messages in the comments under the minister's post, the BBC reported.\n"
    assert [f.rule for f in lint(text) if f.rule == "NL703"] == []


def test_links_under_a_related_stories_label_are_chrome():
    text = (
        "Bridge closed for repairs\n\nThe Mill Street bridge will close for six weeks from Monday, the county said in a statement.\n\n"
        "RELATED STORIES\n\n• Three-car crash closes Orchard Road for hours\n• County approves paving plan for spring\n"
    )
    assert [f.line for f in lint(text) if f.rule == "NL701"] == [5, 7, 8]
