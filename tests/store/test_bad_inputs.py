"""Every kind of bad input is recorded with a clear reason, and the good documents in the
same batch are stored."""
from __future__ import annotations

import json
import os

from click.testing import CliRunner

from orbit.cli import cli
from orbit.store.store import Store

GOOD = "Russia attacked Ukraine on Monday, and Ukrainian forces struck back on Tuesday, officials said."


def build(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text("A good one\n\n" + GOOD, encoding="utf-8")
    (d / "good-latin1.txt").write_bytes(("Café talks\n\n" + GOOD.replace("Monday", "Monday in Besançon")).encode("latin-1"))
    (d / "good-utf16.txt").write_bytes(("Talks\n\n" + GOOD.replace("Monday", "Sunday")).encode("utf-16"))
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "blank.txt").write_text("   \n\n\t  \n", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "controls.txt").write_bytes(b"\x01\x02\x03\x04\x05\x06hello\x07\x08\x0b\x0c" * 500)
    (d / "huge.txt").write_text("x " * 3_000_000, encoding="utf-8")
    (d / "spanish.txt").write_text("Noticias\n\n" + "El presidente de México anunció el martes que su gobierno "
                                   "enviará una delegación a Washington para negociar los aranceles impuestos "
                                   "por Estados Unidos a las importaciones de acero y aluminio del país. " * 3,
                                   encoding="utf-8")
    (d / "boilerplate-only.txt").write_text("Title\n\nBack to top button\nAdvertisement\nShare this article\n",
                                            encoding="utf-8")
    (d / "scripts-only.html").write_text("<html><head><script>var x=1;</script></head><body><script>alert(1)</script>"
                                         "</body></html>", encoding="utf-8")
    (d / "truncated.html").write_text("<html><body><article><p>" + GOOD.replace("Monday", "Friday") + "</p><p>More te",
                                      encoding="utf-8")
    (d / "report.pdf").write_bytes(b"%PDF-1.4 fake")
    (d / "not-a-feed.xml").write_text("<root><unclosed>", encoding="utf-8")
    (d / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        '<item><title>Good</title><link>http://x/1</link><description>' + GOOD.replace("Monday", "Wednesday")
        + '</description></item><item><title>Empty</title><link>http://x/2</link></item></channel></rss>',
        encoding="utf-8")
    lines = [
        json.dumps({"id": "j-good", "text": GOOD.replace("Monday", "Thursday"), "date": "2024-01-05"}),
        "{not json",
        json.dumps([1, 2, 3]),
        json.dumps({"id": "j-notext"}),
        json.dumps({"id": "j-number", "text": 42}),
        json.dumps({"id": "j-empty", "text": "   "}),
        json.dumps({"id": "j-date", "text": GOOD, "date": "5 January"}),
        json.dumps({"id": {"nested": 1}, "text": GOOD}),
        json.dumps({"id": "j-huge", "text": "y " * 3_000_000}),
        "[" * 100000,
    ]
    with open(d / "corpus.jsonl", "wb") as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
        fh.write(b'{"id": "j-badutf8", "text": "caf\xe9 \xff\xfe"}\n')
    loop = d / "loop"
    loop.mkdir()
    os.symlink(loop, loop / "again")  # a symlink loop must not hang the walk
    return d


EXPECTED = {
    "empty.txt": "E103", "blank.txt": "E103", "binary.txt": "E104", "controls.txt": "E104", "huge.txt": "E105",
    "spanish.txt": "E107", "boilerplate-only.txt": "E103", "scripts-only.html": "E103",
    "not-a-feed.xml": "E106", "feed.rss#2": "E106", "corpus.jsonl:2": "E106", "corpus.jsonl:3": "E106",
    "corpus.jsonl:4": "E106", "corpus.jsonl:5": "E106", "corpus.jsonl:6": "E103", "corpus.jsonl:7": "E106",
    "corpus.jsonl:8": "E106", "corpus.jsonl:9": "E105", "corpus.jsonl:10": "E106", "corpus.jsonl:11": "E106",
}


def test_every_bad_input_is_recorded_and_good_ones_stored(tmp_path):
    d = build(tmp_path)
    db = tmp_path / "orbit.db"
    res = CliRunner().invoke(cli, ["ingest", str(d), str(tmp_path / "missing.txt"), "--db", str(db),
                                   "--max-bytes", "2000000", "--no-progress"])
    assert res.exit_code == 1, res.output
    # a PDF in a folder of articles is skipped and counted, not an error (named, it is E102)
    assert "1 file(s) in directories not read (not a type orbit reads: 1 .pdf)" in res.stderr
    with Store(db, readonly=True) as s:
        errors = {r["item"]: (r["code"], r["reason"]) for r in s.errors()}
        stored = {r[0] for r in s.conn.execute("SELECT doc_key FROM documents")}
        docs_failed = s.runs()[0]["docs_failed"]
    assert not any(item.endswith("report.pdf") for item in errors)
    by_suffix = {}
    for item, value in errors.items():
        for key in EXPECTED:
            if item.endswith("/" + key) or item.endswith(key) and key.startswith("corpus") and item.endswith(key):
                by_suffix[key] = value
    for key, code in EXPECTED.items():
        assert key in by_suffix, f"{key} was not recorded; errors: {sorted(errors)}"
        assert by_suffix[key][0] == code, (key, by_suffix[key])
        assert len(by_suffix[key][1]) > 10  # a readable reason
    assert any(item.endswith("missing.txt") and code == "E101" for item, (code, _) in errors.items())
    # nothing else failed: the errors recorded are the expected ones and missing.txt, no
    # good document among them, and the run counts exactly these as failed
    failed = {item: code for item, (code, _) in errors.items() if code.startswith("E")}
    assert len(failed) == len(by_suffix) + 1 == len(EXPECTED) + 1, sorted(failed)
    assert docs_failed == len(failed)
    # the good documents of the same batch are all there
    assert {"good", "good-latin1", "good-utf16", "truncated", "j-good"} <= stored
    assert any(k.startswith("http://x/1") for k in stored)
    # `orbit errors` lists every one of them with its code, and counts errors and warnings apart
    listed = CliRunner().invoke(cli, ["errors", "--db", str(db)])
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    for item, (code, _) in errors.items():
        assert any(f"  {code}  {item}: " in line for line in lines), (item, code)
    assert lines[-1] == f"{len(failed)} error(s), {len(errors) - len(failed)} warning(s)"
