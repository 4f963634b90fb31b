"""Per-document arrays the passes share (read once from the Doc: Token objects are costly to
create), and the span helpers that trim a reported clause to its words."""
from __future__ import annotations

from typing import Optional

import numpy as np
from spacy.tokens import Doc, Token

from .lexicon import (
    _WS,
    CLOSING,
    MARKS,
    OPENING,
    QUOTE_CHARS,
    QUOTE_TAIL,
    TRAILING_ADJUNCT_WORDS,
    TRAILING_PARTICIPLE_DEPS,
    UNREAL_AUX,
    _is_cue,
    _misread_verb,
    speech_verbs,
)

# -- the extractor -----------------------------------------------------------------------

class _Direct:
    __slots__ = ("pieces", "start", "end", "tstart", "tend", "statement", "cue", "governed")

    def __init__(self, pieces, tstart, tend):
        self.pieces = pieces
        self.start, self.end = pieces[0][0], pieces[-1][1]
        self.tstart, self.tend = tstart, tend  # tokens of the content, marks included
        self.statement = False
        self.cue: Optional[Token] = None
        self.governed = False


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


class _Ctx:
    """Per-document arrays, read once from the Doc (Token objects are costly to create)."""

    def __init__(self, doc: Doc):
        from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, SENT_START, TAG

        strings = doc.vocab.strings
        arr = doc.to_array([IDX, LEMMA, TAG, SENT_START, LOWER, IS_PUNCT, IS_SPACE, ORTH])
        n = len(arr)
        idx, lemma, tag, sent, lower, punct, space, orth = (arr[:, k] for k in range(8))
        self.starts = idx.tolist()

        def hashes(forms) -> "np.ndarray":
            return np.array([strings.add(f) for f in forms], dtype=arr.dtype)

        # 1 opening mark, 2 closing mark, 3 either, 4 other quote character, 0 none
        mark = np.zeros(n, dtype=np.int8)
        mark[np.isin(orth, hashes(QUOTE_CHARS - MARKS))] = 4
        mark[np.isin(orth, hashes(['"', "''"]))] = 3
        mark[np.isin(orth, hashes(CLOSING - {"''"}))] = 2
        mark[np.isin(orth, hashes(OPENING))] = 1
        self.mark = mark.tolist()
        self.punct = ((punct != 0) | (space != 0) | (mark > 0)).tolist()
        self.colon = (orth == strings.add(":")).tolist()
        single, particle, _ = speech_verbs()
        cue = np.isin(lemma, hashes(single | set(particle))) & np.isin(tag, hashes(["VB", "VBD", "VBG", "VBN", "VBP",
                                                                                   "VBZ"]))
        according = np.zeros(n, dtype=bool)
        according[:-1] = (lower[:-1] == strings.add("according")) & (lower[1:] == strings.add("to"))
        self.maybe_cue = (cue | according).tolist()
        for i in np.flatnonzero(cue & np.isin(lemma, hashes(set(particle)))).tolist():
            if not _is_cue(doc[i]):  # "point" without its "out"
                self.maybe_cue[i] = False
        # "Obama says Trump …" with "says" tagged as a plural noun
        for i in np.flatnonzero(np.isin(lemma, hashes(single)) & np.isin(tag, hashes(["NN", "NNS"]))).tolist():
            if _misread_verb(doc[i]):
                self.maybe_cue[i] = True
        # sentence bounds per token
        starts = np.flatnonzero(sent == 1)
        if n and (len(starts) == 0 or starts[0] != 0):
            starts = np.concatenate([[0], starts])
        which = np.searchsorted(starts, np.arange(n), side="right") - 1
        self.sent_lo = starts[which].tolist()
        self.sent_hi = np.append(starts[1:], n)[which].tolist()


def _first_in(tpara: list[int], s: int, e: int, para: int) -> int:
    while s < e and tpara[s] != para:
        s += 1
    return s


def _last_in(tpara: list[int], s: int, e: int, para: int) -> int:
    while e > s and tpara[e - 1] != para:
        e -= 1
    return e


def _according(tok: Token) -> bool:
    return tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"


def _after_colon(ctx: _Ctx, i: int) -> bool:
    return i > 0 and ctx.colon[i - 1]


def _unreal(cue: Token) -> bool:
    """A cue in the future, conditional or infinitive ("would ask", "will say", "to tell")."""
    return cue.dep_ == "xcomp" or any(c.dep_ in ("aux", "auxpass") and c.lower_ in UNREAL_AUX for c in cue.children)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _cut_nested(doc: Doc, cue: Token, s: int, e: int, ctx: _Ctx) -> int:
    """End of a content span before a second statement hanging from it ("…, before noting
    that …", "…, adding that …")."""
    for i in range(s + 1, e):
        if ctx.maybe_cue[i]:
            t = doc[i]
            # a subordinate clause with a conjunction of its own ("… since he had testified")
            # belongs to the report; a participle ("…, adding that …") or a clause after a
            # comma is a statement of its own
            if t.dep_ in ("advcl", "conj") and t.head.i != cue.i and t.left_edge.i > s and \
                    (t.tag_ == "VBG" or doc[_before_marks(ctx, t.left_edge.i)].text in (",", "—", "-", ";")):
                return t.left_edge.i
            # "…, before noting that …": a participle after a preposition and a comma
            if t.dep_ == "pcomp" and t.tag_ == "VBG" and t.head.i == i - 1 and t.head.dep_ == "prep" and \
                    i - 1 > s and doc[_before_marks(ctx, i - 1)].text == ",":
                return i - 1
    return e


def _before_marks(ctx: _Ctx, i: int) -> int:
    """The token before i, past the quotation marks between ('…,” adding'): the comma."""
    j = i - 1
    while j > 0 and ctx.mark[j] > 0:
        j -= 1
    return j


def _minus(head: Token, cut: Token, ctx: _Ctx) -> list[tuple[int, int]]:
    doc = head.doc
    s, e = head.left_edge.i, head.right_edge.i + 1
    cs, ce = cut.left_edge.i, cut.right_edge.i + 1
    pieces = [p for p in (_trim(doc, s, cs, ctx), _trim(doc, ce, e, ctx)) if p]
    return [p[0] for p in pieces]


def _trim(doc: Doc, s: int, e: int, ctx: _Ctx) -> list[tuple[int, int]]:
    """[(s, e)] without edge punctuation, a leading "that" or conjunction; marks of a quote
    opened or closed inside are kept."""
    punct, mark = ctx.punct, ctx.mark
    while s < e and (punct[s] or (doc[s].dep_ == "mark" and doc[s].lower_ == "that") or doc[s].dep_ == "cc"):
        s += 1
    while e > s and punct[e - 1]:
        e -= 1
    e = _before_trailing_aside(doc, s, e, ctx)
    if e <= s:
        return []
    opened = sum(1 for i in range(s, e) if mark[i] == 1) - sum(1 for i in range(s, e) if mark[i] == 2)
    if opened < 0 and s > 0 and mark[s - 1] == 1:
        s -= 1  # the opening mark of a quote closed inside
    elif opened > 0:
        j = e  # the closing mark (after the punctuation before it) of a quote opened inside
        while j < len(doc) and j < e + 3 and punct[j] and mark[j] != 2:
            j += 1
        if j < len(doc) and mark[j] == 2:
            e = j + 1
    s, e = _whole_quotes(s, e, ctx)
    return [(s, e)] if e > s else []


def _whole_quotes(s: int, e: int, ctx: _Ctx) -> tuple[int, int]:
    """A clause whose edge falls just inside a quotation takes the quotation whole, marks and
    the punctuation inside them included ('… takes this “very seriously.”'), so that the
    quotation lies inside the clause that reports it."""
    in_quote = getattr(ctx, "in_quote", None)
    if in_quote is None or e <= s:
        return s, e
    qi = in_quote[e - 1]
    if qi >= 0:
        qe = ctx.quote_bounds[qi][1]
        if e < qe <= e + QUOTE_TAIL:
            e = qe
    qi = in_quote[s]
    if qi >= 0:
        qs = ctx.quote_bounds[qi][0]
        if s - QUOTE_TAIL <= qs < s:
            s = qs
    return s, e


def _before_trailing_aside(doc: Doc, s: int, e: int, ctx: _Ctx) -> int:
    """End of a reported clause before an aside that runs to its end: a parenthesis, or after
    a comma a phrase opened by a word of quotes.trailing_adjunct_words (", despite …") or a
    participle clause (", cementing its position"). Those are the writer's, not the
    source's: PolNeAR leaves them out of the content. (", which …", ", with …" and
    ", including …" asides are as often inside the content on PolNeAR dev: kept.)"""
    punct = ctx.punct
    last = e - 1
    while last > s and punct[last]:
        last -= 1
    for k in range(s + 1, last + 1):
        tok = doc[k]
        if tok.text == "(":
            # a parenthesis closing at the end of the clause, or never
            close = next((j for j in range(k + 1, last + 1) if doc[j].text == ")"), None)
            if close is None or close == last:
                return k
            continue
        # the comma may sit inside a quotation that closes before the aside ('"fully funded," despite')
        comma = doc[k - 1].text == "," or (ctx.mark[k - 1] in (2, 3) and k >= 2 and doc[k - 2].text == ",")
        if not comma or _quoted(ctx, k):
            continue
        elif tok.lower_ in TRAILING_ADJUNCT_WORDS:
            aside = tok.head if tok.dep_ in ("mark", "nsubj", "nsubjpass", "dobj") else tok
        elif tok.tag_ == "VBG" and tok.dep_ in TRAILING_PARTICIPLE_DEPS and doc[k - 1].text == ",":
            aside = tok
        elif tok.dep_ == "advmod" and tok.head.i == k + 1 and tok.head.tag_ == "VBG" and \
                tok.head.dep_ in TRAILING_PARTICIPLE_DEPS and doc[k - 1].text == ",":
            aside = tok.head  # ", even attempting to …"
        else:
            continue
        if aside.left_edge.i >= k - 1 and aside.right_edge.i >= last:
            return k - 1 if doc[k - 1].text == "," else k
    return e


def _quoted(ctx: _Ctx, i: int) -> bool:
    in_quote = getattr(ctx, "in_quote", None)  # set once the quotations are known
    return in_quote is not None and in_quote[i] >= 0
