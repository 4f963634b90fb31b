"""Issue 17.2: a UTF-8 file with a stray bad byte is read as UTF-8 (the byte replaced and
reported with its offset), not garbled whole as a legacy code page."""
from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from orbit.cli import cli
from orbit.io import iter_documents
from orbit.io.readers import bad_utf8_offsets, decode_bytes
from orbit.settings import Settings

BODY = "Ministers met in Zürich — the talks on trade, said officials in Genève, went well. "
GOOD = "Russia criticized Ukraine over the border talks on Monday."


def stray_byte_file() -> tuple[bytes, int]:
    data = ("Talks in Zürich\n\n" + BODY * 3).encode("utf-8")
    at = len(("Talks in Zürich\n\n" + BODY).encode("utf-8"))
    return data[:at] + b"\xff" + data[at:], at


def test_a_stray_byte_is_replaced_and_the_rest_read_as_utf8():
    data, at = stray_byte_file()
    warned = []
    text = decode_bytes(data, "x.txt", warned.append)
    assert "Zürich" in text and "—" in text and "Genève" in text
    assert "ZĂĽrich" not in text and "â€”" not in text
    assert text.count("\ufffd") == 1
    assert text.replace("\ufffd", "") == data.replace(b"\xff", b"").decode("utf-8")
    (w,) = warned
    assert w.code == "W101" and w.item == "x.txt" and f"offset {at}" in w.reason and "1 byte" in w.reason


def test_bad_byte_offsets_are_listed():
    assert bad_utf8_offsets(b"ab\xffcd\xc3\xa9\xfe") == [2, 7]
    assert bad_utf8_offsets("ok é".encode()) == []
    assert bad_utf8_offsets(b"\xff" * 50) == [0, 1, 2, 3, 4]


def test_a_file_that_is_clearly_not_utf8_is_still_read_by_its_code_page():
    text = ("Café talks in Besançon\n\nThe naïve délégués of the région met again on Monday, and the "
            "ministers said the talks were préliminaires. ") * 3
    warned = []
    got = decode_bytes(text.encode("cp1252"), "legacy.txt", warned.append)
    assert "Besançon" in got and "naïve" in got and "\ufffd" not in got
    assert warned == []


def test_the_warning_reaches_the_cli_and_the_store(tmp_path):
    data, at = stray_byte_file()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "stray.txt").write_bytes(data + b"\n" + GOOD.encode())
    warned = []
    (doc,) = list(iter_documents([tmp_path / "in"], Settings(), warn=warned.append))
    assert "Zürich" in doc.content and [w.code for w in warned] == ["W101"]

    res = CliRunner().invoke(cli, ["read", str(tmp_path / "in" / "stray.txt"), "--date", "2024-05-01"])
    assert res.exit_code == 0, res.output
    assert "Zürich" in res.stdout and "W101" in res.stderr and f"offset {at}" in res.stderr

    db = tmp_path / "o.db"
    res = CliRunner().invoke(cli, ["ingest", str(tmp_path / "in"), "--db", str(db), "--date", "2024-05-01",
                                   "--no-progress", "--no-cluster"])
    assert res.exit_code == 0, res.output
    with sqlite3.connect(db) as conn:
        (text,) = conn.execute("SELECT text FROM documents").fetchone()
    assert "Zürich" in text and "ZĂĽrich" not in text
    res = CliRunner().invoke(cli, ["errors", "--db", str(db)])
    assert "W101" in res.stdout and "stray.txt" in res.stdout and "0 error(s), 1 warning(s)" in res.stdout
