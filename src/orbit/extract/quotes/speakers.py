"""Who said it: the subject of a cue (climbing from "saying" to the clause it modifies, the
agent of a passive, the noun after an inverted cue), resolved to one of orbit's actors."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from ...model import ActorRef, Mention
from .context import _Ctx
from .lexicon import CLIMB_DEPS, FINITE_TAGS, INVERSION_MARKS, NO_SPEAKER_WORDS, SUBJECT_DEPS

# -- speakers ----------------------------------------------------------------------------

def _subject(cue: Token) -> Optional[Token]:
    tok = cue
    for _ in range(7):
        if tok.lower_ == "according":
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "to":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            return pobj
            return None
        passive = None
        if tok is cue and tok.tag_ in FINITE_TAGS and tok.i > 0 and tok.doc[tok.i - 1].text in INVERSION_MARKS and \
                not any(c.dep_ in SUBJECT_DEPS and c.pos_ != "PUNCT" for c in tok.lefts):
            # '“…,” responded campaign chairman John Podesta': the speaker follows the cue,
            # whatever the parser made of it (a second subject, an object)
            for c in tok.rights:
                if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN", "PRON") and c.i - tok.i <= 6:
                    return c
            for c in tok.rights:
                if c.dep_ in ("dobj", "attr", "appos") and c.pos_ in ("PROPN", "NOUN") and c.i - tok.i <= 6 \
                        and c.ent_type_ not in ("DATE", "TIME"):
                    return c
        # two subjects: a dateline the parser took for one ("WASHINGTON (AP) — Obama said"); the
        # nearer the verb is the speaker
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            return max(subjects, key=lambda c: (c.i < tok.i, c.i if c.i < tok.i else -c.i))
        for c in tok.children:
            if c.dep_ == "nsubjpass":
                passive = c
        for c in tok.children:
            if c.dep_ == "agent":
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        if passive is not None:
            # "he was quoted as saying" names the speaker; "it was announced" does not
            return passive if passive.lower_ not in NO_SPEAKER_WORDS else None
        if tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i:
            tok = tok.head
            # "… before confirming that …": from the preposition to the verb it modifies;
            # "are quick to note that …": from the adjective to its copula, which has the subject.
            # Only for a cue with a clause or infinitive of its own ("since announcing his bid" is
            # no report)
            if tok.dep_ in ("prep", "acomp") and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX") and \
                    any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
                tok = tok.head
            continue
        if tok.dep_ == "relcl":  # "Mr. Blinken, who said": the relative pronoun was the subject
            return tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "analysts saying …", "polls showing …": the noun the participle follows; but a
            # statement someone issued or sent speaks for its author ("X issued a statement
            # saying …", "in a tweet saying …")
            head = tok.head
            if head.dep_ == "dobj" and head.head.tag_.startswith("VB"):
                tok = head.head
                continue
            if head.dep_ == "pobj" and head.head.lower_ == "in" and head.head.head.tag_.startswith("VB"):
                tok = head.head.head
                continue
            return head

        return None
    return None


def _subject_in_para(cue: Token, tpara: list[int]) -> Optional[Token]:
    """The cue's subject, which must be in the cue's paragraph: a parse that ran across a
    paragraph break falls back to the noun just before the cue ("… FBI say")."""
    subj = _subject(cue)
    if subj is None or tpara[subj.i] == tpara[cue.i]:
        return subj
    j = cue.i - 1
    while j >= 0 and tpara[j] == tpara[cue.i] and cue.doc[j].pos_ in ("ADV", "AUX", "PART"):
        j -= 1
    if j >= 0 and tpara[j] == tpara[cue.i] and cue.doc[j].pos_ in ("NOUN", "PROPN", "PRON"):
        return cue.doc[j]
    return None


def _phrase_span(tok: Token) -> tuple[int, int]:
    """Token span of a noun phrase without its clauses and appositions."""
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case"):
            start = min(start, c.left_edge.i)
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("compound", "case") or (c.dep_ == "prep" and c.lower_ == "of"):
            end = max(end, c.right_edge.i + 1)
    return start, end


def _speaker(tok: Token, mentions, direct: bool = False) -> Optional[ActorRef]:
    """The actor a subject names; `direct`: only one named outright (not the owner of a thing)."""
    from ...actors.phrases import actors_of_phrase

    doc = tok.doc
    # an actor named outright, then by an apposition ("Brazile's CNN colleague, Jake
    # Tapper"), then the owner of the noun ("the CNN host") unless the cue needs an actor
    found = actors_of_phrase(tok, mentions, direct=True)
    if not found:
        for c in tok.children:
            if c.dep_ == "appos":
                found = actors_of_phrase(c, mentions, direct=True)
                if found:
                    break
    if not found and not direct:
        found = actors_of_phrase(tok, mentions)
    if direct and not found:
        return None
    if found:
        r = found[0]
        span = doc[r.start:r.end]
        return ActorRef(text=span.text, span=(span.start_char, span.end_char), name=r.actor.name, code=r.code,
                        country=r.country, role=r.role or r.actor.role, actor_id=r.actor.id)
    if tok.lower_ in NO_SPEAKER_WORDS or tok.pos_ in ("VERB", "AUX", "PUNCT", "SCONJ", "ADP", "CCONJ", "DET", "NUM"):
        return None
    s, e = _phrase_span(tok)
    span = doc[s:e]
    return ActorRef(text=span.text, span=(span.start_char, span.end_char))


def _cue_mention(cue: Token) -> Mention:
    doc = cue.doc
    end = cue.i + 1
    if cue.lower_ == "according" and end < len(doc) and doc[end].lower_ == "to":
        end += 1
    for c in cue.children:
        if c.dep_ == "prt" and c.i == end:
            end += 1
    span = doc[cue.i:end]
    return Mention(span.text, (span.start_char, span.end_char))


def _label_speaker(doc: Doc, colon: int, ctx: _Ctx) -> Optional[Token]:
    """The name labelling a quote: 'Maria Olsen, The Daily Ledger: “…”', 'OLSEN: “…”'.
    The words before the colon, from the start of their paragraph, are a short phrase with a
    proper noun and no verb."""
    start = colon
    while start > 0 and ctx.tpara[start - 1] == ctx.tpara[colon] and colon - start < 12:
        start -= 1
    if start > 0 and ctx.tpara[start - 1] == ctx.tpara[colon]:
        return None  # longer than a label
    words = [t for t in doc[start:colon] if not ctx.punct[t.i]]
    if not words or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    first = next((t for t in words if t.pos_ == "PROPN"), None)
    if first is None:
        return None
    tok = first
    while tok.dep_ in ("compound", "flat") and start <= tok.head.i < colon and tok.head.i != tok.i:
        tok = tok.head
    return tok
