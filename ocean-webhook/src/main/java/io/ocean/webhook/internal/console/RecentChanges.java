package io.ocean.webhook.internal.console;

import io.ocean.core.Entity;
import io.ocean.core.EntityChanges;
import io.ocean.core.EntityRef;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The entities this integration upserted and deleted lately, each with the trace id of its event; bounded. */
final class RecentChanges {

    /**
     * One applied change.
     *
     * @param entity the entity upserted, or null for a delete
     */
    record Change(String op, String blueprint, String identifier, String traceId, Instant at, Entity entity) {
    }

    private final int capacity;
    private final ArrayDeque<Change> changes = new ArrayDeque<>();

    RecentChanges(int capacity) {
        this.capacity = capacity;
    }

    /** Records every change of one event; an event with more changes than the capacity keeps its last ones. */
    synchronized void add(String traceId, EntityChanges applied, Instant at) {
        for (Entity entity : applied.upserts()) {
            push(new Change("upsert", entity.blueprint(), entity.identifierText(), traceId, at, entity));
        }
        for (EntityRef ref : applied.deletes()) {
            push(new Change("delete", ref.blueprint(), ref.identifier(), traceId, at, null));
        }
    }

    private void push(Change change) {
        if (changes.size() >= capacity) {
            changes.pollFirst();
        }
        changes.addLast(change);
    }

    /** The newest first, at most {@code limit}, matching the blueprint (when given) and the text (when given). */
    synchronized List<Change> newest(String blueprint, String text, int limit) {
        List<Change> out = new ArrayList<>();
        var it = changes.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            Change change = it.next();
            if ((blueprint == null || blueprint.equals(change.blueprint()))
                    && (text == null || Text.contains(change.identifier(), text))) {
                out.add(change);
            }
        }
        return out;
    }

    /** The changes made by one event, oldest first. */
    synchronized List<Change> of(String traceId) {
        return changes.stream().filter(change -> change.traceId().equals(traceId)).toList();
    }
}
