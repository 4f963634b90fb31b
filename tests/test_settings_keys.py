"""Settings refuse what they do not know, and every default has one home (settings.toml)."""
from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from orbit.cli import cli
from orbit.errors import SettingsError, UnknownSetting
from orbit.settings import Settings, load_settings

SRC = Path(resources.files("orbit"))


def toml(tmp_path, text: str) -> str:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_typo_in_a_file_names_the_key_and_the_nearest_one(tmp_path):
    with pytest.raises(UnknownSetting, match=r"^E011: unknown setting nlp\.batchsize; did you mean batch_size\?"):
        load_settings(toml(tmp_path, "[nlp]\nbatchsize = 8\n"))


def test_an_unknown_section_is_refused(tmp_path):
    with pytest.raises(UnknownSetting, match=r"unknown settings section \[event\]; did you mean events\?"):
        load_settings(toml(tmp_path, "[event]\nmin_confidence = 0.5\n"))
    with pytest.raises(UnknownSetting, match=r"section \[pipeline\]"):
        load_settings(toml(tmp_path, "[pipeline]\nbatch_size = 8\n"))


def test_a_key_valid_in_another_section_is_refused(tmp_path):
    with pytest.raises(UnknownSetting, match=r"unknown setting store\.batch_size"):
        load_settings(toml(tmp_path, "[store]\nbatch_size = 8\n"))


def test_a_top_level_key_is_refused(tmp_path):
    with pytest.raises(UnknownSetting, match=r"section \[batch_size\]"):
        load_settings(toml(tmp_path, "batch_size = 8\n"))


def test_known_keys_still_apply(tmp_path):
    s = load_settings(toml(tmp_path, '[nlp]\nbatch_size = 8\n[events]\nuntargeted_roots = ["03"]\n'))
    assert s.batch_size == 8 and s.untargeted_roots == ("03",)


def test_overrides_are_checked_too():
    with pytest.raises(UnknownSetting, match=r"^E011: unknown setting batchsize; did you mean batch_size\?"):
        load_settings(batchsize=8)
    with pytest.raises(UnknownSetting, match="did you mean untargeted_roots"):
        Settings().replace(untargetted_roots=("03",))
    assert load_settings(batch_size=8, model=None).batch_size == 8  # None still means "not given"


def test_a_broken_or_missing_file_is_a_settings_error(tmp_path):
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(toml(tmp_path, "[nlp\n"))
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(str(tmp_path / "absent.toml"))


def test_the_cli_reports_an_unknown_setting_and_exits_2(tmp_path):
    path = toml(tmp_path, "[nlp]\nbatchsize = 8\n")
    for args in (["ingest", path, "--db", str(tmp_path / "o.db"), "--no-progress"], ["doctor"]):
        res = CliRunner().invoke(cli, [*args, "--settings", path])
        assert res.exit_code == 2, res.output
        assert "orbit: E011: unknown setting nlp.batchsize; did you mean batch_size?" in res.stderr
        assert "Traceback" not in res.output


def test_defaults_come_from_settings_toml():
    packaged = tomllib.loads((SRC / "settings.toml").read_text("utf-8"))
    assert Settings() == load_settings()
    assert Settings().untargeted_roots == tuple(packaged["events"]["untargeted_roots"])
    assert Settings().batch_size == packaged["nlp"]["batch_size"]
    from orbit.nlp.factories import EVENT_CONFIG

    assert EVENT_CONFIG["untargeted_roots"] == packaged["events"]["untargeted_roots"]


def test_untargeted_roots_are_written_once():
    """The list of untargeted roots is written in settings.toml and nowhere in the code."""
    listed = re.compile(r"""untargeted_roots.*["']\d\d["']""")
    places = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if listed.search(p.read_text("utf-8"))]
    assert places == []
    assert listed.search((SRC / "settings.toml").read_text("utf-8"))
