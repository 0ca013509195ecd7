package io.ocean.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/** Who this integration is, and its own settings ({@code cfg.integration.config.put("app_host", ...)}). */
public final class IntegrationConfig {

    /** The integration's identifier in Port. */
    public String identifier = "my-integration";

    /** The integration's type, such as {@code github}. */
    public String type = "custom";

    /** The integration's version; by default the implementation version of the jar that calls {@link Ocean#create}. */
    public String version = "0.0.0";

    /** The public URL this integration is reached at ({@code OCEAN__BASE_URL}), for registering webhooks; or null. */
    public String baseUrl;

    /** The integration's own settings, read back with {@link Ocean#integrationConfig()}. */
    public final Map<String, String> config = new LinkedHashMap<>();

    void validate() {
        if (identifier == null || identifier.isBlank()) {
            throw new IllegalArgumentException("integration.identifier must not be blank");
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("integration.type must not be blank");
        }
    }
}
