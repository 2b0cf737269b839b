import math

import pytest

from newslint.document import Document
from newslint.analysis.quantities import (
    INF,
    WEEKDAY_DATE,
    article_year,
    counts,
    extract,
    interval,
    month_number,
    parse_number,
    weekday_number,
)

CLASSES = {"troops": "troops", "soldiers": "troops", "deployments": "troops", "jobs": "jobs", "people": "people"}


def one(text):
    found = counts(Document(text), CLASSES)
    assert len(found) == 1, found
    return found[0]


def only(text):
    found = extract(Document(text), CLASSES)
    assert len(found) == 1, [(text[q.start:q.end], q.value) for q in found]
    return found[0]


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("It sent up to 12,000 troops.", 0, 12000),
        ("It sent possibly up to 12,000 North Korean troops.", 0, 12000),
        ("It sent as many as 500 soldiers.", 0, 500),
        ("It sent at least 3,000 soldiers.", 3000, INF),
        ("It sent more than 3,000 soldiers.", 3000, INF),
        ("It sent approximately 11,000 troops.", 9900, 12100),
        ("It sent an estimated 2,700 soldiers.", 2430, 2970),
        ("It sent nearly 2,000 soldiers.", 1800, 2200),
        ("It sent 11,000 North Korean troops.", 11000, 11000),
        ("It sent two soldiers.", 2, 2),
        ("It sent twenty-five soldiers.", 25, 25),
        ("It sent a dozen soldiers.", 12, 12),
        ("It sent about a dozen soldiers.", 10.8, 13.2),
        ("It cut 1.5 million jobs.", 1.5e6, 1.5e6),
        ("It sent hundreds of troops.", 200, 999),
        ("It sent tens of thousands of troops.", 20_000, 99_999),
        ("It sent up to hundreds of troops.", 0, 999),
        ("Between 1.5 to 1.6 billion people live there.", 1.5e9, 1.6e9),
    ],
)
def test_hedges_become_intervals(text, low, high):
    c = one(text)
    assert math.isclose(c.low, low) and (c.high == high or math.isclose(c.high, high))


@pytest.mark.parametrize(
    "text, value, unit, scale",
    [
        ("The fund holds $1 billion.", 1e9, "USD", 1e9),
        ("The state set aside Rs 5 crore.", 5e7, "INR", 1e7),
        ("The club paid €3m.", 3e6, "EUR", 1e6),
        ("The club paid £2.5bn.", 2.5e9, "GBP", 1e9),
        ("Turnout was 63.2% on Sunday.", 63.2, "%", 1),
        ("Turnout was 63 per cent on Sunday.", 63, "%", 1),
        ("The road is 2-1/2 miles long.", 2.5, "", 1),
        ("It weighed 11,000 tonnes.", 11000, "", 1),
    ],
)
def test_money_percentages_and_scales(text, value, unit, scale):
    q = only(text)
    assert math.isclose(q.value, value) and q.unit == unit and q.scale == scale


def test_the_counted_thing_is_the_noun_phrase():
    q = only("Pyongyang sent 3,000 North Korean troops.")
    assert q.phrase == "North Korean troops" and q.noun == "troops" and q.cls == "troops"
    assert only("It cut 1.58 million barrels a day.").noun == "barrels"
    assert only("It paid $1 billion to the fund.").noun == ""


def test_increments_previous_and_totals():
    found = counts(Document("It sent at least 3,000 additional soldiers, following approximately 11,000 previous deployments."), CLASSES)
    assert [(c.value, c.increment, c.previous) for c in found] == [(3000, True, False), (11000, False, True)]
    assert one("It sent an additional 3,000 soldiers.").increment
    assert one("It sent another 3,000 soldiers.").increment
    assert one("It sent 3,000 more soldiers.").increment
    assert one("It sent a total of 72 soldiers.").total
    assert one("It sent 72 soldiers in total.").total
    assert one("It sent 72 troops combined.").total
    assert not one("It sent 72 troops.").total


def test_years_days_times_and_codes_are_not_quantities():
    assert counts(Document("In 2023 soldiers left. It has 300 hospitals."), CLASSES) == []
    assert extract(Document("On January 12, 2025, at 10:30 the 3rd wave of COVID-19 hit 5G masts."), CLASSES) == []


def test_parse_number_and_interval():
    assert parse_number("11,000") == 11000
    assert parse_number("1.5", "billion") == 1.5e9
    assert parse_number("a dozen") == 12
    assert interval(100, "nearly") == pytest.approx((90, 110))
    assert interval(100, "up to") == (0, 100)
    assert interval(100, "at least") == (100, INF)


def test_dates_and_article_year():
    m = WEEKDAY_DATE.search("on Thu., Sept. 18, 2025, in Paris")
    assert weekday_number(m.group("wd")) == 3 and month_number(m.group("month")) == 9 and m.group("year") == "2025"
    m = WEEKDAY_DATE.search("on Monday 13 October 2025")
    assert m.group("day2") == "13" and month_number(m.group("month2")) == 10
    assert article_year(Document("Title\n\nUpdated 14 October 2025\n\nText.")) == 2025
    assert article_year(Document("Title\n\nMADRID, April 22, 2025 – Text.")) == 2025
    assert article_year(Document("Title\n\nMALATYA, Turkey, Feb. 9, 2025 – Text.")) == 2025
    assert article_year(Document("Title\n\nIn 2023 the war went on.")) is None


def test_extraction_is_linear_and_fast():
    import time

    text = ("Officials said up to 12,000 troops, $1.5 billion and 45% of voters were involved on Monday, "
            "January 12, 2025, with hundreds of people and a total of 72 seats. ") * 2000
    t = time.perf_counter()
    found = extract(Document(text), CLASSES)
    assert len(found) == 5 * 2000
    assert time.perf_counter() - t < 2.0


def test_article_year_gate_agrees_with_the_full_search():
    """article_year skips the costly stamp search when neither a stamp word nor a "YYYY -"
    dateline can be present; the answer must be the one the full search gives."""
    from hypothesis import given, settings, strategies as st

    from newslint.analysis.quantities import _STAMP, article_year

    pieces = st.sampled_from(
        ["Updated ", "PUBLISHED: ", "Last modified ", "poſted ", "Posted", "LONDON, ", "March 4, ", "Tuesday, ",
         "2024", "1999", " - ", " — ", "(", "\n", "The council met. ", "x", " ", "12 ", "Jan. "]
    )

    @settings(max_examples=1500, deadline=None)
    @given(st.lists(pieces, max_size=12).map("".join))
    def same(text):
        m = _STAMP.search(text)
        want = int(m.group("year") or m.group("year2")) if m else None
        assert article_year(Document(text, "a.txt")) == want, repr(text)

    same()


def test_stamp_year_agrees_with_the_full_search():
    """_stamp_year tries the stamp branch of _STAMP only where a stamp word begins and the
    dateline branch only when a "YYYY -" exists; its year must be the full search's."""
    from hypothesis import given, settings, strategies as st

    from newslint.analysis.quantities import _STAMP, _stamp_year

    pieces = st.sampled_from(
        ["Updated ", "updated", "PUBLISHED: ", "first  published ", "First\npublished", "Last modified ",
         "blast\tmodified ", "poſted ", "publİshed ", "Posted", "reposted ", "LONDON, ", "March 4, ", "Tuesday, ",
         "Sept. 3 ", "2024", "1999", " - ", " — ", "(", "\n", "The council met. ", "x", " ", "12 ", "Jan. "]
    )

    @settings(max_examples=3000, deadline=None)
    @given(st.lists(pieces, max_size=12).map("".join))
    def same(text):
        m = _STAMP.search(text)
        want = int(m.group("year") or m.group("year2")) if m else None
        assert _stamp_year(text, text.lower()) == want, repr(text)

    same()


def test_anchors_between_is_a_slice_of_the_whole_scan():
    """A scan of part of the text starts where the run of figure characters holding its start
    begins, so its anchors are those of the whole text's scan in that range."""
    from hypothesis import given, settings, strategies as st

    from newslint.analysis.quantities import _anchors_between, _find_anchors

    pieces = st.sampled_from(
        ["12", ",500", ".5", "$", "€3", "x", " ", "-", "a dozen ", "half a million ", "one hundred ", "three ",
         "٣٠", ",", ".", "\n"]
    )

    @settings(max_examples=1500, deadline=None)
    @given(st.lists(pieces, max_size=14).map("".join), st.integers(0, 60), st.integers(0, 60))
    def same(text, a, b):
        a, b = sorted((min(a, len(text)), min(b, len(text))))
        whole = _find_anchors(Document(text, "a.txt"))
        assert _anchors_between(Document(text, "a.txt"), a, b) == [p for p in whole if a <= p < b]

    same()


def test_scales_between_holds_every_scale_extracted():
    from hypothesis import given, settings, strategies as st

    from newslint.analysis.quantities import extract_between, scales_between

    pieces = st.sampled_from(
        ["1.5", " billion", " million", "bn", "m", " k", "$", "Rs ", "USD ", "five", " to ", "2", " thousand",
         " crore", "'s", " troops", " ", ",", "%"]
    )

    @settings(max_examples=1500, deadline=None)
    @given(st.lists(pieces, max_size=10).map("".join), st.integers(0, 40), st.integers(0, 40))
    def superset(text, a, b):
        a, b = sorted((a, b))
        doc = Document(text, "a.txt")
        scales = {q.scale for q in extract_between(doc, a, b, CLASSES) if q.scale > 1}
        assert scales <= scales_between(Document(text, "a.txt"), a, b, CLASSES), repr(text)

    superset()
