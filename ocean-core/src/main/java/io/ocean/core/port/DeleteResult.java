package io.ocean.core.port;

import io.ocean.core.EntityRef;
import java.util.List;

/**
 * What a delete of owned entities did.
 *
 * @param deleted  entities this integration owned and Port deleted (or that were already gone)
 * @param notOwned entities left alone: absent, or written by another integration
 */
public record DeleteResult(List<EntityRef> deleted, List<EntityRef> notOwned) {

    /** Copies the lists. */
    public DeleteResult {
        deleted = List.copyOf(deleted);
        notOwned = List.copyOf(notOwned);
    }
}
