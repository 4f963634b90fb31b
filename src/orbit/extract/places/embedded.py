"""More toponym mentions from the gazetteer, where spaCy's entities hide them.

    county_lists(texts)                       "Harper, Kingman and Reno counties"
    embedded_names(doc, g, ents, texts, taken) "the Texas Forest Service", "University of Cincinnati"
    repeated_names(texts, keys, taken, blocked) a place name again, inside an organisation's name
    before_area_words(texts)                  "the Puno region", "Idlib province"

News names places inside the names of organisations, teams and buildings ("the Minnesota
House", "Gwinnett Medical Center"), and both LGL and GeoWebNews annotate them as toponyms;
spaCy gives the whole name one ORG or FAC label, so the first stages of `find_places` never
see the place in it. These finders return token spans only; `find_places` makes mentions of
them and resolves them like any other.
"""
from __future__ import annotations

from ...lexicon.gazetteer import Gazetteer, name_key
from ...lexicon.words import words

COUNTY_WORDS = words("places.county_words")
LIST_GLUE = {",", "and", "or", "&"}
MAX_LIST_ITEMS = 12
MAX_NAME_WORDS = 3
# labels of entities whose words may hold a place name ("the Ohio Coalition for ...")
HOST_LABELS = {"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "NORP"}
# an admin name must stand for something this large to count inside an organisation's name
# when it is a city ("University of Cincinnati"); states, provinces, countries always count
MIN_EMBEDDED_CITY = 100_000
# a paper's or a broadcaster's name ("The New York Times") says nothing of where a story is
PUBLICATION_WORDS = words("places.publication_words")


def _capital_run_back(texts: list, end: int) -> int:
    """Start of the run of capitalised words that ends at `end`."""
    start = end
    while start > 0 and end - start < MAX_NAME_WORDS and texts[start - 1][:1].isupper():
        start -= 1
    return start


def county_lists(texts: list) -> list[tuple[int, int]]:
    """Names before "counties" and in the list that leads to it: "in Becker, Clay and
    Otter Tail counties", "between Walton and Oconee counties"; each a county by the text's
    own word, whatever the NER called it."""
    out = []
    for j, w in enumerate(texts):
        if w.lower() not in COUNTY_WORDS or j == 0 or w == "County":
            continue
        end = j
        items = 0
        while end > 0 and items < MAX_LIST_ITEMS:
            start = _capital_run_back(texts, end)
            if start == end:
                break
            out.append((start, end))
            items += 1
            k = start
            while k > 0 and texts[k - 1].lower() in LIST_GLUE:
                k -= 1
            if k == start or w.lower() == "county":  # no list glue before it: the list is over
                break
            end = k
    return out


def _admin_like(g: Gazetteer, key: str, dotted: bool, us_story: bool = False) -> bool:
    """A US state, province or region name: a place wherever it is written. Not a country:
    "the Bank of Israel", "the Israel Defense Forces" are a state's institutions, named for
    who runs them rather than where something happens. A country's name that is also a US
    state's is the state's in a story that names US states ("the Georgia Bureau of
    Investigation" beside "Hall County, Ga.")."""
    if key in g.country_keys and not (us_story and key in g.state_keys):
        return False
    return bool((key in g.state_keys and (dotted or len(key) > 3)) or key in g.admins or key in g.regions)


def _big_city(g: Gazetteer, key: str) -> bool:
    return g.city_named(key, MIN_EMBEDDED_CITY)


def embedded_names(doc, g: Gazetteer, ents: list, texts: list, taken: list,
                   us_story: bool = False) -> list[tuple[int, int]]:
    """Place names inside the name of an organisation, building or event: at its start
    ("the Texas Forest Service", "N.J. Division of ...") when a country, state, province
    or region, or after its "of" ("University of Cincinnati", "Children's Hospital of
    Pittsburgh") when that or a big city."""
    out = []
    for ent in ents:
        if ent.label_ not in HOST_LABELS or len(ent) < 2 or \
                any(texts[k].lower() in PUBLICATION_WORDS for k in range(ent.start, ent.end)):
            continue
        s, e = ent.start, ent.end
        while s < e and texts[s].lower() == "the":
            s += 1
        span = _longest_known(g, texts, s, min(e - 1, s + MAX_NAME_WORDS), taken, big=False, us_story=us_story)
        if span:
            out.append(span)
        for k in range(s + 1, e - 1):
            if texts[k] == "of":
                first = k + 2 if texts[k + 1].lower() == "the" else k + 1
                span = _longest_known(g, texts, first, min(e, first + MAX_NAME_WORDS), taken, big=True,
                                      whole=True, limit=e, us_story=us_story)
                if span:
                    out.append(span)
    return out


def _longest_known(g: Gazetteer, texts: list, start: int, stop: int, taken: list, big: bool,
                   whole: bool = False, limit: int = 0, us_story: bool = False) -> tuple[int, int] | None:
    """The longest run of capitalised words from `start` (ending by `stop`) that names an
    admin area (or, with `big`, a big city). `whole`: the run must end where the capitals
    do (at `limit` or a lower-case word), so "of New York Life" is not "New York"."""
    for end in range(stop, start, -1):
        words = texts[start:end]
        if not all(w[:1].isupper() for w in words) or any(taken[start:end]):
            continue
        if whole and end < limit and texts[end][:1].isupper():
            continue
        surface = " ".join(words)
        key = name_key(surface)
        if _admin_like(g, key, "." in surface, us_story) or (big and _big_city(g, key)):
            return start, end
    return None


def repeated_names(texts: list, keys: set, taken: list, blocked: list) -> list[tuple[int, int]]:
    """Capitalised runs of words whose name is a place elsewhere in the article ("the
    Alexandria PTA Council" after "in Alexandria"): one sense per discourse, inside
    organisation names too. `blocked`: tokens of people's names ("Sam Houston")."""
    out = []
    n = len(texts)
    i = 0
    while i < n:
        if taken[i] or blocked[i] or not texts[i][:1].isupper() or texts[i] == "The":
            i += 1
            continue
        for end in range(min(n, i + MAX_NAME_WORDS), i, -1):
            if any(taken[i:end]) or any(blocked[i:end]) or not all(w[:1].isupper() for w in texts[i:end]):
                continue
            if name_key(" ".join(texts[i:end])) in keys:
                out.append((i, end))
                i = end - 1
                break
        i += 1
    return out


AREA_WORDS = words("places.area_words")


def before_area_words(texts: list) -> list[tuple[int, int]]:
    """Capitalised names right before a lower-case word for an admin area ("the Puno region",
    "in Idlib province"), which the NER often tags as an organisation or not at all."""
    out = []
    for j, w in enumerate(texts):
        if w in AREA_WORDS and j > 0:
            start = _capital_run_back(texts, j)
            if start < j and texts[start] != "The":
                out.append((start, j))
    return out
