"""find_quotes: the passes in order, then speakers carried over to quotes with no cue."""
from __future__ import annotations

from bisect import bisect_left
from typing import Optional

import numpy as np
from spacy.tokens import Doc

from ...model import ActorRef, Quote
from .context import _Ctx, _unreal
from .direct import _attach_cues, _direct_quotes, _direct_spans
from .indirect import _indirect_quotes
from .labels import _label_quotes, _split_turns
from .lexicon import CARRY_PARAGRAPHS, DOCUMENT_NOUNS, SPOKESPERSON_NOUNS, STANDING_DETERMINERS
from .marks import _paragraphs
from .stance import _agent_quotes, _noun_quotes, _stance_quotes
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
    # the passive with its source: "the plan was first reported by The Harbour Gazette"
    quotes += _agent_quotes(doc, text, ctx, mentions, {c.i for _, c in quotes if c is not None},
                            [q.span for q, _ in quotes])
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
    return _continue_speakers(_carry_speakers(doc, [q for q, _ in quotes], para_starts), para_starts)


def _standing_noun(speaker: ActorRef) -> Optional[str]:
    """The noun of a speaker named only as "the statement" or "the spokeswoman" (a definite
    article or demonstrative and the noun, nothing that names whose)."""
    words = speaker.text.lower().split()
    if len(words) != 2 or words[0] not in STANDING_DETERMINERS:
        return None
    noun = words[1]
    if noun in DOCUMENT_NOUNS:
        return noun if speaker.name is None else None
    # a spokesperson the actors stage made a role of no country ("spokeswoman") names nobody yet
    if noun in SPOKESPERSON_NOUNS and (speaker.name is None or speaker.name.lower() == noun):
        return noun
    return None


def _carry_speakers(doc: Doc, quotes: list[Quote], para_starts: list[int]) -> list[Quote]:
    """A speaker the text names only as "the statement" or "the spokeswoman" is the earlier
    named speaker it stands for: the nearest resolved speaker of the last CARRY_PARAGRAPHS
    paragraphs whose sentence introduced that statement ("X said in a statement …", "X issued a
    statement …") or, for a spokesperson, the nearest resolved speaker that is a body, not a
    person ("the ministry said …. The spokeswoman added …"). The words and span stay the local
    ones; the actor is the earlier speaker's."""

    def para_of(offset: int) -> int:
        return max(bisect_left(para_starts, offset + 1) - 1, 0)

    out: list[Quote] = []
    for quote in quotes:
        noun = _standing_noun(quote.speaker) if quote.speaker is not None else None
        if noun is not None:
            here = para_of(quote.speaker.span[0])
            for prev in reversed(out):
                sp = prev.speaker
                if here - para_of(prev.span[0]) > CARRY_PARAGRAPHS:
                    break
                if sp is None or sp.name is None or sp.span[0] >= quote.speaker.span[0]:
                    continue
                if noun in DOCUMENT_NOUNS:
                    tok = doc.char_span(sp.span[0], sp.span[1], alignment_mode="expand")
                    if tok is None or noun not in {t.lemma_.lower() for t in tok[0].sent}:
                        continue
                elif sp.actor_id is None or sp.actor_id.startswith("person:") or sp.name.lower() == noun:
                    continue  # a spokesperson speaks for a body, not for a person quoted before
                quote = Quote(quote.text, quote.span, quote.kind,
                              ActorRef(text=quote.speaker.text, span=quote.speaker.span, name=sp.name, code=sp.code,
                                       country=sp.country, role=sp.role, actor_id=sp.actor_id), quote.cue)
                break
        out.append(quote)
    return out


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
