"""The actor dictionary orbit runs with: the packaged files (orbit/data/actors/), then the
user's files in orbit's JSONL format or PETRARCH/TABARI format, later entries winning."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import cache
from ..errors import DictionaryError
from ..resources import data_files, iter_jsonl_file, iter_jsonl_text, read_text
from . import actor_dictionary, packed
from .actor_dictionary import (
    ActorDictionary,
    Country,
    Organisation,
    RoleTerm,
    load_orbit_records,
    offices_of_row,
    person_of_row,
    surfaces_of_row,
)
from .packed import DecodedDict, ShardedDict
from .petrarch import is_petrarch_file, load_petrarch_file

# what a cached dictionary may hold (orbit/cache.py refuses any other class)
CACHED_CLASSES = (ActorDictionary, Country, Organisation, RoleTerm, ShardedDict, DecodedDict, person_of_row,
                  surfaces_of_row, offices_of_row)


def _data_files_if_any(folder: str) -> list[str]:
    """The .jsonl files of an optional data folder (groups/: organisations in more files)."""
    try:
        return data_files(folder, ".jsonl")
    except FileNotFoundError:
        return []


def load_actor_dictionary(user_files: tuple[str, ...] = ()) -> ActorDictionary:
    """The packaged dictionaries, then each user file in order (later entries win); loaded
    once per process for each list of user files."""
    # one cache key however it is called: lru_cache tells f(), f(()) and f(user_files=()) apart,
    # and the resolver and the gazetteer used to load the packaged files once each
    return _load_actor_dictionary(tuple(user_files))


@lru_cache(maxsize=4)
def _load_actor_dictionary(user_files: tuple[str, ...]) -> ActorDictionary:
    # groups/ before organisations.jsonl: where both give a code, orbit's own record wins
    packaged = ["actors/countries.jsonl", *_data_files_if_any("actors/groups"), "actors/organisations.jsonl",
                "actors/roles.jsonl", "actors/offices.jsonl", *data_files("actors/people", ".jsonl")]
    texts = []
    for rel in packaged:
        try:
            texts.append((rel, read_text(rel)))
        except FileNotFoundError:
            continue
    if user_files:
        return _build(texts, user_files)
    # the packaged dictionary, finished, is kept in orbit's cache folder (people and surfaces
    # in lazily read shards: lexicon/packed.py); users' files are read each time, so that every
    # line they cannot use is reported at every run
    code = b"".join(Path(m.__file__).read_bytes() for m in (actor_dictionary, packed)) + Path(__file__).read_bytes()
    name = "actor-dictionary-" + cache.digest(code, *(text for _, text in texts)) + ".pickle"
    d = cache.load(name, allowed=CACHED_CLASSES)
    if isinstance(d, ActorDictionary):
        return d
    d = _build(texts, ())
    cache.save(name, d)
    return d


def _build(texts: list[tuple[str, str]], user_files: tuple[str, ...]) -> ActorDictionary:
    d = ActorDictionary()
    sources = []
    for rel, text in texts:
        sources.append(text)
        load_orbit_records(d, iter_jsonl_text(text, f"orbit/data/{rel}"), f"orbit/data/{rel}")
    for f in user_files:
        path = Path(f)
        if not path.is_file():
            raise DictionaryError("actor dictionary not found", path=str(path))
        text = path.read_text(encoding="utf-8", errors="replace")
        sources.append(text)
        if is_petrarch_file(path, text):
            load_petrarch_file(d, text, str(path))
        else:
            load_orbit_records(d, iter_jsonl_file(path), str(path))
    return d.finish(sources)
