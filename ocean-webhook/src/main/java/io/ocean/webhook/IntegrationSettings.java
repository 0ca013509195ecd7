package io.ocean.webhook;

import io.ocean.core.OceanException;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The integration's own settings, read-only: {@code cfg.integration.config} with the
 * {@code OCEAN__INTEGRATION__CONFIG__<NAME>} variables applied (names lower-cased). It is a {@code Map}, so
 * {@code get} and {@code getOrDefault} work as usual; {@link #require(String)} fails with the variable to set.
 */
public final class IntegrationSettings extends AbstractMap<String, String> {

    /** The prefix of the variables that fill these settings. */
    public static final String VARIABLE_PREFIX = "OCEAN__INTEGRATION__CONFIG__";

    private final Map<String, String> values;

    IntegrationSettings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * The value of a setting that must be there, such as a webhook secret.
     *
     * @param name the setting's name, such as {@code webhook_secret} (case-insensitive)
     * @return the value, never blank
     * @throws OceanException naming the variable to set, such as {@code OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET},
     *                        when the setting is missing or blank
     */
    public String require(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        String key = name.toLowerCase(Locale.ROOT);
        String value = values.containsKey(name) ? values.get(name) : values.get(key);
        if (value == null || value.isBlank()) {
            throw new OceanException("the integration setting " + key + " is " + (value == null ? "missing" : "blank")
                    + ": set the environment variable " + variable(name) + " (or cfg.integration.config.put(\""
                    + key + "\", ...) in code)");
        }
        return value;
    }

    /** The environment variable that sets {@code name}: {@code webhook_secret} is {@code OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET}. */
    public static String variable(String name) {
        return VARIABLE_PREFIX + name.toUpperCase(Locale.ROOT);
    }

    @Override
    public String get(Object key) {
        return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return values.entrySet();
    }
}
