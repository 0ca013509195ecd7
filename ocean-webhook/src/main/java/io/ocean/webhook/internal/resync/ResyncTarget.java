package io.ocean.webhook.internal.resync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.Entity;
import io.ocean.core.EntityRef;
import io.ocean.core.config.PortAppConfig;
import java.util.List;
import java.util.function.Predicate;

/** Where a resync's entities live: Port, the local catalog, or a sink set in code. */
interface ResyncTarget {

    /** The port app config as it is now (read fresh from Port when it comes from there). */
    PortAppConfig freshConfig() throws Exception;

    /** The entities this integration owns now, or null when the target cannot tell (then nothing is deleted). */
    List<EntityRef> owned() throws Exception;

    /**
     * Which entities of a batch the target already holds exactly as mapped, so that writing them would change
     * nothing; asked once per batch.
     */
    Predicate<Entity> unchanged(List<Entity> batch, PortAppConfig config) throws Exception;

    /** Reports a resync state ({@code status}, {@code lastResyncStart}, ...); failures are logged, not thrown. */
    void report(ObjectNode state);

    /** After a resync that deleted stale entities. */
    default void afterDeletion() {
    }
}
