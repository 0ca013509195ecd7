package io.ocean.webhook.internal.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.internal.Json;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** One bulk replay: its filter, who started it, and its progress, read by the API while its thread runs it. */
final class ReplayJob {

    private final String id = UUID.randomUUID().toString();
    private final DeadLetterFilter filter;
    private final String who;
    private final Instant startedAt = Instant.now();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong gone = new AtomicLong();
    private volatile boolean cancelled;
    private volatile boolean finished;
    private volatile String error;

    ReplayJob(DeadLetterFilter filter, String who) {
        this.filter = filter;
        this.who = who;
    }

    DeadLetterFilter filter() {
        return filter;
    }

    String who() {
        return who;
    }

    boolean running() {
        return !finished;
    }

    boolean cancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
    }

    void matched() {
        matched.incrementAndGet();
    }

    void replayedOne() {
        replayed.incrementAndGet();
    }

    void refusedOne() {
        refused.incrementAndGet();
    }

    /** A matching dead letter that was no longer one when its turn came (replayed or discarded meanwhile). */
    void goneOne() {
        gone.incrementAndGet();
    }

    long gone() {
        return gone.get();
    }

    long replayed() {
        return replayed.get();
    }

    long refused() {
        return refused.get();
    }

    void failed(String message) {
        error = message;
    }

    void finish() {
        finished = true;
    }

    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode().put("id", id)
                .put("status", !finished ? "running" : cancelled ? "cancelled" : error != null ? "failed" : "done")
                .put("startedAt", startedAt.toString()).put("by", who)
                .put("seen", matched.get()).put("replayed", replayed.get()).put("refused", refused.get())
                .put("gone", gone.get());
        if (error != null) {
            json.put("error", error);
        }
        return json;
    }
}
