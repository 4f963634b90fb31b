"""Sentence triage for event coding: parse only the sentences that can hold an event.

Most news sentences hold no codable event. Before the tagger, parser and NER run,
a cheap pass (the tokenizer, a punctuation sentence splitter, the actor phrase matcher
and a set of trigger word forms: pattern words, reporting and evaluative verbs) keeps a
sentence when it has a trigger word and an actor named in it or in the two sentences
before it (the window coreference looks back over); those earlier sentences are kept too
when they name an actor, so pronouns and titles still find their antecedents. An office
followed by a place ("the mayor of Kharkiv") counts as named. A sentence naming a civil
group that takes the country of the story's place ("protesters", or "people" with a
protest word) is kept with the dateline sentence, since it can hold an event without a
named actor. A document naming no actor at all cannot yield a coded event and is skipped
whole. Only `orbit code` (events only) uses this; `orbit read`
and ingest parse everything.

The kept sentences are joined into a shorter text with an offset map back to the
article, so events come out with the article's own offsets.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

import numpy
from spacy.attrs import IS_ALPHA, NORM, ORTH, SPACY
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from ..clean.offsets import apply_edits
from ..model import Article, ArticleResult, Event, OffsetMap
from .arguments import CIVIL_ROLES, LOCATED_ROLES
from .coder import PROTEST_ROOT

# sentences before a trigger sentence that may hold its actors' antecedents
CONTEXT_SENTENCES = 2
SEPARATOR = "\n\n"


class SentenceTriage:
    def __init__(self, nlp, actor_files: tuple[str, ...] = (), verb_files: tuple[str, ...] = ()):
        from ..actors.matching import ActorMatcher
        from ..lexicon.actor_files import load_actor_dictionary
        from .constructions import EVALUATIVE_VERBS
        from .modality import modality_words
        from .patterns import load_patterns

        self.tokenizer = nlp.tokenizer
        self.sentencizer = Sentencizer()
        self.dictionary = load_actor_dictionary(actor_files)
        # the actor component's phrase matcher when it was built from the same dictionary
        # (building one takes about a second): triage and the component match the same names
        resolver = nlp.get_pipe("orbit_actors") if "orbit_actors" in nlp.pipe_names else None
        if resolver is not None and getattr(resolver, "dictionary", None) is self.dictionary:
            self.matcher = resolver.matcher
        else:
            self.matcher = ActorMatcher(nlp, self.dictionary)
        patterns = load_patterns(verb_files)
        # pattern words, and the verbs that carry events by construction ("said Riyadh must
        # end its war", "called the launch reckless": events/constructions.py)
        self.lemmas = (frozenset(patterns.by_verb) | frozenset(patterns.by_noun)
                       | frozenset(modality_words().reporting_verbs) | EVALUATIVE_VERBS)
        self.protest_lemmas = frozenset(p.lemma for p in patterns.patterns if p.code.startswith(PROTEST_ROOT))
        self.irregular: dict[str, str] = {}
        self._is_trigger: dict[str, bool] = {}
        # the irregular forms of the pipeline's rule lemmatizer (spaCy's, or orbit's memo in
        # its place, which keeps its tables: nlp/lemma_memo.py)
        for _, component in nlp.pipeline:
            tables = getattr(component, "lookups", None)
            if tables is not None and tables.has_table("lemma_exc"):
                exc = tables.get_table("lemma_exc")
                for pos in ("verb", "noun"):
                    for form, lemmas in exc.get(pos, {}).items():
                        if lemmas:
                            self.irregular[form] = lemmas[0]
                break

    def is_trigger(self, word: str, lemmas: Optional[frozenset] = None) -> bool:
        """Could this word form be an inflection of a pattern lemma? (Errs towards yes.)"""
        if lemmas is None:  # the common question, asked of every word: remembered
            known = self._is_trigger.get(word)
            if known is None:
                if len(self._is_trigger) > 200_000:
                    self._is_trigger.clear()
                known = self._is_trigger[word] = self.is_trigger(word, self.lemmas)
            return known
        w = word.lower()
        if w in lemmas or self.irregular.get(w) in lemmas:
            return True
        for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                             ("es", ""), ("s", ""), ("d", "")):
            if w.endswith(suffix) and w[: len(w) - len(suffix)] + repl in lemmas:
                return True
        # doubled final consonant: "stopped", "planning"
        if len(w) > 5 and w.endswith(("ed", "ing")):
            stem = w[:-2] if w.endswith("ed") else w[:-3]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in lemmas:
                return True
        return False

    def kept_tokens(self, doc: Doc, dateline: bool = False) -> Optional[list[tuple[int, int]]]:
        """Token ranges [start, end) of a tokenized text to parse, [] for nothing, None for
        everything. The Doc is left as the tokenizer made it (no sentence starts set), so
        the pipeline can go on from it."""
        named = [False] * len(doc)
        for m in self.matcher.names(doc):
            for i in range(m.start, m.end):
                named[i] = True
        # civil groups and the police take the country of the story's place (EventCoder._located):
        # "protesters" and "police" always, "people" when they protest; such a sentence can hold
        # an event on its own
        group = [None] * len(doc)
        for m in self.matcher.role_terms(doc):
            role = self.dictionary.roles[m.key].role
            if role in CIVIL_ROLES or role in LOCATED_ROLES:
                for i in range(m.start, m.end):
                    group[i] = role
            elif m.end < len(doc) and doc[m.end].lower_ in ("of", "from") and any(
                    t.is_title for t in doc[m.end + 1:m.end + 9]):
                # "the mayor of Kharkiv": a place can give an office its country (actors/resolver.py)
                for i in range(m.start, m.end):
                    named[i] = True
        if not any(named) and not any(group):
            return []
        # the punctuation splitter's sentences as token ranges (predict leaves the Doc as it is)
        (starts,) = self.sentencizer.predict([doc])
        bounds = [i for i, start in enumerate(starts) if start] + [len(doc)]
        sents = list(zip(bounds, bounds[1:]))
        strings = doc.vocab.strings
        alpha_words = [strings[orth] if alpha else None for orth, alpha in doc.to_array([ORTH, IS_ALPHA]).tolist()]
        has_actor = [any(named[a:b]) for a, b in sents]
        has_trigger = [any(self.is_trigger(w) for w in alpha_words[a:b] if w) for a, b in sents]
        has_group = [any(g in LOCATED_ROLES for g in group[a:b])
                     or (any(group[a:b]) and any(self.is_trigger(w, self.protest_lemmas)
                                                 for w in alpha_words[a:b] if w)) for a, b in sents]
        keep = [False] * len(sents)
        for i in range(len(sents)):
            window = range(max(0, i - CONTEXT_SENTENCES), i + 1)
            if has_trigger[i] and has_group[i]:
                keep[i] = True
            if has_trigger[i] and any(has_actor[j] for j in window):
                for j in window:
                    if j == i or has_actor[j]:
                        keep[j] = True
        if any(keep) and dateline:
            keep[0] = True  # the dateline names where the story happens
        if all(keep):
            return None
        # kept sentences at most one character apart (a space) are one range of the text
        ranges: list[tuple[int, int]] = []
        last_char = None
        for (a, b), k in zip(sents, keep):
            if not k:
                continue
            start, end = _chars(doc, a, b)
            if ranges and start <= last_char + 1:
                ranges[-1] = (ranges[-1][0], b)
            else:
                ranges.append((a, b))
            last_char = end
        return ranges

    def reduce(self, article: Article) -> tuple[Optional[Article], Optional[OffsetMap]]:
        """(the shorter article, its map back) - (article, None) when everything is kept,
        (None, None) when nothing is."""
        reduced, offsets, _ = self.reduce_with_tokens(article)
        return reduced, offsets

    def reduce_with_tokens(self, article: Article) -> tuple[Optional[Article], Optional[OffsetMap], Optional[Doc]]:
        """`reduce`, and the shorter article's tokens as a Doc cut from the tokenization
        triage read (the whole one when everything is kept): the pipeline continues from it
        instead of tokenizing the kept text a second time."""
        doc = self.tokenizer(article.text)
        ranges = self.kept_tokens(doc, dateline=bool(article.dateline))
        if ranges is None:
            return article, None, doc
        if not ranges:
            return None, None, None
        chars = [_chars(doc, start, end) for start, end in ranges]
        edits, pos = [], 0
        for start, end in chars:
            if start > pos:
                edits.append((pos, start, SEPARATOR if pos > 0 else ""))
            pos = end
        if pos < len(article.text):
            edits.append((pos, len(article.text), ""))
        text, offsets = apply_edits(article.text, edits)
        dateline = article.dateline if article.dateline and chars[0][0] == 0 else None
        return replace(article, text=text, dateline=dateline), offsets, _join_tokens(doc, ranges)


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The characters of tokens [start, end), without the last one's trailing space."""
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last)


def _join_tokens(doc: Doc, ranges: list[tuple[int, int]]) -> Doc:
    """The tokens of `ranges`, joined by SEPARATOR, as the tokenizer would make them from the
    joined text: the tokens keep their text and norm (the tokenizer's exceptions set norms),
    a range's last token loses its trailing space (the kept text ends there), and SEPARATOR
    is a whitespace token that takes in a whitespace token opening the next range (the
    tokenizer makes one token of a run of whitespace)."""
    strings = doc.vocab.strings
    table = doc.to_array([ORTH, NORM, SPACY])
    words: list[str] = []
    spaces: list[bool] = []
    norms: list[int] = []
    for n, (start, end) in enumerate(ranges):
        rows = table[start:end].tolist()
        if n:
            if doc[start].is_space:  # "\n\n" + "\n " is one whitespace token
                orth, _, space = rows.pop(0)
                sep = SEPARATOR + strings[orth] + (" " if space else "")
            else:
                sep = SEPARATOR
            words.append(sep)
            spaces.append(False)
            norms.append(doc.vocab[sep].norm)
        for orth, norm, space in rows:
            words.append(strings[orth])
            spaces.append(bool(space))
            norms.append(norm)
        spaces[-1] = False  # the kept text ends where the range's last token does
    joined = Doc(doc.vocab, words=words, spaces=spaces)
    joined.from_array([NORM], numpy.asarray(norms, dtype="uint64").reshape(-1, 1))
    return joined


def _span(offsets: OffsetMap, span: tuple[int, int]) -> tuple[int, int]:
    return offsets.to_original(span[0]), offsets.to_original(span[1])


def restore_events(result: ArticleResult, article: Article, offsets: Optional[OffsetMap]) -> ArticleResult:
    """Events of a reduced article with the original article's offsets (events only)."""
    if offsets is None:
        return replace(result, article=article)
    events = []
    for e in result.events:
        def actor(a):
            return None if a is None else replace(a, span=_span(offsets, a.span))

        events.append(replace(e, sentence_span=_span(offsets, e.sentence_span), span=_span(offsets, e.span),
                              trigger=replace(e.trigger, span=_span(offsets, e.trigger.span)),
                              source=actor(e.source), target=actor(e.target),
                              place=None if e.place is None else replace(e.place, span=_span(offsets, e.place.span))))
    return ArticleResult(article=article, events=tuple(events))


def empty_result(article: Article) -> ArticleResult:
    return ArticleResult(article=article)


__all__ = ["SentenceTriage", "restore_events", "empty_result", "Event"]
