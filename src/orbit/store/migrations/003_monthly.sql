-- Monthly dyad totals beside the daily aggregates: window queries over months and years
-- (top dyads, actors, the network) read one row per dyad and month, stored in month order
-- so a window is one contiguous range.
CREATE TABLE dyad_monthly (
    month           TEXT NOT NULL,            -- YYYY-MM-01
    source_country  TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    events          INTEGER NOT NULL,
    cooperation     INTEGER NOT NULL,         -- QuadClass 1 and 2
    conflict        INTEGER NOT NULL,         -- QuadClass 3 and 4
    goldstein_sum   REAL NOT NULL,
    PRIMARY KEY (month, source_country, target_country)
) WITHOUT ROWID;
INSERT INTO dyad_monthly (month, source_country, target_country, events, cooperation, conflict, goldstein_sum)
    SELECT substr(day, 1, 7) || '-01', source_country, target_country, sum(events),
           sum(CASE WHEN quad_class <= 2 THEN events ELSE 0 END), sum(CASE WHEN quad_class >= 3 THEN events ELSE 0 END),
           sum(goldstein_sum)
    FROM dyad_daily GROUP BY substr(day, 1, 7), source_country, target_country;
