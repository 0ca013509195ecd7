package io.ocean.webhook.internal.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlueprintsFileTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noFileMeansNoBlueprints(@TempDir Path dir) {
        assertThat(BlueprintsFile.load(dir, new java.net.URLClassLoader(new java.net.URL[0], null))).isEmpty();
    }

    @Test
    void aFileThatIsNotAnArrayOfBlueprintsFailsNamingWhatIsWrong() {
        assertThatThrownBy(() -> BlueprintsFile.parse(bytes("{\"identifier\": \"x\"}"), "f.json"))
                .hasMessage("f.json must be a JSON array of blueprints, got OBJECT");
        assertThatThrownBy(() -> BlueprintsFile.parse(bytes("[{\"title\": \"x\"}]"), "f.json"))
                .hasMessage("f.json[0].identifier is required (a string)");
        assertThatThrownBy(() -> BlueprintsFile.parse(bytes("[{\"identifier\": \"a\", \"relations\": []}]"), "f.json"))
                .hasMessage("f.json[0].relations must be an object");
        assertThatThrownBy(() -> BlueprintsFile.parse(bytes("[{"), "f.json")).hasMessageStartingWith("f.json is not JSON");
    }

    @Test
    void blueprintsAreReadInOrder() {
        assertThat(BlueprintsFile.parse(bytes("[{\"identifier\": \"a\"}, {\"identifier\": \"b\"}]"), "f.json"))
                .extracting(b -> b.get("identifier").asText()).containsExactly("a", "b");
    }
}
