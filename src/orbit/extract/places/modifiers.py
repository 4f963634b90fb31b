"""Names the gazetteer knows that the words around them mark as places, and the tests the
mention finder (mentions.py) shares: before a local institution ("Berea police"), in a
legislator's party label ("R-Elbow Lake"), a person's town, a town near the article's
places.

    institution_words()                        data/places/institution_words.txt
    _modifier_names(doc, g, taken, ...)         "Berea police", ", D-Pa.,"
"""
from __future__ import annotations

import math
from functools import lru_cache

from ...lexicon.gazetteer import US_STATE_ABBR, Gazetteer, name_key
from .candidates import _county_key, _has_candidates
from .tuning import AREA_KM, GENERIC_PLACE_WORDS

MODIFIER_MAX_WORDS = 3
# a town named before an institution word must have this many people (or be a county,
# state, country or region): lower admits surnames ("Baker police" is rarer than "Baker
# said"), higher loses LGL's small towns; chosen on the LGL dev split (0 / 1,000 / 5,000)
MIN_POP_MODIFIER = 1_000
# a legislator's party before the district: "R-Elbow Lake", Minnesota's "DFL-Chisholm"
PARTY_LETTERS = {"D", "R", "I", "DFL"}


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


def _modifier_place(g: Gazetteer, key: str, dotted: bool = False) -> bool:
    key = _county_key(g, key)  # "a Loudon Co. man"
    if key in g.counties or key in g.country_keys or key in g.regions or _state_name(g, key, dotted):
        return True
    return g.city_named(key, MIN_POP_MODIFIER)


def _state_name(g: Gazetteer, key: str, dotted: bool) -> bool:
    """A US state's name, or its abbreviation written with a full stop ("Miss.", not the
    "Miss" of a pageant's title)."""
    return key in g.state_keys and (dotted or (len(key) > 3 and key not in US_STATE_ABBR))


def _near(lat: float, lon: float, points: list) -> bool:
    """Within AREA_KM of one of the points (an equirectangular distance: exact enough at
    this range)."""
    for plat, plon in points:
        dy = lat - plat
        dx = (lon - plon) * math.cos(math.radians((lat + plat) / 2))
        if 111.2 * math.hypot(dx, dy) <= AREA_KM:
            return True
    return False


def _residence_place(g: Gazetteer, key: str, dotted: bool = False) -> bool:
    """A town of the gazetteer by its own name (any size: a person's town is named as one),
    or a county, state, province or country."""
    key = _county_key(g, key)  # "of Loudon Co."
    if key in g.counties or key in g.country_keys or key in g.admins or _state_name(g, key, dotted):
        return True
    return any(name_key(g.names[i]) == key for i in g.cities(key))


def _party_label(texts: list, i: int) -> bool:
    """Does the name at token i follow a party letter (", D-Braxton", "(R-Elbow Lake")?"""
    return i >= 3 and texts[i - 1] == "-" and texts[i - 2] in PARTY_LETTERS and texts[i - 3] in (",", "(")


def _hyphen_joined(doc, start: int) -> bool:
    """Is the name the second half of a hyphenated pair ("the NATO-Russia Council", "a
    U.S.-China business council")? Two names qualify the institution together: it is
    no town's own (not "Paris police")."""
    return start >= 2 and doc[start - 1].text in ("-", "–") and not doc[start - 2].whitespace_


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
        elif w == "-" and j < n - 1 and texts[j + 1].lower() == "based":
            starts.update(range(max(j - MODIFIER_MAX_WORDS, 0), j))
    out = []
    last = 0
    for i in sorted(starts):
        if i < last or taken[i] or not texts[i][:1].isupper():
            continue
        party = _party_label(texts, i)
        t, ent = doc[i], ent_of[i]
        # a sentence's first word only when tagged a proper noun ("Berea police are
        # searching", a headline's "Alexandria woman charged"), not "Many residents"
        if (t.is_sent_start and not party and t.pos_ != "PROPN") or \
                (ent is not None and ent.label_ not in ("GPE", "LOC") and
                 any(doc[k].pos_ != "DET" for k in range(ent.start, i))) or \
                (i > 0 and texts[i - 1][:1].isupper() and doc[i - 1].pos_ == "PROPN" and not party):
            continue
        for j in range(min(n, i + MODIFIER_MAX_WORDS), i, -1):
            if any(taken[k] or not texts[k][:1].isupper() for k in range(i, j)):
                continue
            key = name_key(doc[i:j].text)
            if not key or key in GENERIC_PLACE_WORDS or key in person_words or key in words:
                continue  # "Police officers": the institution word is no place (Police, Poland)
            after = texts[j].lower() if j < n else None
            # "the Columbia-based design firm": where a firm is based is a place
            based = after == "-" and j + 1 < n and texts[j + 1].lower() == "based"
            if based:
                ok = _modifier_place(g, key, "." in doc[i:j].text)
            elif party:
                ok = (after is None or not after[:1].isalnum()) and _has_candidates(g, key, "." in doc[i:j].text)
            else:
                ok = after is not None and after in words and _modifier_place(g, key, "." in doc[i:j].text)
            if ok:
                out.append((i, j, party or based or (words.get(after, False) and not _hyphen_joined(doc, i))))
                last = j
                break
    return out


