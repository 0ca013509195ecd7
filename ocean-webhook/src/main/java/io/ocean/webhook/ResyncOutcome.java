package io.ocean.webhook;

import java.time.Instant;
import java.util.List;

/**
 * How one resync went: what {@link Ocean#resync()}'s future completes with.
 *
 * @param status    how it ended
 * @param trigger   what started it: {@code start}, {@code schedule}, {@code code} or {@code port}
 * @param startedAt when it started
 * @param endedAt   when it ended
 * @param kinds     per kind, in the order of the port app config's resources
 * @param deletions per blueprint owned before the resync
 * @param errors    what failed, one line each
 */
public record ResyncOutcome(ResyncStatus status, String trigger, Instant startedAt, Instant endedAt,
                            List<ResyncKindStats> kinds, List<ResyncDeletion> deletions, List<String> errors) {

    /** Copies the lists. */
    public ResyncOutcome {
        kinds = List.copyOf(kinds);
        deletions = List.copyOf(deletions);
        errors = List.copyOf(errors);
    }

    /** The stats of a kind, or null when the resync did not run it. */
    public ResyncKindStats kind(String kind) {
        return kinds.stream().filter(k -> k.kind().equals(kind)).findFirst().orElse(null);
    }

    /** The deletion decision for a blueprint, or null when the integration owned none of its entities. */
    public ResyncDeletion deletion(String blueprint) {
        return deletions.stream().filter(d -> d.blueprint().equals(blueprint)).findFirst().orElse(null);
    }

    /** Stale entities deleted, over every blueprint. */
    public long deleted() {
        return deletions.stream().mapToLong(ResyncDeletion::deleted).sum();
    }
}
