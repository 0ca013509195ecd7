package io.ocean.webhook.internal.console;

import io.ocean.core.EventHeaders;
import java.time.Instant;

/**
 * One event as the console shows it. Written by the edge and the run on their own threads and read by the API, so
 * every field is guarded by the entry's monitor (never contended for long: each access is a few field writes).
 */
final class RecentEvent {

    /** The console's outcome names, as the API and its {@code outcome=} filter spell them. */
    static final String RECEIVED = "received";
    static final String QUEUED = "queued";
    static final String RETRYING = "retrying";
    static final String PROCESSED = "processed";
    static final String DEAD_LETTER = "dead-letter";

    final String traceId;
    final String path;
    final Instant receivedAt;
    private String outcome = RECEIVED;
    private String deliveryId;
    private EventHeaders headers;
    private String contentType;
    private long payloadAt = -1;
    private long payloadLength = -1;
    private String payloadNote;
    private int retry;
    private long queueNanos = -1;
    private long processingNanos = -1;
    private String reason;
    private int replays;

    RecentEvent(String traceId, String path, Instant receivedAt) {
        this.traceId = traceId;
        this.path = path;
        this.receivedAt = receivedAt;
    }

    /** A copy of the fields, taken under the monitor; the payload is where its copy starts in the arena, or -1. */
    record View(String traceId, String path, Instant receivedAt, String outcome, String deliveryId,
                EventHeaders headers, String contentType, long payloadAt, long payloadLength, String payloadNote,
                int retry, long queueNanos, long processingNanos, String reason, int replays) {
    }

    synchronized View view() {
        return new View(traceId, path, receivedAt, outcome, deliveryId, headers, contentType, payloadAt, payloadLength,
                payloadNote, retry, queueNanos, processingNanos, reason, replays);
    }

    synchronized void body(EventHeaders headers, String deliveryId, String contentType, long length) {
        this.headers = headers;
        this.deliveryId = deliveryId;
        this.contentType = contentType;
        this.payloadLength = length;
    }

    /** Where the payload's copy starts in the arena. */
    synchronized void keepPayload(long at) {
        this.payloadAt = at;
    }

    synchronized void payloadNote(String note) {
        this.payloadNote = note;
    }

    /** The edge's answer; "queued" never overwrites what the run already said (a fast worker may finish first). */
    synchronized void answered(String outcome) {
        if (!QUEUED.equals(outcome) || RECEIVED.equals(this.outcome)) {
            this.outcome = outcome;
        }
    }

    synchronized void retrying(int retry) {
        this.outcome = RETRYING;
        this.retry = retry;
    }

    synchronized void finished(long queueNanos, long processingNanos, String deadLetterReason) {
        this.queueNanos = queueNanos;
        this.processingNanos = processingNanos;
        this.reason = deadLetterReason;
        this.outcome = deadLetterReason == null ? PROCESSED : DEAD_LETTER;
    }

    /** A replay its queue refused: a dead letter again, as before. */
    synchronized void stillDeadLetter(String reason) {
        this.outcome = DEAD_LETTER;
        this.reason = reason;
    }

    synchronized void replayed() {
        this.outcome = QUEUED;
        this.retry = 0;
        this.replays++;
    }

    synchronized String outcome() {
        return outcome;
    }
}
