import math

import pytest

from newslint.analysis.quantities import (
    INF,
    count_classes,
    counts,
    extract,
    extract_between,
    interval,
    parse_number,
)
from newslint.document import Document
from newslint.rule import Context

CTX = Context(lists={"consistency.count-classes": [
    {"troops": ["troops", "soldiers", "deployments"]}, {"jobs": ["jobs"]}, {"people": ["people"]},
]})
CLASSES = {"troops": "troops", "soldiers": "troops", "deployments": "troops", "jobs": "jobs", "people": "people"}


def test_count_classes_come_from_the_configuration():
    assert count_classes(CTX) == CLASSES
    assert count_classes(CTX) is count_classes(CTX)  # built once per configuration
    assert count_classes(Context()) == {}


def one(text):
    found = counts(Document(text), CTX)
    assert len(found) == 1, found
    return found[0]


def only(text):
    found = extract(Document(text), CTX)
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
    found = counts(Document("It sent at least 3,000 additional soldiers, following approximately 11,000 previous deployments."), CTX)
    assert [(c.value, c.increment, c.previous) for c in found] == [(3000, True, False), (11000, False, True)]
    assert one("It sent an additional 3,000 soldiers.").increment
    assert one("It sent another 3,000 soldiers.").increment
    assert one("It sent 3,000 more soldiers.").increment
    assert one("It sent a total of 72 soldiers.").total
    assert one("It sent 72 soldiers in total.").total
    assert one("It sent 72 troops combined.").total
    assert not one("It sent 72 troops.").total


def test_years_days_times_and_codes_are_not_quantities():
    assert counts(Document("In 2023 soldiers left. It has 300 hospitals."), CTX) == []
    assert extract(Document("On January 12, 2025, at 10:30 the 3rd wave of COVID-19 hit 5G masts."), CTX) == []


def test_parse_number_and_interval():
    assert parse_number("11,000") == 11000
    assert parse_number("1.5", "billion") == 1.5e9
    assert parse_number("a dozen") == 12
    assert interval(100, "nearly") == pytest.approx((90, 110))
    assert interval(100, "up to") == (0, 100)
    assert interval(100, "at least") == (100, INF)


def test_extraction_of_a_long_text():
    text = ("Officials said up to 12,000 troops, $1.5 billion and 45% of voters were involved on Monday, "
            "January 12, 2025, with hundreds of people and a total of 72 seats. ") * 2000
    assert len(extract(Document(text), CTX)) == 5 * 2000


def test_extraction_does_not_depend_on_what_was_asked_first():
    """Each analysis is a function of its arguments: asking for the figures with no
    configuration, with one, or the counts first, gives the same answers in any order."""
    text = ("Officials said up to 12,000 troops and 3,000 additional soldiers left. "
            "The plan cut 1.5 million jobs, and hundreds of people marched on Monday.\n")
    asks = {
        "plain": lambda d: extract(d),
        "classified": lambda d: extract(d, CTX),
        "counts": lambda d: counts(d, CTX),
        "between": lambda d: extract_between(d, 0, 40),
        "between classified": lambda d: extract_between(d, 0, 40, CLASSES),
    }
    alone = {name: ask(Document(text)) for name, ask in asks.items()}
    assert alone["plain"] != alone["classified"]  # "soldiers" is its own class without a configuration
    for order in (list(asks), list(reversed(asks))):
        doc = Document(text)
        assert {name: asks[name](doc) for name in order} == alone, order


@pytest.mark.slow
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


@pytest.mark.slow
def test_scales_between_holds_every_scale_extracted():
    from hypothesis import given, settings, strategies as st

    from newslint.analysis.quantities import scales_between

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
        assert scales <= scales_between(Document(text, "a.txt"), a, b), repr(text)

    superset()


def test_labelled_rows_read_lists_pipe_tables_and_flattened_rows():
    from newslint.analysis.quantities import labelled_rows

    text = ("Intro line with 3 figures and more words than a row.\n\n- Norway: 6\n\n| Country | Cases | Deaths |\n"
            "|---|---|---|\n| Peru | 9,870 | 205 |\n\n1China80,0262,912\n2South Korea4,21222\nUpdated 2024\n")
    rows = labelled_rows(Document(text))
    got = [(r.line, r.label, [v for v, _, _ in r.values], r.table) for r in rows]
    assert got == [
        (3, "Norway", [6.0], False),
        (7, "Peru", [9870.0, 205.0], True),
        (9, "China", [80026.0, 2912.0], False),
        (10, "South Korea", [4212.0, 22.0], False),
    ]
    china = rows[2]
    assert text[china.label_start:china.label_end] == "China"
    assert [text[s:e] for _, s, e in china.values] == ["80,026", "2,912"]
