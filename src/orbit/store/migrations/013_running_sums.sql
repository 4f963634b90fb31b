-- Running sums inside a period (issue 19): the ranked dyads of an arbitrary window (the
-- network, /api/dyads; store/queries.py, _dyad_window_sums) summed each candidate pair's
-- whole years, whole months and days of the edge months, up to 11 monthly and 30 daily rows
-- per pair and end, more as the store fills in. These keep, for each pair of two known
-- countries, the month-to-date sums at each of its days (running_daily) and the year-to-date
-- sums at each of its months (running_monthly): everything of a pair before a day is then its
-- whole years before that day's year plus one year-to-date and one month-to-date row (the
-- pair's last rows before the day's month and before the day), so a window is its whole years
-- plus at most four such look-ups per pair. An added event changes at most the later days of
-- its month and the later months of its year. Kept in step by Store._aggregate
-- (store/aggregates.py), in the same transaction as the events; rows exist on the days
-- (months) that have a series_daily (series_monthly) row.
CREATE TABLE IF NOT EXISTS running_daily (
    source_country  TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    day             TEXT NOT NULL,            -- YYYY-MM-DD
    events          INTEGER NOT NULL,         -- asserted events from the 1st of the month to this day
    cooperation     INTEGER NOT NULL,         -- of them QuadClass 1 and 2
    conflict        INTEGER NOT NULL,         -- QuadClass 3 and 4
    goldstein_sum   REAL NOT NULL,
    PRIMARY KEY (source_country, target_country, day)
) WITHOUT ROWID;
INSERT OR IGNORE INTO running_daily (source_country, target_country, day, events, cooperation, conflict, goldstein_sum)
    SELECT source_country, target_country, day, sum(events) OVER w, sum(q1 + q2) OVER w, sum(q3 + q4) OVER w,
           sum(goldstein_sum) OVER w
    FROM series_daily WINDOW w AS (PARTITION BY source_country, target_country, substr(day, 1, 7) ORDER BY day);
CREATE TABLE IF NOT EXISTS running_monthly (
    source_country  TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    month           TEXT NOT NULL,            -- YYYY-MM-01
    events          INTEGER NOT NULL,         -- asserted events from January to this month
    cooperation     INTEGER NOT NULL,
    conflict        INTEGER NOT NULL,
    goldstein_sum   REAL NOT NULL,
    PRIMARY KEY (source_country, target_country, month)
) WITHOUT ROWID;
INSERT OR IGNORE INTO running_monthly (source_country, target_country, month, events, cooperation, conflict,
                                       goldstein_sum)
    SELECT source_country, target_country, month, sum(events) OVER w, sum(q1 + q2) OVER w, sum(q3 + q4) OVER w,
           sum(goldstein_sum) OVER w
    FROM series_monthly WINDOW w AS (PARTITION BY source_country, target_country, substr(month, 1, 4) ORDER BY month);
