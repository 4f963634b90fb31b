"""Shared fixtures: the pipeline is loaded once per test session (spaCy model + dictionaries)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "blinken-central-asia"
SAMPLES = ROOT / "samples"


def dev_ids(split: str) -> frozenset:
    """The ids of a benchmark's dev split (bench/splits/SPLIT.json): tests may read dev
    records; the test split is only ever scored by bench/."""
    return frozenset(json.loads((ROOT / "bench" / "splits" / f"{split}.json").read_text(encoding="utf-8"))["dev"])


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def need_shared():
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")


@pytest.fixture(scope="session")
def settings():
    """The pattern coder's settings: the stages' tests assert what the patterns code; the
    default coder (combined) adds the trained model's events beside them, and its tests
    (tests/learn/) and the gate's figures cover that."""
    from orbit.settings import load_settings

    return load_settings(coder="rules")


@pytest.fixture(scope="session")
def pipeline(settings):
    from orbit.pipeline import Pipeline

    return Pipeline(settings)


@pytest.fixture(scope="session")
def seed_result(pipeline):
    need_shared()
    from orbit.model import RawDocument

    raw = RawDocument(doc_id="seed", content=(SEED.with_suffix(".txt")).read_text(encoding="utf-8"), kind="text",
                      date=date(2023, 2, 28), path=str(SEED.with_suffix(".txt")))
    (result,) = list(pipeline.process([raw]))
    return result


@pytest.fixture(scope="session")
def code(pipeline):
    """Code one text; returns its asserted and all events."""

    def run(text: str, day: str = "2024-01-10"):
        return pipeline.read(text, pub=date.fromisoformat(day)).events

    return run


def dyads(events, asserted_only: bool = True) -> set[tuple]:
    return {(e.source.country if e.source else None, e.target.country if e.target else None, e.root)
            for e in events if e.asserted or not asserted_only}
