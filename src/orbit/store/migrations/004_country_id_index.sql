-- Event lists for one country come back in id order straight from these indexes, so
-- "the first 100 events about USA" stops after 100 rows instead of sorting every one.
CREATE INDEX events_source_id ON events(source_country, id);
CREATE INDEX events_target_id ON events(target_country, id);
