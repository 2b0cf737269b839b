import math

import pytest

from newslint.document import Document
from newslint.quantities import INF, counts, interval, parse_number

CLASSES = {"troops": "troops", "soldiers": "troops", "deployments": "troops", "jobs": "jobs"}


def one(text):
    found = counts(Document(text), CLASSES)
    assert len(found) == 1, found
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
        ("It sent 11,000 North Korean troops.", 11000, 11000),
        ("It sent two soldiers.", 2, 2),
        ("It sent a dozen soldiers.", 12, 12),
        ("It cut 1.5 million jobs.", 1.5e6, 1.5e6),
    ],
)
def test_hedges_become_intervals(text, low, high):
    c = one(text)
    assert math.isclose(c.low, low) and (c.high == high or math.isclose(c.high, high))


def test_increments_and_previous_markers():
    found = counts(Document("It sent at least 3,000 additional soldiers, following approximately 11,000 previous deployments."), CLASSES)
    assert [(c.value, c.increment, c.previous) for c in found] == [(3000, True, False), (11000, False, True)]
    assert one("It sent an additional 3,000 soldiers.").increment


def test_years_and_unknown_nouns_are_not_counts():
    assert counts(Document("In 2023 soldiers left. It has 300 hospitals."), CLASSES) == []


def test_parse_number_and_interval():
    assert parse_number("11,000", None) == 11000
    assert parse_number("1.5", "billion") == 1.5e9
    assert interval(100, "nearly") == (90, 110.00000000000001) or interval(100, "nearly")[0] == 90
