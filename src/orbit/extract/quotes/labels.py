"""Statements under a name label: a headline "Donald Trump Jr.: Women Who Can't …" or a
transcript line "MS. OLSEN: We will …". The label is the speaker, the colon the cue and the
rest of the paragraph what was said (PolNeAR annotates them so)."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ...model import ActorRef, Mention, Quote
from .context import _clean, _Ctx, _trim
from .lexicon import INDIRECT_MIN_TOKENS, LABEL_ENTITY_TYPES
from .speakers import _label_speaker, _speaker


def _label_quotes(doc: Doc, text: str, ctx: _Ctx, mentions,
                  spans: list[tuple[int, int]]) -> list[tuple[Quote, Token]]:
    """One quote per paragraph that opens with a name and a colon; none inside another quote.
    The colon token stands for the cue."""
    out: list[tuple[Quote, Token]] = []
    n, tpara = len(doc), ctx.tpara
    i = 0
    while i < n:
        # the first colon of the paragraph, within the length of a label
        start, para = i, tpara[i]
        colon = next((j for j in range(start, min(start + 12, n)) if tpara[j] == para and ctx.colon[j]), None)
        end = start
        while end < n and tpara[end] == para:
            end += 1
        i = end
        if colon is None or ctx.in_quote[colon] >= 0 or (colon > 0 and doc[colon - 1].tag_ == "POS"):
            continue  # "Trump's: $2.2 million" is a list entry, not a label
        label = _label_speaker(doc, colon, ctx)
        if label is None or not _names_a_source(label):
            continue
        pieces = _trim(doc, colon + 1, end, ctx)
        words = [k for s, e in pieces for k in range(s, e) if not ctx.punct[k]]
        if len(words) < INDIRECT_MIN_TOKENS or sum(1 for k in words if ctx.in_quote[k] >= 0) * 2 >= len(words):
            continue  # a quotation after the label is a direct quote of its own
        s, e = pieces[0]
        span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
        if any(a <= span[0] and span[1] <= b for a, b in spans):
            continue
        cue = doc[colon]
        out.append((Quote(text=_clean(text[span[0]:span[1]]), span=span, kind="indirect",
                          speaker=_speaker(label, mentions),
                          cue=Mention(cue.text, (cue.idx, cue.idx + len(cue.text)))), cue))
    return out


def _names_a_source(tok: Token) -> bool:
    """A person or organisation ("Donald Trump Jr.", "WikiLeaks"), not a place or a rubric
    ("WASHINGTON:", "Update:")."""
    return tok.ent_type_ in LABEL_ENTITY_TYPES


# a transcript's speaker label inside a quotation: "MS. CLINTON: …", "PARTICIPANT: …" (capitals,
# up to four words, an optional title), at the quotation's start or after a sentence's end
_TURN = re.compile(r"(?:^|(?<=[.?!…]\s)|(?<=[.?!…]\s\s))((?:(?:MR|MS|MRS|DR)\.\s)?[A-Z][A-Z'’\-]+(?:\s[A-Z][A-Z'’\-]+){0,3}):\s")


def _split_turns(doc: Doc, text: str, quotes: list[tuple[Quote, Token]], mentions) -> list[tuple[Quote, Token]]:
    """A quoted transcript holds one statement per speaker label: "“PARTICIPANT: Thank you.
    MS. CLINTON: You are the smartest people.”" is two quotes, each said by its label, the
    colon its cue (what comes before the first label keeps the quotation's speaker)."""
    out: list[tuple[Quote, Token]] = []
    for q, cue in quotes:
        s, e = q.span
        turns = list(_TURN.finditer(text[s:e])) if q.kind == "direct" else []
        if not turns:
            out.append((q, cue))
            continue
        bounds = [(s, None)] + [(s + m.end(), m) for m in turns]
        for k, (start, m) in enumerate(bounds):
            end = s + turns[k].start() if k < len(turns) else e
            piece = _clean(text[start:end])
            if not piece:
                continue
            if m is None:
                out.append((Quote(piece, (start, end), "direct", q.speaker, q.cue), cue))
                continue
            ls, le = s + m.start(1), s + m.end(1)
            label = doc.char_span(ls, le, alignment_mode="expand")
            colon = doc.char_span(le, le + 1, alignment_mode="expand")
            speaker = _speaker(label.root, mentions) if label is not None else None
            if speaker is None and label is not None:
                speaker = ActorRef(text=label.text, span=(label.start_char, label.end_char))
            out.append((Quote(piece, (start, end), "direct", speaker, Mention(":", (le, le + 1))),
                        colon[0] if colon is not None else cue))
    return out
