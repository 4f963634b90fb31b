"""Issue 18: a set of CAMEO roots is declared once, with its reason, in
data/cameo/root_classes.tsv, and code asks for it by name. This test fails on a set,
tuple or list of two or more root literals ("18", "19") written anywhere else in src/."""
from __future__ import annotations

import re
from pathlib import Path

from orbit.lexicon.roots import root_class, root_classes

SRC = Path(__file__).resolve().parents[1] / "src" / "orbit"
ROOT = r'"(?:0[1-9]|1[0-9]|20)"'
ROOT_SET = re.compile(rf"[{{(\[]\s*{ROOT}\s*,\s*{ROOT}")


def test_root_classes_are_named_sets_of_cameo_roots():
    classes = root_classes()
    assert {"force", "coercion_force", "conflict", "outward", "money"} <= set(classes)
    assert root_class("force") < root_class("coercion_force") < root_class("conflict")
    assert all(r.isdigit() and 1 <= int(r) <= 20 and len(r) == 2 for roots in classes.values() for r in roots)


def test_no_root_set_is_spelled_out_in_code():
    found = []
    for path in SRC.rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#")[0]
            if ROOT_SET.search(code):
                found.append(f"{path.relative_to(SRC)}:{n}: {line.strip()}")
    assert not found, "root sets outside data/cameo/root_classes.tsv:\n" + "\n".join(found)
