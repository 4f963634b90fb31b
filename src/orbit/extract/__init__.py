"""Stage 5: document facts. One module per kind of fact; `FactExtractor` runs them on a Doc.

Each module has a pure function over text or a Doc that returns model objects; the
component only calls them in order and stores the results on Doc extensions.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..doc_extensions import reference_day
from ..lexicon.words import words
from .amounts import attach_amounts, find_amounts
from .dates import find_dates
from .places import find_places
from .quotes import find_quotes

FUTURE_AUXILIARIES = words("dates.future_auxiliaries")

SCHEDULING_VERBS = words("dates.scheduling_verbs")

__all__ = ["FactExtractor", "attach_amounts", "find_amounts", "find_dates", "find_places", "find_quotes"]


class FactExtractor:
    """spaCy component: dates, quotes with speakers, amounts, places (runs after
    orbit_actors, whose mentions give quotes their speakers)."""

    def __init__(self, nlp, dictionary=None):
        self.nlp = nlp
        self.dictionary = dictionary  # the run's actor dictionary: its countries and capitals are places

    def __call__(self, doc: Doc) -> Doc:
        base = reference_day(doc)
        text = doc.text
        doc._.orbit_dates = find_dates(text, base, future_at=lambda offset: _future_at(doc, offset))
        doc._.orbit_quotes = find_quotes(doc, text)
        doc._.orbit_amounts = find_amounts(doc, text)
        doc._.orbit_places = find_places(doc, text=text, dictionary=self.dictionary)
        return doc


def _future_at(doc: Doc, offset: int) -> bool:
    """Is the clause around this character offset in the future tense ("will meet on Friday")?"""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    for _ in range(4):
        head = tok.head
        if head.pos_ in ("VERB", "AUX"):
            return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in head.children) or \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) and head.head.lemma_ in SCHEDULING_VERBS
        if head.i == tok.i:
            break
        tok = head
    return False
