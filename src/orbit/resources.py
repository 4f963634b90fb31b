"""Reading orbit's package data files (and users' files in the same formats).

Data files are read through importlib.resources so the package works from a wheel, a
zip or a source checkout alike; nothing here reads ../shared.
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Iterator

from .errors import DictionaryError


def data_path(relpath: str):
    return resources.files("orbit").joinpath("data").joinpath(relpath)


def read_text(relpath: str) -> str:
    return data_path(relpath).read_text(encoding="utf-8")


def read_list(relpath: str) -> list[str]:
    """Non-empty lines that are not comments (`#`)."""
    return [ln.strip() for ln in read_text(relpath).splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def iter_jsonl_text(text: str, origin: str) -> Iterator[dict]:
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise DictionaryError(f"line {n} is not valid JSON: {err.msg}", path=origin) from None
        if not isinstance(obj, dict):
            raise DictionaryError(f"line {n} is not a JSON object", path=origin)
        yield obj


def iter_jsonl(relpath: str) -> Iterator[dict]:
    yield from iter_jsonl_text(read_text(relpath), f"orbit/data/{relpath}")


def iter_jsonl_file(path: str | Path) -> Iterator[dict]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as err:
        raise DictionaryError(f"cannot read dictionary: {err.strerror}", path=str(p)) from None
    yield from iter_jsonl_text(text, str(p))


def data_files(folder: str, suffix: str) -> list[str]:
    """Relative paths of the data files in a folder, sorted."""
    root = data_path(folder)
    return sorted(f"{folder}/{p.name}" for p in root.iterdir() if p.name.endswith(suffix))
