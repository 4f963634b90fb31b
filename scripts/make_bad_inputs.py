"""Write a corpus of hostile and broken inputs, one file (or record) per kind.

    python scripts/make_bad_inputs.py OUT_DIR

Each kind is something the web or a careless export really produces. The expectation
for each (the error code orbit must record; "stored" for inputs that must be read
despite their oddity; a W... code for inputs stored with that warning; "skipped" for
files in the folder orbit does not read, counted and not recorded) is written to
OUT_DIR/expected.json, keyed by the item name orbit
records (file name, "file.jsonl:N" for a JSONL line, "feed.rss#N" for a feed entry).
Used by tests/hardening/test_bad_corpus.py; run it by hand to try orbit on the corpus.
"""
from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

GOOD = "Russia attacked Ukraine on Monday, and Ukrainian forces struck back on Tuesday, officials said."


def write(out: Path, max_bytes: int = 2_000_000) -> dict[str, str]:
    out.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}

    def put(name: str, data, code: str) -> None:
        p = out / name
        if isinstance(data, str):
            p.write_text(data, encoding="utf-8")
        else:
            p.write_bytes(data)
        expected[name] = code

    # readable despite their oddity
    put("good.txt", "Title\n\n" + GOOD, "stored")
    put("latin1.txt", ("Café\n\n" + GOOD.replace("Monday", "Monday in Besançon")).encode("latin-1"), "stored")
    put("utf16.txt", ("Talks\n\n" + GOOD.replace("Monday", "Sunday")).encode("utf-16"), "stored")
    put("bom.txt", "\ufeffTitle\n\n" + GOOD.replace("Monday", "Saturday"), "stored")
    put("crlf.txt", ("Title\r\n\r\n" + GOOD.replace("Monday", "Friday")).replace("\n", "\r\n"), "stored")
    put("zero-width.txt", "Title\n\n" + GOOD.replace("Russia", "Rus\u200bsia").replace("Monday", "Thursday"), "stored")
    put("bidi.txt", "Title\n\n\u202e" + GOOD.replace("Monday", "Wednesday") + "\u202c", "stored")
    put("truncated.html", "<html><body><article><p>" + GOOD.replace("officials", "diplomats") + "</p><p>More te", "stored")
    # nesting deeper than the HTML parser keeps: no text can be extracted, which is said
    put("deep.html", "<html><body>" + "<div>" * 5000 + "<p>" + GOOD.replace("officials", "witnesses") + "</p>"
        + "</div>" * 5000 + "</body></html>", "E103")
    put("unbalanced-quotes.txt", "Title\n\n“" + GOOD.replace("officials", "monitors") + " “and then", "stored")
    # refused, each with its reason
    put("empty.txt", "", "E103")
    put("blank.txt", " \n\t\n  ", "E103")
    put("nul-bytes.txt", b"Russia\x00attacked\x00Ukraine" * 50, "E104")
    put("binary.txt", bytes(range(256)) * 40, "E104")
    put("png-as-txt.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "E104")
    put("controls.txt", b"\x01\x02\x03\x04hello\x05\x06\x07\x08" * 300, "E104")
    put("huge.txt", "word " * (max_bytes // 5 + 1000), "E105")
    put("giant-line.txt", "x" * (max_bytes + 10), "E105")
    put("zip-bomb.html", "<html><body>" + "<p>" + "A" * (max_bytes + 100) + "</p></body></html>", "E105")
    put("gzip-as-html.html", gzip.compress(b"<p>" + b"A" * 100000 + b"</p>"), "E104")
    put("spanish.txt", "Noticias\n\n" + ("El presidente de México anunció el martes que su gobierno enviará una "
                                         "delegación a Washington para negociar los aranceles. ") * 4, "E107")
    put("boilerplate-only.txt", "Title\n\nBack to top button\nAdvertisement\nShare this article\n", "E103")
    put("scripts-only.html", "<html><script>var x=1;</script><style>p{}</style></html>", "E103")
    # in a directory, files of other types are skipped and counted, not errors (E102 is for
    # a file named on the command line)
    put("report.pdf", b"%PDF-1.4 fake", "skipped")
    put("noext", GOOD, "skipped")
    put("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "skipped")
    put("table.csv", "a,b\n1,2\n", "skipped")
    # one stray byte in UTF-8: read as UTF-8 with that byte replaced, and said (W101)
    put("stray-byte.txt", ("Zürich talks\n\n" + GOOD.replace("Monday", "Monday in Zürich")).encode("utf-8")
        .replace(b"struck", b"str\xffuck"), "W101")
    # undated (every file here is): stored, and said (W102)
    put("undated.txt", "Talks\n\n" + GOOD.replace("Monday", "Monday night"), "W102")
    put("not-a-feed.xml", "<root><unclosed>", "E106")
    put("billion-laughs.rss",
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>'
        '<rss version="2.0"><channel><title>&f;</title><item><title>x</title><description>&f;</description>'
        '</item></channel></rss>', "E106")
    put("feed.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        '<item><title>Good</title><link>http://example.invalid/1</link><description>' + GOOD.replace("Monday", "May 1")
        + '</description></item><item><title>No body</title><link>http://example.invalid/2</link></item>'
        '</channel></rss>', "stored")
    expected["feed.rss#2"] = "E106"
    lines = [
        (json.dumps({"id": "j-good", "text": GOOD.replace("Monday", "Sunday night"), "date": "2024-01-05"}), "stored"),
        ("{not json", "E106"),
        (json.dumps([1, 2, 3]), "E106"),
        (json.dumps({"id": "j-notext"}), "E106"),
        (json.dumps({"id": "j-number", "text": 42}), "E106"),
        (json.dumps({"id": "j-empty", "text": "   "}), "E103"),
        (json.dumps({"id": "j-date", "text": GOOD, "date": "5 January"}), "E106"),
        (json.dumps({"id": {"nested": 1}, "text": GOOD}), "E106"),
        (json.dumps({"id": "j-title", "text": GOOD, "title": ["a", "list"]}), "E106"),
        (json.dumps({"id": "j-huge", "text": "y " * (max_bytes // 2 + 10)}), "E105"),
        ("[" * 100000, "E106"),
        (json.dumps({"id": "j-null", "text": None}), "E106"),
        (json.dumps({"id": "", "text": GOOD.replace("Monday", "dawn")}), "E106"),
        # an id already used, with another text: stored, and said (W103)
        (json.dumps({"id": "j-good", "text": GOOD.replace("Monday", "late Sunday"), "date": "2024-01-06"}), "W103"),
        # the same text under a new id: not stored again, and said (W104)
        (json.dumps({"id": "j-copy", "text": GOOD.replace("Monday", "Sunday night"), "date": "2024-01-05"}), "W104"),
        # a numeric id is a key like any other (never a row id)
        (json.dumps({"id": 5, "text": GOOD.replace("Monday", "noon"), "date": "2024-01-07"}), "stored"),
    ]
    with open(out / "corpus.jsonl", "wb") as fh:
        for n, (line, code) in enumerate(lines, 1):
            fh.write(line.encode("utf-8") + b"\n")
            expected[f"corpus.jsonl:{n}"] = code
        fh.write(b'{"id": "j-badutf8", "text": "caf\xe9 \xff\xfe"}\n')
        expected[f"corpus.jsonl:{len(lines) + 1}"] = "E106"
    loop = out / "loop"
    loop.mkdir(exist_ok=True)
    if not (loop / "again").exists():
        os.symlink(loop, loop / "again")  # a directory symlink loop: must not hang the walk
    if not (out / "dangling.txt").exists() and not os.path.islink(out / "dangling.txt"):
        os.symlink(out / "nowhere.txt", out / "dangling.txt")
    expected["dangling.txt"] = "E108"
    if os.geteuid() != 0:  # root reads everything: the permission case needs an ordinary user
        put("unreadable.txt", GOOD, "E108")
        os.chmod(out / "unreadable.txt", 0)
    (out / "expected.json").write_text(json.dumps(expected, indent=1), encoding="utf-8")
    return expected


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_bad_inputs.py OUT_DIR")
    kinds = write(Path(sys.argv[1]))
    print(f"{len(kinds)} inputs written to {sys.argv[1]}")
