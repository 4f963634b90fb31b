-- Running sums under integer keys (issue 19), replacing migration 013's tables. The ranked
-- dyads of an arbitrary window (the network, /api/dyads; store/queries.py, _dyad_window_sums)
-- look up each candidate pair's running sums at the window's ends. Under 013's text keys
-- (source, target, day) one key search cost about 2-5 microseconds (three text columns
-- compared at every level of the b-tree), and a page of 500 edges needed a few thousand of
-- them. Here a pair's rows sit under one integer key,
--     (source id << 45) + (target id << 27) + YYYYMMDD,
-- with the ids from country_ids (below 2^18 each, so the three parts never overlap): a search
-- is SQLite's rowid search, about ten times cheaper.
-- And the monthly rows hold everything of the pair up to and including that month (not
-- only the year so far), so everything of a pair before a day is two look-ups (its last
-- month row before the day's month, its last day row in that month before the day) with no
-- yearly rows to add: a closed window is at most four look-ups, an open one two or three.
-- An added event changes the later days of its month and every later month of its pair
-- (at most twelve a year of the pair's span; a new event after the pair's last month
-- changes one row). Kept in step by Store._aggregate (store/aggregates.py), in the same
-- transaction as the events; rows exist on the days (months) that have a series_daily
-- (series_monthly) row.
CREATE TABLE IF NOT EXISTS country_ids (
    id       INTEGER PRIMARY KEY,             -- given once, never changed: the keys below hold it
    country  TEXT NOT NULL UNIQUE
);
INSERT OR IGNORE INTO country_ids (country)
    SELECT country FROM (SELECT source_country AS country FROM series_daily
                         WHERE source_country != '' AND target_country != ''
                         UNION SELECT target_country FROM series_daily
                         WHERE source_country != '' AND target_country != '')
    ORDER BY country;
CREATE TABLE IF NOT EXISTS pair_days (
    k               INTEGER PRIMARY KEY,      -- (source id << 45) + (target id << 27) + YYYYMMDD
    events          INTEGER NOT NULL,         -- asserted events from the 1st of the month to this day
    cooperation     INTEGER NOT NULL,         -- of them QuadClass 1 and 2
    conflict        INTEGER NOT NULL,         -- QuadClass 3 and 4
    goldstein_sum   REAL NOT NULL
);
INSERT OR IGNORE INTO pair_days (k, events, cooperation, conflict, goldstein_sum)
    SELECT (a.id << 45) + (b.id << 27) + CAST(replace(r.day, '-', '') AS INTEGER), r.e, r.co, r.cf, r.g
    FROM (SELECT source_country AS s, target_country AS t, day, sum(events) OVER w AS e, sum(q1 + q2) OVER w AS co,
                 sum(q3 + q4) OVER w AS cf, sum(goldstein_sum) OVER w AS g
          FROM series_daily WINDOW w AS (PARTITION BY source_country, target_country, substr(day, 1, 7) ORDER BY day)) r
    JOIN country_ids a ON a.country = r.s JOIN country_ids b ON b.country = r.t;
CREATE TABLE IF NOT EXISTS pair_months (
    k               INTEGER PRIMARY KEY,      -- (source id << 45) + (target id << 27) + YYYYMM01
    events          INTEGER NOT NULL,         -- asserted events of the pair up to the end of this month
                                              -- (under YYYYMMDD 2^27 - 1: all of them)
    cooperation     INTEGER NOT NULL,
    conflict        INTEGER NOT NULL,
    goldstein_sum   REAL NOT NULL
);
INSERT OR IGNORE INTO pair_months (k, events, cooperation, conflict, goldstein_sum)
    SELECT (a.id << 45) + (b.id << 27) + CAST(replace(r.month, '-', '') AS INTEGER), r.e, r.co, r.cf, r.g
    FROM (SELECT source_country AS s, target_country AS t, month, sum(events) OVER w AS e, sum(q1 + q2) OVER w AS co,
                 sum(q3 + q4) OVER w AS cf, sum(goldstein_sum) OVER w AS g
          FROM series_monthly WINDOW w AS (PARTITION BY source_country, target_country ORDER BY month)) r
    JOIN country_ids a ON a.country = r.s JOIN country_ids b ON b.country = r.t;
-- and each pair's total under the last key of its range (period part 2^27 - 1, after every
-- month): the same sums as its last month row, found by the key alone (no search for the
-- last row) for a window open at its end
INSERT OR IGNORE INTO pair_months (k, events, cooperation, conflict, goldstein_sum)
    SELECT (a.id << 45) + (b.id << 27) + 134217727, r.e, r.co, r.cf, r.g
    FROM (SELECT source_country AS s, target_country AS t, sum(events) AS e, sum(q1 + q2) AS co, sum(q3 + q4) AS cf,
                 sum(goldstein_sum) AS g FROM series_monthly GROUP BY source_country, target_country) r
    JOIN country_ids a ON a.country = r.s JOIN country_ids b ON b.country = r.t;
DROP TABLE IF EXISTS running_daily;
DROP TABLE IF EXISTS running_monthly;
-- The ranked dyads of a short window in a sparse store (many dyads tied at a few events)
-- sum the window's rows instead (queries.window_rows): its partial months read dyad_daily
-- by day, and through dyad_daily_day each row was then looked up by its text key. This
-- index holds what that read takes (the key's source, target and root come with it).
CREATE INDEX IF NOT EXISTS dyad_daily_window ON dyad_daily(day, quad_class, events, goldstein_sum);
DROP INDEX IF EXISTS dyad_daily_day;
