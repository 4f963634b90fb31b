"""Schema versions and migrations for the SQLite store.

Migrations are SQL files in store/migrations named NNN_name.sql; the schema version is
SQLite's `user_version`. A writer applies the missing migrations in one transaction; a
reader refuses a store that is newer than this orbit (and says to upgrade) or older
(and says to run any write command, which migrates it).
"""
from __future__ import annotations

import re
import sqlite3
from importlib import resources

from ..errors import SchemaError

MIGRATION = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("orbit.store").joinpath("migrations")
    out = []
    for entry in folder.iterdir():
        m = MIGRATION.match(entry.name)
        if m:
            out.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def latest_version() -> int:
    return migrations()[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the store to the latest schema; returns the version it is at."""
    version = current_version(conn)
    latest = latest_version()
    if version > latest:
        raise SchemaError(f"the store has schema version {version}, newer than this orbit knows ({latest}); "
                          "upgrade orbit")
    for number, name, sql in migrations():
        if number <= version:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            conn.execute("ROLLBACK")
            raise SchemaError(f"migration {name} failed: {err}") from None
        version = number
    return version


def check_readable(conn: sqlite3.Connection) -> None:
    version = current_version(conn)
    latest = latest_version()
    if version == 0:
        raise SchemaError("this file is not an orbit store (no schema); create one with `orbit ingest`")
    if version > latest:
        raise SchemaError(f"the store has schema version {version}, newer than this orbit ({latest}); upgrade orbit")
    if version < latest:
        raise SchemaError(f"the store has schema version {version}; run `orbit ingest` or `orbit migrate` to "
                          f"upgrade it to {latest}")


def _statements(sql: str) -> list[str]:
    """Split a migration into statements; CREATE TRIGGER bodies keep their inner semicolons."""
    out, buf, in_trigger = [], [], False
    for line in sql.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        buf.append(line)
        if stripped.upper().startswith("CREATE TRIGGER"):
            in_trigger = True
        if in_trigger:
            if stripped.upper().startswith("END;"):
                out.append("\n".join(buf))
                buf, in_trigger = [], False
        elif stripped.endswith(";"):
            out.append("\n".join(buf))
            buf = []
    if buf:
        out.append("\n".join(buf))
    return out
