-- A write stamp for HTTP caching (issue 19): `n` grows with every row written to the
-- tables the API reads, `at` is the Unix time of the latest such write. `orbit serve`
-- reads this one row per request and derives its ETag and Last-Modified from it, so a
-- write by any process (an ingest, a re-coding, clustering, another server worker) makes
-- every cached response stale at once. Triggers keep it in the writing transaction.
-- (IF NOT EXISTS: a store taken back to an older schema version by hand re-runs this.)
-- The per-document fact tables (actors, quotes, amounts, places, dates) and the dyad
-- aggregates are written only together with their document or events, so the triggers
-- on documents and events cover them; each trigger is one update of one row.
CREATE TABLE IF NOT EXISTS store_version (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL,
    at  INTEGER NOT NULL
);

INSERT OR IGNORE INTO store_version (id, n, at) VALUES (1, 1, CAST(strftime('%s', 'now') AS INTEGER));

CREATE TRIGGER IF NOT EXISTS stamp_documents_ai AFTER INSERT ON documents BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_documents_au AFTER UPDATE ON documents BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_documents_ad AFTER DELETE ON documents BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_events_ai AFTER INSERT ON events BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_events_au AFTER UPDATE ON events BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_events_ad AFTER DELETE ON events BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_clusters_ai AFTER INSERT ON clusters BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_clusters_au AFTER UPDATE ON clusters BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_clusters_ad AFTER DELETE ON clusters BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_cluster_members_ai AFTER INSERT ON cluster_members BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_cluster_members_au AFTER UPDATE ON cluster_members BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_cluster_members_ad AFTER DELETE ON cluster_members BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_stories_ai AFTER INSERT ON stories BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_stories_au AFTER UPDATE ON stories BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_stories_ad AFTER DELETE ON stories BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_runs_ai AFTER INSERT ON runs BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_runs_au AFTER UPDATE ON runs BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_runs_ad AFTER DELETE ON runs BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_errors_ai AFTER INSERT ON errors BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_errors_au AFTER UPDATE ON errors BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
CREATE TRIGGER IF NOT EXISTS stamp_errors_ad AFTER DELETE ON errors BEGIN
    UPDATE store_version SET n = n + 1, at = CAST(strftime('%s', 'now') AS INTEGER);
END;
