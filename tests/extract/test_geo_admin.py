"""Places from admin areas (counties, provinces) and from names inside organisations' names:
orbit.extract.places with data/places/admin_areas.tsv and places/embedded.py."""
from __future__ import annotations

from datetime import date

import pytest

from orbit.extract.places import find_places
from orbit.extract.places.embedded import (
    before_area_words,
    county_lists,
    repeated_names,
)
from orbit.lexicon.gazetteer import gazetteer


@pytest.fixture(scope="module")
def read(pipeline, settings):
    """Text -> places, through orbit's cleaning and pipeline (not its event coder: places
    do not read events)."""
    from orbit.clean import clean_document
    from orbit.model import RawDocument
    from orbit.pipeline import make_article_doc

    nlp = pipeline.nlp
    skip = [name for name in ("orbit_events",) if name in nlp.pipe_names]

    def run(text: str):
        article = clean_document(RawDocument("t", text, "text", date(2021, 5, 4), title=""), settings)
        doc = next(nlp.pipe([make_article_doc(nlp, article)], disable=skip))
        return find_places(doc)

    return run


def by_text(places, text):
    return [p for p in places if p.text == text]


# -- the finders on plain token lists ----------------------------------------------------
def test_county_lists_take_every_item_of_the_list():
    texts = "Hail fell on Marion , Butler and Sedgwick counties overnight .".split()
    spans = county_lists(texts)
    assert sorted(" ".join(texts[s:e]) for s, e in spans) == ["Butler", "Marion", "Sedgwick"]


def test_county_lists_stop_where_the_list_does():
    texts = "Officials said Tuesday that Logan and Clay counties flooded .".split()
    names = {" ".join(texts[s:e]) for s, e in county_lists(texts)}
    assert names == {"Logan", "Clay"}  # "Tuesday" is before "that", outside the list


def test_area_words_and_repeated_names():
    texts = "Troops left the Zaporizhzhia region and the Kherson province .".split()
    assert [" ".join(texts[s:e]) for s, e in before_area_words(texts)] == ["Zaporizhzhia", "Kherson"]
    texts = "The Dorset Rowing Club met in Dorset".split()
    taken = [False] * len(texts)
    taken[6] = True  # the mention already made of "in Dorset"
    assert repeated_names(texts, {"dorset"}, taken, [False] * len(texts)) == [(1, 2)]


# -- the gazetteer -----------------------------------------------------------------------
def test_us_counties_have_geonames_ids_and_points():
    g = gazetteer()
    (tarrant,) = [c for c in g.counties["tarrant county"] if c.state == "TX"]
    assert tarrant.gid == 4735638
    assert 32 < tarrant.lat < 33.5 and -98 < tarrant.lon < -96.5
    # the name alone is kept, flagged, for "Tarrant and Dallas counties"
    assert any(c.short and c.state == "TX" for c in g.counties["tarrant"])


def test_provinces_come_from_the_admin_file():
    g = gazetteer()
    assert any(a.iso3 == "PER" and a.level == 1 for a in g.admins["puno"])
    assert "western" not in g.admins  # a direction alone is never an admin area


# -- whole sentences ---------------------------------------------------------------------
def test_names_in_a_county_list_are_counties(read):
    places = read("Storm damage was reported in Harper, Kingman and Reno counties on Sunday, the patrol said.")
    for name in ("Harper", "Kingman", "Reno"):
        (p,) = by_text(places, name)
        assert p.kind == "region" and p.country == "USA" and p.admin1 == "Kansas"
        assert p.geonameid is not None and p.lat is not None


def test_a_county_named_before_its_office_keeps_its_county_word(read):
    places = read("Deputies from the Walker County Sheriff's Office searched the field near Huntsville, Texas.")
    (walker,) = [p for p in places if p.text.startswith("Walker")]
    assert walker.text == "Walker County" and walker.kind == "region" and walker.admin1 == "Texas"


def test_a_province_needs_the_word_to_beat_its_city(read):
    places = read("Shelling spread across Idlib province on Monday. In Aleppo, the markets stayed open.")
    (idlib,) = by_text(places, "Idlib")
    assert idlib.kind == "region" and idlib.country == "SYR"
    (aleppo,) = by_text(places, "Aleppo")
    assert aleppo.kind == "city" and aleppo.country == "SYR"


def test_a_region_named_before_region(read):
    places = read("Heavy rain hit the Puno region of Peru last week, flooding roads.")
    (puno,) = by_text(places, "Puno")
    assert puno.country == "PER" and puno.kind == "region" and puno.geonameid == 3931275


def test_states_and_cities_inside_organisation_names(read):
    places = read("The Minnesota House passed the bill on Thursday. Ana Ruiz teaches at the University "
                  "of Cincinnati, and her brother works for the Oregon Department of Forestry.")
    assert by_text(places, "Minnesota") and by_text(places, "Minnesota")[0].country == "USA"
    assert by_text(places, "Cincinnati")[0].admin1 == "Ohio"
    assert by_text(places, "Oregon")


def test_a_town_named_again_inside_an_organisation(read):
    places = read("The fire started in Lombard on Tuesday night. The Lombard Historical Society lost "
                  "most of its records.")
    lombards = by_text(places, "Lombard")
    assert len(lombards) == 2 and {p.admin1 for p in lombards} == {"Illinois"}


def test_newspapers_diseases_and_national_bodies_are_not_places(read):
    places = read("She told The Boston Globe that doctors had found the Marburg virus in two patients. "
                  "The Bank of Canada kept its rate.")
    texts = {p.text for p in places}
    assert not {"Boston", "Marburg", "Canada"} & texts
