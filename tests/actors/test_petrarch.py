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


# -- dates, restrictions and warnings (issue 16) ---------------------------------------

PHOENIX = SHARED / "reference" / "petrarch2"

# a fictional world in the layout of the Phoenix country file (line numbers matter below)
DATED_ACTORS = """# test dictionary
ROHAN_ [ROH]
KING_THEODEN_  # a 19xx-20xx range
+THEODEN_OF_ROHAN
\t[ROHELI 19270101-780416]
\t[ROHGOV 780417-020315]
\t[ROHELI]
EOMER_
\t[ROHMIL <950630]
\t[ROHGOV > 950701]
GRIMA_
\t[ROHGOV 9008223-911221]
\t[ROHGOV 991301-000101]
\t[ROHGOV 050101-040101]
\t[ROHSPY 850101-930101]
+WORMTONGUE
\t[s]
GAMLING_
HAMA_
\t[ROHMIL 600101-090909]

ERKENBRAND_
"""


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    from orbit.lexicon.actor_files import load_actor_dictionary

    f = tmp_path_factory.mktemp("dated") / "rohan.actors.txt"
    f.write_text(DATED_ACTORS, encoding="utf-8")
    return load_actor_dictionary((str(f),))


def _code_on(d, pid, day):
    return d.person_role(d.people[pid], day)[1]


def test_two_digit_year_ranges_read_with_the_pivot(dated):
    # 780417-020315 is 1978-04-17 to 2002-03-15, not 2078 or 1902
    assert _code_on(dated, "king theoden|ROH", date(1990, 5, 1)) == "ROHGOV"
    assert _code_on(dated, "king theoden|ROH", date(2002, 3, 15)) == "ROHGOV"
    assert _code_on(dated, "king theoden|ROH", date(1950, 1, 1)) == "ROHELI"  # 19270101: eight digits
    # the undated code holds outside the dated terms (it does not beat them inside)
    assert _code_on(dated, "king theoden|ROH", date(2010, 1, 1)) == "ROHELI"
    assert "theoden of rohan" in dated.surfaces


def test_before_and_after_restrictions(dated):
    assert _code_on(dated, "eomer|ROH", date(1994, 1, 1)) == "ROHMIL"
    assert _code_on(dated, "eomer|ROH", date(1995, 6, 30)) == "ROHMIL"
    assert _code_on(dated, "eomer|ROH", date(1996, 1, 1)) == "ROHGOV"  # "> 950701", with a space
    assert _code_on(dated, "eomer|ROH", date(2024, 1, 1)) == "ROHGOV"


def test_names_without_codes_share_the_codes_that_follow(dated):
    # GAMLING_ and HAMA_ on consecutive lines, then one code line: one actor, two names
    person = dated.people["gamling|ROH"]
    assert set(person.variants) == {"Gamling", "Hama"}
    assert _code_on(dated, "gamling|ROH", date(2009, 9, 9)) == "ROHMIL"


def test_malformed_lines_are_coded_warnings_with_line_numbers(tmp_path, caplog):
    from orbit.lexicon.actor_dictionary import ActorDictionary
    from orbit.lexicon.petrarch import load_petrarch_file

    f = tmp_path / "rohan.actors.txt"
    d = ActorDictionary()
    with caplog.at_level("WARNING", logger="orbit.lexicon.petrarch"):
        warnings = load_petrarch_file(d, DATED_ACTORS, str(f))
    lines = {int(str(w).rsplit(":", 1)[1].rstrip(")")): str(w) for w in warnings}
    assert all(str(w).startswith("W200: ") and str(f) in str(w) for w in warnings)
    assert "7 digits" in lines[12]           # 9008223
    assert "not a date" in lines[13]         # month 13
    assert "ends" in lines[14]               # 050101-040101 ends before it starts
    assert "not a CAMEO code" in lines[17]   # [s]
    assert "has no code" in lines[22]        # ERKENBRAND_ at the end
    assert set(lines) == {12, 13, 14, 17, 22}
    # the usable code of the same entry is kept
    assert d.person_role(d.people["grima|ROH"], date(1990, 1, 1))[1] == "ROHSPY"
    assert "wormtongue" in d.surfaces
    logged = [r.getMessage() for r in caplog.records]
    assert any("W200" in m and f"{f}:12" in m for m in logged)


def test_agent_lines_without_a_role_are_warnings(tmp_path):
    from orbit.lexicon.actor_dictionary import ActorDictionary
    from orbit.lexicon.petrarch import load_petrarch_file

    d = ActorDictionary()
    warnings = load_petrarch_file(d, "SHIELDMAIDEN [~MIL]\nORC_CHIEFTAIN [~MIL}\nWARG_RIDER\n", "rohan.agents.txt")
    assert "shieldmaiden" in d.roles and "shieldmaidens" in d.roles
    assert [str(w).rsplit(":", 1)[1] for w in warnings] == ["2)", "3)"]


@pytest.mark.parametrize("name, floor, pid, inside, outside, code", [
    ("Phoenix.Countries.actors.txt", 15000, "mohammad zahir shah|AFG", date(1950, 1, 1), date(1980, 1, 1), "AFGGOV"),
    ("Phoenix.International.actors.txt", 5000, "kofi annan|-", date(2000, 1, 1), date(2010, 1, 1), "IGOUNO"),
    ("Phoenix.MilNonState.actors.txt", 250, "sheikh ahmed yassin|PSE", date(2000, 1, 1), date(2010, 1, 1),
     "PSEREBHMS"),
])
def test_phoenix_actor_dictionaries_load(name, floor, pid, inside, outside, code):
    from orbit.lexicon.actor_dictionary import ActorDictionary
    from orbit.lexicon.petrarch import load_petrarch_file

    path = PHOENIX / name
    if not path.is_file():
        pytest.skip("../shared is not available")
    d = ActorDictionary()
    warnings = load_petrarch_file(d, path.read_text(encoding="utf-8", errors="replace"), str(path))
    assert len(d.people) > floor
    assert len(warnings) < 20 and all(str(w).startswith("W200") for w in warnings)
    assert d.person_role(d.people[pid], inside)[1] == code
    assert d.person_role(d.people[pid], outside)[1] != code


PHOENIX_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt",
                 "Phoenix.agents.txt")


@pytest.fixture(scope="module")
def phoenix_pipeline():
    if not PHOENIX.is_dir():
        pytest.skip("../shared is not available")
    return Pipeline(load_settings(actor_files=tuple(str(PHOENIX / f) for f in PHOENIX_FILES), require_english=False))


def test_phoenix_agents_and_all_four_files_through_the_pipeline(phoenix_pipeline):
    from orbit.lexicon.actor_files import load_actor_dictionary

    d = load_actor_dictionary(tuple(str(PHOENIX / f) for f in PHOENIX_FILES))
    assert len(d.roles) > 5000 and d.roles["soldier"].role == "MIL"
    assert "IGO" not in d.countries and "ELI" not in d.countries
    result = phoenix_pipeline.read("Mohammad Zahir Shah criticized Pakistan.", pub=date(1960, 5, 1))
    assert "AFGGOV" in codes(result)


def test_petrarch2_pytest_cases_with_the_operational_dictionaries(phoenix_pipeline):
    """PETRARCH2's own test_petrarch.py cases (the dev split of them; bench/eval_petrarch_unittest.py
    --suite pytest scores all): every expected actor code found, every expected event coded."""
    import json

    from orbit.model import RawDocument

    from ..conftest import dev_ids

    path = SHARED / "benchmarks" / "petrarch2_unittest" / "petrarch2_pytest_cases.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if r["id"] in dev_ids("petrarch_pytest")]
    assert len(records) >= 8
    raws = [RawDocument(r["id"], r["text"], "text", date.fromisoformat(r["date"]), title="") for r in records]
    results = {res.doc_id: res for res in phoenix_pipeline.process(raws)}
    for r in records:
        res = results[r["id"]]
        found = codes(res) | {e.source.code for e in res.events if e.source}
        assert set(r.get("expected_actor_codes", [])) <= found, (r["id"], sorted(found, key=str))
        coded = {(e.source.code, e.target.code if e.target else None, e.cameo) for e in res.events if e.asserted}
        for g in r["expected"]:
            assert (g["source"], g["target"], g["code"]) in coded, (r["id"], coded)
        if not r["expected"]:
            assert not any(e.asserted for e in res.events), r["id"]
