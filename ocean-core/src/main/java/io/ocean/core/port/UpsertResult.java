package io.ocean.core.port;

import java.util.List;

/**
 * What Port did with each entity of an upsert call; failures of single entities are reported here, not thrown.
 *
 * @param outcomes one per entity sent, in no particular order
 */
public record UpsertResult(List<EntityOutcome> outcomes) {

    /** Copies the list. */
    public UpsertResult {
        outcomes = List.copyOf(outcomes);
    }

    /** The entities Port stored. */
    public List<EntityOutcome> succeeded() {
        return outcomes.stream().filter(EntityOutcome::ok).toList();
    }

    /** The entities Port refused, with its reasons. */
    public List<EntityOutcome> failed() {
        return outcomes.stream().filter(o -> !o.ok()).toList();
    }
}
