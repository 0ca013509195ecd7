package io.ocean.core;

import java.util.Objects;

/**
 * The key of an entity in Port: its blueprint and identifier.
 *
 * @param blueprint  the blueprint identifier
 * @param identifier the entity identifier
 */
public record EntityRef(String blueprint, String identifier) {

    /** Requires both parts. */
    public EntityRef {
        Objects.requireNonNull(blueprint, "blueprint");
        Objects.requireNonNull(identifier, "identifier");
    }

    /** The key of an entity with a string identifier. */
    public static EntityRef of(Entity entity) {
        return new EntityRef(entity.blueprint(), entity.identifierText());
    }
}
