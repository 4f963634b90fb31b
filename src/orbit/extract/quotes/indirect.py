"""Indirect speech of the speech verbs: "X said (that) …", "according to X, …", "…, X said.",
"called X a liar", and clauses the parser took for an object or a topic ("warned of …")."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from ...lexicon.words import RELATIVE_PRONOUNS
from ...model import Quote
from .context import _clean, _Ctx, _cut_nested, _first_in, _last_in, _minus, _negated, _trim
from .lexicon import (
    ANSWER_VERBS,
    CLAUSE_ONLY_VERBS,
    FINITE_TAGS,
    INDIRECT_MIN_TOKENS,
    OBJECT_CLAUSE_WORDS,
    OBJECT_COMPLEMENT_VERBS,
    PRONOUN_OBJECTS,
    QUOTE_CHARS,
    SUBJECT_DEPS,
    TOPIC_PREPS,
    _needs_actor,
)
from .speakers import _cue_mention, _speaker, _subject_in_para

# what a cue verb governs when it reports: an object ("told reporters") or a clause
CLAUSE_OR_OBJECT_DEPS = ("dobj", "ccomp", "xcomp")

# "as X reported Tuesday," with nothing of its own to report: subject, time, adverbs
BARE_AS_CLAUSE_DEPS = {"mark", "nsubj", "aux", "advmod", "npadvmod", "punct"}


def _indirect_quotes(doc: Doc, text: str, cues: list[Token], ctx: _Ctx,
                     mentions) -> list[tuple[Quote, Optional[Token]]]:
    """Reported speech of the speech verbs: the content each cue reports, with its speaker."""
    tpara, in_quote = ctx.tpara, ctx.in_quote
    quotes: list[tuple[Quote, Optional[Token]]] = []
    for cue in cues:
        if _negated(cue):
            continue
        # the content stays in the cue's paragraph
        pieces = [(s, e) for s, e in ((_first_in(tpara, s, e, tpara[cue.i]), _last_in(tpara, s, e, tpara[cue.i]))
                                      for s, e in _indirect_content(cue, ctx)) if s < e]
        pieces = [p for s, e in pieces for p in _trim(doc, s, e, ctx)]
        words = [i for s, e in pieces for i in range(s, e) if not ctx.punct[i]]
        if len(words) < INDIRECT_MIN_TOKENS:
            continue
        if sum(1 for i in words if in_quote[i] >= 0) * 2 >= len(words) and not _named_then_quoted(cue, words, ctx):
            continue  # the direct quote carries it
        subj = _subject_in_para(cue, tpara)
        speaker = _speaker(subj, mentions, _needs_actor(cue)) if subj is not None else None
        if speaker is None and _needs_actor(cue):
            continue
        if subj is None and cue.lower_ != "according":
            # "it was reported that": no speaker, and too often not speech at all
            if not any(c.dep_ == "nsubjpass" for c in cue.children):
                continue
        spans = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e in pieces]
        qtext = " ".join(_clean(text[s:e]) for s, e in spans)
        quotes.append((Quote(text=qtext, span=(spans[0][0], spans[-1][1]), kind="indirect", speaker=speaker,
                             cue=_cue_mention(cue)), cue))
    return quotes


def _indirect_content(cue: Token, ctx: _Ctx) -> list[tuple[int, int]]:
    """Token spans [(start, end)] of what a cue reports, or []."""
    doc = cue.doc
    if cue.lower_ == "according":
        head = cue.head
        if head.i == cue.i or not head.tag_.startswith("VB"):
            return []
        return _minus(head, cue, ctx)
    if cue.dep_ == "advcl" and cue.head.tag_.startswith("VB") and \
            any(c.dep_ == "mark" and c.lower_ == "as" and c.i < cue.i for c in cue.children) and \
            all(c.dep_ in BARE_AS_CLAUSE_DEPS or _when(c) for c in cue.children):
        # "As Politico reported, the PAC will …": the clause the "as" clause hangs from
        return _minus(cue.head, cue, ctx)
    ccomps = [c for c in cue.children if c.dep_ == "ccomp"]
    # a quotation the cue introduces after a colon is the direct quote's, not part of the clause
    after = [c for c in ccomps if c.i > cue.i and not _after_colon_between(cue, c, ctx)] or \
        [c for c in ccomps if c.i > cue.i]
    if after:
        # "said that A, that B and that C": every content clause after the cue; in "companies
        # that officials said had shipped …" the clause starts after the cue
        s = max(min(c.left_edge.i for c in after), cue.i + 1)
        e = max(c.right_edge.i for c in after) + 1
        return _trim(doc, s, _cut_nested(doc, cue, s, e, ctx), ctx)
    for c in ccomps:
        s, e = c.left_edge.i, c.right_edge.i + 1
        # a clause before its cue is reported only when it is a clause, and a comma or a
        # closing mark separates them ("…, said X"; not "… in Central Asia: The five
        # nations maintain", nor "In an interview focused on …, Trump said")
        if e >= len(doc) or doc[e].text not in (",", "”", '"', "—", "–", "''"):
            continue
        if not any(x.dep_ in SUBJECT_DEPS for x in c.children) and c.tag_ not in FINITE_TAGS:
            continue
        # only the cue's subject, auxiliaries and adverbs between: "…, Mr. Leonard said", not
        # "…, an allegation Phnom Penh denied"
        subj = {t.i for x in cue.children if x.dep_ in SUBJECT_DEPS for t in x.subtree}
        if any(not (ctx.punct[k] or k in subj or doc[k].dep_ in ("aux", "advmod", "neg")) for k in range(e, cue.i)):
            continue
        return _trim(doc, s, e, ctx)
    misread = _clause_after_phrase(cue, ctx)
    if misread:
        return misread
    if cue.lemma_.lower() in OBJECT_COMPLEMENT_VERBS:
        # "called Clinton a liar", "described the campaign as …", "told the United States not
        # to …", "called on men to …", "called for a no-fly zone": object and complement
        obj = next((c for c in cue.rights if c.dep_ == "dobj"), None)
        comps = [c for c in cue.rights if c.dep_ in ("xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "as")]
        oprds = [c for c in comps if c.dep_ == "oprd"]
        if obj is None and len(oprds) >= 2:
            # "called Budget Director Lena Hollis the “main obstacle” …": the parser made the
            # object a second complement
            obj = oprds[0]
            comps = [c for c in comps if c.i != obj.i]
        if obj is not None:
            comps += [c for c in obj.rights if c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as")]
            # "called Budget Director Lena Hollis the “chief obstacle” to reform": a quoted
            # complement the parser made an apposition of the object
            comps += [c for c in obj.rights if c.dep_ == "appos" and
                      any(ctx.in_quote[k] >= 0 for k in range(c.left_edge.i, c.right_edge.i + 1))]
        if obj is not None and comps:
            end = _cut_nested(doc, cue, obj.i, max(c.right_edge.i for c in comps) + 1, ctx)
            return _trim(doc, obj.left_edge.i, end, ctx)
        if cue.lemma_.lower() == "call":
            # "called for Trump to be replaced": a "for … to" clause the parser hung as an adverbial
            for_clause = next((c for c in cue.rights if c.dep_ == "advcl" and
                               any(m.dep_ == "mark" and m.lower_ == "for" and m.i == c.left_edge.i and
                                   m.i == cue.i + 1 for m in c.children)), None)
            if for_clause is not None:
                return _trim(doc, for_clause.left_edge.i + 1, _cut_nested(doc, cue, for_clause.i,
                                                                         for_clause.right_edge.i + 1, ctx), ctx)
            for prep in cue.rights:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "on"):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is None:
                        continue
                    end = max([prep.right_edge.i] + [c.right_edge.i for c in cue.rights if c.dep_ == "xcomp"]) + 1
                    return _trim(doc, pobj.left_edge.i, _cut_nested(doc, cue, pobj.i, end, ctx), ctx)
    misparsed = _object_clause(cue, ctx) or _topic(cue, ctx)
    if misparsed:
        return misparsed
    # "…, X said." / "…, he added": the cue interrupts or follows the clause it reports
    subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in RELATIVE_PRONOUNS or subj.i > cue.i and cue.dep_ != "parataxis":
        return []
    if any(c.dep_ in CLAUSE_OR_OBJECT_DEPS for c in cue.children) and cue.lemma_ != "tell":
        return []
    left = min([cue.i] + [c.left_edge.i for c in cue.lefts if not (c.is_punct or c.text in QUOTE_CHARS)])
    after = max([cue.i] + [c.right_edge.i for c in cue.rights if not (c.is_punct or c.text in QUOTE_CHARS)]) + 1
    if left == 0 or doc[left - 1].text not in (",", "”", '"', "—"):
        return []
    if after < len(doc) and not (doc[after].is_punct or doc[after].text in QUOTE_CHARS):
        return []
    if cue.dep_ == "parataxis" and cue.head.tag_.startswith("VB"):
        return _minus(cue.head, cue, ctx)
    if cue.dep_ in ("relcl", "acl", "conj", "advcl"):
        # a misparsed interjection ("…, a senior official said, and …"): the sentence before it
        return _trim(doc, ctx.sent_lo[cue.i], left, ctx)
    return []


def _named_then_quoted(cue: Token, words: list[int], ctx: _Ctx) -> bool:
    """'called it “horrific”', 'called the mayor “a coward”': the cue's object, outside the
    quotation, and what the quotation calls it are one report (the object says of what)."""
    first = words[0]
    return ctx.in_quote[first] < 0 and cue.doc[first].head.i == cue.i and cue.doc[first].dep_ == "dobj" and \
        any(ctx.in_quote[i] >= 0 for i in words)


def _clause_after_phrase(cue: Token, ctx: _Ctx) -> list[tuple[int, int]]:
    """'claimed at the time that she had repaid every loan': a content clause after a
    phrase of time, place or medium, which the parser made a relative clause of that phrase's
    noun. It is one when its "that" is no argument of the clause (a relative "that" is its
    subject or object: "the plan that she proposed") and the clause has a subject of its own."""
    for prep in cue.rights:
        if prep.dep_ != "prep" or prep.i - cue.i > 3:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            for rel in pobj.rights:
                if rel.dep_ != "relcl":
                    continue
                first = rel.left_edge
                if first.lower_ == "that" and first.dep_ in ("mark", "advmod") and \
                        any(c.dep_ in ("nsubj", "nsubjpass") and c.i != first.i for c in rel.children):
                    return _trim(cue.doc, first.i + 1, _cut_nested(cue.doc, cue, rel.i, rel.right_edge.i + 1, ctx), ctx)
    return []


def _after_colon_between(cue: Token, clause: Token, ctx: _Ctx) -> bool:
    """A colon between the cue and the clause: 'said …: “It is …”'."""
    return any(ctx.colon[k] for k in range(cue.i + 1, clause.left_edge.i + 1))


def _object_clause(cue: Token, ctx: _Ctx) -> list[tuple[int, int]]:
    """A content clause the parser took for an object: in "Obama says Trump modeling
    policies on …" or "she said many raised questions about …" the reported clause's subject
    became the verb's object. Only for saying verbs that take no object of their own."""
    lemma = cue.lemma_.lower()
    if lemma not in CLAUSE_ONLY_VERBS:
        return []
    obj = next((c for c in cue.rights if c.dep_ == "dobj"), None)
    if obj is None or obj.lower_ in PRONOUN_OBJECTS or obj.tag_ in ("WP", "WDT"):
        return []
    doc = cue.doc
    # the parser can make a stray punctuation mark the object: then there is no clause
    e = max((c.right_edge.i for c in cue.rights if c.i >= obj.i and not ctx.punct[c.i]), default=obj.i - 1) + 1
    words = sum(1 for k in range(obj.left_edge.i, e) if not ctx.punct[k])
    if words < OBJECT_CLAUSE_WORDS:
        return []
    return _trim(doc, obj.left_edge.i, _cut_nested(doc, cue, obj.i, e, ctx), ctx)


def _topic(cue: Token, ctx: _Ctx) -> list[tuple[int, int]]:
    """What a statement is about, when that is all the sentence gives: "warned of Russian
    efforts to …", "spoke out about the sexism …", "responded to the email"."""
    if any(c.dep_ in CLAUSE_OR_OBJECT_DEPS for c in cue.children):
        return []
    lemma = cue.lemma_.lower()
    for prep in cue.rights:
        if prep.dep_ != "prep" or not (prep.lower_ in TOPIC_PREPS or (prep.lower_ == "to" and lemma in ANSWER_VERBS)):
            continue
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is not None and not (pobj.lower_ in PRONOUN_OBJECTS and pobj.n_lefts + pobj.n_rights == 0):
            end = pobj.right_edge.i + 1
            # "referred to her as “the Devil”": what it was called belongs to the report
            naming = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "as" and c.i == end), None)
            if naming is not None:
                end = naming.right_edge.i + 1
            return _trim(cue.doc, pobj.left_edge.i, _cut_nested(cue.doc, cue, pobj.i, end, ctx), ctx)
    return []


def _when(prep: Token) -> bool:
    """A time phrase ("on Monday", "in March")."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return prep.dep_ == "prep" and bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)
