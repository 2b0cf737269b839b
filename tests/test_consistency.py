import calendar
import datetime
import glob
import os

import pytest
import yaml

from conftest import FIXTURES, SEEDS
from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter

CODES = ["NL801", "NL802", "NL803", "NL804", "NL805", "NL806", "NL807", "NL808", "NL809", "NL810", "NL811", "NL812", "NL813", "NL814", "NL815", "NL816"]
LINTER = Linter(Settings(select=CODES))


def lint(text, path="a.txt"):
    findings, errors = LINTER.lint(Document(text, path))
    assert not errors
    return findings


def rules(text):
    return [f.rule for f in lint(text if text.endswith("\n") else text + "\n")]


def seed(name):
    return lint(open(os.path.join(SEEDS, name), encoding="utf-8").read())


# --- seeds ------------------------------------------------------------------------------------
def test_seed_003_contradictions_cover_lines_4_7_and_8():
    fs = seed("003_7d129c3cf08ad631.txt")
    assert sorted(f.rule for f in fs) == ["NL801", "NL803"]
    by_rule = {f.rule: f for f in fs}
    f = by_rule["NL801"]
    assert f.line == 8 and {r[0] for r in f.related_positions} == {7, 8}
    assert "12,900" in f.message and "up to 12,000 troops" in f.message
    drift = by_rule["NL803"]
    assert drift.line == 4 and drift.text == "in early 2023" and 8 in {r[0] for r in drift.related_positions}


@pytest.mark.parametrize("name", ["000_97ff7d8a8857f1d0.txt", "001_27f854d20dfb57b0.txt", "002_d6842795bdb1b548.txt", "004_10b7d57b100c4354.txt"])
def test_no_consistency_findings_on_consistent_seeds(name):
    assert seed(name) == []


# --- each check: a contradiction and its consistent look-alikes -------------------------------
CASES = {
    "NL801": (
        [
            "The army said Russia had sent up to 5,000 troops. Ukraine's ministry said Russia had sent at least 6,000 troops.",
            "Russia has sent up to 10,000 troops, Kyiv said. Russia sent at least 2,000 additional soldiers, following about 9,000 previous deployments, officials said.",
            "The firm Acme will cut up to 300 jobs, Acme said. Acme will cut more than 450 jobs, the union said.",
            "Denmark sent 300 additional soldiers, following 500 earlier deployments. Denmark has 600 troops in total in the region.",
        ],
        [
            "The army said Russia had sent up to 5,000 troops. Later, Russia had sent 4,000 troops, Kyiv said.",
            "Russia has sent up to 15,000 troops, Kyiv said. Russia sent at least 2,000 additional soldiers, following about 9,000 previous deployments, officials said.",
            "Russia has sent up to 5,000 troops, Kyiv said. Belarus sent at least 6,000 soldiers, Minsk said.",
            "North Korea has sent approximately 11,000 troops. Reports suggest up to 11,000 North Korean troops are there.",
            "By March, Latvia had sent up to 400 troops. Latvia now has at least 600 soldiers in the drill.",
            "Estonia sent up to 300 troops, officials said, and Finland sent at least 450 soldiers to a separate drill.",
            "Norway sent 800 additional soldiers, following 1,200 earlier deployments. Norway has 2,000 troops in total there.",
            "North Korea has sent possibly up to 12,000 troops. Hundreds of North Korean troops have been killed.",
            "Floods in Pakistan killed at least 6,000 people. Pakistan evacuated up to 5,000 people from Sindh.",
        ],
    ),
    "NL802": (
        ["The president spoke on Monday, January 12, 2025, in Kyiv.", "They met on Sat., Oct. 12, 2025, in Lyon.",
         "In 2025 the talks resumed. They met on Wednesday, March 3, in Geneva.", "It ended on Wednesday 17 October 2025."],
        ["The president spoke on Sunday, January 12, 2025, in Kyiv.", "The talks resume on Monday, March 3, the ministry said.",
         "In 2025 the talks resumed. They met on Monday, March 3, in Geneva.", "They met on Thu., Oct. 9, 2025, in Lyon.",
         "Zelenskyy spoke on Sunday, 12 January 2025, in Kyiv."],
    ),
    "NL803": (
        ["Updated 14 October 2025\n\nChad sent an additional 1,000 soldiers to Niger in 2023, the army said. Chad recently sent 1,000 additional troops to Niger, the army said.",
         "Seoul said the North sent an additional 3,000 soldiers to Russia in early 2023. The military confirmed the North dispatched at least 3,000 additional soldiers to Russia recently.",
         # one event in two years, or two months of one year
         "Chad sent an additional 1,000 soldiers to Niger in 2023, the army said. In 2024, Chad sent 1,000 additional troops to Niger, officials said.",
         "Chad sent an additional 1,000 soldiers to Niger in March 2024, the army said. Chad sent 1,000 additional troops to Niger in May 2024, officials said.",
         "Updated 14 October 2025\n\nChad sent an additional 1,000 soldiers to Niger in 2025, the army said. Chad sent 1,000 additional troops to Niger in late 2023, officials said.",
         "Chad sent an additional 1,000 soldiers to Niger in 2023. Chad sent 1,000 additional troops to Niger in 2023. Chad sent 1,000 additional troops to Niger in 2024."],
        ["Updated 14 October 2025\n\nIn 2025, Chad sent an additional 200 soldiers to Sudan, the army said. Chad recently sent 200 additional troops to Sudan, the army said.",
         "Chad sent 400 additional troops to Niger in 2021, the army said. Chad recently moved 650 additional soldiers to Niger.",
         # the same year restated ("in early 2023" is the year only; "in March 2024" is in 2024)
         "Chad sent an additional 1,000 soldiers to Niger in early 2023, the army said. In 2023, Chad sent 1,000 additional troops to Niger, officials said.",
         "Chad sent an additional 1,000 soldiers to Niger in March 2024, the army said. In 2024, Chad sent 1,000 additional troops to Niger, officials said.",
         # different events: another figure, other actors, a repeat, a plan, a series of three years
         "Chad sent an additional 1,000 soldiers to Niger in 2023, the army said. Chad sent 1,500 additional troops to Niger in 2024, officials said.",
         "Chad sent an additional 1,000 soldiers to Niger in 2023, the army said. Mali sent 1,000 additional troops to Burkina Faso in 2024, officials said.",
         "Chad sent an additional 1,000 soldiers to Niger in 2023, the army said. Chad sent 1,000 additional troops to Niger again in 2024.",
         "Chad sent an additional 1,000 soldiers to Niger in 2023, the army said. Chad will send 1,000 additional troops to Niger in 2026.",
         "Chad sent an additional 1,000 soldiers to Niger in 2022. Chad sent 1,000 additional troops to Niger in 2023. Chad sent 1,000 more soldiers to Niger in 2024.",
         # the date belongs to another clause, or the sentence names another year
         "In 2023, Germany sent an additional 500 soldiers to Lithuania. In 2024, Germany sent another 500 soldiers to Lithuania.",
         "In 2023, Germany sent an additional 500 soldiers to Lithuania. In 2024, Germany sent a further 500 soldiers to Lithuania.",
         "Chad sent an additional 1,000 soldiers to Niger in 2023, the army said. Chad sent 1,000 additional troops to Niger, where a new government took office in 2024.",
         "Chad sent an additional 1,000 soldiers to Niger in 2023, the army said. Chad sent 1,000 additional troops to Niger in 2024, a year after its 2023 pledge."],
    ),
    "NL804": (
        ["The storm killed 12 people in Ohio, 8 in Indiana and 5 in Kentucky, 27 in total, officials said.",
         "The 45-member council voted 30-17 to approve the budget.",
         "In the poll, 54% backed the plan, 39% opposed it and 12% were undecided.",
         "The quake killed 214 people, including 120 in Malatya, 64 in Adiyaman and 41 in Elazig, AFAD said.",
         "Of the 1,850 people injured, 1,200 were treated in hospitals and 700 in field clinics, the ministry said.",
         "A total of 72 people died: 53 in the north and 21 in the south, police said.",
         "The army said 120 killed and 340 wounded made 500 casualties in total."],
        ["The storm killed 12 people in Ohio, 8 in Indiana and 5 in Kentucky, 25 in total, officials said.",
         "The 72-member senate voted 53-17 with two abstentions to approve the budget.",
         "In the poll, 54% backed the plan, 39% opposed it and 7% were undecided.",
         "Support rose from 38% in January to 52% this month, and 45% backed the rival plan.",
         "Rescuers pulled 96 people from the rubble, including 31 children, officials said.",
         "Of the 12 teams sent, five came from Azerbaijan and seven from Georgia.",
         "In the first 24 hours, 60 aftershocks were recorded in Malatya, 42 in Adiyaman and 27 in Elazig, 129 in total.",
         "A total of 72 people died: 53 in the north and 19 in the south, police said.",
         "The army said 120 killed and 380 wounded made 500 casualties in total.",
         "At least 214 people were killed, including 120 in Malatya and 101 in Adiyaman.",
         "In the survey, 71% of Democrats and 45% of Republicans supported the bill.",
         "The measure passed with 62% support in the Senate and 58% in the House.",
         "A 5,000-strong force was sent. The council approved 12-3 a plan to house it."],
    ),
    "NL805": (
        ["Output reached 1.58 million barrels a day in May. The ministry put it at 1.5 to 1.6 billion barrels a day.",
         "The $4.2 billion project was led by Chevron. KazMunayGas said the $4.2 million project was finished.",
         "The club paid €3m for the striker deal. Rivals said it paid €3bn for the striker deal."],
        ["Output reached 1.58 million barrels a day in May. Reserves stand at 1.5 to 1.6 billion barrels.",
         "A $3 million grant and a $3 billion budget were approved.",
         "It paid $1.2bn for the port stake. It paid $1.2 million for the new ferry.",
         "Output reached 903 million euros of sales. A further 867 thousand euros of sales came from exports."],
    ),
    "NL806": (
        ["Published June 3, 2025. Maria Lopez, 45, was born in 1990 in Seville.",
         "Maria Lopez, 45, runs the clinic. The 47-year-old Maria Lopez founded it.",
         "MADRID, April 22, 2025 – The 30-year-old, who was born in 1990, won the final."],
        ["Published June 3, 2025. Maria Lopez, 35, was born in 1990 in Seville.",
         "Maria Lopez, 45, runs the clinic. She founded it when she was 30.",
         "Maria Lopez, 45, was born in 1990 in Seville.",  # no article date: nothing to compare with
         "John Smith, 45, runs the farm with his son Tom Smith, 19, the family said.",
         "MADRID, April 22, 2025 – The 34-year-old, who was born in 1990, won the final.",
         "Published June 3, 2025. Jorge Ortega, who was born in 1961, won in 1989, when the then-28-year-old Jorge Ortega beat a champion."],
    ),
    "NL807": (
        ['He said, "We will rebuild every school that was destroyed in the floods." Later he repeated: "We will rebuild every single school that was damaged in the floods."'],
        ['He said, "We will rebuild every school that was destroyed in the floods." Later he repeated that "every school that was destroyed" would be rebuilt.',
         'He said, "We will rebuild every school that was destroyed in the floods." He repeated: "We will rebuild every school that was destroyed in the floods."',
         'She said, "The river is still rising and we ask everyone to stay away." He said, "The bridge is closed and we ask drivers to use the ring road."',
         'He said, "We will rebuild every school that was destroyed in the floods." He added: "We will rebuild every school ... in the floods."',
         'He said, "We will rebuild every school that was destroyed in the floods." He added: "[The government] will rebuild every school that was destroyed in the floods."'],
    ),
    "NL808": (
        ["Defence Minister Ana Costa said the plan was ready. Foreign Minister Ana Costa told reporters it would be signed in May.",
         "Deputy Mayor Rosa Menezes said 40 classrooms were lost. Mayor Rosa Menezes said repairs would take a year."],
        ["Defence Minister Ana Costa said the plan was ready. Minister Ana Costa told reporters it would be signed in May.",
         "Former Defence Minister Ana Costa criticised the plan. Foreign Minister Ana Costa, appointed in May, defended it.",
         "Defence Minister Ana Costa spoke first. Foreign Minister Rui Costa spoke next.",
         "General Secretary Xi Jinping chaired the meeting. President Xi Jinping later met the envoy.",
         "Deputy Minister Andrey Rudenko spoke. Deputy Foreign Minister Andrey Rudenko said talks would go on.",
         "Texas Governor Greg Abbott signed the bill. Republican Governor Greg Abbott said it would pass."],
    ),
    "NL810": (
        ["Peru has reported 9,870 cases and 250 deaths.\n\nChile 12,408 361\nPeru 9,870 205\nBolivia 4,122 98",
         "| Club | Played | Points |\n|---|---|---|\n| Harriers | 14 | 31 |\n| Fenton | 13 | 25 |\n\nFenton have 13 games played and 28 points.",
         "Votes so far:\n- Kingsmead: 212\n- Fenton: 188\n- Ashby: 140\n- Kingsmead: 230",
         "China reported 80,026 cases and 2,192 deaths.\n\nNoCountryCasesDeaths\n1China80,0262,912\n2Korea4,21222\n3Italy1,69434"],
        ["Peru has reported 9,870 cases and 205 deaths.\n\nChile 12,408 361\nPeru 9,870 205\nBolivia 4,122 98",
         # two labels in one sentence: its figures are not one row's
         "Chile has 12,408 cases, and Peru 205 deaths.\n\nChile 12,408 361\nPeru 9,870 205\nBolivia 4,122 98",
         # nothing in common with the row
         "Peru has reported 870 new cases and 25 deaths.\n\nChile 12,408 361\nPeru 9,870 205\nBolivia 4,122 98",
         # a running series of one label, and a label in two lists
         "Page 1\nPage 2\nPage 3\nPage 4",
         "Gold:\n- Norway: 6\n- Sweden: 4\n- Finland: 3\n\nThe silver medals went elsewhere.\n\nSilver:\n- Norway: 2\n- Sweden: 5\n- Finland: 1",
         "Results for 2024:\n- Norway 2024\n- Sweden 2023\n- Norway 2022\n- Finland 2021"],
    ),
    "NL811": (
        ["About 3,500 residents were ordered to leave. Deputies said 2,800 residents of Millbrook and 1,900 in Oak Hollow were told to go.",
         "The chain is acquiring the grocer for $9 billion. The price comprises $6 billion in stock, $2.5 billion in cash and $1.5 billion in assumed debt.",
         "The city agreed a £35 million contract for cranes. The contract includes £30 million for six cranes and £9 million for their installation."],
        ["About 3,500 residents were ordered to leave. Deputies said 2,000 residents of Millbrook and 1,500 in Oak Hollow were told to go.",
         "About 3,500 residents of Millbrook were ordered to leave. Deputies said 2,800 residents of Millbrook and 1,900 in Oak Hollow were told to go.",
         "About 3,500 residents were ordered to leave. Another 2,800 residents of Millbrook and 1,900 in Oak Hollow were told to go.",
         "About 3,500 residents were ordered to leave on Monday. By Friday, 2,800 residents of Millbrook and 1,900 in Oak Hollow had gone.",
         "More than 3,500 residents were ordered to leave. Deputies said 2,800 residents of Millbrook and 1,900 in Oak Hollow were told to go.",
         "Revenue was $5 billion. The firm spent $3 billion on wages and $4 billion on parts.",
         "The company reported revenue of $5 billion. Net profit was $1 billion in 2024 and $2 billion in 2023."],
    ),
    "NL812": (
        ["The fire destroyed 120 homes, officials said. Inspectors said 85 homes were destroyed.",
         "The Ridge fire has burned 14,200 acres. Crews said the fire has grown to 9,800 acres.",
         "Ridership rose from 310,000 daily trips to 290,000 daily trips.",
         "Pay rose from 3.1 per cent to 2.6 per cent.",
         "Operating profit fell from £41 million to £46 million."],
        ["The fire destroyed 120 homes, officials said. In Millbrook alone, 85 homes were destroyed.",
         "The fire destroyed 120 homes, officials said. A similar fire in 2019 destroyed 85 homes.",
         "The fire destroyed 120 homes in Millbrook. Across the county, 185 homes were destroyed.",
         "The fire had burned 9,800 acres by Monday. Crews said the fire has grown to 14,200 acres.",
         "The fire has burned 14,200 acres. Crews said the fire has grown to 19,800 acres.",
         "The team climbed from 12th to 3rd. The team rose from No. 12 to No. 3 in the rankings.",
         "Temperatures fell from 4 to -3 degrees overnight.",
         "Ridership rose from 290,000 daily trips to 310,000 daily trips.",
         "Police killed 2 suspects, officials said. Police killed 3 suspects in a raid last year."],
    ),
    "NL813": (
        ["The nine-member council voted 7-3 to approve the levy.",
         "The 12-member panel backed the plan by a 10-4 vote.",
         "The three candidates, Ana Ruiz, Tom Berg, Lee Chan and Sam Ode, debated on Tuesday.",
         "The council's four committees, Finance, Operations and Safety, meet monthly."],
        ["The nine-member council voted 6-3 to approve the levy.",
         "The nine-member council voted 5-3, with one member absent.",
         "The four candidates, Ana Ruiz, Tom Berg, Lee Chan and Sam Ode, debated on Tuesday.",
         "The three candidates, Ana Ruiz, a lawyer, Tom Berg and Lee Chan, debated on Tuesday.",
         "The five candidates for the two open seats, Ana Ruiz, Tom Berg and Lee Chan, spoke first.",
         "Its three titles, the Courier, the Gazette and the Post, share a plant.",
         "The nine-member team won 7-3 on Sunday."],
    ),
    "NL809": (
        ["Voters queued for hours in Sunday's election. Turnout in the September 20, 2025 election was 61 percent, officials said.",
         "Updated September 23, 2025\n\nThe election on Saturday drew long queues. Turnout at the election, held on 21 September, was 61 percent.",
         "The March 3, 2024 summit ended without a statement. Leaders left Monday's summit early, diplomats said.",
         "Saturday's election was calm. Turnout at the election on Sunday, September 21, 2025, was 61 percent.",
         "Updated January 5, 2026\n\nSaturday's election was calm. Turnout at the December 28 election was high."],
        ["Voters queued for hours in Sunday's election. Turnout in the September 21, 2025 election was 61 percent, officials said.",
         "Updated September 23, 2025\n\nThe election on Sunday drew long queues. Turnout at the election, held on 21 September, was 61 percent.",
         # no year anywhere: nothing to check against
         "Voters queued for hours in Sunday's election. Turnout in the September 20 election was 61 percent, officials said.",
         # two dates or two weekdays for one noun: several events, or a correction
         "Updated September 23, 2025\n\nSunday's election was calm. The September 20 election was delayed. The election on September 27 was tense.",
         "Saturday's election was calm. The election on Sunday passed off quietly. The September 20, 2025 election was tense.",
         # occurrences compared: "next", "previous", another year
         "Updated September 23, 2025\n\nMinisters will hold their next meeting on Thursday. The March 3 meeting ended without a deal.",
         "Updated September 23, 2025\n\nSunday's election was calm. The previous election, held on 20 September, was tense.",
         "Updated September 23, 2025\n\nSunday's election was calm. Turnout in the September 20 election was lower than in 2021.",
         # two elections told apart by their modifiers
         "Updated September 23, 2025\n\nSunday's regional election was calm. The national election on October 4 is expected to be tense.",
         # a verb, not the event; the noun as a modifier
         "Updated September 23, 2025\n\nLawmakers will vote on Thursday. The September 3 vote failed.",
         "Updated September 23, 2025\n\nSunday's election campaign event was cancelled. The September 20 election was tense.",
         # another kind of event, another opponent, an opinion poll
         "Updated October 9, 2025\n\nA drone strike on Tuesday hit a depot. The October 3 strike closed rail lines.",
         "Updated October 9, 2025\n\nThe Jets lost Sunday's game against Boston. The October 3 game against Denver was a win.",
         "Updated October 9, 2025\n\nA poll on Thursday showed a tight race. The September 21 poll was calm.",
         "Updated October 9, 2025\n\nSunday's final round drew crowds. The October 3 final was tense.",
         # a December date in an article dated January: the year before
         "Updated January 5, 2026\n\nSunday's election was calm. Turnout at the December 28 election was high."],
    ),
}


@pytest.mark.parametrize("code, text", [(c, t) for c, (bad, _) in CASES.items() for t in bad])
def test_contradiction_is_found(code, text):
    assert rules(text) == [code]


@pytest.mark.parametrize("code, text", [(c, t) for c, (_, good) in CASES.items() for t in good])
def test_consistent_lookalike_is_quiet(code, text):
    assert rules(text) == []


def test_findings_name_every_statement_involved():
    (f,) = lint("The storm killed 12 people in Ohio, 8 in Indiana and 5 in Kentucky, 27 in total, officials said.\n")
    assert f.text == "27" and len(f.related) == 3 and "25" in f.message
    (f,) = lint('He said, "We will rebuild every school that was destroyed in the floods." Later: "We will rebuild every single school that was damaged in the floods."\n')
    assert "'destroyed' vs 'damaged'" in f.message and "single" in f.message and len(f.related) == 1


def test_relations_point_at_other_lines():
    text = "Russia has sent up to 10,000 troops, Kyiv said.\nRussia sent at least 2,000 additional soldiers, following about 9,000 previous deployments, officials said.\n"
    (f,) = lint(text)
    assert f.line == 2 and {r[0] for r in f.related_positions} == {1, 2}


# --- weekdays ---------------------------------------------------------------------------------
def test_weekday_check_agrees_with_calendar_for_every_day_of_three_years():
    day = datetime.date(2024, 1, 1)
    n = 0
    while day.year < 2027:
        right = calendar.day_name[day.weekday()]
        for shift in (1, 3):
            wrong = calendar.day_name[(day.weekday() + shift) % 7]
            forms = [f"{calendar.month_name[day.month]} {day.day}, {day.year}", f"{day.day} {calendar.month_name[day.month]} {day.year}"]
            date = forms[n % 2]
            assert lint(f"They met on {right}, {date}, in Seoul.\n") == [], date
            bad = lint(f"They met on {wrong}, {date}, in Seoul.\n")
            assert [f.rule for f in bad] == ["NL802"], date
            assert f"was a {right}" in bad[0].message
        day += datetime.timedelta(days=1)
        n += 1
    assert n == 366 + 365 + 365


def test_weekday_without_year_uses_the_article_and_its_stamp():
    assert rules("The talks resume on Monday, March 3, the ministry said.") == []  # no year: say nothing
    assert rules("In 2025 the talks resumed. They met on Monday, March 3, in Geneva.") == []  # 2025: a Monday
    assert rules("Updated March 1, 2025\n\nThey met on Monday, March 3, in Geneva.") == []
    assert rules("Updated March 1, 2025\n\nThey met on Friday, March 3, in Geneva.") == ["NL802"]
    # the weekday fits a year either side of the one mentioned: too unsure to report
    assert rules("In 2025 the talks resumed. They met on Sunday, March 3, in Geneva.") == []  # 2024


def test_invalid_date_is_reported():
    fs = lint("They met on Monday, February 30, 2025, in Seoul.\n")
    assert [f.rule for f in fs] == ["NL802"] and "not a date" in fs[0].message


# --- one event at two dates ------------------------------------------------------------------
def test_event_dated_twice_reports_the_date_that_disagrees_with_the_article():
    first = "Chad sent an additional 1,000 soldiers to Niger in {}, the army said.\n"
    second = "Chad sent 1,000 additional troops to Niger in {}, officials said.\n"
    # the article is dated 2025: the 2023 placement is the odd one, wherever it stands
    for a, b, line in (("2023", "2025", 3), ("2025", "2023", 4)):
        (f,) = lint("Updated 14 October 2025\n\n" + first.format(a) + second.format(b))
        assert f.rule == "NL803" and f.text == "in 2023" and f.line == line, (a, b)
        assert {r[0] for r in f.related_positions} == {3, 4} and len(f.related) == 3
        assert "1,000" in f.message and "in 2025" in f.message and "dated 2025" in f.message
    # no date of its own: the later mention
    (f,) = lint(first.format("2025") + second.format("2023"))
    assert f.text == "in 2023" and f.line == 2 and f.related_positions[0][0] == 1
    (f,) = lint(first.format("March 2024") + second.format("May 2024"))
    assert f.text == "in May 2024" and f.line == 2 and "'in March 2024' elsewhere" in f.message


def test_event_dated_twice_keeps_the_recent_check():
    fs = lint("Chad sent an additional 1,000 soldiers to Niger in March 2023. Chad recently sent 1,000 additional troops to Niger.\n")
    assert [f.rule for f in fs] == ["NL803"] and fs[0].text == "in March 2023" and "recent" in fs[0].message


# --- a weekday against a date for one event ------------------------------------------------------
def test_weekday_event_points_at_the_dated_mention():
    text = "Updated October 9, 2024\n\nThe runoff is scheduled for October 27, 2024.\nCampaigns will hold rallies before Saturday's runoff.\n"
    (f,) = lint(text)
    assert f.rule == "NL809" and f.text == "Saturday's runoff" and f.line == 4
    assert [r[0] for r in f.related_positions] == [3] and "October 27" in f.message and "Sunday in 2024" in f.message
    # the year of the article when the date has none
    (f,) = lint("Updated October 9, 2024\n\nThey meet in a debate on October 17.\nTuesday's debate is on housing.\n")
    assert f.text == "Tuesday's debate" and "Thursday in 2024" in f.message


def test_weekday_event_needs_a_year_one_date_and_one_weekday():
    assert rules("Sunday's summit ended early. The March 5 summit was the first in Oslo.") == []
    assert rules("Sunday's summit ended early. The March 5 summit had been short.") == []  # no year known
    assert rules("Updated March 9, 2024\n\nSunday's summit ended early. The March 5 summit had been short.") == ["NL809"]
    # the same summit given two dates, or two weekdays: say nothing
    assert rules("Updated March 9, 2024\n\nSunday's summit ended early. The March 5 summit had been short. The summit on March 6 was calm.") == []
    assert rules("Updated March 9, 2024\n\nSunday's summit ended early. The summit on Monday was calm. The March 5 summit had been short.") == []
    # "the March 5 summit" and "the summit on March 5, 2024" are one date
    assert rules("Sunday's summit ended early. The March 5 summit was short. The summit on March 5, 2024 was calm.") == ["NL809"]


def test_weekday_event_nouns_come_from_the_pack():
    from newslint.packs import builtin_pack_paths, load_pack, merge_lists

    nouns = merge_lists(load_pack(p) for p in builtin_pack_paths())["consistency.event-nouns"]
    assert {"election", "talks", "summit", "funeral"} <= set(nouns)
    # a noun outside the list is not an event
    assert rules("Updated March 9, 2024\n\nSunday's lecture ended early. The March 5 lecture had been short.") == []


# --- fixtures -----------------------------------------------------------------------------------
def _fixture_cases(pattern):
    for y in sorted(glob.glob(os.path.join(FIXTURES, pattern))):
        d = yaml.safe_load(open(y, encoding="utf-8"))
        yield os.path.join(os.path.dirname(y), d["article"]), d


@pytest.mark.parametrize("path, ann", list(_fixture_cases("consistency/*.yaml")), ids=lambda x: os.path.basename(x) if isinstance(x, str) else "")
def test_consistency_fixtures_exactly(path, ann):
    fs = lint(open(path, encoding="utf-8").read(), path)
    wanted = {x["line"] for x in ann["defects"] or [] if x["category"] == "numeric_contradiction"}
    covered = set()
    for f in fs:
        lines = {f.line} | {r[0] for r in f.related_positions}
        assert lines & wanted, f"false alarm {f.rule} line {f.line}: {f.message}"
        covered |= lines & wanted
    assert covered == wanted


def test_fixture_counts():
    bad = sum(len(lint(open(p, encoding="utf-8").read(), p)) for p, _ in _fixture_cases("consistency/*.yaml"))
    assert bad >= 25


@pytest.mark.parametrize("path, ann", [c for c in _fixture_cases("*/*.yaml") if c[1].get("clean")], ids=lambda x: os.path.basename(x) if isinstance(x, str) else "")
def test_no_findings_on_clean_fixtures(path, ann):
    assert lint(open(path, encoding="utf-8").read(), path) == []


@pytest.mark.slow
def test_weekday_mentions_are_looked_for_near_weekdays_only():
    """NL809 tries its weekday pattern only at the event nouns near a weekday word; it must find
    what trying every noun finds."""
    from hypothesis import given, settings, strategies as st

    from newslint.analysis.words import word_table
    from newslint.analysis.keywords import hits_of
    from newslint.rules.dates import _EVENT_WEEKDAY_WORDS, _event_patterns, _mentions, _nouns_near_weekdays

    nouns = frozenset(["election", "vote", "talks"])
    wd_re, _ = _event_patterns(sorted(nouns))
    pieces = st.sampled_from(
        ["Sunday's ", "Sunday’s ", "Sunday'll ", "Sunday'S ", "the Sunday ", "The ", "election", "vote ", "talks ",
         "regional ", "long-awaited ", " will be held on ", " held for ", ", set ", "on ", "Sunday", "Monday. ",
         "x", " ", "\n", "was "]
    )

    @settings(max_examples=1500, deadline=None)
    @given(st.lists(pieces, max_size=14).map("".join))
    def same(text):
        doc = Document(text, "a.txt")
        t = word_table(doc)
        near = _nouns_near_weekdays(doc.prose, t, hits_of(doc, _EVENT_WEEKDAY_WORDS), nouns)
        found = [m.span() for m in _mentions(wd_re, doc.prose, t.starts, near)]
        assert found == [m.span() for m in _mentions(wd_re, doc.prose, t.starts, t.indexes_of(nouns))], repr(text)

    same()


@pytest.mark.slow
def test_split_cue_words_rule_out_the_search():
    """NL804 searches a sentence for a split cue only when one of its words can start one."""
    from hypothesis import given, settings, strategies as st

    from newslint.analysis.words import word_table
    from newslint.rules.consistency import _SPLIT_CUES, _may_split

    pieces = st.sampled_from(
        ["VOTED ", "won't ", "o'voted ", "in favour ", "were  men", "ſupport", "receıved", "x_voted ", "voted_",
         "Of the vote", "polled", " ", "12% ", "backed", "said no", "the plan ", "'", "’", "."]
    )

    @settings(max_examples=2000, deadline=None)
    @given(st.lists(pieces, max_size=10).map("".join), st.integers(0, 80), st.integers(0, 80))
    def sound(text, a, b):
        doc = Document(text, "a.txt")
        a, b = sorted((min(a, len(doc.prose)), min(b, len(doc.prose))))
        if _SPLIT_CUES.search(doc.prose, a, b):
            assert _may_split(doc.prose, word_table(doc), a, b), repr((text, a, b))

    sound()


@pytest.mark.slow
def test_quotation_words_are_those_of_each_word_lower_cased():
    """NL807 lower-cases a quotation once, then splits it into words."""
    from hypothesis import given, settings, strategies as st

    from newslint.rules.details import _QWORD, _words

    pieces = st.sampled_from(["ΟΔΟΣ", "Σ", ".", "Β", " ", "İstanbul", "Don’t", "WE", "-", "'", "x", "ſ", "K"])

    @settings(max_examples=1500, deadline=None)
    @given(st.lists(pieces, max_size=10).map("".join))
    def same(inner):
        assert _words(inner) == [w.lower().replace("’", "'") for w in _QWORD.findall(inner)], repr(inner)

    same()


def test_findings_do_not_depend_on_rule_order():
    """Rules share per-document analyses (figures, counts, keyword hits, the article's year):
    linting with every rule in the registry's order and in the reverse order gives the same
    findings."""
    forward = Linter(Settings())
    backward = Linter(Settings())
    backward.rules = backward.rules[::-1]
    paths = sorted(glob.glob(os.path.join(SEEDS, "*.txt"))) + sorted(glob.glob(os.path.join(FIXTURES, "consistency", "*.txt")))
    assert paths
    for path in paths:
        text = open(path, encoding="utf-8").read()
        a, b = forward.lint(Document(text, path)), backward.lint(Document(text, path))
        assert [f.sort_key for f in a[0]] == [f.sort_key for f in b[0]] and a == b, path


@pytest.mark.slow
def test_nl811_not_parts_gate_equals_the_search():
    """NL811 reads _NOT_PARTS off the word table where it can: the answer is the search's."""
    from hypothesis import given, settings, strategies as st

    from newslint.rules.figures import _NOT_PARTS, _not_parts

    pieces = st.sampled_from(
        ["more", "More", "MORE", "other", "up", " from", "down", "rest", "interest", "'s", "’", "'", "x", "_", " ",
         ", ", ". ", "3", " and ", "İncreased", "ſince", "ıncreased", "per", "cent", "\n"]
    )

    @settings(max_examples=1500, deadline=None)
    @given(st.lists(pieces, max_size=12).map("".join), st.integers(0, 60), st.integers(0, 60))
    def same(text, a, b):
        a, b = sorted((min(a, len(text)), min(b, len(text))))
        doc = Document(text, "a.txt")
        assert _not_parts(doc, a, b) == bool(_NOT_PARTS.search(doc.prose, a, b)), (text, a, b)

    same()


@pytest.mark.parametrize(
    "text",
    [
        "The storm killed 31 people, including 20 children and 15 women.",
        "The fire destroyed 40 homes, including 25 in Cedar Flats and 22 along the ridge road.",
        "He scored 31 points, including 20 in the first half and 15 in the third quarter.",
    ],
)
def test_parts_listed_after_including_exceed_the_whole(text):
    assert "NL804" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        # the list of parts ends with its clause; a time is no part of a score
        "Okafor scored 31 points, including the winning three with 14 seconds left, as the Rivers beat Harbour 104-101.",
        # "two of them" names a part before the cue: no list of parts follows
        "They lost three wickets for 31 in 11 overs, two of them to Reid, before Whitlock (38 not out) and Kapoor (19 not out) saw them through.",
    ],
)
def test_figures_beside_an_including_clause_are_no_parts(text):
    assert "NL804" not in rules(text)


# the counts, changes and spans of years added for real copy: (rule, text, whether it is found)
_FIGURE_CASES = [
    ("NL813", "Three candidates have filed to run in May: Chief Deputy Ray Holm, former trooper Lisa Grant, Sgt. Omar Haddad and retired detective Bill Evans.", True),
    ("NL813", "Three candidates have filed to run in May: Ray Holm, Lisa Grant and Bill Evans.", False),
    # an appositive is no item of the list
    ("NL813", "The judges named two winners: Ana Ruiz, a teacher from Leeds, and Tom Berg.", False),
    ("NL814", "Sales rose 20% to £4.5 billion in the year to March, from £4.0 billion.", True),
    ("NL814", "Pre-tax profit fell 8% to £250 million, from £228 million.", True),
    ("NL814", "Shares rose 15.2% to 286p from 272p.", True),
    # rounding of every figure as written never makes a finding
    ("NL814", "Sales rose 12% to £4.5 billion from £4.0 billion.", False),
    ("NL814", "Shares rose 5.2% to 286p from 272p.", False),
    # a change between percentages (points or per cent), a hedged change, different units
    ("NL814", "The jobless rate rose 10% to 4.4% from 4.0%.", False),
    ("NL814", "Sales rose more than 20% to £4.5 billion from £4.0 billion.", False),
    ("NL814", "Sales rose 20% to £4.5 billion from $4.0 billion.", False),
    ("NL815", "The store opened in 1887, three years after the chain was founded in 1890.", True),
    ("NL815", "The club was founded in 1902. Ten years later, in 1920, it moved to Elm Park.", True),
    ("NL815", "The store opened in 1887, three years after the chain was founded in 1884.", False),
    ("NL815", "The club was founded in 1902. Eighteen years later, in 1920, it moved to Elm Park.", False),
    ("NL815", "He joined in 1990, two years before the merger in 1992.", False),
]


@pytest.mark.parametrize("code, text, want", _FIGURE_CASES)
def test_counts_changes_and_spans_of_years(code, text, want):
    assert (code in rules(text)) is want


# --- numwhole: table totals, parts of a split whole or a toll, scale slips, reversed ranges -------
_VOTES = "| Candidate | Votes | Share |\n|---|---|---|\n| Ana Ruiz | 9,412 | 51.4% |\n| Tom Berg | 5,930 | 32.4% |\n| Lisa Grant | 2,155 | 11.8% |\n| Omar Haddad | 806 | 4.4% |\n"
_HEADS = "| Head | Allocation (₹ crore) |\n|---|---|\n| Salaries | 1,380 |\n| Roads | 910 |\n| Other | 290 |\n"
_WHOLE_CASES = [
    # a Total row that is not the sum of its rows; the same total in the text goes with it
    ("NL804", "Mendez took 51.4% of the 18,312 votes cast.\n\n" + _VOTES + "| Total | 18,312 | 100% |", True),
    ("NL804", "The budget is ₹2,680 crore.\n\n" + _HEADS + "| **Total** | **2,680** |", True),
    ("NL804", "Spending:\n\n| Head | £m |\n|---|---|\n| Schools | 12.4 |\n| Roads | 8.1 |\n| Parks | 3.3 |\n| **Total** | **21.9** |", True),
    ("NL804", "The budget:\n\nSalaries: ₹1,380 crore\nRoads: ₹910 crore\nOther: ₹290 crore\nTotal: ₹2,600 crore", True),
    ("NL804", "| Region | Men | Women | Total |\n|---|---|---|---|\n| North | 120 | 130 | 250 |\n| South | 100 | 90 | 190 |\n| East | 80 | 85 | 165 |\n| Total | 300 | 305 | 615 |", True),
    ("NL804", "| Region | Men | Women | Total |\n|---|---|---|---|\n| North | 120 | 130 | 260 |\n| South | 100 | 90 | 190 |\n| East | 80 | 85 | 165 |\n| West | 10 | 5 | 15 |", True),
    # totals that add up, rounding, shares, averages, subtotals, a partial list, rounding said
    ("NL804", "Mendez took 51.4% of the 18,303 votes cast.\n\n" + _VOTES + "| Total | 18,303 | 100% |", False),
    ("NL804", "Spending:\n\n| Head | £m |\n|---|---|\n| Schools | 12.4 |\n| Roads | 8.1 |\n| Parks | 3.3 |\n| **Total** | **23.9** |", False),
    ("NL804", "Spending:\n\n| Head | £m |\n|---|---|\n| Schools | 12.4 |\n| Roads | 8.1 |\n| Parks | 3.3 |\n| **Total** | **23.7** |", False),
    ("NL804", "Turnout:\n\n| Ward | Turnout |\n|---|---|\n| North | 31% |\n| South | 35% |\n| East | 29% |\n| Overall | 32% |", False),
    ("NL804", "Prices:\n\n| Region | Average price |\n|---|---|\n| North | £190,000 |\n| South | £410,000 |\n| Wales | £215,000 |\n| All regions | £290,000 |", False),
    ("NL804", "Seats:\n\n| Region | Seats |\n|---|---|\n| North | 12 |\n| Leeds | 5 |\n| York | 7 |\n| South | 10 |\n| Total | 22 |", False),
    ("NL804", "The three largest parties:\n\n| Party | Votes |\n|---|---|\n| Labour | 10,200 |\n| Reform | 8,100 |\n| Green | 6,050 |\n| Total | 31,400 |", False),
    ("NL804", "Figures may not add up because of rounding.\n\n| Head | £m |\n|---|---|\n| Schools | 12 |\n| Roads | 8 |\n| Parks | 3 |\n| Total | 24 |", False),
    ("NL804", "The budget:\n\nSalaries: ₹1,380 crore\nRoads: ₹910 crore\nOther: ₹290 crore\nTotal: ₹2,580 crore", False),
    # parts that do not make their whole
    ("NL811", "The contract, worth £1.2bn, will be split into three packages: £480m for earthworks, £390m for track, and £260m for the shed.", True),
    ("NL811", "The £1.2bn contract was signed on Monday. Bidders had two years.\n\nThe work is divided into three packages: £480m for earthworks, £390m for track and £260m for the shed.", True),
    ("NL811", "The $900 million budget is divided into $400 million for schools, $300 million for roads and $150 million for parks.", True),
    ("NL811", "The council approved a ₹500 crore plan. It is split into ₹300 crore for roads and ₹250 crore for drains.", True),
    ("NL811", "Fourteen people were killed when the train derailed.\n\nOfficials said those killed included nine passengers and six members of staff.", True),
    ("NL811", "Fourteen people were killed in the crash. Police said the dead were nine passengers and three members of staff.", True),
    ("NL804", "Fourteen people were killed, including nine passengers and six members of staff.", True),
    ("NL804", "Fourteen people were killed, of whom nine were passengers and six were staff.", True),
    # parts that make it, a partial list, rounding of the whole, an updated toll
    ("NL811", "The contract, worth £1.2bn, will be split into three packages: £480m for earthworks, £460m for track, and £260m for the shed.", False),
    ("NL811", "The £1.2bn contract includes £480m for earthworks and £390m for track.", False),
    ("NL811", "The £1.2bn contract covers four packages. The work is divided into £480m for earthworks, £390m for track, and other packages.", False),
    ("NL811", "Fourteen people were killed in the crash. Police said those killed included nine passengers and three members of staff.", False),
    ("NL811", "Fourteen people were killed in the crash. Police said the dead were nine passengers and five members of staff.", False),
    ("NL811", "The death toll rose to 16 on Wednesday. Earlier, 14 people were killed. Those killed included nine passengers and six staff.", False),
    ("NL804", "Fourteen people were killed, including nine passengers and three members of staff.", False),
    ("NL804", "Of the 48 seats, 12 changed hands, including the Market ward, where the leader lost by 38 votes after a recount.", False),
    # one amount at two scales, the headline's deal and the lede's contract
    ("NL805", "Harrowgate lands £1.2bn Midlands rail depot deal\n\nHarrowgate won the £1.2bn contract. Analysts said the £1.2m contract would lift its order book.", True),
    ("NL805", "Harrowgate lands £1.2bn rail deal\n\nAnalysts said the £1.2m contract would lift its order book.", True),
    ("NL805", "Harrowgate lands £1.2bn rail deal\n\nIt paid £1.2m for the design study.", False),
    # a range written high to low
    ("NL801", "The company expects savings of between $120 million and $90 million a year.", True),
    ("NL801", "The fund will invest between 120 and 90 million euros.", True),
    ("NL801", "Estimates ranged from 40 to 25 days.", True),
    ("NL801", "Costs could be anywhere from $5bn to $3bn.", True),
    ("NL801", "The company expects savings of between $90 million and $120 million a year.", False),
    ("NL801", "Prices fell from 120 to 90 cents.", False),
    ("NL801", "The difference between 120 and 90 is large.", False),
    ("NL801", "Estimates ranged from 25 to 40 days.", False),
    ("NL801", "Between 2019 and 2021, sales rose.", False),
]


@pytest.mark.parametrize("code, text, want", _WHOLE_CASES)
def test_totals_parts_scales_and_ranges(code, text, want):
    assert (code in rules(text)) is want


def test_table_total_names_the_rows_and_the_restated_total():
    text = "Mendez took 51.4% of the 18,312 votes cast.\n\n" + _VOTES + "| Total | 18,312 | 100% |\n"
    (f,) = [f for f in lint(text) if f.rule == "NL804"]
    assert f.line == 9 and "18,303" in f.message and "Ana Ruiz" in f.message
    assert any(text[r.start:r.end].endswith("18,312 votes") for r in f.related)


# --- numdates: weekdays, spans, relative times, ages at death and closing dates in other styles ---
_NUMDATES_CASES = [
    # class 1: a weekday off its date, the year from the article's own date
    ("NL802", "Fire contained\n\nBy Kate Mulvany\nWednesday, 19 February 2025\n\nThe fire started on Friday, 13 February.", True),
    ("NL802", "Waiting list falls\n\nBy Rachel Adeyemi\n14 March 2025\n\nFigures were published on Thursday 12 March.", True),
    ("NL802", "Council vote\n\nMarch 14, 2025\n\nThe figures came out on Monday (March 4), officials said.", True),
    ("NL802", "Published: Tuesday, 20 May 2025\n\nThe talks collapsed on Thursday, the 16th of May.", True),
    ("NL802", "Fire contained\n\nWednesday, 19 February 2025\n\nThe fire started on Thursday, 13 February.", False),
    ("NL802", "Waiting list falls\n\n14 March 2025\n\nFigures were published on Wednesday 12 March.", False),
    # a year either side near the turn of the year, or a year the article names
    ("NL802", "Law change\n\n30 December 2025\n\nThe law takes effect on Monday, 5 January.", False),
    ("NL802", "Review\n\n14 March 2025\n\nThe inquiry covers the year to March 2026. Hearings open on Thursday 12 March.", False),
    ("NL802", "The figures came out on Thursday 12 March, officials said.", False),
    # class 2: a span its two dates do not give
    ("NL815", "The three-week trial opened on May 2 and ended May 30 with a guilty verdict.", True),
    ("NL815", "The fire, which started on 3 August, was contained on 20 August after 11 days.", True),
    ("NL815", "The 47-day strike began on 3 February and ended on 12 March.", True),
    ("NL815", "Strike over\n\n13 March 2025\n\nThe union signed a deal, ending the 47-day strike that began on 3 February.", True),
    ("NL815", "The four-week trial opened on May 2 and ended May 30 with a guilty verdict.", False),
    ("NL815", "The 37-day strike began on 3 February and ended on 12 March.", False),
    ("NL815", "The 38-day strike began on 3 February and ended on 12 March.", False),
    ("NL815", "The strike ran from 3 February to 12 March, a total of 37 days.", False),
    ("NL815", "The days between July 16 and Aug. 17 have been the worst in the three-month period.", False),
    ("NL815", "The plant opened on 3 March and was closed on 20 March for a 10-day inspection.", False),
    ("NL815", "The trial opened on May 2 and ended on May 30 after more than three weeks.", False),
    ("NL815", "Strike over\n\n13 March 2025\n\nThe union called a 47-day strike that will begin on 3 February.", False),
    ("NL815", "Strike goes on\n\n13 March 2025\n\nThe 47-day strike that began on 3 February goes on.", False),
    # class 3: "last week" and a full date a year off the article's own date
    ("NL803", "Petrol price\n\nPublished: Tuesday, 20 May 2025\n\nLast week's meeting with the regulator, held in Abuja on 14 May 2024, ended without agreement.", True),
    ("NL803", "Talks\n\n20 May 2025\n\nThe board met last week, on 14 May 2024, to discuss the plan.", True),
    ("NL803", "Talks\n\n20 May 2025\n\nThe board met earlier this year, in March 2024, to discuss the plan.", True),
    ("NL803", "Talks\n\n20 May 2025\n\nThe board met earlier this year, in March 2025, to discuss the plan.", False),
    ("NL803", "Talks\n\n20 May 2025\n\nThe board met last month, on 14 April 2024, to discuss the plan.", True),
    ("NL803", "Talks\n\n20 May 2025\n\nThe board met last week, on 14 May, to discuss the plan.", False),
    ("NL803", "Talks\n\n20 May 2025\n\nThe board met last week, on 14 May 2025, to discuss the plan.", False),
    ("NL803", "Talks\n\n20 May 2025\n\nLast week the court ruled on a case filed on 14 May 2024.", False),
    ("NL803", "Talks\n\n20 May 2025\n\nThe board met last week, on 14 May 2023, to discuss the plan.", False),
    ("NL803", "Talks\n\n20 May 2025\n\nLast week's report, which covered the meeting on 14 May 2024, was late.", False),
    # class 4: an age at death against a birth year
    ("NL806", "Obituary\n\nSaturday 12 April 2025\n\nNuala Brennan, who has died aged 79, painted the coast. Born in Castlebar in 1941, she drew constantly.", True),
    ("NL806", "Obituary\n\n12 April 2025\n\nTom Hale died on Tuesday at the age of 70. He was born in 1941 in Leeds.", True),
    ("NL806", "Obituary\n\n12 April 2025\n\nTom Hale, who was born in 1941, died in 2016 aged 70.", True),
    ("NL806", "Obituary\n\nSaturday 12 April 2025\n\nNuala Brennan, who has died aged 83, painted the coast. Born in Castlebar in 1941, she drew constantly.", False),
    ("NL806", "Obituary\n\n12 April 2025\n\nTom Hale, who was born in 1941, died in 2016 aged 74.", False),
    ("NL806", "Obituary\n\n12 April 2025\n\nHer husband, who died aged 70, painted too. Born in Sligo in 1941, she moved to Mayo.", False),
    ("NL806", "Obituary\n\n12 April 2025\n\nNuala Brennan has died aged 79. Her sister Maureen Brennan was born in 1941.", False),
    ("NL806", "Nuala Brennan, who has died aged 79, painted the coast. Born in Castlebar in 1941, she drew constantly.", False),
    # class 5: one deal given two closing dates
    ("NL803", "The deal is expected to close by June 14, the company said. Its chief will join the board when the deal completes on June 17.", True),
    ("NL803", "The acquisition is expected to close on 3 March. Its chief joins when the acquisition completes on 10 March.", True),
    ("NL803", "The deal is expected to close by June 14. Its chief will join the board when the deal completes on June 10.", False),
    ("NL803", "The deal was postponed from June 14 to June 17. Its chief joins when the deal completes on June 17.", False),
    ("NL803", "The deal is expected to close by June 14. The deal must close by June 30 under the agreement.", False),
    ("NL803", "The Kettla deal closes on June 14. The Brno deal closes on June 17.", False),
    ("NL803", "The deal closed on June 14, 2023. The deal closes on June 17, 2025.", False),
]


@pytest.mark.parametrize("code, text, want", _NUMDATES_CASES)
def test_numdates_weekdays_spans_relative_times_ages_and_closings(code, text, want):
    assert (code in rules(text)) is want


# --- NL816 transposed digits -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The landslide buried homes, killing at least 23 people, officials said.\n\nOf the 32 dead, nine were children.\n",
        "The station recorded 142 millimetres of rain on Wednesday.\n\nForecasters said the 124mm that fell was a record.\n",
        "The 43km line will have 22 stations.\n\nThe authority said the 34-kilometre line would open in 2032.\n",
        "The council approved a $48.2 million budget on Tuesday.\n\nThe $42.8 million budget is 3 percent larger than last year's.\n",
        "The game was played in front of a crowd of 18,400.\n\nThe 14,800 fans were on their feet at the end.\n",
        "The average price of a home in October was $612,000, the association said.\n\nAt $621,000, the average is a record.\n",
    ],
)
def test_one_figure_with_two_digits_swapped(text):
    assert "NL816" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        # two counts that meet by chance, with nothing pointing back
        "Troops captured 48 soldiers in May.\n\nThe two sides exchanged 84 prisoners on Friday.\n",
        # shares and small decimals meet by chance
        "Support rose to 38% in May.\n\nIn the capital, 83% said they would vote.\n",
        "Growth was 4.5 per cent in the spring.\n\nInflation fell to 5.4 per cent.\n",
        # one sentence joining both: a change, not a slip
        "Membership rose from 340 to 430 this year, the club said.\n",
        # two quantities named apart
        "The group had sales of 34.2 billion euros last year.\n\nRevenue climbed 3.9% to 43.2 billion euros, the company said.\n",
        # a breakdown: parts of a whole
        "The cost is split into £55m for the vessels, £21m for linkspans and £8m for terminals.\n\nOf the total, the £12m already set aside will go first.\n",
        # years
        "The club was founded in 1958.\n\nIt last won the title in 1985.\n",
    ],
)
def test_figures_that_meet_by_chance_are_left_alone(text):
    assert "NL816" not in rules(text)


# --- numfig: the same tally in other words, direction, change shapes, lists that follow, ranks ---
_NUMFIG_BAD = [
    ("NL812", "A bus plunged into a ravine on Sunday, killing 23 people, police said. Of the 32 dead, nine were children."),
    ("NL812", "The quake killed at least 41 people, officials said. Rescue workers said the death toll stands at 14."),
    ("NL812", "Twelve people were killed when the bridge collapsed, police said. Police said the 21 deaths were caused by falling concrete."),
    ("NL812", "The storm killed 18 people across the state. Relatives mourned the 81 people who died."),
    ("NL812", "The blast killed 32 people, officials said. Rescuers said 23 bodies were recovered from the rubble."),
    ("NL812", "The explosion killed two workers and injured 14 people. Doctors said the 41 injured were taken to the city hospital."),
    ("NL812", "The Creek fire has burned 5,300 acres of forest. Officials said the 3,500-acre blaze was started by a campfire."),
    ("NL812", "The chain cut its coffee price from $4.99 to $3.99 a cup. Shoppers welcomed the new $3.49 price."),
    ("NL812", "Tidewater currently has 340 employees. The company plans to grow from 430 staff to 800."),
    ("NL812", "Fourteen people were killed in the crash, police said. The crash left 41 people dead."),
    ("NL812", "The wildfire has scorched 8,000 hectares. The 6,000-hectare fire is burning out of control."),
    ("NL812", "The median price rose to $398,000 in February from $412,000 in January."),
    ("NL812", "Exports fell to 4.2 million tonnes last year from 3.9 million tonnes."),
    ("NL812", "Unemployment climbed to 4.1% in May from 4.4% in April."),
    ("NL812", "The district now has 46 portable classrooms, up from 59 five years ago."),
    ("NL812", "Inflation was 3.6% in March, down from 3.2% in February."),
    ("NL814", "Enrolment rose 12 per cent this year, from 4,200 students to 4,500."),
    ("NL814", "Sales rose 20% in the year to March, from £4.0 billion to £4.5 billion."),
    ("NL814", "The council approved a levy of $19.4 million, a 3.5 percent increase over this year's $18.2 million."),
    ("NL814", "Revenue was $5.4bn, up 8% from $5.2bn."),
    ("NL814", "Revenue rose 8% to $5.4bn from $5.2bn."),
    ("NL814", "The board approved a 3.5 percent increase over last year's $18.2 million budget. The new budget totals $19.4 million."),
    ("NL814", "The airport handled 2.1 million passengers, a 25 per cent rise on last year's 1.9 million."),
    ("NL813", "The university has named the three finalists. The candidates are Ana Ruiz, a dean at Lakemont; Tom Berg, a chair at Carrow; Lee Chan, a provost; and Sam Ode, a professor."),
    ("NL813", "The committee chose four nominees for the award. They are Ana Ruiz, Tom Berg and Lee Chan."),
    ("NL813", "The academy named five finalists on Monday. Each will give a talk. The finalists are Ana Ruiz, Tom Berg, Lee Chan and Sam Ode."),
    ("NL810", "Carver Homes, the country's second-largest homebuilder, said orders fell. Carver, which overtook Summit last year to become the largest homebuilder in the country, cut prices."),
    ("NL810", "Delta Bank, the nation's third-largest lender, reported profits. Delta is the second-largest lender in the nation."),
    ("NL812", "Flash floods swept through the valley on 3 March, killing seventeen people, the ministry said. Officials put the death toll at 71."),
    ("NL812", "The ferry capsized, leaving 12 people dead. The 21 victims were all from one village, and 21 deaths have been confirmed."),
    ("NL812", "A gas explosion injured 34 people at the market. Hospital staff said 43 people were injured, none critically."),
    ("NL812", "The blaze has blackened 2,300 acres. Firefighters said the 3,200-acre fire was 40% contained."),
    ("NL812", "Ryanair raised its baggage fee from £40 to £45. Passengers criticised the new £54 fee and the new £54 price."),
    ("NL812", "The firm employs about 1,200 people. Its workforce of 2,100 is spread across three sites."),
    ("NL812", "Turnout fell to 61% from 58% in 2019."),
    ("NL814", "Profits fell 20 per cent last year, from £50m to £45m."),
    ("NL814", "Ticket sales were 48,000, a 20% rise on last season's 45,000."),
    ('NL812', 'Three people were killed in the crash on the ring road. A police statement said 13 killed in crash.'),
    ('NL812', 'More than 9,000 hectares have burned. The 6,000-hectare fire is still burning.'),
    ('NL812', 'Sales increased to 4.2 million in 2024 from 4.6 million in 2023.'),
    ('NL812', 'The town has 12,400 residents, an increase from 13,100.'),
    ('NL814', "The levy is $19.4 million, an increase of 3.5 percent over this year's $18.2 million."),
    ('NL814', "The school has 4,500 students, 12 per cent more than last year's 4,200."),
    ('NL813', 'The council has named the three finalists for the post:\n\n- Dana Whitlock, deputy manager of Clearwater\n- Sam Okoye, finance chief of Port Ellis\n- Jo Marsh, assistant manager\n- Ravi Menon, planning director'),
    ('NL812', 'Blast kills 23\n\nA bomb exploded at a market, killing 23 people, police said.\n\nPolice said 32 people were killed in the blast.'),
    ('NL810', "RBC, Canada's second-largest bank, reported profits. RBC is the largest bank in Canada by assets."),
]
_NUMFIG_GOOD = [
    ("NL812", "The death toll rose to 31 on Friday from 27 on Thursday. Of the 31 dead, 22 were women."),
    ("NL812", "The landslide killed 23 people. In Lima alone, 12 people were killed."),
    ("NL812", "The landslide killed 23 people, of whom 12 were children. Of the 23 dead, most were found at home."),
    ("NL812", "The Creek fire has burned 5,300 acres. A second fire, the Oak fire, has burned 1,200 acres."),
    ("NL812", "A blast killed 23 people on Monday. On Tuesday, a bus crash killed 5 people."),
    ("NL812", "The quake killed at least 23 people. By Friday, the death toll had risen to 32."),
    ("NL812", "The company has 340 employees. It plans to grow to 800 staff within two years."),
    ("NL812", "The crash killed 12 people. Last year, a similar crash killed 20 people."),
    ("NL812", "The fire has burned about 12,000 hectares. The 12,400-hectare fire was started by lightning."),
    ("NL812", "The fire has burned 1,200 to 1,500 acres. The 1,400-acre fire was started by lightning."),
    ("NL812", "The storm killed 18 people. In Ohio, 6 people were killed when a tree fell."),
    ("NL812", "The chain cut its coffee price from $4.99 to $3.99 a cup. Tea stays at $2.99, and the new $3.99 price applies from Monday."),
    ("NL812", "The clashes killed 12 protesters, rights groups said. Police said 4 officers were killed."),
    ("NL812", "The quake killed 23 people. The toll stood at 16 on Thursday morning."),
    ("NL812", "Unity raised its petrol price to N945. Rival Apex raised its diesel price to N1,100 a litre."),
    ("NL812", "The death toll rose to 31 on Friday from 27 on Thursday."),
    ("NL812", "The council had received 1,146 complaints in the past 12 months, up from 812 the year before."),
    ("NL812", "Inflation eased to 3.2% in March, down from 3.4% in February."),
    ("NL812", "The district now has 46 portable classrooms, up from 29 five years ago."),
    ("NL814", "Enrolment rose 7 per cent this year, from 4,200 students to 4,500."),
    ("NL814", "Passengers rose about 12% this year, from 1.6 million to 1.8 million."),
    ("NL814", "The airport handled 1.8 million passengers in the first quarter, up 12.5% from 1.6 million a year earlier."),
    ("NL814", "The council approved a levy of $19.4 million, a 6.6 percent increase over this year's $18.2 million."),
    ("NL814", "Profit was $900m in 2024, with sales up 8% from $5.2bn."),
    ("NL814", "The council approved a 3.5 percent increase over this year's $18.2 million. The preliminary levy adopted in September was $19.9 million."),
    ("NL814", "The levy is $19.4 million, a 3.5 percent increase in the rate over this year's 1.2 percent."),
    ("NL814", "Revenue was $5.4bn, up 4% from $5.2bn."),
    ("NL813", "The three finalists are Orla Devane, for her novel The Salt Year; Kwame Asante-Byrne, for Night Route; and Margaret Lyle, for What the Tide Left."),
    ("NL813", "The university has named the three finalists. The candidates are Ana Ruiz, a dean at Lakemont; Tom Berg, a chair at Carrow; and Lee Chan, a provost."),
    ("NL813", "The club signed three players this week. The players are expected to arrive on Monday."),
    ("NL813", "The panel picked three finalists from 40 entries. The judges were Ana Ruiz, Tom Berg, Lee Chan and Sam Ode."),
    ("NL813", "The board named three nominees. The nominees include Ana Ruiz, Tom Berg, Lee Chan and Sam Ode."),
    ("NL810", "Carver Homes, the country's second-largest homebuilder, said orders fell. Summit, the largest homebuilder in the country, cut prices."),
    ("NL810", "Carver Homes, the country's second-largest homebuilder, said orders fell. Carver, which was the largest homebuilder in the country until 2019, cut prices."),
    ("NL810", "Carver Homes, the country's second-largest homebuilder by revenue, said orders fell. Carver is the largest homebuilder in the country by units."),
    ("NL812", "Flash floods killed seventeen people on 3 March. On 5 March, a landslide killed 8 people."),
    ("NL812", "The storm killed 12 people, including 5 children. Police said 5 children were killed in one house."),
    ("NL812", "A gas explosion injured 34 people at the market. Hospital staff said 12 people were seriously injured."),
    ("NL812", "The blaze has blackened 2,300 acres. The 200-acre Elm fire nearby was contained."),
    ("NL812", "Ryanair raised its baggage fee to £45. EasyJet said its new £48 price would stay."),
    ("NL812", "The firm employs about 1,200 people. Its Leeds plant has 400 workers."),
    ("NL812", "Turnout rose to 61% from 58% in 2019."),
    ("NL812", "About 200 people were killed in the 2015 quake. This week's quake killed 12 people."),
    ("NL812", "The bombing killed 23 people. Militants claimed the attack, which killed 8 people in a second blast."),
    ("NL812", "The fire killed 3 people and injured 12. Officials said 12 people were injured and 3 were killed."),
    ("NL814", "Profits fell 10 per cent last year, from £50m to £45m."),
    ("NL814", "Ticket sales were 48,000, a 7% rise on last season's 45,000."),
    ("NL814", "The budget is $19.4 million, with spending on roads up 8% from $2.1 million."),
    ("NL812", "Carver has 340 employees. Summit, its rival, plans to grow from 430 staff to 800."),
    ('NL812', 'More than 4,000 hectares have burned. The 6,000-hectare fire is still burning.'),
    ('NL812', 'The town has 12,400 residents, an increase from 11,100.'),
    ('NL814', "The school has 4,500 students, 7 per cent more than last year's 4,200."),
    ('NL814', 'Costs are $4.1 million, 10% lower than the $4.6 million budgeted.'),
    ('NL814', 'Revenue was $5.4bn, up 8% on an underlying basis from $5.2bn.'),
    ('NL813', 'The council has named the four finalists for the post:\n\n- Dana Whitlock, deputy manager of Clearwater\n- Sam Okoye, finance chief of Port Ellis\n- Jo Marsh, assistant manager\n- Ravi Menon, planning director'),
    # whole stories: tolls by place and update, several prices, a headcount before and after cuts, a fire that grew
    ('NL812', 'Gaza strikes kill dozens as talks stall\n\nBy Staff\n\nGAZA, July 3 (Wire) - Israeli strikes killed at least 38 people across the Gaza Strip on Wednesday, health officials said, as ceasefire talks in Cairo stalled.\n\nIn Khan Younis, 14 people were killed when a strike hit a house sheltering displaced families, the civil defence agency said.\n\nThe health ministry said 37,900 people have been killed since the war began in October, and more than 87,000 wounded.\n\nA strike on Tuesday killed 21 people in Rafah, according to hospital officials.\n\nThe military said it had killed 12 militants in the past 24 hours.\n\nOf the 38 killed on Wednesday, 11 were children, the ministry said.'),
    ('NL812', "Fuel prices rise again\n\nPetrol retailer FuelCo raised its petrol price to 189.9p a litre on Monday, and its diesel price to 194.9p.\n\nRival Gasco said it would keep its petrol price at 185.9p until the end of the month.\n\nDrivers in Leeds said the new 189.9p price was the highest they had seen. Gasco's new diesel price of 192.9p takes effect on Friday.\n\nThe RAC said the average price of petrol across the UK was 183.2p, up from 179.6p a month ago."),
    ('NL812', "Northwind to cut jobs\n\nNorthwind Energy, which employs 4,200 people worldwide, said on Tuesday it would cut 600 jobs.\n\nThe company has 1,100 employees in Scotland, where most of the cuts will fall.\n\nIts workforce of 3,600 after the cuts would still make it the region's largest private employer.\n\nNorthwind had 5,000 employees in 2019."),
    ('NL812', 'Wildfire grows overnight\n\nThe Bear Creek fire has burned 12,000 acres, up from 8,000 acres on Tuesday, fire officials said.\n\nThe fire has now burned 15,000 acres, according to an update released Wednesday evening.\n\nA smaller fire near Elk Ridge has burned 300 acres.\n\nThe 12,000-acre fire was started by a downed power line, officials said.'),
    ('NL812', 'Bus crash kills 12\n\nA bus carrying pilgrims overturned on a mountain road on Saturday, killing 12 people and injuring 30, police said.\n\nNine of the dead were from the same village. Doctors said 6 people were critically injured.\n\nLater on Saturday, the toll rose to 14 when two of the injured died in hospital.\n\nA crash on the same road last year killed 20 people.\n\nThe 14 dead included four children.'),
    ('NL812', 'Transit fares to rise\n\nThe transit authority raised its base fare from $2.75 to $2.90 on Sunday, the first increase since 2019.\n\nSeniors will pay a reduced fare of $1.45. The new $2.90 fare applies on buses and trains.\n\nMonthly passes rose to $132 from $127, a 4 per cent increase.\n\nRidership rose 6 per cent last year, from 1.2 million to 1.27 million daily trips.'),
    ('NL812', 'Bus crash kills 12\n\nA bus carrying pilgrims overturned on a mountain road on Saturday, killing 12 people and injuring 30, police said.\n\nNine of the dead were from the same village. Doctors said 6 people were critically injured.\n\nLater on Saturday, the toll rose to 14 when two of the injured died in hospital.\n\nA crash on the same road last year killed 20 people.\n\nOf the 14 dead, four were children.'),
    ('NL812', 'Fire grows\n\nThe Bear Creek fire has burned 12,000 acres, fire officials said on Tuesday.\n\nBy Wednesday the fire had grown sharply.\n\nThe 15,000-acre fire was started by a downed power line, officials said.'),
    ('NL812', 'Blast kills 23\n\nA bomb exploded at a market, killing 23 people, police said.\n\nTwelve people were killed in the capital, officials said.\n\nPolice said 5 people were killed inside one house.'),
    ('NL810', "RBC, Canada's second-largest bank, reported profits. TD, the largest bank in Canada, cut rates."),
    ('NL810', "RBC, Toronto's largest employer, hired staff. RBC, Canada's second-largest employer, said more."),
    ('NL810', "Carver is one of the largest homebuilders in the country. Carver, the country's second-largest homebuilder, said."),
]


@pytest.mark.parametrize("code, text", _NUMFIG_BAD)
def test_numfig_contradictions_in_other_shapes_are_found(code, text):
    assert code in rules(text)


@pytest.mark.parametrize("code, text", _NUMFIG_GOOD)
def test_numfig_look_alikes_stay_silent(code, text):
    assert code not in rules(text)
