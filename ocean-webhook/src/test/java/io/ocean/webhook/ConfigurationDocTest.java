package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.webhook.internal.EnvironmentSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists every setting of {@link OceanConfig} — field, variable, alias, default — exactly, and
 * nothing else, so the page cannot drift from the code.
 */
class ConfigurationDocTest {

    private static final Path PAGE = Path.of(System.getProperty("ocean.root", "..")).resolve("docs/configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([\\w.]+)` \\| `(OCEAN__\\w+)` \\| ([^|]*) \\| ([^|]*) \\|.*$");
    private static final Map<String, String> ALIASES = Map.of(
            "OCEAN__INTEGRATION__BASE_URL", "`OCEAN__BASE_URL`",
            "OCEAN__WEBHOOKS__WORKERS", "`OCEAN__EVENT_WORKERS_COUNT`",
            "OCEAN__WEBHOOKS__MAX_EVENT_PROCESSING_SECONDS", "`OCEAN__MAX_EVENT_PROCESSING_SECONDS`",
            "OCEAN__RESYNC__INTERVAL_MINUTES", "`OCEAN__SCHEDULED_RESYNC_INTERVAL`");

    @Test
    void thePageListsEverySettingWithItsVariableAliasAndDefault() throws Exception {
        OceanConfig defaults = Ocean.create(Map.of(), cfg -> { }).config();
        List<String> expected = new ArrayList<>();
        for (EnvironmentSettings.Setting setting : EnvironmentSettings.settings(defaults)) {
            expected.add(setting.group() + "." + setting.field() + " | " + setting.variable() + " | "
                    + ALIASES.getOrDefault(setting.variable(), "") + " | " + format(defaultOf(defaults, setting)));
        }
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(PAGE)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                documented.add(row.group(1) + " | " + row.group(2) + " | " + row.group(3).trim() + " | "
                        + row.group(4).trim());
            }
        }

        assertThat(documented).as("rows of docs/configuration.md; expected:\n%s", String.join("\n", expected))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Object defaultOf(OceanConfig config, EnvironmentSettings.Setting setting)
            throws ReflectiveOperationException {
        Object group = OceanConfig.class.getField(setting.group()).get(config);
        return group.getClass().getField(setting.field()).get(group);
    }

    private static String format(Object value) {
        return value == null ? "none" : "`" + value + "`";
    }
}
