package io.ocean.webhook.store;

import io.ocean.core.OceanException;

/** A store could not do what was asked: it cannot be opened, or a read or write failed. The cause is kept. */
public class EventStoreException extends OceanException {

    /** With a message for a person. */
    public EventStoreException(String message) {
        super(message);
    }

    /** With a message for a person and the engine's error. */
    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
