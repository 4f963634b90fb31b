"""Settings: one object passed to every stage instead of many keyword arguments.

Defaults come from settings.toml (package data) and nowhere else: the dataclass reads
its defaults from that file, so `Settings()` and `load_settings()` agree. A user TOML
file and explicit overrides are laid over them. An unknown section or key, in a file or
an override, is an error (E011) naming the nearest valid one: a typo such as
`batchsize = 8` must not silently do nothing. `Settings` is frozen: a stage that needs a
variant makes a copy with `replace()`, so shared settings never leak changes back to the caller.
"""
from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any, Optional

from .errors import SettingsError, UnknownSetting

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
    ("events", "combined_floor"): "combined_floor",
    ("events", "rule_veto"): "rule_veto",
    ("server", "allowed_hosts"): "allowed_hosts",
    ("store", "path"): "db_path",
    ("store", "commit_every"): "commit_every",
}
_SECTIONS = sorted({section for section, _ in _TOML_KEYS})
# the event coders `[events] coder` and `--coder` may name (the default is settings.toml's)
CODERS = ("combined", "rules", "model")


def _nearest(name: str, valid: list[str]) -> str:
    """"; did you mean X?" for the closest valid name, or "" when none is close."""
    close = difflib.get_close_matches(name, valid, n=1)
    return f"; did you mean {close[0]}?" if close else ""


def _unknown(name: str, valid: list[str], path: str | None = None) -> UnknownSetting:
    """E011 for `name` (section.key in a file, a field name in an override)."""
    return UnknownSetting(f"unknown setting {name}{_nearest(name.rsplit('.', 1)[-1], valid)}", path=path)


def _toml_values(data: dict[str, Any], path: str | None = None) -> dict[str, Any]:
    """Settings fields from a parsed TOML file; unknown sections and keys raise E011."""
    values: dict[str, Any] = {}
    for section, table in data.items():
        if section not in _SECTIONS or not isinstance(table, dict):
            raise UnknownSetting(f"unknown settings section [{section}]{_nearest(section, _SECTIONS)} "
                                 f"(the sections are {', '.join(_SECTIONS)})", path=path)
        keys = [k for s, k in _TOML_KEYS if s == section]
        for key, value in table.items():
            if key not in keys:
                raise _unknown(f"{section}.{key}", keys, path)
            values[_TOML_KEYS[section, key]] = tuple(value) if isinstance(value, list) else value
    return values


def _read_toml(path: Path | str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"the settings file is not valid TOML: {err}", path=str(path)) from None


def _packaged_defaults() -> dict[str, Any]:
    text = resources.files("orbit").joinpath("settings.toml").read_text("utf-8")
    return _toml_values(_read_toml("settings.toml", text), "settings.toml")


_DEFAULTS = _packaged_defaults()


def _default(name: str) -> Any:
    """A field's default, read from settings.toml (the one place it is written)."""
    return field(default=_DEFAULTS[name])


@dataclass(frozen=True)
class Settings:
    model: str = _default("model")
    batch_size: int = _default("batch_size")
    workers: int = _default("workers")
    max_bytes: int = _default("max_bytes")
    require_english: bool = _default("require_english")
    min_confidence: float = _default("min_confidence")
    untargeted_roots: tuple[str, ...] = _default("untargeted_roots")
    db_path: str = _default("db_path")
    commit_every: int = _default("commit_every")
    actor_files: tuple[str, ...] = ()
    verb_files: tuple[str, ...] = ()
    boilerplate_file: Optional[str] = None
    triage: bool = False  # parse only sentences that can hold an event (events-only runs)
    coder: str = _default("coder")  # "combined", "model" (the trained coder alone) or "rules" (the patterns alone)
    coder_model: str = _default("coder_model")  # folder of another trained coder ("" = the one shipped)
    combined_floor: float = _default("combined_floor")  # the model's least score beside the patterns
    rule_veto: float = _default("rule_veto")  # beside the model, a pattern event it scores lower is dropped
    allowed_hosts: tuple[str, ...] = _default("allowed_hosts")  # Host names `orbit serve` answers to
    piece_chars: int = _default("piece_chars")  # longer texts are analysed in paragraph-aligned pieces

    def replace(self, **changes: Any) -> "Settings":
        check_names(changes)
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def check_names(overrides: dict[str, Any]) -> None:
    """Raise E011 for an override that is not a Settings field."""
    known = [f.name for f in fields(Settings)]
    for name in overrides:
        if name not in known:
            raise _unknown(name, known)


def load_settings(user_file: str | None = None, **overrides: Any) -> Settings:
    check_names(overrides)
    values = dict(_DEFAULTS)
    user_file = user_file or os.environ.get("ORBIT_SETTINGS")
    if user_file:
        try:
            text = Path(user_file).read_text("utf-8")
        except OSError as err:
            raise SettingsError(f"cannot read the settings file: {err.strerror or err}", path=str(user_file)) from None
        values.update(_toml_values(_read_toml(user_file, text), str(user_file)))
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
