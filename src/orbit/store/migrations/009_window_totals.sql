-- Window totals by year, and per country (issue 19). A window of top dyads, actors or the
-- network summed every monthly row inside it (155-187 ms at 1M events for a window open
-- at one end): whole years now come from one row per dyad and year, whole months from the
-- monthly rows, only the partial months at either end from the daily rows. Top actors sum
-- one row per country and period instead of one per dyad. A window that is exactly one
-- year or one month reads that period's rows in event order through the (period, events)
-- indexes and stops at the page. Kept in step by Store._aggregate (store/aggregates.py), in
-- the same transaction as the events.
CREATE TABLE IF NOT EXISTS dyad_yearly (
    year            TEXT NOT NULL,            -- YYYY-01-01
    source_country  TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    events          INTEGER NOT NULL,
    cooperation     INTEGER NOT NULL,         -- QuadClass 1 and 2
    conflict        INTEGER NOT NULL,         -- QuadClass 3 and 4
    goldstein_sum   REAL NOT NULL,
    PRIMARY KEY (year, source_country, target_country)
) WITHOUT ROWID;
INSERT OR IGNORE INTO dyad_yearly (year, source_country, target_country, events, cooperation, conflict, goldstein_sum)
    SELECT substr(month, 1, 4) || '-01-01', source_country, target_country, sum(events), sum(cooperation),
           sum(conflict), sum(goldstein_sum)
    FROM dyad_monthly GROUP BY substr(month, 1, 4), source_country, target_country;
CREATE INDEX IF NOT EXISTS dyad_yearly_events ON dyad_yearly(year, events DESC);
CREATE INDEX IF NOT EXISTS dyad_monthly_events ON dyad_monthly(month, events DESC);

-- asserted events per country as source and as target ('' = unknown is not kept)
CREATE TABLE IF NOT EXISTS actor_monthly (
    month      TEXT NOT NULL,                 -- YYYY-MM-01
    country    TEXT NOT NULL,
    as_source  INTEGER NOT NULL,
    as_target  INTEGER NOT NULL,
    PRIMARY KEY (month, country)
) WITHOUT ROWID;
INSERT OR IGNORE INTO actor_monthly (month, country, as_source, as_target)
    SELECT month, country, sum(as_source), sum(as_target) FROM (
        SELECT month, source_country AS country, events AS as_source, 0 AS as_target FROM dyad_monthly
        WHERE source_country != ''
        UNION ALL SELECT month, target_country, 0, events FROM dyad_monthly WHERE target_country != '')
    GROUP BY month, country;
CREATE TABLE IF NOT EXISTS actor_yearly (
    year       TEXT NOT NULL,                 -- YYYY-01-01
    country    TEXT NOT NULL,
    as_source  INTEGER NOT NULL,
    as_target  INTEGER NOT NULL,
    PRIMARY KEY (year, country)
) WITHOUT ROWID;
INSERT OR IGNORE INTO actor_yearly (year, country, as_source, as_target)
    SELECT substr(month, 1, 4) || '-01-01', country, sum(as_source), sum(as_target) FROM actor_monthly
    GROUP BY substr(month, 1, 4), country;
CREATE TABLE IF NOT EXISTS actor_totals (
    country    TEXT NOT NULL PRIMARY KEY,
    as_source  INTEGER NOT NULL,
    as_target  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO actor_totals (country, as_source, as_target)
    SELECT country, sum(as_source), sum(as_target) FROM actor_monthly GROUP BY country;
