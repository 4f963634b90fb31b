"""The gazetteer as a second source, filtered by the article's own areas.

    area_names(doc, texts, ent_of, taken, starts, ends, in_area) -> [(start, end)]

Local news names small towns that the NER labels as people or organisations, or not at all,
and that are too small for the syntax alone to make them places ("a meeting at the
Harwinton Senior Center", "drove to Lanexa", "Harwinton, Bantam and Litchfield"). Once the
other mentions are resolved, the article's areas are known: the US states it names, its
dateline's state or province, and the states and provinces its places confidently resolved
to. A capitalised name is then a place when the gazetteer has a town of that name in one of
those areas (`in_area`, which also applies the population floor) and the words around it
say place:

- before a local institution or a facility, with at most two name words between ("the
  Litchfield Superior Court", "Cookeville Regional Medical Center", "Ludlow Town Hall";
  the words in data/places/institution_words.txt and `places.facility_words`);
- after a preposition that takes places ("drove to Lanexa", "north of Moorhead");
- as the text's first word, a local headline's subject ("Chicopee residents discuss ...");
- in a list next to a place already found ("Harwinton, Bantam, Litchfield"); there a town
  of the same country is enough ("Zilina, Nitra, Presov and Kosice").

Names not in one of the article's areas are left alone however they are written: "Mobile",
"Reading" or "Florence" (a person) stay words unless the story is in Alabama, Pennsylvania
or South Carolina and the words around them say place.
"""
from __future__ import annotations

from typing import Callable

from ...lexicon.words import words

FACILITY_WORDS = words("places.facility_words")
AREA_CUE_WORDS = words("places.area_cue_words")
LIST_GLUE = {",", "and", "or", "&"}
NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
MAX_NAME_WORDS = 3
MAX_QUALIFIER_WORDS = 2  # "Litchfield [Superior] Court", "Cookeville [Regional Medical] Center"
DISTANCE_WORDS = words("places.distance_words")


def _cap(w: str) -> bool:
    return w[:1].isupper() and w[:1].isalpha()


def _head_after(texts: list, end: int, heads: Callable[[str], bool]) -> bool:
    """Is an institution or facility word at `end`, or after at most two capitalised words?"""
    n = len(texts)
    for k in range(end, min(n, end + MAX_QUALIFIER_WORDS + 1)):
        if heads(texts[k].lower()):
            return True
        if not _cap(texts[k]):
            return False
    return False


def _cue_before(texts: list, start: int) -> bool:
    """A preposition that takes places before the name ("to Lanexa", "north of Moorhead")."""
    if start < 1:
        return False
    w = texts[start - 1].lower()
    if w in AREA_CUE_WORDS:
        return True
    return w == "of" and start >= 2 and texts[start - 2].lower() in DISTANCE_WORDS


def _listed(texts: list, start: int, end: int, starts: set, ends: set, doc=None) -> bool:
    """Next to a place already found in a list: "Harwinton, [Bantam], Litchfield", or in a
    hyphenated pair of towns ("Fargo-[Moorhead]", "[Plainview]-Elgin": a metro area, a
    school district)."""
    if doc is not None:
        if start >= 2 and _joining_hyphen(doc, texts, start - 1) and start - 1 in ends:
            return True
        if end + 1 < len(texts) and _joining_hyphen(doc, texts, end) and end + 1 in starts:
            return True
    k = start - 1
    while k >= 0 and k >= start - 2 and texts[k] in LIST_GLUE:
        k -= 1
    if k < start - 1 and (k + 1) in ends:
        return True
    k = end
    while k < len(texts) and k < end + 2 and texts[k] in LIST_GLUE:
        k += 1
    return k > end and k in starts


def _joining_hyphen(doc, texts: list, k: int) -> bool:
    """A hyphen at token k that joins the words either side ("Fargo-Moorhead"), not a dash
    between spaces ("Star Lake - Highway 59")."""
    return texts[k] in ("-", "–") and k > 0 and not doc[k - 1].whitespace_ and not doc[k].whitespace_


def area_names(doc, texts: list, ent_of: list, taken: list, starts: set, ends: set,
               in_area: Callable[[str], bool], heads: Callable[[str], bool],
               in_country: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Token spans of towns of the article's areas that the words around them mark as places
    (see the module docstring). `starts`, `ends`: token starts and ends of the mentions
    found so far; `in_area`: whether a surface is a town in one of the article's areas;
    `heads`: whether a lower-case word is an institution or facility word; `in_country`:
    whether a surface is a town of a country the article's places resolved to (enough for
    a name listed beside one of them: "Zilina, Nitra, Presov and Kosice")."""
    out = []
    n = len(texts)
    # a town found here extends a list for the next one ("Zilina, [Nitra], Presov and
    # Kosice" where only Zilina was found before): the lists are read left to right
    starts, ends = set(starts), set(ends)
    # the text's first word, a local headline's subject ("Hagerstown advances to state meet",
    # "Chicopee residents discuss land purchase"): a town of the article's areas there is one,
    # whatever the tagger made of it
    first = next((k for k in range(n) if texts[k].strip()), -1)
    if first >= 0 and doc[first].pos_ not in ("PROPN", "NOUN"):
        first = -1  # "Early voting begins": an adverb or adjective is no town's name
    i = 0
    while i < n:
        if taken[i] or not _cap(texts[i]):
            i += 1
            continue
        # the start of a name: not inside a run of capitalised words ("Charles Webb Center")
        if i > 0 and _cap(texts[i - 1]) and texts[i - 1] != "The":
            i += 1
            continue
        ent = ent_of[i]
        if ent is not None and ent.label_ in NUMERIC_LABELS:
            i += 1  # "in August": a month, not August, Georgia
            continue
        found = None
        for end in range(min(n, i + MAX_NAME_WORDS), i, -1):
            if any(taken[i:end]) or not all(_cap(w) for w in texts[i:end]):
                continue
            if ent is not None and ent.label_ == "PERSON" and ent.start < i:
                break  # a person's surname ("Tom Foley")
            surface = " ".join(texts[i:end])
            whole = end >= n or not _cap(texts[end])
            if in_area(surface):
                if _head_after(texts, end, heads) or (whole and (_cue_before(texts, i) or i == first or
                                                                 _listed(texts, i, end, starts, ends, doc))):
                    found = (i, end)
                    break
            elif whole and _listed(texts, i, end, starts, ends, doc) and in_country(surface):
                found = (i, end)
                break
        if found and doc[i].is_sent_start and doc[i].pos_ != "PROPN" and i != first:
            found = None  # a sentence's first word: only a proper noun ("Many residents" is no town)
        if found:
            out.append(found)
            starts.add(found[0])
            ends.add(found[1])
            i = found[1]
        else:
            i += 1
    return out
