package io.ocean.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One resource of the port app config: a kind of third-party item, the selector that picks which items to
 * sync, and how they map to entities.
 *
 * @param kind     the kind of item, such as {@code issue}; processors name it in {@code getMatchingKinds}
 * @param selector which items to sync
 * @param port     how items map to Port entities
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceConfig(String kind, Selector selector, PortResourceConfig port) {

    /** Requires a kind and a port mapping; a missing selector selects everything. */
    @JsonCreator
    public ResourceConfig(@JsonProperty("kind") String kind,
                          @JsonProperty("selector") Selector selector,
                          @JsonProperty("port") PortResourceConfig port) {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("kind is required");
        }
        this.kind = kind;
        this.selector = selector == null ? Selector.all() : selector;
        this.port = Objects.requireNonNull(port, "port is required");
    }
}
