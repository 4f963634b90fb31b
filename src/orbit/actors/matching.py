"""Phrase matching over the actor dictionary's surface forms.

Two matchers: one on lower-cased text for ordinary names ("Kazakhstan", "foreign
minister"), one on exact text for all-capital forms and dotted abbreviations ("US", "U.S.",
"NATO"), which would otherwise match "us" or "nato-style" words; and a third, lower-cased,
for role and office terms.

Each is a token trie, not spaCy's PhraseMatcher: the dictionaries hold some 22,000 surface
forms, and making a Doc of each for PhraseMatcher.add cost 2.8 s at every start of
`orbit code` (most of it creating lexemes for words no article will contain). Tokens of
a form come from the pipeline's own tokenizer, except for the forms made only of letters
and single spaces that the tokenizer has no special case for, which it would split at the
spaces anyway (tests/actors/test_matching.py checks that on every shipped form). Matching
gives what PhraseMatcher gave: every occurrence of every form, longest kept where they
overlap.
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..cache import loads_plain
from ..lexicon.actor_dictionary import ActorDictionary, normalise_surface

KEYS = ""  # the trie node entry holding the keys of forms that end there (no token is "")


def _exact_case(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and (all(c.isupper() for c in letters) or "." in text) and len(letters) <= 6


@dataclass
class SurfaceMatch:
    start: int
    end: int
    key: str  # normalised surface form, key into ActorDictionary.surfaces
    role_term: bool  # matched a role/office term rather than a name


class Tokens:
    """A form's tokens as the pipeline's tokenizer would give them."""

    def __init__(self, nlp):
        self.make = nlp.make_doc
        self.special = nlp.tokenizer.rules or {}

    def __call__(self, text: str) -> list[str]:
        pieces = text.split(" ")
        if all(p.isalpha() and p not in self.special for p in pieces):
            return pieces
        return [t.text for t in self.make(text)]


class PhraseTrie:
    """Token sequences to keys; finds every occurrence in a doc, on lower-cased or exact text."""

    def __init__(self, lower: bool):
        self.lower = lower
        self.root: dict = {}

    def add(self, key: str, tokens: list[str]) -> None:
        node = self.root
        for tok in tokens:
            node = node.setdefault(tok.lower() if self.lower else tok, {})
        keys = node.setdefault(KEYS, [])
        if key not in keys:
            keys.append(key)

    def packed_root(self) -> dict:
        """The root with each first word's subtree pickled: orbit's cache folder keeps the
        tries so, and a process unpickles only the subtrees of words its texts hold (all
        of them took 0.12 s at every start)."""
        return {word: node if type(node) is bytes else pickle.dumps(node, protocol=pickle.HIGHEST_PROTOCOL)
                for word, node in self.root.items()}

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        # the words from the Doc's array of string ids: a Token object per word cost 3x more
        strings = doc.vocab.strings
        words = [strings[h] for h in doc.to_array(LOWER if self.lower else ORTH).tolist()]
        root = self.root
        out = []
        for start in range(len(words)):
            node = root.get(words[start])
            if type(node) is bytes:
                node = root[words[start]] = loads_plain(node)
            end = start + 1
            while node is not None:
                out += [(key, start, end) for key in node.get(KEYS, ())]
                if end == len(words):
                    break
                node = node.get(words[end])
                end += 1
        return out


def refresh_tokenizer_cache(nlp) -> None:
    """Empty the tokenizer's cache after tokenizing a dictionary's phrases. Building a
    phrase matcher tokenizes tens of thousands of names, which fill spaCy's tokenizer cache;
    news text tokenized afterwards ran 3x slower (0.65 s against 0.21 s on 300 articles)
    until the cache was rebuilt. Setting the rules again flushes it (and keeps every
    special case: they live in the rules)."""
    nlp.tokenizer.rules = nlp.tokenizer.rules


class ActorMatcher:
    def __init__(self, nlp, dictionary: ActorDictionary):
        from .. import cache

        self.lower, self.exact, self.roles = PhraseTrie(lower=True), PhraseTrie(lower=False), PhraseTrie(lower=True)
        # the tries depend on the dictionaries, the tokenizer and this code only (orbit/cache.py)
        meta = nlp.meta
        name = cache.digest(dictionary.version, Path(__file__).read_bytes(), spacy.__version__,
                                             meta.get("lang", ""), meta.get("name", ""),
                                             meta.get("version", ""), "|".join(sorted(nlp.tokenizer.rules or ())))
        name = f"actor-tries-{name}.pickle"
        roots = cache.load(name)
        if isinstance(roots, tuple) and len(roots) == 3:
            self.lower.root, self.exact.root, self.roles.root = roots
            return
        self._build(Tokens(nlp), dictionary)
        refresh_tokenizer_cache(nlp)
        cache.save(name, (self.lower.packed_root(), self.exact.packed_root(), self.roles.packed_root()))

    def _build(self, tokens: Tokens, dictionary: ActorDictionary) -> None:
        for text in dictionary.surface_forms:
            key = normalise_surface(text)
            if not key:
                continue
            if _exact_case(text):
                self.exact.add(key, tokens(text))
            else:
                self.lower.add(key, tokens(key))
        # titles are often abbreviated ("Gen.", "Sen."): the tokenizer keeps "Gen." whole but
        # splits "gen.", so each term is also added as written with capitals
        for term in dictionary.roles:
            for form in sorted({term, term.title(), term.capitalize()}):
                self.roles.add(term, tokens(form))

    def names(self, doc: Doc) -> list[SurfaceMatch]:
        spans = []
        for matcher in (self.lower, self.exact):
            for key, start, end in matcher(doc):
                span = doc[start:end]
                span.label_ = key
                spans.append(span)
        return [SurfaceMatch(s.start, s.end, s.label_, False) for s in filter_spans(spans)]

    def role_terms(self, doc: Doc) -> list[SurfaceMatch]:
        spans = []
        for key, start, end in self.roles(doc):
            span = doc[start:end]
            span.label_ = key
            spans.append(span)
        return [SurfaceMatch(s.start, s.end, s.label_, True) for s in filter_spans(spans)]
