"""Stage 3: actor dictionaries, mention resolution and coreference."""
from ..lexicon.actor_dictionary import ActorDictionary
from ..lexicon.actor_files import load_actor_dictionary

__all__ = ["ActorDictionary", "load_actor_dictionary"]
