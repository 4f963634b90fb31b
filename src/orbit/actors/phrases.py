"""From a noun phrase in the parse to the actor(s) it names.

Used by the event coder (sources and targets) and by quote attribution (speakers).
A phrase names:
  - the actor of a mention at its head ("Mr. Blinken", "the Kremlin", "he");
  - several actors when coordinated ("Kazakhstan, Kyrgyzstan and Uzbekistan");
  - a role group completed by its modifiers ("officials from Kazakhstan, Kyrgyzstan ...",
    one group per country);
  - the country that owns or modifies a non-actor noun ("Russian pressure", "Russia's
    war"), at lower confidence.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Token

from ..lexicon.words import QUALIFIER_DEPS, RELATIVE_PRONOUNS, words
from .entities import ActorMention, DocActor

GROUP_ORIGIN_PREPS = words("actors.group_origin_preps")
MODIFIER_DEPS = {"poss", "amod", "compound", "nmod", "npadvmod"}
# confidence multipliers for weaker ways of finding an actor
VIA_MODIFIER = 0.8
VIA_OWNER = 0.75


@dataclass(frozen=True, slots=True)
class ResolvedActor:
    actor: DocActor
    start: int  # token span of the words that name it
    end: int
    role: Optional[str]  # role override (capital -> GOV, Pentagon -> MIL)
    confidence: float = 1.0

    @property
    def country(self) -> Optional[str]:
        return self.actor.country

    @property
    def code(self) -> Optional[str]:
        if self.role and self.actor.type == "country" and self.actor.country:
            return (self.actor.code or self.actor.country) + self.role
        return self.actor.actor_code()


class MentionIndex:
    """Token index -> the mention covering it (the innermost, most specific one)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.at: list[Optional[ActorMention]] = [None] * len(doc)
        # the innermost mention wins: "Kazakh" inside "the Kazakh president" is the country
        for m in sorted(doc._.orbit_mentions or [], key=lambda m: -(m.end - m.start)):
            for i in range(m.start, m.end):
                self.at[i] = m

    def __call__(self, i: int) -> Optional[ActorMention]:
        return self.at[i]


def _resolved(m: ActorMention, confidence: float = 1.0) -> ResolvedActor:
    return ResolvedActor(m.actor, m.start, m.end, m.extra.get("role"), confidence)


def _coordinated(tok: Token) -> list[Token]:
    """The token and the words coordinated or listed with it."""
    out = [tok]
    seen = {tok.i}
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in ("conj", "appos") and c.i not in seen and c.pos_ in ("PROPN", "NOUN", "PRON"):
                seen.add(c.i)
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def actors_of_phrase(tok: Token, mentions: MentionIndex, allow_locative: bool = False,
                     depth: int = 0, direct: bool = False) -> list[ResolvedActor]:
    """All actors a phrase headed by `tok` names (coordination included). `direct`: only
    actors named outright, not the owner or modifier of a thing."""
    found: list[ResolvedActor] = []
    for t in _coordinated(tok):
        found += _actors_of_head(t, mentions, allow_locative, 1 if direct else depth, direct)
    # one entry per distinct actor code, in text order
    seen, out = set(), []
    for r in found:
        key = (r.code, r.actor.id if r.code is None else None)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


# "Russian-led", "Iran-backed", "U.S.-brokered": the country qualifies a relation, it does not own the thing
RELATION_PARTICIPLES = words("actors.relation_participles")


# ... except the author of a text: "vetoed an Algerian-drafted resolution" is aimed at Algeria
AUTHOR_PARTICIPLES = words("actors.author_participles")
TEXT_NOUNS = words("actors.text_nouns")


def _relation_modifier(tok: Token) -> bool:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.text in ("-", "–") and nxt.i + 1 < len(tok.doc):
        return tok.doc[nxt.i + 1].lower_ in RELATION_PARTICIPLES
    return tok.dep_ == "npadvmod" and tok.head.lower_ in RELATION_PARTICIPLES


def _actors_of_head(tok: Token, mentions: MentionIndex, allow_locative: bool, depth: int,
                    direct: bool = False) -> list[ResolvedActor]:
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "Lukashenko, whom he accused": the antecedent
    m = mentions(tok.i)
    if m is not None and (allow_locative or not m.locative):
        actor = m.actor
        members = m.extra.get("members")
        if members:  # "the two countries", "both sides": a set resolved by coreference
            return [ResolvedActor(a, m.start, m.end, None, 0.9) for a in members]
        if actor.type == "group" and m.kind == "role":
            # a role noun whose countries come from coordinated modifiers or complements:
            # "officials from Kazakhstan, Kyrgyzstan and Uzbekistan" is three groups,
            # "U.S. and Russian officials" two
            countries = _origin_countries(tok, mentions) or _modifier_countries(tok, mentions)
            if len(countries) > 1 or (countries and actor.country is None):
                return [ResolvedActor(_group_for(mentions.doc, c.actor, actor), m.start, m.end, None, 1.0)
                        for c in countries]
        return [_resolved(m)]
    if direct or tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
        return []
    # a non-actor noun: the country or person that owns or modifies it
    for c in tok.children:
        if c.dep_ in MODIFIER_DEPS and not _relation_modifier(c):
            cm = mentions(c.i)
            if cm is not None and not cm.locative:
                return [_resolved(cm, VIA_MODIFIER)]
    if depth < 1:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        inner = actors_of_phrase(pobj, mentions, allow_locative, depth + 1)
                        if inner:
                            return [ResolvedActor(r.actor, r.start, r.end, r.role, r.confidence * VIA_OWNER)
                                    for r in inner]
    return []


def _origin_countries(tok: Token, mentions: MentionIndex) -> list[ActorMention]:
    out = []
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in GROUP_ORIGIN_PREPS:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    for t in _coordinated(pobj):
                        m = mentions(t.i)
                        if m is not None and m.actor.type == "country":
                            out.append(m)
    return out


def _modifier_countries(tok: Token, mentions: MentionIndex) -> list[ActorMention]:
    out, seen = [], set()
    for c in tok.children:
        if c.dep_ in QUALIFIER_DEPS:
            for t in [c] + [g for g in c.subtree if g.dep_ == "conj"]:
                m = mentions(t.i)
                if m is not None and m.actor.type == "country" and m.actor.id not in seen:
                    seen.add(m.actor.id)
                    out.append(m)
    return out


def _group_for(doc: Doc, country: DocActor, role_group: DocActor) -> DocActor:
    """The (country, role) group actor, shared across the document: the actors stage's own
    if it made one, else one the events stage infers ("Russian troops" read as RUSMIL)."""
    for a in _known_actors(doc):
        if a.type == "group" and a.country == country.country and a.role == role_group.role:
            return a
    actor = DocActor(f"group:{country.country}:{role_group.role}:", "group", f"{country.name} ({role_group.role})",
                     country=country.country, role=role_group.role,
                     code=(country.code or country.country) + (role_group.role or ""), known=True, plural=True)
    _inferred_actors(doc).append(actor)
    return actor


def owner_actors(tok: Token, mentions: MentionIndex) -> list[ResolvedActor]:
    """Actors that own or modify a noun ("Russia's war" -> Russia), for `obj_poss` targets."""
    out = []
    for c in tok.children:
        if c.dep_ not in MODIFIER_DEPS:
            continue
        owners = [] if _relation_modifier(c) else [c]
        if c.lower_ in AUTHOR_PARTICIPLES and tok.lemma_.lower() in TEXT_NOUNS:
            owners += [a for a in c.children if a.dep_ in MODIFIER_DEPS]  # "Algerian-drafted": hung on "drafted"
        for o in owners:
            cm = mentions(o.i)
            if cm is not None and not cm.locative:
                out.append(_resolved(cm, VIA_OWNER))
    return out


def country_actor_for(doc: Doc, iso3: Optional[str]) -> Optional[DocActor]:
    """The document's actor for a country, inferred if the text named it only through people."""
    if not iso3:
        return None
    for a in _known_actors(doc):
        if a.type == "country" and a.country == iso3:
            return a
    actor = DocActor(f"country:{iso3}", "country", iso3, country=iso3, code=iso3, known=True)
    _inferred_actors(doc).append(actor)
    return actor


def _inferred_actors(doc: Doc) -> list[DocActor]:
    """Actors the events stage infers (doc._.orbit_inferred_actors): the actors stage's list
    is final when that stage ends, and inferred actors are carried on the events that use them."""
    if doc._.orbit_inferred_actors is None:
        doc._.orbit_inferred_actors = []
    return doc._.orbit_inferred_actors


def _known_actors(doc: Doc) -> list[DocActor]:
    return [*(doc._.orbit_actors or ()), *(doc._.orbit_inferred_actors or ())]
