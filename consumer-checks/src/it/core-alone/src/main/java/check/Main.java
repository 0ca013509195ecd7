package check;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.PortAppConfig;
import java.util.jar.JarFile;

/** ocean-core on its own: YAML config, Jackson, raw results; and the jar names its module. */
public final class Main {

    public static void main(String[] args) throws Exception {
        PortAppConfig config = PortAppConfig.fromYaml("""
                resources:
                  - kind: ticket
                    selector:
                      query: "true"
                    port:
                      entity:
                        mappings:
                          identifier: .id
                          title: .title
                          blueprint: '"ticket"'
                """);
        check(config.resourcesOfKind("ticket").size() == 1, "one resource of kind ticket");
        WebhookEventRawResults raw = WebhookEventRawResults.updated(new ObjectMapper().readTree("{\"id\":\"T-1\"}"));
        check(raw.updatedRawResults().size() == 1, "one updated raw result");
        checkModuleName(PortAppConfig.class, "io.ocean.core");
        System.out.println("ocean-core alone: OK");
    }

    static void checkModuleName(Class<?> type, String expected) throws Exception {
        String jar = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        try (JarFile file = new JarFile(jar)) {
            String name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            check(expected.equals(name), jar + " has Automatic-Module-Name " + expected + ", not " + name);
        }
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("expected " + what);
        }
    }
}
