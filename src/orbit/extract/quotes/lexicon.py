"""The words quote attribution looks for: the cue lists of data/extract (speech verbs, stance
verbs, reporting nouns) and the fixed sets of marks, dependency labels and function words."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from ...lexicon.words import words
from ...resources import read_list

OPENING = {"“", "„", "«", "‟", "``"}  # as tokens


CLOSING = {"”", "»", "''"}


MARKS = OPENING | CLOSING | {'"'}


QUOTE_CHARS = MARKS | {"‘", "’", "'", "`"}


SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}

# a cue without a subject takes the subject of the clause it modifies ("…, saying that …")

CLIMB_DEPS = {"advcl", "xcomp", "conj", "pcomp", "ccomp"}


FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


STATEMENT_WORDS = 6  # a quoted span this long is a statement even without a finite verb


INDIRECT_MIN_TOKENS = 3

# cues whose object and its complement are what was said: "called X a liar", "told X to …"

OBJECT_COMPLEMENT_VERBS = words("quotes.object_complement_verbs")

# saying verbs with no object reading: an object they seem to have is a misparsed clause

CLAUSE_ONLY_VERBS = words("quotes.clause_only_verbs")


OBJECT_CLAUSE_WORDS = 4


TOPIC_PREPS = words("quotes.topic_preps")


ANSWER_VERBS = words("quotes.answer_verbs")


INVERSION_MARKS = {",", "”", '"', "''", "»"}




NO_SPEAKER_WORDS = words("quotes.no_speaker_words")


_WS = re.compile(r"\s+")


@lru_cache(maxsize=1)

def speech_verbs() -> tuple[frozenset, dict, frozenset]:
    """(single-word lemmas, {lemma: particle} for two-word entries like "point out",
    lemmas that need an actor as subject)."""
    single, particle, need_actor = set(), {}, set()
    for line in read_list("extract/speech_verbs.txt"):
        words = line.lower().split("#")[0].split()
        if words and words[-1] == "[actor]":
            words = words[:-1]
            if words:
                need_actor.add(words[0])
        if len(words) == 1:
            single.add(words[0])
        elif len(words) == 2:
            particle[words[0]] = words[1]
    return frozenset(single), particle, frozenset(need_actor)


def _word_table(rel: str) -> dict[str, frozenset]:
    """{first word: the words after it}, one entry a line, "#" starts a comment."""
    out: dict[str, frozenset] = {}
    for line in read_list(rel):
        words = line.lower().split("#")[0].split()
        if len(words) >= 2:
            out[words[0]] = frozenset(words[1:])
    return out


@lru_cache(maxsize=1)
def stance_verbs() -> dict[str, frozenset]:
    """{lemma: readings} from data/extract/stance_verbs.txt: what a stance or report verb
    attributes, "object", "clause" and/or "to" (an infinitive)."""
    return _word_table("extract/stance_verbs.txt")


def _is_cue(tok: Token) -> bool:
    if not tok.tag_.startswith("VB"):
        return False
    single, particle, _ = speech_verbs()
    lemma = tok.lemma_.lower()
    if lemma in single:
        return True
    prt = particle.get(lemma)
    return prt is not None and any(c.dep_ == "prt" and c.lower_ == prt for c in tok.children)


def _misread_verb(tok: Token) -> bool:
    """A verb the tagger took for a noun, as the parse shows: it has a subject and a content
    clause ("…, a new analysis shows." with "shows" tagged NNS)."""
    return tok.tag_ in ("NN", "NNS") and any(c.dep_ == "nsubj" for c in tok.children) and \
        any(c.dep_ == "ccomp" for c in tok.children)


def _needs_actor(tok: Token) -> bool:
    return tok.lemma_.lower() in speech_verbs()[2]


TITLE_SMALL_WORDS = words("quotes.title_small_words")


UNREAL_AUX = words("quotes.unreal_aux")


QUOTE_TAIL = 3  # a reported clause ending this near a quotation's end takes the rest of it


STANCE_MIN_WORDS = 1  # "denied wrongdoing", "endorsed Trump": one noun says what (PolNeAR dev); a bare pronoun does not


OBJECT_PREPS = words("quotes.object_preps")


PASSIVE_PREPS = words("quotes.passive_preps")


PRONOUN_OBJECTS = words("quotes.pronoun_objects")


TRAILING_ADJUNCT_WORDS = words("quotes.trailing_adjunct_words")

# "the statement said …", "the spokeswoman added …": speakers that stand for an earlier named one
DOCUMENT_NOUNS = words("quotes.document_nouns")
SPOKESPERSON_NOUNS = words("quotes.spokesperson_nouns")
STANDING_DETERMINERS = words("quotes.standing_determiners")

# how many paragraphs back such a speaker's antecedent may be
CARRY_PARAGRAPHS = 3

# entity types of a name that can label a statement ("Donald Trump Jr.: …")
LABEL_ENTITY_TYPES = {"PERSON", "ORG"}

# participle clauses that trail a reported clause after a comma (", cementing its lead")
TRAILING_PARTICIPLE_DEPS = {"advcl", "xcomp", "acl", "conj"}


@lru_cache(maxsize=1)
def noun_cues() -> dict[str, frozenset]:
    """{lemma: complements} from data/extract/noun_cues.txt: which complements of a reporting
    noun carry what it attributes ("of", "about", "for", "that", "to")."""
    return _word_table("extract/noun_cues.txt")


NOUN_MIN_WORDS = 1  # "allegations of fraud": one word is the whole content
