package io.ocean.webhook;

import java.time.Duration;

/**
 * What a resync did for one kind.
 *
 * @param kind      the kind, as in the port app config
 * @param items     raw items the handlers yielded
 * @param upserted  entities written to the catalog
 * @param unchanged entities left alone because the catalog already held them as mapped
 * @param superseded entities not written because a live event changed them after their batch was pulled
 * @param deleted   stale entities deleted from the kind's blueprints
 * @param errors    handler failures, mapping errors and entities the catalog refused
 * @param duration  from the kind's first handler call to its last applied batch
 * @param error     the first error's message, or null
 */
public record ResyncKindStats(String kind, long items, long upserted, long unchanged, long superseded, long deleted,
                              long errors, Duration duration, String error) {

    /** Whether the kind finished without error (and so may delete stale entities of its blueprints). */
    public boolean succeeded() {
        return errors == 0;
    }
}
