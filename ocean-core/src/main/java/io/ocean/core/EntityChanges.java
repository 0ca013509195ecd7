package io.ocean.core;

import java.util.List;

/**
 * What one event (or one {@code registerRaw} call) changes in the catalog: entities to upsert and entities to
 * delete. An entity is never in both: when one event both upserts and deletes it, the upsert wins.
 *
 * @param upserts entities to create or update, in mapping order
 * @param deletes entities to delete
 */
public record EntityChanges(List<Entity> upserts, List<EntityRef> deletes) {

    /** Copies the lists. */
    public EntityChanges {
        upserts = List.copyOf(upserts);
        deletes = List.copyOf(deletes);
    }

    /** No changes. */
    public static EntityChanges none() {
        return new EntityChanges(List.of(), List.of());
    }

    /** Whether there is nothing to do. */
    public boolean isEmpty() {
        return upserts.isEmpty() && deletes.isEmpty();
    }
}
