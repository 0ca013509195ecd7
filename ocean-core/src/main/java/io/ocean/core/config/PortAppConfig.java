package io.ocean.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ocean.core.OceanException;
import io.ocean.core.internal.ConfigReader;
import java.nio.file.Path;
import java.util.List;

/**
 * The port app config: which resource kinds an integration syncs and how each becomes Port entities. Read from
 * YAML or JSON with {@link #fromYaml(String)} or {@link #load(Path)}, with the Python framework's field names.
 *
 * @param enableMergeEntity            merge properties into existing entities instead of replacing them
 * @param deleteDependentEntities      delete entities that depend on a deleted one
 * @param createMissingRelatedEntities create related entities that do not exist yet
 * @param entityDeletionThreshold      the largest fraction of entities a resync may delete, 0 to 1
 * @param resources                    the resource configs, in file order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortAppConfig(boolean enableMergeEntity,
                            boolean deleteDependentEntities,
                            boolean createMissingRelatedEntities,
                            double entityDeletionThreshold,
                            List<ResourceConfig> resources) {

    /** The default {@link #entityDeletionThreshold()}. */
    public static final double DEFAULT_ENTITY_DELETION_THRESHOLD = 0.9;

    /** Validates the threshold and copies the resources. */
    public PortAppConfig {
        if (!(entityDeletionThreshold >= 0 && entityDeletionThreshold <= 1)) {
            throw new IllegalArgumentException("entityDeletionThreshold must be between 0 and 1, got " + entityDeletionThreshold);
        }
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    @JsonCreator
    static PortAppConfig fromJson(@JsonProperty("enableMergeEntity") Boolean enableMergeEntity,
                                  @JsonProperty("deleteDependentEntities") Boolean deleteDependentEntities,
                                  @JsonProperty("createMissingRelatedEntities") Boolean createMissingRelatedEntities,
                                  @JsonProperty("entityDeletionThreshold") Double entityDeletionThreshold,
                                  @JsonProperty("resources") List<ResourceConfig> resources) {
        return new PortAppConfig(
                enableMergeEntity == null || enableMergeEntity,
                deleteDependentEntities == null || deleteDependentEntities,
                createMissingRelatedEntities == null || createMissingRelatedEntities,
                entityDeletionThreshold == null ? DEFAULT_ENTITY_DELETION_THRESHOLD : entityDeletionThreshold,
                resources);
    }

    /** A config with the given resources and every flag at its default. */
    public static PortAppConfig of(List<ResourceConfig> resources) {
        return new PortAppConfig(true, true, true, DEFAULT_ENTITY_DELETION_THRESHOLD, resources);
    }

    /** A config with no resources. */
    public static PortAppConfig empty() {
        return of(List.of());
    }

    /**
     * Parses a YAML (or JSON) document. Unknown fields are ignored.
     *
     * @throws OceanException naming the field and line when the document is broken
     */
    public static PortAppConfig fromYaml(String yaml) {
        return ConfigReader.read(yaml, "port app config");
    }

    /**
     * Reads and parses a YAML (or JSON) file.
     *
     * @throws OceanException naming the file, field and line when it cannot be read or is broken
     */
    public static PortAppConfig load(Path file) {
        return ConfigReader.read(file);
    }

    /** The resources of the given kind, in file order. */
    public List<ResourceConfig> resourcesOfKind(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }
}
