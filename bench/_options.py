"""Command-line options and helpers shared by the evaluation scripts (run as
`python bench/NAME.py`, so this folder is on sys.path; bench/eval_all.py and bench/gate put
it there too).

Splits (bench/README.md): every evaluation set has a dev split (misses may be read) and a
frozen test split (only scored), listed in bench/splits/<name>.json and read through
bench/splits.py. `--part dev|test|all` restricts a script's records to one of them; `all`
(the default) keeps what the script scored before the splits existed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from orbit.settings import CODERS

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SHARED = ROOT.parent / "shared"
PARTS = ("dev", "test", "all")

if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

T = TypeVar("T")


def add_triage_option(parser: argparse.ArgumentParser) -> None:
    """--triage: code as `orbit code` does, skipping sentences that cannot hold an event.
    The scores must not change; the option is there to show that they do not."""
    parser.add_argument("--triage", action="store_true",
                        help="code with sentence triage, as `orbit code` does (scores must not change)")


def add_part_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--part", choices=PARTS, default="all",
                        help="score only the dev split (misses may be read), only the frozen test split "
                             "(scored, never read), or all records (default, as before the splits)")


def add_coder_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--coder", choices=CODERS, default=None,
                        help="event coder: the trained model or the patterns alone (default: settings.toml's)")


def split_ids(name: str, part: str) -> frozenset | None:
    """The record ids of one split of one set (bench/splits/NAME.json); None for part "all"."""
    if part == "all":
        return None
    if part not in ("dev", "test"):
        raise ValueError(f"part must be one of {PARTS}, not {part!r}")
    from splits import load

    return load(name).get(part, frozenset())


def select(name: str, records: Iterable[T], part: str, key: Callable[[T], str] = lambda r: r["id"]) -> list[T]:
    """The records of one split (all of them for part "all"), in their order."""
    ids = split_ids(name, part)
    records = list(records)
    return records if ids is None else [r for r in records if key(r) in ids]


def in_test(name: str, record_id: str) -> bool:
    """Is the record in the set's frozen test split? Its misses are never printed."""
    return record_id in (split_ids(name, "test") or ())


def settings_of(obj=None):
    """Settings from a Settings, a Pipeline or None (settings.toml's)."""
    from orbit.settings import Settings, load_settings

    if obj is None:
        return load_settings()
    if isinstance(obj, Settings):
        return obj
    return obj.settings


def pipeline_of(obj=None):
    """A Pipeline from a Pipeline (kept, with its loaded model), a Settings or None."""
    from orbit.pipeline import Pipeline

    return obj if isinstance(obj, Pipeline) else Pipeline(settings_of(obj))


def coder_settings(coder: str | None = None, triage: bool = False):
    """settings.toml's settings with the chosen event coder (None: the configured one)."""
    from orbit.settings import load_settings

    return load_settings().replace(coder=coder, triage=triage or None)


def rate(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def numbers(figures: dict) -> dict:
    """A run()'s flat dict of numbers: figures with no value (a rate over nothing) left out."""
    return {k: v for k, v in figures.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
