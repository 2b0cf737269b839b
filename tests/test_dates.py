import pytest

from newslint.analysis.dates import WEEKDAY_DATE, article_year, month_number, weekday_number
from newslint.document import Document


def test_dates_and_article_year():
    m = WEEKDAY_DATE.search("on Thu., Sept. 18, 2025, in Paris")
    assert weekday_number(m.group("wd")) == 3 and month_number(m.group("month")) == 9 and m.group("year") == "2025"
    m = WEEKDAY_DATE.search("on Monday 13 October 2025")
    assert m.group("day2") == "13" and month_number(m.group("month2")) == 10
    assert article_year(Document("Title\n\nUpdated 14 October 2025\n\nText.")) == 2025
    assert article_year(Document("Title\n\nMADRID, April 22, 2025 – Text.")) == 2025
    assert article_year(Document("Title\n\nMALATYA, Turkey, Feb. 9, 2025 – Text.")) == 2025
    assert article_year(Document("Title\n\nIn 2023 the war went on.")) is None


@pytest.mark.slow
def test_article_year_gate_agrees_with_the_full_search():
    """article_year skips the costly stamp search when neither a stamp word nor a "YYYY -"
    dateline can be present; the answer must be the one the full search gives."""
    from hypothesis import given, settings, strategies as st

    from newslint.analysis.dates import _STAMP, article_year

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


@pytest.mark.slow
def test_stamp_year_agrees_with_the_full_search():
    """_stamp_year tries the stamp branch of _STAMP only where a stamp word begins and the
    dateline branch only when a "YYYY -" exists; its year must be the full search's."""
    from hypothesis import given, settings, strategies as st

    from newslint.analysis.dates import _STAMP, _stamp_year

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
