-- Paths an operator paused: their events are stored but not claimed until resumed, by every process sharing the schema.
CREATE TABLE paused_paths (
    path      text        PRIMARY KEY,
    paused_at timestamptz NOT NULL DEFAULT now()
);
