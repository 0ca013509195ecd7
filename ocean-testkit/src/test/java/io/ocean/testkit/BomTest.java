package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM manages the WireMock the test kit is built with, so that an author's own stubs use the same one. */
class BomTest {

    @Test
    void theBomManagesTheWiremockVersionTheTestKitUses() throws Exception {
        Path root = Path.of(System.getProperty("ocean.root", ".."));
        Matcher reactor = Pattern.compile("<wiremock.version>([^<]+)</wiremock.version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        Matcher bom = Pattern.compile("<artifactId>wiremock-standalone</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(root.resolve("ocean-bom/pom.xml")));

        assertThat(reactor.find()).isTrue();
        assertThat(bom.find()).as("ocean-bom manages org.wiremock:wiremock-standalone").isTrue();
        assertThat(bom.group(1)).isEqualTo(reactor.group(1));
    }
}
