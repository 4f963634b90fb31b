"""Finding an event's source and target actors from its trigger and pattern.

Verbs take their subject as source (or the agent of a passive); targets come from the
slots the pattern names, tried in order (see data/verbs/README.md). Nouns take their
source from possessives, nationality adjectives, "by"/"from" phrases or the subject of
the verb they hang on. Only actors with a code count as found; a slot that names only
unknown actors lets the next slot try.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ..lexicon.roots import root_class
from ..actors.phrases import MentionIndex, ResolvedActor, actors_of_phrase, owner_actors
from .modality import modality_words
from .patterns import Pattern
from .syntax import (RELATIVE_PRONOUNS, agent, direct_object, noun_clauses, noun_host_verb, passive_subject,
                     pobj_or_self, prep_objects, subject_tokens)

# verbs whose object is an event that happened to their subject ("deflected criticism from Moscow")
RECEIVING_VERBS = {"face", "receive", "deflect", "draw", "suffer", "endure", "weather", "reject", "dismiss", "shrug",
                   "ignore", "rebuff", "brush", "get", "attract", "absorb", "withstand", "survive", "repel", "repulse"}
# "aid to help Ukraine restore its grid": the purpose clause names the beneficiary
PURPOSE_VERBS = {"help", "support", "assist", "aid", "rebuild", "back", "bolster", "strengthen", "defend", "protect",
                 "reconstruct", "equip", "arm", "train", "stabilize", "stabilise"}
# "Xi told Tokayev that Beijing was ready to expand cooperation": said to someone
ADDRESSING_VERBS = {"tell", "assure", "inform", "promise", "reassure", "notify", "remind", "brief", "convince", "persuade"}
# acts of force that kill or wound ("killed in an Israeli air strike")
VIOLENCE_NOUNS = {"shelling", "strike", "airstrike", "attack", "bombing", "raid", "fire", "bombardment", "assault",
                  "shooting", "offensive", "crossfire", "barrage", "ambush", "drone", "missile", "rocket"}
# where an act falls: "the attack on Israel", "an attack at a mall in Kenya's capital"
ACT_PREPS = ("on", "against", "in", "inside", "at")
# "claimed responsibility for the attack": the claimant did it
CLAIM_VERBS = {"claim", "take", "accept", "admit", "assume"}
CLAIM_NOUNS = {"responsibility", "credit"}
# "..., a move Israel condemned": nouns that stand for the act of the clause they follow
DEED_NOUNS = {"move", "step", "decision", "act", "action", "gesture", "measure", "development", "deal", "announcement"}
# "troops on its border with Ukraine": the border names the other country
BORDER_NOUNS = {"border", "frontier", "boundary", "borders"}
# confidence multipliers
INHERITED_SUBJECT = 0.9
FALLBACK_TARGET = 0.7

Found = tuple[list[ResolvedActor], float]


def coded(actors: list[ResolvedActor]) -> list[ResolvedActor]:
    return [a for a in actors if a.code]


# people outside the state: opposition, civilians, labour, students, refugees, clergy, ...
CIVIL_ROLES = frozenset({"OPP", "CVL", "LAB", "EDU", "AGR", "REF", "HLH", "ENV", "HRI", "REL", "MOD", "RAD"})
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


def verb_targets(verb: Token, p: Pattern, obj: Optional[Token], passive: bool, mentions: MentionIndex,
                 sources: list[ResolvedActor]) -> Found:
    civilians: list[ResolvedActor] = []
    for slot in p.target:
        found: list[ResolvedActor] = []
        if slot == "dobj":
            if p.object and not p.object_prep:
                continue  # the constrained object is the event ("impose sanctions"), not its target
            head = passive_subject(verb) if passive else (direct_object(verb) if p.object_prep else obj)
            if head is not None:
                found = actors_of_phrase(head, mentions, direct=p.direct_target)
            elif not passive:
                found = deed_doers(verb, mentions)
        elif slot == "dative":
            for c in verb.children:
                if c.dep_ in ("dative", "iobj"):
                    found = actors_of_phrase(pobj_or_self(c), mentions)
            if passive and not found and p.object:
                # "Glas, who had been granted asylum by Mexico": the passive subject received it
                head = passive_subject(verb)
                if head is not None and head.lemma_.lower() not in p.object:
                    found = actors_of_phrase(head, mentions)
        elif slot == "obj_poss":
            if obj is not None:
                found = owner_actors(obj, mentions)
                for prep in ("from", "by", "of"):  # "defied warnings from Washington", "parts of Kazakhstan"
                    for t in prep_objects(obj, prep):
                        found += actors_of_phrase(t, mentions)
        elif slot == "purpose_object":
            for c in verb.children:
                if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in PURPOSE_VERBS:
                    o = direct_object(c)
                    if o is None:
                        # "to help Ukraine rebuild its grid": the helped one is the clause's subject
                        o = next((g for x in c.children if x.dep_ in ("ccomp", "xcomp") for g in x.children
                                  if g.dep_ == "nsubj"), None)
                    if o is not None:
                        found += actors_of_phrase(o, mentions)
        elif slot == "clause_subject":
            clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")] \
                + noun_clauses(verb, modality_words().report_nouns)
            for c in clauses:
                for sub in c.children:
                    if sub.dep_ in ("nsubj", "nsubjpass"):
                        found += actors_of_phrase(sub, mentions)
        elif slot == "condition_subject":
            # "warned of a disaster if South Korean drones were detected": the one the condition is on
            for clause in [verb] + [c for c in verb.children if c.dep_ == "xcomp"]:
                for c in clause.children:
                    if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
                        for sub in c.children:
                            if sub.dep_ in ("nsubj", "nsubjpass"):
                                found += actors_of_phrase(sub, mentions)
        elif slot == "for_act":
            # "claimed responsibility for the attack on Israel", "... for an attack targeting
            # travellers at a market in Niger's capital": where or on whom the act fell
            for act in prep_objects(verb, "for") + [t for o in ([obj] if obj is not None else [])
                                                    for t in prep_objects(o, "for")]:
                for host in [act] + [c for c in act.children if c.dep_ in ("acl", "relcl")]:
                    found += act_target(host, mentions)
        elif slot == "own_country":
            # "declared martial law": imposed on the source's own country
            found = [own_country(s, mentions) for s in sources if s.country]
            found = [f for f in found if f is not None]
        else:
            # the pattern names this preposition, so a place is a fair target ("travelled to Kyiv");
            # the object's relative clause and "of" phrase count too ("the jets it promised to Ukraine")
            hosts = [verb] + ([obj] + [r for r in obj.children if r.dep_ == "relcl"] + prep_objects(obj, "of")
                              if obj is not None else [])
            for host in hosts:
                for t in prep_objects(host, slot):
                    found += phrase_target(t, mentions)
        civilians = civilians or [a for a in found if not a.code and (a.role or a.actor.role) in CIVIL_ROLES]
        found = coded(found)
        if slot != "own_country":
            # a slot that names only the source itself has not found the target: try the next
            found = [t for t in found if not any(same_state(s, t) or s.actor is t.actor or own_people(p, s, t)
                                                 for s in sources)]
        if found:
            return found, 1.0
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
            for c in held.children:
                if c.dep_ == "acl" and c.tag_ == "VBN" and agent(c) is not None:
                    found = [t for t in coded(actors_of_phrase(agent(c), mentions))
                             if not any(same_state(s, t) for s in sources)]
                    if found:
                        return found, FALLBACK_TARGET
    found = coded(addressee(verb, mentions))
    if found:
        return found, FALLBACK_TARGET
    # "police fired on the crowds": people of no stated country, whom the coder places where
    # the story happens
    return civilians, 1.0


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
                if c.dep_ in ("amod", "compound", "nmod"):
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
    if host.lemma_.lower() not in CLAIM_VERBS:
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
