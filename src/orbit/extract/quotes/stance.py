"""Stance and report verbs ("denied the reports", "polls show …", "vowed to …") and reporting
nouns ("allegations of fraud", "Trump's claim that …"): attributions PolNeAR counts beyond
speech verbs."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import numpy as np
from spacy.attrs import LEMMA, TAG
from spacy.tokens import Doc, Token

from ...model import Quote
from .context import _clean, _Ctx, _cut_nested, _first_in, _last_in, _negated, _trim
from .indirect import _indirect_content
from .lexicon import (
    NOUN_MIN_WORDS,
    OBJECT_PREPS,
    PASSIVE_PREPS,
    PRONOUN_OBJECTS,
    STANCE_MIN_WORDS,
    _misread_verb,
    noun_cues,
    speech_verbs,
    stance_verbs,
)
from .speakers import _cue_mention, _speaker, _subject_in_para


def _stance_content(cue: Token, readings: frozenset, ctx: _Ctx) -> list[tuple[int, int]]:
    """Token spans of what a stance verb attributes: its content clause, object or infinitive."""
    doc = cue.doc
    if "clause" in readings:
        # as for a speech verb: "found that …", "…, records show", "polls show she leads"
        pieces = _indirect_content(cue, ctx)
        if pieces:
            return pieces
    if "object" in readings:
        obj = next((c for c in cue.rights if c.dep_ == "dobj"), None)
        gerund = next((c for c in cue.rights if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == cue.i + 1), None)
        if obj is None and gerund is not None:
            # "acknowledged giving free memberships to …": what the gerund says is the object
            return _trim(doc, gerund.i, _cut_nested(doc, cue, gerund.i, gerund.right_edge.i + 1, ctx), ctx)
        if obj is not None:
            e = obj.right_edge.i
            for c in cue.rights:
                if c.i > obj.i and c.dep_ in ("prep", "oprd", "xcomp") and \
                        (c.dep_ != "prep" or c.lower_ in OBJECT_PREPS):
                    e = max(e, c.right_edge.i)
                elif c.dep_ == "advmod" and c.left_edge.i == e + 1:  # "show the party well ahead"
                    e = c.right_edge.i
                elif c.i > obj.i and c.left_edge.i == e + 1 and _purpose(c):
                    e = c.right_edge.i
                elif c.i > obj.i and c.dep_ == "npadvmod" and c.left_edge.i == e + 1:
                    # "demanded an explanation for the letter Friday advising that …": a time
                    # word the parser hung on the verb does not end the object
                    e = c.right_edge.i
                elif c.i > obj.i and c.dep_ == "advcl" and c.tag_ == "VBG" and c.left_edge.i == e + 2 and \
                        doc[e + 1].text == "," and not any(m.dep_ == "mark" for m in c.children):
                    # "promised a closer relationship, if elected, starting with a meeting …"; not
                    # a clause of its own ("…, although surveys show …")
                    e = c.right_edge.i
            # a bare pronoun says nothing ("denied it"), unless a complement says what of
            # ("accusing her of lying")
            if not (obj.lower_ in PRONOUN_OBJECTS and obj.n_lefts + obj.n_rights == 0 and e == obj.i):
                return _trim(doc, obj.left_edge.i, _cut_nested(doc, cue, obj.i, e + 1, ctx), ctx)
    if "to" in readings:
        # "vowed to repeal …", and "want the party to remain behind him" (the infinitive's own
        # subject before it, which the parser makes a clause)
        comp = next((c for c in cue.rights if c.dep_ in ("xcomp", "ccomp") and c.tag_ in ("VB", "VBN") and
                     any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if comp is not None:
            return _trim(doc, comp.left_edge.i, _cut_nested(doc, cue, comp.i, comp.right_edge.i + 1, ctx), ctx)
    return []


def _stance_quotes(doc: Doc, text: str, ctx: _Ctx, mentions, used: set[int], governed: dict[int, list],
                   spans: list[tuple[int, int]]) -> list[tuple[Quote, Token]]:
    """Indirect quotes of the stance and report verbs of stance_verbs.txt that gave no quote
    as speech verbs; a content inside another quote is part of that one. `governed`: {cue:
    spans of the quotations it governs}; such a cue reports only a content holding them all."""
    from spacy.attrs import LEMMA

    verbs = stance_verbs()
    strings = doc.vocab.strings
    lemmas = doc.to_array([LEMMA]).tolist()
    wanted = {strings.add(v) for v in verbs}
    out: list[tuple[Quote, Token]] = []
    for i, lemma in enumerate(lemmas):
        if lemma not in wanted or i in used or ctx.in_quote[i] >= 0:
            continue
        cue = doc[i]
        if not (cue.tag_.startswith("VB") or _misread_verb(cue)) or _negated(cue) or cue.dep_ == "xcomp":
            continue  # "does not deny", "required companies to disclose": nobody took the stance
        readings = verbs[cue.lemma_.lower()]
        passive = _passive_content(cue, readings, ctx)
        pieces = passive or _stance_content(cue, readings, ctx)
        para = ctx.tpara[i]
        pieces = [(s, e) for s, e in ((_first_in(ctx.tpara, s, e, para), _last_in(ctx.tpara, s, e, para))
                                      for s, e in pieces) if s < e]
        if not pieces:
            continue
        words = [k for s, e in pieces for k in range(s, e) if not ctx.punct[k]]
        if len(words) < STANCE_MIN_WORDS or sum(1 for k in words if ctx.in_quote[k] >= 0) * 2 >= len(words):
            continue
        if passive:
            # the source is the agent, when the sentence names one
            agent = _agent_of(cue)
            speaker = _speaker(agent, mentions) if agent is not None and ctx.tpara[agent.i] == para else None
        else:
            subj = _subject_in_para(cue, ctx.tpara)
            if subj is None:
                continue
            speaker = _speaker(subj, mentions)
        cs = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e in pieces]
        span = (cs[0][0], cs[-1][1])
        inner = governed.get(i, [])
        if inner and not all(span[0] <= s and e <= span[1] and (s, e) != span for s, e in inner):
            continue
        if any(s <= span[0] and span[1] <= e for s, e in spans):
            continue
        qtext = " ".join(_clean(text[s:e]) for s, e in cs)
        out.append((Quote(text=qtext, span=span, kind="indirect", speaker=speaker, cue=_cue_mention(cue)), cue))
    return out


DASHES = ("-", "—", "–")


def _agent_of(cue: Token) -> Optional[Token]:
    """The noun of a passive verb's "by" phrase: its source, where the sentence names one."""
    return next((p for c in cue.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)


def _passive_content(cue: Token, readings: frozenset, ctx: _Ctx) -> list[tuple[int, int]]:
    """What a stance verb in the passive attributes: its subject with what it is taken as or
    for ("the West is portrayed as grim …", "who was accused of making advances …"), as two
    pieces; [] unless the verb has an object reading, a subject and such a complement."""
    if "object" not in readings or cue.tag_ != "VBN":
        return []
    subj = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    comps = [c for c in cue.rights if c.dep_ == "prep" and c.lower_ in PASSIVE_PREPS]
    if subj is None or not comps:
        return []
    doc = cue.doc
    first = _trim(doc, subj.left_edge.i, subj.right_edge.i + 1, ctx)
    end = max(c.right_edge.i for c in comps) + 1
    # a dash closes the aside the passive sits in ("a Republican who was accused of … - raised …")
    end = next((k for k in range(comps[0].i, end) if doc[k].text in DASHES), end)
    rest = _trim(doc, comps[0].i, _cut_nested(doc, cue, comps[0].i, end, ctx), ctx)
    return first + rest if first and rest else []


def _noun_content(cue: Token, readings: frozenset, ctx: _Ctx) -> list[tuple[int, int]]:
    """Token spans of what a reporting noun attributes: its "of"/"about"/"for" object, its
    content clause or its infinitive; [] when it has none of those it takes."""
    doc = cue.doc
    for c in cue.rights:
        if c.dep_ == "prep" and c.lower_ in readings:
            pobj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return _trim(doc, pobj.left_edge.i, _cut_nested(doc, cue, pobj.i, pobj.right_edge.i + 1, ctx), ctx)
        if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX"):
            mark = next((x for x in c.children if x.dep_ in ("mark", "aux") and x.i < c.i), None)
            if mark is None:
                continue
            # "the claim that the vote was rigged", not "the claim that he made" (a relative clause)
            if ("that" in readings and mark.lower_ == "that" and mark.dep_ == "mark") or \
                    ("to" in readings and mark.lower_ == "to" and mark.dep_ == "aux"):
                return _trim(doc, c.left_edge.i, _cut_nested(doc, cue, c.i, c.right_edge.i + 1, ctx), ctx)
    return []


def _subject_for(noun: Token) -> Optional[Token]:
    """The subject of the verb whose object (or prepositional object) the noun is."""
    tok = noun
    for _ in range(4):
        if tok.dep_ not in ("dobj", "pobj", "prep", "attr") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return None


def _noun_source(cue: Token) -> Optional[Token]:
    """Who holds or made the claim: the possessor ("Trump's claim") or a "by" phrase."""
    for c in cue.children:
        if c.dep_ == "poss":
            # "Ryan withdrew his endorsement of …": the possessive pronoun stands for the subject
            # of the verb the noun is the object of, which names the source
            return _subject_for(cue) if c.tag_ == "PRP$" and _subject_for(cue) is not None else c
    for c in cue.rights:
        if c.dep_ == "prep" and c.lower_ == "by":
            return next((x for x in c.children if x.dep_ == "pobj"), None)
    return None


def _noun_quotes(doc: Doc, text: str, ctx: _Ctx, mentions, spans: list[tuple[int, int]]) -> list[tuple[Quote, Token]]:
    """Indirect quotes of the reporting nouns of noun_cues.txt; none inside another quote."""
    from spacy.attrs import LEMMA

    nouns = noun_cues()
    wanted = {doc.vocab.strings.add(v) for v in nouns}
    out: list[tuple[Quote, Token]] = []
    for i, lemma in enumerate(doc.to_array([LEMMA]).tolist()):
        if lemma not in wanted or ctx.in_quote[i] >= 0:
            continue
        cue = doc[i]
        if cue.pos_ != "NOUN":
            continue
        para = ctx.tpara[i]
        pieces = [(s, e) for s, e in ((_first_in(ctx.tpara, s, e, para), _last_in(ctx.tpara, s, e, para))
                                      for s, e in _noun_content(cue, nouns[cue.lemma_.lower()], ctx)) if s < e]
        words = [k for s, e in pieces for k in range(s, e) if not ctx.punct[k]]
        if len(words) < NOUN_MIN_WORDS or sum(1 for k in words if ctx.in_quote[k] >= 0) * 2 >= len(words):
            continue
        cs = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e in pieces]
        span = (cs[0][0], cs[-1][1])
        if any(s <= span[0] and span[1] <= e for s, e in spans):
            continue  # part of a statement already found
        src = _noun_source(cue)
        speaker = _speaker(src, mentions) if src is not None else None
        qtext = " ".join(_clean(text[s:e]) for s, e in cs)
        out.append((Quote(text=qtext, span=span, kind="indirect", speaker=speaker, cue=_cue_mention(cue)), cue))
    return out


def _purpose(c: Token) -> bool:
    """A phrase after a stance verb's object that says what for or in what ("blasted X for
    hypocrisy in relying on …", "dismissing X as the wrong man to make …"), not when or where."""
    if c.dep_ in ("advcl", "xcomp"):
        return True
    return c.dep_ == "prep" and any(x.dep_ == "pcomp" and x.tag_ == "VBG" for x in c.children)


@lru_cache(maxsize=1)
def _agent_lemmas() -> tuple[int, ...]:
    """The string hashes of the verbs whose passive reports what its subject names: speech
    verbs and stance verbs with an object reading; built once."""
    from spacy.strings import hash_string

    objects = {v for v, readings in stance_verbs().items() if "object" in readings}
    return tuple(hash_string(v) for v in sorted(speech_verbs()[0] | objects))


def _agent_quotes(doc: Doc, text: str, ctx: _Ctx, mentions, used: set[int],
                  spans: list[tuple[int, int]]) -> list[tuple[Quote, Token]]:
    """Reports in the passive with their source named by "by": "The plan to close the ferry was
    first reported by The Harbour Gazette", "the memo disclosed by the union": what was reported
    is the subject or the noun the participle follows, the agent the source. For speech verbs
    and the stance verbs with an object reading, once no other pass took the cue."""
    strings = doc.vocab.strings
    arr = doc.to_array([LEMMA, TAG])
    wanted = np.array(_agent_lemmas(), dtype=arr.dtype)
    out: list[tuple[Quote, Token]] = []
    for i in np.flatnonzero((arr[:, 1] == strings.add("VBN")) & np.isin(arr[:, 0], wanted)).tolist():
        if i in used or ctx.in_quote[i] >= 0:
            continue
        cue = doc[i]
        agent = _agent_of(cue)
        if agent is None or _negated(cue) or ctx.tpara[agent.i] != ctx.tpara[i]:
            continue
        subj = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            s, e = subj.left_edge.i, subj.right_edge.i + 1
        elif cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN") and cue.head.i < cue.i:
            s, e = cue.head.left_edge.i, cue.head.i + 1  # the noun without the participle
        else:
            continue
        if subj is not None and subj.lower_ in PRONOUN_OBJECTS and subj.n_lefts + subj.n_rights == 0:
            continue  # "it was reported by …" says nothing of what
        pieces = _trim(doc, s, e, ctx)
        words = [k for a, b in pieces for k in range(a, b) if not ctx.punct[k]]
        if not words or ctx.tpara[words[0]] != ctx.tpara[i] or \
                sum(1 for k in words if ctx.in_quote[k] >= 0) * 2 >= len(words):
            continue
        cs = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)) for a, b in pieces]
        span = (cs[0][0], cs[-1][1])
        if any(a < span[1] and span[0] < b for a, b in spans):
            continue
        qtext = " ".join(_clean(text[a:b]) for a, b in cs)
        out.append((Quote(text=qtext, span=span, kind="indirect", speaker=_speaker(agent, mentions),
                          cue=_cue_mention(cue)), cue))
    return out
