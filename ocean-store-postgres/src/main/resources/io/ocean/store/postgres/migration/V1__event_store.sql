-- The event store shared by every Ocean process of one integration. Flyway runs this with search_path set to the
-- store's schema (OCEAN__WEBHOOKS__STORE_SCHEMA), so the names below land there.

-- Fencing tokens: every claim takes the next value, so a later claim always holds a higher token than an earlier one.
CREATE SEQUENCE claim_tokens;

-- Every accepted event, from acceptance until it is finished (then deleted) or replayed; dead letters stay here too.
CREATE TABLE events (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trace_id        text        NOT NULL UNIQUE,
    path            text        NOT NULL,
    group_key       text        NOT NULL,
    delivery_id     text,
    received_at     timestamptz NOT NULL,
    headers         jsonb       NOT NULL,
    body            bytea       NOT NULL,
    body_bytes      integer     NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    state           text        NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'WAITING', 'DEAD')),
    token           bigint,
    lease_until     timestamptz,
    lease_millis    bigint,
    last_error      text,
    failed_at       timestamptz
);

-- The head of a key: its lowest id that is not dead.
CREATE INDEX events_by_key ON events (path, group_key, id) WHERE state <> 'DEAD';
CREATE INDEX events_dead ON events (path, failed_at, id) WHERE state = 'DEAD';

-- One row per (path, group key) that holds events that are not dead: the row is the key's lock. Whoever changes who
-- holds a key, or which event is its head, first locks this row, so two claims of one key can never both succeed
-- (FOR UPDATE SKIP LOCKED on events alone cannot promise that: an insert committed late can become a second head).
CREATE TABLE keys (
    path        text        NOT NULL,
    group_key   text        NOT NULL,
    head_id     bigint,
    due_at      timestamptz,
    token       bigint,
    lease_until timestamptz,
    PRIMARY KEY (path, group_key)
);
CREATE INDEX keys_ready ON keys (path, head_id);

-- The delivery ids deduplicateBy remembers, by age, unique per path across every process.
CREATE TABLE delivery_ids (
    path        text        NOT NULL,
    delivery_id text        NOT NULL,
    trace_id    text        NOT NULL,
    seen_at     timestamptz NOT NULL,
    PRIMARY KEY (path, delivery_id)
);
CREATE INDEX delivery_ids_by_age ON delivery_ids (seen_at);
