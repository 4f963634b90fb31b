"""Issue 16: people and groups take a country from what the text says of them (a
nationality in any slot), named armed groups, parties, agencies and companies have their
country from the data files, a prefix alone is no ship (named ships: test_units.py), and a
named town captured is territory seized. Sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest


def countries_by_phrase(pipeline, text: str, day: str = "2024-05-01") -> dict[str, str]:
    result = pipeline.read(text, pub=date.fromisoformat(day))
    return {m.text: a.country for a in result.actors for m in a.mentions}


@pytest.mark.parametrize("text, phrase, country", [
    # a nationality in any slot: subject, apposition, passive agent, after a preposition
    ("Colombian mercenaries stormed a police station on Friday.", "Colombian mercenaries", "COL"),
    ("Ali Rezaei, a Kuwaiti businessman, was questioned for hours.", "Ali Rezaei", "KWT"),
    ("The reporter was beaten by Belarusian riot police.", "Belarusian riot police", "BLR"),
    ("The court sent the case of a former Danish sailor to appeal.", "a former Danish sailor", "DNK"),
    # named armed groups, parties, agencies and companies (data files)
    ("The Rapid Support Forces shelled a market on Sunday.", "Rapid Support Forces", "SDN"),
    ("Wagner recruited prisoners for the front.", "Wagner", "RUS"),
    ("The Houthis fired drones at a tanker.", "Houthis", "YEM"),
    ("Hezbollah launched rockets at an army post.", "Hezbollah", "LBN"),
    ("The PKK ambushed a patrol in the mountains.", "PKK", "TUR"),
    ("The ELN freed two hostages on Monday.", "ELN", "COL"),
    ("The FSB detained a businessman in Moscow.", "FSB", "RUS"),
    ("Gazprom halted deliveries on Tuesday.", "Gazprom", "RUS"),
    ("The People Power Party lost its majority.", "People Power Party", "KOR"),
    # a nationality before a title outranks the country the title usually belongs to;
    # with none the title keeps its usual country
    ("Nigerian Foreign Secretary Daniel Okafor met his counterpart in Accra.", "Foreign Secretary Daniel Okafor", "NGA"),
    ("The Ghanaian defence secretary toured the northern border posts.", "The Ghanaian defence secretary", "GHA"),
    ("Foreign Secretary Daniel Okafor met his counterpart in Accra.", "Foreign Secretary Daniel Okafor", "GBR"),
])
def test_a_person_or_group_gets_its_country_from_the_text_or_the_data(pipeline, text, phrase, country):
    found = countries_by_phrase(pipeline, text)
    assert found.get(phrase) == country, found


@pytest.mark.parametrize("text, target", [
    ("Iran detained a Canadian-born Swiss engineer last week.", "CHE"),
    ("Kenya deported a Nigerian-born American pastor.", "USA"),
])
def test_a_birthplace_does_not_outrank_the_nationality(code, text, target):
    events = code(text, "2024-05-01")
    assert [e.target.country for e in events if e.target is not None] == [target]


def test_a_person_of_no_stated_nationality_arrested_at_home_takes_the_place_s_country(code):
    (event,) = code("Peruvian police detained Jorge Ramirez in Cusco on Friday.", "2024-05-01")
    assert (event.source.country, event.target.country, event.root) == ("PER", "PER", "17")
    assert event.target.code != "PER"  # a private person, not the state


def test_a_prefix_alone_or_in_lower_case_is_no_ship(pipeline):
    found = countries_by_phrase(pipeline, "The uss logo and the word HMS were printed on the cap.")
    assert not any(v for k, v in found.items() if "uss" in k.lower() or "HMS" in k), found


def test_ramming_a_named_ship_is_aimed_at_its_navy(code):
    events = code("Chinese coast guard ships rammed the BRP Cabra on Saturday.", "2024-05-01")
    assert any(e.target is not None and e.target.code == "PHLMIL" and e.source.country == "CHN" for e in events)


@pytest.mark.parametrize("text, source, target", [
    ("Houthi fighters captured Marib on Monday.", "YEM", "YEM"),
    ("Russian troops captured Avdiivka after months of fighting.", "RUS", "UKR"),
    ("Rebels from the RSF seized El Obeid overnight.", "SDN", "SDN"),
])
def test_capturing_a_named_town_is_seizing_territory(code, text, source, target):
    # a named place as the object reads like "the town": 192, not an arrest of a person
    events = [e for e in code(text, "2024-05-01") if e.asserted]
    assert [(e.source.country, e.target.country if e.target else None, e.cameo) for e in events
            if e.root == "19"] == [(source, target, "192")], [(e.cameo, e.rule) for e in events]
    assert not any(e.root == "17" for e in events)


def test_capturing_a_named_person_stays_an_arrest(code):
    events = code("Colombian police captured Carlos Mendoza in Cali.", "2024-05-01")
    assert [e.cameo for e in events if e.asserted] == ["173"]


@pytest.mark.parametrize("text, name", [
    ("Chad Miller, a senior aide, resigned on Friday.", "Chad"),
    ("Jordan Whitfield criticised the budget in parliament.", "Jordan"),
])
def test_a_country_name_that_opens_a_persons_name_is_not_the_country(pipeline, text, name):
    found = countries_by_phrase(pipeline, text)
    assert name not in found, found


@pytest.mark.parametrize("text, word", [
    ("Dockworkers in Mombasa began a general strike over unpaid wages.", "general"),
    ("Voters in Lusaka queued for hours in the general election.", "general"),
])
def test_a_title_word_used_as_an_adjective_is_no_person(pipeline, text, word):
    result = pipeline.read(text, pub=date.fromisoformat("2024-05-01"))
    assert word not in {m.text.lower() for a in result.actors for m in a.mentions}
