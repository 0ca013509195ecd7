package io.ocean.webhook.internal.resync;

import io.ocean.core.Entity;
import io.ocean.core.EntityRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entities owned when a resync began that it has not produced yet, per blueprint. The set only shrinks as
 * batches are mapped, so a resync holds what Port held before, never a copy of everything it yields. It also learns
 * which kinds produce which blueprint, so that a failed kind blocks deletion of its own blueprints only.
 */
final class StaleEntities {

    private final Map<String, Set<String>> remaining = new LinkedHashMap<>();
    private final Map<String, Integer> ownedBefore = new LinkedHashMap<>();
    private final Map<String, Set<String>> kindsOfBlueprint = new HashMap<>();
    private final Map<String, String> searchedBy = new HashMap<>();

    StaleEntities(List<EntityRef> owned) {
        for (EntityRef ref : owned) {
            remaining.computeIfAbsent(ref.blueprint(), b -> new HashSet<>()).add(ref.identifier());
        }
        remaining.forEach((blueprint, ids) -> ownedBefore.put(blueprint, ids.size()));
    }

    /** The kind's resource maps to this blueprint (known up front from a constant blueprint expression). */
    void associate(String kind, String blueprint) {
        kindsOfBlueprint.computeIfAbsent(blueprint, b -> new HashSet<>()).add(kind);
    }

    /** A resync mapped this entity: it is not stale. */
    void produced(String kind, Entity entity) {
        associate(kind, entity.blueprint());
        if (entity.hasSearchIdentifier()) {
            // which entity the search finds is Port's business: the blueprint's stale entities cannot be known
            searchedBy.putIfAbsent(entity.blueprint(), kind);
            return;
        }
        Set<String> ids = remaining.get(entity.blueprint());
        if (ids != null) {
            ids.remove(entity.identifierText());
        }
    }

    /** The blueprints owned before, in the order Port listed them. */
    Set<String> blueprints() {
        return ownedBefore.keySet();
    }

    int ownedBefore(String blueprint) {
        return ownedBefore.getOrDefault(blueprint, 0);
    }

    /** The owned entities of the blueprint no kind produced. */
    Set<String> notProduced(String blueprint) {
        return remaining.getOrDefault(blueprint, Set.of());
    }

    /** The kinds known to produce the blueprint. */
    Set<String> kindsOf(String blueprint) {
        return kindsOfBlueprint.getOrDefault(blueprint, Set.of());
    }

    /** The kind that identified entities of the blueprint by a search, or null. */
    String searchedBy(String blueprint) {
        return searchedBy.get(blueprint);
    }
}
