"""orbit's cache folder: derived indexes are reused, never stale, and a planted file cannot run code."""
import os
import pickle
import subprocess
import sys

import pytest

from orbit import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ORBIT_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_saved_plain_data_comes_back(folder):
    cache.save("x.pickle", {"a": [1, 2], "b": ("c", b"d")})
    assert cache.load("x.pickle") == {"a": [1, 2], "b": ("c", b"d")}
    assert not list(folder.glob("*.tmp*"))  # written atomically


def test_a_file_naming_a_class_is_refused_and_ignored(folder, caplog):
    class Evil:
        def __reduce__(self):
            return (os.system, ("echo planted",))

    (folder / "evil.pickle").write_bytes(pickle.dumps(Evil()))
    assert cache.load("evil.pickle") is None
    assert "may not name" in caplog.text


def test_an_allowed_class_is_read(folder):
    from orbit.lexicon.gazetteer import Admin

    a = Admin("KAZ", "KZ", "02", 1, "Almaty", 1, 43.2, 76.9, 100)
    cache.save("admin.pickle", [a])
    assert cache.load("admin.pickle") is None  # not allowed by default
    assert cache.load("admin.pickle", allowed=(Admin,)) == [a]


def test_a_broken_file_is_ignored(folder):
    (folder / "broken.pickle").write_bytes(b"\x80\x05not a pickle")
    assert cache.load("broken.pickle") is None


def test_an_empty_cache_dir_setting_turns_the_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("ORBIT_CACHE_DIR", "")
    cache.save("x.pickle", [1])
    assert cache.load("x.pickle") is None
    assert cache.cache_dir() is None


def test_digests_change_with_any_input():
    assert cache.digest("a", "b") != cache.digest("ab")
    assert cache.digest("a", b"b") == cache.digest("a", "b")
    assert cache.digest("a", "b") != cache.digest("a", "c")


def test_the_place_index_and_actor_tries_are_kept_and_reused(tmp_path):
    """Two processes on an empty cache folder: the first builds and writes the place index and
    the actor tries, the second reads them, and both find the same places and actors."""
    script = (
        "import json, sys\n"
        "from orbit import read\n"
        "from orbit.lexicon.gazetteer import gazetteer\n"
        "r = read('Kazakhstan and Uzbekistan met in Almaty; Mr. Tokayev spoke.', date='2023-03-01')\n"
        "print(json.dumps([gazetteer().source, sorted(p.name for p in r.places), "
        "sorted(a.name for a in r.actors)]))\n"
    )
    env = dict(os.environ, ORBIT_CACHE_DIR=str(tmp_path))
    runs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    first, second = (r.stdout.strip().splitlines()[-1] for r in runs)
    assert '"cache"' in second and '"cache"' not in first.split(",")[0]
    assert first.split(",", 1)[1] == second.split(",", 1)[1]
    names = {p.name.split("-")[0] for p in tmp_path.iterdir()}
    assert {"place", "actor"} <= names
