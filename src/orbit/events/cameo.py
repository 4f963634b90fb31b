"""The CAMEO event code set and its PLOVER mapping, read from data/cameo/.

`CameoCodebook.get("0331")` gives name, root, Goldstein value and QuadClass;
`plover("0331")` gives the PLOVER event, mode and context. Intent codes (03x) for
events pledged or planned rather than done, and rejection codes (12x) for events refused,
come from data/cameo/modality_codes.tsv.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..errors import DictionaryError
from ..model import Plover
from ..resources import read_text


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    level: int
    name: str
    goldstein: float
    quad_class: int
    description: str


class CameoCodebook:
    def __init__(self, codes: dict[str, CameoCode], plover: dict[str, Plover], intent: dict[str, str],
                 refusal: dict[str, str]):
        self.codes = codes
        self._plover = plover
        self._intent = intent
        self._refusal = refusal

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def get(self, code: str) -> CameoCode:
        try:
            return self.codes[code]
        except KeyError:
            raise DictionaryError(f"unknown CAMEO event code {code!r}") from None

    def plover(self, code: str) -> Plover:
        for key in (code, code[:3], code[:2]):
            if key in self._plover:
                return self._plover[key]
        return Plover(event=None)

    def intent_code(self, code: str) -> Optional[str]:
        """The 03x/13x code for intending the event `code` ("pledged aid" -> 033)."""
        for key in (code, code[:3], code[:2]):
            if key in self._intent:
                return self._intent[key]
        return None

    def refusal_code(self, code: str) -> str:
        """The 12x code for refusing the event `code` ("would not recognize" -> 120)."""
        for key in (code, code[:3], code[:2]):
            if key in self._refusal:
                return self._refusal[key]
        return "120"

    def roots(self) -> list[str]:
        return sorted(c.code for c in self.codes.values() if c.level == 0)


def _rows(rel: str):
    return csv.DictReader(io.StringIO(read_text(rel)), delimiter="\t")


@lru_cache(maxsize=1)
def load_codebook() -> CameoCodebook:
    codes = {}
    for r in _rows("cameo/codes.tsv"):
        codes[r["code"]] = CameoCode(r["code"], r["root"], int(r["level"]), r["name"], float(r["goldstein"]),
                                     int(r["quad_class"]), r["description"])
    plover = {}
    for r in _rows("cameo/plover.tsv"):
        ctx = tuple(c for c in (r["context"] or "").split(";") if c)
        plover[r["cameo"]] = Plover(r["event"] or None, r["mode"] or None, ctx)
    intent, refusal = {}, {}
    for r in _rows("cameo/modality_codes.tsv"):
        if r["intent"]:
            intent[r["code"]] = r["intent"]
        if r["refusal"]:
            refusal[r["code"]] = r["refusal"]
    return CameoCodebook(codes, plover, intent, refusal)
