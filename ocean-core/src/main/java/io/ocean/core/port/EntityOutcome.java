package io.ocean.core.port;

import io.ocean.core.Entity;

/**
 * What Port did with one entity of an upsert.
 *
 * @param entity  the entity sent
 * @param ok      whether Port stored it
 * @param created whether it was new
 * @param status  Port's status for this entity (200 when ok)
 * @param error   Port's error code, or null
 * @param message Port's message, or null
 */
public record EntityOutcome(Entity entity, boolean ok, boolean created, int status, String error, String message) {
}
