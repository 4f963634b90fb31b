"""Quotation marks: the quoted spans of a text, paragraph by paragraph (a quote left open at a
paragraph's end continues when the next paragraph opens with a mark), and titles in quotes."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Token

from .lexicon import TITLE_SMALL_WORDS

# -- quotation marks ---------------------------------------------------------------------

def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out

# opening only, closing only, or either (straight marks; '' for " in some news archives)

_MARK_RE = re.compile(r"``|''|[“„«‟”»\"]")


_OPEN_ONLY = {"“", "„", "«", "‟", "``"}


_CLOSE_ONLY = {"”", "»"}


def _opens_paragraph(text: str, s: int, e: int) -> bool:
    i = s
    while i < e and text[i] in " \t\u00a0":
        i += 1
    m = _MARK_RE.match(text, i)
    return m is not None and m.group() not in _CLOSE_ONLY


def quoted_spans(text: str) -> list[list[tuple[int, int]]]:
    """Quoted content as pieces of (start, end) character spans, marks excluded; a quote
    running across paragraphs has one piece per paragraph."""
    quotes: list[list[tuple[int, int]]] = []
    carry: Optional[list[tuple[int, int]]] = None  # a quote left open by the previous paragraph
    paras = _paragraphs(text)
    for pi, (ps, pe) in enumerate(paras):
        open_at: Optional[int] = None
        pieces: list[tuple[int, int]] = []
        if carry is not None:
            if _opens_paragraph(text, ps, pe):
                pieces = carry
            else:  # no continuation: the open quote ended with its paragraph
                quotes.append(carry)
            carry = None
        for m in _MARK_RE.finditer(text, ps, pe):
            mark, i, j = m.group(), m.start(), m.end()
            if open_at is None:
                if mark in _CLOSE_ONLY:
                    continue  # a stray closing mark
                if mark not in _OPEN_ONLY:
                    if j >= pe or text[j].isspace():
                        continue  # a straight mark followed by space cannot open
                    if i > ps and text[i - 1].isalnum():
                        continue  # 5'10" or a glued mark: not an opening
                open_at = j
            elif mark in _OPEN_ONLY:
                open_at = j  # an unclosed quote followed by a new one: keep the new one
                pieces = []
            else:
                if i > open_at:
                    pieces.append((open_at, i))
                    quotes.append(pieces)
                pieces = []
                open_at = None
        if open_at is not None:
            end = pe
            while end > open_at and text[end - 1].isspace():
                end -= 1
            if end > open_at:
                pieces.append((open_at, end))
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            if pieces and nxt is not None and _opens_paragraph(text, *nxt):
                carry = pieces
            elif pieces:
                quotes.append(pieces)
    if carry:
        quotes.append(carry)
    return [q for q in quotes if any(text[s:e].strip() for s, e in q)]


def _title(words: list[Token]) -> bool:
    """Title Case words ("Failure to Adjust: How Americans Got Left Behind")."""
    alpha = [t for t in words if t.is_alpha]
    if len(alpha) < 2 or len(alpha) > 15:
        return False
    if not alpha[0].is_title and not alpha[0].is_upper:
        return False
    return all(t.text[0].isupper() or t.lower_ in TITLE_SMALL_WORDS for t in alpha) and \
        sum(1 for t in alpha if t.lower_ not in TITLE_SMALL_WORDS) >= 2
