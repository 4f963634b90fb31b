"""orbit's spaCy components, registered in one place.

No `from __future__ import annotations` here: spaCy validates factory arguments against
their real type hints.

spaCy finds them through the `spacy_factories` entry points in pyproject.toml, so
`nlp.add_pipe("orbit_actors")` and `nlp.add_pipe("orbit_events")` work in any pipeline
once orbit is installed. Each factory is a thin builder around a plain class that can
also be used without spaCy's registry.
"""

from spacy.language import Language

from ..doc_extensions import reference_day, set_extensions
from ..settings import CODERS, Settings

ACTOR_CONFIG = {"actor_files": []}
# defaults for pipelines built without orbit's loader: settings.toml's values (their one home)
_SETTINGS = Settings()
EVENT_CONFIG = {"verb_files": [], "untargeted_roots": list(_SETTINGS.untargeted_roots),
                "min_confidence": _SETTINGS.min_confidence, "coder": _SETTINGS.coder, "model_dir": "",
                "combined_floor": _SETTINGS.combined_floor, "rule_veto": _SETTINGS.rule_veto}
FACT_CONFIG: dict = {"quotes": True, "amounts": True, "actor_files": []}


@Language.factory("orbit_actors", default_config=ACTOR_CONFIG, requires=["token.dep", "doc.ents"],
                  assigns=["doc._.orbit_mentions", "doc._.orbit_actors"])
def make_actor_resolver(nlp: Language, name: str, actor_files: list[str]):
    from ..actors.resolver import ActorResolver
    from ..lexicon.actor_files import load_actor_dictionary

    set_extensions()
    return ActorResolver(nlp, load_actor_dictionary(tuple(actor_files)))


@Language.factory("orbit_facts", default_config=FACT_CONFIG, requires=["token.dep", "doc.ents", "doc._.orbit_mentions"],
                  assigns=["doc._.orbit_dates", "doc._.orbit_places", "doc._.orbit_amounts", "doc._.orbit_quotes"])
def make_fact_extractor(nlp: Language, name: str, quotes: bool, amounts: bool, actor_files: list[str]):
    """quotes, amounts: False leaves that kind out (events-only runs never read them);
    actor_files: the run's user dictionaries, whose countries and capitals are places too."""
    from ..extract import FactExtractor
    from ..lexicon.actor_files import load_actor_dictionary

    set_extensions()
    dictionary = load_actor_dictionary(tuple(actor_files)) if actor_files else None
    if quotes and amounts:
        return FactExtractor(nlp, dictionary)
    return PartialFactExtractor(nlp, quotes, amounts, dictionary)


class PartialFactExtractor:
    """`FactExtractor` with quotes or amounts left out (their extensions stay empty)."""

    def __init__(self, nlp: Language, quotes: bool, amounts: bool, dictionary=None):
        self.nlp, self.quotes, self.amounts, self.dictionary = nlp, quotes, amounts, dictionary

    def __call__(self, doc):
        from ..extract import (
            _future_at,
            find_amounts,
            find_dates,
            find_places,
            find_quotes,
        )

        base = reference_day(doc)
        text = doc.text
        doc._.orbit_dates = find_dates(text, base, future_at=lambda offset: _future_at(doc, offset))
        doc._.orbit_quotes = find_quotes(doc, text) if self.quotes else []
        doc._.orbit_amounts = find_amounts(doc, text) if self.amounts else []
        doc._.orbit_places = find_places(doc, text=text, dictionary=self.dictionary)
        return doc


@Language.factory("orbit_events", default_config=EVENT_CONFIG, requires=["token.dep", "doc._.orbit_mentions"],
                  assigns=["doc._.orbit_events"])
def make_event_coder(nlp: Language, name: str, verb_files: list[str], untargeted_roots: list[str],
                     min_confidence: float, coder: str, model_dir: str, combined_floor: float, rule_veto: float):
    """coder "rules": the patterns alone; "model": the trained coder (orbit/learn), which
    reads the patterns' events as features; "combined": the patterns' events, and the
    model's where the patterns coded nothing for that pair of actors in that sentence and the
    model's score is at least `combined_floor`, less the patterns' events the model scores
    below `rule_veto` for their pair and root; model_dir: another trained model's folder."""
    from ..errors import SettingsError
    from ..events.cameo import load_codebook
    from ..events.coder import EventCoder
    from ..events.patterns import load_patterns

    set_extensions()
    rules = EventCoder(load_patterns(tuple(verb_files)), load_codebook(), untargeted_roots, min_confidence)
    if coder == "rules":
        return rules
    if coder not in CODERS:
        raise SettingsError(f"unknown event coder {coder!r}: choose {', '.join(CODERS)}")
    from ..learn.coder import LearnedCoder
    from ..learn.scorer import load_model

    return LearnedCoder(rules, load_model(model_dir or None), load_codebook(),
                        beside_rules=combined_floor if coder == "combined" else None, rule_veto=rule_veto)


@Language.factory("orbit_lemma_memo", requires=["token.pos", "token.morph"], assigns=["token.lemma"])
def make_lemma_memo(nlp: Language, name: str):
    """Built from the pipeline's rule `lemmatizer`, which it replaces (see lemma_memo.py)."""
    from .lemma_memo import LemmaMemo

    return LemmaMemo(nlp.get_pipe("lemmatizer"))


@Language.factory("orbit_attribute_table", requires=["token.tag", "token.dep"],
                  assigns=["token.pos", "token.morph", "token.lemma"])
def make_attribute_table(nlp: Language, name: str):
    """Built from the pipeline's `attribute_ruler`, which it replaces (see attribute_table.py);
    raises UnsupportedRules when a rule cannot be applied exactly."""
    from .attribute_table import AttributeTable

    return AttributeTable.build(nlp.get_pipe("attribute_ruler"))
