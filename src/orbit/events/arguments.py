"""Finding an event's source and target actors from its trigger and pattern.

Verbs take their subject as source (or the agent of a passive); targets come from the
slots the pattern names, tried in order (see data/verbs/README.md). Nouns take their
source from possessives, nationality adjectives, "by"/"from" phrases or the subject of
the verb they hang on. Only actors with a code count as found; a slot that names only
unknown actors lets the next slot try.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from ..actors.phrases import MentionIndex, ResolvedActor, actors_of_phrase, owner_actors
from ..lexicon.roots import root_class
from ..lexicon.words import QUALIFIER_DEPS, RELATIVE_PRONOUNS, word_sequence, words
from .modality import modality_words
from .patterns import Pattern
from .syntax import (
    NAMED_PLACE,
    agent,
    direct_object,
    names_place,
    noun_clauses,
    noun_host_verb,
    passive_subject,
    pobj_or_self,
    prep_objects,
    subject_tokens,
)

# verbs whose object is an event that happened to their subject ("deflected criticism from Moscow")
RECEIVING_VERBS = words("events.receiving_verbs")
# "aid to help Ukraine restore its grid": the purpose clause names the beneficiary
PURPOSE_VERBS = words("events.purpose_verbs")
# "Xi told Tokayev that Beijing was ready to expand cooperation": said to someone
ADDRESSING_VERBS = words("events.addressing_verbs")
# acts of force that kill or wound ("killed in an Israeli air strike")
VIOLENCE_NOUNS = words("events.violence_nouns")
# where an act falls: "the attack on Israel", "an attack at a mall in Kenya's capital"
ACT_PREPS = word_sequence("events.act_preps")
# "claimed responsibility for the attack": the claimant did it
RESPONSIBILITY_VERBS = words("events.responsibility_verbs")
CLAIM_NOUNS = {"responsibility", "credit"}
# "..., a move Israel condemned": nouns that stand for the act of the clause they follow
DEED_NOUNS = words("events.deed_nouns")
# "troops on its border with Ukraine": the border names the other country
BORDER_NOUNS = words("events.border_nouns")
OWNER_PREPS = word_sequence("events.owner_preps")
# confidence multipliers
INHERITED_SUBJECT = 0.9
FALLBACK_TARGET = 0.7

Found = tuple[list[ResolvedActor], float]


def coded(actors: list[ResolvedActor]) -> list[ResolvedActor]:
    return [a for a in actors if a.code]


# people outside the state: opposition, civilians, labour, students, refugees, clergy, ...
CIVIL_ROLES = frozenset({"OPP", "CVL", "LAB", "EDU", "AGR", "REF", "HLH", "ENV", "HRI", "REL", "MOD", "RAD"})
# people coerced one by one rather than as a civil group ("arrested three journalists", "detained
# 20 suspects"): targets of coercion and force like civilians, never a protest's crowd
COERCED_ROLES = frozenset({"MED", "CRM"})
# the civil groups that news names by what they do in the street ("protesters", "strikers",
# "students"): they take the country of the story's place whatever they do; other civil
# groups ("people", "residents") only when they protest
PROTEST_GROUP_ROLES = frozenset({"OPP", "LAB", "EDU", "RAD"})
# ... and the police and the legislature ("Congress", "lawmakers"), who act where the story
# happens whatever they do
LOCATED_ROLES = PROTEST_GROUP_ROLES | {"COP", "LEG"}
# parts of a state that deal with its government as a party of their own
DOMESTIC_PARTY_ROLES = PROTEST_GROUP_ROLES | {"LEG", "JUD"}


# appeals, demands and cooperation go to someone else: "demanded the release of Russian
# citizens" is not Russia addressing Russians
OUTWARD_ROOTS = root_class("outward")


def own_people(p: Pattern, s: ResolvedActor, t: ResolvedActor) -> bool:
    """Is t the source's own country or people, for an act that goes to someone else?"""
    return p.code[:2] in OUTWARD_ROOTS and bool(s.country) and s.country == t.country and not opposing_parties(s, t)


def same_state(a: ResolvedActor, b: ResolvedActor) -> bool:
    """ "Israel recalled Israel's ambassadors": a country acting on itself, or on its own
    government, is a parse slip, not a domestic event (those name two different roles)."""
    if not a.country or a.country != b.country:
        return False
    role_a = a.role or a.actor.role
    role_b = b.role or b.actor.role
    if role_a in CIVIL_ROLES or role_b in CIVIL_ROLES:
        return False  # protesters and their parliament: a domestic event between two parties
    return not role_a or not role_b or role_a == role_b


def opposing_parties(a: ResolvedActor, b: ResolvedActor) -> bool:
    """Protesters, strikers, the opposition, the legislature or the courts dealing with another
    part of their own state ("demonstrators received ministers from the government",
    "Congress urged the president"): a domestic event."""
    role_a, role_b = a.role or a.actor.role, b.role or b.actor.role
    return role_a != role_b and bool(role_a) and bool(role_b) and (role_a in DOMESTIC_PARTY_ROLES
                                                                   or role_b in DOMESTIC_PARTY_ROLES)


def verb_sources(verb: Token, passive: bool, mentions: MentionIndex) -> Found:
    if passive:
        who = agent(verb)
        if who is None:
            # "a rocket was launched at the base from the Gaza Strip"
            found = [a for t in prep_objects(verb, "from") for a in actors_of_phrase(t, mentions, allow_locative=True)]
            # "four children were killed in Israeli tank shelling": the attack's owner did it
            found += [a for prep in ("in", "during") for t in prep_objects(verb, prep)
                      if t.lemma_.lower() in VIOLENCE_NOUNS for a in owner_actors(t, mentions)]
            return coded(found), 0.8
        # "attacked by a drone launched by militants": the agent's own agent
        found = actors_of_phrase(who, mentions)
        if not coded(found):
            for c in who.children:
                if c.dep_ == "acl":
                    inner = agent(c)
                    if inner is not None:
                        found = actors_of_phrase(inner, mentions)
        return found, 1.0
    subjects, inherited = subject_tokens(verb)
    actors = [a for s in subjects for a in actors_of_phrase(s, mentions)]
    return actors, INHERITED_SUBJECT if inherited else 1.0


class _Slot:
    """What a target slot reader sees: the verb, its pattern, its object and sources."""
    __slots__ = ("mentions", "obj", "p", "passive", "sources", "verb")

    def __init__(self, verb: Token, p: Pattern, obj: Optional[Token], passive: bool, mentions: MentionIndex,
                 sources: list[ResolvedActor]):
        self.verb, self.p, self.obj, self.passive, self.mentions, self.sources = verb, p, obj, passive, mentions, sources


def _dobj_slot(c: _Slot) -> list[ResolvedActor]:
    if c.p.object and not c.p.object_prep and c.p.min_count is None and not (
            c.obj is not None and NAMED_PLACE in c.p.object and names_place(c.obj)):
        # the constrained object is the event ("impose sanctions"), not its target; a counted
        # one ("killed hundreds of civilians") names the victims
        return []
    head = passive_subject(c.verb) if c.passive else (direct_object(c.verb) if c.p.object_prep else c.obj)
    if head is not None:
        return actors_of_phrase(head, c.mentions, direct=c.p.direct_target)
    return [] if c.passive else deed_doers(c.verb, c.mentions)


def _dative_slot(c: _Slot) -> list[ResolvedActor]:
    found: list[ResolvedActor] = []
    for d in c.verb.children:
        if d.dep_ in ("dative", "iobj"):
            found = actors_of_phrase(pobj_or_self(d), c.mentions)
    if c.passive and not found and c.p.object:
        # "Glas, who had been granted asylum by Mexico": the passive subject received it
        head = passive_subject(c.verb)
        if head is not None and head.lemma_.lower() not in c.p.object:
            found = actors_of_phrase(head, c.mentions)
    return found


def _obj_poss_slot(c: _Slot) -> list[ResolvedActor]:
    if c.obj is None:
        return []
    found = owner_actors(c.obj, c.mentions)
    for prep in OWNER_PREPS:  # "defied warnings from Washington", "parts of Kazakhstan"
        for t in prep_objects(c.obj, prep):
            found += actors_of_phrase(t, c.mentions)
    return found


def _purpose_object_slot(c: _Slot) -> list[ResolvedActor]:
    found: list[ResolvedActor] = []
    for clause in c.verb.children:
        if clause.dep_ in ("xcomp", "advcl") and clause.lemma_.lower() in PURPOSE_VERBS:
            o = direct_object(clause)
            if o is None:
                # "to help Ukraine rebuild its grid": the helped one is the clause's subject
                o = next((g for x in clause.children if x.dep_ in ("ccomp", "xcomp") for g in x.children
                          if g.dep_ == "nsubj"), None)
            if o is not None:
                found += actors_of_phrase(o, c.mentions)
    return found


def _clause_subject_slot(c: _Slot) -> list[ResolvedActor]:
    clauses = [x for x in c.verb.children if x.dep_ in ("ccomp", "xcomp")] \
        + noun_clauses(c.verb, modality_words().report_nouns)
    return [a for x in clauses for sub in x.children if sub.dep_ in ("nsubj", "nsubjpass")
            for a in actors_of_phrase(sub, c.mentions)]


def _condition_subject_slot(c: _Slot) -> list[ResolvedActor]:
    # "warned of a disaster if South Korean drones were detected": the one the condition is on
    found: list[ResolvedActor] = []
    for clause in [c.verb] + [x for x in c.verb.children if x.dep_ == "xcomp"]:
        for x in clause.children:
            if x.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in x.children):
                for sub in x.children:
                    if sub.dep_ in ("nsubj", "nsubjpass"):
                        found += actors_of_phrase(sub, c.mentions)
    return found


def _for_act_slot(c: _Slot) -> list[ResolvedActor]:
    # "claimed responsibility for the attack on Israel", "... for an attack targeting
    # travellers at a market in Niger's capital": where or on whom the act fell
    found: list[ResolvedActor] = []
    for act in prep_objects(c.verb, "for") + [t for o in ([c.obj] if c.obj is not None else [])
                                              for t in prep_objects(o, "for")]:
        for host in [act] + [x for x in act.children if x.dep_ in ("acl", "relcl")]:
            found += act_target(host, c.mentions)
    return found


def _own_country_slot(c: _Slot) -> list[ResolvedActor]:
    # "declared martial law": imposed on the source's own country
    found = [own_country(s, c.mentions) for s in c.sources if s.country]
    return [f for f in found if f is not None]


def _preposition_slot(c: _Slot, prep: str) -> list[ResolvedActor]:
    # the pattern names this preposition, so a place is a fair target ("travelled to Kyiv");
    # the object's relative clause and "of" phrase count too ("the jets it promised to Ukraine")
    hosts = [c.verb] + ([c.obj] + [r for r in c.obj.children if r.dep_ == "relcl"] + prep_objects(c.obj, "of")
                        if c.obj is not None else [])
    return [a for host in hosts for t in prep_objects(host, prep) for a in phrase_target(t, c.mentions)]


# the readers of the named slots (data/verbs/README.md); any other slot name is a preposition
SLOT_READERS = {"dobj": _dobj_slot, "dative": _dative_slot, "obj_poss": _obj_poss_slot,
                "purpose_object": _purpose_object_slot, "clause_subject": _clause_subject_slot,
                "condition_subject": _condition_subject_slot, "for_act": _for_act_slot,
                "own_country": _own_country_slot}


def placeable_target(a: ResolvedActor, doc: Doc) -> bool:
    """Can the place of an act of force give this target its country? Civilians, journalists
    and suspects, and people named with no nationality ("police arrested Juan Ortiz in Cali"),
    unless the places stage read the name as a place ("shelled houses in Khan Yunis")."""
    role = a.role or a.actor.role
    return role in CIVIL_ROLES or role in COERCED_ROLES or (a.actor.type == "person" and not role
                                                            and not names_place(doc[a.start]))


def verb_targets(verb: Token, p: Pattern, obj: Optional[Token], passive: bool, mentions: MentionIndex,
                 sources: list[ResolvedActor]) -> Found:
    """The targets of the first of the pattern's slots that names a coded actor other than
    the source itself; else the fallbacks (`_fallback_targets`)."""
    c = _Slot(verb, p, obj, passive, mentions, sources)
    civilians: list[ResolvedActor] = []
    for slot in p.target:
        reader = SLOT_READERS.get(slot)
        found = reader(c) if reader is not None else _preposition_slot(c, slot)
        civilians = civilians or [a for a in found if not a.code and placeable_target(a, verb.doc)]
        found = coded(found)
        if slot != "own_country":
            # a slot that names only the source itself has not found the target: try the next
            found = [t for t in found if not any(same_state(s, t) or s.actor is t.actor or own_people(p, s, t)
                                                 for s in sources)]
        if found:
            return found, 1.0
    return _fallback_targets(c) or (civilians, 1.0)


def _fallback_targets(c: _Slot) -> Optional[Found]:
    """Targets the named slots missed, with less confidence."""
    obj, p, mentions, sources = c.obj, c.p, c.mentions, c.sources
    # nothing in the named slots: the actor of a relative clause on the object
    # ("would not recognize the territories that Moscow was propping up")
    if obj is not None and not p.object and p.target and not p.direct_target:
        for rel in obj.children:
            if rel.dep_ == "relcl":
                for sub in rel.children:
                    if sub.dep_ == "nsubj" and sub.lower_ not in RELATIVE_PRONOUNS:
                        found = coded(actors_of_phrase(sub, mentions))
                        if found:
                            return found, FALLBACK_TARGET
    if obj is not None:
        # "demanded the release of Russian citizens detained by Azerbaijani police": the holder
        for held in prep_objects(obj, "of"):
            for x in held.children:
                if x.dep_ == "acl" and x.tag_ == "VBN" and agent(x) is not None:
                    found = [t for t in coded(actors_of_phrase(agent(x), mentions))
                             if not any(same_state(s, t) for s in sources)]
                    if found:
                        return found, FALLBACK_TARGET
    found = coded(addressee(c.verb, mentions))
    if found:
        return found, FALLBACK_TARGET
    # "police fired on the crowds": people of no stated country, whom the coder places where
    # the story happens (the caller's civilians)
    return None


def speakers(verb: Token, mentions: MentionIndex) -> list[ResolvedActor]:
    """The actors who say, warn or threaten: the subject of a verb of speaking."""
    return [a for s in subject_tokens(verb)[0] for a in actors_of_phrase(s, mentions)]


def deed_doers(verb: Token, mentions: MentionIndex) -> list[ResolvedActor]:
    """ "Spain and Norway recognised a Palestinian state, a move Israel condemned": what was
    condemned is the main clause's act, so its doers are the target."""
    noun = verb.head
    if verb.dep_ != "relcl" or noun.lemma_.lower() not in DEED_NOUNS or noun.dep_ not in ("dobj", "appos", "npadvmod", "attr"):
        return []
    host = noun.head
    if host.pos_ not in ("VERB", "AUX"):
        return []
    subjects, _ = subject_tokens(host)
    return [a for sub in subjects for a in actors_of_phrase(sub, mentions)]


def act_target(host: Token, mentions: MentionIndex, depth: int = 0) -> list[ResolvedActor]:
    """The actors an act's place or object phrase names, one place phrase deeper if need be
    ("at a mall in Kenya's capital")."""
    found: list[ResolvedActor] = []
    for prep in ACT_PREPS:
        for t in prep_objects(host, prep):
            found += phrase_target(t, mentions) or (act_target(t, mentions, depth + 1) if depth < 1 else [])
    return found


def phrase_target(tok: Token, mentions: MentionIndex) -> list[ResolvedActor]:
    """A prepositional target; "its border with Ukraine" names Ukraine."""
    if tok.lemma_.lower() in BORDER_NOUNS:
        other = [a for t in prep_objects(tok, "with") for a in actors_of_phrase(t, mentions, allow_locative=True)]
        if other:
            return other
    return actors_of_phrase(tok, mentions, allow_locative=True)


def own_country(source: ResolvedActor, mentions: MentionIndex) -> Optional[ResolvedActor]:
    from ..actors.phrases import country_actor_for

    actor = country_actor_for(mentions.doc, source.country)
    return ResolvedActor(actor, source.start, source.end, "CVL", 0.8) if actor is not None else None


def addressee(verb: Token, mentions: MentionIndex) -> list[ResolvedActor]:
    """For an event said to someone ("Xi told Tokayev that Beijing was ready to expand
    cooperation"), the one it was said to."""
    t = verb
    for _ in range(4):
        if t.dep_ not in ("ccomp", "xcomp", "conj", "acomp") or t.head.i == t.i:
            return []
        t = t.head
        if t.lemma_.lower() in ADDRESSING_VERBS:
            for c in t.children:
                if c.dep_ in ("dobj", "dative", "iobj"):
                    return actors_of_phrase(pobj_or_self(c), mentions, direct=True)
            return []
    return []


def noun_sources(noun: Token, p: Pattern, mentions: MentionIndex) -> Found:
    for slot in p.source:
        found: list[ResolvedActor] = []
        if slot == "poss":
            found = [a for c in noun.children if c.dep_ == "poss" for a in actors_of_phrase(c, mentions)]
        elif slot == "amod":
            for c in noun.children:
                if c.dep_ in QUALIFIER_DEPS:
                    m = mentions(c.i)
                    if m is not None and not m.locative:
                        found += actors_of_phrase(c, mentions)
        elif slot in ("by", "from", "of", "between", "among"):
            hosts = [noun]
            if slot in ("by", "from") and noun.dep_ == "dobj":
                hosts.append(noun.head)  # "deflected criticism from Moscow": the phrase hangs on the verb
            if slot in ("between", "among") and noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
                hosts.append(noun.head)  # "fighting erupted between Thailand and Cambodia"
            for host in hosts:
                for t in prep_objects(host, slot):
                    found += actors_of_phrase(t, mentions)
        elif slot == "subject":
            verb = noun_host_verb(noun)
            if verb is not None and not (p.received and verb.lemma_.lower() in RECEIVING_VERBS):
                subs, _ = subject_tokens(verb)
                if not subs and p.reciprocal and noun.dep_ == "pobj":
                    # "guards were wounded in a clash with troops": in a mutual act the
                    # passive subject is one of the sides (in "killed in an attack" it is not)
                    subs = [c for c in verb.children if c.dep_ == "nsubjpass"]
                found = coded([a for s in subs for a in actors_of_phrase(s, mentions)])
                if found:
                    return found, INHERITED_SUBJECT
        found = coded(found)
        if found:
            return found, 1.0
    return claimants(noun, mentions), 1.0


def claimants(noun: Token, mentions: MentionIndex) -> list[ResolvedActor]:
    """ "Hamas claimed responsibility for the rocket attack": whoever claims an act did it."""
    t = noun
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ != "pobj" or t.head.lower_ != "for":
        return []
    host = t.head.head
    if host.lemma_.lower() in CLAIM_NOUNS:
        host = host.head if host.dep_ == "dobj" else host
    elif not any(c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_NOUNS for c in host.children):
        return []
    if host.lemma_.lower() not in RESPONSIBILITY_VERBS:
        return []
    subjects, _ = subject_tokens(host)
    return coded([a for sub in subjects for a in actors_of_phrase(sub, mentions)])


def noun_targets(noun: Token, p: Pattern, mentions: MentionIndex) -> Found:
    for slot in p.target:
        found = coded([a for t in prep_objects(noun, slot) for a in phrase_target(t, mentions)])
        if found:
            return found, 1.0
    if p.received:
        verb = noun_host_verb(noun)
        if verb is not None and verb.lemma_.lower() in RECEIVING_VERBS and noun.dep_ == "dobj":
            subs, _ = subject_tokens(verb)
            found = coded([a for s in subs for a in actors_of_phrase(s, mentions)])
            if found:
                return found, 1.0
    return [], 1.0
