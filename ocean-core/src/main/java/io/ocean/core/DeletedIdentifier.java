package io.ocean.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An item that is gone, named by the identifier of its entity rather than by a raw item that the mapping's jq
 * identifier must understand: "fetch fresh; 404 means gone" needs no hand-built stub, and the delete still finds the
 * entity after someone edits the identifier mapping in Port. The entity is looked up in the resource's blueprint
 * (its mapping's {@code blueprint} expression, evaluated on {@link #lastSeen()} or on {@code {}}) and deleted only
 * if this integration owns it.
 *
 * @param identifier the identifier of the entity in Port
 * @param lastSeen   the raw item as last seen (for example the webhook's payload object), or null; when given, the
 *                   entity its mapping identifies is deleted too (the same one unless the mapping changed)
 */
public record DeletedIdentifier(String identifier, JsonNode lastSeen) {

    /** Requires a non-blank identifier; a null or JSON-null {@code lastSeen} is read as absent. */
    public DeletedIdentifier {
        Objects.requireNonNull(identifier, "identifier");
        if (identifier.isBlank()) {
            throw new IllegalArgumentException("identifier must not be blank");
        }
        lastSeen = lastSeen == null || lastSeen.isNull() || lastSeen.isMissingNode() ? null : lastSeen;
    }

    /** The item with this entity identifier is gone. */
    public static DeletedIdentifier of(String identifier) {
        return new DeletedIdentifier(identifier, null);
    }

    /** The item with this entity identifier, last seen as {@code lastSeen}, is gone. */
    public static DeletedIdentifier of(String identifier, JsonNode lastSeen) {
        return new DeletedIdentifier(identifier, lastSeen);
    }
}
