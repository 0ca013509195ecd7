package io.ocean.store.postgres.internal;

/**
 * The store's statements, with the schema written in. Every statement that changes who holds a key, or which event
 * is its head, runs after the key's row in {@code keys} is locked by the same transaction: that lock is what makes
 * "at most one event of a key in flight" hold across processes.
 */
final class Sql {

    /** The columns {@link Rows#event} reads, in a SELECT or RETURNING list. */
    static final String EVENT_COLUMNS = "id, trace_id, path, group_key, delivery_id, received_at, headers, body, "
            + "attempts, next_attempt_at, state, last_error, failed_at, token, lease_until, first_claimed_at";

    /**
     * Joined into a worker's first statement: its transaction's commit does not wait for the WAL flush (as {@code SET
     * LOCAL synchronous_commit TO OFF}, without a round trip of its own). Evaluated whenever the statement returns a
     * row; one that returns none wrote nothing, and a commit that wrote nothing waits for no flush.
     */
    static final String RELAXED = "set_config('synchronous_commit', 'off', true) AS relaxed";

    final String countHeld;
    final String rememberDeliveryIds;
    final String firstDeliveries;
    final String lockKeysForInsert;
    final String insertEvents;
    final String restoreEvent;
    final String setNewHeads;
    final String notify;
    final String notifyRelaxed;
    final String claim;
    final String lockKeyHeldBy;
    final String renewEvent;
    final String renewKey;
    final String resumeEvent;
    final String holdKey;
    final String forgetRefusedDeliveryIds;
    final String evictDeadLetters;
    final String nextDue;
    final String deadLetters;
    final String find;
    final String exists;
    final String findDead;
    final String requeueDead;
    final String stats;
    final String purgeDeliveryIds;
    final String channel;
    final String pausePath;
    final String resumePath;
    final String pausedPaths;
    final String lockKeysHeldBy;
    final String deleteEvents;
    final String waitEvents;
    final String waitKeys;
    final String deadEvents;
    final String releaseEvents;
    final String releaseHeldKeys;
    final String releaseKeys;

    Sql(String schema) {
        String s = '"' + schema + "\".";
        // PostgreSQL cuts identifiers at 63 bytes; LISTEN and pg_notify must name the same channel.
        String events = schema + "_events";
        channel = events.length() <= 63 ? events : events.substring(0, 63);
        pausePath = "INSERT INTO " + s + "paused_paths (path) VALUES (?) ON CONFLICT (path) DO NOTHING";
        resumePath = "DELETE FROM " + s + "paused_paths WHERE path = ?";
        pausedPaths = "SELECT path FROM " + s + "paused_paths ORDER BY path";
        countHeld = "SELECT path, count(*), coalesce(sum(body_bytes), 0) FROM " + s + "events "
                + "WHERE path = ANY(?) AND state <> 'DEAD' GROUP BY path";
        // Inserted, or replacing an id older than the window: the event is new. Nothing returned: a duplicate.
        rememberDeliveryIds = "INSERT INTO " + s + "delivery_ids AS d (path, delivery_id, trace_id, seen_at) "
                + "SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[]) "
                + "ON CONFLICT (path, delivery_id) DO UPDATE SET trace_id = EXCLUDED.trace_id, "
                + "seen_at = EXCLUDED.seen_at WHERE d.seen_at <= ? RETURNING d.path, d.delivery_id";
        firstDeliveries = "SELECT d.path, d.delivery_id, d.trace_id FROM " + s + "delivery_ids d "
                + "JOIN unnest(?::text[], ?::text[]) AS u(path, delivery_id) "
                + "ON d.path = u.path AND d.delivery_id = u.delivery_id";
        // Locks each key's row (creating it when new) in the order given, sorted, so two batches never deadlock.
        lockKeysForInsert = "INSERT INTO " + s + "keys AS k (path, group_key) "
                + "SELECT * FROM unnest(?::text[], ?::text[]) "
                + "ON CONFLICT (path, group_key) DO UPDATE SET head_id = k.head_id";
        // A batch's events in arrival order (ids are drawn in the order of the unnest), and the head of each key that
        // has none yet: a key's row created by this transaction, whose lowest event is the first of the batch. The
        // keys were locked by an earlier statement, so ids within a key follow commits.
        insertEvents = "WITH added AS (INSERT INTO " + s + "events (trace_id, path, group_key, delivery_id, "
                + "received_at, headers, body, body_bytes, attempts, next_attempt_at, state) "
                + "SELECT u.trace_id, u.path, u.group_key, u.delivery_id, u.received_at, u.headers::jsonb, u.body, "
                + "u.body_bytes, 0, u.due, 'QUEUED' FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], "
                + "?::timestamptz[], ?::text[], ?::bytea[], ?::int[], ?::timestamptz[]) WITH ORDINALITY "
                + "AS u(trace_id, path, group_key, delivery_id, received_at, headers, body, body_bytes, due, n) "
                + "ORDER BY u.n RETURNING id, path, group_key, next_attempt_at) "
                + "UPDATE " + s + "keys k SET head_id = h.id, due_at = h.next_attempt_at FROM (SELECT DISTINCT ON "
                + "(path, group_key) path, group_key, id, next_attempt_at FROM added ORDER BY path, group_key, id) h "
                + "WHERE k.head_id IS NULL AND k.path = h.path AND k.group_key = h.group_key";
        restoreEvent = "INSERT INTO " + s + "events (trace_id, path, group_key, delivery_id, received_at, headers, "
                + "body, body_bytes, attempts, next_attempt_at, state, last_error, failed_at) "
                + "VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)";
        // A key created by this transaction has no head yet: its lowest event is it.
        setNewHeads = "UPDATE " + s + "keys k SET head_id = h.id, due_at = h.next_attempt_at "
                + "FROM unnest(?::text[], ?::text[]) AS u(path, group_key) CROSS JOIN LATERAL (SELECT id, "
                + "next_attempt_at FROM " + s + "events e WHERE e.path = u.path AND e.group_key = u.group_key "
                + "AND e.state <> 'DEAD' ORDER BY id LIMIT 1) h "
                + "WHERE k.head_id IS NULL AND k.path = u.path AND k.group_key = u.group_key";
        notify = "SELECT count(pg_notify(?, ? || ' ' || p)) FROM unnest(?::text[]) AS p";
        // The notifier's transaction holds only this; its commit need not wait for the disk (a lost notification
        // only delays: workers poll).
        notifyRelaxed = "SELECT count(pg_notify(?, ? || ' ' || p)) FROM " + RELAXED + ", unnest(?::text[]) AS p";
        // Keys nobody holds (or whose holder's lease ran out) with a head that is due, oldest head first. SKIP
        // LOCKED lets concurrent claimers pass each other; a key row changed since this statement's snapshot is
        // re-checked against these conditions before it is locked, so a key just claimed elsewhere drops out.
        claim = "WITH ready AS (SELECT path, group_key, head_id FROM " + s + "keys "
                + "WHERE path = ? AND head_id IS NOT NULL AND due_at <= ? AND (token IS NULL OR lease_until <= ?) "
                + "AND path NOT IN (SELECT p.path FROM " + s + "paused_paths p) "
                + "ORDER BY head_id LIMIT ? FOR UPDATE SKIP LOCKED), "
                + "claimed AS (UPDATE " + s + "events e SET state = 'RUNNING', attempts = e.attempts + 1, "
                + "token = nextval('" + s + "claim_tokens'), lease_until = ?, lease_millis = ?, "
                + "first_claimed_at = coalesce(e.first_claimed_at, ?) "
                + "FROM ready WHERE e.id = ready.head_id AND e.state <> 'DEAD' RETURNING e.*), "
                + "held AS (UPDATE " + s + "keys k SET token = c.token, lease_until = c.lease_until FROM claimed c "
                + "WHERE k.path = c.path AND k.group_key = c.group_key) "
                + "SELECT " + EVENT_COLUMNS + " FROM claimed, " + RELAXED + " ORDER BY id";
        lockKeyHeldBy = "SELECT 1 FROM " + s + "keys WHERE path = ? AND group_key = ? AND token = ? FOR UPDATE";
        renewKey = "UPDATE " + s + "keys SET lease_until = greatest(lease_until, ?) "
                + "WHERE path = ? AND group_key = ? AND token = ?";
        renewEvent = "UPDATE " + s + "events SET lease_until = greatest(lease_until, ?), lease_millis = ? "
                + "WHERE id = ? AND token = ? AND state IN ('RUNNING', 'WAITING')";
        // The waiting event's own worker takes it back (its key row locked and held by the claim first).
        resumeEvent = "UPDATE " + s + "events SET state = 'RUNNING', attempts = attempts + 1, "
                + "token = nextval('" + s + "claim_tokens'), lease_until = ?, lease_millis = ? "
                + "WHERE id = ? AND token = ? AND state = 'WAITING' RETURNING " + EVENT_COLUMNS;
        holdKey = "UPDATE " + s + "keys SET token = ?, lease_until = ? WHERE path = ? AND group_key = ?";
        forgetRefusedDeliveryIds = "DELETE FROM " + s + "delivery_ids d USING unnest(?::text[], ?::text[], ?::text[]) "
                + "AS u(path, delivery_id, trace_id) "
                + "WHERE d.path = u.path AND d.delivery_id = u.delivery_id AND d.trace_id = u.trace_id";
        // The newest dead letters within both limits stay; older ones go.
        evictDeadLetters = "DELETE FROM " + s + "events WHERE id IN (SELECT id FROM (SELECT id, "
                + "row_number() OVER newest_first AS n, sum(body_bytes) OVER newest_first AS bytes FROM " + s
                + "events WHERE state = 'DEAD' WINDOW newest_first AS (ORDER BY failed_at DESC, id DESC)) d "
                + "WHERE n > ? OR bytes > ?) RETURNING trace_id, path";
        nextDue = "SELECT min(due_at) FROM " + s + "keys WHERE path = ? AND due_at > ?";
        deadLetters = "SELECT " + EVENT_COLUMNS + " FROM " + s + "events WHERE path = ? AND state = 'DEAD' "
                + "ORDER BY failed_at, id LIMIT ?";
        find = "SELECT " + EVENT_COLUMNS + " FROM " + s + "events WHERE trace_id = ?";
        exists = "SELECT 1 FROM " + s + "events WHERE id = ?";
        findDead = "SELECT path, group_key, body_bytes FROM " + s + "events WHERE trace_id = ? AND state = 'DEAD'";
        requeueDead = "UPDATE " + s + "events SET id = DEFAULT, state = 'QUEUED', attempts = 0, next_attempt_at = ?, "
                + "last_error = NULL, failed_at = NULL, token = NULL, lease_until = NULL "
                + "WHERE trace_id = ? AND state = 'DEAD'";
        stats = "SELECT count(*) FILTER (WHERE state <> 'DEAD'), "
                + "coalesce(sum(body_bytes) FILTER (WHERE state <> 'DEAD'), 0), "
                + "min(received_at) FILTER (WHERE state <> 'DEAD'), count(*) FILTER (WHERE state = 'DEAD'), "
                + "coalesce(sum(body_bytes) FILTER (WHERE state = 'DEAD'), 0) FROM " + s + "events WHERE path = ?";
        purgeDeliveryIds = "DELETE FROM " + s + "delivery_ids WHERE seen_at <= ?";
        // The batched forms of the statements above, one row of each unnest per finishing event (see Finisher).
        // The keys are locked in the order given (sorted by the caller, as inserts sort theirs), so a batch of
        // finishes and a batch of inserts never wait for each other in a circle; a key whose token moved on (a
        // takeover) is re-checked by FOR UPDATE and drops out.
        lockKeysHeldBy = "SELECT k.path, k.group_key, k.token FROM " + s + "keys k "
                + "JOIN unnest(?::text[], ?::text[], ?::bigint[]) WITH ORDINALITY AS u(path, group_key, token, n) "
                + "ON k.path = u.path AND k.group_key = u.group_key AND k.token = u.token CROSS JOIN " + RELAXED + " "
                + "ORDER BY u.n FOR UPDATE OF k";
        deleteEvents = "DELETE FROM " + s + "events e USING unnest(?::bigint[], ?::bigint[]) AS u(id, token) "
                + "WHERE e.id = u.id AND e.token = u.token RETURNING e.id";
        // The event keeps its key, its claim's token and lease (its worker renews it while it waits, and takes the
        // event back when due); only once that lease ran out (the worker stopped or died) may a claim elsewhere.
        waitEvents = "UPDATE " + s + "events e SET state = 'WAITING', attempts = u.attempts, next_attempt_at = u.at, "
                + "last_error = u.error FROM unnest(?::bigint[], ?::bigint[], ?::int[], ?::timestamptz[], ?::text[]) "
                + "AS u(id, token, attempts, at, error) WHERE e.id = u.id AND e.token = u.token RETURNING e.id";
        waitKeys = "UPDATE " + s + "keys k SET due_at = u.at "
                + "FROM unnest(?::text[], ?::text[], ?::bigint[], ?::timestamptz[]) AS u(path, group_key, token, at) "
                + "WHERE k.path = u.path AND k.group_key = u.group_key AND k.token = u.token";
        deadEvents = "UPDATE " + s + "events e SET state = 'DEAD', last_error = u.reason, failed_at = ?, token = NULL, "
                + "lease_until = NULL FROM unnest(?::bigint[], ?::bigint[], ?::text[]) AS u(id, token, reason) "
                + "WHERE e.id = u.id AND e.token = u.token RETURNING e.id";
        // Handed back at a stop: a run that never called handleEvent does not count, nor start the time budget.
        releaseEvents = "UPDATE " + s + "events e SET state = CASE WHEN e.state = 'RUNNING' THEN 'QUEUED' "
                + "ELSE e.state END, attempts = greatest(0, e.attempts - u.back), first_claimed_at = CASE WHEN "
                + "e.attempts - u.back <= 0 THEN NULL ELSE e.first_claimed_at END, token = NULL, lease_until = NULL "
                + "FROM unnest(?::bigint[], ?::bigint[], ?::int[]) AS u(id, token, back) "
                + "WHERE e.id = u.id AND e.token = u.token RETURNING e.id";
        releaseHeldKeys = "UPDATE " + s + "keys k SET token = NULL, lease_until = NULL "
                + "FROM unnest(?::text[], ?::text[], ?::bigint[]) AS u(path, group_key, token) "
                + "WHERE k.path = u.path AND k.group_key = u.group_key AND k.token = u.token";
        // Each key gets its next event as head, or loses its row when none is left. Run after the keys' rows are
        // locked, in a statement of its own so that its snapshot sees every event committed for them before the locks
        // were granted.
        releaseKeys = "WITH next AS (SELECT u.path, u.group_key, h.id, h.next_attempt_at "
                + "FROM unnest(?::text[], ?::text[]) AS u(path, group_key) LEFT JOIN LATERAL (SELECT id, "
                + "next_attempt_at FROM " + s + "events e WHERE e.path = u.path AND e.group_key = u.group_key "
                + "AND e.state <> 'DEAD' ORDER BY id LIMIT 1) h ON true), "
                + "moved AS (UPDATE " + s + "keys k SET head_id = n.id, due_at = n.next_attempt_at, token = NULL, "
                + "lease_until = NULL FROM next n WHERE n.id IS NOT NULL AND k.path = n.path "
                + "AND k.group_key = n.group_key RETURNING 1) "
                + "DELETE FROM " + s + "keys k USING next n WHERE n.id IS NULL AND k.path = n.path "
                + "AND k.group_key = n.group_key";
    }
}
