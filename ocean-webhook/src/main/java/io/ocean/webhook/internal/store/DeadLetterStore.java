package io.ocean.webhook.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.internal.Json;
import io.ocean.core.internal.JsonLines;
import io.ocean.webhook.DeadLetter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters, oldest first, bounded; each one appended to {@code dead-letters.jsonl} as it arrives, and a
 * {@code {"traceId":..,"removed":..}} line when it is replayed or evicted. The file is folded and compacted at load.
 */
public final class DeadLetterStore {

    /** The file name inside the state directory. */
    public static final String FILE = "dead-letters.jsonl";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterStore.class);

    private final Path file;
    private final int capacity;
    private final Map<String, DeadLetter> byTraceId = new LinkedHashMap<>();

    /** Creates an empty store backed by {@code stateDir/dead-letters.jsonl}. */
    public DeadLetterStore(Path stateDir, int capacity) {
        this.file = stateDir.resolve(FILE);
        this.capacity = capacity;
    }

    /** Loads what an earlier run left, and compacts the file to exactly that. */
    public synchronized int load() {
        Map<String, DeadLetter> loaded = new LinkedHashMap<>();
        for (JsonNode line : JsonLines.read(file)) {
            String traceId = line.path("traceId").asText(null);
            if (traceId == null) {
                continue;
            }
            if (line.has("removed")) {
                loaded.remove(traceId);
                continue;
            }
            try {
                loaded.put(traceId, decode(line));
            } catch (RuntimeException e) {
                log.warn("dead letter {} in {} cannot be read and is dropped: {}", traceId, file, e.getMessage());
            }
        }
        byTraceId.clear();
        loaded.values().forEach(letter -> byTraceId.put(letter.traceId(), letter));
        while (byTraceId.size() > capacity) {
            evictOldest();
        }
        if (java.nio.file.Files.exists(file)) {
            JsonLines.rewrite(file, byTraceId.values().stream().map(DeadLetterStore::encode).toList());
        }
        return byTraceId.size();
    }

    /** Adds a dead letter, evicting the oldest when full. */
    public synchronized void add(DeadLetter letter) {
        if (byTraceId.size() >= capacity && !byTraceId.containsKey(letter.traceId())) {
            evictOldest();
        }
        byTraceId.put(letter.traceId(), letter);
        JsonLines.append(file, encode(letter));
    }

    /** Removes and returns the dead letter, or null when unknown. */
    public synchronized DeadLetter remove(String traceId, String why) {
        DeadLetter letter = byTraceId.remove(traceId);
        if (letter != null) {
            JsonLines.append(file, tombstone(traceId, why));
        }
        return letter;
    }

    /** Every dead letter held, oldest first. */
    public synchronized List<DeadLetter> all() {
        return List.copyOf(new ArrayList<>(byTraceId.values()));
    }

    /** How many are held. */
    public synchronized int size() {
        return byTraceId.size();
    }

    private void evictOldest() {
        Iterator<DeadLetter> oldest = byTraceId.values().iterator();
        DeadLetter evicted = oldest.next();
        oldest.remove();
        JsonLines.append(file, tombstone(evicted.traceId(), "evicted"));
        log.warn("dead letters are at capacity ({}); evicted the oldest, traceId={}", capacity, evicted.traceId());
    }

    private static ObjectNode tombstone(String traceId, String why) {
        return Json.MAPPER.createObjectNode().put("traceId", traceId).put("removed", why);
    }

    private static ObjectNode encode(DeadLetter letter) {
        ObjectNode json = Json.MAPPER.createObjectNode()
                .put("traceId", letter.traceId())
                .put("path", letter.path())
                .put("reason", letter.reason())
                .put("attempts", letter.attempts())
                .put("failedAt", letter.failedAt().toString());
        json.set("event", EventCodec.toJson(letter.event()));
        return json;
    }

    private static DeadLetter decode(JsonNode json) {
        return new DeadLetter(json.path("traceId").asText(), json.path("path").asText(), json.path("reason").asText(),
                json.path("attempts").asInt(), Instant.parse(json.path("failedAt").asText()),
                EventCodec.fromJson(json.path("event")));
    }
}
