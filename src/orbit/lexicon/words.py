"""Every word list the stages read, each declared once in orbit/data/ and read here.

Most lists live in data/lexicon/word_lists.toml (a section per stage, a key per list; the
file's header gives the format); a stage names the one it reads, `words("events.deed_nouns")`.
The few lists below are the ones more than one stage shares.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import Callable, Optional

from spacy.tokens import Token

from ..resources import read_list, read_text

FORCE_VERBS = "places/force_verbs.txt"
WORD_LISTS = "lexicon/word_lists.toml"


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, dict[str, list[str]]]:
    return tomllib.loads(read_text(WORD_LISTS))


def word_sequence(name: str) -> tuple[str, ...]:
    """A list from word_lists.toml, in its order ("section.key")."""
    section, _, key = name.partition(".")
    try:
        return tuple(_word_lists()[section][key])
    except KeyError:
        raise KeyError(f"no word list {name!r} in {WORD_LISTS}") from None


def words(name: str) -> frozenset[str]:
    """A list from word_lists.toml as a set ("section.key")."""
    return frozenset(word_sequence(name))

# pronouns that open a relative clause ("the minister who resigned"): its subject is the noun
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})
# the dependency labels of the words that qualify a noun from before it: "Russian troops",
# "U.S. officials", "the Kazakh president"; where a country in front of a noun is found
QUALIFIER_DEPS = ("amod", "compound", "nmod")
# the dependency labels of a noun that is an argument of its verb (its subject or an object):
# "the two held talks" (the actors stage), "condemned the drills" (the trained coder's anaphors)
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
# a name the NER calls a person or an organisation is read as a place only if a city of at
# least this many people has it (or the syntax says "the city of ..."); the actors stage and
# the places stage use the same bound, so neither claims what the other reads
PLACE_OVER_NAME_POPULATION = 20_000


@lru_cache(maxsize=1)
def force_verbs() -> frozenset[str]:
    """Verbs of force whose object is, in news, most often a place ("struck Kharkiv")."""
    return frozenset(line.strip().lower() for line in read_list(FORCE_VERBS))


def acted_on_by_force(tok: Token, place_country: Callable[[], Optional[str]] = lambda: None) -> bool:
    """The word is what a verb of force acts on: "struck Kharkiv", "Avdiivka was captured".
    The actors stage leaves such a name to the places stage ("Kharkiv" is no person there),
    which reads it as a place. Verbs that take people as often as towns ("captured",
    "seized") count only for a bare name of one word ("captured Avdiivka", "seized El
    Obeid"; "captured Carlos Mendoza" names a person) whose place (`place_country()`, the
    country of the biggest place so named, asked only then) is not where towns are named
    like people ("seized Jackson" stays a person)."""
    if tok.dep_ not in ("dobj", "nsubjpass") or tok.head.pos_ != "VERB":
        return False
    verb = tok.head.lemma_.lower()
    if verb in force_verbs():
        return True
    if verb not in words("places.capture_verbs") or not _one_word_name(tok):
        return False
    country = place_country()
    return country is not None and country not in words("places.namesake_countries")


def _one_word_name(tok: Token) -> bool:
    """A proper name of one word, a particle aside ("Avdiivka", "El Obeid"), with no title."""
    before = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    return tok.pos_ == "PROPN" and all(c.lower_ in words("actors.name_particles") for c in before)
