"""Document context for events: targets named in nearby sentences, dates, sport stories.

  - Cooperation or a threat that names no target usually concerns the partner the same
    source just dealt with ("Mr. Tokayev speaks with Mr. Zelensky ... and recently
    pledged humanitarian aid");
  - a threat with no target answers whoever just acted against the speaker ("sanctions
    on Chinese officials ... Beijing vowed retaliation");
  - a denial, rejection or criticism with no target answers whoever just accused the
    speaker ("India accused Pakistan ..., a charge Islamabad denied"), or else targets
    the author of the act just reported ("Kishida called the launch reckless");
  - an event is dated by the date expression attached to its clause, and placed by a
    place phrase attached to its trigger (data/events/event_places.json); force with no
    named target is aimed at the country where it happens;
  - in a sport story "beat" and "crushed" are not uses of force.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..lexicon.roots import root_class
from ..model import ActorRef, Event, Place
from ..resources import read_list, read_text

CONTEXT_TARGET_ROOTS = root_class("context_target")
RESPONSE_ROOTS = root_class("response")
ACCUSING_ROOTS = root_class("accusing")
THREAT_ROOT = "13"
CONTEXT_TARGET = 0.75
PLACE_TARGET = 0.8  # a place is weaker evidence of the target than a named actor
CONTEXT_SENTENCES = 2  # the event's sentence and the one before it
CONFLICT_ROOTS = root_class("conflict")
SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")
# two sport words, or one and a score, mark a sentence as sport (chosen on the dev items, tests/data/dev_items)
MIN_SPORT_WORDS = 2


def _donor_target(ev: Event, window: list[Event]):
    if ev.root == THREAT_ROOT:
        # "Beijing vowed to respond": a threat answers whoever just acted against the speaker
        attackers = [p for p in window if p.target.country and p.target.country == ev.source.country
                     and p.source.country != ev.source.country and p.quad_class >= 3]
        return attackers[-1].source if attackers else None
    if ev.root in CONTEXT_TARGET_ROOTS:
        # only from an event of the same temper: aid is not for the one just sanctioned
        cooperative = ev.quad_class <= 2
        same = [p for p in window if (p.source.actor_id == ev.source.actor_id
                                      or (p.source.country and p.source.country == ev.source.country))
                and (p.quad_class <= 2) == cooperative]
        if same:
            return same[-1].target
    if ev.root in RESPONSE_ROOTS:
        accusers = [p for p in window if p.target.country and p.target.country == ev.source.country
                    and p.source.country != ev.source.country and p.root in ACCUSING_ROOTS]
        if accusers:
            return accusers[-1].source
        if ev.root == "11":
            authors = [p for p in window if p.source.country and p.source.country != ev.source.country]
            if authors:
                return authors[-1].source
    return None


def place_target_roots() -> frozenset[str]:
    return _place_rules()["target_roots"]


def targets_from_places(events: list[Event], doc: Doc) -> list[Event]:
    """Force with no named target is aimed at the country where it happens ("exercises in
    Alaska", "tank shelling in Gaza"), unless that is the source's own country; a place the
    act falls on ("rebels shelled the town of X", "government forces shelled Idlib") is aimed
    at its country even when that is the source's own: a domestic conflict, coded X -> X as
    the corpus's annotators code it."""
    from ..actors.phrases import country_actor_for

    roots = place_target_roots()
    acted_on = acted_on_places(doc) if any(ev.target is None and ev.root in roots for ev in events) else {}
    out = []
    for ev in events:
        if ev.target is None and ev.source is not None and ev.root in roots:
            # force falls on the place it acts on ("shelled the town of X"), else where it happens
            hit = acted_on.get(_trigger_index(doc, ev))
            place = hit or ev.place
            if place is not None and place.country:
                own = place.country == ev.source.country
                if not own or hit is not None:
                    ev = _aimed_at_place(replace(ev, place=place), place, country_actor_for(doc, place.country))
        out.append(ev)
    return out


def _trigger_index(doc: Doc, ev: Event) -> Optional[int]:
    span = doc.char_span(ev.trigger.span[0], ev.trigger.span[1], alignment_mode="expand")
    return span.root.i if span is not None and len(span) else None


def _aimed_at_place(ev: Event, place: Place, actor) -> Event:
    target = ActorRef(text=place.text, span=place.span, name=actor.name, code=place.country,
                      country=place.country, actor_id=actor.id)
    spans = [ev.span] + ([place.span] if ev.sentence_span[0] <= place.span[0] < ev.sentence_span[1] else [])
    return replace(ev, target=target, rule=ev.rule + "+place_target", confidence=round(ev.confidence * PLACE_TARGET, 3),
                   span=(min(a for a, _ in spans), max(b for _, b in spans)))


def targets_from_context(events: list[Event]) -> list[Event]:
    sentence_starts = sorted({e.sentence_span[0] for e in events})
    rank = {start: i for i, start in enumerate(sentence_starts)}
    out = []
    for ev in events:
        if ev.target is None and ev.source is not None and (ev.root in CONTEXT_TARGET_ROOTS | RESPONSE_ROOTS
                                                             or ev.root == THREAT_ROOT):
            here = rank[ev.sentence_span[0]]
            window = [p for p in out if p.target is not None and p.target.code and p.source
                      and here - CONTEXT_SENTENCES < rank[p.sentence_span[0]] <= here
                      and p.trigger.span[0] < ev.trigger.span[0] and not p.negated]
            donor = _donor_target(ev, window)
            if donor is not None and donor.country != ev.source.country:
                spans = [ev.span, donor.span] if donor.span[0] >= ev.sentence_span[0] else [ev.span]
                ev = replace(ev, target=donor, rule=ev.rule + "+context_target",
                             confidence=round(ev.confidence * CONTEXT_TARGET, 3),
                             span=(min(a for a, _ in spans), max(b for _, b in spans)))
        out.append(ev)
    return out


def date_attachments(doc: Doc) -> dict[int, str]:
    """Token index of the word each date expression modifies -> the date ("met ... on Tuesday")."""
    heads: dict[int, str] = {}
    for ref in doc._.orbit_dates or []:
        span = doc.char_span(ref.span[0], ref.span[1], alignment_mode="expand")
        if span is None:
            continue
        h = span.root.head
        while h.pos_ == "ADP" and h.head.i != h.i:
            h = h.head
        heads.setdefault(h.i, ref.date)
    return heads


def event_date(trigger: Token, heads: dict[int, str]) -> Optional[str]:
    """The date attached to the trigger or to a clause above it in the same sentence."""
    t = trigger
    for _ in range(6):
        if t.i in heads:
            return heads[t.i]
        if t.head.i == t.i:
            break
        t = t.head
    return None


@lru_cache(maxsize=1)
def _place_rules() -> dict:
    import json

    rules = json.loads(read_text("events/event_places.json"))
    return {k: frozenset(v) for k, v in rules.items() if not k.startswith("_")}


def place_attachments(doc: Doc) -> dict[int, Place]:
    """Token index of the word each place phrase hangs on -> the place ("talks in Geneva")."""
    rules = _place_rules()
    heads: dict[int, Place] = {}
    for place, root in _place_roots(doc):
        prep = root.head
        if root.dep_ != "pobj" or prep.i == root.i:
            continue
        word, head = prep.lower_, prep.head
        if word in rules["locative"] or (word in rules["destination"]
                                         and head.lemma_.lower() in rules["destination_heads"]):
            heads.setdefault(head.i, place)
    return heads


def _place_roots(doc: Doc):
    """Each place with the token its phrase hangs from ("Kharkiv region", "Bishkek,
    Kyrgyzstan", "in Kazakhstan and Uzbekistan", "the capital, Kyiv" climb to the head name)."""
    for place in doc._.orbit_places or []:
        span = doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        while root.head.i != root.i and (root.dep_ == "appos" or (root.dep_ in ("compound", "conj")
                                                                  and root.head.pos_ == "PROPN")):
            root = root.head
        yield place, root


def acted_on_places(doc: Doc) -> dict[int, Place]:
    """Verb token index -> the place it acts on: its direct object or passive subject
    ("shelled Kharkiv", "Bakhmut was seized"), or the "of" place of a place noun there
    ("attacked the city of El Fasher"). An attack on a place is aimed at the country that
    holds it (CODING.md); a place where something merely happened is not."""
    nouns = _place_rules()["acted_on_nouns"]
    out: dict[int, Place] = {}
    for place, root in _place_roots(doc):
        if place.kind == "country":
            continue  # a country is an actor ("attacked Ukraine"), not a place acted on
        slot = root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in nouns:
            slot = root.head.head
        if slot.dep_ in ("dobj", "nsubjpass") and slot.head.pos_ == "VERB":
            out.setdefault(slot.head.i, place)
    return out


def dateline_country(doc: Doc) -> Optional[str]:
    """The country of the place in the dateline ("NAIROBI (Reuters) -"), if there is one."""
    end = doc._.orbit_dateline_end or 0
    for place in doc._.orbit_places or []:
        if place.span[1] <= end and place.country:
            return place.country
    return None


def event_place(trigger: Token, heads: dict[int, Place]) -> Optional[Place]:
    """The place attached to the trigger or to the words it hangs from inside its clause;
    else one inside the trigger's own prepositional phrases, where the parser often hangs
    it ("met with officials from Uzbekistan in Astana": 'in' on 'from')."""
    rules = _place_rules()
    t = trigger
    for _ in range(4):
        if t.i in heads:
            return heads[t.i]
        if t.head.i == t.i or t.dep_ not in rules["climb_deps"]:
            break
        t = t.head
    frontier = [c for c in trigger.children if c.dep_ in rules["phrase_deps"]]
    for _ in range(6):
        for tok in frontier:
            if tok.i in heads:
                return heads[tok.i]
        frontier = [c for tok in frontier for c in tok.children if c.dep_ in rules["phrase_deps"]]
        if not frontier:
            break
    return None


@lru_cache(maxsize=1)
def _sport_words() -> frozenset[str]:
    return frozenset(read_list("events/non_political.txt"))


def non_political(sent: Span) -> bool:
    words = _sport_words()
    hits = sum(1 for t in sent if t.lower_ in words)
    return hits >= MIN_SPORT_WORDS or (hits >= 1 and bool(SCORE.search(sent.text)))
