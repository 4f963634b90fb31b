"""The actor matcher's token tries find what spaCy's PhraseMatcher found, without its start-up cost."""
from orbit.actors.matching import ActorMatcher, PhraseTrie, Tokens
from orbit.lexicon.actor_dictionary import ActorDictionary
from orbit.lexicon.actor_files import load_actor_dictionary


def test_every_shipped_form_is_tokenized_as_the_pipeline_tokenizes_it(pipeline):
    # the shortcut (split at spaces) must agree with the tokenizer on every form it takes
    nlp = pipeline.nlp
    tokens = Tokens(nlp)
    dictionary = load_actor_dictionary()
    forms = list(dictionary.surface_forms) + [f for r in dictionary.roles for f in {r, r.title(), r.capitalize()}]
    assert len(forms) > 10_000
    wrong = [f for f in forms if tokens(f) != [t.text for t in nlp.make_doc(f)]]
    assert wrong == []


def test_special_cases_and_punctuation_go_through_the_tokenizer(pipeline):
    tokens = Tokens(pipeline.nlp)
    assert tokens("cannot") == ["can", "not"]  # a tokenizer special case, not split at spaces
    assert tokens("U.S. Army") == ["U.S.", "Army"]
    assert tokens("Guinea-Bissau") == ["Guinea", "-", "Bissau"]


def test_the_trie_finds_every_occurrence_and_the_longest_overlap_wins(pipeline):
    doc = pipeline.nlp.make_doc("The South Korean foreign minister met South Korea's envoy in Seoul.")
    trie = PhraseTrie(lower=True)
    trie.add("south korea", ["South", "Korea"])
    trie.add("south", ["south"])
    trie.add("seoul", ["Seoul"])
    found = {(doc[s:e].text, key) for key, s, e in trie(doc)}
    assert found == {("South", "south"), ("South Korea", "south korea"), ("Seoul", "seoul")}
    exact = PhraseTrie(lower=False)
    exact.add("seoul", ["SEOUL"])
    assert exact(doc) == []


def test_names_keep_the_longest_match_and_exact_case_forms_need_their_case(pipeline):
    dictionary = ActorDictionary()
    nlp = pipeline.nlp
    dictionary.surface_forms.update(["United States", "United", "US"])
    matcher = ActorMatcher(nlp, dictionary)
    doc = nlp.make_doc("The United States and us, said the US envoy.")
    got = [(doc[m.start:m.end].text, m.key) for m in matcher.names(doc)]
    assert got == [("United States", "united states"), ("US", "us")]

