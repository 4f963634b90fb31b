"""Each event gets the place where it happened when the text says, and none when it does not."""
from __future__ import annotations

import pytest


def place_of(events, root):
    found = [e for e in events if e.root == root]
    assert found, [(e.cameo, e.trigger.text) for e in events]
    return found[0].place


@pytest.mark.parametrize("text, root, name, country", [
    ("Mr. Blinken met with officials from Kazakhstan and Uzbekistan in Astana on Tuesday.", "04", "Astana", "KAZ"),
    ("Russian forces shelled Ukrainian positions near Kharkiv on Monday.", "19", "Kharkiv", "UKR"),
    ("China and Russia held talks in Beijing on Tuesday.", "04", "Beijing", "CHN"),
    ("Mr. Blinken's visit to Kazakhstan was the first by a secretary of state since 2020.", "04", "Kazakhstan", "KAZ"),
    ("Biden made a trip to the Ukrainian capital, Kyiv, last week.", "04", "Kyiv", "UKR"),
])
def test_place_attached_to_the_event(code, text, root, name, country):
    place = place_of(code(text, "2023-02-28"), root)
    assert place is not None and (place.name, place.country) == (name, country)
    assert place.lat is not None and place.lon is not None  # countries too get a point


def test_a_place_in_the_reporting_clause_is_not_the_event_place(code):
    events = code("In Washington, Mr. Blinken said Russia attacked Ukraine.", "2023-02-28")
    assert place_of(events, "19") is None


def test_no_place_when_the_text_gives_none(code):
    assert place_of(code("Iran criticized Israel over the strikes.", "2024-03-02"), "11") is None


@pytest.mark.parametrize("text, source, target", [
    ("China is holding military drills in Guam.", "CHN", "USA"),
    ("Israeli tanks shelled houses in Khan Yunis on Tuesday.", "ISR", "PSE"),
])
def test_force_without_a_named_target_is_aimed_at_the_place(code, text, source, target):
    (event,) = [e for e in code(text, "2023-02-28") if e.root in ("15", "19")]
    assert (event.source.country, event.target.country) == (source, target)
    assert event.rule.endswith("+place_target") and event.target.text in text


def test_force_at_home_gets_no_place_target(code):
    assert [e for e in code("Russia held military exercises in Siberia.", "2023-02-28") if e.root == "15"] == []


@pytest.mark.parametrize("text, source, target", [
    ("Russian troops shelled the city of Kherson.", "RUSMIL", "UKR"),
    # rebels attacking a town of their own country attack that country
    ("Houthi rebels shelled the town of Taiz on Monday.", "YEMREB", "YEM"),
    ("Sudanese rebels attacked the city of Nyala.", "SDNREB", "SDN"),
])
def test_a_place_the_act_falls_on_is_the_target(code, text, source, target):
    (event,) = [e for e in code(text, "2024-05-01") if e.root in ("18", "19")]
    assert (event.source.code, event.target.code) == (source, target)
    assert event.rule.endswith("+place_target") and event.place is not None and event.place.country == target


@pytest.mark.parametrize("text, source, target", [
    ("BAGHDAD (AP) - Hundreds of protesters stormed the Swedish embassy in Baghdad early on Thursday.", "IRQOPP", "SWE"),
    ("Students protested in Belgrade on Sunday.", "SRBEDU", "SRBGOV"),  # against their own government
])
def test_people_of_no_stated_country_act_where_the_story_happens(code, text, source, target):
    events = [e for e in code(text, "2023-03-13") if e.root == "14"]
    assert [(e.source.code, e.target.code[:len(target)]) for e in events] == [(source, target)]


def test_gunmen_stay_unidentified(code):
    (event,) = [e for e in code("KABUL (AP) - Gunmen attacked a checkpoint in Kabul on Sunday.", "2023-03-13")
                if e.root in ("18", "19")]
    assert event.source.code.startswith("---")


@pytest.mark.parametrize("text, city, target", [
    # spaCy's small model tags these cities PERSON: a verb of force says they are places
    ("A Russian Su-34 bomber struck Kharkiv on Sunday.", "Kharkiv", "UKR"),
    ("Russian artillery shelled Kharkiv again overnight.", "Kharkiv", "UKR"),
])
def test_a_city_the_ner_calls_a_person_is_a_place_when_force_acts_on_it(text, city, target):
    from orbit import read

    result = read(text, date="2023-03-01")
    assert (city, target) in {(p.name, p.country) for p in result.places}
    assert city not in {a.name for a in result.actors}  # not also a person of no country
    assert any(e.target is not None and e.target.country == target and e.root in ("18", "19")
               for e in result.events)


def test_a_person_named_like_a_city_stays_a_person_after_verbs_that_take_people():
    from orbit import read

    result = read("The army seized Jackson on Monday.", date="2023-03-01")
    assert "Jackson" in {a.name for a in result.actors if a.type == "person"}
    assert "Jackson" not in {p.name for p in result.places}


@pytest.mark.parametrize("text, country", [
    ("Syrian government forces shelled Idlib on Monday.", "SYR"),
    ("The Egyptian army bombed the town of Arish.", "EGY"),
])
def test_a_state_acting_on_a_town_of_its_own_is_a_domestic_event(code, text, country):
    # CODING.md: "a domestic event has the same code on both sides (SYR->SYR ...)"
    events = code(text, "2018-03-01")
    assert any((e.source.country, e.target.country) == (country, country) and e.root in ("18", "19")
               for e in events if e.target)
    # force that merely happens at home, with nothing acted on, still takes no target
    assert not [e for e in code("Chinese troops held exercises in Xinjiang.", "2018-03-01") if e.target]
