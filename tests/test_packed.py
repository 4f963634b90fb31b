"""The place index's compact parts (orbit/lexicon/packed.py): the same answers as the dict
and list they replace, through orbit's restricted cache files, with only the shards looked
up ever unpickled."""
import os
import pickle

import pytest

from orbit import cache
from orbit.lexicon.packed import PackedStrings, ShardedDict


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ORBIT_CACHE_DIR", str(tmp_path))
    return tmp_path


MAPPING = {"kharkiv": 7, "kyiv": (1, 2), "paris": 3, "p": 9, "": 0, "almaty": ("x", [1])}


def test_a_sharded_dict_answers_like_the_dict(folder):
    cache.save("s.pickle", ShardedDict(MAPPING))
    d = cache.load("s.pickle", allowed=(ShardedDict,))
    assert len(d) == len(MAPPING)
    for key, value in MAPPING.items():
        assert d.get(key) == value and d[key] == value and key in d
    assert d.get("odessa") is None and "odessa" not in d and 3 not in d
    with pytest.raises(KeyError):
        d["odessa"]
    assert dict(d.items()) == MAPPING and set(d) == set(MAPPING)


def test_only_the_shards_looked_up_are_unpickled(folder):
    cache.save("s.pickle", ShardedDict(MAPPING))
    d = cache.load("s.pickle", allowed=(ShardedDict,))
    assert d._loaded == {}
    d.get("kharkiv")
    assert set(d._loaded) == {"kh"}
    assert "kyiv" in d and set(d._loaded) == {"kh", "ky"}


def test_a_planted_shard_cannot_run_code(folder):
    class Evil:
        def __reduce__(self):
            return (os.system, ("echo planted",))

    d = ShardedDict({"ab": 1})
    d.__setstate__(({"ab": pickle.dumps({"ab": Evil()})}, 1))
    with pytest.raises(pickle.UnpicklingError, match="may not name"):
        d.get("ab")


def test_packed_strings_index_like_the_list(folder):
    names = ["Kharkiv", "", "Ho Chi Minh City", "Zürich", "a"]
    cache.save("n.pickle", PackedStrings(names))
    p = cache.load("n.pickle", allowed=(PackedStrings,))
    assert len(p) == len(names) and list(p) == names
    assert [p[i] for i in range(-len(names), len(names))] == names + names
