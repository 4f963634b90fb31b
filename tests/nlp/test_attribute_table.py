"""The table-driven attribute rules give exactly what spaCy's AttributeRuler gives."""
from __future__ import annotations

import json

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from orbit.nlp import factories  # noqa: F401  (registers orbit_attribute_table)
from orbit.nlp.attribute_table import AttributeTable, install

from ..conftest import SAMPLES, SEED, SHARED

COLUMNS = [POS, TAG, MORPH, LEMMA, DEP]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    if SEED.with_suffix(".txt").exists():
        texts.append(SEED.with_suffix(".txt").read_text(encoding="utf-8"))
    news = SHARED / "benchmarks" / "geoparsing_gritta_news" / "geoparsing_news_gold.jsonl"
    if news.exists():
        with news.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for _, line in zip(range(120), fh)]
    # the rare rules: contractions, "gon na", "y' all", "ai n't", expletive "there is", aux "do"
    texts.append("Y'all ain't gonna believe it: there is nothin' we can do. Let's go, c'mon! "
                 "I gotta say it did not help, though he does support it and they did.")
    return texts


@pytest.fixture(scope="module")
def stock_and_table(settings):
    stock = spacy.load(settings.model, exclude=["ner"])
    table = spacy.load(settings.model, exclude=["ner"])
    assert install(table), "the English pipeline's rules should all be readable"
    assert "attribute_ruler" not in table.pipe_names and "orbit_attributes" in table.pipe_names
    return stock, table


def test_same_annotations_as_the_attribute_ruler(stock_and_table):
    stock, table = stock_and_table
    ruler, attributes = stock.get_pipe("attribute_ruler"), table.get_pipe("orbit_attributes")
    n_tokens = 0
    for doc in stock.pipe(_texts(), disable=["attribute_ruler", "lemmatizer"]):
        other = doc.copy()
        ruler(doc)
        attributes(other)
        expected, got = doc.to_array(COLUMNS), other.to_array(COLUMNS)
        diff = np.flatnonzero((expected != got).any(axis=1))
        assert not diff.size, [(doc[i].text, doc[i].pos_, other[i].pos_, str(doc[i].morph), str(other[i].morph))
                               for i in diff[:5]]
        n_tokens += len(doc)
    assert n_tokens > 1000


def test_custom_rules_order_index_and_predicates():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "new"}, {"LOWER": "york"}]], {"LEMMA": "NYC"}, index=-1)
    ruler.add([[{"LOWER": {"IN": ["york", "paris"]}}]], {"LEMMA": "city"})  # later rule: wins on "york"
    ruler.add([[{"ORTH": {"REGEX": "^[0-9]+$"}}]], {"LEMMA": "NUM"})
    ruler.add([[{"LOWER": {"NOT_IN": ["the", "new", "york", "paris"]}, "IS_PUNCT": False}]], {"TAG": "X"})
    text = "The new York office and Paris, 42 of them."
    expected = ruler(nlp.make_doc(text))
    table = AttributeTable.from_ruler(ruler)
    got = table(nlp.make_doc(text))
    assert [t.lemma_ for t in got] == [t.lemma_ for t in expected]
    assert [t.tag_ for t in got] == [t.tag_ for t in expected]
    assert got[2].lemma_ == "city" and got[7].lemma_ == "NUM" and got[1].tag_ == "" and got[3].tag_ == "X"


def test_rules_it_cannot_read_keep_the_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})
    assert AttributeTable.from_ruler(ruler) is None
    assert install(nlp) is False and "attribute_ruler" in nlp.pipe_names and "orbit_attributes" not in nlp.pipe_names
