"""Events carried by sentence constructions rather than by one trigger word.

  - reported obligation: "Rouhani said Riyadh must first end its war" is a demand (100)
    from the speaker to Riyadh ("should": an appeal, 020);
  - reported force: "The State Department said Russia had used chemical weapons" is also
    an accusation (112) by the speaker against the one said to use force;
  - evaluation: "Kishida called the launch reckless", "described the raid as a flagrant
    violation" is criticism (111); "called it a milestone" is praise (051).
Each returns proposals that the coder turns into events like any pattern's.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ..actors.phrases import MentionIndex, ResolvedActor, actors_of_phrase, owner_actors
from ..lexicon.confidence import CONFIDENCE
from ..lexicon.roots import root_class
from ..lexicon.words import words
from ..resources import read_text
from .arguments import coded, speakers
from .modality import Modality, modality_of, modality_words, obligation
from .patterns import Pattern
from .syntax import direct_object

EVALUATIVE_VERBS = words("events.evaluative_verbs")
REPORTED_FORCE_ROOTS = root_class("force")
# verbs by which one owns up to an act
OWNING_UP_VERBS = words("events.owning_up_verbs")


@dataclass
class Proposal:
    pattern: Pattern
    trigger: Token
    sources: list[ResolvedActor]
    targets: list[ResolvedActor]
    modality: Modality


@lru_cache(maxsize=1)
def _evaluations() -> tuple[frozenset[str], frozenset[str]]:
    raw = json.loads(read_text("events/evaluations.json"))
    return frozenset(raw["negative"]), frozenset(raw["positive"])


def _speakers(verb: Token, mentions: MentionIndex) -> list[ResolvedActor]:
    return coded(speakers(verb, mentions))


def reported_obligations(sent: Span, mentions: MentionIndex, tokens: list[Token] | None = None) -> list[Proposal]:
    """`tokens`: the sentence's words where the caller has them already (a Token per word is
    made anew at each pass over a Span)."""
    out = []
    words = modality_words()
    for verb in sent if tokens is None else tokens:
        if verb.lemma_.lower() not in words.reporting_verbs or verb.pos_ not in ("VERB", "AUX"):
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            code = obligation(clause)
            if code is None:
                continue
            mod = modality_of(verb)
            if mod.negated or mod.hypothetical:
                continue
            targets = coded([a for t in clause.children if t.dep_ == "nsubj" for a in actors_of_phrase(t, mentions)])
            pattern = Pattern(id="construction:reported-obligation", kind="verb", lemma=clause.lemma_, code=code,
                              target=(), confidence=CONFIDENCE.reported_obligation)
            out.append(Proposal(pattern, clause, _speakers(verb, mentions), targets, Modality()))
    return out


def reported_force(reporter: Token, sources: list[ResolvedActor], targets: list[ResolvedActor], root: str,
                   mentions: MentionIndex) -> list[Proposal]:
    """An accusation by a third party that reports force used by someone else ("The State
    Department said Russia had used chemical weapons against Ukrainian troops"). The
    victim's own account of an attack is a report, not an accusation."""
    if root not in REPORTED_FORCE_ROOTS:
        return []
    speakers = _speakers(reporter, mentions)
    involved = {s.country for s in sources} | {t.country for t in targets}
    speakers = [s for s in speakers if s.country and s.country not in involved]
    if not speakers:
        return []
    pattern = Pattern(id="construction:reported-force", kind="verb", lemma=reporter.lemma_, code="112", target=(),
                      confidence=CONFIDENCE.reported_force)
    return [Proposal(pattern, reporter, speakers, sources, Modality())]


def claimed_force(reporter: Token, sources: list[ResolvedActor], targets: list[ResolvedActor], root: str,
                  mentions: MentionIndex) -> list[Proposal]:
    """Force claimed by the one who used it ("Ankara admitted that it had struck Iraq",
    "the group admitted it had kidnapped the engineers") is a claim of responsibility (015)."""
    if root not in REPORTED_FORCE_ROOTS or reporter.lemma_.lower() not in OWNING_UP_VERBS or not targets:
        return []
    speakers = _speakers(reporter, mentions)
    doers = {s.country or s.code for s in sources}
    speakers = [s for s in speakers if (s.country or s.code) in doers]
    if not speakers:
        return []
    pattern = Pattern(id="construction:claimed-force", kind="verb", lemma=reporter.lemma_, code="015", target=(),
                      confidence=CONFIDENCE.reported_force)
    return [Proposal(pattern, reporter, speakers, targets, Modality())]


def evaluations(sent: Span, mentions: MentionIndex, tokens: list[Token] | None = None) -> list[Proposal]:
    negative, positive = _evaluations()
    out = []
    for verb in sent if tokens is None else tokens:
        if verb.lemma_.lower() not in EVALUATIVE_VERBS or verb.pos_ != "VERB":
            continue
        obj = direct_object(verb)
        complements = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp")]
        complements += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                        for p in c.children if p.dep_ == "pobj"]
        if obj is not None:
            complements += [c for c in obj.children if c.dep_ in ("amod", "attr", "appos")]
        words = {c.lemma_.lower() for c in complements} | {g.lemma_.lower() for c in complements for g in c.children
                                                              if g.dep_ in ("amod", "compound")}
        code = "111" if words & negative else "051" if words & positive else None
        if code is None:
            continue
        targets = coded(owner_actors(obj, mentions)) if obj is not None else []
        if obj is not None and not targets and obj.pos_ != "PRON":
            targets = coded(actors_of_phrase(obj, mentions, direct=True))
        pattern = Pattern(id=f"construction:evaluation-{'negative' if code == '111' else 'positive'}", kind="verb",
                          lemma=verb.lemma_, code=code, target=(), confidence=CONFIDENCE.evaluation)
        out.append(Proposal(pattern, verb, _speakers(verb, mentions), targets, modality_of(verb)))
    return out
