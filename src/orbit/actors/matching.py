"""Phrase matchers over the actor dictionary's surface forms.

Two spaCy PhraseMatchers: one on lower-cased text for ordinary names ("Kazakhstan",
"foreign minister"), one on exact text for all-capital forms and dotted abbreviations
("US", "U.S.", "NATO"), which would otherwise match "us" or "nato-style" words.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from .dictionary import ActorDictionary, normalise_surface


def _exact_case(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and (all(c.isupper() for c in letters) or "." in text) and len(letters) <= 6


@dataclass
class SurfaceMatch:
    start: int
    end: int
    key: str  # normalised surface form, key into ActorDictionary.surfaces
    role_term: bool  # matched a role/office term rather than a name


class ActorMatcher:
    def __init__(self, nlp, dictionary: ActorDictionary):
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        names_lower, names_exact = [], []
        for text in dictionary.surface_forms:
            key = normalise_surface(text)
            if not key:
                continue
            if _exact_case(text):
                names_exact.append((key, text))
            else:
                names_lower.append((key, key))
        make = nlp.make_doc
        self._add(self.lower, names_lower, make)
        self._add(self.exact, names_exact, make)
        # titles are often abbreviated ("Gen.", "Sen."): the tokenizer keeps "Gen." whole but
        # splits "gen.", so each term is also added as written with capitals
        role_forms = [(t, form) for t in dictionary.roles for form in {t, t.title(), t.capitalize()}]
        self._add(self.roles, role_forms, make)

    @staticmethod
    def _add(matcher: PhraseMatcher, items, make) -> None:
        by_key: dict[str, list] = {}
        seen = set()
        for key, text in items:
            if (key, text) in seen:
                continue
            seen.add((key, text))
            by_key.setdefault(key, []).append(make(text))
        for key, docs in by_key.items():
            matcher.add(key, docs)

    def names(self, doc: Doc) -> list[SurfaceMatch]:
        spans = []
        strings = doc.vocab.strings
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                span.label_ = strings[match_id]
                spans.append(span)
        return [SurfaceMatch(s.start, s.end, s.label_, False) for s in filter_spans(spans)]

    def role_terms(self, doc: Doc) -> list[SurfaceMatch]:
        strings = doc.vocab.strings
        spans = []
        for match_id, start, end in self.roles(doc):
            span = doc[start:end]
            span.label_ = strings[match_id]
            spans.append(span)
        return [SurfaceMatch(s.start, s.end, s.label_, True) for s in filter_spans(spans)]
