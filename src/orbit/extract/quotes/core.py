"""find_quotes: the passes in order, then speakers carried over to quotes with no cue."""
from __future__ import annotations

from bisect import bisect_left
from typing import Optional

import numpy as np
from spacy.tokens import Doc

from ...model import Quote
from .context import _Ctx, _unreal
from .direct import _attach_cues, _direct_quotes, _direct_spans
from .indirect import _indirect_quotes
from .labels import _label_quotes, _split_turns
from .marks import _paragraphs
from .stance import _noun_quotes, _stance_quotes
from .tail import _tail_quotes


def find_quotes(doc: Doc, text: Optional[str] = None) -> list[Quote]:
    """Direct and indirect quotes of a parsed Doc with orbit's mentions, in text order.
    `text`: doc.text when the caller already has it (building it costs a pass over the Doc)."""
    from ...actors.phrases import MentionIndex

    if text is None:
        text = doc.text
    if len(doc) == 0:
        return []
    ctx = _Ctx(doc)
    paras = _paragraphs(text)
    para_starts = [p[0] for p in paras]
    # the paragraph of each token: no attribution crosses a paragraph break, whatever the parse says
    ctx.tpara = np.maximum(np.searchsorted(para_starts, ctx.starts, side="right") - 1, 0).tolist()
    directs = _direct_spans(doc, text, ctx)
    cues = [doc[i] for i in range(len(doc)) if ctx.maybe_cue[i] and ctx.in_quote[i] < 0]
    _attach_cues(doc, directs, cues, ctx)

    mentions = MentionIndex(doc)
    quotes = _split_turns(doc, text, _direct_quotes(doc, text, directs, ctx, mentions), mentions)
    quotes += _indirect_quotes(doc, text, cues, ctx, mentions)
    # stance and report verbs: "denied those claims", "accused X of Y", "polls show …", "vowed to …"
    # a cue that only governs a quoted phrase ("revealed discussion of a “quid pro quo” …") may
    # still report its whole object, which then holds the phrase
    governed: dict[int, list[tuple[int, int]]] = {}
    for q, c in quotes:
        if c is not None and q.kind == "direct":
            governed.setdefault(c.i, []).append(q.span)
    reported = {c.i for q, c in quotes if c is not None and q.kind == "indirect"}
    quotes += _stance_quotes(doc, text, ctx, mentions, reported, governed, [q.span for q, _ in quotes])
    # nouns: "allegations of fraud", "Trump's claim that …", "the call for …"
    quotes += _noun_quotes(doc, text, ctx, mentions, [q.span for q, _ in quotes])
    # labels: "Donald Trump Jr.: Women Who Can't …"
    quotes += _label_quotes(doc, text, ctx, mentions, [q.span for q, _ in quotes])
    # "…, FEC records show.": a closing attribution the parse left without its clause
    quotes += _tail_quotes(doc, text, ctx, mentions, {c.i for _, c in quotes if c is not None},
                           [q.span for q, _ in quotes])

    # reported speech that another speaker says will or would happen ("Hun Manet said Cambodia
    # would ask the court to rule …") is part of that statement, not a statement of its own
    outer = [q.span for q, _ in quotes if q.kind == "indirect"]
    quotes = [(q, c) for q, c in quotes
              if q.kind == "direct" or not _unreal(c) or
              not any(s < q.cue.span[0] and q.cue.span[1] <= e for s, e in outer)]
    quotes.sort(key=lambda x: x[0].span)
    return _continue_speakers([q for q, _ in quotes], para_starts)


def _continue_speakers(quotes: list[Quote], para_starts: list[int]) -> list[Quote]:
    """A statement with no cue continues the previous speaker of its own or the previous
    paragraph ('“A,” X said. “B.”': B is the rest of the same statement, under the same cue)."""

    def para_of(offset: int) -> int:
        return max(bisect_left(para_starts, offset + 1) - 1, 0)

    out: list[Quote] = []
    last: Optional[Quote] = None
    for quote in quotes:
        if quote.speaker is None and quote.cue is None and quote.kind == "direct" and last is not None \
                and para_of(quote.span[0]) - para_of(last.span[1]) <= 1:
            same = last.kind == "direct" and para_of(quote.span[0]) == para_of(last.span[1])
            quote = Quote(quote.text, quote.span, quote.kind, last.speaker, last.cue if same else None)
        if quote.speaker is not None:
            last = quote
        out.append(quote)
    return out
