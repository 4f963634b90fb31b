"""Compact, lazily read forms of the place index's two big parts, so that a process that
looks up a few names does not pay for all of them at start-up (`orbit code` on one short
file): unpickling the 474k-key name index took 0.3-0.5 s and the 235k city names 0.1-0.2 s,
most of orbit's start-up beyond spaCy's own.

    ShardedDict(mapping)   a read-only dict of string keys, kept as one pickled shard per
                           two-letter key prefix; a shard is unpickled on first look-up
    PackedStrings(names)   a sequence of strings kept as one string and an offset array
    DecodedDict(rows, f)   a ShardedDict of plain rows seen through `f`, which makes each
                           entry's objects on first access (the actor dictionary's people)

Both pickle to a few large byte strings, which load in milliseconds. Shards are read with
orbit's restricted unpickler (plain data only), like the cache file that holds them.
"""
from __future__ import annotations

import pickle
from array import array
from dataclasses import fields
from typing import Iterable, Iterator, Optional

from .. import cache

PREFIX_LENGTH = 2


def row_of(record) -> tuple:
    """A dataclass instance as the plain tuple of its fields (`Type(*row)` makes it again)."""
    return tuple(getattr(record, f.name) for f in fields(record))


def _shard_of(key: str) -> str:
    return key[:PREFIX_LENGTH]


class ShardedDict:
    """A read-only mapping of string keys to plain values (ints, strings, tuples, lists)."""

    __slots__ = ("_blobs", "_loaded", "_size")

    def __init__(self, mapping: dict):
        shards: dict[str, dict] = {}
        for key, value in mapping.items():
            shards.setdefault(_shard_of(key), {})[key] = value
        self._loaded = shards
        self._blobs: dict[str, bytes] = {}
        self._size = len(mapping)

    # -- pickling: the shards as bytes, nothing unpickled until asked for
    def __getstate__(self):
        blobs = dict(self._blobs)
        for prefix, shard in self._loaded.items():
            blobs[prefix] = pickle.dumps(shard, protocol=pickle.HIGHEST_PROTOCOL)
        return blobs, self._size

    def __setstate__(self, state) -> None:
        self._blobs, self._size = state
        self._loaded = {}

    def _shard(self, prefix: str) -> Optional[dict]:
        shard = self._loaded.get(prefix)
        if shard is None:
            blob = self._blobs.pop(prefix, None)
            if blob is None:
                return None
            shard = self._loaded[prefix] = cache.loads_plain(blob)
        return shard

    # -- the read-only mapping
    def get(self, key: str, default=None):
        shard = self._shard(_shard_of(key))
        return default if shard is None else shard.get(key, default)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        shard = self._shard(_shard_of(key))
        return shard is not None and key in shard

    def __getitem__(self, key: str):
        shard = self._shard(_shard_of(key))
        if shard is None or key not in shard:
            raise KeyError(key)
        return shard[key]

    def __len__(self) -> int:
        return self._size

    def _all(self) -> Iterator[dict]:
        for prefix in list(self._blobs) + list(self._loaded):
            shard = self._shard(prefix)
            if shard is not None:
                yield shard

    def items(self) -> Iterator[tuple]:
        seen: set[int] = set()
        for shard in self._all():
            if id(shard) not in seen:
                seen.add(id(shard))
                yield from shard.items()

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.items())

    def keys(self) -> Iterator[str]:
        return iter(self)

    def values(self) -> Iterator:
        return (value for _, value in self.items())


class PackedStrings:
    """An immutable sequence of strings (none holding NUL) in one string."""

    __slots__ = ("_text", "_ends")

    def __init__(self, strings: Iterable[str]):
        strings = list(strings)
        self._text = "\0".join(strings)
        ends = array("q")
        pos = 0
        for s in strings:
            pos += len(s)
            ends.append(pos)
            pos += 1
        self._ends = ends

    def __getstate__(self):
        return self._text, self._ends.tobytes()

    def __setstate__(self, state) -> None:
        self._text, raw = state
        self._ends = array("q")
        self._ends.frombytes(raw)

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        end = self._ends[i]
        start = self._ends[i - 1] + 1 if i % len(self._ends) else 0
        return self._text[start:end]

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))


class DecodedDict:
    """A read-only mapping over a ShardedDict of plain rows, each turned into its objects by
    `decode` on first access and kept: only the entries a run looks up are ever built."""

    __slots__ = ("_rows", "_decode", "_made")

    def __init__(self, rows: ShardedDict, decode):
        self._rows, self._decode, self._made = rows, decode, {}

    def __getstate__(self):
        return self._rows, self._decode

    def __setstate__(self, state) -> None:
        self._rows, self._decode = state
        self._made = {}

    def get(self, key: str, default=None):
        made = self._made.get(key)
        if made is None:
            row = self._rows.get(key)
            if row is None:
                return default
            made = self._made[key] = self._decode(row)
        return made

    def __getitem__(self, key: str):
        made = self.get(key)
        if made is None:
            raise KeyError(key)
        return made

    def __contains__(self, key: object) -> bool:
        return key in self._made or key in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def keys(self) -> Iterator[str]:
        return iter(self._rows)

    def items(self) -> Iterator[tuple]:
        return ((key, self[key]) for key in self._rows)

    def values(self) -> Iterator:
        return (self[key] for key in self._rows)
