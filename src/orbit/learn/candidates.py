"""Candidate dyads: every way a sentence could pair the actors the actors stage found.

A *party* is one side an event can have at country level: a country (with all the
mentions in the sentence that belong to it: "Russia", "Moscow", "Mr. Lavrov", "Russian
troops"), or an actor with no country (the UN, "gunmen"), kept apart by actor. A
*candidate* is an ordered pair of parties of one sentence, or a party with no target.
The trained coder scores each candidate; the trainer labels each from the gold.

People and groups of no stated country ("the government", "police", "protesters",
"Congress", a person the dictionaries do not know) belong to the country where the story
happens: a place named in their sentence, else the dateline's, else the country the
document names most. Such parties are marked `located` so the model can weigh that;
unidentified attackers ("gunmen", role UAF) keep no country, as CAMEO codes them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span, Token

from collections import Counter

from ..actors.entities import ActorMention
from ..events.context import dateline_country

# a sentence with more parties than this is a list (results tables, long rosters): only
# its first parties are paired, which bounds the work per sentence
MAX_PARTIES = 8
MAX_PATH = 6  # dependency steps from a mention up to the meeting word, beyond which the pair is "far"
CONTENT_POS = {"VERB", "NOUN", "ADJ", "PROPN"}


def up(tok: Token) -> list[Token]:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) <= MAX_PATH + 8:
        chain.append(chain[-1].head)
    return chain


def meet(a: Token, b: Token) -> tuple[Optional[Token], list[Token], list[Token]]:
    """The lowest common ancestor of two tokens and the paths up to it (both exclusive)."""
    up_a, up_b = up(a), up(b)
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in index_b:
            return t, up_a[:n], up_b[:index_b[t.i]]
    return None, up_a, up_b


def best_pair(doc: Doc, source: Party, target: Optional[Party]) -> tuple:
    s_heads = [doc[mention_head(doc, m)] for m in source.mentions]
    if target is None:
        # the mention nearest the sentence's root is the likeliest actor
        best = min(s_heads, key=lambda t: len(up(t)), default=None)
        return best, None
    t_heads = [doc[mention_head(doc, m)] for m in target.mentions]
    best, score = (None, None), None
    for a in s_heads:
        for b in t_heads:
            if a.i == b.i:
                continue
            lca, pa, pb = meet(a, b)
            d = len(pa) + len(pb) + (0 if lca is not None else 50)
            if score is None or d < score:
                best, score = (a, b), d
    return best


# roles of actors the text leaves unidentified: no country is guessed for them
UNIDENTIFIED_ROLES = frozenset({"UAF"})


@dataclass
class Party:
    key: str  # ISO3 country, or "actor:<id>" for an actor with no country
    country: Optional[str]
    mentions: list[ActorMention] = field(default_factory=list)
    located: bool = False  # the country comes from the story's place, not the words

    @property
    def kinds(self) -> set[str]:
        return {m.kind for m in self.mentions}


@dataclass
class Candidate:
    sent: Span
    source: Party
    target: Optional[Party]
    # the nearest source and target mention heads (in the parse), where features and events look
    pair: tuple[Optional[Token], Optional[Token]] = (None, None)

    @property
    def key(self) -> tuple:
        return (self.sent.start, self.source.key, self.target.key if self.target else None)


def mention_head(doc: Doc, m: ActorMention) -> int:
    if m.head is not None:
        return m.head
    return doc[m.start:m.end].root.i


def sentence_parties(doc: Doc, sent: Span, mentions: list[ActorMention], home: Optional[str]) -> list[Party]:
    """The parties named in one sentence, in order of first mention."""
    parties: dict[str, Party] = {}
    for m in mentions:
        actors = m.extra.get("members") or [m.actor]
        for actor in actors:
            country, located = actor.country, False
            role = m.extra.get("role") or actor.role
            if country is None and home and actor.type in ("group", "person") and role not in UNIDENTIFIED_ROLES:
                country, located = home, True
            if country is None and actor.actor_code() is None and not role:
                continue  # no country, no code, no role: nothing an event could name it by
            key = country or f"actor:{actor.id}"
            party = parties.get(key)
            if party is None:
                party = parties[key] = Party(key, country, located=located)
            elif not located:
                party.located = False
            party.mentions.append(m)
    return list(parties.values())[:MAX_PARTIES]


def story_countries(doc: Doc) -> tuple[Optional[str], dict[int, str]]:
    """The story's country (the dateline's, else the one named most) and, by sentence
    start, the country of the first place named in that sentence."""
    home = dateline_country(doc)
    if home is None:
        named = Counter(m.actor.country for m in doc._.orbit_mentions or [] if m.actor.country)
        home = named.most_common(1)[0][0] if named else None
    by_sent: dict[int, str] = {}
    for place in doc._.orbit_places or []:
        if place.country:
            span = doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
            if span is not None:
                by_sent.setdefault(span.sent.start, place.country)
    return home, by_sent


def candidates(doc: Doc, sent: Span, parties: list[Party]) -> list[Candidate]:
    """Every ordered pair of distinct parties, each party alone (no target), and a party
    with itself where two different actors of one country meet (police and protesters)."""
    out = []
    for s in parties:
        out.append(Candidate(sent, s, None))
        for t in parties:
            if t is not s:
                out.append(Candidate(sent, s, t))
        if s.country and len({m.actor.id for m in s.mentions}) > 1:
            out.append(Candidate(sent, s, s))
    for cand in out:
        cand.pair = best_pair(doc, cand.source, cand.target)
    return out


def doc_candidates(doc: Doc) -> list[Candidate]:
    by_sent: dict[int, list[ActorMention]] = {}
    starts = {s.start: s for s in doc.sents}
    sent_of = [0] * len(doc)
    for s in starts.values():
        for i in range(s.start, s.end):
            sent_of[i] = s.start
    for m in sorted(doc._.orbit_mentions or [], key=lambda m: m.start):
        by_sent.setdefault(sent_of[m.start], []).append(m)
    home, placed = story_countries(doc)
    out = []
    for start, ms in by_sent.items():
        sent = starts[start]
        out += candidates(doc, sent, sentence_parties(doc, sent, ms, placed.get(start, home)))
    return out
