"""The remembered lemmas are exactly what spaCy's rule lemmatizer gives."""
from __future__ import annotations

import spacy

from orbit.nlp import factories  # noqa: F401  (registers orbit_lemma_memo)
from orbit.nlp.lemma_memo import LemmaMemo, install

from .test_attribute_table import _texts


def test_same_lemmas_as_the_rule_lemmatizer(settings):
    stock = spacy.load(settings.model, exclude=["ner"])
    reference = spacy.load(settings.model, exclude=["ner"]).get_pipe("lemmatizer")  # its index lists untouched
    memo = LemmaMemo(stock.get_pipe("lemmatizer"))
    assert isinstance(reference.lookups.get_table("lemma_index").get("noun"), list)
    assert isinstance(memo.lemmatizer.lookups.get_table("lemma_index").get("noun"), frozenset)
    n_tokens = n_reused = 0
    # twice over the texts: the second pass answers from the memo alone
    for doc in stock.pipe(_texts() * 2, disable=["lemmatizer"]):
        expected = reference(doc.copy())
        before = len(memo.memo)
        got = memo(doc)
        n_reused += len(memo.memo) == before
        assert [t.lemma_ for t in got] == [t.lemma_ for t in expected], doc.text[:80]
        n_tokens += len(doc)
    assert n_tokens > 2000 and n_reused >= len(_texts())


def test_an_earlier_lemma_is_kept_and_the_pipeline_uses_the_memo(settings):
    nlp = spacy.load(settings.model, exclude=["ner"])
    tables = nlp.get_pipe("lemmatizer").lookups
    assert install(nlp) and "lemmatizer" not in nlp.pipe_names and "orbit_lemmas" in nlp.pipe_names
    assert nlp.get_pipe("orbit_lemmas").lookups is tables  # triage reads the irregular forms there
    doc = nlp("The ministers were meeting in Geneva.", disable=["orbit_lemmas"])
    doc[1].lemma_ = "MINISTER"  # as an attribute rule would set it
    nlp.get_pipe("orbit_lemmas")(doc)
    assert [t.lemma_ for t in doc] == ["the", "MINISTER", "be", "meet", "in", "Geneva", "."]
    assert install(spacy.blank("en")) is False
