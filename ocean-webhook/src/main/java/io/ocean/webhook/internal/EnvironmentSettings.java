package io.ocean.webhook.internal;

import io.ocean.core.OceanException;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
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
 * public final group field. A value that does not parse fails with the variable's name. A field of type
 * {@link EventStore} takes a store setting ({@code memory}, {@code sqlite}, or a JDBC URL), made with
 * {@link EventStores#fromSetting} and the group's {@code storeUser}, {@code storePassword} and {@code storeSchema}
 * once every other variable is applied.
 */
public final class EnvironmentSettings {

    /** The prefix of every variable. */
    public static final String PREFIX = "OCEAN__";
    /** The prefix of the integration's own settings, {@code cfg.integration.config}. */
    private static final String INTEGRATION_CONFIG = "OCEAN__INTEGRATION__CONFIG__";
    /** The Python framework's variable names, mapped to ours. */
    public static final Map<String, String> ALIASES = Map.of(
            "OCEAN__BASE_URL", "OCEAN__INTEGRATION__BASE_URL",
            "OCEAN__EVENT_WORKERS_COUNT", "OCEAN__WEBHOOKS__WORKERS",
            "OCEAN__MAX_EVENT_PROCESSING_SECONDS", "OCEAN__WEBHOOKS__MAX_EVENT_PROCESSING_SECONDS");

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
     * Applies every variable of an Ocean config: the settings (Python framework names included), and
     * {@code OCEAN__INTEGRATION__CONFIG__<NAME>} into {@code integration.config} under the lower-case name.
     */
    public static void applyOcean(io.ocean.webhook.OceanConfig config, Map<String, String> environment) {
        apply(config, environment, ALIASES);
        environment.forEach((name, value) -> {
            if (name.startsWith(INTEGRATION_CONFIG) && name.length() > INTEGRATION_CONFIG.length()) {
                config.integration.config.put(name.substring(INTEGRATION_CONFIG.length()).toLowerCase(Locale.ROOT),
                        value);
            }
        });
    }

    /** The implementation version of the jar of the first caller outside {@code front}, or null. */
    public static String callerVersion(Class<?> front) {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(type -> type != front && type != EnvironmentSettings.class).findFirst())
                .map(type -> type.getPackage() == null ? null : type.getPackage().getImplementationVersion())
                .orElse(null);
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
        List<Setting> stores = new ArrayList<>();
        for (Setting setting : settings(config)) {
            String value = values.get(setting.variable());
            if (value != null && setting.type() == EventStore.class) {
                stores.add(setting);
            } else if (value != null) {
                set(config, setting, value);
            }
        }
        for (Setting setting : stores) {
            setStore(config, setting, values.get(setting.variable()).trim());
        }
    }

    /** The user, password and schema come from the same group, already set; the password is never echoed. */
    private static void setStore(Object config, Setting setting, String text) {
        try {
            Object group = config.getClass().getField(setting.group()).get(config);
            EventStore store = EventStores.fromSetting(text, (String) optional(group, "storeUser"),
                    (String) optional(group, "storePassword"), (String) optional(group, "storeSchema"));
            group.getClass().getField(setting.field()).set(group, store);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set " + setting.group() + "." + setting.field(), e);
        } catch (RuntimeException e) {
            if (e instanceof OceanException) {
                throw new OceanException(setting.variable() + ": " + e.getMessage(), e);
            }
            throw new OceanException(setting.variable() + " could not be applied: " + e.getMessage(), e);
        }
    }

    private static Object optional(Object group, String field) throws IllegalAccessException {
        try {
            return group.getClass().getField(field).get(group);
        } catch (NoSuchFieldException e) {
            return null;
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
                || type == EventStore.class
                || type == Integer.class || type == Long.class || type == Double.class || type == Boolean.class;
    }

    /** {@code queueCapacity} → {@code QUEUE_CAPACITY}. */
    public static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
