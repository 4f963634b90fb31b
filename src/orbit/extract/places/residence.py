"""Toponyms named as where a person lives or comes from, whatever the NER called them.

    residence_names(doc, texts, ent_of, taken, known) -> [(start, end)]

Local news names people with their town: "Larry Dunaway of Berea", "Jane Roe, 41, of
Grovetown", "said Smith, of Wooster", "Mark Doe, 20, Tennessee Colony", "a Republican from
Florence", "a resident of Ravenel". The NER labels such towns as people or organisations
as often as places, and small towns are below the population at which the syntax alone
makes a name a place (tuning.MIN_POP_RELABEL). After a person's name (with their age) or a
word for a person (data/lexicon/word_lists.toml, `places.residence_nouns`), "of" or "from"
followed by a name the gazetteer knows as a town is the person's town. The finder returns
token spans only; `find_places` resolves them like other mentions, as a town by its own
name (a `local` mention).
"""
from __future__ import annotations

from typing import Callable

from ...lexicon.words import words

RESIDENCE_NOUNS = words("places.residence_nouns")
RESIDENCE_PREPS = {"of", "from"}
MAX_TOWN_WORDS = 3


def _person_end(ent_of: list, k: int) -> bool:
    """Does a person's name end at token k (exclusive)?"""
    ent = ent_of[k - 1] if k > 0 else None
    return ent is not None and ent.label_ == "PERSON" and ent.end == k


def _after_person(texts: list, ent_of: list, k: int) -> bool:
    """Token k follows a person: "Larry Dunaway |of", "Smith, |of", "Jane Roe, 41, |of",
    "a resident |of"."""
    if k < 1:
        return False
    if _person_end(ent_of, k) or texts[k - 1].lower() in RESIDENCE_NOUNS:
        return True
    if texts[k - 1] != ",":
        return False
    if _person_end(ent_of, k - 1):
        return True
    # ", 41," after the name: the person's age
    return k >= 4 and texts[k - 2].isdigit() and len(texts[k - 2]) <= 3 and texts[k - 3] == "," and \
        _person_end(ent_of, k - 3)


def _town_run(texts: list, taken: list, start: int, known: Callable[[str], bool]) -> tuple[int, int] | None:
    """The whole run of capitalised words from `start` (at most MAX_TOWN_WORDS), if the
    gazetteer knows it as a town: "of Gun Barrel City," but not "of New York Life"."""
    n = len(texts)
    end = start
    while end < n and end - start < MAX_TOWN_WORDS and texts[end][:1].isupper() and texts[end][:1].isalpha():
        end += 1
    if end == start or (end < n and texts[end][:1].isupper() and texts[end][:1].isalpha()):
        return None
    if any(taken[start:end]) or not known(" ".join(texts[start:end])):
        return None
    return start, end


def residence_names(doc, texts: list, ent_of: list, taken: list, known: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Token spans of towns named as a person's home (see the module docstring). `known`:
    whether a surface is a town, county, state or country name in the gazetteer."""
    out = []
    n = len(texts)
    for k, w in enumerate(texts):
        if w in RESIDENCE_PREPS and k + 1 < n and _after_person(texts, ent_of, k):
            span = _town_run(texts, taken, k + 1, known)
        elif w.isdigit() and len(w) <= 3 and 2 <= k and k + 2 < n and texts[k - 1] == "," and \
                texts[k + 1] == "," and _person_end(ent_of, k - 1):
            # "Mark Doe, 20, Tennessee Colony, ...": the town after the age
            span = _town_run(texts, taken, k + 2, known)
            if span and not (span[1] < n and texts[span[1]] in (",", ".", ";")):
                span = None
        else:
            continue
        if span:
            out.append(span)
    return out
