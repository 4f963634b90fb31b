"""Direct quotations: which quoted spans are statements, and the cue and speaker of each."""
from __future__ import annotations

from bisect import bisect_left
from typing import Optional

from spacy.tokens import Doc, Token

from ...model import Quote
from .context import _after_colon, _before_marks, _clean, _Ctx, _Direct
from .lexicon import FINITE_TAGS, STATEMENT_WORDS, SUBJECT_DEPS, _needs_actor
from .marks import _title, quoted_spans
from .speakers import _cue_mention, _label_speaker, _speaker, _subject_in_para


def _direct_cue(doc: Doc, q: _Direct, qi: int, ctx: _Ctx, all_cues: list[bool],
                cues: list[Token]) -> tuple[Optional[Token], bool]:
    """The cue of a direct quote and whether the parse ties the quote to it."""
    inside = range(q.tstart, q.tend)
    in_quote, tpara = ctx.in_quote, ctx.tpara
    p0, p1 = tpara[q.tstart], tpara[q.tend - 1]

    def is_cue(i: int) -> bool:  # a cue in the quote's paragraphs
        return all_cues[i] and p0 <= tpara[i] <= p1

    cues = [c for c in cues if p0 <= tpara[c.i] <= p1]
    # 1. a cue the quote hangs from, not through the cue's subject
    for i in inside:
        if ctx.punct[i]:
            continue
        t = doc[i]
        child, head = t, t.head
        for _ in range(8):
            if head.i == child.i or head.i in inside:
                break
            if in_quote[head.i] >= 0 and in_quote[head.i] != qi:
                break
            if is_cue(head.i):
                if child.dep_ not in SUBJECT_DEPS:
                    return head, True
                break
            child, head = head, head.head
    # 2. a cue hanging from the quote: "this, Mr. Joroev added, “gave …”"
    for i in inside:
        for c in doc[i].children:
            if is_cue(c.i) and c.dep_ in ("parataxis", "ccomp", "advcl", "conj", "dep", "prn"):
                return c, True
    if not q.statement:
        return None, False
    # 3. the nearest cue outside quotes in the quote's sentences
    lo, hi = ctx.sent_lo[q.tstart], ctx.sent_hi[q.tend - 1]
    # '“….” he said.' is often split into two sentences
    if hi < len(doc) and ctx.sent_hi[hi] - hi <= 6 and q.tend >= hi - 1:
        hi = ctx.sent_hi[hi]
    best, dist = None, None
    for c in cues:
        if c.i < lo or c.i >= hi:
            continue
        d = q.tstart - c.i if c.i < q.tstart else c.i - q.tend
        # a cue with its own content clause reports something else
        if any(ch.dep_ == "ccomp" and in_quote[ch.i] != qi for ch in c.children):
            continue
        if dist is None or d < dist:
            best, dist = c, d
    if best is not None:
        return best, False
    # 4. '“Shall we meet …?” his press secretary Ana Ruiz wrote to …': the parser made the
    # attribution a sentence of its own; it starts in lower case or with its cue
    if hi < len(doc) and tpara[hi] == p1 and q.tend >= hi - 1:
        root = doc[hi].sent.root
        first = next((t for t in doc[hi:ctx.sent_hi[hi]] if not ctx.punct[t.i]), None)
        if is_cue(root.i) and root.i - hi <= 8 and first is not None and \
                (first.is_lower or first.i == root.i) and not any(c.dep_ == "ccomp" for c in root.children):
            return root, False
    # 5. "He said:" ending the previous sentence
    if lo > 0:
        j = _before_marks(ctx, lo)
        if ctx.colon[j]:
            for c in reversed(cues):
                if ctx.sent_lo[j] <= c.i < j:
                    return c, False
    return None, False


def _direct_spans(doc: Doc, text: str, ctx: _Ctx) -> list[_Direct]:
    """The quotations of the text with the tokens they cover (marks included); sets
    ctx.in_quote (token -> quotation, -1 outside) and ctx.quote_bounds."""
    starts, n = ctx.starts, len(doc)
    in_quote = [-1] * n
    directs: list[_Direct] = []
    for pieces in quoted_spans(text):
        ts = max(bisect_left(starts, max(pieces[0][0] - 1, 0) + 1) - 1, 0)  # the token of the opening mark
        if ts < n and starts[ts] < pieces[0][0] - 1:
            ts += 1
        te = bisect_left(starts, pieces[-1][1] + 1)  # tokens starting at or before the closing mark
        if te <= ts:
            continue
        q = _Direct(pieces, ts, te)
        for i in range(ts, te):
            in_quote[i] = len(directs)
        directs.append(q)
    ctx.in_quote = in_quote
    ctx.quote_bounds = [(q.tstart, q.tend) for q in directs]
    return directs


def _attach_cues(doc: Doc, directs: list[_Direct], cues: list[Token], ctx: _Ctx) -> None:
    """Whether each quotation is a statement (not a scare quote or a title) and its cue."""
    is_cue = [False] * len(doc)
    for c in cues:
        is_cue[c.i] = True
    tpara = ctx.tpara
    for qi, q in enumerate(directs):
        content = [doc[i] for i in range(q.tstart, q.tend) if not ctx.punct[i]]
        if not content:
            q.statement = False
            continue
        if _title(content):
            continue  # a title of a book, show or article: "told “Meet the Press”"
        finite = any(t.tag_ in FINITE_TAGS for t in content)
        opens_sentence = ctx.sent_lo[q.tstart] == q.tstart or _after_colon(ctx, q.tstart) or \
            q.tstart == 0 or tpara[q.tstart - 1] != tpara[q.tstart] or \
            (ctx.sent_lo[q.tstart - 1] == q.tstart - 1 and ctx.mark[q.tstart - 1] > 0)
        q.statement = finite or len(content) >= STATEMENT_WORDS or opens_sentence
        q.cue, q.governed = _direct_cue(doc, q, qi, ctx, is_cue, cues)


def _direct_quotes(doc: Doc, text: str, directs: list[_Direct], ctx: _Ctx,
                   mentions) -> list[tuple[Quote, Optional[Token]]]:
    """The statements among the quotations, each with its speaker and cue."""
    quotes: list[tuple[Quote, Optional[Token]]] = []
    for q in directs:
        if not q.statement and not q.governed:
            continue  # a scare quote
        speaker = None
        if q.cue is not None:
            subj = _subject_in_para(q.cue, ctx.tpara)
            speaker = _speaker(subj, mentions, _needs_actor(q.cue)) if subj is not None else None
            if not q.statement and speaker is None:
                continue  # a governed phrase with nobody saying it: "called the “yurt …”"
        elif q.tstart > 0 and ctx.colon[q.tstart - 1]:
            label = _label_speaker(doc, q.tstart - 1, ctx)
            speaker = _speaker(label, mentions) if label is not None else None
        qtext = " ".join(_clean(text[s:e]) for s, e in q.pieces)
        quotes.append((Quote(text=qtext, span=(q.start, q.end), kind="direct", speaker=speaker,
                             cue=_cue_mention(q.cue) if q.cue is not None else None), q.cue))
    return quotes
