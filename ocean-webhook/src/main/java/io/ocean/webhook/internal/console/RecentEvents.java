package io.ocean.webhook.internal.console;

import io.ocean.core.EntityChanges;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.webhook.DeadLetter;
import io.ocean.webhook.internal.run.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's recorder: the most recent events of each path in a bounded ring, found by trace id, with their raw
 * payloads copied into a fixed arena (the newest overwrite the oldest; a payload over a sixteenth of it is not
 * kept), plus the rates and entity changes. Recording takes one short lock for the ring and one for the arena;
 * updates of an event touch only that event. Nothing recorded holds the event or its parsed tree, and JSON is
 * parsed only when the API reads.
 */
public final class RecentEvents implements ConsoleRecorder {

    private static final List<String> DELIVERY_HEADERS = List.of("X-GitHub-Delivery", "Idempotency-Key",
            "X-Gitlab-Event-UUID", "X-Atlassian-Webhook-Identifier", "webhook-id", "svix-id", "X-Request-Id");

    private final int perPath;
    private final long payloadLimit;
    private final Clock clock;
    private final Object lock = new Object();
    private final Map<String, ArrayDeque<RecentEvent>> rings = new LinkedHashMap<>();
    private final Map<String, RecentEvent> byTraceId = new ConcurrentHashMap<>();
    private final PayloadArena payloads;
    private final EventRates rates;
    private final RecentChanges changes;

    /** Keeps {@code perPath} events per path and the newest {@code payloadBytes} bytes of payloads. */
    public RecentEvents(int perPath, int payloadBytes, Clock clock) {
        this.perPath = perPath;
        this.payloadLimit = payloadBytes / 16;
        this.clock = clock;
        this.payloads = new PayloadArena(payloadBytes);
        this.rates = new EventRates(clock);
        this.changes = new RecentChanges(perPath);
    }

    @Override
    public void received(WebhookEvent event) {
        RecentEvent entry = new RecentEvent(event.traceId(), event.path(), event.receivedAt());
        EventHeaders headers = event.headers();
        int length = event.rawBodyLength();
        entry.body(headers, deliveryId(headers), headers.get("Content-Type"), length);
        if (length > payloadLimit) {
            entry.payloadNote("payload not kept: " + length + " bytes, over the console's limit of " + payloadLimit
                    + " bytes per event (console.payloadBytes / 16)");
        } else {
            entry.keepPayload(payloads.put(event.rawBody()));
        }
        synchronized (lock) {
            add(entry);
        }
    }
    @Override
    public void answered(String traceId, String path, Outcome outcome) {
        rates.count(EventRates.Series.RECEIVED);
        RecentEvent entry = byTraceId.get(traceId);
        if (entry == null) {
            // refused before it was parsed (413, 415, unreadable body, shutting down): no payload, no headers
            entry = new RecentEvent(traceId, path, clock.instant());
            synchronized (lock) {
                add(entry);
            }
        }
        entry.answered(name(outcome));
    }

    @Override
    public void retrying(String traceId, int retry) {
        RecentEvent entry = byTraceId.get(traceId);
        if (entry != null) {
            entry.retrying(retry);
        }
    }

    @Override
    public void finished(String traceId, long queueNanos, long processingNanos, String deadLetterReason) {
        rates.count(deadLetterReason == null ? EventRates.Series.PROCESSED : EventRates.Series.DEAD_LETTERED);
        RecentEvent entry = byTraceId.get(traceId);
        if (entry != null) {
            entry.finished(queueNanos, processingNanos, deadLetterReason);
        }
    }

    @Override
    public void changed(String traceId, EntityChanges applied) {
        changes.add(traceId, applied, clock.instant());
    }

    /** Marks a dead letter as queued again; one that left the ring comes back from the dead letter's event. */
    void replayed(DeadLetter letter) {
        RecentEvent entry = byTraceId.get(letter.traceId());
        if (entry == null) {
            received(letter.event());
            entry = byTraceId.get(letter.traceId());
        }
        if (entry != null) {
            entry.replayed();
        }
    }

    /** Marks a replay that its queue refused: the event is a dead letter again (not counted as a new one). */
    void replayRefused(String traceId, String reason) {
        RecentEvent entry = byTraceId.get(traceId);
        if (entry != null) {
            entry.stillDeadLetter(reason);
        }
    }

    /** The event with this trace id, if still held. */
    RecentEvent.View get(String traceId) {
        RecentEvent entry = byTraceId.get(traceId);
        return entry == null ? null : entry.view();
    }

    /** The newest first, at most {@code limit}; each filter applies when not null. */
    List<RecentEvent.View> newest(String path, String outcome, String text, int limit) {
        List<RecentEvent> candidates = new ArrayList<>();
        synchronized (lock) {
            rings.forEach((onPath, ring) -> {
                if (path == null || path.equals(onPath)) {
                    candidates.addAll(ring);
                }
            });
        }
        return candidates.stream().map(RecentEvent::view)
                .filter(view -> outcome == null || outcome.equals(view.outcome()))
                .filter(view -> text == null || matches(view, payload(view), text))
                .sorted(Comparator.comparing(RecentEvent.View::receivedAt).reversed())
                .limit(limit)
                .toList();
    }

    /** How many events are held, and how many payload bytes. */
    long[] held() {
        return new long[] {byTraceId.size(), payloads.held()};
    }

    /** The event's payload, or null when it was not kept or newer payloads have overwritten it. */
    byte[] payload(RecentEvent.View view) {
        return view.payloadAt() < 0 ? null : payloads.get(view.payloadAt(), (int) view.payloadLength());
    }

    /** Why the event's payload is not shown, or null when it is. */
    String payloadNote(RecentEvent.View view, byte[] payload) {
        if (view.payloadNote() != null || payload != null || view.payloadAt() < 0) {
            return view.payloadNote();
        }
        return "payload dropped: newer payloads filled console.payloadBytes (" + payloads.capacity() + " bytes)";
    }

    /** The paths that have had events. */
    List<String> paths() {
        synchronized (lock) {
            return List.copyOf(rings.keySet());
        }
    }

    EventRates.Snapshot rates() {
        return rates.snapshot();
    }

    RecentChanges changes() {
        return changes;
    }

    private void add(RecentEvent entry) {
        ArrayDeque<RecentEvent> ring = rings.computeIfAbsent(entry.path, p -> new ArrayDeque<>());
        if (ring.size() >= perPath) {
            RecentEvent evicted = ring.pollFirst();
            byTraceId.remove(evicted.traceId, evicted);
        }
        ring.addLast(entry);
        byTraceId.put(entry.traceId, entry);
    }

    private static boolean matches(RecentEvent.View view, byte[] payload, String text) {
        if (Text.contains(view.traceId(), text) || Text.contains(view.deliveryId(), text)
                || Text.contains(view.path(), text) || Text.contains(view.reason(), text)) {
            return true;
        }
        return payload != null && Text.contains(new String(payload, StandardCharsets.UTF_8), text);
    }

    private static String deliveryId(EventHeaders headers) {
        for (String name : DELIVERY_HEADERS) {
            String value = headers.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The console's name of an edge outcome. */
    static String name(Outcome outcome) {
        return switch (outcome) {
            case QUEUED -> RecentEvent.QUEUED;
            case REJECTED_FULL, REJECTED_STORE, REJECTED_STOPPING -> "rejected";
            case DEAD_LETTERED -> RecentEvent.DEAD_LETTER;
            default -> outcome.tag();
        };
    }

    /** The recorder's clock, now. */
    Instant now() {
        return clock.instant();
    }
}
