package io.ocean.jq;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.config.ResourceConfig;
import io.ocean.jq.internal.MappingReads;
import io.ocean.jq.internal.ResourceMapper;
import java.util.List;
import java.util.Objects;

/**
 * Turns raw third-party items into Port entities with a resource's jq mappings, as the Python framework does:
 * {@code itemsToParse}, then the selector, then every mapping field. Thread-safe; each distinct expression is
 * compiled once and shared.
 *
 * <pre>{@code
 * JqEntityMapper mapper = JqEntityMapper.create();
 * MappingResult result = mapper.map(resourceConfig, List.of(issueJson));
 * result.passed();   // entities to upsert
 * }</pre>
 */
public final class JqEntityMapper {

    private final ResourceMapper mapper;
    private final MappingOptions options;

    private JqEntityMapper(MappingOptions options) {
        this.options = options;
        this.mapper = new ResourceMapper(options.allowEnvironmentVariables(), options.itemTimeout());
    }

    /** A mapper with {@link MappingOptions#DEFAULTS}. */
    public static JqEntityMapper create() {
        return create(MappingOptions.DEFAULTS);
    }

    /** A mapper with the given options. */
    public static JqEntityMapper create(MappingOptions options) {
        return new JqEntityMapper(Objects.requireNonNull(options, "options"));
    }

    /**
     * Maps the items with the resource's config. Never throws for a bad expression or item: those become
     * {@link MappingResult#errors()}; an item whose selector fails is in neither list.
     */
    public MappingResult map(ResourceConfig resource, List<JsonNode> items) {
        return mapper.map(resource, items);
    }

    /**
     * A reader of items for this resource that keeps only the fields its selector and mappings can observe, so a
     * large item is not built whole to read eight fields of it; it reads items whole when a mapping uses
     * {@code itemsToParse} or a construct whose reads it cannot bound (a bare {@code .}, variables, ...).
     */
    public ItemReader reader(ResourceConfig resource) {
        return new ItemReader(MappingReads.of(resource));
    }

    /** The options this mapper runs with. */
    public MappingOptions options() {
        return options;
    }
}
