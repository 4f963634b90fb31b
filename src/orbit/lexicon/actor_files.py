"""The actor dictionary orbit runs with: the packaged files (orbit/data/actors/), then the
user's files in orbit's JSONL format or PETRARCH/TABARI format, later entries winning."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import DictionaryError
from ..resources import data_files, iter_jsonl, iter_jsonl_file, read_text
from .actor_dictionary import ActorDictionary, load_orbit_records
from .petrarch import is_petrarch_file, load_petrarch_file


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
    d = ActorDictionary()
    sources = []
    # groups/ before organisations.jsonl: where both give a code, orbit's own record wins
    packaged = ["actors/countries.jsonl", *_data_files_if_any("actors/groups"), "actors/organisations.jsonl",
                "actors/roles.jsonl", "actors/offices.jsonl", *data_files("actors/people", ".jsonl")]
    for rel in packaged:
        try:
            text = read_text(rel)
        except FileNotFoundError:
            continue
        sources.append(text)
        load_orbit_records(d, iter_jsonl(rel), f"orbit/data/{rel}")
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
