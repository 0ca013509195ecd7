package io.ocean.core.internal;

import io.ocean.core.OceanException;

/**
 * Port (or the local catalog, on the same blueprint rules) refused some entities of a change; carries how many, so
 * that a resync can count them. The entities that were not refused were written.
 */
public final class RefusedEntitiesException extends OceanException {

    private final int count;

    /** {@code count} entities were refused; the message names them with the reasons. */
    public RefusedEntitiesException(int count, String message) {
        super(message);
        this.count = count;
    }

    /** How many entities were refused. */
    public int count() {
        return count;
    }
}
