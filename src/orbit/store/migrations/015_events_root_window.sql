-- A root in a window (/api/events?root=R&since=...&until=..., the dashboard's "root in a
-- quarter"): SQLite read the window's events of the root through events_root (root, day),
-- fetched each row to test its modality and sorted them all by id for the first page:
-- 54-279 ms at 10M events (10,000-37,000 rows in a quarter). This partial index holds the
-- asserted events' (root, day) and their ids, so queries.event_query sorts only ids taken
-- from it and fetches the page's rows (1.4-4.7 ms at 10M).
CREATE INDEX IF NOT EXISTS events_root_asserted ON events(root, day) WHERE negated = 0 AND hypothetical = 0;
