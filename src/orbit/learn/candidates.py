"""Candidate dyads: every way a sentence could pair the actors the actors stage found.

A *party* is one side an event can have at country level: a country (with all the
mentions in the sentence that belong to it: "Russia", "Moscow", "Mr. Lavrov", "Russian
troops"), or an actor with no country (the UN, "gunmen"), kept apart by actor. A
*candidate* is an ordered pair of parties of one sentence, or a party with no target, or
the one state of a sentence with a state of the sentence before (`carried_targets`).
The trained coder scores each candidate; the trainer labels each from the gold.

People and groups of no stated country ("the government", "police", "protesters",
"Congress", a person the dictionaries do not know) belong to the country where the story
happens: a place named in their sentence, else the dateline's, else the country the
document names most. Such parties are marked `located` so the model can weigh that;
unidentified attackers ("gunmen", role UAF) keep no country, as CAMEO codes them.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS
from spacy.parts_of_speech import NOUN, VERB
from spacy.tokens import Doc, Span, Token

from ..actors.entities import ActorMention, DocActor
from ..events.context import dateline_country
from ..lexicon.words import ARGUMENT_DEPS, words

# a sentence with more parties than this is a list (results tables, long rosters): only
# its first parties are paired, which bounds the work per sentence
MAX_PARTIES = 8
MAX_PATH = 6  # dependency steps from a mention up to the meeting word, beyond which the pair is "far"
CONTENT_POS = {"VERB", "NOUN", "ADJ", "PROPN"}


_CHAINS = "orbit.chains"  # Doc.user_data key of the memo of `up` while `chains_kept` holds


def up(tok: Token) -> list[Token]:
    """The word and its governors up to the root (at most MAX_PATH + 9 words); not to be
    changed by the caller: within `chains_kept` the same list is handed out again."""
    memo = tok.doc.user_data.get(_CHAINS)
    if memo is not None and tok.i in memo:
        return memo[tok.i]
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) <= MAX_PATH + 8:
        chain.append(chain[-1].head)
    if memo is not None:
        memo[tok.i] = chain
    return chain


@contextmanager
def chains_kept(doc: Doc):
    """Remember each word's chain of governors while a document's candidates are paired and
    described: every pair of mentions and every feature walks up the same few chains (a
    hundred thousand walks on 300 articles, a few thousand chains)."""
    doc.user_data[_CHAINS] = {}
    try:
        yield
    finally:
        doc.user_data.pop(_CHAINS, None)


def meet(a: Token, b: Token) -> tuple[Token | None, list[Token], list[Token]]:
    """The lowest common ancestor of two tokens and the paths up to it (both exclusive)."""
    up_a, up_b = up(a), up(b)
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in index_b:
            return t, up_a[:n], up_b[:index_b[t.i]]
    return None, up_a, up_b


def best_pair(doc: Doc, source: Party, target: Party | None) -> tuple:
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
            d = len(pa) + len(pb) + (50 if lca is None else _meeting_cost(lca, a, b))
            if score is None or d < score:
                best, score = (a, b), d
    return best


def _meeting_cost(lca: Token, a: Token, b: Token) -> int:
    """Mentions that meet at a verb are how a sentence says who did what to whom; mentions
    that meet inside a noun phrase ("Russia's main network", "between Russia, Iran and
    Turkey") say nothing of the act, so such a pair is taken only when no other is."""
    if lca.i in (a.i, b.i):
        return 4
    return 0 if lca.pos_ in ("VERB", "AUX") else 2


def act_word(c: Candidate) -> Token:
    """The word that carries a candidate's act: where its two mentions' paths meet (above
    the phrase when one mention sits inside the other's), else the verb that governs its
    source, else the sentence's root. Features look there; events name it as trigger."""
    a, b = c.pair
    if a is None:
        return governing_word(b.head) if b is not None else c.sent.root
    if c.target is None or b is None:
        return governing_word(a.head)
    lca, _, _ = meet(a, b)
    if lca is None:
        return c.sent.root
    if lca.i in (a.i, b.i):
        return governing_word(lca.head)
    return lca


def governing_word(tok: Token) -> Token:
    """The nearest verb above a word (the word itself if it is one), else the sentence root:
    where a mention's act is said."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


# roles of actors the text leaves unidentified: no country is guessed for them
UNIDENTIFIED_ROLES = frozenset({"UAF"})


@dataclass
class Party:
    key: str  # ISO3 country, or "actor:<id>" for an actor with no country
    country: str | None
    mentions: list[ActorMention] = field(default_factory=list)
    located: bool = False  # the country comes from the story's place, not the words
    carried: bool = False  # named only in an earlier sentence (`carried_targets`)

    @property
    def kinds(self) -> set[str]:
        return {m.kind for m in self.mentions}


@dataclass
class Candidate:
    sent: Span
    source: Party
    target: Party | None
    # the nearest source and target mention heads (in the parse), where features and events look
    pair: tuple[Token | None, Token | None] = (None, None)

    @property
    def key(self) -> tuple:
        """Its sentence (by first character) and parties, as learn/coder.py's event_pair gives an event's."""
        return (self.sent.start_char, self.source.key, self.target.key if self.target else None)


def mention_head(doc: Doc, m: ActorMention) -> int:
    if m.head is not None:
        return m.head
    return doc[m.start:m.end].root.i


def sentence_parties(doc: Doc, sent: Span, mentions: list[ActorMention], home: str | None) -> list[Party]:
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


def story_countries(doc: Doc) -> tuple[str | None, dict[int, str]]:
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
    """Every ordered pair of distinct parties, each party alone (no target), and each party
    of a country with itself: two actors of one country (police and protesters), or one
    acting at home, a domestic act CODING.md codes X->X. (The self pair for a lone actor
    made 1.4% of the gold events reachable; on the corpus's dev split, fitted on train
    alone, mean F1 of the combined coder over real news, written and dev items 0.642 / 0.643
    -> 0.658 / 0.649 for two seeds, 2026-12-07.)"""
    out = []
    for s in parties:
        if s.kinds == {"place"}:
            continue  # a place is acted on, it does not act
        out.append(Candidate(sent, s, None))
        for t in parties:
            if t is not s:
                out.append(Candidate(sent, s, t))
        if s.country:
            out.append(Candidate(sent, s, s))
    for cand in out:
        cand.pair = best_pair(doc, cand.source, cand.target)
        if cand.target is cand.source and cand.pair == (None, None):
            # one actor, acted on by its own state with no agent named ("Park was sentenced",
            # "police arrested him" with the police unnamed): the source is implicit; else one
            # actor acting at home ("President X ordered an investigation"): read above it
            patient = _patient(doc, cand.source)
            cand.pair = (None, patient) if patient is not None else (best_pair(doc, cand.source, None)[0], None)
    return out


PATIENT_DEPS = frozenset({"nsubjpass", "dobj"})


def _patient(doc: Doc, party: Party) -> Token | None:
    """The head of the party's mention that something is done to (a passive subject or a
    direct object), if it has one."""
    for m in party.mentions:
        head = doc[mention_head(doc, m)]
        if head.dep_ in PATIENT_DEPS:
            return head
    return None


PLACE_KINDS = frozenset({"city", "region", "landmark"})


def place_mentions(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """The places the text names (towns, regions, bases) that no actor mention covers, each
    standing for the country that holds it: an attack on, seizure or shelling of a place is
    aimed at that country (CODING.md), while a place where something merely happened is not
    an actor. Such a party can only be a target; the model learns which places are."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for place in doc._.orbit_places or []:
        if not place.country or place.kind not in PLACE_KINDS:
            continue
        span = doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
        if span is None or not len(span) or any(t.i in taken for t in span):
            continue
        actor = DocActor(f"place:{place.name.lower()}", "place", place.name, country=place.country)
        out.append(ActorMention(span.start, span.end, actor, "place", locative=True, head=span.root.i))
    return out


# the determiners that make a noun refer back to an act said before ("condemned the drills"),
# and how many sentences back its antecedent may be
ANAPHOR_DETERMINERS = words("learn.anaphor_determiners")
ANAPHOR_WINDOW = 3


def act_anaphors(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """Nouns that take up an act told in an earlier sentence ("North Korea tested a missile
    ... Seoul condemned the test"), each as a mention of that act's doers: the act's other
    side, which the sentence itself does not name. The antecedent is the nearest earlier
    word of the same lemma (noun or verb) within ANAPHOR_WINDOW sentences; its doers are
    the actors of its subject (a verb's, or the verb's that takes the noun as object), its
    possessor, its modifiers ("Russian strikes") and its "by" phrase. (With the self pairs,
    on the corpus's dev split: mean F1 of the combined coder 0.658 / 0.649 -> 0.656 / 0.654
    for two seeds, against 0.642 / 0.643 with neither; 4.9% of the gold events had their
    target only in an earlier sentence.)"""
    # the words are read from the Doc's arrays: a Token object for each word of the sentences
    # before each definite noun cost most of the time of this function (250 ms on 94,000 words)
    if not len(doc):
        return []
    arr = doc.to_array([POS, DEP, LEMMA, LOWER, HEAD]).astype(np.int64)
    strings = doc.vocab.strings
    # the words a determiner of the list points to ("the", "these" ... as their dependency head)
    dets = np.isin(arr[:, 3], [strings.add(w) for w in ANAPHOR_DETERMINERS]) & (arr[:, 1] == strings.add("det"))
    determined = np.zeros(len(doc), dtype=bool)
    determined[(np.flatnonzero(dets) + arr[dets, 4])] = True
    argument = [strings.add(d) for d in ARGUMENT_DEPS]
    nouns = np.flatnonzero((arr[:, 0] == NOUN) & np.isin(arr[:, 1], argument) & determined).tolist()
    if not nouns:
        return []
    pos, lemmas = arr[:, 0].tolist(), arr[:, 2].tolist()
    taken = {i for m in mentions for i in range(m.start, m.end)}
    starts = [s.start for s in doc.sents]
    by_token: dict[int, list[ActorMention]] = {}
    for m in mentions:
        if not m.locative:
            for i in range(m.start, m.end):
                by_token.setdefault(i, []).append(m)
    out = []
    for i in nouns:
        if i in taken:
            continue
        n = bisect_right(starts, i) - 1  # the noun's sentence
        here, first = starts[n], starts[max(0, n - ANAPHOR_WINDOW)]
        at = next((j for j in range(here - 1, first - 1, -1) if lemmas[j] == lemmas[i] and pos[j] in (NOUN, VERB)),
                  None)
        if at is None:
            continue
        doers = _doers(doc[at], by_token)
        if doers:
            actor = doers[0]
            out.append(ActorMention(i, i + 1, actor, "anaphor", head=i,
                                    extra={"members": doers} if len(doers) > 1 else {}))
    return out


def _doers(act: Token, by_token: dict[int, list[ActorMention]]) -> list:
    """The actors an act word names as its doers: a verb's subject; a noun's possessor,
    modifiers ("Russian strikes") and "by" phrase, else the subject of the verb that takes it
    as object ("began joint drills")."""
    if act.pos_ == "VERB":
        return _actors_under([c for c in act.children if c.dep_ == "nsubj"], by_token)
    heads = [c for c in act.children if c.dep_ in ("poss", "compound", "amod")]
    heads += [g for c in act.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    actors = _actors_under(heads, by_token)
    if not actors and act.dep_ == "dobj":
        actors = _actors_under([c for c in act.head.children if c.dep_ == "nsubj"], by_token)
    return actors


def _actors_under(heads: list[Token], by_token: dict[int, list[ActorMention]]) -> list:
    actors = []
    for h in heads:
        for i in range(h.left_edge.i, h.right_edge.i + 1):
            for m in by_token.get(i, []):
                for a in m.extra.get("members") or [m.actor]:
                    if a.country and all(a.country != b.country for b in actors):
                        actors.append(a)
    return actors


def doc_candidates(doc: Doc) -> list[Candidate]:
    by_sent: dict[int, list[ActorMention]] = {}
    starts = {s.start: s for s in doc.sents}
    sent_of = [0] * len(doc)
    for s in starts.values():
        for i in range(s.start, s.end):
            sent_of[i] = s.start
    mentions = list(doc._.orbit_mentions or [])
    extra = place_mentions(doc, mentions) + act_anaphors(doc, mentions)
    for m in sorted(mentions + extra, key=lambda m: m.start):
        by_sent.setdefault(sent_of[m.start], []).append(m)
    home, placed = story_countries(doc)
    out = []
    before: tuple[int, list[Party]] | None = None  # the last sentence with actor mentions: its index, its parties
    order = {start: n for n, start in enumerate(sorted(starts))}
    for start in sorted(by_sent):
        sent = starts[start]
        parties = sentence_parties(doc, sent, by_sent[start], placed.get(start, home))
        out += candidates(doc, sent, parties)
        if before is not None and order[start] - before[0] <= CARRY_WINDOW:
            out += carried_targets(doc, sent, parties, before[1])
        before = order[start], parties
    return out


CARRY_WINDOW = 2  # sentences back to the one whose parties a lone actor may be acting on
MAX_CARRIED = 3


def carried_targets(doc: Doc, sent: Span, parties: list[Party], earlier: list[Party]) -> list[Candidate]:
    """A sentence with one state in it often acts on the state of the sentence before:
    "Burundi closed its border with Rwanda, accusing it of backing rebels. Kigali denied the
    charge." Its lone country party is paired with each country party of the last earlier
    sentence that named actors (at most CARRY_WINDOW sentences back, its first MAX_CARRIED;
    a sentence whose actors make no party, "the spokesman", carries none),
    the target marked `carried`; with no mention of it in the sentence, the pair is read at
    the source's word. (On the written dev split 246 of the 316 required events no candidate
    could reach had their target only in an earlier sentence.)"""
    states = [p for p in parties if p.country and p.kinds != {"place"}]
    if len(states) != 1:
        return []
    source = states[0]
    out = []
    for t in [p for p in earlier if p.country and p.country != source.country][:MAX_CARRIED]:
        c = Candidate(sent, source, Party(t.key, t.country, list(t.mentions), t.located, carried=True))
        c.pair = (best_pair(doc, source, None)[0], None)
        out.append(c)
    return out
