"""Amounts: the seed gold, money/percent/count cases, event links, and properties."""
from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from orbit.extract.amounts import attach_amounts, currencies, find_amounts, parse_number
from orbit.model import Amount, Event, Mention, Plover
from ..conftest import SEED, load_jsonl, need_shared


def make_doc(pipeline, text: str, day: date = date(2023, 2, 28)):
    from orbit.clean import clean_document
    from orbit.model import RawDocument
    from orbit.pipeline import make_article_doc

    article = clean_document(RawDocument("t", text, "text", day, title=""), pipeline.settings)
    return pipeline.nlp(make_article_doc(pipeline.nlp, article))


@pytest.fixture(scope="module")
def seed_amounts(pipeline):
    need_shared()
    return find_amounts(make_doc(pipeline, SEED.with_suffix(".txt").read_text(encoding="utf-8")))


def _gold_amounts():
    path = SEED.with_suffix(".amounts.jsonl")
    return load_jsonl(path) if path.exists() else []


@pytest.mark.parametrize("gold", _gold_amounts(), ids=lambda g: g["text_contains"])
def test_seed_amount(seed_amounts, gold):
    found = [a for a in seed_amounts if gold["text_contains"] in a.text]
    assert found, f"no amount contains {gold['text_contains']!r}: {[a.text for a in seed_amounts]}"
    a = found[0]
    assert a.unit == gold["unit"]
    assert math.isclose(a.value, gold["value"])


def test_seed_no_years_or_dates(seed_amounts):
    # "February 2022", "in 2014", "Tuesday" are dates, not amounts
    for a in seed_amounts:
        assert not (a.unit not in ("percent",) and 1900 <= a.value <= 2100 and a.value == int(a.value)), a


@pytest.mark.parametrize("text, value, unit", [
    ("Japan pledged 15.8 billion yen in aid.", 15.8e9, "JPY"),
    ("The EU pledged €3bn for reconstruction.", 3e9, "EUR"),
    ("Britain gave £40m to the fund.", 40e6, "GBP"),
    ("The bank lent 25 million US dollars to Uzbekistan.", 25e6, "USD"),
    ("The tenge traded at 450 tenge per dollar.", 450, "KZT"),
    ("Fines of 2,000 rubles were imposed.", 2000, "RUB"),
    ("The deal is worth USD 5 million.", 5e6, "USD"),
    ("Washington sent a billion dollars.", 1e9, "USD"),
    ("Inflation reached 60% in March.", 60, "percent"),
    ("The currency fell five percent.", 5, "percent"),
    ("Support rose 3.5 percentage points.", 3.5, "percentage point"),
])
def test_money_and_percent(pipeline, text, value, unit):
    found = find_amounts(make_doc(pipeline, text))
    assert any(a.unit == unit and math.isclose(a.value, value) for a in found), found


@pytest.mark.parametrize("text, value, unit, counts", [
    ("About 200,000 Russians fleeing the draft have sought sanctuary.", 200000, "people", "Russians"),
    ("The country has 3.5 million ethnic Russians.", 3.5e6, "people", "ethnic Russians"),
    ("Kazakhstan has a population of 19 million.", 19e6, "people", "population"),
    ("Poland sent 13 MiG-29 fighter jets to Ukraine.", 13, "jet", "MiG-29 fighter jets"),
    ("The army deployed 1,500 troops to the border.", 1500, "people", "troops"),
    ("They sent a dozen observers.", 12, "people", "observers"),
    ("Kyiv received two dozen tanks.", 24, "tank", "tanks"),
])
def test_counts(pipeline, text, value, unit, counts):
    found = find_amounts(make_doc(pipeline, text))
    assert any(a.unit == unit and math.isclose(a.value, value) and a.counts == counts for a in found), found


@pytest.mark.parametrize("text", [
    "The agreement was signed in 2014.",
    "They met on Feb. 28 in Astana.",
    "Hundreds of protesters gathered, and tens of thousands of conscripts were called up.",
    "The 45-year-old minister spoke for three years.",
    "Poland flies MiG-29 jets, and Covid-19 spread.",
    "The five nations met, and one official spoke.",
])
def test_not_amounts(pipeline, text):
    assert find_amounts(make_doc(pipeline, text)) == []


@pytest.mark.parametrize("text, value", [
    ("1,000", 1000), ("3.5", 3.5), ("two", 2), ("twenty-five", 25), ("a dozen", 12), ("two dozen", 24),
    ("3bn", 3e9), ("5m", 5e6), ("1.2 million", 1.2e6), ("4 billion", 4e9), ("2 trillion", 2e12),
    ("half a million", 5e5), ("a hundred", 100), ("10k", 1e4),
])
def test_parse_number(text, value):
    assert math.isclose(parse_number(text), value)


def test_currencies_file():
    symbols, words, codes = currencies()
    assert symbols["$"] == "USD" and symbols["€"] == "EUR" and symbols["£"] == "GBP"
    assert words["yen"] == "JPY" and words["tenge"] == "KZT" and words["rubles"] == "RUB"
    assert words["us dollars"] == "USD"
    assert "pounds" not in words  # weight, unless "sterling" or "British"


def _event(root: str, sentence_span, trigger_span) -> Event:
    return Event(doc_id="d", sentence="", sentence_span=sentence_span, span=trigger_span,
                 trigger=Mention("x", trigger_span), source=None, target=None, cameo=root + "0", root=root,
                 quad_class=2, goldstein=1.0, plover=Plover(None), rule="test", confidence=1.0)


def test_attach_amounts():
    amounts = [Amount("$20 million", (50, 61), 20e6, "USD"), Amount("20 percent", (70, 80), 20, "percent"),
               Amount("$5 million", (150, 160), 5e6, "USD")]
    events = [_event("04", (0, 100), (10, 15)),     # a meeting: not a money root
              _event("07", (0, 100), (40, 49)),     # "announced ... $20 million"
              _event("03", (0, 100), (90, 95)),     # farther in the same sentence
              _event("07", (120, 200), (130, 135))]
    out = attach_amounts(amounts, events)
    assert out[0].event_index == 1
    assert out[1].event_index is None  # not money
    assert out[2].event_index == 3
    assert attach_amounts(amounts, []) == amounts


def test_seed_money_attaches_to_aid_event(pipeline):
    need_shared()
    doc = make_doc(pipeline, SEED.with_suffix(".txt").read_text(encoding="utf-8"))
    events = doc._.orbit_events or []
    out = attach_amounts(find_amounts(doc), events)
    twenty = next(a for a in out if a.text == "$20 million")
    if any(e.root == "07" and e.sentence_span[0] <= twenty.span[0] < e.sentence_span[1] for e in events):
        assert twenty.event_index is not None and events[twenty.event_index].root in ("07", "03", "06", "16")


# -- properties --------------------------------------------------------------------------
PIECES = st.text(alphabet=st.sampled_from(list("0123456789.,$€£¥%- abmkn\n")), max_size=6) | st.sampled_from(
    ["million", "billion", "percent", "dollars", "yen", "tenge", "a dozen", "two", "US$", "bn", "rubles", "per cent",
     "half a", "USD", "k", "twenty-five", " "])


@hsettings(max_examples=300)
@given(st.lists(PIECES, max_size=20).map("".join))
def test_find_amounts_text_never_raises(text):
    for a in find_amounts(text):
        assert 0 <= a.span[0] < a.span[1] <= len(text)
        assert text[a.span[0]:a.span[1]] == a.text
        assert a.value >= 0 and a.unit


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["About", "200,000", "Russians", "13", "jets", "in", "2014", "$5", "million", "the",
                                 "five", "nations", "a", "dozen", "observers", "60%", "population", "of", "19",
                                 ".", ",", "\n\n"]) | st.text(max_size=6), max_size=30))
def test_find_amounts_doc_never_raises(pipeline, words):
    from orbit.model import Article
    from orbit.pipeline import make_article_doc

    text = " ".join(words)
    doc = pipeline.nlp(make_article_doc(pipeline.nlp, Article("t", text, date(2024, 1, 10))))
    for a in find_amounts(doc):
        assert 0 <= a.span[0] < a.span[1] <= len(text)
        assert text[a.span[0]:a.span[1]] == a.text


@given(st.integers(min_value=1, max_value=10**12))
def test_money_with_thousands_separators_round_trips(n):
    text = f"The fund received ${n:,} last year."
    found = find_amounts(text)
    assert len(found) == 1 and found[0].unit == "USD" and found[0].value == n


@given(st.decimals(min_value="0.1", max_value="999.9", places=1),
       st.sampled_from([("million", 1e6), ("billion", 1e9), ("trillion", 1e12), ("bn", 1e9), ("m", 1e6)]),
       st.sampled_from([("$", "USD"), ("€", "EUR"), ("£", "GBP")]))
def test_money_with_scale_round_trips(d, scale, cur):
    word, mult = scale
    sym, code = cur
    sep = "" if len(word) <= 2 else " "
    text = f"Officials pledged {sym}{d}{sep}{word} in aid."
    found = find_amounts(text)
    assert len(found) == 1 and found[0].unit == code
    assert math.isclose(found[0].value, float(d) * mult, rel_tol=1e-9)


@given(st.integers(min_value=2, max_value=999_999),
       st.sampled_from([("yen", "JPY"), ("tenge", "KZT"), ("rubles", "RUB"), ("euros", "EUR"), ("US dollars", "USD")]))
def test_money_word_after_round_trips(n, cur):
    word, code = cur
    found = find_amounts(f"It cost {n:,} {word}.")
    assert len(found) == 1 and found[0].unit == code and found[0].value == n
