"""Toponyms the NER misses or mislabels, found with the gazetteer as a second source (issue
20): a person's town (places/residence.py), towns of the article's own areas
(places/areas.py), people's names that no longer hide places, and distance to the
article's other places in disambiguation. Sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from orbit.extract.places import find_places
from orbit.extract.places.areas import area_names
from orbit.extract.places.residence import residence_names


@pytest.fixture(scope="module")
def read(pipeline, settings):
    """Text -> (Doc, places), through orbit's cleaning and pipeline (not its event coder)."""
    from orbit.clean import clean_document
    from orbit.model import RawDocument
    from orbit.pipeline import make_article_doc

    nlp = pipeline.nlp
    skip = [name for name in ("orbit_events",) if name in nlp.pipe_names]

    def run(text: str):
        article = clean_document(RawDocument("t", text, "text", date(2022, 10, 3), title=""), settings)
        doc = next(nlp.pipe([make_article_doc(nlp, article)], disable=skip))
        return doc, find_places(doc)

    return run


def by_text(places, text):
    return [p for p in places if p.text == text]


@pytest.mark.parametrize("text, town, state", [
    ("Deputies said the driver, Martha Quimby, 37, of Grovetown, was taken to a hospital.", "Grovetown", "Georgia"),
    ("Delbert Swale of Jeannette told reporters the bridge had been closed since noon.", "Jeannette", "Pennsylvania"),
    ("\"We will rebuild the barn,\" said Corliss Fenn, of Wooster.", "Wooster", "Ohio"),
])
def test_a_persons_town(read, text, town, state):
    _, places = read(text)
    hits = by_text(places, town)
    assert hits and hits[0].country == "USA" and hits[0].admin1 == state, places


def test_a_persons_employer_is_no_town(read):
    _, places = read("Orla Benning of Microsoft and Tobias Reeve of Goldman Sachs spoke at the panel.")
    assert not places


@pytest.mark.parametrize("text, town, state", [
    # a facility named for a town of the article's state
    ("Property tax bills went out across Connecticut on Monday. The appeal will be heard "
     "on Tuesday at the Torrington Superior Court.", "Torrington", "Connecticut"),
    # a legislator's district named by a bare county name
    ("State Sen. Olive Marsh, D-Monongalia, asked the chamber to take up the road bill this week.",
     "Monongalia", "West Virginia"),
    # Minnesota's DFL is a party label like D or R
    ("The motion came from Rep. Ada Lund, DFL-Chisholm, who said the mine jobs in northern Minnesota must stay.",
     "Chisholm", "Minnesota"),
    # datelines after a byline's date and after "---"
    ("Paper mill to close. By Ann Roe Staff Writer May 4, 2010 ZANESVILLE -- The paper mill on the "
     "river will close in June, its owners said.", "ZANESVILLE", "Ohio"),
    ("Paper mill to close. CHILLICOTHE --- The paper mill on the river will close in June, its owners said.",
     "CHILLICOTHE", "Ohio"),
    # where a firm is based
    ("The Zanesville-based pottery maker said on Monday it would hire 40 workers in Ohio.", "Zanesville", "Ohio"),
    # a party member after a town is its resident
    ("The bill's sponsor, state Sen. Wendell Ostrow, a Kettering Republican, said Ohio "
     "schools need the money.", "Kettering", "Ohio"),
    # a local headline's first word, a town of the article's state
    ("Chicopee residents weigh land purchase. Members of the conservation commission in "
     "Massachusetts met Tuesday to hear from neighbours about the 40-acre parcel.", "Chicopee", "Massachusetts"),
])
def test_a_town_the_words_and_the_articles_state_name(read, text, town, state):
    _, places = read(text)
    hits = by_text(places, town)
    assert hits and hits[0].country == "USA" and hits[0].admin1 == state, places


def test_a_town_of_another_state_before_a_facility_stays_a_word(read):
    # Torrington is a Connecticut town: nothing in a Texas story makes it a place
    _, places = read("Property tax bills went out across Texas on Monday. The appeal will be heard on "
                     "Tuesday at the Torrington Superior Court.")
    assert not by_text(places, "Torrington"), places


def test_area_names_needs_the_area_and_the_words():
    texts = ["Crews", "came", "to", "Bantam", "and", "met", "Bantam", "officials", "."]

    class Tok:
        is_sent_start = False
        pos_ = "PROPN"

    doc = [Tok() for _ in texts]
    taken = [False] * len(texts)
    ent_of = [None] * len(texts)
    inside = area_names(doc, texts, ent_of, taken, set(), set(), lambda s: s == "Bantam",
                        lambda w: w == "officials", lambda s: False)
    assert inside == [(3, 4), (6, 7)]
    outside = area_names(doc, texts, ent_of, taken, set(), set(), lambda s: False,
                         lambda w: w == "officials", lambda s: False)
    assert outside == []


def test_residence_names_reads_the_age_pattern():
    texts = ["Mark", "Doe", ",", "20", ",", "Grovetown", ",", "was", "charged", "."]

    class Ent:
        label_ = "PERSON"
        start, end = 0, 2

    ent_of = [Ent(), Ent()] + [None] * 8
    assert residence_names(None, texts, ent_of, [False] * 10, lambda s: s == "Grovetown") == [(5, 6)]
    assert residence_names(None, texts, ent_of, [False] * 10, lambda s: False) == []


def test_a_pageant_title_is_no_state(read):
    # "Miss" is Mississippi only as the abbreviation "Miss."
    _, places = read("Kaylee Dorn of Lima won the Miss Teen title, and Ava Crane of Elida took the Little "
                     "Miss crown on Sunday.")
    assert not by_text(places, "Miss"), places


def test_a_town_near_the_articles_places_across_a_state_line(read):
    # Moorhead, Minnesota is across the river from Fargo, North Dakota: near it, not in its state
    _, places = read("Sandbags were stacked along the river in Fargo, North Dakota, on Monday. Volunteers "
                     "also worked north of Moorhead until dark.")
    hits = by_text(places, "Moorhead")
    assert hits and hits[0].admin1 == "Minnesota", places


def test_county_abbreviated_before_a_resident_word(read):
    _, places = read("A Loudon Co. woman was hurt when her pickup struck a deer on Tuesday, deputies said.")
    hits = by_text(places, "Loudon Co.")
    assert hits and hits[0].name == "Loudon County" and hits[0].country == "USA", places


def test_a_part_of_a_big_city_is_the_city(read):
    _, places = read("Two row houses burned overnight in South Philadelphia, Philadelphia firefighters said.")
    hits = [p for p in places if p.text == "South Philadelphia"]
    assert hits and hits[0].name == "Philadelphia" and hits[0].admin1 == "Pennsylvania", places


def test_a_direction_and_a_city_name_alone_is_not_the_city(read):
    # a province named for a city (the article never names the city itself)
    _, places = read("Hog farms in South Cotabato were quarantined on Monday, officials said.")
    assert not [p for p in places if p.name == "Cotabato"], places


def test_a_city_the_ner_keeps_calling_a_person_is_not_mostly_a_person(read):
    """Labels counted as the NER gave them: a big city by its own name stays a place, a
    small town's name or a name a person of the article bears stays a person's."""
    from collections import Counter

    from orbit.extract.places.context import place_context
    from orbit.extract.places.mentions import _Finder
    from orbit.lexicon.gazetteer import gazetteer

    doc, _ = read("Voters will decide the charter question in May, said Mayor Ruth Bell.")
    finder = _Finder(doc, place_context(doc), gazetteer())
    for key in ("gainesville", "bell", "quimbyton"):
        finder.labels[key] = Counter(person=5)
    assert not finder.mostly_person("gainesville")  # a city of 100,000+
    assert finder.mostly_person("bell")  # a person of the article ("Ruth Bell")
    assert finder.mostly_person("quimbyton")  # no such city


def test_a_state_that_shares_a_countrys_name_inside_an_agency(read):
    _, places = read("Agents from the Georgia Bureau of Investigation joined deputies in Hall County, Ga., "
                     "on Friday.")
    hits = by_text(places, "Georgia")
    assert hits and hits[0].country == "USA", places


@pytest.mark.parametrize("text, adjective, country", [
    ("Mortar rounds landed on the Moldovan side of the river near a Ukrainian border village.", "Ukrainian", "UKR"),
    ("Fishing boats were turned back from Vietnamese waters late on Sunday.", "Vietnamese", "VNM"),
    ("Talks on the Armenian-Azerbaijani frontier stalled again.", "Armenian", "ARM"),
])
def test_a_countrys_adjective_before_a_noun_of_land_is_that_country(read, text, adjective, country):
    _, places = read(text)
    hits = by_text(places, adjective)
    assert hits and hits[0].country == country and hits[0].kind == "country", places


@pytest.mark.parametrize("text, adjective", [
    ("Ukrainian troops crossed the river at dawn, officials said.", "Ukrainian"),
    ("The Vietnamese government protested on Sunday.", "Vietnamese"),
    # the noun introduces a named place: that place is the place, the adjective its country
    ("Shelling hit the Ukrainian city of Kharkiv overnight.", "Ukrainian"),
    ("Crowds gathered in the Georgian capital, Tbilisi, on Sunday.", "Georgian"),
])
def test_a_countrys_adjective_before_people_or_a_body_is_no_place(read, text, adjective):
    _, places = read(text)
    assert not by_text(places, adjective), places


@pytest.mark.parametrize("text, abbreviation, province", [
    ("A ferry carrying 40 trucks left Nanaimo, B.C., shortly before dawn.", "B.C.", "British Columbia"),
    ("A bakery owner from Kingston, Ont. won the regional award.", "Ont", "Ontario"),
    ("Flooding closed two roads near Brandon, Man. and one in Red Deer, Alta.", "Man", "Manitoba"),
    ("Flooding closed two roads near Brandon, Man. and one in Red Deer, Alta.", "Alta", "Alberta"),
])
def test_a_canadian_provinces_dotted_abbreviation(read, text, abbreviation, province):
    _, places = read(text)
    hits = [p for p in places if p.text.rstrip(".") == abbreviation.rstrip(".")]
    assert hits and hits[0].name == province and hits[0].country == "CAN", places


def test_a_word_like_a_provinces_abbreviation_without_its_full_stop_is_no_place(read):
    _, places = read("Man United lost again, and the old man sighed in his chair in Leeds.")
    assert not [p for p in places if p.country == "CAN"], places


def test_a_list_of_towns_found_in_the_area_pass_carries_on_to_the_next_name(read):
    # only the first town is a place before the area pass; each one found there makes the
    # next name in the list a neighbour of a place
    _, places = read("The grocer shut its stores in Slovakia last year: in Trnava, Nitra, Prešov and Košice.")
    for town in ("Nitra", "Prešov", "Košice"):
        hits = by_text(places, town)
        assert hits and hits[0].country == "SVK", (town, places)


def test_a_town_hyphenated_to_a_town_found_is_a_place(read):
    _, places = read("Volunteers filled sandbags in Fargo, N.D., as the river neared record levels "
                     "across Fargo-Moorhead on Thursday.")
    hits = by_text(places, "Moorhead")
    assert hits and hits[0].country == "USA" and hits[0].admin1 == "Minnesota", places


def test_a_dash_between_spaces_joins_no_towns(read):
    from orbit.extract.places.areas import _joining_hyphen

    doc, _ = read("Levees held in Fargo-Moorhead. Crews stayed in Fargo - Moorhead sent none.")
    hyphens = [t.i for t in doc if t.text == "-"]
    texts = [t.text for t in doc]
    assert [_joining_hyphen(doc, texts, k) for k in hyphens] == [True, False]


@pytest.mark.parametrize("text, town, country", [
    ("Fans travelling to Cirencester from Gloucester faced long delays on Saturday.", "Cirencester", "GBR"),
    ("Last spring the family moved to Clacton for the sea air.", "Clacton", "GBR"),
])
def test_a_town_after_a_verb_of_going_to_or_from_it(read, text, town, country):
    _, places = read(text)
    hits = by_text(places, town)
    assert hits and hits[0].country == country, places


def test_a_person_talked_to_is_no_town(read):
    _, places = read("The mayor talked to Jackson about the budget on Monday.")
    assert not by_text(places, "Jackson"), places


def test_a_person_entity_the_ner_ran_across_a_dash_hides_no_place(read):
    _, places = read("He thanked Mr Kerry - Vermont and Maine backed him - and left. Turnout in Vermont was high.")
    assert by_text(places, "Vermont"), places


def test_a_landmark_named_for_its_town_hides_no_town(read):
    _, places = read("Tourists toured Karak Castle before gunmen fired on a patrol in Karak, Jordan.")
    hits = by_text(places, "Karak")
    assert hits and hits[0].country == "JOR", places


def test_a_province_of_the_regions_file_is_one_of_the_articles_areas(read):
    # Ontario comes from data/places/regions.jsonl; its admin1 code makes the area pass look
    # for the story's small towns there, as in a US state the story names
    _, places = read("Flooding hit eastern Ontario this week. Volunteers gathered at the Gananoque Town Hall "
                     "on Friday.")
    hits = by_text(places, "Gananoque")
    assert hits and hits[0].country == "CAN", places
    (ontario,) = by_text(places, "Ontario")
    assert ontario.admin1 == "CA.08", ontario


def test_a_compass_word_before_a_region_the_ner_tagged_gpe(read):
    # "West" alone is a town's name in the gazetteer; the whole name is the region
    _, places = read("Lifeboats searched the cliffs in West Wales after a walker went missing.")
    hits = by_text(places, "West Wales")
    assert hits and hits[0].name == "Wales" and hits[0].country == "GBR", places


def test_a_compass_word_and_a_name_is_no_evidence_for_the_name(read):
    # "Georgia" inside "North Georgia" does not count as the country's mention for itself
    _, places = read("Lake levels rose in Gainesville, Ga., and the rain brought drought relief to North Georgia "
                     "and Athens, Ga., this week.")
    hits = [p for p in places if p.text.endswith("Georgia")]
    assert hits and hits[0].country == "USA", places


def test_a_small_town_of_the_state_named_after_it(read):
    # the NER calls the town a person; its state follows, and the gazetteer has it there by
    # another of its names (its own is "Matías Romero Avendaño")
    _, places = read("Hundreds of travellers slept in Matias Romero, Oaxaca, on their way north.")
    hits = by_text(places, "Matias Romero")
    assert hits and hits[0].country == "MEX", places
