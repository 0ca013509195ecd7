package io.ocean.webhook.internal.resync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.Entity;
import io.ocean.core.EntityRef;
import io.ocean.core.config.PortAppConfig;
import java.util.List;

/** Where a resync's entities live: Port, the local catalog, or a sink set in code. */
interface ResyncTarget {

    /** The port app config as it is now (read fresh from Port when it comes from there). */
    PortAppConfig freshConfig() throws Exception;

    /** The entities this integration owns now, or null when the target cannot tell (then nothing is deleted). */
    List<EntityRef> owned() throws Exception;

    /** Whether the target already holds {@code entity} exactly as mapped, so writing it would change nothing. */
    boolean holds(Entity entity, PortAppConfig config);

    /** Reports a resync state ({@code status}, {@code lastResyncStart}, ...); failures are logged, not thrown. */
    void report(ObjectNode state);

    /** After a resync that deleted stale entities. */
    default void afterDeletion() {
    }
}
