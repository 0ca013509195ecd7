package io.ocean.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The {@code port.entity} part of a resource, which holds the mappings.
 *
 * @param mappings jq expressions for each entity field
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EntityConfig(EntityMapping mappings) {

    /** Requires the mappings. */
    @JsonCreator
    public EntityConfig(@JsonProperty("mappings") EntityMapping mappings) {
        this.mappings = Objects.requireNonNull(mappings, "mappings is required");
    }
}
