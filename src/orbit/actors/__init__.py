"""Stage 3: actor dictionaries, mention resolution and coreference."""
from .dictionary import ActorDictionary, load_actor_dictionary

__all__ = ["ActorDictionary", "load_actor_dictionary"]
