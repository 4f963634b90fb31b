"""Toponym mentions in a Doc: the dateline's city, spaCy's place entities, country names
and capitals, names the syntax or the gazetteer marks as places, and one sense per
discourse (step 2 of places/__init__.py)."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Optional

from ...lexicon.gazetteer import Gazetteer, admin_options, country_of_name, name_key, province_abbreviation
from ...lexicon.words import PLACE_OVER_NAME_POPULATION, acted_on_by_force, words
from .areas import FACILITY_WORDS, area_names
from .candidates import _has_candidates
from .context import PlaceContext, _admin_of_key, doc_words
from .embedded import before_area_words, county_lists, embedded_names, repeated_names
from .modifiers import (
    MIN_POP_MODIFIER,
    _hyphen_joined,
    _modifier_names,
    _near,
    _party_label,
    _residence_place,
    institution_words,
)
from .residence import residence_names
from .tuning import (
    BIG_CITY,
    DIRECTIONS,
    DISEASE_WORDS,
    GENERIC_PLACE_WORDS,
    MIN_POP_RELABEL,
    PERSON_LABEL_CITY,
    MOTION_PREPS,
    MOTION_VERBS,
    PERSON_PREPS,
    PERSON_TITLES,
    PLACE_CUE_WORDS,
    PLACE_NOUNS,
    PROVINCE_WORDS,
    REGION_POPULATION,
    UNKNOWN_LABELS,
)

PLACE_NAME_PARTICLES = words("places.place_name_particles")

ARTICLES = words("places.articles")

ADJECTIVE_PLACE_NOUNS = words("places.adjective_place_nouns")

LANDMARK_WORDS = words("places.landmark_words")
# inside a person's name only where the NER joined two things ("Trump - Wisconsin")
JOINING_MARKS = frozenset({"-", "–", "—", ",", ";", "/"})


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
    # a county by its bare name may be meant: a legislator's district ("D-Braxton" is Braxton
    # County, West Virginia), which names no town
    bare_county: bool = False
    # "South Philadelphia" where the article names Philadelphia too: a part of that city
    city_part: bool = False


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
    if root.dep_ == "pobj" and head.lower_ in PLACE_CUE_WORDS and not (
            strict and head.lower_ in PERSON_PREPS and not _of_motion(head)):
        return True
    if start > 0 and doc[start - 1].lower_ in PLACE_CUE_WORDS - PERSON_PREPS and \
            not (end < len(doc) and doc[end].text in ("'s", "’s")):  # "into Bell's back"
        return True
    return _place_noun(doc, start, end)


def _of_motion(prep) -> bool:
    """"moved to", "drove from", "heading on to": the preposition says where someone went,
    which a person is not."""
    return prep.lower_ in MOTION_PREPS and prep.head.pos_ == "VERB" and prep.head.lemma_ in MOTION_VERBS


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
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ARTICLES:
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


def _without_directions(key: str) -> str:
    """"west texas" -> "texas": the name after its leading compass words."""
    words = key.split()
    while words and words[0] in DIRECTIONS:
        words = words[1:]
    return " ".join(words) if len(words) < len(key.split()) else ""


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


def _person_words(ents: list) -> set:
    """The words of the article's people's names ("Barack Obama" -> "barack", "obama"),
    which are not places where they stand alone ("Trapani" when the article has a "John
    Trapani"). Not the words of what the NER took for a person's name but is a place and an
    institution ("Alexandria Police", "Greer Station"), the start of a longer name it cut
    ("Lancaster Girls' Grammar School": a capitalised word follows), a headline ("Freemason
    Bogdanov Joins Sochi Mayor Race"), nor the place before an office in a name ("Cookville
    Fire Chief Wesley McCollum": only the words after the office)."""
    local = institution_words()
    out = set()
    for ent in ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        doc = ent.doc
        k = ent.end
        if k < len(doc) and doc[k].text in ("'s", "’s", "'", "’"):
            k += 1
        if k < len(doc) and doc[k].text[:1].isupper() and doc[k].text[:1].isalpha():
            continue
        toks = [t for t in ent if t.text not in ("'s", "’s")]
        if len(toks) == 2 and (toks[1].lower_ in local or toks[1].lower_ in GENERIC_PLACE_WORDS
                               or toks[1].lower_ in LANDMARK_WORDS):
            continue
        if any(t.text in JOINING_MARKS and (t.text != "-" or doc[t.i - 1].whitespace_) for t in toks[1:-1]):
            continue  # "Mr Trump - Wisconsin and Pennsylvania": two things, neither a person's name
        if any(t.tag_ in ("VBZ", "VBD", "VBP") for t in toks):
            continue
        office = [i for i, t in enumerate(toks) if t.lower_ in local or t.lower_.rstrip(".") in PERSON_TITLES]
        if office:
            toks = toks[office[-1] + 1:]
        out.update(name_key(t.text) for t in toks if t.text[:1].isupper() and len(t.text) > 2)
    return out


def _before_land(tok) -> bool:
    """Does the adjective qualify a noun of land, directly or through another qualifier
    ("Syrian" in "the Syrian-Turkish border", "the Syrian Kurdish enclave")?"""
    for _ in range(3):
        if tok.dep_ not in ("amod", "compound", "nmod", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lower_ in ADJECTIVE_PLACE_NOUNS:
            return not _names_a_place(tok)
        if tok.pos_ not in ("ADJ", "PROPN"):
            return False
    return False


def _names_a_place(noun) -> bool:
    """"the Ukrainian city of Bakhmut", "the Syrian capital, Damascus", "the Syrian capital
    Damascus": the noun introduces a named place, which is the place (the adjective is its
    country, read by _explicit_context)."""
    if noun.dep_ == "compound" and noun.head.pos_ == "PROPN":
        return True
    for child in noun.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return True
        if child.dep_ == "prep" and child.lower_ == "of" and any(g.pos_ == "PROPN" for g in child.children):
            return True
    return False


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


def _dotted(doc, start: int, end: int) -> bool:
    """Is the name written with a full stop ("Ill.", "S.C.", or "Ont" + ".")?"""
    return "." in doc[start:end].text or (end < len(doc) and doc[end].text == "." and not doc[end - 1].whitespace_)


def _capitalised(doc, start: int, end: int) -> bool:
    return all(t.text[:1].isupper() or t.is_punct or t.lower_ in PLACE_NAME_PARTICLES
               for t in doc[start:end]) and doc[start].text[:1].isupper()


class _Finder:
    """One document's search for place mentions: each pass adds to `out`, and a word is
    taken by the first mention that covers it (the passes run from the surest source on)."""

    def __init__(self, doc, ctx: PlaceContext, g: Gazetteer):
        self.doc, self.ctx, self.g = doc, ctx, g
        self.n = n = len(doc)
        self.ents = list(doc.ents)
        self.ent_of: list = [None] * n
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        self.table_hits: dict[int, str] = {}
        self.hit_spans: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)
        for start, end, kind, iso3 in ctx.hits:
            self.hit_spans[(start, end)].append((kind, iso3))
            if kind in ("adjective", "country", "demonym"):
                self.table_hits[end - 1] = iso3
        self.out: list[_Mention] = []
        self.taken = [False] * n
        # the words of people's names in this article ("Barack Obama" -> "obama")
        self.person_words = _person_words(self.ents)
        self.words = ctx.words or doc_words(doc)[0]
        # names that may be places by their syntax, for one sense per discourse
        self.relabel: list[tuple[int, int, str]] = []
        self.labels: dict = defaultdict(Counter)
        for ent in self.ents:
            if ent.label_ in ("GPE", "LOC", "FAC", "PERSON"):
                self.labels[name_key(ent.text)]["place" if ent.label_ != "PERSON" else "person"] += 1

    def in_named_state(self, key: str) -> bool:
        """Is the name a town of MIN_POP_MODIFIER people or more in a US state the article
        names, or in its dateline's state or province? Context that admits a town too small
        to be read as a place on the syntax alone ("in Pewaukee" in a story about Wisconsin)."""
        ctx, g = self.ctx, self.g
        for i in g.cities(key):
            if g.pop[i] < MIN_POP_MODIFIER or name_key(g.names[i]) != key:
                continue
            area = (g.iso3.get(g.cc[i]), g.admin1[i])
            if ctx.admin1.get(area, 0) > 0 or ctx.dateline_admin == area:
                return True
        return False

    def in_admin(self, key: str, options: list) -> bool:
        """Is the name a town of MIN_POP_MODIFIER people or more (by its own name or another
        one: "Matias Romero") in one of these (ISO3, admin1 or None) readings of the words
        after it?"""
        g = self.g
        return any(g.pop[i] >= MIN_POP_MODIFIER and any(
            g.iso3.get(g.cc[i]) == iso3 and (admin1 is None or g.admin1[i] == admin1) for iso3, admin1 in options)
            for i in g.cities(key))

    def mostly_person(self, key: str) -> bool:
        """"Bell" as a person all through the article. Not a city of PERSON_LABEL_CITY people
        or more by its own name that no person of the article bears ("Gainesville", which the
        NER calls a person in a story that never names one so)."""
        if self.labels[key]["person"] <= max(2, 2 * self.labels[key]["place"]):
            return False
        return key in self.person_words or not self.g.city_named(key, PERSON_LABEL_CITY)

    def add(self, start, end, label, unknown_ok=False, strip=True):
        doc, g, n, taken = self.doc, self.g, self.n, self.taken
        if strip:
            start, end = _strip(doc, start, end)
        if start >= end or any(taken[start:end]):
            return None
        if start > 0 and doc[start - 1].lower_.rstrip(".") in PERSON_TITLES and label not in ("GPE", "LOC"):
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
        # "Pa." may come as "Pa" + "."
        dotted = _dotted(doc, start, end)
        if label not in ("TABLE", "DATELINE") and ((key in GENERIC_PLACE_WORDS and not province_abbreviation(key, dotted))
                                                   or key in self.person_words):
            return None  # "City", "North" ("Man." is Manitoba); "Trapani" when the article has a "John Trapani"
        if key in g.seat_keys and not _locative(doc, start, end):
            return None  # "the White House said": the government, not the building
        surface = span.text
        letters = sum(c.isalpha() for c in surface)
        m = _Mention(start, end, span.start_char, span.end_char, key, label, dotted=dotted,
                     acronym="." not in surface and ((surface.isupper() and letters <= 3) or
                                                     (letters <= 4 and 2 <= sum(c.isupper() for c in surface) < letters)),
                     unknown_ok=unknown_ok)
        for i in range(start, end):
            taken[i] = True
        self.out.append(m)
        return m

    def dateline(self) -> None:
        """1. the dateline's city ("ASTANA, Kazakhstan — ")"""
        doc, ctx = self.doc, self.ctx
        if not ctx.dateline:
            return
        span = doc.char_span(*ctx.dateline, alignment_mode="expand")
        if span is None:
            return
        for part in _split(doc, span.start, span.end, ("/",)):
            if _has_candidates(self.g, name_key(doc[part[0]:part[1]].text), True):
                m = self.add(*part, "DATELINE", strip=False)
                if m and ctx.dateline_admin:
                    m.constraint = ctx.dateline_admin

    def area_lists(self) -> None:
        """1b. names in a list that ends in "counties" ("Harper, Kingman and Reno counties");
        1c. a name before "region", "province"... ("the Puno region"): a province if one has it"""
        doc, g = self.doc, self.g
        for start, end in county_lists(self.words):
            if name_key(doc[start:end].text) in g.counties:
                m = self.add(start, end, "COUNTY", strip=False)
                if m is not None:
                    m.kind_hint = "county"
        for start, end in before_area_words(self.words):
            key = name_key(doc[start:end].text)
            if key in g.admins or key in g.regions:
                self.add(start, end, "AREA", strip=False)

    def entities(self) -> None:
        """2. spaCy's place entities, split at commas ("Paris, Texas" in one entity)"""
        doc, g = self.doc, self.g
        for ent in self.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            for start, end in _split(doc, ent.start, ent.end, (",", ";", "/")):
                if _adjective_only(self.hit_spans, start, end) or _in_person_after(doc, end, self.ent_of):
                    continue
                start, end = _strip(doc, start, end)
                if ent.label_ == "FAC" and not _has_candidates(g, name_key(doc[start:end].text)):
                    continue  # buildings and streets: only those the gazetteer knows
                key = name_key(doc[start:end].text)
                if ent.label_ == "GPE" and end - start > 1 and not _has_candidates(g, key) \
                        and not _has_candidates(g, _without_directions(key)):
                    # "West Virginia Democratic Party" labelled GPE: the place it starts with;
                    # not "West" of "West Texas", which is read as Texas (_lookup)
                    start, end = _known_prefix(g, doc, start, end)
                self.add(start, end, ent.label_, unknown_ok=ent.label_ in UNKNOWN_LABELS)

    def table_names(self) -> None:
        """3. country names and capitals whatever spaCy called them ("Kyiv" as PERSON)"""
        for (start, end), kinds in self.hit_spans.items():
            if not any(k in ("country", "capital") for k, _ in kinds):
                continue
            if _in_longer_name(start, end, self.ent_of) or _in_person_after(self.doc, end, self.ent_of):
                continue
            self.add(start, end, "TABLE")

    def adjectives(self) -> None:
        """3b. a country's adjective before a noun of land ("the Syrian border", "Iraqi
        territory", "the Syrian-Turkish border"): the text names the country as a place. Before
        people and bodies ("Syrian troops") it stays the actors stage's."""
        doc, g = self.doc, self.g
        for (start, end), kinds in self.hit_spans.items():
            iso3 = next((c for k, c in kinds if k == "adjective"), None)
            if iso3 is None or iso3 not in g.countries or not _before_land(doc[end - 1]):
                continue
            m = self.add(start, end, "ADJECTIVE", strip=False)
            if m is not None:
                m.key = name_key(g.countries[iso3][0])  # read as the country's own name

    def relabelled(self) -> None:
        """4. short PERSON/ORG... entities the syntax marks as places ("the city of Bucha")"""
        doc, g = self.doc, self.g
        for ent in self.ents:
            if ent.label_ not in ("PERSON", "ORG", "NORP", "PRODUCT") or len(ent) > 4:
                continue
            start, end = _strip(doc, ent.start, ent.end)
            # a capitalised name (the tagger may call "Bakhmut" an adverb), not a sentence's first word
            if start >= end or not _capitalised(doc, start, end) or \
                    (doc[start].is_sent_start and doc[start].pos_ != "PROPN"):
                continue
            if (start, end) in self.hit_spans:
                continue
            key = name_key(doc[start:end].text)
            if start > 1 and doc[start - 1].text == "," and self.taken[start - 2] and _dotted(doc, start, end) \
                    and admin_options(self.g, key, dotted=True):
                # "Barrie, Ont.", "Peoria, Ill." that the NER called a person or a firm: the
                # abbreviated state or province after a place found
                self.add(start, end, "RELABEL")
                continue
            self.relabel.append((start, end, key))
            pops = [g.pop[i] for i in g.cities(key)]
            if not pops and key not in g.state_keys and key not in g.regions:
                continue
            big = max(pops, default=REGION_POPULATION) >= MIN_POP_RELABEL
            # "in Delano", "near Greer": a preposition that takes places, not people
            inside = _locative(doc, start, end, strict=True)
            # "Sioux Falls, S.D.": the state or country after it says so
            after = _admin_at(g, doc, end + 1) if end + 1 < self.n and doc[end].text == "," else None
            admin_after = after is not None
            if self.mostly_person(key) and not ((inside and big) or admin_after):
                continue
            # after "to" or "from" only a big city: "moved from Alma-Ata", not "talked to Obama"
            strict = max(pops, default=0) < BIG_CITY
            if _place_noun(doc, start, end):
                self.add(start, end, "PLACENOUN")
            elif big and (admin_after or _locative(doc, start, end, strict=strict) or acted_on_by_force(
                    doc[start:end].root, lambda name=doc[start:end].text: country_of_name(g, name, PLACE_OVER_NAME_POPULATION))):
                self.add(start, end, "RELABEL")
            elif (inside or admin_after) and self.in_named_state(key):
                self.add(start, end, "RELABEL")
            elif inside and admin_after and self.in_admin(key, after[0]):
                # "camped out in Matias Romero, Oaxaca State": a small town of the state or
                # country the text names after it, where a preposition says place
                self.add(start, end, "RELABEL")

    def untagged(self) -> None:
        """5. untagged capitalised words where the syntax says place ("flooding in Fargo")"""
        doc, g, n = self.doc, self.g, self.n
        propn = doc.vocab.strings["PROPN"]
        proper = [pos == propn and w[:1].isupper() for pos, w in zip(doc.to_array("POS").tolist(), self.words)]
        i = 0
        while i < n:
            if self.ent_of[i] is not None or self.taken[i] or not proper[i]:
                i += 1
                continue
            j = i + 1
            while j < n and self.ent_of[j] is None and proper[j] and j - i < 4:
                j += 1
            key = name_key(doc[i:j].text)
            dotted = "." in doc[i:j].text or (j < n and doc[j].text == "." and not doc[j - 1].whitespace_)
            if _has_candidates(g, key, dotted) and not (doc[i].is_sent_start and j == i + 1 and doc[i].tag_ != "NNP"):
                self.relabel.append((i, j, key))
                top = max((g.pop[c] for c in g.cities(key)), default=0)
                admin = _admin_of_key(g, key, dotted)
                big = admin is not None or key in g.regions or top >= MIN_POP_RELABEL or \
                    (_locative(doc, i, j, strict=True) and self.in_named_state(key))
                if big and (_locative(doc, i, j, strict=top < BIG_CITY)
                            or (j < n and doc[j].text == "," and _admin_at(g, doc, j + 1))
                            or (admin is not None and i > 0 and doc[i - 1].text == ",")  # "Columbia, S.C."
                            or (admin is not None and len(key) > 4 and not (j < n and doc[j].text[:1].isupper()))):
                    self.add(i, j, "UNTAGGED")
            i = j

    def residences(self) -> None:
        """5a. a person's town ("Larry Dunaway of Berea", "Jane Roe, 41, of Grovetown"): a
        town by its own name (residence.py)"""
        g = self.g

        def known(surface: str) -> bool:
            key = name_key(surface)
            return bool(key) and key not in GENERIC_PLACE_WORDS and key not in self.person_words and \
                _residence_place(g, key, "." in surface)

        for start, end in residence_names(self.doc, self.words, self.ent_of, self.taken, known):
            m = self.add(start, end, "RESIDENCE", strip=False)
            if m is not None:
                m.local = True

    def gazetteer_names(self) -> None:
        """5b. the gazetteer as a second source: a known name before a local institution
        ("Berea police", "Anderson County Sheriff's Office", inside an organisation's name
        too) or in a legislator's party label ("Rep. Torrey Westrom, R-Elbow Lake");
        5c. a state, province or country at the head of an organisation's name, or a big
        city after its "of" ("the Texas Forest Service", "University of Cincinnati")"""
        doc, g = self.doc, self.g
        for start, end, local in _modifier_names(doc, g, self.taken, self.ent_of, self.person_words, self.words):
            m = self.add(start, end, "MODIFIER", strip=False)
            if m is not None:
                m.local = local
                m.bare_county = _party_label(self.words, start)
        # a story that names a US state (not by a country's name: "Georgia" alone is no
        # evidence for itself, "Ga." is) or has a US dateline: "Georgia" there is the state
        us_story = self.ctx.dateline_country == "USA" or any(
            iso3 == "USA" and any(n > 0 and key not in g.country_keys for key, n in keys.items())
            for (iso3, _), keys in self.ctx.admin1_keys.items())
        for start, end in embedded_names(doc, g, self.ents, self.words, self.taken, us_story):
            self.add(start, end, "EMBEDDED", strip=False)

    def same_sense(self) -> None:
        """6. one sense per discourse: a name that is a place elsewhere in the article is a
        place here too ("Alexandria police" after "in Alexandria"), unless part of a longer
        name, and inside organisation names too ("the Alexandria PTA Council"), not in people's"""
        known = {m.key for m in self.out}
        for start, end, key in self.relabel:
            if key in known and not any(self.taken[start:end]) and not self.mostly_person(key):
                self.add(start, end, "SAME")
        blocked = [False] * self.n
        for ent in self.ents:
            if ent.label_ == "PERSON":
                for i in range(ent.start, ent.end):
                    blocked[i] = True
        sure = {k for k in known if not self.mostly_person(k)}
        for start, end in repeated_names(self.words, sure, self.taken, blocked):
            self.add(start, end, "SAME", strip=False)

    def in_areas(self, areas: set, points: list, countries: set) -> list[_Mention]:
        """7. after a first resolution, the gazetteer again: towns of the article's areas
        ((ISO3, admin1) pairs: the states it names, its dateline's, the ones its places
        confidently resolved to; or near a town it resolved to, `points`) where the words
        around them say place (areas.py)."""
        if not areas and not points and not countries:
            return []
        g = self.g

        def town_test(where) -> callable:
            """Is a name a town of MIN_POP_MODIFIER people or more, not a generic word or a
            person's, at a gazetteer row `where` accepts? Remembered per name."""
            memo: dict = {}

            def test(surface: str) -> bool:
                key = name_key(surface)
                hit = memo.get(key)
                if hit is None:
                    hit = memo[key] = bool(key) and key not in GENERIC_PLACE_WORDS and \
                        key not in self.person_words and not self.mostly_person(key) and \
                        any(g.pop[i] >= MIN_POP_MODIFIER and where(i) and name_key(g.names[i]) == key
                            for i in g.cities(key))
                return hit
            return test

        in_area = town_test(lambda i: (g.iso3.get(g.cc[i]), g.admin1[i]) in areas or _near(g.lat[i], g.lon[i], points))
        in_country = town_test(lambda i: g.iso3.get(g.cc[i]) in countries)

        heads = (frozenset(institution_words()) - GENERIC_PLACE_WORDS) | FACILITY_WORDS
        starts = {m.start for m in self.out}
        ends = {m.end for m in self.out}
        new = []
        for start, end in area_names(self.doc, self.words, self.ent_of, self.taken, starts, ends, in_area,
                                     heads.__contains__, in_country):
            m = self.add(start, end, "AREA", strip=False)
            if m is not None:
                new.append(m)
        self.finish(new)
        return new

    def finish(self, mentions: Optional[list] = None) -> list[_Mention]:
        """Each mention's explicit context ("Paris, Texas"), and whether it names a town by
        its institution or resident ("a Lebanon woman", "Paris police"), in text order.
        `mentions`: the ones to look at (all when None)."""
        doc, n = self.doc, self.n
        local_words = institution_words()
        for m in self.out if mentions is None else mentions:
            if m.label != "DATELINE":
                _explicit_context(self.g, doc, m, self.table_hits)
                if m.end < n and local_words.get(doc[m.end].lower_) and not doc[m.end - 1].text.endswith(".") \
                        and not _hyphen_joined(doc, m.start):
                    m.local = True
        self.out.sort(key=lambda m: m.cstart)
        return self.out


def _mentions(doc, ctx: PlaceContext, g: Gazetteer) -> tuple[list[_Mention], _Finder]:
    """The mentions in text order, and the finder (for `_Finder.in_areas` once they are
    resolved)."""
    finder = _Finder(doc, ctx, g)
    for find in (finder.dateline, finder.area_lists, finder.entities, finder.table_names, finder.adjectives,
                 finder.relabelled, finder.untagged, finder.residences, finder.gazetteer_names, finder.same_sense):
        find()
    return finder.finish(), finder
