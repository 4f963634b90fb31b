"""Indexes derived from the packaged data, kept between runs.

Most of the start-up of `orbit code` on one short file went into indexes that depend only
on orbit's data files: the place index (lexicon/gazetteer.py) and the actor matcher's token tries
(actors/matching.py). Each is written once as a pickle in orbit's cache folder
(`ORBIT_CACHE_DIR`, else `$XDG_CACHE_HOME/orbit` or `~/.cache/orbit`; `ORBIT_CACHE_DIR=""`
never reads or writes one) under a name that carries a digest of everything it was derived
from, the code that derives it included: a changed input is a different file, never a
stale one. Reading is restricted: a cache file may name only the classes its reader allows
(plain data otherwise), so a planted file cannot run code.
"""
from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
from pathlib import Path
from typing import Optional

log = logging.getLogger(__name__)


def cache_dir() -> Optional[Path]:
    folder = os.environ.get("ORBIT_CACHE_DIR")
    if folder == "":
        return None
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "orbit")
    return Path(folder)


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:16]


class _Restricted(pickle.Unpickler):
    def __init__(self, f, allowed: dict[tuple[str, str], object]):
        super().__init__(f)
        self.allowed = allowed

    def find_class(self, module, name):
        try:
            return self.allowed[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"an orbit cache file may not name {module}.{name}") from None


def load(name: str, allowed: tuple = ()) -> object | None:
    """The cached object of that name, or None when there is none or it cannot be read
    (a broken file is logged and rebuilt). `allowed`: the classes the file may hold."""
    folder = cache_dir()
    path = folder / name if folder is not None else None
    if path is None or not path.is_file():
        return None
    classes = {(getattr(c, "__module__", ""), getattr(c, "__qualname__", "")): c for c in allowed}
    try:
        with open(path, "rb") as f:
            return _Restricted(f, classes).load()
    except Exception as err:  # a broken or foreign file is ignored and rebuilt
        log.warning("ignoring the cache file %s: %s", path, err)
        return None


def loads_plain(data: bytes) -> object:
    """Unpickle bytes that may hold plain data only (no class at all): parts of a cache file
    kept as bytes to be read later (orbit/lexicon/packed.py)."""
    return _Restricted(io.BytesIO(data), {}).load()


def save(name: str, obj: object) -> None:
    """Write atomically (a reader never sees half a file); a folder that cannot be written is
    only logged: the cache saves time, it is never needed."""
    folder = cache_dir()
    if folder is None:
        return
    path = folder / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as f:
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as err:
        log.info("cannot write the cache file %s: %s", path, err)
