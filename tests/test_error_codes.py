"""One error-code registry (orbit/errors.py) and no code with two meanings.

The registry is every OrbitError subclass's `code` and the codes the HTTP API answers
with (`errors.API_CODES`). The source is read, not imported: every E### / W### written in
a string in src/orbit (messages, literals such as "W102", the dashboard's scripts) must be
a registered code, so a code cannot be invented in one module while errors.py gives it
another meaning.
"""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from orbit import errors

SRC = Path(errors.__file__).parent
CODE = re.compile(r"\b[EW]\d{3}\b")
# other libraries' codes orbit's text mentions: never orbit's own
FOREIGN = {"E088": "spaCy: a text longer than nlp.max_length (pipeline.py)"}
# a string literal in the dashboard's JavaScript
JS_STRING = re.compile(r"""(["'`])((?:\\.|(?!\1).)*)\1""")


def python_strings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal and f-string text part; comments are left out
    (`# noqa: E402` is a linter's code, not orbit's)."""
    kinds = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
    return [(t.start[0], t.string) for t in tokens if t.type in kinds]


def js_strings(path: Path) -> list[tuple[int, str]]:
    out = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        out += [(n, m.group(2)) for m in JS_STRING.finditer(line)]
    return out


def codes_in_source() -> dict[str, list[str]]:
    """code -> the places (file:line) it is written, outside errors.py."""
    found: dict[str, list[str]] = {}
    files = [(p, python_strings) for p in SRC.rglob("*.py") if p.name != "errors.py" or p.parent != SRC]
    files += [(p, js_strings) for p in (SRC / "web").rglob("*.js") if "vendor" not in p.parts]
    for path, strings in files:
        for line, text in strings(path):
            for code in CODE.findall(text):
                found.setdefault(code, []).append(f"{path.relative_to(SRC)}:{line}")
    return found


def test_no_code_has_two_meanings():
    twice = {code: names for code, names in errors.registry().items() if len(names) > 1}
    assert not twice, f"codes with more than one meaning: {twice}"


def test_codes_have_the_documented_form():
    for code in errors.registry():
        assert re.fullmatch(r"[EW]\d{3}", code), code
    for cls in errors.error_classes():
        warning = issubclass(cls, (errors.InputWarning, errors.DictionaryWarning))
        assert cls.code.startswith("W") == warning, f"{cls.__name__} {cls.code}: W codes are the warnings"


def test_every_code_written_in_the_source_is_registered():
    known = errors.registry()
    unknown = {code: places for code, places in codes_in_source().items() if code not in known and code not in FOREIGN}
    assert not unknown, f"codes written in src/orbit that errors.py does not define: {unknown}"
    assert not set(FOREIGN) & set(known), "an orbit code is also another library's code orbit mentions"


def test_the_scan_sees_literals_and_messages():
    """The scan itself: a quoted code and a code inside a message are both found, a noqa comment is not."""
    sample = SRC.parent.parent / "tests" / "data" / "_codes_sample.py"
    try:
        sample.write_text('x = "E123"  # noqa: E402\ny = f"failed ({n}) W456 there"\n', encoding="utf-8")
        found = [c for _, text in python_strings(sample) for c in CODE.findall(text)]
    finally:
        sample.unlink()
    assert found == ["E123", "W456"]


def test_the_codes_in_use_are_found():
    """Guards the scan against finding nothing (a moved folder, a changed pattern)."""
    found = codes_in_source()
    assert {"W102", "E401", "E404"} <= set(found)
