package io.ocean.webhook.internal.port;

import io.ocean.core.OceanException;

/** Port refused some entities of a change; carries how many, so that a resync can count them. */
public final class RefusedEntitiesException extends OceanException {

    private final int count;

    /** {@code count} entities were refused; the message names them with Port's reasons. */
    public RefusedEntitiesException(int count, String message) {
        super(message);
        this.count = count;
    }

    /** How many entities Port refused. */
    public int count() {
        return count;
    }
}
