"""The confidence factors of orbit's inferences, named and documented in
data/lexicon/confidence.toml and read once (issue 18: no unnamed factors in code)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields

from ..resources import read_text

CONFIDENCE_FILE = "lexicon/confidence.toml"


@dataclass(frozen=True)
class ConfidenceFactors:
    pattern_base: float
    pattern_detail: float
    inferred_actor: float
    reported_obligation: float
    evaluation: float
    reported_force: float


def _load() -> ConfidenceFactors:
    values = tomllib.loads(read_text(CONFIDENCE_FILE))
    names = {f.name for f in fields(ConfidenceFactors)}
    if set(values) != names:
        raise ValueError(f"{CONFIDENCE_FILE}: keys {sorted(set(values) ^ names)} missing or unknown")
    if not all(isinstance(v, float) and 0 < v <= 1 for v in values.values()):
        raise ValueError(f"{CONFIDENCE_FILE}: every factor is a number in (0, 1]")
    return ConfidenceFactors(**values)


CONFIDENCE = _load()
