package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ocean.core.OceanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FixturesTest {

    private static final Path SHARED = Path.of(System.getProperty("ocean.fixtures.shared",
            System.getProperty("maven.multiModuleProjectDirectory", "..") + "/../shared/fixtures"));

    @Test
    void listsEveryBundledGithubFixture() throws IOException {
        Path bundled = Path.of("src/main/resources/io/ocean/testkit/fixtures/github");
        try (Stream<Path> files = Files.list(bundled)) {
            assertThat(Fixtures.github()).containsExactlyInAnyOrderElementsOf(
                    files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void bundledFixturesAreByteForByteTheSharedOnes() throws IOException {
        assumeTrue(Files.isDirectory(SHARED), "no shared/fixtures beside this checkout");
        Path bundled = Path.of("src/main/resources/io/ocean/testkit/fixtures");
        try (Stream<Path> files = Files.walk(SHARED)) {
            for (Path shared : files.filter(Files::isRegularFile).toList()) {
                Path copy = bundled.resolve(SHARED.relativize(shared).toString());
                assertThat(Files.readAllBytes(copy)).as(copy.toString()).isEqualTo(Files.readAllBytes(shared));
            }
        }
    }

    @Test
    void readsAFixtureAsBytes() {
        assertThat(new String(Fixtures.bytes("github/issues.opened.json"))).contains("\"action\": \"opened\"");
    }

    @Test
    void anUnknownFixtureNamesTheChoices() {
        assertThatThrownBy(() -> Fixtures.bytes("github/nope.json"))
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("issues.opened.json");
    }
}
