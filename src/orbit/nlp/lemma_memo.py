"""A remembering stand-in for a pipeline's rule lemmatizer, giving the same lemmas.

spaCy's rule lemmatizer makes a Token object for every word and works its lemma out in
Python; its own cache keeps only the words that went through the suffix rules, so base
forms (most nouns and verbs of news text), spaces and words of no part of speech are
worked out again at every occurrence. On the 300 benchmark articles that was 0.9 s of
`orbit code`'s 13 s in process, as much as the parser.

What the rule lemmatizer gives a word depends only on its form, its part of speech and
its morphology (`Lemmatizer.rule_lemmatize` reads nothing else, and its tables do not
change), so `LemmaMemo` reads those three as arrays, remembers each key's lemma across
documents, asks the lemmatizer only about keys not seen yet, and writes the lemmas back
with one `Doc.from_array`. A word whose lemma an earlier component set (the attribute
table's exceptions) keeps it, as with the lemmatizer. tests/nlp/test_lemma_memo.py checks
on real articles that both give identical lemmas.
"""
from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.tokens import Doc

# keys remembered before the memo starts afresh (about 40 MB; news text meets some 10^5)
MEMO_MAX = 500_000


class LemmaMemo:
    """spaCy component: the rule lemmatizer `lemmatizer`, remembered by (form, POS, morphology)."""

    def __init__(self, lemmatizer):
        self.lemmatizer = lemmatizer
        # each word not seen yet tries its suffix rules' forms against the part of speech's
        # index of known words, a list (57,528 nouns in en_core_web_sm): `form in index` read
        # it end to end, most of the lemmatizer's time on new words. As sets they answer the
        # same, at once (the lemmatizer only asks `in` of them, and whether one is empty)
        if lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos, words in list(index.items()):
                if isinstance(words, list):
                    index[pos] = frozenset(words)
        self.lookups = lemmatizer.lookups  # its tables: triage reads the irregular forms there
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        memo, overwrite, strings = self.memo, self.lemmatizer.overwrite, doc.vocab.strings
        if len(memo) > MEMO_MAX:
            memo.clear()
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


def install(nlp) -> bool:
    """Put a LemmaMemo in place of the pipeline's `lemmatizer` when it is a rule lemmatizer
    (a lookup lemmatizer's lemma depends on the form alone and is cheap already). Returns
    whether it did."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or not hasattr(lemmatizer, "rule_lemmatize"):
        return False
    lemmatizer._validate_tables(Errors.E1004)  # what its first call would check
    nlp.add_pipe("orbit_lemma_memo", name="orbit_lemmas", after="lemmatizer")
    nlp.remove_pipe("lemmatizer")
    return True

