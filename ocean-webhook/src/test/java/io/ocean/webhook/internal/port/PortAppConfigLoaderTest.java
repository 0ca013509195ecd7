package io.ocean.webhook.internal.port;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.core.OceanException;
import io.ocean.core.config.PortAppConfig;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code, then the working directory's file, then the classpath resource; none is an empty config. */
class PortAppConfigLoaderTest {

    private static final String FILE_CONFIG = "resources:\n  - {kind: fromFile, port: {entity: {mappings: "
            + "{identifier: .id, blueprint: '\"x\"'}}}}\n";
    private static final String RESOURCE_CONFIG = FILE_CONFIG.replace("fromFile", "fromResource");

    @TempDir
    Path workingDir;
    @TempDir
    Path classpathRoot;

    private ClassLoader classpathWithResource() throws Exception {
        Path resource = classpathRoot.resolve(PortAppConfigLoader.DEFAULT_PATH);
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, RESOURCE_CONFIG);
        return new URLClassLoader(new URL[] {classpathRoot.toUri().toURL()}, null);
    }

    private void writeWorkingDirFile(String content) throws Exception {
        Path file = workingDir.resolve(PortAppConfigLoader.DEFAULT_PATH);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void codeWinsOverEverything() throws Exception {
        writeWorkingDirFile(FILE_CONFIG);
        PortAppConfig code = PortAppConfig.empty();

        assertThat(PortAppConfigLoader.load(code, workingDir, classpathWithResource())).isSameAs(code);
    }

    @Test
    void theWorkingDirectoryFileWinsOverTheClasspath() throws Exception {
        writeWorkingDirFile(FILE_CONFIG);

        PortAppConfig config = PortAppConfigLoader.load(null, workingDir, classpathWithResource());

        assertThat(config.resources()).extracting(r -> r.kind()).containsExactly("fromFile");
    }

    @Test
    void theClasspathResourceServesWhenThereIsNoFile() throws Exception {
        PortAppConfig config = PortAppConfigLoader.load(null, workingDir, classpathWithResource());

        assertThat(config.resources()).extracting(r -> r.kind()).containsExactly("fromResource");
    }

    @Test
    void nothingAtAllIsAnEmptyConfig() {
        PortAppConfig config = PortAppConfigLoader.load(null, workingDir, new URLClassLoader(new URL[0], null));

        assertThat(config.resources()).isEmpty();
    }

    @Test
    void aBrokenFileFailsNamingIt() throws Exception {
        writeWorkingDirFile("resources: [ {kind: x} ]\n");

        assertThatThrownBy(() -> PortAppConfigLoader.load(null, workingDir, new URLClassLoader(new URL[0], null)))
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("port-app-config.yml")
                .hasMessageContaining("port is required");
    }
}
