"""Actor dictionaries: countries, organisations, roles, offices and people, loaded and checked.

The files are described in orbit/data/README.md. `ActorDictionary` holds them in the
shapes the resolver needs: a surface-form index for phrase matching, role terms, and an
office index that answers "who held this office in this country on this date".
This module reads orbit's own JSONL records (`load_orbit_records`); lexicon/petrarch.py
reads PETRARCH/TABARI files, and lexicon/actor_files.py lays the user's files of either
format over the packaged ones.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Optional

from ..errors import DictionaryError
from .packed import DecodedDict, ShardedDict

ROLE_CODE = re.compile(r"^(?:[A-Z]{3})+$")
SINGLE_HOLDER_OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
# the surfaces that name a country or its capital (the places stage reads them as places)
COUNTRY_SURFACE_KINDS = ("country", "adjective", "demonym", "capital")
# CAMEO codes a former office holder as an elite
FORMER_ROLE = "ELI"


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    cameo: str
    name: str
    sovereign: bool = True


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    office: str
    title: str
    role: str
    start: date
    end: Optional[date]
    code: Optional[str] = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    country: Optional[str]
    variants: tuple[str, ...]
    terms: tuple[OfficeTerm, ...]

    def term_on(self, day: date) -> Optional[OfficeTerm]:
        current = [t for t in self.terms if t.covers(day)]
        if current:
            # the highest office wins when terms overlap (a president who is also party leader)
            return min(current, key=lambda t: OFFICE_RANK.get(t.office, 9))
        return None

    def last_term_before(self, day: date) -> Optional[OfficeTerm]:
        past = [t for t in self.terms if t.start <= day]
        return max(past, key=lambda t: t.start) if past else None


OFFICE_RANK = {"head_of_state": 0, "head_of_government": 1, "foreign_minister": 2, "defence_minister": 3}


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    code: str
    country: Optional[str]
    role: Optional[str]
    type: str


@dataclass(frozen=True, slots=True)
class RoleTerm:
    term: str
    role: str
    person: bool = False
    title: bool = False
    country: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Surface:
    """What one surface string (lower-cased) can name."""

    kind: str  # country | adjective | demonym | capital | seat | organisation | person
    key: str  # iso3, organisation code, or person id
    role: Optional[str] = None


@dataclass
class ActorDictionary:
    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    roles: dict[str, RoleTerm] = field(default_factory=dict)
    offices: dict[str, str] = field(default_factory=dict)  # office word -> office key
    surfaces: dict[str, list[Surface]] = field(default_factory=lambda: defaultdict(list))
    surface_forms: set[str] = field(default_factory=set)  # as spelled in the files (case kept)
    # (country, office) -> [(term, person id)] while building; country -> office -> that, once finished
    office_index: dict = field(default_factory=lambda: defaultdict(list))
    organisation_codes: dict[str, int] = field(default_factory=dict)  # code -> organisations holding it
    # surface -> [(kind, iso3)] of the surfaces that name a country, for the places stage
    country_surfaces: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    version: str = ""

    # -- building ---------------------------------------------------------------
    def add_surface(self, text: str, surface: Surface) -> None:
        key = normalise_surface(text)
        if key and surface not in self.surfaces[key]:
            self.surfaces[key].append(surface)
            self.surface_forms.add(text[4:] if text.lower().startswith("the ") else text)

    def add_country(self, rec: dict, origin: str) -> None:
        iso3 = _require(rec, "iso3", origin)
        country = Country(iso3=iso3, cameo=rec.get("cameo") or iso3, name=_require(rec, "name", origin),
                          sovereign=bool(rec.get("sovereign", True)))
        self.countries[iso3] = country
        for text in [country.name, *rec.get("names", [])]:
            self.add_surface(text, Surface("country", iso3))
        for text in rec.get("adjectives", []):
            self.add_surface(text, Surface("adjective", iso3))
        for text in rec.get("demonyms", []):
            self.add_surface(text, Surface("demonym", iso3))
        for text in rec.get("capitals", []):
            self.add_surface(text, Surface("capital", iso3, "GOV"))
        for seat in rec.get("seats", []):
            self.add_surface(seat["text"], Surface("seat", iso3, seat.get("role", "GOV")))
        for text in rec.get("territories", []):
            self.add_surface(text, Surface("territory", iso3))

    def add_organisation(self, rec: dict, origin: str) -> None:
        code = _require(rec, "code", origin)
        org = Organisation(name=_require(rec, "name", origin), code=code, country=rec.get("country"),
                           role=rec.get("role"), type=rec.get("type", "organisation"))
        # keyed by code and name: CAMEO gives many bodies one code (USAMED for every American
        # outlet), and each must keep its own name ("Eurasianet" is not "Associated Press")
        key = organisation_key(code, org.name)
        self.organisations[key] = org
        for text in [org.name, *rec.get("aliases", [])]:
            self.add_surface(text, Surface("organisation", key, org.role))

    def add_role(self, rec: dict, origin: str) -> None:
        term = normalise_surface(_require(rec, "term", origin))
        role = _require(rec, "role", origin)
        if not ROLE_CODE.match(role):
            raise DictionaryError(f"role {role!r} for {term!r} is not a three-letter CAMEO role", path=origin)
        self.roles[term] = RoleTerm(term, role, bool(rec.get("person")), bool(rec.get("title")), rec.get("country"))

    def add_person(self, rec: dict, origin: str) -> None:
        name = _require(rec, "name", origin)
        country = rec.get("country")
        pid = person_id(name, country)
        terms = []
        for t in rec.get("terms", []):
            try:
                start = date.fromisoformat(t["start"])
                end = date.fromisoformat(t["end"]) if t.get("end") else None
            except (KeyError, TypeError, ValueError):
                raise DictionaryError(f"term of {name!r} has a bad start/end date: {t}", path=origin) from None
            terms.append(OfficeTerm(office=t.get("office", "official"), title=t.get("title", ""),
                                    role=t.get("role", "GOV"), start=start, end=end, code=t.get("code")))
        variants = tuple(dict.fromkeys([name, *rec.get("variants", [])]))
        old = self.people.get(pid)
        if old:  # the same person in two files (president in one, minister in another): merge
            terms = list(old.terms) + [t for t in terms if t not in old.terms]
            variants = tuple(dict.fromkeys(old.variants + variants))
        person = Person(pid, name, country, variants, tuple(sorted(terms, key=lambda t: t.start)))
        self.people[pid] = person
        for v in variants:
            self.add_surface(v, Surface("person", pid))

    def finish(self, sources: Iterable[str]) -> "ActorDictionary":
        self.office_index = defaultdict(list)
        for p in self.people.values():
            for t in p.terms:
                if p.country:
                    self.office_index[(p.country, t.office)].append((t, p.id))
        self.organisation_codes = dict(Counter(o.code for o in self.organisations.values()))
        h = hashlib.sha1()
        for s in sources:
            h.update(s.encode("utf-8", "surrogatepass"))
        self.version = h.hexdigest()[:12]
        self._freeze()
        return self

    def _freeze(self) -> None:
        """People, surfaces and the office index as plain rows in lazily read shards
        (lexicon/packed.py): orbit's cache folder keeps the dictionary so, and a run builds
        only the people and surfaces its texts name (building all 8,600 people took 0.2 s
        at every start)."""
        self.country_surfaces = {key: [(s.kind, s.key) for s in entries if s.kind in COUNTRY_SURFACE_KINDS]
                                 for key, entries in self.surfaces.items()}
        self.country_surfaces = {key: kinds for key, kinds in self.country_surfaces.items() if kinds}
        self.people = DecodedDict(ShardedDict({pid: _person_row(p) for pid, p in self.people.items()}), person_of_row)
        self.surfaces = DecodedDict(ShardedDict({key: [(s.kind, s.key, s.role) for s in entries]
                                                 for key, entries in self.surfaces.items()}), surfaces_of_row)
        by_country: dict[str, dict] = defaultdict(dict)
        for (country, office), entries in self.office_index.items():
            by_country[country][office] = [(_term_row(t), pid) for t, pid in entries]
        self.office_index = DecodedDict(ShardedDict(dict(by_country)), offices_of_row)

    # -- questions ----------------------------------------------------------------
    def holder(self, country: str, office: str, day: date) -> Optional[Person]:
        for term, pid in self.office_index.get(country or "", {}).get(office, ()):
            if term.covers(day):
                return self.people[pid]
        return None

    def holder_by_title(self, country: str, words: str, day: date) -> Optional[Person]:
        """The person whose term title is `words` ("president") in `country` on `day`."""
        office = self.offices.get(words)
        if office:
            person = self.holder(country, office, day)
            if person:
                return person
        for entries in self.office_index.get(country or "", {}).values():
            for term, pid in entries:
                if term.covers(day) and term.title.lower().replace("acting ", "") == words:
                    return self.people[pid]
        return None

    def person_role(self, person: Person, day: date) -> tuple[Optional[str], Optional[str], Optional[OfficeTerm], bool]:
        """(role, code, term, former) of a person on a day."""
        term = person.term_on(day)
        former = False
        if term is None:
            term = person.last_term_before(day)
            former = term is not None
        if term is None:
            return None, person.country, None, False
        role = FORMER_ROLE if former else term.role
        if term.code and not former:
            return role, term.code, term, former
        return role, (person.country or "") + (role or "") or None, term, former


# -- plain rows of the finished dictionary (dates as ordinals: a cache file holds no classes)
def _term_row(t: OfficeTerm) -> tuple:
    return t.office, t.title, t.role, t.start.toordinal(), t.end.toordinal() if t.end else None, t.code


def _term_of_row(row) -> OfficeTerm:
    office, title, role, start, end, code = row
    return OfficeTerm(office, title, role, date.fromordinal(start), date.fromordinal(end) if end is not None else None,
                      code)


def _person_row(p: Person) -> tuple:
    return p.id, p.name, p.country, p.variants, tuple(_term_row(t) for t in p.terms)


def person_of_row(row) -> Person:
    pid, name, country, variants, terms = row
    return Person(pid, name, country, tuple(variants), tuple(_term_of_row(t) for t in terms))


def surfaces_of_row(rows) -> list[Surface]:
    return [Surface(*r) for r in rows]


def offices_of_row(offices: dict) -> dict[str, list[tuple[OfficeTerm, str]]]:
    return {office: [(_term_of_row(t), pid) for t, pid in entries] for office, entries in offices.items()}


def organisation_key(code: str, name: str) -> str:
    return f"{code}|{name}"


def normalise_surface(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).lower()
    return text[4:] if text.startswith("the ") else text


def person_id(name: str, country: Optional[str]) -> str:
    return f"{normalise_surface(name)}|{country or '-'}"


def _require(rec: dict, key: str, origin: str):
    value = rec.get(key)
    if not value:
        raise DictionaryError(f'an entry has no "{key}": {str(rec)[:80]}', path=origin)
    return value


def load_orbit_records(d: ActorDictionary, records: Iterable[dict], origin: str) -> None:
    for rec in records:
        if "iso3" in rec:
            d.add_country(rec, origin)
        elif "terms" in rec and "name" in rec:
            d.add_person(rec, origin)
        elif "term" in rec:
            d.add_role(rec, origin)
        elif "office" in rec and "terms" in rec:
            for t in rec["terms"]:
                d.offices.setdefault(normalise_surface(t), rec["office"])
        elif "code" in rec and "name" in rec:
            d.add_organisation(rec, origin)
        else:
            raise DictionaryError(f"cannot tell what kind of actor entry this is: {str(rec)[:80]}", path=origin)
