package io.ocean.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The {@code port} part of a resource: the entity mapping, and optionally {@code itemsToParse}, a jq
 * expression that expands each raw item into one item per element of an array.
 *
 * @param entity                        the entity mapping
 * @param itemsToParse                  jq yielding an array to expand, or null
 * @param itemsToParseName              the name each element is bound to, {@code item} by default
 * @param itemsToParseTopLevelTransform whether the expanded array is removed from the parent item
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortResourceConfig(EntityConfig entity,
                                 String itemsToParse,
                                 String itemsToParseName,
                                 boolean itemsToParseTopLevelTransform) {

    /** The default {@link #itemsToParseName()}. */
    public static final String DEFAULT_ITEMS_TO_PARSE_NAME = "item";

    /** Requires the entity mapping and fills the defaults. */
    public PortResourceConfig {
        Objects.requireNonNull(entity, "entity is required");
        itemsToParseName = itemsToParseName == null || itemsToParseName.isBlank()
                ? DEFAULT_ITEMS_TO_PARSE_NAME : itemsToParseName;
    }

    /** A port section with only an entity mapping. */
    public static PortResourceConfig of(EntityMapping mappings) {
        return new PortResourceConfig(new EntityConfig(mappings), null, null, true);
    }

    @JsonCreator
    static PortResourceConfig fromJson(@JsonProperty("entity") EntityConfig entity,
                                       @JsonProperty("itemsToParse") String itemsToParse,
                                       @JsonProperty("itemsToParseName") String itemsToParseName,
                                       @JsonProperty("itemsToParseTopLevelTransform") Boolean topLevelTransform) {
        return new PortResourceConfig(entity, itemsToParse, itemsToParseName,
                topLevelTransform == null || topLevelTransform);
    }
}
