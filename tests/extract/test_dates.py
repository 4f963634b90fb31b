"""Dates resolved against the publication date with news conventions, and the seed gold."""
from __future__ import annotations

from datetime import date

import pytest

from orbit.extract.dates import find_dates

from ..conftest import SEED, load_jsonl, need_shared

TUESDAY = date(2023, 2, 28)


def resolved(text, base=TUESDAY, future=False):
    return [(d.text, d.date) for d in find_dates(text, base, future_at=lambda offset: future)]


@pytest.mark.parametrize("text, expected", [
    ("They met on Tuesday.", ("Tuesday", "2023-02-28")),       # the publication day itself
    ("They met on Monday.", ("Monday", "2023-02-27")),         # the latest Monday on or before it
    ("He visited in June.", ("June", "2022-06")),              # a month ahead of February: last year's
    ("Last summer, trade grew.", ("Last summer", "2022")),
    ("The base was scrapped in 2014.", ("2014", "2014")),
    ("Russia invaded on Feb. 24, 2022.", ("Feb. 24, 2022", "2022-02-24")),
    ("The plant was hit two days ago.", ("two days ago", "2023-02-26")),
    ("They spoke yesterday.", ("yesterday", "2023-02-27")),
])
def test_past_references(text, expected):
    assert expected in resolved(text)


def test_future_tense_flips_the_weekday():
    assert ("Friday", "2023-03-03") in resolved("They will meet on Friday.", future=True)
    assert ("Friday", "2023-02-24") in resolved("They met on Friday.")


def test_no_dates_in_numbers_that_are_not_dates():
    assert resolved("Call 555-2014 about the G20 summit.") == []


def test_ranges_have_start_and_end():
    (ref,) = find_dates("Last summer, trade grew.", TUESDAY)
    assert (ref.start, ref.end) == ("2022-06-01", "2022-08-31")


def test_seed_dates(seed_result):
    need_shared()
    text = seed_result.article.text
    for gold in load_jsonl(SEED.with_suffix(".dates.jsonl")):
        at = text.find(gold["anchor"])
        assert at >= 0, gold
        inside = [d for d in seed_result.dates if at <= d.span[0] and d.span[1] <= at + len(gold["anchor"])]
        assert [d.date for d in inside] == [gold["date"]], (gold, inside)
