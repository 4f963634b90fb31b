"""The Python API over a store: `orbit.open("orbit.db").events(source="RUS")` -> DataFrame.

The same object backs the CLI query commands and the HTTP API, so all three answer the
same way (datasette's one-core-object habit).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, Optional

from .model import Event
from .store.queries import EventFilter
from .store.store import Store

EVENT_COLUMNS = ["id", "doc_key", "date", "day", "source_code", "source_country", "source_name", "target_code",
                 "target_country", "target_name", "cameo", "root", "quad_class", "goldstein", "plover_event",
                 "negated", "hypothetical", "modality", "trigger_text", "sentence", "rule", "confidence",
                 "place_country"]


class Corpus:
    def __init__(self, path: str | Path = "orbit.db", readonly: bool = True):
        self.store = Store(path, readonly=readonly)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- events
    def iter_events(self, **filters) -> Iterator[Event]:
        return self.store.events(EventFilter(**filters))

    def events(self, **filters):
        """Events as a pandas DataFrame (asserted only unless include_all=True)."""
        import pandas as pd

        rows = [{c: row[c] for c in EVENT_COLUMNS} for row in self.store.event_rows(EventFilter(**filters))]
        return pd.DataFrame(rows, columns=EVENT_COLUMNS)

    # -- documents
    def documents(self, limit: int = 1000):
        import pandas as pd

        rows = self.store.conn.execute(
            "SELECT d.id, d.doc_key, d.title, d.date, d.url, d.source, "
            "(SELECT count(*) FROM events e WHERE e.document_id = d.id) AS events "
            "FROM documents d ORDER BY d.date DESC, d.id DESC LIMIT ?", (limit,)).fetchall()
        return pd.DataFrame([dict(r) for r in rows])

    def document(self, key: str) -> Optional[dict]:
        """One document with its full analysis, in the shape of `orbit read`."""
        row = self.store.document(key)
        if row is None:
            return None
        facts = self.store.document_facts(row["id"])
        events = [e for e in self.store.events(EventFilter(document=f"#{row['id']}", include_all=True))]
        from .serialize import event_dict

        return {
            "id": row["id"], "doc_id": row["doc_key"], "title": row["title"], "date": row["date"], "url": row["url"],
            "source": row["source"], "text": row["text"], "dict_version": row["dict_version"],
            "actors": [{"name": a["name"], "country": a["country"], "role": a["role"], "code": a["code"],
                        "type": a["type"], "office": a["office"], "mentions": json.loads(a["mentions_json"])}
                       for a in facts["actors"]],
            "events": [dict(event_dict(e), id=None) for e in events],
            "quotes": [{"text": q["text"], "span": [q["span_start"], q["span_end"]], "kind": q["kind"],
                        "speaker": None if q["speaker_text"] is None else {
                            "name": q["speaker_name"] or q["speaker_text"], "country": q["speaker_country"],
                            "role": q["speaker_role"], "code": q["speaker_code"]}} for q in facts["quotes"]],
            "amounts": [{"text": a["text"], "value": a["value"], "unit": a["unit"], "counts": a["counts"],
                         "span": [a["span_start"], a["span_end"]]} for a in facts["amounts"]],
            "places": [{"text": p["text"], "name": p["name"], "country": p["country"], "lat": p["lat"],
                        "lon": p["lon"], "geonameid": p["geonameid"], "span": [p["span_start"], p["span_end"]]}
                       for p in facts["places"]],
            "dates": [{"text": d["text"], "date": d["date"], "span": [d["span_start"], d["span_end"]]}
                      for d in facts["dates"]],
        }

    def search(self, text: str, limit: int = 20):
        import pandas as pd

        return pd.DataFrame([dict(r) for r in self.store.search(text, limit)])

    def stats(self) -> dict:
        return self.store.stats()

    def errors(self, run_id: Optional[int] = None):
        import pandas as pd

        return pd.DataFrame([dict(r) for r in self.store.errors(run_id)])


def open_corpus(path: str | Path = "orbit.db") -> Corpus:
    return Corpus(path)
