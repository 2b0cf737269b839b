import calendar
import datetime
import os

import pytest

from conftest import SEEDS
from newslint.config import Settings
from newslint.document import Document
from newslint.engine import Linter

LINTER = Linter(Settings(select=["NL801", "NL802", "NL803"]))


def lint(text):
    findings, errors = LINTER.lint(Document(text, "a.txt"))
    assert not errors
    return findings


def seed(name):
    return lint(open(os.path.join(SEEDS, name), encoding="utf-8").read())


def test_seed_003_contradictions_cover_lines_4_7_and_8():
    fs = seed("003_7d129c3cf08ad631.txt")
    by_rule = {f.rule: f for f in fs}
    f = by_rule["NL801"]
    assert f.line == 8 and {r[0] for r in f.related_positions} == {7, 8}
    assert "12,900" in f.message
    drift = by_rule["NL803"]
    assert drift.line == 4 and 8 in {r[0] for r in drift.related_positions}


@pytest.mark.parametrize("name", ["000_97ff7d8a8857f1d0.txt", "001_27f854d20dfb57b0.txt", "002_d6842795bdb1b548.txt", "004_10b7d57b100c4354.txt"])
def test_no_consistency_findings_on_consistent_seeds(name):
    assert seed(name) == []


CONTRADICTIONS = [
    "The army said Russia had sent up to 5,000 troops. Ukraine's ministry said Russia had sent at least 6,000 troops.",
    "Russia has sent up to 10,000 troops, Kyiv said. Russia sent at least 2,000 additional soldiers, following about 9,000 previous deployments, officials said.",
    "The firm Acme will cut up to 300 jobs, Acme said. Acme will cut more than 450 jobs, the union said.",
]
LOOKALIKES = [
    "The army said Russia had sent up to 5,000 troops. Later, Russia had sent 4,000 troops, Kyiv said.",
    "Russia has sent up to 15,000 troops, Kyiv said. Russia sent at least 2,000 additional soldiers, following about 9,000 previous deployments, officials said.",
    "Russia has sent up to 5,000 troops, Kyiv said. Belarus sent at least 6,000 soldiers, Minsk said.",
    "North Korea has sent approximately 11,000 troops. Reports suggest up to 11,000 North Korean troops are there.",
]


@pytest.mark.parametrize("text", CONTRADICTIONS)
def test_contradictions(text):
    assert [f.rule for f in lint(text + "\n")] == ["NL801"]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_consistent_lookalikes(text):
    assert lint(text + "\n") == []


def test_weekday_check_agrees_with_calendar_for_every_day_of_three_years():
    day = datetime.date(2024, 1, 1)
    while day.year < 2027:
        right = calendar.day_name[day.weekday()]
        wrong = calendar.day_name[(day.weekday() + 3) % 7]
        date = f"{calendar.month_name[day.month]} {day.day}, {day.year}"
        assert lint(f"They met on {right}, {date}, in Seoul.\n") == [], date
        bad = lint(f"They met on {wrong}, {date}, in Seoul.\n")
        assert [f.rule for f in bad] == ["NL802"], date
        assert f"was a {right}" in bad[0].message
        day += datetime.timedelta(days=1)


def test_weekday_without_year_uses_the_article_years():
    assert lint("The talks resume on Monday, March 3, the ministry said.\n") == []  # no year: say nothing
    assert lint("In 2025 the talks resumed. They met on Monday, March 3, in Geneva.\n") == []  # 2025: a Monday
    assert [f.rule for f in lint("In 2025 the talks resumed. They met on Wednesday, March 3, in Geneva.\n")] == ["NL802"]  # fits none of 2024-2026
    assert lint("Zelenskyy spoke on Sunday, 12 January 2025, in Kyiv.\n") == []
