package io.ocean.webhook.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.internal.Json;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStoreException;
import io.ocean.webhook.store.StoredEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Moves the state files of Ocean before the event store — {@code pending.jsonl} (events saved at stop) and
 * {@code dead-letters.jsonl} — into the store, once: each file is read line by line (never whole: a dead-letter file
 * of 178 MB must not need 178 MB of heap), its events {@link EventStore#restoreAll restored} in small batches, and
 * the file renamed {@code *.imported}. A line that cannot be read (a torn last line) is skipped with a warning.
 *
 * <p>An event already in the store (same trace id) is not imported again, so a crash between the import and the
 * rename imports nothing twice.
 */
public final class LegacyImport {

    /** The file of events saved at stop by Ocean before the store. */
    public static final String PENDING = "pending.jsonl";
    /** The file of dead letters of Ocean before the store. */
    public static final String DEAD_LETTERS = "dead-letters.jsonl";
    /** What an imported file is renamed to: its name plus this. */
    public static final String IMPORTED_SUFFIX = ".imported";

    private static final Logger log = LoggerFactory.getLogger(LegacyImport.class);
    private static final int BATCH_EVENTS = 256;
    // Small enough that a batch of large bodies, with the copies the writer makes of them, fits a small heap next
    // to the line being read (the 48 MiB import test ran out of memory now and then at 8 MiB).
    private static final long BATCH_BYTES = 4L * 1024 * 1024;

    /** How the importer gives a legacy event, which had neither, its group key and delivery id. */
    public interface Keying {

        /** Events of one path, one key: run in file order. */
        Keying NONE = event -> "";

        /** The group key of the event (as the path's {@code groupBy} would compute it); {@code ""} for none. */
        String groupKey(StoredEvent event);

        /** The delivery id the path deduplicates by, or null. */
        default String deliveryId(StoredEvent event) {
            return null;
        }
    }

    /**
     * What was imported.
     *
     * @param pending     events queued again from {@code pending.jsonl}
     * @param deadLetters dead letters from {@code dead-letters.jsonl}
     * @param skipped     lines that could not be read, and events already in the store
     */
    public record Result(int pending, int deadLetters, int skipped) {

        /** Nothing to import. */
        public static final Result NONE = new Result(0, 0, 0);
    }

    private LegacyImport() {
    }

    /** Imports with every event of a path in one group key, in file order, and no delivery ids. */
    public static Result run(Path stateDir, EventStore store) {
        return run(stateDir, store, Keying.NONE);
    }

    /**
     * Imports the legacy files of {@code stateDir} into the open store, if there are any, and renames them
     * {@code *.imported}. Call after {@link EventStore#open} and before the runtime claims events.
     *
     * @throws EventStoreException when a file cannot be read or renamed; what was restored stays
     */
    public static Result run(Path stateDir, EventStore store, Keying keying) {
        Path pendingFile = stateDir.resolve(PENDING);
        Path deadFile = stateDir.resolve(DEAD_LETTERS);
        int[] skipped = {0};
        int pending = 0;
        int dead = 0;
        if (Files.exists(deadFile)) {
            dead = importDeadLetters(deadFile, store, keying, skipped);
            markImported(deadFile);
        }
        if (Files.exists(pendingFile)) {
            pending = importPending(pendingFile, store, keying, skipped);
            markImported(pendingFile);
        }
        Result result = new Result(pending, dead, skipped[0]);
        if (!result.equals(Result.NONE)) {
            log.info("imported the state files of an earlier Ocean from {}: {} pending events, {} dead letters, "
                    + "{} skipped", stateDir, pending, dead, skipped[0]);
        }
        return result;
    }

    private static int importPending(Path file, EventStore store, Keying keying, int[] skipped) {
        Batch batch = new Batch(store);
        forEachLine(file, (number, json, last) -> {
            StoredEvent event = decode(json, file, number);
            if (event == null) {
                skipped[0]++;
                return;
            }
            StoredEvent keyed = keyed(event, keying);
            if (store.find(keyed.traceId()).isPresent()) {
                skipped[0]++;
                return;
            }
            batch.add(keyed);
        }, skipped);
        return batch.finish();
    }

    /**
     * Dead letters are a log: a letter line, later perhaps a {@code removed} line for the same trace id (replayed or
     * evicted), perhaps the letter again. A first pass remembers only which line holds each trace id's last word;
     * the second restores the letters whose last word is a letter, in that order.
     */
    private static int importDeadLetters(Path file, EventStore store, Keying keying, int[] skipped) {
        Map<String, Long> lastLine = new HashMap<>();
        Map<String, Boolean> lastIsLetter = new LinkedHashMap<>();
        forEachLine(file, (number, json, last) -> {
            String traceId = json.path("traceId").asText(null);
            if (traceId == null) {
                return;
            }
            lastLine.put(traceId, number);
            lastIsLetter.put(traceId, !json.has("removed"));
        }, new int[1]);
        Batch batch = new Batch(store);
        forEachLine(file, (number, json, last) -> {
            String traceId = json.path("traceId").asText(null);
            if (traceId == null || !Boolean.TRUE.equals(lastIsLetter.get(traceId))
                    || lastLine.get(traceId) != number) {
                return;
            }
            StoredEvent event = decode(json.path("event"), file, number);
            if (event == null) {
                skipped[0]++;
                return;
            }
            Instant failedAt = instantOr(json.path("failedAt"), event.receivedAt());
            StoredEvent letter = keyed(event, keying).with(EventState.DEAD, json.path("attempts").asInt(0),
                    event.receivedAt(), json.path("reason").asText("failed before the event store existed"),
                    failedAt);
            if (store.find(letter.traceId()).isPresent()) {
                skipped[0]++;
                return;
            }
            batch.add(letter);
        }, skipped);
        return batch.finish();
    }

    @FunctionalInterface
    private interface LineHandler {
        void handle(long number, JsonNode json, boolean last);
    }

    /** Every line that is a JSON object, read one at a time; others are counted in {@code skipped} and logged. */
    private static void forEachLine(Path file, LineHandler handler, int[] skipped) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            String line = reader.readLine();
            while (line != null) {
                number++;
                String next = reader.readLine();
                if (!line.isBlank()) {
                    JsonNode json = parse(line);
                    if (json == null) {
                        skipped[0]++;
                        log.warn("{} line {} is not a JSON object{}; skipped", file, number,
                                next == null ? " (a torn last line, written when the process died)" : "");
                    } else {
                        handler.handle(number, json, next == null);
                    }
                }
                line = next;
            }
        } catch (IOException e) {
            throw new EventStoreException("cannot read " + file + " to import it: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode json = Json.MAPPER.readTree(line);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A queued event from the old event JSON, or null (logged) when it is not one. */
    private static StoredEvent decode(JsonNode json, Path file, long number) {
        String traceId = json.path("traceId").asText(null);
        try {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            json.path("headers").fields().forEachRemaining(field -> {
                List<String> values = new ArrayList<>();
                field.getValue().forEach(value -> values.add(value.asText()));
                headers.put(field.getKey(), values);
            });
            byte[] body = Base64.getDecoder().decode(json.path("body").asText(""));
            Instant receivedAt = Instant.parse(text(json, "receivedAt"));
            return new StoredEvent(0, text(json, "traceId"), text(json, "path"), "", null, receivedAt, headers, body,
                    0, receivedAt, EventState.QUEUED, null, null);
        } catch (RuntimeException e) {
            try (MDC.MDCCloseable trace = MDC.putCloseable("traceId", traceId == null ? "-" : traceId)) {
                log.warn("{} line {} is not an event ({}); skipped", file, number, e.getMessage());
            }
            return null;
        }
    }

    private static StoredEvent keyed(StoredEvent event, Keying keying) {
        String groupKey = keying.groupKey(event);
        String deliveryId = keying.deliveryId(event);
        return new StoredEvent(event.id(), event.traceId(), event.path(), groupKey == null ? "" : groupKey,
                deliveryId, event.receivedAt(), event.headers(), event.body(), event.attempts(),
                event.nextAttemptAt(), event.state(), event.lastError(), event.failedAt());
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value.asText();
    }

    private static Instant instantOr(JsonNode value, Instant otherwise) {
        try {
            return value.isTextual() ? Instant.parse(value.asText()) : otherwise;
        } catch (RuntimeException e) {
            return otherwise;
        }
    }

    private static void markImported(Path file) {
        Path imported = file.resolveSibling(file.getFileName() + IMPORTED_SUFFIX);
        try {
            Files.move(file, imported, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EventStoreException("imported " + file + " but cannot rename it to " + imported + ": "
                    + e.getMessage() + "; rename or remove it before the next start", e);
        }
    }

    /** Events restored together, bounded by count and bytes so the import's heap stays small. */
    private static final class Batch {
        private final EventStore store;
        private final List<StoredEvent> events = new ArrayList<>();
        private final java.util.Set<String> traceIds = new java.util.HashSet<>();
        private long bytes;
        private int restored;

        Batch(EventStore store) {
            this.store = store;
        }

        /** Adds the event unless this batch has its trace id already (the store has the earlier batches). */
        void add(StoredEvent event) {
            if (!traceIds.add(event.traceId())) {
                return;
            }
            events.add(event);
            bytes += event.body().length;
            if (events.size() >= BATCH_EVENTS || bytes >= BATCH_BYTES) {
                flush();
            }
        }

        int finish() {
            flush();
            return restored;
        }

        private void flush() {
            if (events.isEmpty()) {
                return;
            }
            store.restoreAll(List.copyOf(events));
            restored += events.size();
            events.clear();
            traceIds.clear();
            bytes = 0;
        }
    }
}
