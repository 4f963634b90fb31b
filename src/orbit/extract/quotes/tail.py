"""A closing attribution the parser did not tie to its clause: "…, FEC records show.", "…, the
party's finance chair, Ann Lowe, told reporters on Monday." The parser often makes such a cue
a conjunct of the sentence, or a noun ("records show" as one compound), and leaves it without
a subject; the word order still says who reported what. Read from the tokens: a clause, a
comma, a noun phrase (with an apposition), a cue and at most a short tail (an object, a time)
before the sentence ends."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from ...model import Quote
from .context import _clean, _Ctx, _negated, _trim
from .lexicon import FINITE_TAGS, INDIRECT_MIN_TOKENS, speech_verbs, stance_verbs
from .speakers import _cue_mention, _speaker

# the noun phrase naming the source: at most this many tokens between the comma and the cue,
# with at most TAIL_SOURCE_COMMAS commas of its own (an apposition: "X, a spokesman,")
TAIL_SOURCE_TOKENS = 12
TAIL_SOURCE_COMMAS = 2
# what may follow the cue before the sentence ends ("told The Washington Post earlier this week")
TAIL_AFTER_TOKENS = 8
# words of a source phrase: no verb, no conjunction (a list "Paris, Rome, and Berlin" is no source)
SOURCE_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "PRON", "ADP", "PUNCT"}
SOURCE_FIRST_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"}
AFTER_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "PRON", "ADP", "ADV", "PUNCT"}


@lru_cache(maxsize=1)
def _tail_cues() -> frozenset:
    """Speech verbs and the stance verbs that report a clause ("show", "find"); built once."""
    single = speech_verbs()[0]
    return single | frozenset(v for v, readings in stance_verbs().items() if "clause" in readings)


def _tail_quotes(doc: Doc, text: str, ctx: _Ctx, mentions, used: set[int],
                 spans: list[tuple[int, int]]) -> list[tuple[Quote, Token]]:
    """Indirect quotes of sentences that end "…, <source> <cue> [tail]." where the cue gave no
    quote of its own; none inside or overlapping another quote."""
    cues = _tail_cues()
    out: list[tuple[Quote, Token]] = []
    n = len(doc)
    lo = 0
    while lo < n:
        hi = ctx.sent_hi[lo]
        quote = _tail_quote(doc, text, ctx, mentions, used, spans, cues, lo, hi)
        if quote is not None:
            out.append(quote)
        lo = hi
    return out


def _tail_quote(doc: Doc, text: str, ctx: _Ctx, mentions, used: set[int], spans: list[tuple[int, int]],
                cues: frozenset, lo: int, hi: int):
    punct = ctx.punct
    end = hi
    while end > lo and punct[end - 1]:
        end -= 1
    # the cue: the last cue word, followed only by a short object or time phrase
    cue = None
    for k in range(end - 1, max(lo, end - 1 - TAIL_AFTER_TOKENS) - 1, -1):
        tok = doc[k]
        if tok.lemma_.lower() in cues and (tok.tag_.startswith("VB") or tok.tag_ in ("NN", "NNS")):
            cue = tok
            break
        if tok.pos_ not in AFTER_POS:
            return None
    if cue is None or cue.i in used or ctx.in_quote[cue.i] >= 0 or _negated(cue):
        return None
    para = ctx.tpara[cue.i]
    # the source: back to the farthest comma that leaves a noun phrase between it and the cue
    comma, commas = None, 0
    k = cue.i - 1
    while k > lo and cue.i - k <= TAIL_SOURCE_TOKENS and ctx.tpara[k] == para:
        tok = doc[k]
        if tok.text == ",":
            first = doc[k + 1] if k + 1 < cue.i else None
            if first is not None and first.text != "," and first.pos_ in SOURCE_FIRST_POS:
                comma = k
            commas += 1
            if commas > TAIL_SOURCE_COMMAS + 1:
                break
        elif tok.pos_ not in SOURCE_POS or tok.tag_ == "WP" or ctx.mark[k] > 0:
            break
        k -= 1
    if comma is None:
        return None
    source = [t for t in doc[comma + 1:cue.i] if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not source:
        return None
    # the head of the first noun phrase: its last noun before an apposition's comma or a
    # modifier ("an official familiar with the matter")
    head = source[0]
    for t in doc[comma + 1:cue.i]:
        if t.text == "," or (t.pos_ == "ADP" and t.lower_ != "of" and t.i > head.i):
            break
        if t.pos_ in ("NOUN", "PROPN", "PRON"):
            head = t
    start = lo
    while start < comma and ctx.tpara[start] != para:
        start += 1
    pieces = _trim(doc, start, comma, ctx)
    words = [i for s, e in pieces for i in range(s, e) if not punct[i]]
    if len(words) < INDIRECT_MIN_TOKENS or not any(doc[i].tag_ in FINITE_TAGS for i in words):
        return None
    if sum(1 for i in words if ctx.in_quote[i] >= 0) * 2 >= len(words):
        return None  # the direct quote carries it
    cs = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e in pieces]
    span = (cs[0][0], cs[-1][1])
    if any(s < span[1] and span[0] < e for s, e in spans):
        return None
    speaker = _speaker(head, mentions)
    qtext = " ".join(_clean(text[s:e]) for s, e in cs)
    return Quote(text=qtext, span=span, kind="indirect", speaker=speaker, cue=_cue_mention(cue)), cue
