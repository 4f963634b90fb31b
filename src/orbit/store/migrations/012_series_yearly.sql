-- Dyad series by year (issue 19), beside the daily and monthly ones of migration 010: the
-- ranked dyads of a long window (store/queries.py, _walk_ranked_dyads) sum each candidate
-- pair's rows, and whole years read one row per year instead of twelve; yearly series too.
-- Kept in step by Store._aggregate (store/aggregates.py), in the same transaction as the events.
CREATE TABLE IF NOT EXISTS series_yearly (
    source_country  TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    year            TEXT NOT NULL,            -- YYYY-01-01
    events          INTEGER NOT NULL DEFAULT 0,
    goldstein_sum   REAL NOT NULL DEFAULT 0,
    q1  INTEGER NOT NULL DEFAULT 0,
    q2  INTEGER NOT NULL DEFAULT 0,
    q3  INTEGER NOT NULL DEFAULT 0,
    q4  INTEGER NOT NULL DEFAULT 0,
    r01  INTEGER NOT NULL DEFAULT 0,
    r02  INTEGER NOT NULL DEFAULT 0,
    r03  INTEGER NOT NULL DEFAULT 0,
    r04  INTEGER NOT NULL DEFAULT 0,
    r05  INTEGER NOT NULL DEFAULT 0,
    r06  INTEGER NOT NULL DEFAULT 0,
    r07  INTEGER NOT NULL DEFAULT 0,
    r08  INTEGER NOT NULL DEFAULT 0,
    r09  INTEGER NOT NULL DEFAULT 0,
    r10  INTEGER NOT NULL DEFAULT 0,
    r11  INTEGER NOT NULL DEFAULT 0,
    r12  INTEGER NOT NULL DEFAULT 0,
    r13  INTEGER NOT NULL DEFAULT 0,
    r14  INTEGER NOT NULL DEFAULT 0,
    r15  INTEGER NOT NULL DEFAULT 0,
    r16  INTEGER NOT NULL DEFAULT 0,
    r17  INTEGER NOT NULL DEFAULT 0,
    r18  INTEGER NOT NULL DEFAULT 0,
    r19  INTEGER NOT NULL DEFAULT 0,
    r20  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source_country, target_country, year)
) WITHOUT ROWID;
INSERT OR IGNORE INTO series_yearly (source_country, target_country, year, events, goldstein_sum, q1, q2, q3, q4, r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12, r13, r14, r15, r16, r17, r18, r19, r20)
    SELECT source_country, target_country, substr(month, 1, 4) || '-01-01', sum(events), sum(goldstein_sum), sum(q1), sum(q2), sum(q3), sum(q4), sum(r01), sum(r02), sum(r03), sum(r04), sum(r05), sum(r06), sum(r07), sum(r08), sum(r09), sum(r10), sum(r11), sum(r12), sum(r13), sum(r14), sum(r15), sum(r16), sum(r17), sum(r18), sum(r19), sum(r20)
    FROM series_monthly GROUP BY source_country, target_country, substr(month, 1, 4);
