"""What an article says about where it is: the countries and states it names, and its
dateline (step 1 of places/__init__.py)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from ...lexicon.gazetteer import Gazetteer, admin_options, gazetteer, name_key
from .candidates import _candidates


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


# derived once per place index and per actor dictionary (a run has one of each; tests may have two)
_STATE_FIRST_WORDS: dict[int, tuple[Gazetteer, frozenset]] = {}
_SURFACE_TABLES: dict[str, tuple] = {}


def _state_first_words(g: Gazetteer) -> frozenset:
    held = _STATE_FIRST_WORDS.get(id(g))
    if held is None or held[0] is not g:  # an index let go may leave its id to a new one
        held = _STATE_FIRST_WORDS[id(g)] = (g, frozenset(k.split()[0] for k in g.state_keys))
    return held[1]


def _surface_tables(dictionary=None):
    """The actor dictionary's country table (the packaged one when None) keyed by
    lower-cased surface, and every word prefix of a key."""
    from ...lexicon.actor_files import load_actor_dictionary

    d = dictionary if dictionary is not None else load_actor_dictionary()
    if d.version in _SURFACE_TABLES:
        return _SURFACE_TABLES[d.version]
    table = d.country_surfaces
    prefixes = set()
    for surface in table:
        words = surface.split()
        for n in range(1, len(words)):
            prefixes.add(" ".join(words[:n]))
    _SURFACE_TABLES[d.version] = table, prefixes
    return table, prefixes


def _scan_table(words: list, starts: list, text: str, dictionary=None) -> list[tuple[int, int, str, str]]:
    """Country names, capitals, adjectives and demonyms in the Doc, longest match first."""
    table, prefixes = _surface_tables(dictionary)
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
    # the dash: "--", "---" ("COLUMBIA --- South Carolina Gov."), or a closing quotation mark
    # that a mis-encoded dash became ("RICHLAND ” A one-vehicle accident"). Not two spaces
    # where a dash was dropped ("NEWARK  Wess Henry"): measured, it changed a written item's
    # events on dev
    r"\s*(?:-{1,3}|[—–”]|:)\s"
)
DATELINE_WINDOW = 600  # characters at the head of the text searched for a dateline
# where a dateline may start: the text's head, a paragraph, the end of a sentence (the
# headline's), or the year that ends a byline's date ("Advocate Reporter March 29, 2009
# PATASKALA -- City officials")
SENTENCE_END = re.compile(r"(?:^|\n|[.!?:)\]”\"]\s|\b(?:19|20)\d\d\s)\s*")


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


def place_context(doc, text: Optional[str] = None, dictionary=None) -> PlaceContext:
    """Countries and states the document mentions, and its dateline."""
    g = gazetteer(dictionary)
    if text is None:
        text = doc.text  # spaCy builds it anew on every call
    ctx = PlaceContext()
    words, starts = doc_words(doc)
    ctx.words = words
    ctx.hits = _scan_table(words, starts, text, dictionary)
    keys = defaultdict(Counter)
    for start, end, kind, iso3 in ctx.hits:
        if kind == "capital" or kind == "country" or kind in ("adjective", "demonym"):
            ctx.countries[iso3] += 1
            keys[iso3][name_key(doc[start:end].text)] += 1
    # US states named anywhere ("Texas", "Fla.")
    akeys = defaultdict(Counter)
    first_words = _state_first_words(g)
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


