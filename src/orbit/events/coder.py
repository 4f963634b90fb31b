"""The event coder: trigger words in the parse, their source and target actors, their modality.

For each sentence, verbs and nouns whose lemma has patterns (orbit/data/verbs) are
tried; the most specific pattern that fits wins, and among patterns that fit equally
the first one that finds a target. Arguments come from `arguments`, modality from
`modality`, constructions that carry events without a trigger word from
`constructions`, and targets or dates left open from the document `context`.
Every coordinated source and target gives its own event.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from ..actors.entities import DocActor
from ..actors.phrases import MentionIndex, ResolvedActor, country_actor_for
from ..lexicon.confidence import CONFIDENCE
from ..lexicon.roots import root_class
from ..lexicon.words import words
from ..model import ActorRef, Event, Mention
from . import constructions
from .arguments import (
    CIVIL_ROLES,
    LOCATED_ROLES,
    OUTWARD_ROOTS,
    noun_sources,
    noun_targets,
    opposing_parties,
    placeable_target,
    speakers,
    verb_sources,
    verb_targets,
)
from .arguments import same_state as _same_state
from .cameo import CameoCodebook
from .context import (
    CONFLICT_ROOTS,
    date_attachments,
    dateline_country,
    event_date,
    event_place,
    non_political,
    place_attachments,
    place_target_roots,
    targets_from_context,
    targets_from_places,
)
from .modality import Modality, modality_of
from .patterns import Pattern, PatternSet
from .syntax import (
    count_of,
    direct_object,
    is_passive,
    object_antecedent,
    object_named,
    prep_object,
    prep_objects,
    real_object,
)

CONTRAST_WORDS = words("events.contrast_words")
NOT_YET_ADVERBS = words("events.not_yet_adverbs")  # `_not_yet`
NOT_YET_HEADS = words("events.not_yet_heads")

NO_TARGET = 0.8
# roots of events whose source may be an unidentified perpetrator ("a suicide bomber",
# "gunmen"): coded "---" + role, as CAMEO does
UNKNOWN_SOURCE_ROOTS = root_class("force")
# coercion and force, whose unnamed victims ("fired on the crowds", "arrested dozens of
# protesters") are people of the place where it happens
FORCE_ROOTS = root_class("coercion_force")
# parts of a state that coerce at home: with no place named, whom they arrest or charge is in
# their own country (an army may act abroad, so it is not among them)
HOME_ROLES = frozenset({"COP", "JUD", "GOV"})
PRIVATE_PERSON_ROLE = "CVL"
DEPORT = "174"  # those deported are foreigners: not located at the deporting state's home
# sought or tried, these are possible acts rather than intents to cooperate
NO_INTENT_ROOTS = root_class("no_intent")
# a protest with no named target is against the protesters' own government
PROTEST_ROOT = "14"


@dataclass
class _Candidate:
    pattern: Pattern
    trigger: Token
    obj: Optional[Token]  # the direct object the pattern's constraint matched


@dataclass(frozen=True)
class DocumentState:
    """What coding one document reads in every sentence, made once per document and passed
    down: the coder keeps no per-document state of its own, so one coder serves any number
    of documents, in any order or at once."""
    doc_id: str
    date_heads: dict  # token index -> the date attached to it (extract/dates via events/context)
    place_heads: dict  # token index -> the place attached to it
    home_country: Optional[str]  # the dateline's country: where the story happens


class EventCoder:
    def __init__(self, patterns: PatternSet, codebook: CameoCodebook, untargeted_roots: Iterable[str] = (),
                 min_confidence: float = 0.0):
        self.patterns = patterns
        self.codebook = codebook
        self.untargeted_roots = frozenset(untargeted_roots)
        self._untargeted_rules = frozenset(p.id for p in patterns.patterns if p.untargeted)
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        doc._.orbit_events = self.kept(self.code_all(doc))
        return doc

    def kept(self, events: list[Event]) -> list[Event]:
        """The events the pattern coder reports: those that found no target are kept only
        for roots where that is normal."""
        return [e for e in events if e.target is not None or e.root in self.untargeted_roots
                or e.rule.split("+")[0] in self._untargeted_rules]

    def code_all(self, doc: Doc) -> list[Event]:
        """Every event the patterns find, untargeted ones included (the trained coder
        reads them all as features)."""
        mentions = MentionIndex(doc)
        events: list[Event] = []
        state = DocumentState(doc._.orbit_doc_id or "", date_attachments(doc), place_attachments(doc),
                              dateline_country(doc))
        # the tokens whose lemma has a pattern, found on the lemma array (most tokens have none)
        strings = doc.vocab.strings
        wanted = self._lemma_hashes(strings)
        arr = doc.to_array(["LEMMA", "LOWER"]).tolist()
        candidates = {i for i, (lemma, lower) in enumerate(arr) if lemma in wanted or lower in wanted}
        for sent in doc.sents:
            events.extend(self.code_sentence(doc, sent, mentions, state, candidates))
        return targets_from_context(targets_from_places(events, doc))

    # ------------------------------------------------------------------ triggers
    def _lemma_hashes(self, strings) -> set[int]:
        if getattr(self, "_hashes", None) is None:
            words = set(self.patterns.by_verb) | set(self.patterns.by_noun)
            words |= {w.capitalize() for w in words}  # proper-noun lemmas keep their capital
            self._hashes = {strings.add(w) for w in words}
        return self._hashes

    def code_sentence(self, doc: Doc, sent: Span, mentions: MentionIndex, state: DocumentState,
                      candidates: Optional[set[int]] = None) -> list[Event]:
        produced: list[Event] = []
        # a noun a verb pattern took as its event ("imposed sanctions") is not coded again
        # as a noun event, unless the verb gave no event ("sanctions ... were tightened")
        consumed: set[int] = set()
        tokens = [doc[i] for i in range(sent.start, sent.end) if candidates is None or i in candidates]
        for tok in tokens:
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
                cands = self._match_verb(tok)
                if cands:
                    events = self._first_with_target(doc, sent, cands, mentions, state)
                    produced += events
                    if events and cands[0].obj is not None and cands[0].pattern.object:
                        consumed.add(cands[0].obj.i)
        for tok in tokens:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed:
                cand = self._match_noun(tok)
                if cand is not None:
                    produced += self._events_for(doc, sent, cand, mentions, state)
        whole = tokens if candidates is None else None  # all of the sentence's words, or let them be read again
        for prop in constructions.reported_obligations(sent, mentions, whole) + constructions.evaluations(sent, mentions, whole):
            produced += self._build(doc, sent, prop.pattern, prop.trigger, prop.sources, prop.targets, 1.0, 1.0,
                                    prop.modality, state, mentions)
        if any(ev.root in CONFLICT_ROOTS for ev in produced) and non_political(sent):
            # "Argentina beat France 4-2 on penalties": no use of force in a sports story
            produced = [ev for ev in produced if ev.root not in CONFLICT_ROOTS]
        return _one_event_per_dyad(ev for ev in produced if ev.confidence >= self.min_confidence)

    def _first_with_target(self, doc, sent, cands: list[_Candidate], mentions, state) -> list[Event]:
        """Patterns of equal specificity that differ in their target slots ("fired a missile
        at X" is an attack, "over X" a show of force): the first that finds a target wins,
        else the first that gives any event (a pattern that requires its target gives none)."""
        first: list[Event] = []
        for cand in cands:
            events = self._events_for(doc, sent, cand, mentions, state)
            if not first:
                first = events
            if any(e.target is not None for e in events):
                return events
        return first

    def _match_verb(self, tok: Token) -> list[_Candidate]:
        plist = self.patterns.by_verb.get(tok.lemma_.lower())
        if not plist:
            return []
        obj = real_object(direct_object(tok))
        obj_fit = object_fit(obj) if obj is not None else None
        out = []
        fits: list[int] = []
        for p in plist:
            if p.particle and not any(c.lower_ == p.particle and c.dep_ in ("prt", "advmod", "prep") for c in tok.children):
                continue
            if p.object:
                fit = 1
                if p.object_prep:
                    o = next((real_object(t) for t in prep_objects(tok, p.object_prep)
                              if real_object(t).lemma_.lower() in p.object), None)
                else:
                    fit = obj_fit(p.object) if obj_fit is not None else 0
                    o = obj if fit else None
                    if o is None and obj is not None and obj.pos_ == "PRON":
                        o = object_antecedent(obj, p.object)
                    if o is None and obj is None:
                        # "declined to comment": the object is a verb in a to-clause (one with
                        # patterns of its own is coded itself, as refused, intended, ...)
                        o = next((c for c in tok.children if c.dep_ == "xcomp" and c.lemma_.lower() in p.object
                                  and c.lemma_.lower() not in self.patterns.by_verb), None)
                    if o is None and obj is None:
                        # "halted shelling", "stopped fighting": the parser makes the object a
                        # gerund; its written form is the noun the pattern names
                        o = next((c for c in tok.children if c.dep_ == "xcomp" and c.tag_ == "VBG"
                                  and c.lower_ in p.object), None)
                    if o is None:
                        # "found Park guilty", "Park was found guilty": the word the pattern names
                        # is the complement of a small clause; "not guilty" is no verdict against
                        o = next((c for c in tok.children if c.dep_ in ("ccomp", "oprd", "acomp") and c.pos_ == "ADJ"
                                  and c.lemma_.lower() in p.object and not any(g.dep_ == "neg" for g in c.children)),
                                 None)
                if o is None:
                    continue
                if p.min_count is not None and (obj is None or (count_of(direct_object(tok)) or 0) < p.min_count):
                    continue
                out.append(_Candidate(p, tok, o))
                fits.append(fit or 1)
                continue
            if p.not_object and obj is not None and obj.lemma_.lower() in p.not_object:
                continue
            out.append(_Candidate(p, tok, obj))
            fits.append(0)
        # "tear gas" fits "teargas" better than the "gas" of chemical weapons
        best = max(fits, default=0)
        return [c for c, f in zip(out, fits) if f == 0 or f == best]

    def _match_noun(self, tok: Token) -> Optional[_Candidate]:
        plist = self.patterns.by_noun.get(tok.lemma_.lower()) or self.patterns.by_noun.get(tok.lower_)
        if not plist:
            return None
        if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.i > tok.i:
            return None  # "riot police", "attack helicopters": a modifier, not an event
        of_obj = prep_object(tok, "of")
        for p in plist:
            if p.object and not (of_obj is not None and object_named(of_obj, p.object)):
                continue
            if p.not_prep and any(c.dep_ == "prep" and c.lower_ in p.not_prep for c in tok.children):
                continue  # "a call for a truce" is an appeal, not a phone call
            return _Candidate(p, tok, of_obj)
        return None

    # ------------------------------------------------------------------ events
    def _events_for(self, doc: Doc, sent: Span, cand: _Candidate, mentions: MentionIndex,
                    state: DocumentState) -> list[Event]:
        p, trig = cand.pattern, cand.trigger
        if p.kind == "noun":
            sources, src_conf = noun_sources(trig, p, mentions)
            targets, tgt_conf = noun_targets(trig, p, mentions)
        else:
            passive = is_passive(trig)
            sources, src_conf = verb_sources(trig, passive, mentions)
            targets, tgt_conf = verb_targets(trig, p, cand.obj, passive, mentions, sources)
            if p.inverse:
                # "Kenya will receive aid from Japan": Japan gives, Kenya receives
                sources, targets = targets, sources
        if not any(s.code for s in sources):
            sources = [self._located(s, trig, p.code, state) for s in sources]
        if not any(t.code for t in targets):
            targets = [self._located(t, trig, p.code, state, target=True, sources=sources) for t in targets]
        if len(sources) > 1 and _each_other(trig):
            # "Thailand and Cambodia accused each other": one event each way
            p, targets = replace(p, reciprocal=True), []
        if not any(s.code for s in sources) and p.code[:2] in UNKNOWN_SOURCE_ROOTS:
            sources = [_unidentified(s) for s in sources if s.actor.role]
            if sources and p.code[:2] == "19":
                # force by an unidentified attacker ("a suicide bomber") is unconventional violence
                p = replace(p, code="180")
        if not sources:
            return []
        if p.state_code and all(_is_state(s) for s in sources):
            p = replace(p, code=p.state_code)  # a government "protests" by note, not in the street
        modality = modality_of(trig, is_noun=p.kind == "noun")
        if p.negated_code is not None:
            # "would not comment", "did not comment": the refusal is the event; a comment made is none
            # ("would not" is a refusal; a question, a condition or a denial is none)
            doubted = modality.conditional or (modality.hypothetical and modality.modal != "would")
            if not modality.negated or doubted or modality.label in ("denied", "alleged") or _not_yet(trig):
                return []
            p = replace(p, code=p.negated_code)
            modality = Modality()
        events = self._build(doc, sent, p, trig, sources, targets, src_conf, tgt_conf, modality, state, mentions)
        if modality.reporter is not None and events and (events[0].asserted or events[0].modality == "alleged"):
            reported = [s for s in sources if s.code]
            for prop in constructions.reported_force(modality.reporter, reported, targets, events[0].root, mentions) \
                    + constructions.claimed_force(modality.reporter, reported, targets, events[0].root, mentions):
                events += self._build(doc, sent, prop.pattern, prop.trigger, prop.sources, prop.targets, 1.0, 1.0,
                                      prop.modality, state, mentions)
        return events

    def _located(self, r: ResolvedActor, trig: Token, code: str, state: DocumentState, target: bool = False,
                 sources: list[ResolvedActor] = ()) -> ResolvedActor:
        """People of no stated country ("protesters", "students", "police", "thousands of
        people marched") act where the story happens: the place of the event, else the
        dateline's country ("protesters stormed the parliament" under a NAIROBI dateline are
        Kenyan); as targets of coercion and force, civilians too ("police fired on the crowds"),
        and with no place named, the home of the police, courts or government that act on
        them ("Egyptian police detained dozens of protesters"); a person named with no
        nationality, arrested or attacked, likewise ("police arrested Juan Ortiz in Cali").
        events/triage.py keeps the sentences this can apply to: change both together."""
        role = r.role or r.actor.role
        if target and code[:2] not in FORCE_ROOTS:
            return r  # "warned residents to take shelter" is no threat to them
        if r.code or r.actor.type not in ("group", "person") or not (
                role in LOCATED_ROLES or (role in CIVIL_ROLES and (target or code[:2] == PROTEST_ROOT))
                or (target and placeable_target(r, trig.doc))):
            return r
        where = event_place(trig, state.place_heads)
        country = where.country if where is not None and where.country else state.home_country
        if not country and target and not code.startswith(DEPORT):
            country = next((s.country for s in sources if s.country and (s.role or s.actor.role) in HOME_ROLES), None)
        if not country:
            return r
        a = r.actor
        # a person of no stated role is a civilian, not the state itself
        role = a.role or (PRIVATE_PERSON_ROLE if a.type == "person" else None)
        actor = DocActor(a.id, a.type, a.name, country=country, role=role, known=False, plural=a.plural)
        return ResolvedActor(actor, r.start, r.end, r.role, r.confidence * CONFIDENCE.inferred_actor)

    def _build(self, doc: Doc, sent: Span, p: Pattern, trig: Token, sources: list[ResolvedActor],
               targets: list[ResolvedActor], src_conf: float, tgt_conf: float, modality: Modality, state: DocumentState,
               mentions: MentionIndex) -> list[Event]:
        code, rule, negated, hypothetical, label = self._code_for_modality(p, sources, modality, mentions)
        targets = [t for t in targets if t.code]
        where = event_place(trig, state.place_heads)
        pairs: list[tuple[ResolvedActor, Optional[ResolvedActor]]] = []
        domestic = "own_country" in p.target  # "declared martial law": on its own country by design
        if targets:
            pairs = [(s, t) for s in sources for t in targets if (s.actor is not t.actor or domestic) and s.code != t.code
                     and (domestic or not _same_state(s, t))
                     and not (code[:2] in OUTWARD_ROOTS and s.country == t.country and not opposing_parties(s, t))]
        elif p.reciprocal and len(sources) > 1:
            pairs = [(s, t) for s in sources for t in sources if s.actor is not t.actor and not _same_state(s, t)]
        elif code[:2] == PROTEST_ROOT and not p.reciprocal and all(s.country for s in sources) \
                and all(s.actor.role in CIVIL_ROLES for s in sources):
            pairs = [(s, _government_of(doc, s)) for s in sources]
        elif not p.target_required or self._place_may_target(code, where):
            # kept for now: the document context or the place may supply the target
            # (context.targets_from_context, context.targets_from_places)
            pairs = [(s, None) for s in sources]
            tgt_conf *= NO_TARGET
        info = self.codebook.get(code)
        when = event_date(trig, state.date_heads)
        out = []
        for s, t in pairs:
            if s.code is None:
                continue
            conf = round(p.confidence * src_conf * tgt_conf * s.confidence * (t.confidence if t else 1.0), 3)
            # the evidence span stays in the sentence; an antecedent elsewhere keeps its own span
            spans = [sp for sp in [(trig.idx, trig.idx + len(trig.text)), _char_span(doc, s)]
                     + ([_char_span(doc, t)] if t else [])
                     if sent.start_char <= sp[0] and sp[1] <= sent.start_char + len(sent.text.rstrip())]
            sentence = sent.text.rstrip()
            out.append(Event(
                doc_id=state.doc_id, sentence=sentence, sentence_span=(sent.start_char, sent.start_char + len(sentence)),
                span=(min(a for a, _ in spans), max(b for _, b in spans)),
                trigger=Mention(trig.text, (trig.idx, trig.idx + len(trig.text))),
                source=_actor_ref(doc, s), target=_actor_ref(doc, t) if t else None,
                cameo=code, root=info.root, quad_class=info.quad_class, goldstein=info.goldstein,
                plover=self.codebook.plover(code), rule=rule, confidence=conf,
                negated=negated, hypothetical=hypothetical, modality=label,
                date=when, place=where))
        return out

    @staticmethod
    def _place_may_target(code: str, where) -> bool:
        return where is not None and bool(where.country) and code[:2] in place_target_roots()

    def _code_for_modality(self, p: Pattern, sources: list[ResolvedActor], modality: Modality,
                           mentions: MentionIndex) -> tuple[str, str, bool, bool, str]:
        """The code and flags an event gets from its modality (CAMEO's conventions):
        force announced by the one who would use it is a threat (13x); refusing an act is a
        rejection (12x); pledged or announced cooperation is an intent (03x)."""
        code, rule = p.code, p.id
        negated, hypothetical, label = modality.negated, modality.hypothetical, modality.label
        conflict = code[:2] in CONFLICT_ROOTS
        # "Moscow warned it would retaliate" is a threat; "Washington warned that a Russian
        # invasion could begin" is a prediction about someone else
        warned_by_source = modality.threat and _spoken_by_source(modality.governor, sources, mentions)
        threat = conflict and not negated and (
            warned_by_source or (hypothetical and (modality.conditional or modality.modal in ("would", "will"))
                                 and _said_by_source(modality, sources, mentions)))
        if threat:
            return self.codebook.intent_code(code) or "130", rule + "+threat", False, False, "threat"
        if modality.threat:
            return code, rule, negated, True, "hypothetical"
        if modality.aspiration and not (negated or hypothetical):
            # "seeking to deepen a partnership" is an intent to cooperate; "trying to seize" is not a threat
            if conflict or code[:2] in NO_INTENT_ROOTS:
                return code, rule, False, True, "hypothetical"
            intent = self.codebook.intent_code(code)
            if intent and intent != code[:len(intent)]:
                code, rule = intent, rule + "+intent"
            return code, rule, False, False, "intended"
        if modality.refused and not hypothetical:
            return self.codebook.refusal_code(code), rule + "+refused", False, False, "refused"
        if modality.intent and _spoken_by_other(modality.intender, sources, mentions):
            # "Lula offered Brazil's help in mediating talks between Moscow and Kyiv": the
            # offer is Brazil's; the talks between the other two are only a possibility
            return code, rule, negated, True, "hypothetical"
        if (modality.intent or modality.future) and not (negated or hypothetical):
            # a prediction of force by someone else is only a possibility
            if conflict and modality.future and not modality.intent and not _said_by_source(modality, sources, mentions):
                return code, rule, False, True, "hypothetical"
            intent = self.codebook.intent_code(code)
            if intent and intent != code[:len(intent)]:
                code, rule = intent, rule + ("+threat" if conflict else "+intent")
            return code, rule, False, False, "intended"
        return code, rule, negated, hypothetical, label



STATE_ROLES = {None, "GOV", "MIL", "SPY", "LEG", "JUD", "COP"}


# object nouns that say little without their modifier: "chemical weapons", "nuclear arms"
GENERIC_OBJECTS = words("events.generic_objects")


def object_fit(obj: Token):
    """How well an object fits a pattern's object words: 3 for its compound written whole
    ("tear gas" as "teargas" or "tear gas"), 2 for its own lemma, 1 for the modifier of a
    generic noun ("chemical weapons"), 0 for no fit."""
    lemma = obj.lemma_.lower()
    mods = [c for c in obj.children if c.dep_ in ("compound", "amod") and c.i < obj.i]
    compound = [c.lemma_.lower() for c in mods if c.dep_ == "compound"]
    whole = {"".join(compound) + lemma, " ".join(compound + [lemma])} if compound else set()
    modifiers = {c.lemma_.lower() for c in mods} | {c.lower_ for c in mods}

    def fit(words) -> int:
        if not whole.isdisjoint(words):
            return 3
        if object_named(obj, words):
            return 2
        if lemma in GENERIC_OBJECTS and not modifiers.isdisjoint(words):
            return 1
        return 0
    return fit


def _is_state(r: ResolvedActor) -> bool:
    return r.actor.type == "country" or (r.actor.type in ("person", "group") and (r.role or r.actor.role) in STATE_ROLES
                                         and r.country is not None)


def _each_other(verb: Token) -> bool:
    """Is the verb's object, or a prepositional object, "each other" or "one another"?"""
    for c in verb.children:
        objs = [c] if c.dep_ in ("dobj", "dative") else [g for g in c.children if g.dep_ == "pobj"] \
            if c.dep_ == "prep" else []
        for o in objs:
            words = {w.lower_ for w in o.children}
            before = {w.lower_ for w in o.doc[max(o.i - 4, 0):o.i]}
            if before & CONTRAST_WORDS:
                continue  # "with Turkey rather than with each other"
            if (o.lower_ == "other" and "each" in words) or (o.lower_ == "another" and "one" in words):
                return True
            if o.lower_ == "other" and "the" in words and _each_subject(verb):
                return True  # "each side accused the other"
    return False


def _each_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(g.lower_ == "each" for g in c.children) for c in verb.children)


def _government_of(doc: Doc, r: ResolvedActor) -> ResolvedActor:
    """The government of a located group's country, as the target of its protest; it spans
    the group's own words, the only evidence for it."""
    country = country_actor_for(doc, r.country)
    return ResolvedActor(country, r.start, r.end, "GOV", r.confidence * CONFIDENCE.inferred_actor)


def _unidentified(r: ResolvedActor) -> ResolvedActor:
    """ "A suicide bomber", "gunmen": an actor with a role but no known country."""
    a = r.actor
    actor = DocActor(a.id, a.type, a.name, country=None, role=a.role, code="---" + (a.role or "UAF"),
                     known=False, plural=a.plural)
    return ResolvedActor(actor, r.start, r.end, None, r.confidence * CONFIDENCE.inferred_actor)


def _said_by_source(modality: Modality, sources: list[ResolvedActor], mentions: MentionIndex) -> bool:
    """Is the reporting verb's subject the event's own source ("Moscow said it would respond")?"""
    return _spoken_by_source(modality.reporter, sources, mentions)


def _speaker_countries(verb: Optional[Token], mentions: MentionIndex) -> set[str]:
    return set() if verb is None else {a.country for a in speakers(verb, mentions) if a.country}


def _spoken_by_source(verb: Optional[Token], sources: list[ResolvedActor], mentions: MentionIndex) -> bool:
    """Is the subject of this verb of speaking (said, warned, threatened) the event's own source?"""
    countries = _speaker_countries(verb, mentions)
    return any(s.country in countries for s in sources)


def _spoken_by_other(verb: Optional[Token], sources: list[ResolvedActor], mentions: MentionIndex) -> bool:
    """Is the subject of this verb a country, and none of the event's sources?"""
    countries = _speaker_countries(verb, mentions)
    return bool(countries) and not any(s.country in countries for s in sources)


def _char_span(doc: Doc, r: ResolvedActor) -> tuple[int, int]:
    span = doc[r.start:r.end]
    return span.start_char, span.end_char


def _side_key(a: Optional[ActorRef]):
    return None if a is None else (a.country or a.code)


def _specificity(ev: Event) -> tuple:
    """Codes that say more win: a person with an office (RUSGOV) over the bare country."""
    return (len(ev.source.code or "") if ev.source else 0) + (len(ev.target.code or "") if ev.target else 0), ev.confidence


def _one_event_per_dyad(events: Iterable[Event]) -> list[Event]:
    """One trigger gives one event per country dyad and code: "Chinese State Councilor and
    Foreign Minister Wang Yi met ... Lavrov in Moscow, Russia" is one CHN-RUS meeting, not
    four. The most specific reading is kept, in the order of first appearance."""
    best: dict[tuple, Event] = {}
    for ev in events:
        key = (ev.trigger.span, ev.cameo, _side_key(ev.source), _side_key(ev.target))
        if key not in best or _specificity(ev) > _specificity(best[key]):
            best[key] = ev
    return list(best.values())


def _actor_ref(doc: Doc, r: ResolvedActor) -> ActorRef:
    span = doc[r.start:r.end]
    role = r.role or r.actor.role
    return ActorRef(text=span.text, span=(span.start_char, span.end_char), name=r.actor.name, code=r.code,
                    country=r.actor.country, role=role, actor_id=r.actor.id)


def _not_yet(trig: Token) -> bool:
    """A negation that says only "not so far": "has not (yet) commented", "did not immediately
    comment", "was not available to comment" report no answer, not a refusal (the corpus codes
    these as negated traps, "declined" and "would not" as 011)."""
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in trig.children)
    adverb = any(c.dep_ == "advmod" and c.lower_ in NOT_YET_ADVERBS for c in trig.children)
    return perfect or adverb or trig.head.lower_ in NOT_YET_HEADS
