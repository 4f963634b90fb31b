"""Reading the dependency parse: subjects, objects, prepositions, passives, antecedents.

Pure functions over spaCy tokens, shared by the argument finder and the constructions.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ..lexicon.numbers import SCALES, parse_number
from ..lexicon.words import RELATIVE_PRONOUNS, words

VERB_PARTICLES = words("events.verb_particles")

# verbs whose infinitive complement has the verb's object as its subject ("urged Russia to withdraw")
OBJECT_CONTROL_VERBS = words("events.object_control_verbs")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# how many sentences back a pronoun object ("imposed them") may look for its noun
OBJECT_ANTECEDENT_WINDOW = 2
# quantity nouns whose "of" complement is the real object ("waves of air strikes")
QUANTITY_NOUNS = words("events.quantity_nouns")
# "the only one of the leaders who speaks": the relative clause is about "one"
PARTITIVES = words("events.partitives")


def real_object(tok: Optional[Token]) -> Optional[Token]:
    """ "launched waves of air strikes": the strikes, not the waves."""
    if tok is not None and tok.lemma_.lower() in QUANTITY_NOUNS:
        inner = prep_object(tok, "of")
        if inner is not None:
            return inner
    return tok


# quantity nouns that are no scale of lexicon/numbers.py
QUANTITY_UNITS = {"dozen": 12, "score": 20}


def count_of(head: Token) -> float | None:
    """How many the object counts, from the object as the parser found it: "hundreds of
    civilians", "more than 800 people", "1,600 civilians". None when it gives no number."""
    lemma = head.lemma_.lower()
    unit = QUANTITY_UNITS.get(lemma) or SCALES.get(lemma)
    if unit and prep_object(head, "of") is not None:
        # "hundreds of": at least two hundred
        return float(unit * (2 if head.tag_ in ("NNS", "NNPS") else 1))
    inner = real_object(head)
    for c in inner.children:
        if c.dep_ == "nummod":
            return parse_number(c.text)
    return None


def is_passive(verb: Token) -> bool:
    # "Asked whether ..., Baerbock said": a bare participle clause is passive; its subject
    # is the one asked, not the one asking
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or \
        (verb.dep_ in ("acl", "advcl") and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)
         # the tagger often reads a fronted participle as a past tense ("Asked/VBD whether")
         and (verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.dep_ == "advcl" and verb.i < verb.head.i)))


def agent(verb: Token) -> Optional[Token]:
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def passive_subject(verb: Token) -> Optional[Token]:
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return c
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    return None


def direct_object(verb: Token) -> Optional[Token]:
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return c
    # "dismissed as 'absurd' Putin's offer": the object moved after its predicate, and the
    # parser hangs it on "as"; an "as" phrase that carries its own adjective is that object
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") and g.i > c.i + 1 and any(
                        t.pos_ == "ADJ" or t.dep_ == "amod" for t in g.doc[c.i + 1:g.i]):
                    return g
    # "granted the soldier a year of asylum": after a first object the parser may read the
    # second, a measure of something, as an adverb ("a year" npadvmod); it is the object
    if any(c.dep_ in ("dative", "iobj") for c in verb.children):
        for c in verb.children:
            if c.dep_ == "npadvmod" and c.i > verb.i and c.lemma_.lower() in QUANTITY_NOUNS \
                    and prep_object(c, "of") is not None:
                return c
    # "came to Central Asia", "signed on to" leave no object; a prep object is not one
    return None


def prep_objects(host: Token, prep: str) -> list[Token]:
    out = []
    for c in host.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            out += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
        elif c.dep_ in ("prt", "advmod") and c.lower_ in VERB_PARTICLES:
            # "pushed back against": the preposition hangs on the particle
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ == prep:
                    out += [x for x in g.children if x.dep_ == "pobj"]
        if c.dep_ in ("prep", "npadvmod"):
            # "warned on Saturday of a disaster", "met Tuesday with": the parser hangs the
            # preposition on the date
            for day in ([g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else [c]):
                if day.ent_type_ in ("DATE", "TIME"):
                    for g in day.children:
                        if g.dep_ == "prep" and g.lower_ == prep:
                            out += [x for x in g.children if x.dep_ in ("pobj", "pcomp")]
    return out


def prep_object(host: Token, prep: str) -> Optional[Token]:
    objs = prep_objects(host, prep)
    return objs[0] if objs else None


def pobj_or_self(tok: Token) -> Token:
    for c in tok.children:
        if c.dep_ == "pobj":
            return c
    return tok


def noun_host_verb(noun: Token) -> Optional[Token]:
    """The verb a nominal event hangs on: its object ("held talks"), or via a preposition
    ("acknowledged at the news conference")."""
    t = noun
    if t.dep_ in ("dobj", "attr", "nsubjpass", "oprd"):
        return t.head if t.head.pos_ in ("VERB", "AUX") else None
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ in ("VERB", "AUX"):
        return t.head.head
    if t.dep_ == "conj":
        return noun_host_verb(t.head)
    return None


def is_content_clause_of_noun(clause: Token) -> bool:
    """A that-clause the parser hung on a noun ("said in a statement that ...", "demanded in
    a phone call that ..."): "that" is its conjunction, not a relative pronoun."""
    return clause.dep_ in ("relcl", "acl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def noun_clauses(verb: Token, nouns: frozenset) -> list[Token]:
    """The content clauses of the statement nouns a verb takes as object or in a prepositional
    phrase, which belong to the verb: "demanded in a phone call that Erdogan halt ..."."""
    out = []
    for c in verb.children:
        held = [c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else []
        for noun in held:
            if noun.lemma_.lower() in nouns:
                out += [cl for cl in noun.children if is_content_clause_of_noun(cl)]
    return out


def subject_tokens(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject(s) of a verb, and whether they were inherited from another clause."""
    if depth > 5:
        return [], False
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [antecedent(verb.head)], True
            if c.dep_ == "nsubjpass":
                continue  # the passive subject is the target
            return [c], False
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return [], False
    dep = verb.dep_
    head = verb.head
    if dep == "xcomp" or (dep == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        if head.lemma_.lower() in OBJECT_CONTROL_VERBS:
            obj = next((c for c in head.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                return [obj], True
        subs, _ = subject_tokens(head, depth + 1)
        return subs, True
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        subs, _ = subject_tokens(head, depth + 1)
        return subs, True
    if dep in ("advcl", "pcomp") or (dep == "prep"):
        target = head.head if dep == "pcomp" else head
        if target.pos_ in ("VERB", "AUX"):
            subs, _ = subject_tokens(target, depth + 1)
            return subs, True
    if dep in ("acomp", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        # "Arnor is about to restore", "Iran is ready to talk": the copula's subject
        subs, _ = subject_tokens(head, depth + 1)
        return subs, True
    if dep == "relcl":
        return [antecedent(head)], True
    if dep == "acl" and verb.tag_ == "VBG":
        return [head], True
    return [], False


def antecedent(noun: Token) -> Token:
    """For "Mr. Tokayev is the only one of the leaders who speaks", the subject of the copula."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in PARTITIVES:
        noun = noun.head.head
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        for c in noun.head.children:
            if c.dep_ == "nsubj":
                return c
    return noun


def object_antecedent(pronoun: Token, lemmas: tuple[str, ...]) -> Optional[Token]:
    """The noun a pronoun object stands for ("first imposed them" -> "the sanctions on Russia")."""
    doc = pronoun.doc
    sent = pronoun.sent
    start = sent.start
    for _ in range(OBJECT_ANTECEDENT_WINDOW):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    for i in range(pronoun.i - 1, start - 1, -1):
        if doc[i].lemma_.lower() in lemmas and doc[i].pos_ == "NOUN":
            return doc[i]
    return None


# in a pattern's object words: a place named in the text ("captured Kabul" as "captured the city")
NAMED_PLACE = "@place"


def names_place(tok: Token) -> bool:
    """Is the token inside a place the places stage found, other than a country (a country
    is an actor: "attacked Ukraine")?"""
    return any(place.kind != "country" and place.span[0] <= tok.idx < place.span[1]
               for place in tok.doc._.orbit_places or ())


def object_named(tok: Token, lemmas) -> bool:
    """Does the word fit a pattern's object words: by its lemma, or as a named place where
    the words hold `@place`?"""
    return tok.lemma_.lower() in lemmas or (NAMED_PLACE in lemmas and names_place(tok))
