"""Did the event happen? Negation, hypotheticals, denials, allegations and intents.

The trigger and the verbs that govern it (through infinitive and clausal complements,
"stalling on signing", "trying to force", and coordination) are read for: negation
("not", "never", "neither", "no"), modal auxiliaries ("could", "may", "would"),
conditional clauses ("if", "unless"), questions, governing verbs of attempt, wish,
need, refusal or denial, and allegation ("accused ... of"). Word lists are data:
data/events/modality.json.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Optional

from spacy.tokens import Token

from ..lexicon.words import words
from ..resources import read_text
from .syntax import is_content_clause_of_noun, noun_host_verb

REFUSAL_VERBS = words("events.refusal_verbs")
SET_ASIDE_OPENERS = words("events.set_aside_openers")

REPORTING = "reporting"


@dataclass(frozen=True)
class ModalityWords:
    negators: frozenset[str]
    modals: frozenset[str]
    future: frozenset[str]
    conditional_marks: frozenset[str]
    adverbial_marks: frozenset[str]
    hypothetical_governors: frozenset[str]
    hypothetical_clause_governors: frozenset[str]
    negating_governors: frozenset[str]
    denial_governors: frozenset[str]
    allegation_governors: frozenset[str]
    intent_governors: frozenset[str]
    threat_governors: frozenset[str]
    threat_objects: frozenset[str]
    aspiration_governors: frozenset[str]
    reporting_verbs: frozenset[str]
    report_nouns: frozenset[str]
    unconfirmed_nouns: frozenset[str]
    statement_verbs: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    proposal_nouns: frozenset[str]
    habitual_adverbs: frozenset[str]
    summary_spans: frozenset[str]
    obligation_codes: dict

    @cached_property
    def infinitive_governors(self) -> frozenset[str]:
        """Verbs whose to-infinitive says what they threaten, intend, refuse, deny or hope,
        whatever the parser calls it. Verbs of asking and calling are left out: "called Morrison
        on Wednesday to congratulate him" is a call made to congratulate."""
        return (self.negating_governors | self.denial_governors | self.allegation_governors
                | self.intent_governors | self.threat_governors | self.aspiration_governors)

    @cached_property
    def claim_verbs(self) -> frozenset[str]:
        """Verbs that make a claim ("accused", "said"): a denial after one denies its content."""
        return self.allegation_governors | self.reporting_verbs

    @cached_property
    def clause_verbs(self) -> frozenset[str]:
        """Verbs whose that-clause may hang on a statement noun ("demanded in a call that")."""
        return (self.reporting_verbs | self.statement_verbs | self.hypothetical_clause_governors
                | self.allegation_governors | self.denial_governors | self.threat_governors)


@lru_cache(maxsize=1)
def modality_words() -> ModalityWords:
    raw = json.loads(read_text("events/modality.json"))
    return ModalityWords(**{k: (v if isinstance(v, dict) else frozenset(v)) for k, v in raw.items()
                            if not k.startswith("_")})


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    label: str = "asserted"  # asserted | negated | hypothetical | denied | alleged | intended | refused
    intent: bool = False  # governed by pledge/plan/vow...: code as the 03x intent
    refused: bool = False  # "would not recognize", "refused to sign": a rejection event
    future: bool = False  # "will meet", "said it would give": announced, not yet done
    conditional: bool = False  # "if it was attacked", "unless Mexico stopped"
    threat: bool = False  # governed by threaten/warn/vow: force announced is a threat
    aspiration: bool = False  # governed by seek/want/hope/try: wanted, not done
    modal: Optional[str] = None  # the modal that made it hypothetical ("could", "would")
    reporter: Optional[Token] = None  # the reporting verb the event is the content of
    governor: Optional[Token] = None
    intender: Optional[Token] = None  # the pledge, plan or offer verb that made it an intent


def _has_negation(tok: Token, words: ModalityWords) -> bool:
    return any(c.dep_ == "neg" or (c.lower_ in words.negators and c.dep_ in ("advmod", "det", "preconj", "cc"))
               for c in tok.children)


def _modal(tok: Token, words: ModalityWords) -> Optional[str]:
    for c in tok.children:
        if c.dep_ == "aux" and c.tag_ == "MD":
            return c.lower_
    return None


def _makes_threat(tok: Token, words: ModalityWords) -> bool:
    """ "threatened", "warned", "issued an ultimatum": a condition on it is what is threatened."""
    return tok.lemma_.lower() in words.threat_governors or \
        any(c.dep_ == "dobj" and c.lemma_.lower() in words.threat_objects for c in tok.children)


def _conditional(tok: Token, words: ModalityWords) -> bool:
    """The clause is the antecedent of a condition, or has one."""
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in words.conditional_marks:
            return True
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in words.conditional_marks for g in c.children):
            return True
    return False


def _governor(tok: Token) -> Optional[Token]:
    """The word that governs this verb's clause as a complement, if any."""
    if tok.dep_ in ("xcomp", "ccomp", "csubj"):
        return tok.head
    if tok.dep_ == "conj" and tok.head.dep_ in ("xcomp", "ccomp"):
        # "agreed to ensure safe navigation and to halt strikes": the second act is agreed too
        return _governor(tok.head)
    if tok.dep_ == "advcl" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
            and tok.head.lemma_.lower() in modality_words().infinitive_governors:
        # "threatened on Sunday to attack": a phrase between them makes the parser read the
        # infinitive as a purpose clause; after such a verb it is still what is threatened
        return tok.head
    if tok.dep_ == "advcl" and tok.tag_ == "VB" and tok.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        # a purpose ("offered to send troops to distribute supplies") is as real as the act it
        # is the purpose of: sent, offered or refused with it
        return tok.head
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        # "a Turkish offer to host a meeting", "a bid to join": the noun says what the act is
        return tok.head
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        return tok.head.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":  # "stalling on the signing"
        return tok.head.head
    return None


@dataclass
class _Reading:
    """What modality_of has read so far, climbing from the trigger to the sentence's root."""
    negated: bool = False
    hypothetical: bool = False
    label: str = "asserted"
    intent: bool = False
    refused: bool = False
    future: bool = False
    conditional: bool = False
    threat: bool = False
    aspiration: bool = False
    modal: Optional[str] = None
    reporter: Optional[Token] = None
    governor: Optional[Token] = None
    intender: Optional[Token] = None

    def hypothesis(self) -> None:
        """Hypothetical, the label kept if a stronger one was read already."""
        self.hypothetical = True
        self.label = "hypothetical" if self.label == "asserted" else self.label

    def modality(self) -> Modality:
        label = "hypothetical" if self.negated and self.hypothetical and self.label == "negated" else self.label
        return Modality(negated=self.negated, hypothetical=self.hypothetical, label=label,
                        intent=self.intent and not self.negated, refused=self.refused,
                        future=self.future and not self.negated, reporter=self.reporter, governor=self.governor,
                        intender=self.intender,
                        conditional=self.conditional, threat=self.threat, modal=self.modal, aspiration=self.aspiration)


def _set_aside(tok: Token) -> bool:
    """ "abstained rather than vetoing", "talks instead of an attack": the act named after the
    opener is the one not taken (the parser hangs it anywhere, so the words before it decide)."""
    return tok.i >= 2 and f"{tok.doc[tok.i - 2].lower_} {tok.doc[tok.i - 1].lower_}" in SET_ASIDE_OPENERS


def _read_own_cues(r: _Reading, tok: Token, trigger: Token, w: ModalityWords) -> None:
    """Negation, modals and conditions on one word of the climb."""
    if _set_aside(tok):
        r.negated, r.label = True, "negated"
    if _has_negation(tok, w):
        r.negated = not r.negated if tok is not trigger and r.label == "negated" else True
        r.label = "negated"
    modal = _modal(tok, w)
    if modal in w.future or _going_to(tok):
        r.future = True
    if modal in w.modals:
        r.modal = r.modal or modal
        # "He said the US would give": a reported future, not a hypothesis
        if not (modal == "would" and reported_clause(tok, w)):
            r.hypothesis()
        elif r.negated:
            r.refused = True
        else:
            r.future = True
    # "warned of a response if Israel attacked": the condition is on the threatened act,
    # the warning itself was made
    if _conditional(tok, w) and not (tok is trigger and _makes_threat(tok, w)
                                     and not any(c.dep_ == "mark" for c in tok.children)):
        r.conditional = True
        r.hypothesis()


def _habitual(verb: Token, w: ModalityWords) -> bool:
    """ "does not usually comment", "has fought the government for more than a decade", "have
    fought three wars since 1947": a habit or a summary of years, not an event (CODING.md)."""
    if any(c.dep_ == "advmod" and c.lower_ in w.habitual_adverbs for c in verb.children):
        return True
    if not any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ != "VBD" for c in verb.children) or verb.tag_ != "VBN":
        return False
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "since"):
            continue
        span = list(prep.subtree)
        if prep.lower_ == "since" and any(t.like_num and len(t.text) == 4 for t in span):
            return True
        # "for more than a decade", "for years"; not a counted term ("has jailed him for two
        # years" is one act, its sentence)
        if prep.lower_ == "for" and any(t.lower_ in w.summary_spans for t in span) \
                and not any(t.like_num for t in span):
            return True
    return False


def _denied_after(tok: Token, w: ModalityWords) -> bool:
    """ "Baku said Armenian forces had shelled the town, a claim Yerevan denied": a claim noun
    after the clause, whose relative clause denies or rejects it, makes the act denied."""
    for c in tok.children:
        if c.dep_ in ("npadvmod", "appos") and c.lemma_.lower() in w.unconfirmed_nouns and c.i > tok.i:
            if any(g.dep_ == "relcl" and (g.lemma_.lower() in w.denial_governors or g.lemma_.lower() == "reject")
                   for g in c.children):
                return True
    return False


def _read_governor(r: _Reading, gov: Token, via_clause: bool, w: ModalityWords, act_is_noun: bool = False) -> None:
    """What the word governing the act says of it: denied, refused, alleged, wished, threatened,
    intended, supposed, or reported."""
    lemma = gov.lemma_.lower()
    if gov.pos_ == "NOUN" and lemma in w.proposal_nouns and (act_is_noun or lemma not in w.intent_governors):
        # "an offer to host a meeting between Putin and Zelenskiy": the meeting is only offered
        # (while "Turkey's offer to mediate" is Turkey's intent, read below)
        r.hypothesis()
    elif lemma in w.denial_governors:
        r.negated, r.label = True, "denied"
    elif lemma in w.negating_governors:
        r.negated, r.label, r.refused = True, "negated", lemma in REFUSAL_VERBS
    elif lemma in w.allegation_governors:
        r.hypothetical, r.label = True, "alleged"
        r.reporter = r.reporter or gov
    elif lemma in w.aspiration_governors and not via_clause:
        r.aspiration = True
    elif lemma in w.threat_governors and lemma not in w.intent_governors:
        r.threat = True
    elif lemma in w.threat_objects and gov.pos_ == "NOUN":
        r.hypothesis()  # "the threat of US sanctions": threatened, not imposed
    elif lemma in w.intent_governors:
        r.intent = True
        r.intender = r.intender or gov
        r.label = "intended" if r.label == "asserted" else r.label
    elif lemma in (w.hypothetical_clause_governors if via_clause else w.hypothetical_governors):
        r.hypothesis()
    elif lemma in w.reporting_verbs:
        r.reporter = r.reporter or gov


def modality_of(trigger: Token, is_noun: bool = False) -> Modality:
    w = modality_words()
    r = _Reading()
    if trigger.sent.text.rstrip().endswith("?"):
        r.hypothetical, r.label = True, "hypothetical"
    if is_noun:
        if any(c.lower_ in w.negators and c.dep_ in ("det", "neg") for c in trigger.children) or _set_aside(trigger):
            r.negated, r.label = True, "negated"
        if any(c.lower_ in w.hypothetical_modifiers for c in trigger.children if c.dep_ in ("amod", "acl", "compound")):
            r.hypothetical, r.label = True, "hypothetical"
    elif any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
             for c in trigger.children):
        # "announced no ceasefire", "sent no troops": the act's object is denied, so is the act
        r.negated, r.label = True, "negated"
    if not is_noun and trigger.pos_ in ("VERB", "AUX") and _habitual(trigger, w):
        r.hypothesis()  # a habit or a summary of years (read on the act's own verb only)
    tok = trigger
    depth = 0
    came_by_gerund = False
    while tok is not None and depth < 6:
        depth += 1
        if not (is_noun and tok is trigger):
            _read_own_cues(r, tok, trigger, w)
        # (the accusation itself, "accused Togo of shelling, a charge Lome denied", was made)
        if _denied_after(tok, w) and not (tok is trigger and tok.lemma_.lower() in w.claim_verbs):
            r.negated, r.label = True, "denied"
        # climb through coordination to pick up shared auxiliaries ("could meet and sign")
        # (only a verb of the same form shares them: "did not criticise Russia and offered help")
        if tok.dep_ == "conj" and tok.tag_ == tok.head.tag_ \
                and not any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in tok.children):
            head = tok.head
            if _modal(head, w) in w.modals and not reported_clause(head, w):
                r.hypothesis()
            if _has_negation(head, w):
                r.negated, r.label = True, "negated"
        if any(c.dep_ == "mark" and c.lower_ in w.adverbial_marks for c in tok.children):
            break  # "hours after Trump threatened ...": when, not what, the main verb says
        gov = _governor(tok) if not (is_noun and tok is trigger) else _noun_governor(tok)
        if gov is None and tok is not trigger and tok.pos_ == "NOUN" and tok.dep_ == "dobj" and came_by_gerund:
            # "offered Brazil's help in mediating talks": what the help is for is offered with it
            # (not "set up an investigation into the crackdown": no gerund, the act is its topic)
            gov = tok.head
        came_by_gerund = tok.dep_ == "pcomp" and tok.tag_ == "VBG"
        on_noun = False
        if gov is None:
            gov = _statement_verb(tok, w)  # "demanded in a phone call that ...": the verb's clause
            if gov is None and is_content_clause_of_noun(tok) and tok.head.lemma_.lower() in w.unconfirmed_nouns:
                # "reports that India had expelled ...": a claim; the verb above may deny it
                r.hypothetical, r.label = True, "alleged"
                gov = noun_host_verb(tok.head)
            if gov is None:
                break
            on_noun = True
        via_clause = tok.dep_ == "ccomp" or on_noun
        r.governor = gov
        if via_clause and tok.i < gov.i:
            # a clause before its verb is quoted or reported ("India accused Pakistan ..., a
            # charge Islamabad denied"): the verb reports it, it does not deny or wish it
            r.reporter = r.reporter or gov
        else:
            _read_governor(r, gov, via_clause, w, is_noun)
        tok = gov
    return r.modality()


def obligation(clause: Token) -> Optional[str]:
    """The CAMEO code of an obligation stated in a clause ("Riyadh must end its war"), if any."""
    w = modality_words()
    if _has_negation(clause, w):
        return None
    for c in clause.children:
        if c.dep_ == "aux" and c.lower_ in w.obligation_codes:
            return w.obligation_codes[c.lower_]
    # "has to leave", "needs to stop": the obligation verb governs an infinitive
    if clause.lemma_ in ("need", "have") and any(c.dep_ == "xcomp" and any(g.lower_ == "to" and g.dep_ == "aux"
                                                                            for g in c.children)
                                                 for c in clause.children):
        return w.obligation_codes[clause.lemma_]
    return None


def _going_to(tok: Token) -> bool:
    """ "is going to impose": the verb is the xcomp of a progressive "go"."""
    return tok.dep_ == "xcomp" and tok.head.lemma_ == "go" and tok.head.tag_ == "VBG"


def _noun_governor(noun: Token) -> Optional[Token]:
    """The verb a nominal event depends on ("held talks", "stalling on signing", "an invasion
    could begin")."""
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "nsubj"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        return noun.head.head
    return None


def _statement_verb(clause: Token, w: ModalityWords) -> Optional[Token]:
    """The verb of a that-clause the parser hung on a statement noun ("said in a statement
    that it would ...", "demanded in a phone call that ..."), if that is what this is."""
    if not is_content_clause_of_noun(clause) or clause.head.lemma_.lower() not in w.report_nouns:
        return None
    verb = noun_host_verb(clause.head)
    if verb is None or verb.lemma_.lower() not in w.clause_verbs:
        return None  # "declined to comment on statements that ...": not the subject's own words
    return verb


def reported_clause(tok: Token, w: ModalityWords) -> bool:
    """Is this clause the content of a reporting verb ("said that ...")?"""
    t = tok
    for _ in range(3):
        if t.dep_ in ("ccomp", "conj") and t.head.lemma_.lower() in w.reporting_verbs:
            return True
        verb = _statement_verb(t, w)
        if verb is not None:
            return verb.lemma_.lower() in w.reporting_verbs or verb.lemma_.lower() in w.statement_verbs
        if t.dep_ not in ("ccomp", "conj", "xcomp"):
            return False
        t = t.head
    return False
