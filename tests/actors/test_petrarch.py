"""PETRARCH/TABARI actor and agent dictionaries as user dictionaries."""
from __future__ import annotations

from datetime import date

import pytest

from orbit.pipeline import Pipeline
from orbit.settings import load_settings

from ..conftest import SHARED

UNIT = SHARED / "benchmarks" / "petrarch2_unittest"

ACTORS = """<!-- a small PETRARCH-format dictionary -->
GONDOR [GON]
+MINAS_TIRITH
ARNOR_  [ARN]
OSGILIATH_GARRISON [GONMIL]
DENETHOR
\t[GONGOV 30190101-30190315]
\t[GONELI >30190316]
"""
AGENTS = """!PERSON! = MAN, MEN
STEWARD [~GOV]
RANGER!PERSON! {} [~MIL]
"""


@pytest.fixture(scope="module")
def petrarch_pipeline(tmp_path_factory):
    d = tmp_path_factory.mktemp("petrarch")
    (d / "actors.txt").write_text(ACTORS, encoding="utf-8")
    (d / "agents.txt").write_text(AGENTS, encoding="utf-8")
    return Pipeline(load_settings(actor_files=(str(d / "actors.txt"), str(d / "agents.txt"))))


def codes(result):
    return {a.code for a in result.actors}


def test_names_synonyms_and_agents(petrarch_pipeline):
    result = petrarch_pipeline.read("The steward of Minas Tirith criticized Arnor.", pub=date(2020, 1, 1))
    assert {"GONGOV", "ARN"} <= codes(result)
    assert [(e.source.code, e.target.code, e.root) for e in result.events] == [("GONGOV", "ARN", "11")]


def test_a_country_body_is_the_country_with_a_role(petrarch_pipeline):
    # "[GONMIL]" names Gondor's military, not a country called GONMIL
    result = petrarch_pipeline.read("The Osgiliath garrison security officials attacked Arnor.", pub=date(2020, 1, 1))
    assert "GONMIL" not in {a.country for a in result.actors}
    assert [(e.source.country, e.target.code) for e in result.events] == [("GON", "ARN")]
    result = petrarch_pipeline.read("The Osgiliath garrison attacked Arnor.", pub=date(2020, 1, 1))
    assert [(e.source.code, e.target.code) for e in result.events] == [("GONMIL", "ARN")]


def test_macro_agents(petrarch_pipeline):
    result = petrarch_pipeline.read("Gondor rangermen attacked Arnor.", pub=date(2020, 1, 1))
    assert "GONMIL" in {e.source.code for e in result.events}


def test_dated_codes(petrarch_pipeline):
    during = petrarch_pipeline.read("Denethor condemned Arnor.", pub=date(3019, 2, 1))
    after = petrarch_pipeline.read("Denethor condemned Arnor.", pub=date(3019, 6, 1))
    assert during.events[0].source.code == "GONGOV"
    assert after.events[0].source.code == "GONELI"


def test_validation_dictionaries_load_and_resolve():
    if not UNIT.is_dir():
        pytest.skip("../shared is not available")
    pipeline = Pipeline(load_settings(actor_files=(str(UNIT / "PETR.Validate.actors.txt"),
                                                   str(UNIT / "PETR.Validate.agents.txt"))))
    result = pipeline.read("The ambassadors of Arnor, Osgiliath and Gondor presented credentials to Ithilen's "
                           "president.", pub=date(1995, 1, 1))
    assert {"ARN", "OSG", "GON", "ITH"} <= {a.country for a in result.actors}
