"""A name's candidate places in the gazetteer (countries, regions, states, counties, cities)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ...lexicon.gazetteer import Gazetteer, name_key, province_abbreviation
from .tuning import (
    BIG_CITY,
    COMPASS,
    COUNTY_POPULATION,
    LANDMARK_KINDS,
    REGION_POPULATION,
    WATER_KINDS,
)


# -- the gazetteer --------------------------------------------------------------------
@dataclass(slots=True)
class _Cand:
    kind: str  # country | continent | region | water | landmark | state | county | city
    name: str
    iso3: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    gid: Optional[int]
    admin1: Optional[str]  # GeoNames admin1 code ("TX", "05")
    pop: int
    primary: bool = True
    capital: bool = False
    cc: str = ""  # ISO2 of a city




# -- candidates -----------------------------------------------------------------------
def _region_kind(kind: Optional[str]) -> str:
    kind = (kind or "region").lower()
    if kind in WATER_KINDS:
        return "water"
    if kind in LANDMARK_KINDS:
        return "landmark"
    return "region"


# local papers abbreviate "County" ("a Loudon Co. man", "Platte Co. tops 32K"); the key of
# "Loudon Co." is "loudon co", which names no place, so it is read as the county's own key
COUNTY_ABBREVIATIONS = (" co", " cnty")


def _county_key(g: Gazetteer, key: str) -> str:
    """"loudon co" -> "loudon county" when the gazetteer has that county; else the key."""
    for abbr in COUNTY_ABBREVIATIONS:
        if key.endswith(abbr) and len(key) > len(abbr):
            full = key[:-len(abbr)] + " county"
            if full in g.counties:
                return full
    return key


def _candidates(g: Gazetteer, key: str, dotted: bool, acronym: bool = False, county: bool = False) -> list[_Cand]:
    """Everything a name key can be ("Loudon Co." as Loudon County). `dotted`: the mention was written with a full stop
    ("Ill.", "S.C."), so a short key may be a state's abbreviation. `acronym`: it was written
    in two or three capitals ("EU", "UAE"): a country or region, never a town called Eu.
    `county`: the text says the name is a county's ("Harper and Kingman counties"), so a
    county's name without its "County" is one too."""
    out: list[_Cand] = []
    province = province_abbreviation(key, dotted)
    if province:
        # "Barrie, Ont.": the province only, not Quebec City for "Que."
        return [c for c in _candidates(g, province, False) if c.iso3 == "CAN" and c.kind in ("region", "province")]
    key = _county_key(g, key)
    seat = g.seat_keys.get(key)
    if seat and seat[1] in g.capitals:
        # a seat of government stands where the capital is: "the White House", "the Kremlin"
        i = max(g.capitals[seat[1]], key=lambda i: g.pop[i])
        return [_Cand("landmark", seat[0], seat[1], g.lat[i], g.lon[i], None, g.admin1[i], REGION_POPULATION,
                      cc=g.cc[i])]
    iso3 = g.country_keys.get(key)
    if iso3 and iso3 in g.countries:
        name, gid, pop, lat, lon = g.countries[iso3]
        out.append(_Cand("country", name, iso3, lat, lon, gid, None, pop))
    cont = g.continents.get(key)
    if cont:
        out.append(_Cand("continent", cont[0], None, cont[2], cont[3], cont[1], None, 10 ** 8))
    for rec in g.regions.get(key, ()):
        out.append(_Cand(_region_kind(rec.get("kind")), rec["name"], rec.get("country"), rec.get("lat"),
                         rec.get("lon"), rec.get("geonameid"), rec.get("admin1"), REGION_POPULATION,
                         cc=rec.get("cc", "")))
    code = g.state_keys.get(key)
    if code and code in g.states and (dotted or len(key) > 3):
        name, gid, lat, lon, pop = g.states[code]
        out.append(_Cand("state", name, "USA", lat, lon, gid, code, pop))
    if acronym or key in COMPASS:
        return out
    for c in g.counties.get(key, ()):
        if county or not c.short:
            out.append(_Cand("county", c.name, "USA", c.lat, c.lon, c.gid, c.state, c.pop or COUNTY_POPULATION))
    for a in g.admins.get(key, ()):
        out.append(_Cand("province" if a.level == 1 else "county", a.name, a.iso3, a.lat, a.lon, a.gid, a.admin1,
                         a.pop or COUNTY_POPULATION, cc=a.cc))
    for i in g.cities(key):
        iso3 = g.iso3.get(g.cc[i])
        own = name_key(g.names[i])
        # "New York" is New York City, "Mexico" is not Logan City
        primary = own == key or (own == key + " city" and g.pop[i] >= BIG_CITY and key not in g.country_keys)
        capital = iso3 in g.capitals and i in g.capitals[iso3]
        out.append(_Cand("city", g.names[i], iso3, g.lat[i], g.lon[i], g.gid[i], g.admin1[i], g.pop[i],
                         primary, capital, g.cc[i]))
    return out


def _has_candidates(g: Gazetteer, key: str, dotted: bool = False) -> bool:
    if province_abbreviation(key, dotted):
        return True
    key = _county_key(g, key)
    return bool(key in g.country_keys or key in g.index or key in g.regions or key in g.continents
                or key in g.counties or key in g.admins or key in g.seat_keys or (key in g.state_keys and (dotted or len(key) > 3)))


