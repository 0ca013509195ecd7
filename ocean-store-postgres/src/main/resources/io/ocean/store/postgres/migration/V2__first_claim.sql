-- An event's time budget (maxEventProcessingSeconds) counts from its first claim, across retries, restarts and
-- processes; NULL until it is first claimed.
ALTER TABLE events ADD COLUMN first_claimed_at timestamptz;
