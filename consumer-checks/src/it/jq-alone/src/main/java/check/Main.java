package check;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.jq.JqEntityMapper;
import io.ocean.jq.MappingResult;
import java.util.List;
import java.util.jar.JarFile;

/**
 * ocean-jq on its own. Before each module declared convergent Jackson versions, this failed with
 * NoClassDefFoundError: com/fasterxml/jackson/annotation/JsonSerializeAs (databind from ocean-core beside the
 * annotations jackson-jq brings).
 */
public final class Main {

    public static void main(String[] args) throws Exception {
        ResourceConfig resource = PortAppConfig.fromYaml("""
                resources:
                  - kind: ticket
                    selector:
                      query: .status != "deleted"
                    port:
                      entity:
                        mappings:
                          identifier: .key | ascii_downcase
                          title: .fields.summary
                          blueprint: '"ticket"'
                          properties:
                            status: .fields.status
                """).resourcesOfKind("ticket").get(0);
        MappingResult result = JqEntityMapper.create().map(resource, List.of(new ObjectMapper().readTree(
                "{\"key\":\"ACME-1\",\"status\":\"open\",\"fields\":{\"summary\":\"Broken\",\"status\":\"To Do\"}}")));
        check(result.errors().isEmpty(), "no mapping errors, got " + result.errors());
        check(result.passed().size() == 1, "one entity, got " + result.passed());
        check(result.passed().get(0).identifierText().equals("acme-1"), "identifier acme-1");
        checkModuleName(JqEntityMapper.class, "io.ocean.jq");
        System.out.println("ocean-jq alone: OK");
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
