"""Place resolution: the seed article's places, admin context, person names, datelines."""
from __future__ import annotations

import math
from datetime import date

import pytest

from orbit.extract.places import PlaceContext, find_places, place_context
from orbit.lexicon.gazetteer import name_key

from ..conftest import SEED, load_jsonl, need_shared

KM = 25.0


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = math.sin((lat2 - lat1) * p / 2) ** 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


@pytest.fixture(scope="module")
def read(pipeline, settings):
    """Text -> (Doc, places), through orbit's cleaning and pipeline."""
    from orbit.clean import clean_document
    from orbit.model import RawDocument
    from orbit.pipeline import make_article_doc

    def run(text: str, day: str = "2023-02-28", title: str | None = ""):
        article = clean_document(RawDocument("t", text, "text", date.fromisoformat(day), title=title), settings)
        doc = pipeline.nlp(make_article_doc(pipeline.nlp, article))
        return doc, find_places(doc)

    return run


@pytest.fixture(scope="module")
def seed(read):
    need_shared()
    return read(SEED.with_suffix(".txt").read_text(encoding="utf-8"))


def by_text(places, text):
    return [p for p in places if p.text == text]


def test_every_seed_place_is_found(seed):
    _, places = seed
    for gold in load_jsonl(SEED.with_suffix(".places.jsonl")):
        key = name_key(gold["name"])
        hits = [p for p in places if name_key(p.text) == key or name_key(p.name) == key]
        assert hits, f"{gold['name']} not found"
        for p in hits:
            assert p.country == gold["country"], (gold["name"], p)
            if gold["lat"] is not None:
                assert p.lat is not None, (gold["name"], p)
                assert haversine(gold["lat"], gold["lon"], p.lat, p.lon) <= KM, (gold["name"], p)


def test_seed_places_are_in_text_order_with_true_spans(seed):
    doc, places = seed
    assert [p.span for p in places] == sorted(p.span for p in places)
    for p in places:
        assert doc.text[p.span[0]:p.span[1]] == p.text
    # adjectives and demonyms are not places
    assert not {"Kazakh", "Russian", "Russians", "Kyrgyz", "Ukrainian", "Central Asian"} & {p.text for p in places}


def test_st_petersburg_in_a_russia_story_is_russian(seed):
    _, places = seed
    spb = by_text(places, "St. Petersburg")
    assert len(spb) == 2
    assert all(p.country == "RUS" and p.name == "Saint Petersburg" and p.kind == "city" for p in spb)


def test_seed_dateline_city(seed):
    doc, places = seed
    first_city = next(p for p in places if p.kind == "city")
    assert first_city.text == "ASTANA" and first_city.country == "KAZ"
    assert doc.text.index("ASTANA, Kazakhstan") == first_city.span[0]


def test_seed_capitals_and_countries(seed):
    _, places = seed
    assert {p.country for p in by_text(places, "Kyiv")} == {"UKR"}
    bishkek = by_text(places, "Bishkek")
    assert bishkek and all(p.country == "KGZ" and p.admin1 for p in bishkek)
    germany = by_text(places, "Germany")
    assert germany and all(p.kind == "country" and p.geonameid == 2921044 for p in germany)
    caspian = by_text(places, "Caspian Sea")
    assert caspian and all(p.country is None for p in caspian)


def test_paris_texas_and_st_petersburg_florida(read):
    _, places = read("The storm hit Paris, Texas, on Monday and later St. Petersburg, Florida, officials said.")
    paris = by_text(places, "Paris")
    assert paris and paris[0].country == "USA" and paris[0].admin1 == "Texas"
    assert haversine(paris[0].lat, paris[0].lon, 33.66, -95.56) < KM
    spb = by_text(places, "St. Petersburg")
    assert spb and spb[0].country == "USA" and spb[0].admin1 == "Florida"
    assert {p.kind for p in by_text(places, "Texas") + by_text(places, "Florida")} == {"region"}


def test_plain_paris_is_the_french_capital(read):
    _, places = read("Protesters marched through Paris on Saturday against the pension reform.")
    (paris,) = by_text(places, "Paris")
    assert paris.country == "FRA" and paris.geonameid == 2988507


def test_person_names_are_not_places(read):
    _, places = read("Jordan Peterson spoke at length about the book. Chad Smith, the drummer, agreed with "
                     "Georgia Brown, who lives in London.")
    texts = {p.text for p in places}
    assert not {"Jordan", "Chad", "Georgia"} & texts
    assert not any("Jordan" in t or "Peterson" in t for t in texts)
    assert by_text(places, "London") and by_text(places, "London")[0].country == "GBR"


def test_parts_of_organisation_names_are_not_places(read):
    _, places = read("The Bank of Israel raised rates, and Crossroads Central Asia published a report in Almaty.")
    assert not by_text(places, "Israel")
    (almaty,) = by_text(places, "Almaty")
    assert almaty.country == "KAZ"


def test_explicit_admin_context_and_capital(read):
    _, places = read("Emil Joroev works at a research group in Bishkek, the capital of Kyrgyzstan. "
                     "He later flew to the Ukrainian capital, Kyiv, and to the city of Bucha.")
    assert by_text(places, "Bishkek")[0].country == "KGZ"
    assert by_text(places, "Kyiv")[0].country == "UKR"
    assert by_text(places, "Bucha")[0].country == "UKR"


def test_alternate_names_and_diacritics(read):
    _, places = read("He moved from Alma-Ata to Kiev in 1991 and later to Zürich, Switzerland.")
    assert by_text(places, "Alma-Ata")[0].name == "Almaty"
    kiev = by_text(places, "Kiev")[0]
    assert kiev.country == "UKR" and kiev.name == "Kyiv"
    assert by_text(places, "Zürich")[0].country == "CHE"


def test_wire_dateline_city(read):
    text = "KYIV, Ukraine (Reuters) - Ukrainian forces repelled attacks near Bakhmut on Sunday, the military said.\n"
    doc, places = read(text, day="2023-03-05", title=None)
    assert doc._.orbit_dateline_end  # cleaning found the dateline
    kyiv = places[0]
    assert kyiv.text == "KYIV" and kyiv.country == "UKR" and kyiv.kind == "city"
    assert by_text(places, "Bakhmut")[0].country == "UKR"


def test_dateline_country_picks_the_city(read):
    _, places = read("ALEXANDRIA, Egypt — Thousands gathered on Friday. Later the crowd left Alexandria.",
                     title=None)
    assert all(p.country == "EGY" for p in places if p.text.lower() == "alexandria")


def test_context_can_be_precomputed(read):
    doc, places = read("Talks in Astana ended. Kazakhstan's president thanked the United States.")
    ctx = place_context(doc)
    assert isinstance(ctx, PlaceContext)
    assert ctx.countries["KAZ"] >= 2 and ctx.countries["USA"] >= 1
    assert find_places(doc, ctx) == places


def test_admin_context_reads_georgia_both_ways(read):
    _, places = read("The company moved from Atlanta, Georgia, to a new site. Protests continued in Tbilisi, "
                     "Georgia, on Sunday.")
    atlanta, georgia_us, tbilisi, georgia = places
    assert (atlanta.text, atlanta.country, atlanta.admin1) == ("Atlanta", "USA", "Georgia")
    assert (georgia_us.text, georgia_us.country, georgia_us.kind) == ("Georgia", "USA", "region")
    assert (tbilisi.text, tbilisi.country) == ("Tbilisi", "GEO")
    assert (georgia.text, georgia.country, georgia.kind) == ("Georgia", "GEO", "country")


def test_lists_and_washington_state(read):
    _, places = read("Wildfires burned in Oregon, Washington and Idaho. In Washington state, crews worked all night.")
    assert {p.kind for p in places if p.text == "Washington"} == {"region"}
    assert all(p.country == "USA" for p in places)


def test_places_before_local_institutions(read):
    """The gazetteer as a second source: a known name before a local institution or in a
    legislator's party label is a place, even inside an organisation's name."""
    _, places = read("Officers of the Fargo Police Department arrested two men on Friday. "
                     "The Moorhead City Council will meet again next week, said Rep. Dana Lowe, R-Fergus Falls.")
    assert by_text(places, "Fargo") and by_text(places, "Fargo")[0].country == "USA"
    assert by_text(places, "Moorhead")
    assert by_text(places, "Fergus Falls") and by_text(places, "Fergus Falls")[0].country == "USA"


def test_a_local_resident_is_from_a_town(read):
    """'a Lebanon woman': a town named Lebanon, not the country."""
    _, places = read("A Lebanon woman was injured when her car hit a tree on Route 72 near Annville, "
                     "Pennsylvania, state police said.")
    (lebanon,) = by_text(places, "Lebanon")
    assert lebanon.kind == "city" and lebanon.country == "USA"


def test_a_hyphenated_pair_before_an_institution_names_no_town(read):
    """'the US-Mexico Council': two countries qualify the council together; neither is a
    town's own institution (not 'Paris police'), even in a story full of one state's towns."""
    _, places = read("Officials from Springfield, Ohio, and Dayton, Ohio, joined the US-Mexico Council "
                     "in Columbus.")
    assert [(p.kind, p.country) for p in by_text(places, "Mexico")] == [("country", "MEX")]


def test_directions_and_region_words(read):
    _, places = read("Shelling continued in northern Gaza on Monday, and two villages in the Kharkiv region "
                     "were evacuated, officials in the Donbas said.")
    texts = " ".join(p.text for p in places)
    assert "Gaza" in texts and "Kharkiv" in texts and "Donbas" in texts
