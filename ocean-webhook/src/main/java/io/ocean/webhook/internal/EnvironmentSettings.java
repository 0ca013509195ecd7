package io.ocean.webhook.internal;

import io.ocean.core.OceanException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fills config groups from variables named {@code OCEAN__<GROUP>__<FIELD_IN_UPPER_SNAKE>}: every public, non-final
 * field of type int, long, double, boolean, String, Path or Duration (seconds, or ISO-8601 like {@code PT5S}) of every
 * public final group field. A value that does not parse fails with the variable's name.
 */
public final class EnvironmentSettings {

    /** The prefix of every variable. */
    public static final String PREFIX = "OCEAN__";

    /** One setting: the group and field it fills, and its variable. */
    public record Setting(String group, String field, Class<?> type, String variable) {
    }

    private EnvironmentSettings() {
    }

    /** Every setting of the config object, in declaration order. */
    public static List<Setting> settings(Object config) {
        List<Setting> settings = new ArrayList<>();
        for (Field group : config.getClass().getFields()) {
            if (!Modifier.isFinal(group.getModifiers()) || Modifier.isStatic(group.getModifiers())) {
                continue;
            }
            for (Field field : group.getType().getFields()) {
                if (Modifier.isFinal(field.getModifiers()) || Modifier.isStatic(field.getModifiers())
                        || !supported(field.getType())) {
                    continue;
                }
                settings.add(new Setting(group.getName(), field.getName(), field.getType(),
                        PREFIX + upperSnake(group.getName()) + "__" + upperSnake(field.getName())));
            }
        }
        return settings;
    }

    /**
     * Applies the variables found in {@code environment} to {@code config}; aliases (Python framework names) apply
     * first, so that the canonical name wins when both are set.
     *
     * @throws OceanException naming the variable when a value does not parse
     */
    public static void apply(Object config, Map<String, String> environment, Map<String, String> aliases) {
        Map<String, String> values = new LinkedHashMap<>();
        aliases.forEach((alias, canonical) -> {
            if (environment.containsKey(alias)) {
                values.put(canonical, environment.get(alias));
            }
        });
        environment.forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                values.put(name, value);
            }
        });
        for (Setting setting : settings(config)) {
            String value = values.get(setting.variable());
            if (value != null) {
                set(config, setting, value);
            }
        }
    }

    private static void set(Object config, Setting setting, String text) {
        try {
            Object group = config.getClass().getField(setting.group()).get(config);
            group.getClass().getField(setting.field()).set(group, parse(setting, text.trim()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set " + setting.group() + "." + setting.field(), e);
        }
    }

    private static Object parse(Setting setting, String text) {
        Class<?> type = setting.type();
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(text);
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(text);
            }
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(text);
            }
            if (type == boolean.class || type == Boolean.class) {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("not true or false");
                }
                return Boolean.parseBoolean(text);
            }
            if (type == Path.class) {
                return Path.of(text);
            }
            if (type == Duration.class) {
                return text.startsWith("P") || text.startsWith("p") ? Duration.parse(text)
                        : Duration.ofMillis((long) (Double.parseDouble(text) * 1000));
            }
            return text;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new OceanException(setting.variable() + "='" + text + "' is not a valid "
                    + type.getSimpleName().toLowerCase(Locale.ROOT) + (type == Duration.class
                    ? " (seconds, or ISO-8601 such as PT5S)" : "") + " for " + setting.group() + "." + setting.field());
        }
    }

    private static boolean supported(Class<?> type) {
        return type.isPrimitive() || type == String.class || type == Path.class || type == Duration.class
                || type == Integer.class || type == Long.class || type == Double.class || type == Boolean.class;
    }

    /** {@code queueCapacity} → {@code QUEUE_CAPACITY}. */
    public static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
