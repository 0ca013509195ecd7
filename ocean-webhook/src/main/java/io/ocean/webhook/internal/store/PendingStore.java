package io.ocean.webhook.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.WebhookEvent;
import io.ocean.core.internal.JsonLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Events still queued when the drain window ran out, saved to {@code pending.jsonl} for the next start. */
public final class PendingStore {

    /** The file name inside the state directory. */
    public static final String FILE = "pending.jsonl";

    private static final Logger log = LoggerFactory.getLogger(PendingStore.class);

    private final Path file;

    /** A store backed by {@code stateDir/pending.jsonl}. */
    public PendingStore(Path stateDir) {
        this.file = stateDir.resolve(FILE);
    }

    /** Appends the events, in order, to what is already saved. */
    public void save(List<WebhookEvent> events) {
        events.forEach(event -> JsonLines.append(file, EventCodec.toJson(event)));
    }

    /** Reads the saved events in order; {@link #clear()} once they are queued again. */
    public List<WebhookEvent> load() {
        List<WebhookEvent> events = new ArrayList<>();
        for (JsonNode line : JsonLines.read(file)) {
            try {
                events.add(EventCodec.fromJson(line));
            } catch (RuntimeException e) {
                log.error("a saved event in {} cannot be read and is skipped: {} (traceId={})", file, e.getMessage(),
                        line.path("traceId").asText("?"));
            }
        }
        return events;
    }

    /** Empties the file. */
    public void clear() {
        JsonLines.delete(file);
    }
}
