-- Event clusters (one real-world event, many mentions) and stories (articles about the same story).

CREATE TABLE clusters (
    id              INTEGER PRIMARY KEY,
    source_country  TEXT NOT NULL,           -- '' when unknown
    target_country  TEXT NOT NULL,
    root            TEXT NOT NULL,
    root_group      TEXT NOT NULL,           -- compatible roots share a group (03/07 pledge and aid)
    cameo           TEXT NOT NULL,           -- the most reported code
    first_day       TEXT NOT NULL,
    last_day        TEXT NOT NULL,
    first_reported  TEXT,
    last_reported   TEXT,
    mentions        INTEGER NOT NULL,
    documents       INTEGER NOT NULL,
    sources         INTEGER NOT NULL,        -- distinct outlets (source, URL host, or document)
    place_country   TEXT,
    label           TEXT NOT NULL,           -- the first mention's evidence
    words           TEXT NOT NULL,           -- content words of the mentions, for matching
    goldstein       REAL NOT NULL,
    story_id        INTEGER
);
CREATE INDEX clusters_lookup ON clusters(source_country, target_country, root_group, last_day);
CREATE INDEX clusters_day ON clusters(first_day);

CREATE TABLE cluster_members (
    event_id    INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    cluster_id  INTEGER NOT NULL REFERENCES clusters(id),
    score       REAL NOT NULL,
    reason      TEXT NOT NULL
);
CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);

CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    label       TEXT,
    first_date  TEXT,
    last_date   TEXT,
    documents   INTEGER NOT NULL DEFAULT 0
);
ALTER TABLE documents ADD COLUMN story_id INTEGER;
CREATE INDEX documents_story ON documents(story_id);

-- clusters whose members were re-coded away; refreshed by the next clustering run
CREATE TABLE stale_clusters (cluster_id INTEGER PRIMARY KEY);
