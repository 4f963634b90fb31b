-- Asserted events per country and day (issue 19): the days at either end of a window of
-- top actors came from the daily dyad rows (one per dyad, day and root: 212 ms at 10M
-- events for a window open at one end); at most one row per country and day here, so a
-- window reads a number of rows bounded by the countries, whatever the store's size.
-- Kept in step by Store._aggregate (store/aggregates.py), in the same transaction as the events.
CREATE TABLE IF NOT EXISTS actor_daily (
    day        TEXT NOT NULL,                 -- YYYY-MM-DD
    country    TEXT NOT NULL,
    as_source  INTEGER NOT NULL,
    as_target  INTEGER NOT NULL,
    PRIMARY KEY (day, country)
) WITHOUT ROWID;
INSERT OR IGNORE INTO actor_daily (day, country, as_source, as_target)
    SELECT day, country, sum(as_source), sum(as_target) FROM (
        SELECT day, source_country AS country, events AS as_source, 0 AS as_target FROM dyad_daily
        WHERE source_country != ''
        UNION ALL SELECT day, target_country, 0, events FROM dyad_daily WHERE target_country != '')
    GROUP BY day, country;
