-- The console's listings (newest first, keyset on id) and its dead-letter counts per path and reason.
CREATE INDEX events_by_state ON events (state, id);
CREATE INDEX events_dead_reasons ON events (path, last_error) WHERE state = 'DEAD';
