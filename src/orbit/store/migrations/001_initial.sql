-- orbit store, schema version 1. Applied by orbit.store.schema.migrate in one transaction.

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    doc_key        TEXT NOT NULL,             -- the input's id (file stem, JSONL "id", URL)
    url            TEXT,
    title          TEXT,
    date           TEXT NOT NULL,             -- publication date YYYY-MM-DD
    date_source    TEXT,                      -- given | text | today
    source         TEXT,                      -- outlet or feed
    path           TEXT,                      -- where it was read from
    content_hash   TEXT NOT NULL UNIQUE,      -- sha256 of the cleaned text: the identity of a document
    text           TEXT NOT NULL,             -- cleaned text; every span in the store points into it
    removed_json   TEXT,                      -- boilerplate removed by cleaning
    run_id         INTEGER REFERENCES runs(id),
    orbit_version  TEXT NOT NULL,
    dict_version   TEXT NOT NULL,             -- actor dictionaries + patterns that coded it
    coded_at       TEXT NOT NULL
);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_key ON documents(doc_key);
CREATE INDEX documents_url ON documents(url);

CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id',
                                              tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE actors (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_key     TEXT NOT NULL,
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,
    country       TEXT,
    role          TEXT,
    code          TEXT,
    office        TEXT,
    mentions_json TEXT NOT NULL
);
CREATE INDEX actors_document ON actors(document_id);
CREATE INDEX actors_code ON actors(code);
CREATE INDEX actors_country ON actors(country);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    date            TEXT NOT NULL,
    day             TEXT NOT NULL,             -- date padded to a day (YYYY-MM-DD) for series
    sentence        TEXT NOT NULL,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    trigger_text    TEXT NOT NULL,
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    source_text     TEXT, source_start INTEGER, source_end INTEGER, source_name TEXT, source_code TEXT,
    source_country  TEXT, source_role TEXT, source_actor TEXT,
    target_text     TEXT, target_start INTEGER, target_end INTEGER, target_name TEXT, target_code TEXT,
    target_country  TEXT, target_role TEXT, target_actor TEXT,
    cameo           TEXT NOT NULL,
    root            TEXT NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       REAL NOT NULL,
    plover_event    TEXT, plover_mode TEXT, plover_context TEXT,
    negated         INTEGER NOT NULL,
    hypothetical    INTEGER NOT NULL,
    modality        TEXT NOT NULL,
    place_json      TEXT,
    place_country   TEXT,
    rule            TEXT NOT NULL,
    confidence      REAL NOT NULL,
    orbit_version   TEXT NOT NULL,
    dict_version    TEXT NOT NULL
);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_source ON events(source_country, day);
CREATE INDEX events_target ON events(target_country, day);
CREATE INDEX events_code ON events(cameo);
CREATE INDEX events_root ON events(root, day);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, kind TEXT NOT NULL,
    speaker_text TEXT, speaker_name TEXT, speaker_code TEXT, speaker_country TEXT, speaker_role TEXT,
    cue_text TEXT, cue_start INTEGER, cue_end INTEGER
);
CREATE INDEX quotes_document ON quotes(document_id);

CREATE TABLE amounts (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    value REAL, unit TEXT, counts TEXT, event_index INTEGER
);
CREATE INDEX amounts_document ON amounts(document_id);

CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    name TEXT, country TEXT, lat REAL, lon REAL, geonameid INTEGER, admin1 TEXT, kind TEXT
);
CREATE INDEX places_document ON places(document_id);
CREATE INDEX places_country ON places(country);

CREATE TABLE dates (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    date TEXT, start TEXT, end TEXT
);
CREATE INDEX dates_document ON dates(document_id);

CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    command       TEXT NOT NULL,
    args_json     TEXT,
    status        TEXT NOT NULL,             -- running | finished | interrupted
    docs_stored   INTEGER NOT NULL DEFAULT 0,
    docs_skipped  INTEGER NOT NULL DEFAULT 0,  -- already stored
    docs_failed   INTEGER NOT NULL DEFAULT 0,
    events_stored INTEGER NOT NULL DEFAULT 0,
    orbit_version TEXT NOT NULL,
    dict_version  TEXT NOT NULL
);

CREATE TABLE errors (
    id      INTEGER PRIMARY KEY,
    run_id  INTEGER REFERENCES runs(id),
    item    TEXT NOT NULL,
    code    TEXT NOT NULL,
    reason  TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX errors_run ON errors(run_id);

-- Daily dyad aggregates, maintained in the same transaction as the events they count,
-- for asserted events only. Countries are '' when unknown, so the key is never NULL.
CREATE TABLE dyad_daily (
    day             TEXT NOT NULL,
    source_country  TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    root            TEXT NOT NULL,
    quad_class      INTEGER NOT NULL,
    events          INTEGER NOT NULL,
    goldstein_sum   REAL NOT NULL,
    PRIMARY KEY (source_country, target_country, day, root)
) WITHOUT ROWID;
CREATE INDEX dyad_daily_day ON dyad_daily(day);
