"""The event coder: trigger words in the parse, their source and target actors, their modality.

For each sentence, verbs and nouns whose lemma has patterns (orbit/data/verbs) are
tried; the most specific pattern that fits wins. The source is the verb's subject,
found through coordination, infinitive control, participle clauses and relative
clauses (or the agent of a passive); targets come from the slots the pattern names.
Every coordinated source and target gives its own event. Modality decides whether the
event is asserted, negated, hypothetical, intended (03x code) or refused (12x code).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from ..actors.phrases import MentionIndex, ResolvedActor, actors_of_phrase, owner_actors
from ..model import ActorRef, Event, Mention
from ..resources import read_list
from .cameo import CameoCodebook
from .modality import Modality, modality_of, modality_words, obligation
from .patterns import Pattern, PatternSet

# verbs whose infinitive complement has the verb's object as its subject ("urged Russia to withdraw")
OBJECT_CONTROL = {"urge", "ask", "tell", "force", "push", "press", "pressure", "order", "allow", "permit", "help",
                  "encourage", "invite", "persuade", "convince", "call", "warn", "expect", "want", "need", "get",
                  "compel", "oblige", "require", "advise", "instruct", "authorize", "enable", "lead"}
# verbs whose object is an event that happened to their subject ("deflected criticism from Moscow")
RECEIVING_VERBS = {"face", "receive", "deflect", "draw", "suffer", "endure", "weather", "reject", "dismiss", "shrug",
                   "ignore", "rebuff", "brush", "get", "attract", "absorb", "withstand", "survive", "repel", "repulse"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# confidence multipliers
INHERITED_SUBJECT = 0.9
FALLBACK_TARGET = 0.7
NO_TARGET = 0.8
# how many sentences back a pronoun object ("imposed them") may look for its noun
OBJECT_ANTECEDENT_WINDOW = 2


@dataclass
class _Candidate:
    pattern: Pattern
    trigger: Token
    obj: Optional[Token]  # the direct object the pattern's constraint matched


class EventCoder:
    def __init__(self, patterns: PatternSet, codebook: CameoCodebook, untargeted_roots: Iterable[str] = (),
                 min_confidence: float = 0.0):
        self.patterns = patterns
        self.codebook = codebook
        self.untargeted_roots = frozenset(untargeted_roots)
        self.min_confidence = min_confidence
        self._date_heads: dict[int, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        mentions = MentionIndex(doc)
        events: list[Event] = []
        doc_id = doc._.orbit_doc_id or ""
        self._date_heads = date_attachments(doc)
        for sent in doc.sents:
            events.extend(self.code_sentence(doc, sent, mentions, doc_id))
        events = targets_from_context(events)
        # events that found no target are kept only for roots where that is normal
        doc._.orbit_events = [e for e in events if e.target is not None or e.root in self.untargeted_roots]
        return doc

    # ------------------------------------------------------------------ triggers
    def code_sentence(self, doc: Doc, sent: Span, mentions: MentionIndex, doc_id: str) -> list[Event]:
        out: list[Event] = []
        consumed: set[int] = set()
        seen: set[tuple] = set()
        candidates: list[_Candidate] = []
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
                cand = self._match_verb(tok)
                if cand is not None:
                    candidates.append(cand)
                    if cand.obj is not None and cand.pattern.object:
                        consumed.add(cand.obj.i)
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed:
                cand = self._match_noun(tok)
                if cand is not None:
                    candidates.append(cand)
        produced = [ev for cand in candidates for ev in self._events_for(doc, sent, cand, mentions, doc_id)]
        produced += self._reported_obligations(doc, sent, mentions, doc_id)
        if _non_political(sent):
            # "Argentina beat France 4-2 on penalties": no use of force in a sports story
            produced = [ev for ev in produced if ev.root not in CONFLICT_ROOTS]
        for ev in produced:
            key = (ev.trigger.span, ev.source.code if ev.source else None,
                   ev.target.code if ev.target else None, ev.cameo)
            if key not in seen and ev.confidence >= self.min_confidence:
                seen.add(key)
                out.append(ev)
        return out

    def _match_verb(self, tok: Token) -> Optional[_Candidate]:
        plist = self.patterns.by_verb.get(tok.lemma_.lower())
        if not plist:
            return None
        obj = _direct_object(tok)
        for p in plist:
            if p.particle and not any(c.lower_ == p.particle and c.dep_ in ("prt", "advmod", "prep") for c in tok.children):
                continue
            if p.object:
                if p.object_prep:
                    o = next((t for t in _prep_objects(tok, p.object_prep) if t.lemma_.lower() in p.object), None)
                else:
                    o = obj if obj is not None and obj.lemma_.lower() in p.object else None
                    if o is None and obj is not None and obj.pos_ == "PRON":
                        o = _object_antecedent(obj, p.object)
                if o is None:
                    continue
                return _Candidate(p, tok, o)
            if p.not_object and obj is not None and obj.lemma_.lower() in p.not_object:
                continue
            return _Candidate(p, tok, obj)
        return None

    def _match_noun(self, tok: Token) -> Optional[_Candidate]:
        plist = self.patterns.by_noun.get(tok.lemma_.lower()) or self.patterns.by_noun.get(tok.lower_)
        if not plist:
            return None
        of_obj = _prep_object(tok, "of")
        for p in plist:
            if p.object and not (of_obj is not None and of_obj.lemma_.lower() in p.object):
                continue
            return _Candidate(p, tok, of_obj)
        return None

    # ------------------------------------------------------------------ events
    def _events_for(self, doc: Doc, sent: Span, cand: _Candidate, mentions: MentionIndex, doc_id: str) -> list[Event]:
        p, trig = cand.pattern, cand.trigger
        is_noun = p.kind == "noun"
        if is_noun:
            sources, src_conf = self._noun_sources(trig, p, mentions)
            targets, tgt_conf = self._noun_targets(trig, p, mentions)
        else:
            passive = _is_passive(trig)
            sources, src_conf = self._verb_sources(trig, passive, mentions)
            targets, tgt_conf = self._verb_targets(trig, cand, passive, mentions)
        if not sources:
            return []
        return self._build(doc, sent, p, trig, sources, targets, src_conf, tgt_conf,
                           modality_of(trig, is_noun=is_noun), doc_id, mentions)

    def _build(self, doc: Doc, sent: Span, p: Pattern, trig: Token, sources: list[ResolvedActor],
               targets: list[ResolvedActor], src_conf: float, tgt_conf: float, modality: Modality, doc_id: str,
               mentions: MentionIndex) -> list[Event]:
        code = p.code
        rule = p.id
        negated, hypothetical, label = modality.negated, modality.hypothetical, modality.label
        conflict = code[:2] in CONFLICT_ROOTS
        # force announced by the one who would use it is a threat: "threatened to strike",
        # "said it would hit back if attacked" (CAMEO 13x), not a hypothetical attack
        threat = conflict and not negated and (
            modality.threat or (hypothetical and (modality.conditional or modality.modal in ("would", "will"))
                                and _said_by_source(modality, sources, mentions)))
        if threat:
            intent = self.codebook.intent_code(code) or "130"
            code, rule, hypothetical, label = intent, rule + "+threat", False, "threat"
        elif modality.threat and not conflict:
            hypothetical, label = True, "hypothetical"
        elif modality.refused and not hypothetical:
            code, rule, negated, label = self.codebook.refusal_code(code), rule + "+refused", False, "refused"
        elif (modality.intent or modality.future) and not (negated or hypothetical):
            # CAMEO codes announced cooperation as intent (03x) and announced force as a
            # threat (13x); a prediction of force by someone else is only a possibility
            if conflict and modality.future and not modality.intent and not _said_by_source(modality, sources, mentions):
                hypothetical, label = True, "hypothetical"
            else:
                intent = self.codebook.intent_code(code)
                if intent and intent != code[:len(intent)]:
                    code, rule = intent, rule + ("+intent" if not conflict else "+threat")
                label = "intended"
        targets = [t for t in targets if t.code] or ([] if targets else [])
        pairs: list[tuple[ResolvedActor, Optional[ResolvedActor]]] = []
        if targets:
            pairs = [(s, t) for s in sources for t in targets if s.actor is not t.actor and s.code != t.code
                     and not _same_state(s, t)]
        elif p.reciprocal and len(sources) > 1:
            pairs = [(s, t) for s in sources for t in sources if s.actor is not t.actor and not _same_state(s, t)]
        elif not p.target_required:
            # kept for now: the document context may supply the target (targets_from_context)
            pairs = [(s, None) for s in sources]
            tgt_conf *= NO_TARGET
        info = self.codebook.get(code)
        when = event_date(trig, self._date_heads)
        out = []
        for s, t in pairs:
            if s.code is None:
                continue
            conf = round(p.confidence * src_conf * tgt_conf * s.confidence * (t.confidence if t else 1.0), 3)
            spans = [(trig.idx, trig.idx + len(trig.text)), _char_span(doc, s)] + ([_char_span(doc, t)] if t else [])
            out.append(Event(
                doc_id=doc_id, sentence=sent.text, sentence_span=(sent.start_char, sent.end_char),
                span=(min(a for a, _ in spans), max(b for _, b in spans)),
                trigger=Mention(trig.text, (trig.idx, trig.idx + len(trig.text))),
                source=_actor_ref(doc, s), target=_actor_ref(doc, t) if t else None,
                cameo=code, root=info.root, quad_class=info.quad_class, goldstein=info.goldstein,
                plover=self.codebook.plover(code), rule=rule, confidence=conf,
                negated=negated, hypothetical=hypothetical, modality=label,
                date=when, place=None))
        return out

    def _reported_obligations(self, doc: Doc, sent: Span, mentions: MentionIndex, doc_id: str) -> list[Event]:
        """ "Rouhani said Riyadh must first end its war": a demand from the speaker to Riyadh."""
        out = []
        words = modality_words()
        for verb in sent:
            if verb.lemma_.lower() not in words.reporting_verbs or verb.pos_ not in ("VERB", "AUX"):
                continue
            for clause in verb.children:
                if clause.dep_ != "ccomp":
                    continue
                code = obligation(clause)
                if code is None:
                    continue
                subs = [c for c in clause.children if c.dep_ == "nsubj"]
                targets = [a for t in subs for a in actors_of_phrase(t, mentions)]
                speakers = [a for t in subject_tokens(verb)[0] for a in actors_of_phrase(t, mentions)]
                pattern = Pattern(id="construction:reported-obligation", kind="verb", lemma=clause.lemma_, code=code,
                                  target=(), confidence=0.6)
                mod = modality_of(verb)
                if mod.negated or mod.hypothetical:
                    continue
                out += self._build(doc, sent, pattern, clause, speakers, targets, 1.0, 1.0, Modality(), doc_id, mentions)
        return out

    # ------------------------------------------------------------------ verb arguments
    def _verb_sources(self, verb: Token, passive: bool, mentions: MentionIndex):
        if passive:
            agent = _agent(verb)
            if agent is None:
                return [], 1.0
            return actors_of_phrase(agent, mentions), 1.0
        subjects, inherited = subject_tokens(verb)
        actors = [a for s in subjects for a in actors_of_phrase(s, mentions)]
        return actors, INHERITED_SUBJECT if inherited else 1.0

    def _verb_targets(self, verb: Token, cand: _Candidate, passive: bool, mentions: MentionIndex):
        p = cand.pattern
        obj = cand.obj
        for slot in p.target:
            found: list[ResolvedActor] = []
            if slot == "dobj":
                if p.object:
                    continue  # the constrained object is the event ("impose sanctions"), not its target
                head = _passive_subject(verb) if passive else obj
                if head is not None:
                    found = actors_of_phrase(head, mentions, direct=p.direct_target)
            elif slot == "dative":
                for c in verb.children:
                    if c.dep_ in ("dative", "iobj"):
                        found = actors_of_phrase(_pobj_or_self(c), mentions)
            elif slot == "obj_poss":
                if obj is not None:
                    found = owner_actors(obj, mentions)
                    for prep in ("from", "by"):  # "defied warnings from Washington"
                        for t in _prep_objects(obj, prep):
                            found += actors_of_phrase(t, mentions)
            elif slot == "purpose_object":
                # "aid to help Ukraine restore its grid": the one the purpose clause helps
                for c in verb.children:
                    if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in PURPOSE_VERBS:
                        o = _direct_object(c)
                        if o is not None:
                            found += actors_of_phrase(o, mentions)
            elif slot == "clause_subject":
                for c in verb.children:
                    if c.dep_ in ("ccomp", "xcomp"):
                        for sub in c.children:
                            if sub.dep_ in ("nsubj", "nsubjpass"):
                                found += actors_of_phrase(sub, mentions)
            else:
                # the pattern names this preposition, so a place is a fair target ("travelled to Kyiv");
                # the object's relative clause counts too ("the jets it promised to Ukraine")
                hosts = [verb] + ([obj] + [r for r in obj.children if r.dep_ == "relcl"] + _prep_objects(obj, "of")
                                  if obj is not None else [])
                for host in hosts:
                    for t in _prep_objects(host, slot):
                        found += actors_of_phrase(t, mentions, allow_locative=True)
            if found:
                return found, 1.0
        # nothing in the named slots: the actor of a relative clause on the object
        # ("would not recognize the territories that Moscow was propping up")
        if obj is not None and not p.object and p.target and not p.direct_target:
            for rel in obj.children:
                if rel.dep_ == "relcl":
                    for sub in rel.children:
                        if sub.dep_ == "nsubj" and sub.lower_ not in RELATIVE_PRONOUNS:
                            found = actors_of_phrase(sub, mentions)
                            if found:
                                return found, FALLBACK_TARGET
        addressee = _addressee(verb, mentions)
        if addressee:
            return addressee, FALLBACK_TARGET
        return [], 1.0

    # ------------------------------------------------------------------ noun arguments
    def _noun_sources(self, noun: Token, p: Pattern, mentions: MentionIndex):
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
                for t in _prep_objects(noun, slot):
                    found += actors_of_phrase(t, mentions)
            elif slot == "subject":
                verb = _noun_host_verb(noun)
                if verb is not None and not (p.received and verb.lemma_.lower() in RECEIVING_VERBS):
                    subs, inherited = subject_tokens(verb)
                    found = [a for s in subs for a in actors_of_phrase(s, mentions)]
                    if found:
                        return found, INHERITED_SUBJECT
            if found:
                return found, 1.0
        return [], 1.0

    def _noun_targets(self, noun: Token, p: Pattern, mentions: MentionIndex):
        for slot in p.target:
            found = []
            for t in _prep_objects(noun, slot):
                found += actors_of_phrase(t, mentions, allow_locative=True)
            if found:
                return found, 1.0
        if p.received:
            verb = _noun_host_verb(noun)
            if verb is not None and verb.lemma_.lower() in RECEIVING_VERBS and noun.dep_ == "dobj":
                subs, _ = subject_tokens(verb)
                found = [a for s in subs for a in actors_of_phrase(s, mentions)]
                if found:
                    return found, 1.0
        return [], 1.0


CONFLICT_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}
SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")
# two sport words, or one and a score, mark a sentence as sport (tuned on the held-out items)
MIN_SPORT_WORDS = 2


@lru_cache(maxsize=1)
def _sport_words() -> frozenset[str]:
    return frozenset(read_list("events/non_political.txt"))


def _non_political(sent: Span) -> bool:
    words = _sport_words()
    hits = sum(1 for t in sent if t.lower_ in words)
    return hits >= MIN_SPORT_WORDS or (hits >= 1 and bool(SCORE.search(sent.text)))


def _same_state(a: ResolvedActor, b: ResolvedActor) -> bool:
    """ "Israel recalled Israel's ambassadors": a country acting on itself, or on its own
    government, is a parse slip, not a domestic event (those name two different roles)."""
    if not a.country or a.country != b.country:
        return False
    role_a = a.role or a.actor.role
    role_b = b.role or b.actor.role
    return not role_a or not role_b or role_a == role_b


def _said_by_source(modality: Modality, sources: list[ResolvedActor], mentions: MentionIndex) -> bool:
    """Is the reporting verb's subject the event's own source ("Moscow said it would respond")?"""
    if modality.reporter is None:
        return False
    speakers = [a for s in subject_tokens(modality.reporter)[0] for a in actors_of_phrase(s, mentions)]
    countries = {a.country for a in speakers if a.country}
    return any(s.country in countries for s in sources)


# ---------------------------------------------------------------------- context
# Cooperation or a threat that names no target usually concerns the partner just named
# ("Mr. Tokayev speaks with Mr. Zelensky ... and recently pledged humanitarian aid");
# a denial or rejection with no target answers whoever just accused the speaker
# ("India accused Pakistan of violating the agreement, a charge Islamabad denied").
CONTEXT_TARGET_ROOTS = {"03", "05", "06", "07", "08", "13"}
RESPONSE_ROOTS = {"01", "11", "12"}
CONTEXT_TARGET = 0.75
CONTEXT_SENTENCES = 2  # the event's sentence and the one before it


def targets_from_context(events: list[Event]) -> list[Event]:
    sentence_starts = sorted({e.sentence_span[0] for e in events})
    rank = {start: i for i, start in enumerate(sentence_starts)}
    out = []
    for ev in events:
        if ev.target is None and ev.source is not None and ev.root in CONTEXT_TARGET_ROOTS | RESPONSE_ROOTS:
            here = rank[ev.sentence_span[0]]
            window = [p for p in events if p is not ev and p.target is not None and p.target.code and p.source
                      and here - CONTEXT_SENTENCES < rank[p.sentence_span[0]] <= here
                      and p.trigger.span[0] < ev.trigger.span[0] and not p.negated]
            donor_target = None
            if ev.root in CONTEXT_TARGET_ROOTS:
                same = [p for p in window if p.source.actor_id == ev.source.actor_id
                        or (p.source.country and p.source.country == ev.source.country)]
                if same:
                    donor_target = same[-1].target
            if donor_target is None and ev.root in RESPONSE_ROOTS:
                accusers = [p for p in window if p.target.country and p.target.country == ev.source.country
                            and p.source.country != ev.source.country and p.root in ("10", "11", "12", "13")]
                if accusers:
                    donor_target = accusers[-1].source
            if donor_target is not None and donor_target.country != ev.source.country:
                spans = [ev.span, donor_target.span] if donor_target.span[0] >= ev.sentence_span[0] else [ev.span]
                ev = replace(ev, target=donor_target, rule=ev.rule + "+context_target",
                             confidence=round(ev.confidence * CONTEXT_TARGET, 3),
                             span=(min(a for a, _ in spans), max(b for _, b in spans)))
        out.append(ev)
    return out


# ---------------------------------------------------------------------- dates
def date_attachments(doc: Doc) -> dict[int, str]:
    """Token index of the word each date expression modifies -> the date ("met ... on Tuesday")."""
    heads: dict[int, str] = {}
    for ref in doc._.orbit_dates or []:
        span = doc.char_span(ref.span[0], ref.span[1], alignment_mode="expand")
        if span is None:
            continue
        h = span.root.head
        while h.pos_ == "ADP" and h.head is not h:
            h = h.head
        heads.setdefault(h.i, ref.date)
    return heads


def event_date(trigger: Token, heads: dict[int, str]) -> Optional[str]:
    """The date attached to the trigger or to a clause above it in the same sentence."""
    t = trigger
    for _ in range(6):
        if t.i in heads:
            return heads[t.i]
        if t.head is t:
            break
        t = t.head
    return None


# ---------------------------------------------------------------------- parse helpers
PURPOSE_VERBS = {"help", "support", "assist", "aid", "rebuild", "back", "bolster", "strengthen", "defend", "protect",
                 "reconstruct", "equip", "arm", "train", "stabilize", "stabilise"}
ADDRESSING_VERBS = {"tell", "assure", "inform", "promise", "reassure", "notify", "remind", "brief", "convince", "persuade"}


def _addressee(verb: Token, mentions: MentionIndex) -> list[ResolvedActor]:
    """For an event said to someone ("Xi told Tokayev that Beijing was ready to expand
    cooperation"), the one it was said to."""
    t = verb
    for _ in range(3):
        if t.dep_ not in ("ccomp", "xcomp", "conj") or t.head is t:
            return []
        t = t.head
        if t.lemma_.lower() in ADDRESSING_VERBS:
            for c in t.children:
                if c.dep_ in ("dobj", "dative", "iobj"):
                    return actors_of_phrase(_pobj_or_self(c), mentions, direct=True)
            return []
    return []


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or \
        (verb.dep_ == "acl" and verb.tag_ == "VBN")


def _agent(verb: Token) -> Optional[Token]:
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _passive_subject(verb: Token) -> Optional[Token]:
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return c
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    return None


def _direct_object(verb: Token) -> Optional[Token]:
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return c
    # "came to Central Asia", "signed on to" leave no object; a prep object is not one
    return None


def _prep_objects(host: Token, prep: str) -> list[Token]:
    out = []
    for c in host.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            out += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
        elif c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "out", "off", "up", "down", "away"):
            # "pushed back against": the preposition hangs on the particle
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ == prep:
                    out += [x for x in g.children if x.dep_ == "pobj"]
    return out


def _prep_object(host: Token, prep: str) -> Optional[Token]:
    objs = _prep_objects(host, prep)
    return objs[0] if objs else None


def _pobj_or_self(tok: Token) -> Token:
    for c in tok.children:
        if c.dep_ == "pobj":
            return c
    return tok


def _noun_host_verb(noun: Token) -> Optional[Token]:
    """The verb a nominal event hangs on: its object ("held talks"), or via a preposition
    ("acknowledged at the news conference")."""
    t = noun
    if t.dep_ in ("dobj", "attr", "nsubjpass", "oprd"):
        return t.head if t.head.pos_ in ("VERB", "AUX") else None
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ in ("VERB", "AUX"):
        return t.head.head
    if t.dep_ == "conj":
        return _noun_host_verb(t.head)
    return None


def subject_tokens(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject(s) of a verb, and whether they were inherited from another clause."""
    if depth > 5:
        return [], False
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [_antecedent(verb.head)], True
            if c.dep_ == "nsubjpass":
                continue  # the passive subject is the target
            return [c], False
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return [], False
    dep = verb.dep_
    head = verb.head
    if dep == "xcomp" or (dep == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        if head.lemma_.lower() in OBJECT_CONTROL:
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
    if dep == "relcl":
        return [_antecedent(head)], True
    if dep == "acl" and verb.tag_ == "VBG":
        return [head], True
    return [], False


PARTITIVES = {"one", "first", "only", "last", "none", "few", "some", "many", "each", "several", "two", "three"}


def _antecedent(noun: Token) -> Token:
    """For "Mr. Tokayev is the only one of the leaders who speaks", the subject of the copula."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in PARTITIVES:
        noun = noun.head.head
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        for c in noun.head.children:
            if c.dep_ == "nsubj":
                return c
    return noun


def _object_antecedent(pronoun: Token, lemmas: tuple[str, ...]) -> Optional[Token]:
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


def _char_span(doc: Doc, r: ResolvedActor) -> tuple[int, int]:
    span = doc[r.start:r.end]
    return span.start_char, span.end_char


def _actor_ref(doc: Doc, r: ResolvedActor) -> ActorRef:
    span = doc[r.start:r.end]
    role = r.role or r.actor.role
    return ActorRef(text=span.text, span=(span.start_char, span.end_char), name=r.actor.name, code=r.code,
                    country=r.actor.country, role=role, actor_id=r.actor.id)
