-- All-time dyad totals (issue 19): the top dyads and actors of the whole store read one
-- row per dyad instead of summing every monthly row (210,685 of them at 1M events, 248 ms).
-- Kept in step with dyad_daily and dyad_monthly by Store._aggregate, in the same transaction.
CREATE TABLE IF NOT EXISTS dyad_totals (
    source_country  TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    events          INTEGER NOT NULL,
    cooperation     INTEGER NOT NULL,         -- QuadClass 1 and 2
    conflict        INTEGER NOT NULL,         -- QuadClass 3 and 4
    goldstein_sum   REAL NOT NULL,
    PRIMARY KEY (source_country, target_country)
) WITHOUT ROWID;
INSERT OR IGNORE INTO dyad_totals (source_country, target_country, events, cooperation, conflict, goldstein_sum)
    SELECT source_country, target_country, sum(events), sum(cooperation), sum(conflict), sum(goldstein_sum)
    FROM dyad_monthly GROUP BY source_country, target_country;
CREATE INDEX IF NOT EXISTS dyad_totals_events ON dyad_totals(events DESC);
