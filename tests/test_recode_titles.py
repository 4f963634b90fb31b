"""Issue 17.2 and 17.6: `orbit ingest --recode` with unchanged dictionaries reproduces the
stored events exactly (the dateline stays apart from the first sentence), and the title is
coded as a sentence of the document, so an article gives the same events as .txt, .html
and JSONL."""
from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from orbit.cli import cli
from orbit.clean.title import body_start, locate_dateline, place_title
from orbit.model import OffsetMap

from .conftest import ROOT, SHARED

# wire stories whose lead sentence follows a dateline: before the fix, recode read
# "ANKARA, December 12, 2024 — Germany ..." as one sentence and lost or changed the event
WRITTEN = {
    "ankara.txt": "Germany and Turkey argue over arrests\n\nANKARA, December 12, 2024 — Germany condemned Turkey on "
                  "Thursday for the arrests of two journalists. Turkish officials rejected the criticism.\n",
    "wire.txt": "Border row\n\nMOSCOW, March 3 (Reuters) - Russia accused Ukraine of shelling the border. Ukraine "
                "denied it and blamed Russia.\n",
    "astana.txt": "Blinken in Central Asia\n\nASTANA, Kazakhstan — Secretary of State Antony Blinken met "
                  "Kazakhstan's foreign minister on Tuesday and praised the country's support for Ukraine.\n",
}
EVENT_COLUMNS = ("sentence_start", "sentence_end", "span_start", "span_end", "trigger_start", "trigger_end", "cameo",
                 "root", "source_code", "source_country", "source_start", "target_code", "target_country",
                 "target_start", "negated", "hypothetical", "modality", "rule", "date", "place_json")
REAL_ARTICLES = 30

HEADLINE = "U.S. imposes sanctions on Chinese firms supplying Russia"
PARAGRAPHS = [
    "WASHINGTON, June 13, 2024 — The United States imposed sanctions on dozens of Chinese companies on Wednesday, "
    "accusing them of helping Russia rebuild its arms industry.",
    "China condemned the measures and said it would protect its companies. Beijing's foreign ministry urged "
    "Washington to stop what it called unilateral bullying.",
]
HTML = ("<!doctype html><html><head><meta charset='utf-8'><title>" + HEADLINE + " | The Daily Example</title></head>"
        "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>" + HEADLINE + "</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article><footer>The Daily Example</footer></body></html>")


def _real_records() -> list[dict]:
    """About 30 real news articles of the geoparsing benchmark's dev split."""
    dev = set(json.loads((ROOT / "bench" / "splits" / "geoparsing.json").read_text())["dev"])
    out = []
    gold = SHARED / "benchmarks" / "geoparsing_gritta_news" / "geoparsing_news_gold.jsonl"
    for line in gold.open(encoding="utf-8"):  # records hold U+2028: not str.splitlines()
        r = json.loads(line)
        if r["id"] in dev:
            out.append({k: r[k] for k in ("id", "text", "title", "url", "date") if r.get(k)})
        if len(out) >= REAL_ARTICLES:
            break
    return out


def _events(db) -> list[tuple]:
    conn = sqlite3.connect(db)
    rows = conn.execute(f"SELECT d.doc_key, {', '.join('e.' + c for c in EVENT_COLUMNS)} FROM events e "
                        "JOIN documents d ON d.id = e.document_id ORDER BY e.document_id, e.id").fetchall()
    conn.close()
    return sorted(rows, key=lambda r: tuple("" if v is None else str(v) for v in r))


def test_recode_with_unchanged_dictionaries_reproduces_the_events(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in WRITTEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    if SHARED.is_dir():
        with open(folder / "real.jsonl", "w", encoding="utf-8") as f:
            for r in _real_records():
                f.write(json.dumps(r) + "\n")
    db = str(tmp_path / "o.db")
    res = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db, "--no-progress", "--no-cluster",
                                   "--date", "2024-12-12"])
    assert res.exit_code == 0, res.output
    before = _events(db)
    keys = {r[0] for r in before}
    assert {"ankara", "wire", "astana"} <= keys
    # the lead events under a dateline are there (and the dateline named no actor)
    assert any(r[0] == "ankara" and r[7] == "111" and r[10] == "DEU" for r in before)
    assert any(r[0] == "wire" and r[7] == "112" and r[9] == "RUS" for r in before)

    res = CliRunner().invoke(cli, ["ingest", "--recode", "--recode-all", "--db", db, "--no-progress",
                                   "--no-cluster"])
    assert res.exit_code == 0, res.output
    after = _events(db)
    assert after == before


def test_the_dateline_is_found_after_the_title():
    text = "Border row\n\nMOSCOW, March 3 (Reuters) - Russia accused Ukraine."
    start = body_start(text, "Border row")
    assert text[start:].startswith("MOSCOW")
    d = locate_dateline(text, "Border row")
    assert d and d[0] == start and text[d[1]:].startswith("Russia")
    # a text stored before titles were coded has no title at its head: the body starts at 0
    assert body_start("MOSCOW, March 3 (Reuters) - Russia accused Ukraine.", "Border row") == 0
    assert locate_dateline("MOSCOW, March 3 (Reuters) - Russia accused Ukraine.", "Border row")[0] == 0


def test_place_title_inserts_a_title_given_apart_and_keeps_one_already_there():
    text, offsets, title = place_title("Russia accused Ukraine.", OffsetMap(), "Border row")
    assert text == "Border row\n\nRussia accused Ukraine." and title == "Border row"
    assert offsets.to_original(text.index("Russia")) == 0
    same = place_title("Border row\nRussia accused Ukraine.", OffsetMap(), "Border row")
    assert same[0] == "Border row\nRussia accused Ukraine."
    # an HTML <title> with the site's name after the headline the text opens with
    text, _, title = place_title(HEADLINE + "\nBody.", OffsetMap(), HEADLINE + " | The Daily Example")
    assert title == HEADLINE and text == HEADLINE + "\nBody."


def _coded(path, fmt_date="2024-06-13"):
    res = CliRunner().invoke(cli, ["code", str(path), "--date", fmt_date, "--coder", "rules"])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines()]


def _shape(events):
    return sorted((e["source"] and e["source"]["code"], e["target"] and e["target"]["code"], e["cameo"],
                   e["negated"], e["hypothetical"], e["modality"], e["sentence"], e["trigger"]["text"])
                  for e in events)


def test_the_same_article_gives_the_same_events_as_txt_html_and_jsonl(tmp_path):
    (tmp_path / "story.txt").write_text(HEADLINE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    (tmp_path / "story.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "story.jsonl").write_text(json.dumps({"id": "story", "title": HEADLINE,
                                                      "text": "\n\n".join(PARAGRAPHS)}) + "\n", encoding="utf-8")
    txt, html, jsonl = (_coded(tmp_path / f"story.{ext}") for ext in ("txt", "html", "jsonl"))
    assert _shape(txt) == _shape(html) == _shape(jsonl)
    # the title is coded: an event whose evidence is the headline
    headline = [e for e in txt if e["span"][1] <= len(HEADLINE)]
    assert any(e["cameo"] == "163" and e["source"]["country"] == "USA" and e["target"]["country"] == "CHN"
               for e in headline), txt
    # and the dateline still names no actor: the lead sentence's source is the United States
    assert any(e["cameo"] == "163" and e["span"][0] > len(HEADLINE) for e in txt)


def test_the_bundled_sample_page_and_its_text_agree_on_the_headline_event():
    sample_txt = _coded(ROOT / "samples" / "sanctions_usa_china_russia_2024-06-13.txt")
    sample_html = _coded(ROOT / "samples" / "sample.html")

    def headline_163(events):
        return [e for e in events if e["cameo"].startswith("163") and e["span"][0] < 100]

    assert headline_163(sample_txt) and headline_163(sample_html)
