"""Quotations and reported speech, each with its speaker resolved to one of the document's actors.

Direct quotations are found from the quotation marks (curly, straight, guillemets):
  - a quote split around its attribution ("“A,” Mr. Joroev said, “B.”") gives two quotes,
    both governed by the same cue, so both go to the same speaker;
  - a paragraph that opens a quote without closing it continues into the next paragraph
    when that one starts with an opening mark (the news convention for long quotes);
  - a short quoted phrase that is not a statement (no finite verb, under six words, not
    opening its sentence) is a scare quote unless a speech verb governs it and has a
    subject: "declaring that Kazakhstan would not recognize the “quasi-state
    territories”" is Tokayev's, "the project, called the “yurt of invincibility”" and
    "Putin's logic that Moscow has a duty to “protect”" are not returned.

A statement's cue is, in order: a speech verb the quote hangs from in the parse
("“…,” Mr. Joroev said"), a speech verb hanging from the quote ("this, Mr. Joroev added,
“gave …”"), the nearest speech verb outside quotes in the quote's sentences, the verb of
an attribution the parser split off as a sentence of its own ('“…?” his press secretary
Ana Ruiz wrote'), or a sentence ending in a colon just before it ("He said: “…”"). A
quote after a label ("Maria Olsen, The Daily Ledger: “…”") is the label's. A
statement with no cue takes the speaker of the previous attributed quote of the same or
the previous paragraph (and its cue, in the same paragraph: '“A,” X said. “B.”'). No
attribution crosses a paragraph break, whatever the parse says.

Indirect speech: a speech verb with a content clause ("X said (that) …", "X acknowledged
that …", "X told reporters …"), "according to X, …", "…, X said." whose content is the
clause the cue interrupts, and object plus complement for calling, telling and asking
("called the memorandum an attack", "urged both governments to …"). The content clause
is the quote's text (kind "indirect"); content that is mostly a direct quotation is left
to the direct quote, and speech reported inside another statement as future or
conditional ("said Cambodia would ask the court …") is part of that statement.

Stance and report verbs (data/extract/stance_verbs.txt), a second pass over the verbs
that gave no quote as speech verbs: PolNeAR attributes to a source what it denies,
announces, accuses someone of, shows, believes or vows ("denied the reports of a deal",
"accused X of Y", "polls show her ahead", "vowed to reopen …"); the content is the
verb's object with its complement, content clause or infinitive, as the file says per
verb. Negated verbs and infinitives nobody takes ("required banks to disclose …") are
left out, and so is a content inside another quote (it is part of that statement).

A quote's text is the quoted words without their marks, whitespace normalised (the
pieces of a quote that runs across paragraphs joined by a space, the parts of a reported
clause around an interjected cue likewise); its span runs from the first to the last
quoted character of doc.text.

Speakers are the subject of the cue (climbing from "saying"/"declaring" to the clause it
modifies, taking the agent of a passive, the noun after an inverted cue: '“…,” said
Arkady Dubnov'), resolved to actors through orbit's mentions, which already cover
surnames, titles and pronouns; an unresolved subject is kept as text (ActorRef without
name). Cue verbs are listed in data/extract/speech_verbs.txt. Everything is a walk over
the parse with per-document arrays: a few milliseconds per article.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Optional

import numpy as np
from spacy.tokens import Doc, Token

from ..model import ActorRef, Mention, Quote
from ..resources import read_list

OPENING = {"“", "„", "«", "‟", "``"}  # as tokens
CLOSING = {"”", "»", "''"}
MARKS = OPENING | CLOSING | {'"'}
QUOTE_CHARS = MARKS | {"‘", "’", "'", "`"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
# a cue without a subject takes the subject of the clause it modifies ("…, saying that …")
CLIMB_DEPS = {"advcl", "xcomp", "conj", "pcomp", "ccomp"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
STATEMENT_WORDS = 6  # a quoted span this long is a statement even without a finite verb
INDIRECT_MIN_TOKENS = 3
# cues whose object and its complement are what was said: "called X a liar", "told X to …"
OBJECT_COMPLEMENT = {"call", "describe", "tell", "ask", "urge", "warn", "label", "dub", "brand", "characterize"}
INVERSION_MARKS = {",", "”", '"', "''", "»"}
RELATIVE = {"who", "whom", "which", "that", "whose"}
NO_SPEAKER = {"it", "there", "this", "that", "which", "what"}
_WS = re.compile(r"\s+")


@lru_cache(maxsize=1)
def speech_verbs() -> tuple[frozenset, dict, frozenset]:
    """(single-word lemmas, {lemma: particle} for two-word entries like "point out",
    lemmas that need an actor as subject)."""
    single, particle, need_actor = set(), {}, set()
    for line in read_list("extract/speech_verbs.txt"):
        words = line.lower().split("#")[0].split()
        if words and words[-1] == "[actor]":
            words = words[:-1]
            if words:
                need_actor.add(words[0])
        if len(words) == 1:
            single.add(words[0])
        elif len(words) == 2:
            particle[words[0]] = words[1]
    return frozenset(single), particle, frozenset(need_actor)


@lru_cache(maxsize=1)
def stance_verbs() -> dict[str, frozenset]:
    """{lemma: readings} from data/extract/stance_verbs.txt: what a stance or report verb
    attributes, "object", "clause" and/or "to" (an infinitive)."""
    out: dict[str, frozenset] = {}
    for line in read_list("extract/stance_verbs.txt"):
        words = line.lower().split("#")[0].split()
        if len(words) >= 2:
            out[words[0]] = frozenset(words[1:])
    return out


def _is_cue(tok: Token) -> bool:
    if not tok.tag_.startswith("VB"):
        return False
    single, particle, _ = speech_verbs()
    lemma = tok.lemma_.lower()
    if lemma in single:
        return True
    prt = particle.get(lemma)
    return prt is not None and any(c.dep_ == "prt" and c.lower_ == prt for c in tok.children)


def _needs_actor(tok: Token) -> bool:
    return tok.lemma_.lower() in speech_verbs()[2]


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
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
            if c.dep_ == "nsubjpass":
                passive = c
        for c in tok.children:
            if c.dep_ == "agent":
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        if passive is not None:
            # "he was quoted as saying" names the speaker; "it was announced" does not
            return passive if passive.lower_ not in NO_SPEAKER else None
        if tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i:
            tok = tok.head
            continue
        if tok.dep_ == "relcl":  # "Mr. Blinken, who said": the relative pronoun was the subject
            return tok.head
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
    from ..actors.phrases import actors_of_phrase

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
    if tok.lower_ in NO_SPEAKER or tok.pos_ in ("VERB", "AUX", "PUNCT", "SCONJ", "ADP", "CCONJ", "DET", "NUM"):
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
        # sentence bounds per token
        starts = np.flatnonzero(sent == 1)
        if n and (len(starts) == 0 or starts[0] != 0):
            starts = np.concatenate([[0], starts])
        which = np.searchsorted(starts, np.arange(n), side="right") - 1
        self.sent_lo = starts[which].tolist()
        self.sent_hi = np.append(starts[1:], n)[which].tolist()


def find_quotes(doc: Doc, text: Optional[str] = None) -> list[Quote]:
    """Direct and indirect quotes of a parsed Doc with orbit's mentions, in text order.
    `text`: doc.text when the caller already has it (building it costs a pass over the Doc)."""
    from ..actors.phrases import MentionIndex

    if text is None:
        text = doc.text
    n = len(doc)
    if n == 0:
        return []
    ctx = _Ctx(doc)
    starts = ctx.starts
    paras = _paragraphs(text)
    para_starts = [p[0] for p in paras]

    def para_of(offset: int) -> int:
        return max(bisect_left(para_starts, offset + 1) - 1, 0)

    def tok_at(offset: int) -> int:
        return max(bisect_left(starts, offset + 1) - 1, 0)

    # the paragraph of each token: no attribution crosses a paragraph break, whatever the parse says
    tpara = np.maximum(np.searchsorted(para_starts, starts, side="right") - 1, 0).tolist()
    ctx.tpara = tpara

    # direct quotes and the tokens they cover
    in_quote = [-1] * n
    directs: list[_Direct] = []
    for pieces in quoted_spans(text):
        ts = tok_at(max(pieces[0][0] - 1, 0))
        if ts < n and starts[ts] < pieces[0][0] - 1:
            ts += 1
        te = bisect_left(starts, pieces[-1][1] + 1)  # tokens starting at or before the closing mark
        if te <= ts:
            continue
        q = _Direct(pieces, ts, te)
        for i in range(ts, te):
            in_quote[i] = len(directs)
        directs.append(q)

    cues = [doc[i] for i in range(n) if ctx.maybe_cue[i] and in_quote[i] < 0]
    is_cue = [False] * n
    for c in cues:
        is_cue[c.i] = True
    ctx.in_quote = in_quote

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

    mentions = MentionIndex(doc)
    quotes: list[tuple[Quote, Optional[Token]]] = []
    for q in directs:
        if not q.statement and not q.governed:
            continue  # a scare quote
        speaker = None
        if q.cue is not None:
            subj = _subject_in_para(q.cue, tpara)
            speaker = _speaker(subj, mentions, _needs_actor(q.cue)) if subj is not None else None
            if not q.statement and speaker is None:
                continue  # a governed phrase with nobody saying it: "called the “yurt …”"
        elif q.tstart > 0 and ctx.colon[q.tstart - 1]:
            label = _label_speaker(doc, q.tstart - 1, ctx)
            speaker = _speaker(label, mentions) if label is not None else None
        qtext = " ".join(_clean(text[s:e]) for s, e in q.pieces)
        quotes.append((Quote(text=qtext, span=(q.start, q.end), kind="direct", speaker=speaker,
                             cue=_cue_mention(q.cue) if q.cue is not None else None), q.cue))

    # indirect speech
    for cue in cues:
        if _negated(cue):
            continue
        pieces = _indirect_content(cue, ctx)
        # the content stays in the cue's paragraph
        pieces = [(s, e) for s, e in ((_first_in(tpara, s, e, tpara[cue.i]), _last_in(tpara, s, e, tpara[cue.i]))
                                      for s, e in pieces) if s < e]
        pieces = [p for s, e in pieces for p in _trim(doc, s, e, ctx)]
        if not pieces:
            continue
        toks = [i for s, e in pieces for i in range(s, e)]
        words = [i for i in toks if not ctx.punct[i]]
        if len(words) < INDIRECT_MIN_TOKENS:
            continue
        quoted = sum(1 for i in words if in_quote[i] >= 0)
        if quoted * 2 >= len(words):
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

    # stance and report verbs: "denied those claims", "accused X of Y", "polls show …", "vowed to …"
    quotes += _stance_quotes(doc, text, ctx, mentions, {c.i for _, c in quotes if c is not None},
                             [q.span for q, _ in quotes])

    # reported speech that another speaker says will or would happen ("Hun Manet said Cambodia
    # would ask the court to rule …") is part of that statement, not a statement of its own
    outer = [q.span for q, _ in quotes if q.kind == "indirect"]
    quotes = [(q, c) for q, c in quotes
              if q.kind == "direct" or not _unreal(c) or
              not any(s < q.cue.span[0] and q.cue.span[1] <= e for s, e in outer)]
    quotes.sort(key=lambda x: x[0].span)
    # a statement with no cue continues the previous speaker of its own or the previous paragraph
    out: list[Quote] = []
    last: Optional[Quote] = None
    for quote, _cue in quotes:
        if quote.speaker is None and quote.cue is None and quote.kind == "direct" and last is not None \
                and para_of(quote.span[0]) - para_of(last.span[1]) <= 1:
            # '“A,” X said. “B.”': B is the rest of the same statement, under the same cue
            same = last.kind == "direct" and para_of(quote.span[0]) == para_of(last.span[1])
            quote = Quote(quote.text, quote.span, quote.kind, last.speaker, last.cue if same else None)
        if quote.speaker is not None:
            last = quote
        out.append(quote)
    return out


TITLE_SMALL = {"a", "an", "the", "of", "to", "in", "on", "for", "at", "and", "or", "but", "with", "by", "from",
               "as", "vs", "v", "is"}


def _title(words: list[Token]) -> bool:
    """Title Case words ("Failure to Adjust: How Americans Got Left Behind")."""
    alpha = [t for t in words if t.is_alpha]
    if len(alpha) < 2 or len(alpha) > 15:
        return False
    if not alpha[0].is_title and not alpha[0].is_upper:
        return False
    return all(t.text[0].isupper() or t.lower_ in TITLE_SMALL for t in alpha) and \
        sum(1 for t in alpha if t.lower_ not in TITLE_SMALL) >= 2


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


UNREAL_AUX = {"would", "will", "could", "may", "might", "should", "shall", "'d", "'ll", "to", "must"}


def _unreal(cue: Token) -> bool:
    """A cue in the future, conditional or infinitive ("would ask", "will say", "to tell")."""
    return cue.dep_ == "xcomp" or any(c.dep_ in ("aux", "auxpass") and c.lower_ in UNREAL_AUX for c in cue.children)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


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
        j = lo - 1
        while j >= 0 and ctx.mark[j] > 0:
            j -= 1
        if j >= 0 and ctx.colon[j]:
            for c in reversed(cues):
                if ctx.sent_lo[j] <= c.i < j:
                    return c, False
    return None, False


def _indirect_content(cue: Token, ctx: _Ctx) -> list[tuple[int, int]]:
    """Token spans [(start, end)] of what a cue reports, or []."""
    doc = cue.doc
    if cue.lower_ == "according":
        head = cue.head
        if head.i == cue.i or not head.tag_.startswith("VB"):
            return []
        return _minus(head, cue, ctx)
    ccomps = [c for c in cue.children if c.dep_ == "ccomp"]
    after = [c for c in ccomps if c.i > cue.i]
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
    if cue.lemma_.lower() in OBJECT_COMPLEMENT:
        # "called Clinton a liar", "described the campaign as …", "told the United States not
        # to …", "called on men to …", "called for a no-fly zone": object and complement
        obj = next((c for c in cue.rights if c.dep_ == "dobj"), None)
        comps = [c for c in cue.rights if c.dep_ in ("xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "as")]
        if obj is not None:
            comps += [c for c in obj.rights if c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as")]
        if obj is not None and comps:
            end = _cut_nested(doc, cue, obj.i, max(c.right_edge.i for c in comps) + 1, ctx)
            return _trim(doc, obj.left_edge.i, end, ctx)
        if cue.lemma_.lower() == "call":
            for prep in cue.rights:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "on"):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is None:
                        continue
                    end = max([prep.right_edge.i] + [c.right_edge.i for c in cue.rights if c.dep_ == "xcomp"]) + 1
                    return _trim(doc, pobj.left_edge.i, _cut_nested(doc, cue, pobj.i, end, ctx), ctx)
    # "…, X said." / "…, he added": the cue interrupts or follows the clause it reports
    subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in RELATIVE or subj.i > cue.i and cue.dep_ != "parataxis":
        return []
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in cue.children) and cue.lemma_ != "tell":
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


def _cut_nested(doc: Doc, cue: Token, s: int, e: int, ctx: _Ctx) -> int:
    """End of a content span before a second statement hanging from it ("…, before noting
    that …", "…, adding that …")."""
    for i in range(s + 1, e):
        if ctx.maybe_cue[i]:
            t = doc[i]
            if t.dep_ in ("advcl", "conj") and t.head.i != cue.i and t.left_edge.i > s:
                return t.left_edge.i
    return e


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
    return [(s, e)] if e > s else []


STANCE_MIN_WORDS = 2  # an object this short ("denied it") says nothing; chosen on PolNeAR dev
OBJECT_PREPS = {"of", "for", "as", "over", "about"}  # "accused X of Y", "praised X for Y", "described X as Y"
PRONOUN_OBJECTS = {"it", "this", "that", "them", "him", "her", "these", "those", "what", "which", "something"}


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
        if obj is not None and not (obj.lower_ in PRONOUN_OBJECTS and obj.n_lefts + obj.n_rights == 0):
            e = obj.right_edge.i
            for c in cue.rights:
                if c.i > obj.i and c.dep_ in ("prep", "oprd", "xcomp") and \
                        (c.dep_ != "prep" or c.lower_ in OBJECT_PREPS):
                    e = max(e, c.right_edge.i)
                elif c.dep_ == "advmod" and c.left_edge.i == e + 1:  # "show the party well ahead"
                    e = c.right_edge.i
            return _trim(doc, obj.left_edge.i, _cut_nested(doc, cue, obj.i, e + 1, ctx), ctx)
    if "to" in readings:
        comp = next((c for c in cue.rights if c.dep_ == "xcomp" and c.tag_ == "VB" and
                     any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if comp is not None:
            return _trim(doc, comp.left_edge.i, _cut_nested(doc, cue, comp.i, comp.right_edge.i + 1, ctx), ctx)
    return []


def _stance_quotes(doc: Doc, text: str, ctx: _Ctx, mentions, used: set[int],
                   spans: list[tuple[int, int]]) -> list[tuple[Quote, Token]]:
    """Indirect quotes of the stance and report verbs of stance_verbs.txt that gave no quote
    as speech verbs; a content inside another quote is part of that one."""
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
        if not cue.tag_.startswith("VB") or _negated(cue) or cue.dep_ == "xcomp":
            continue  # "does not deny", "required companies to disclose": nobody took the stance
        pieces = _stance_content(cue, verbs[cue.lemma_.lower()], ctx)
        pieces = [(s, e) for s, e in ((_first_in(ctx.tpara, s, e, ctx.tpara[i]), _last_in(ctx.tpara, s, e, ctx.tpara[i]))
                                      for s, e in pieces) if s < e]
        if not pieces:
            continue
        words = [k for s, e in pieces for k in range(s, e) if not ctx.punct[k]]
        if len(words) < STANCE_MIN_WORDS or sum(1 for k in words if ctx.in_quote[k] >= 0) * 2 >= len(words):
            continue
        subj = _subject_in_para(cue, ctx.tpara)
        if subj is None:
            continue
        speaker = _speaker(subj, mentions)
        cs = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e in pieces]
        span = (cs[0][0], cs[-1][1])
        if any(s <= span[0] and span[1] <= e for s, e in spans):
            continue
        qtext = " ".join(_clean(text[s:e]) for s, e in cs)
        out.append((Quote(text=qtext, span=span, kind="indirect", speaker=speaker, cue=_cue_mention(cue)), cue))
    return out
