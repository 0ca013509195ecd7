package io.ocean.webhook.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stage an engine returns from {@link EventStore#insert}: the caller may {@link #cancel withdraw} it until the
 * engine {@link #startCommit starts committing} it, and a withdrawn insert is never committed. This is what lets the
 * edge answer 503 after {@code storeTimeoutMillis} without the event being stored behind the sender's back.
 */
public final class PendingInsert extends CompletableFuture<InsertResult> {

    private static final int PENDING = 0;
    private static final int COMMITTING = 1;
    private static final int WITHDRAWN = 2;

    private final AtomicInteger state = new AtomicInteger(PENDING);

    /** Creates an insert that is neither committing nor withdrawn yet. */
    public PendingInsert() {
    }

    /**
     * Called by the engine before it commits the event — SQLite calls it when its writer takes the insert into a
     * batch, PostgreSQL right before the commit: true when it may commit (and from now on cannot be withdrawn),
     * false when the caller withdrew it, so the engine must not commit it.
     */
    public boolean startCommit() {
        return state.compareAndSet(PENDING, COMMITTING) || state.get() == COMMITTING;
    }

    /** True once the engine started committing the insert: it can no longer be withdrawn. */
    public boolean committing() {
        return state.get() == COMMITTING;
    }

    /** True once the caller withdrew the insert: the engine may drop it without writing anything. */
    public boolean withdrawn() {
        return state.get() == WITHDRAWN;
    }

    /**
     * Withdraws the insert if the engine has not started committing it: true when it is withdrawn (it will never be
     * stored), false when its commit is under way or it already completed (wait for its outcome).
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (isDone() || !state.compareAndSet(PENDING, WITHDRAWN)) {
            return false;
        }
        super.cancel(false);
        return true;
    }
}
