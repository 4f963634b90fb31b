"""Named classes of CAMEO roots, declared once in data/cameo/root_classes.tsv.

Code asks for a class by name (`root_class("force")`) instead of spelling the roots out,
so a class means the same roots wherever it is used and its reason is written beside it.
"""
from __future__ import annotations

from functools import lru_cache

from ..resources import read_list

ROOT_CLASSES = "cameo/root_classes.tsv"


@lru_cache(maxsize=1)
def root_classes() -> dict[str, frozenset[str]]:
    out = {}
    for line in read_list(ROOT_CLASSES):
        name, roots, _why = line.split("\t")
        out[name] = frozenset(r.strip() for r in roots.split(","))
    return out


def root_class(name: str) -> frozenset[str]:
    """The roots of a class; a name not in the file is a programming error (KeyError)."""
    return root_classes()[name]
