"""The packaged dictionaries are valid: codes, dates, single-holder offices, uniqueness."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date

import pytest

from orbit.errors import DictionaryError
from orbit.lexicon.actor_dictionary import SINGLE_HOLDER_OFFICES
from orbit.lexicon.actor_files import load_actor_dictionary
from orbit.model import RawDocument
from orbit.resources import data_files, iter_jsonl

ISO3 = re.compile(r"^[A-Z]{3}$")


@pytest.fixture(scope="module")
def dictionary():
    return load_actor_dictionary()


def test_countries_are_unique_and_complete(dictionary):
    records = list(iter_jsonl("actors/countries.jsonl"))
    iso3 = [r["iso3"] for r in records]
    assert len(iso3) == len(set(iso3))
    assert sum(1 for r in records if r.get("sovereign")) >= 195
    for r in records:
        assert ISO3.match(r["iso3"]) and r["names"] and r["adjectives"], r["iso3"]


def test_office_holder_file_is_valid(dictionary):
    countries = set(dictionary.countries)
    terms_by_office = defaultdict(list)
    for person in dictionary.people.values():
        assert person.country is None or person.country in countries, (person.name, person.country)
        assert person.variants and person.terms, person.name
        for t in person.terms:
            assert t.end is None or t.start <= t.end, (person.name, t)
            assert re.match(r"^(?:[A-Z]{3})+$", t.role), (person.name, t.role)
            if t.office in SINGLE_HOLDER_OFFICES and person.country:
                terms_by_office[(person.country, t.office)].append((t.start, t.end or date.max, person.name))
    for key, terms in terms_by_office.items():
        terms.sort()
        for (s1, e1, n1), (s2, e2, n2) in zip(terms, terms[1:]):
            assert e1 <= s2, f"{key}: {n1} until {e1} overlaps {n2} from {s2}"


def test_office_holders_cover_every_un_member(dictionary):
    heads = {p.country for p in dictionary.people.values() for t in p.terms
             if t.office in ("head_of_state", "head_of_government")}
    sovereign = {c for c, v in dictionary.countries.items() if v.sovereign}
    missing = sovereign - heads
    assert len(missing) <= 3, sorted(missing)


def test_size_of_the_office_holder_file(dictionary):
    assert len(dictionary.people) > 2000
    assert sum(len(p.terms) for p in dictionary.people.values()) > 2500


def test_roles_and_organisations_are_valid(dictionary):
    for term, role in dictionary.roles.items():
        assert re.match(r"^(?:[A-Z]{3})+$", role.role), term
    for key, org in dictionary.organisations.items():
        assert key == f"{org.code}|{org.name}"
        assert re.match(r"^[A-Z-]{3,}$", org.code), key
        assert org.country is None or org.country in dictionary.countries, (key, org.country)


def test_organisations_sharing_a_code_keep_their_own_names(dictionary):
    # CAMEO gives every American outlet USAMED; each is still named as itself
    shared = [o for o in dictionary.organisations.values() if o.code == "USAMED"]
    assert len({o.name for o in shared}) == len(shared) > 1
    assert dictionary.organisation_codes["USAMED"] == len(shared)


def test_all_people_files_parse():
    for rel in data_files("actors/people", ".jsonl"):
        for rec in iter_jsonl(rel):
            assert rec["name"] and isinstance(rec.get("terms"), list)


def test_a_broken_user_dictionary_is_a_clear_error(tmp_path):
    f = tmp_path / "mine.jsonl"
    f.write_text('{"name": "X", "terms": [{"office": "head_of_state", "start": "yesterday"}]}\n', encoding="utf-8")
    with pytest.raises(DictionaryError, match="bad start/end date"):
        load_actor_dictionary((str(f),))


def test_user_dictionary_in_orbit_format(tmp_path, pipeline):
    from orbit.lexicon.actor_files import load_actor_dictionary

    f = tmp_path / "mine.jsonl"
    f.write_text(json.dumps({"name": "Aldo Vexley", "variants": ["Vexley"], "country": "GRC",
                             "terms": [{"office": "mayor", "title": "Mayor", "role": "GOV", "start": "2020-01-01",
                                        "end": None}]}) + "\n", encoding="utf-8")
    d = load_actor_dictionary((str(f),))
    person = next(p for p in d.people.values() if p.name == "Aldo Vexley")
    assert d.person_role(person, date(2023, 1, 1))[1] == "GRCGOV"


def test_converted_phoenix_people_and_groups(dictionary):
    """scripts/convert_phoenix.py's output: countries, full names, terms that stop in 2016."""
    people = list(iter_jsonl("actors/people/phoenix.jsonl"))
    assert 3000 < len(people) < 20000
    for rec in people:
        assert rec["country"] in dictionary.countries, rec["name"]
        assert len(rec["name"].split()) >= 2 or "-" in rec["name"], rec["name"]
        for t in rec["terms"]:
            assert t["end"] and t["end"] <= "2016-12-31" and t["office"].startswith("phoenix_"), rec["name"]
    # merged with orbit's own record: one actor with the terms of both sources
    karzai = [p for p in dictionary.people.values() if p.name == "Hamid Karzai"]
    assert len(karzai) == 1
    groups = list(iter_jsonl("actors/groups/phoenix.jsonl"))
    assert groups and all(g["type"] in ("group", "party") for g in groups)
    assert dictionary.organisations["PSEREBHMS|Hamas"].name == "Hamas"


def test_a_users_countries_and_capitals_are_places_too(tmp_path):
    """Issue 18: the place index is built from the dictionaries a run is given, so a country
    and capital that only a user's --actors file knows are places as well as actors."""
    from orbit.pipeline import Pipeline
    from orbit.settings import load_settings

    f = tmp_path / "countries.jsonl"
    f.write_text(json.dumps({"iso3": "XFD", "iso2": "XF", "cameo": "XFD", "name": "Freedonia",
                             "names": ["Freedonia"], "adjectives": ["Freedonian"], "demonyms": ["Freedonians"],
                             "capitals": ["Fredville"], "sovereign": True}) + "\n", encoding="utf-8")
    text = "Sylvanian troops crossed the border into Freedonia on Monday, officials in Fredville said."
    raw = RawDocument("f1", text, "text", date(2024, 3, 4), title="")
    mine = next(iter(Pipeline(load_settings(actor_files=(str(f),), coder="rules")).process([raw])))
    assert "XFD" in {p.country for p in mine.places}
    assert any(a.country == "XFD" for a in mine.actors)
    packaged = next(iter(Pipeline(load_settings(coder="rules")).process([raw])))
    assert "XFD" not in {p.country for p in packaged.places}
