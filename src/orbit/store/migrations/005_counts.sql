-- Row counts kept beside the tables they count, so `orbit stats` and /api/stats read a few
-- rows instead of counting millions of events on every call. Triggers keep them in the
-- same transaction as the rows they count, whatever the write path (ingest, re-coding,
-- clustering, cascading deletes). kind:
--   rows           key = table name                 rows in that table
--   asserted_root  key = CAMEO root                 events neither negated nor hypothetical
--   errors         key = 'E' or 'W'                 errors-table entries by the code's letter
--   dict_version   key = dictionary version         documents coded with it
CREATE TABLE counts (
    kind  TEXT NOT NULL,
    key   TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

INSERT INTO counts (kind, key, n) SELECT 'rows', 'documents', count(*) FROM documents;
INSERT INTO counts (kind, key, n) SELECT 'rows', 'events', count(*) FROM events;
INSERT INTO counts (kind, key, n) SELECT 'rows', 'actors', count(*) FROM actors;
INSERT INTO counts (kind, key, n) SELECT 'rows', 'quotes', count(*) FROM quotes;
INSERT INTO counts (kind, key, n) SELECT 'rows', 'places', count(*) FROM places;
INSERT INTO counts (kind, key, n) SELECT 'rows', 'runs', count(*) FROM runs;
INSERT INTO counts (kind, key, n) SELECT 'rows', 'clusters', count(*) FROM clusters;
INSERT INTO counts (kind, key, n) SELECT 'rows', 'stories', count(*) FROM stories;
INSERT INTO counts (kind, key, n) SELECT 'asserted_root', root, count(*) FROM events
    WHERE negated = 0 AND hypothetical = 0 GROUP BY root;
INSERT INTO counts (kind, key, n) SELECT 'errors', CASE WHEN code LIKE 'W%' THEN 'W' ELSE 'E' END, count(*) FROM errors
    GROUP BY 2;
INSERT INTO counts (kind, key, n) SELECT 'dict_version', dict_version, count(*) FROM documents GROUP BY dict_version;

-- plain row counts: one trigger pair per table
CREATE TRIGGER counts_documents_ai AFTER INSERT ON documents BEGIN
    UPDATE counts SET n = n + 1 WHERE kind = 'rows' AND key = 'documents';
    INSERT INTO counts (kind, key, n) VALUES ('dict_version', new.dict_version, 1)
        ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER counts_documents_ad AFTER DELETE ON documents BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'rows' AND key = 'documents';
    UPDATE counts SET n = n - 1 WHERE kind = 'dict_version' AND key = old.dict_version;
END;
CREATE TRIGGER counts_documents_au AFTER UPDATE OF dict_version ON documents
    WHEN old.dict_version IS NOT new.dict_version BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'dict_version' AND key = old.dict_version;
    INSERT INTO counts (kind, key, n) VALUES ('dict_version', new.dict_version, 1)
        ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER counts_events_ai AFTER INSERT ON events BEGIN
    UPDATE counts SET n = n + 1 WHERE kind = 'rows' AND key = 'events';
    INSERT INTO counts (kind, key, n) SELECT 'asserted_root', new.root, 1
        WHERE new.negated = 0 AND new.hypothetical = 0
        ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER counts_events_ad AFTER DELETE ON events BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'rows' AND key = 'events';
    UPDATE counts SET n = n - 1 WHERE kind = 'asserted_root' AND key = old.root
        AND old.negated = 0 AND old.hypothetical = 0;
END;
CREATE TRIGGER counts_events_au AFTER UPDATE OF root, negated, hypothetical ON events BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'asserted_root' AND key = old.root
        AND old.negated = 0 AND old.hypothetical = 0;
    INSERT INTO counts (kind, key, n) SELECT 'asserted_root', new.root, 1
        WHERE new.negated = 0 AND new.hypothetical = 0
        ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER counts_actors_ai AFTER INSERT ON actors BEGIN
    UPDATE counts SET n = n + 1 WHERE kind = 'rows' AND key = 'actors';
END;
CREATE TRIGGER counts_actors_ad AFTER DELETE ON actors BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'rows' AND key = 'actors';
END;
CREATE TRIGGER counts_quotes_ai AFTER INSERT ON quotes BEGIN
    UPDATE counts SET n = n + 1 WHERE kind = 'rows' AND key = 'quotes';
END;
CREATE TRIGGER counts_quotes_ad AFTER DELETE ON quotes BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'rows' AND key = 'quotes';
END;
CREATE TRIGGER counts_places_ai AFTER INSERT ON places BEGIN
    UPDATE counts SET n = n + 1 WHERE kind = 'rows' AND key = 'places';
END;
CREATE TRIGGER counts_places_ad AFTER DELETE ON places BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'rows' AND key = 'places';
END;
CREATE TRIGGER counts_runs_ai AFTER INSERT ON runs BEGIN
    UPDATE counts SET n = n + 1 WHERE kind = 'rows' AND key = 'runs';
END;
CREATE TRIGGER counts_runs_ad AFTER DELETE ON runs BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'rows' AND key = 'runs';
END;
CREATE TRIGGER counts_clusters_ai AFTER INSERT ON clusters BEGIN
    UPDATE counts SET n = n + 1 WHERE kind = 'rows' AND key = 'clusters';
END;
CREATE TRIGGER counts_clusters_ad AFTER DELETE ON clusters BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'rows' AND key = 'clusters';
END;
CREATE TRIGGER counts_stories_ai AFTER INSERT ON stories BEGIN
    UPDATE counts SET n = n + 1 WHERE kind = 'rows' AND key = 'stories';
END;
CREATE TRIGGER counts_stories_ad AFTER DELETE ON stories BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'rows' AND key = 'stories';
END;
CREATE TRIGGER counts_errors_ai AFTER INSERT ON errors BEGIN
    INSERT INTO counts (kind, key, n) VALUES ('errors', CASE WHEN new.code LIKE 'W%' THEN 'W' ELSE 'E' END, 1)
        ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER counts_errors_ad AFTER DELETE ON errors BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'errors' AND key = CASE WHEN old.code LIKE 'W%' THEN 'W' ELSE 'E' END;
END;

-- Event lists in id order for each filter the API and `orbit events` offer (the rowid
-- ends every index, so an equality on the leading columns walks ids in order and stops
-- at the page's LIMIT): a dyad, an actor code prefix (a range), a root, a QuadClass; a QuadClass inside a date window;
-- events with a place (the map), by day. (No index on negated/hypothetical: nearly every
-- event is asserted, and SQLite, seeing two equalities, preferred it to the selective ones.)
CREATE INDEX events_dyad ON events(source_country, target_country);
CREATE INDEX events_source_code ON events(source_code);
CREATE INDEX events_target_code ON events(target_code);
CREATE INDEX events_root_id ON events(root, id);
CREATE INDEX events_quad ON events(quad_class, id);
CREATE INDEX events_quad_day ON events(quad_class, day);
CREATE INDEX events_placed ON events(day) WHERE place_json IS NOT NULL AND negated = 0 AND hypothetical = 0;
